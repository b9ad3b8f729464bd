/* Kernel constants and system calls that older headers and C libraries lack.
 * Debian 12 ships 6.1 headers; everything newer is defined here, probed at run time. */
#ifndef NSTOOLS_KERNEL_H
#define NSTOOLS_KERNEL_H

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef CLONE_NEWCGROUP
# define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
# define CLONE_NEWTIME 0x00000080
#endif
#ifndef CLONE_PIDFD
# define CLONE_PIDFD 0x00001000
#endif

/* clone3 (Linux 5.3): the one way to make a time namespace with the child.
 * struct clone_args of <linux/sched.h>, version 0. */
#ifndef SYS_clone3
# define SYS_clone3 435
#endif
struct clone_args_v0 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

#ifndef NSIO
# define NSIO 0xb7
#endif
#ifndef NS_GET_USERNS
# define NS_GET_USERNS _IO(NSIO, 0x1)
#endif
#ifndef NS_GET_PARENT
# define NS_GET_PARENT _IO(NSIO, 0x2)
#endif
#ifndef NS_GET_NSTYPE
# define NS_GET_NSTYPE _IO(NSIO, 0x3)
#endif
#ifndef NS_GET_OWNER_UID
# define NS_GET_OWNER_UID _IO(NSIO, 0x4)
#endif

#ifndef NSFS_MAGIC
# define NSFS_MAGIC 0x6e736673
#endif
#ifndef PIDFS_MAGIC
# define PIDFS_MAGIC 0x50494446
#endif

#ifndef SIOCGSKNS
# define SIOCGSKNS 0x894C
#endif

#ifndef SYS_pidfd_open
# define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
# define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_getfd
# define SYS_pidfd_getfd 438
#endif

/* PIDFD_GET_INFO (Linux 6.13): a process's IDs from its pidfd, as binary
 * numbers; the first version of the structure, which every kernel that has
 * the call accepts. */
struct pidfd_info_v0 {
	uint64_t mask;
	uint64_t cgroupid;
	uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
	uint32_t spare0[1];
};
#define NSTOOLS_PIDFD_GET_INFO _IOWR(0xFF, 11, struct pidfd_info_v0)
#define NSTOOLS_PIDFD_INFO_PID   (1UL << 0)
#define NSTOOLS_PIDFD_INFO_CREDS (1UL << 1)

/* Raw system calls, so a C library without the wrappers still builds and a
 * kernel without the calls answers ENOSYS, which callers fall back on. */
static inline int sys_pidfd_open(pid_t pid, unsigned int flags)
{
	return (int) syscall(SYS_pidfd_open, pid, flags);
}

static inline int sys_pidfd_send_signal(int pidfd, int sig)
{
	return (int) syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

static inline int sys_pidfd_getfd(int pidfd, int targetfd)
{
	return (int) syscall(SYS_pidfd_getfd, pidfd, targetfd, 0);
}

/* statx(2) tells the mount a path is on (Linux 5.8), and whether the path is
 * its root; glibc 2.28 has statx, the flags came later. */
#ifndef STATX_MNT_ID
# define STATX_MNT_ID 0x00001000U
#endif
#ifndef STATX_ATTR_MOUNT_ROOT
# define STATX_ATTR_MOUNT_ROOT 0x00002000
#endif
/* the 64-bit mount ID statmount takes (Linux 6.8) */
#ifndef STATX_MNT_ID_UNIQUE
# define STATX_MNT_ID_UNIQUE 0x00004000U
#endif

/* statmount(2) and listmount(2), Linux 6.8: a mount's propagation without
 * parsing mountinfo. The structures are named apart from <linux/mount.h>'s,
 * which newer headers have and glibc's <sys/mount.h> clashes with. */
#ifndef SYS_statmount
# define SYS_statmount 457
#endif
#ifndef SYS_listmount
# define SYS_listmount 458
#endif
#ifndef MNT_ID_REQ_SIZE_VER0
# define MNT_ID_REQ_SIZE_VER0 24
#endif
#ifndef STATMOUNT_MNT_BASIC
# define STATMOUNT_MNT_BASIC 0x00000002U
#endif
#ifndef STATMOUNT_PROPAGATE_FROM
# define STATMOUNT_PROPAGATE_FROM 0x00000004U
#endif
#ifndef STATMOUNT_MNT_ROOT
# define STATMOUNT_MNT_ROOT 0x00000008U
#endif
#ifndef STATMOUNT_MNT_POINT
# define STATMOUNT_MNT_POINT 0x00000010U
#endif
#ifndef STATMOUNT_FS_TYPE
# define STATMOUNT_FS_TYPE 0x00000020U
#endif
#ifndef STATMOUNT_FS_SUBTYPE
# define STATMOUNT_FS_SUBTYPE 0x00000100U
#endif
#ifndef STATMOUNT_SB_SOURCE
# define STATMOUNT_SB_SOURCE 0x00000200U
#endif
#ifndef STATMOUNT_SUPPORTED_MASK
# define STATMOUNT_SUPPORTED_MASK 0x00001000U
#endif
#ifndef LSMT_ROOT
# define LSMT_ROOT 0xffffffffffffffffULL
#endif

struct mnt_id_req_v0 {
	uint32_t size;
	uint32_t spare;
	uint64_t mnt_id;
	uint64_t param;
};

/* struct statmount as far as supported_mask (Linux 6.14); the kernel writes
 * what it has, and the strings after the fixed part (at offset 512) */
struct statmount_v1 {
	uint32_t size;
	uint32_t mnt_opts;
	uint64_t mask;
	uint32_t sb_dev_major;
	uint32_t sb_dev_minor;
	uint64_t sb_magic;
	uint32_t sb_flags;
	uint32_t fs_type;
	uint64_t mnt_id;
	uint64_t mnt_parent_id;
	uint32_t mnt_id_old;
	uint32_t mnt_parent_id_old;
	uint64_t mnt_attr;
	uint64_t mnt_propagation;
	uint64_t mnt_peer_group;
	uint64_t mnt_master;
	uint64_t propagate_from;
	uint32_t mnt_root;
	uint32_t mnt_point;
	uint64_t mnt_ns_id;
	uint32_t fs_subtype;
	uint32_t sb_source;
	uint32_t opt_num;
	uint32_t opt_array;
	uint32_t opt_sec_num;
	uint32_t opt_sec_array;
	uint64_t supported_mask;
	uint32_t mnt_uidmap_num;
	uint32_t mnt_uidmap;
	uint32_t mnt_gidmap_num;
	uint32_t mnt_gidmap;
	uint64_t spare2[43];
	char str[];
};
_Static_assert(sizeof(struct statmount_v1) == 512, "struct statmount is 512 bytes before its strings");

static inline int sys_statmount(uint64_t mnt_id, uint64_t mask, struct statmount_v1 *buf, size_t size)
{
	struct mnt_id_req_v0 req = { .size = MNT_ID_REQ_SIZE_VER0, .mnt_id = mnt_id, .param = mask };

	return (int) syscall(SYS_statmount, &req, buf, size, 0);
}

/* Up to N IDs of the mounts of our mount namespace that follow the one with
 * ID LAST (0: from the first), in the order the kernel keeps them. */
static inline ssize_t sys_listmount(uint64_t last, uint64_t *ids, size_t n)
{
	struct mnt_id_req_v0 req = { .size = MNT_ID_REQ_SIZE_VER0, .mnt_id = LSMT_ROOT, .param = last };

	return (ssize_t) syscall(SYS_listmount, &req, ids, n, 0);
}

/* The mount API (Linux 5.2): a bind mount made from a descriptor and attached
 * onto a descriptor, so that no path is resolved twice. */
#ifndef SYS_open_tree
# define SYS_open_tree 428
#endif
#ifndef SYS_move_mount
# define SYS_move_mount 429
#endif
#ifndef OPEN_TREE_CLONE
# define OPEN_TREE_CLONE 1
#endif
#ifndef AT_RECURSIVE
# define AT_RECURSIVE 0x8000
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
# define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#endif
#ifndef MOVE_MOUNT_T_EMPTY_PATH
# define MOVE_MOUNT_T_EMPTY_PATH 0x00000040
#endif

static inline int sys_open_tree(int dirfd, const char *path, unsigned int flags)
{
	return (int) syscall(SYS_open_tree, dirfd, path, flags | O_CLOEXEC);
}

/* Attach the detached tree TREE onto what the descriptor TARGET refers to. */
static inline int sys_move_mount_fd(int tree, int target)
{
	return (int) syscall(SYS_move_mount, tree, "", target, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH);
}

#endif

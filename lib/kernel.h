/* Kernel constants and system calls that older headers and C libraries lack.
 * Debian 12 ships 6.1 headers; everything newer is defined here, probed at run time. */
#ifndef NSTOOLS_KERNEL_H
#define NSTOOLS_KERNEL_H

#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
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

#endif

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kernel.h"
#include "mountpoint.h"
#include "netnspin.h"
#include "nsfile.h"
#include "nsname.h"
#include "pin.h"
#include "propagation.h"
#include "safepath.h"
#include "tool.h"

#ifndef NS_GET_MNTNS_ID
# define NS_GET_MNTNS_ID _IOR(NSIO, 0x5, uint64_t)
#endif

char *pin_resolve(const char *arg, bool prepare)
{
	char *path, *copy;

	if (strchr(arg, '/')) {
		path = strdup(arg);
		copy = strdup(arg);
		if (!path || !copy)
			err(tool_failure, NULL);
		if (prepare && strcmp(dirname(copy), IPROUTE2_NETNS_DIR) == 0)
			pin_root_prepare(IPROUTE2_NETNS_DIR);
		free(copy);
		return path;
	}
	ns_name_check(arg);
	if (prepare)
		pin_root_prepare(pin_root());
	if (asprintf(&path, "%s/%s", pin_root(), arg) < 0)
		err(tool_failure, NULL);
	return path;
}

/* /proc/self/fd/N: the file a descriptor refers to, for the calls that take
 * a path (mount(2) on old kernels, umount2): the kernel follows the link to
 * that very file, whatever is at its name now. */
static char *fd_path(int fd, char buf[static 32])
{
	snprintf(buf, 32, "/proc/self/fd/%d", fd);
	return buf;
}

/* Take back the directory NAME in PARENT that we made a moment ago, if it is
 * still one of ours (rmdir takes only an empty one). */
static void unmake_dir(int parent, const char *name)
{
	struct stat st;
	int saved_errno = errno;

	if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid())
		unlinkat(parent, name, AT_REMOVEDIR);
	errno = saved_errno;
}

/* The directory entry NAME in PARENT, which PATH names to the user: made if
 * missing, then opened without following links. */
static int open_or_make_dir(int parent, const char *name, const char *path, bool *created)
{
	struct stat st;
	int fd;

	*created = mkdirat(parent, name, 0755) == 0;
	if (!*created && errno != EEXIST) {
		warn(_("%s: cannot make the directory"), path);
		return -1;
	}
	fd = path_open_entry(parent, name, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		warnx(errno == ENOTDIR ? _("%s: exists and is not a directory") : "%s: %s", path, path_error(errno));
		if (*created)
			unmake_dir(parent, name);
		return -1;
	}
	if (*created && fstat(fd, &st) != 0) {
		warn("%s", path);
		close(fd);
		unmake_dir(parent, name);
		return -1;
	}
	/* one we made was swapped for another before we opened it */
	if (*created && st.st_uid != geteuid()) {
		warnx(_("%s: replaced while being made: refused"), path);
		close(fd);
		return -1;
	}
	return fd;
}

/* Bind the directory DIRFD onto itself, a mount of its own in a peer group of
 * none: the copy is made private while it is detached, then attached in one
 * step, so a kill at any point leaves no mount, or a mount of its own. */
static int bind_onto_itself(int dirfd)
{
	char self[32];
	int tree = sys_open_tree(dirfd, "", OPEN_TREE_CLONE | AT_RECURSIVE | AT_EMPTY_PATH);

	if (tree < 0 && errno == ENOSYS)
		/* Linux before 5.2: a kill before the private below leaves the
		 * copy in its source's peer group */
		return mount(fd_path(dirfd, self), fd_path(dirfd, self), NULL, MS_BIND | MS_REC, NULL);
	if (tree < 0)
		return -1;
	if (set_propagation(tree, "", MS_PRIVATE, false) != 0 || sys_move_mount_fd(tree, dirfd) != 0) {
		int saved_errno = errno;

		close(tree);
		errno = saved_errno;
		return -1;
	}
	close(tree);
	return 0;
}

/* Make DIR a mount point of its own, then shared (SHARED) or private. */
static void prepare_root(const char *dir, bool shared)
{
	unsigned long flags = 0;
	char *name;
	bool created;
	int parent, lockfd, fd;

	parent = path_open_parent(dir, &name);
	if (parent < 0)
		errx(tool_failure, _("%s: cannot make the pin root: %s"), dir, path_error(errno));
	lockfd = open_or_make_dir(parent, name, dir, &created);
	if (lockfd < 0)
		exit(tool_failure);
	/* parallel first runs would each bind the directory onto itself */
	if (flock(lockfd, LOCK_EX) != 0)
		err(tool_failure, _("%s: cannot lock"), dir);
	/* the name again, now that we hold the lock: an earlier run may have
	 * bound a root over the directory LOCKFD is */
	fd = path_open_entry(parent, name, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		err(tool_failure, "%s", dir);
	if (!fd_is_mount_root(fd)) {
		/* not knowing is not "no": a root bound again would stack */
		if (errno != 0)
			err(tool_failure, "%s", dir);
		if (bind_onto_itself(fd) != 0)
			err(tool_failure, _("%s: cannot make the pin root a mount point"), dir);
		/* the mount on top, reached through the name again */
		close(fd);
		fd = path_open_entry(parent, name, O_RDONLY | O_DIRECTORY);
		if (fd < 0)
			err(tool_failure, "%s", dir);
		if (set_propagation(fd, "", MS_PRIVATE, false) != 0)
			err(tool_failure, _("%s: cannot make the pin root private"), dir);
	}
	if (shared && (mount_propagation_of(fd, &flags, NULL) != 0 || !(flags & MS_SHARED)) &&
	    set_propagation(fd, "", MS_SHARED, false) != 0)
		err(tool_failure, _("%s: cannot make the pin root shared"), dir);
	/* the copies other mount namespaces got of it stay theirs */
	if (!shared && (mount_propagation_of(fd, &flags, NULL) != 0 || (flags & (MS_SHARED | MS_SLAVE))) &&
	    set_propagation(fd, "", MS_PRIVATE, false) != 0)
		err(tool_failure, _("%s: cannot make the pin root private"), dir);
	close(fd);
	close(lockfd);
	close(parent);
	free(name);
}

void pin_root_prepare(const char *dir)
{
	prepare_root(dir, true);
}

void pin_root_prepare_private(const char *dir)
{
	prepare_root(dir, false);
}

/* The type of the namespace a descriptor opened with O_PATH refers to:
 * reopened through /proc/self/fd only once it is known to be on nsfs, so
 * nothing else is ever opened for real. */
static const struct ns_type *pin_fd_type(int pathfd)
{
	struct statfs sfs;
	const struct ns_type *type;
	char self[32];
	int fd, saved_errno;

	errno = 0;
	if (fstatfs(pathfd, &sfs) != 0 || sfs.f_type != NSFS_MAGIC)
		return NULL;
	fd = open(fd_path(pathfd, self), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return NULL;
	type = ns_fd_type(fd);
	saved_errno = errno;
	close(fd);
	errno = saved_errno;
	return type;
}

/* What pin_create makes before the mount goes on it, and what a kill leaves
 * between the two: empty, mode 0 (as ip netns makes its own), made by us. */
static bool is_placeholder(const struct stat *st)
{
	return S_ISREG(st->st_mode) && st->st_size == 0 && (st->st_mode & 07777) == 0 &&
	       (st->st_uid == geteuid() || st->st_uid == 0);
}

int pin_check_at(int dirfd, const char *name, const struct ns_type **type, unsigned long long *inode)
{
	const struct ns_type *found;
	struct stat st;
	int fd, saved_errno;

	fd = path_open_entry(dirfd, name, O_PATH | O_NOFOLLOW);
	if (fd < 0)
		return -1;
	found = pin_fd_type(fd);
	saved_errno = errno;
	if (found && fstat(fd, &st) != 0)
		found = NULL, saved_errno = errno;
	close(fd);
	if (!found) {
		errno = saved_errno;
		return errno ? -1 : 0;
	}
	if (type)
		*type = found;
	if (inode)
		*inode = (unsigned long long) st.st_ino;
	return 1;
}

bool pin_is_pin(const char *path, const struct ns_type **type, unsigned long long *inode)
{
	char *name;
	int parent = path_open_parent(path, &name), rc;

	if (parent < 0)
		return false;
	rc = pin_check_at(parent, name, type, inode);
	close(parent);
	free(name);
	if (rc == 0)
		errno = 0;
	return rc == 1;
}

static uint64_t mount_ns_id(int fd)
{
	uint64_t id = 0;

	return ioctl(fd, NS_GET_MNTNS_ID, &id) == 0 ? id : 0;
}

/* The kernel answers EINVAL to a mount namespace pin for two different
 * reasons, both meant to keep a namespace from pinning itself in a loop. */
static void explain_mount_ns_refusal(int nsfd, const char *path)
{
	char *copy = strdup(path), *target = NULL;
	unsigned long flags = 0;
	uint64_t pinned_id, our_id = 0;
	int ours, dirfd = copy ? open(dirname(copy), O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;

	if (dirfd >= 0 && mount_propagation_of(dirfd, &flags, &target) == 0 && (flags & MS_SHARED)) {
		warnx(_("%s: a mount namespace can only be pinned on a private mount, and %s is "
			"shared (make it private: mountprop --make-private %s)"),
		      path, target, target);
		goto done;
	}
	pinned_id = mount_ns_id(nsfd);
	ours = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	if (ours >= 0) {
		our_id = mount_ns_id(ours);
		close(ours);
	}
	if ((pinned_id && pinned_id == our_id) || (!pinned_id && ns_is_ours(nsfd, ns_type_by_flag(CLONE_NEWNS)))) {
		warnx(_("%s: a mount namespace cannot be pinned inside itself"), path);
		goto done;
	}
	if (pinned_id && our_id && pinned_id < our_id) {
		warnx(_("%s: the kernel pins a mount namespace only in an older one, and this one "
			"(id %" PRIu64 ") is not newer than ours (id %" PRIu64 "); pin it from the "
			"initial mount namespace"),
		      path, pinned_id, our_id);
		goto done;
	}
	warnx(_("%s: cannot pin the mount namespace: %s"), path, strerror(EINVAL));
done:
	free(target);
	if (dirfd >= 0)
		close(dirfd);
	free(copy);
}

/* Attach the namespace NSFD onto the file FILEFD refers to: a clone of the
 * namespace file moved onto the descriptor (Linux 5.2), or on older kernels a
 * bind mount whose target is the descriptor's /proc/self/fd link, which the
 * kernel resolves to that file and no other. */
static int attach_namespace(int nsfd, int filefd)
{
	char source[32], target[32];
	int tree = sys_open_tree(nsfd, "", OPEN_TREE_CLONE | AT_EMPTY_PATH), rc, saved_errno;

	if (tree < 0 && errno == ENOSYS)
		return mount(fd_path(nsfd, source), fd_path(filefd, target), NULL, MS_BIND, NULL);
	if (tree < 0)
		return -1;
	rc = sys_move_mount_fd(tree, filefd);
	saved_errno = errno;
	close(tree);
	errno = saved_errno;
	return rc;
}

/* attach_namespace for a file known only by its NAME in DIRFD: opened
 * without following a link, or, where that open is what failed, named to
 * move_mount, which resolves that one component and follows no link at its
 * end. Never a path to mount(2): it would follow one. */
static int reattach_at(int nsfd, int dirfd, const char *name)
{
	int fd = path_open_entry(dirfd, name, O_PATH | O_NOFOLLOW), tree, rc, saved_errno;

	if (fd >= 0) {
		rc = attach_namespace(nsfd, fd);
		saved_errno = errno;
		close(fd);
		errno = saved_errno;
		return rc;
	}
	tree = sys_open_tree(nsfd, "", OPEN_TREE_CLONE | AT_EMPTY_PATH);
	if (tree < 0)
		return -1;
	rc = (int) syscall(SYS_move_mount, tree, "", dirfd, name, MOVE_MOUNT_F_EMPTY_PATH);
	saved_errno = errno;
	close(tree);
	errno = saved_errno;
	return rc;
}

/* Remove NAME from DIRFD if it still is the placeholder FD was opened on. */
static void remove_placeholder(int dirfd, const char *name, int fd)
{
	struct stat ours, now;

	if (fstat(fd, &ours) == 0 && fstatat(dirfd, name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    ours.st_dev == now.st_dev && ours.st_ino == now.st_ino)
		unlinkat(dirfd, name, 0);
}

/* Pin NSFD as NAME in DIRFD, which PATH names to the user. */
static int pin_create_at(int dirfd, const char *name, int nsfd, const struct ns_type *type, const char *path)
{
	const struct ns_type *pinned;
	unsigned long long inode;
	int fd, saved_errno;

	fd = openat(dirfd, name, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0);
	if (fd < 0) {
		saved_errno = errno;
		if (saved_errno == EEXIST && pin_check_at(dirfd, name, &pinned, &inode) == 1)
			warnx(_("%s: already pins %s:[%llu]"), path, pinned->name, inode);
		else {
			errno = saved_errno;
			warn("%s", path);
		}
		errno = saved_errno;
		return -1;
	}
	if (attach_namespace(nsfd, fd) != 0) {
		saved_errno = errno;
		if ((saved_errno == EINVAL || saved_errno == ELOOP) && type->flag == CLONE_NEWNS)
			explain_mount_ns_refusal(nsfd, path);
		else if (saved_errno == EPERM)
			warnx(_("%s: cannot pin the %s namespace: %s (pinning needs CAP_SYS_ADMIN in "
				"the user namespace that owns our mount namespace)"),
			      path, type->name, strerror(saved_errno));
		else {
			errno = saved_errno;
			warn(_("%s: cannot pin the %s namespace"), path, type->name);
		}
		remove_placeholder(dirfd, name, fd);
		close(fd);
		errno = saved_errno;
		return -1;
	}
	close(fd);
	return 0;
}

/* Pins and releases of one directory's entries wait for each other: each
 * run sees all of another's work or none of it. */
static int lock_directory(int dirfd, const char *path)
{
	if (flock(dirfd, LOCK_EX) != 0) {
		warn(_("%s: cannot lock"), path);
		return -1;
	}
	return 0;
}

/* unshare's --TYPE=FILE: an existing empty regular file, no pin yet, is
 * pinned onto where it is, through the descriptor it was checked on. */
static int pin_onto_empty_at(int dirfd, const char *name, int nsfd, const struct ns_type *type, const char *path)
{
	struct stat st;
	int fd = path_open_entry(dirfd, name, O_PATH | O_NOFOLLOW), rc, saved_errno;

	if (fd < 0) {
		if (errno == ENOENT)
			return pin_create_at(dirfd, name, nsfd, type, path);
		warnx("%s: %s", path, path_error(errno));
		return -1;
	}
	if (pin_fd_type(fd) || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != 0 ||
	    fd_is_mount_root(fd)) {
		warnx(_("%s: exists and is not an empty regular file: refused"), path);
		close(fd);
		return -1;
	}
	rc = attach_namespace(nsfd, fd);
	saved_errno = errno;
	if (rc != 0 && (saved_errno == EINVAL || saved_errno == ELOOP) && type->flag == CLONE_NEWNS)
		explain_mount_ns_refusal(nsfd, path);
	else if (rc != 0)
		warn(_("%s: cannot pin the %s namespace"), path, type->name);
	close(fd);
	return rc == 0 ? 1 : -1;
}

/* Pin NSFD at PATH, in its parent opened once and locked; onto an empty
 * file there too when ONTO_EMPTY. */
static int pin_at_path(int nsfd, const struct ns_type *type, const char *path, bool onto_empty)
{
	char *name;
	int parent = path_open_parent(path, &name), rc = -1;

	if (parent < 0) {
		warnx("%s: %s", path, path_error(errno));
		return -1;
	}
	if (lock_directory(parent, path) == 0)
		rc = onto_empty ? pin_onto_empty_at(parent, name, nsfd, type, path) :
			pin_create_at(parent, name, nsfd, type, path);
	close(parent);
	free(name);
	return rc;
}

int pin_create_file(int nsfd, const struct ns_type *type, const char *path)
{
	return pin_at_path(nsfd, type, path, true);
}

int pin_create(int nsfd, const struct ns_type *type, const char *path)
{
	return pin_at_path(nsfd, type, path, false);
}

/* The mount ID of what FD refers to; 0 when statx cannot say. */
static uint64_t mount_id_of(int fd)
{
	struct statx stx;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID, &stx) != 0 || !(stx.stx_mask & STATX_MNT_ID))
		return 0;
	return stx.stx_mnt_id;
}

/* Unmount the pin NAME in DIRFD, which PINFD (O_PATH) holds, and remove the
 * file under it. Each unmount is of the mount the descriptor refers to,
 * through its /proc/self/fd link, never of whatever the name leads to by
 * then, and its mount ID is checked gone after; the file removed is the one
 * found under the last pin, on the directory's own file system. -1 with errno. */
static int pin_remove_at(int dirfd, const char *name, int pinfd)
{
	struct stat st, dir;
	char self[32];
	int held = pinfd, under = -1, rc = -1, saved_errno;

	for (;;) {
		uint64_t pin_mount = mount_id_of(held);

		/* held across the unmount: a file that cannot be removed is
		 * pinned again. Being held, the mount is busy, and is detached
		 * (as ip netns delete does). */
		if (umount2(fd_path(held, self), MNT_DETACH) != 0)
			goto done;
		under = path_open_entry(dirfd, name, O_PATH | O_NOFOLLOW);
		if (under < 0)
			goto lost;
		if (!pin_fd_type(under))
			break;
		if (pin_mount && mount_id_of(under) == pin_mount) {
			errno = EBUSY;
			goto done;
		}
		/* a path pinned twice holds two mounts; the file goes with the last */
		if (held != pinfd)
			close(held);
		held = under;
		under = -1;
	}
	errno = ENOTEMPTY;
	if (fstat(under, &st) == 0 && fstat(dirfd, &dir) == 0 && st.st_dev == dir.st_dev &&
	    S_ISREG(st.st_mode) && st.st_size == 0 && unlinkat(dirfd, name, 0) == 0)
		rc = 0;
	if (rc != 0) {
		saved_errno = errno;
		attach_namespace(held, under);
		errno = saved_errno;
	}
	goto done;
lost:
	/* unmounted, and the file under it not to be had: put the pin back
	 * by its name in the directory held, without following a link there */
	saved_errno = errno;
	reattach_at(held, dirfd, name);
	errno = saved_errno;
done:
	saved_errno = errno;
	if (under >= 0)
		close(under);
	if (held != pinfd)
		close(held);
	errno = saved_errno;
	return rc;
}

/* Open DIR for pins: its parent locked, DIR made if missing, both held. */
int pin_dir_begin(struct pin_dir *dir, const char *path)
{
	*dir = (struct pin_dir) { .path = strdup(path), .parent = -1, .fd = -1 };
	if (!dir->path) {
		warn(NULL);
		return -1;
	}
	dir->parent = path_open_parent(path, &dir->name);
	if (dir->parent < 0) {
		warnx("%s: %s", path, path_error(errno));
		return -1;
	}
	if (lock_directory(dir->parent, path) != 0)
		return -1;
	dir->fd = open_or_make_dir(dir->parent, dir->name, path, &dir->created);
	return dir->fd < 0 ? -1 : 0;
}

static int remove_entry_pin(int dirfd, const char *name, const char *shown)
{
	int pinfd = path_open_entry(dirfd, name, O_PATH | O_NOFOLLOW), rc;

	rc = pinfd < 0 ? -1 : pin_remove_at(dirfd, name, pinfd);
	if (rc != 0)
		warn(_("%s/%s: cannot remove the pin"), shown, name);
	if (pinfd >= 0)
		close(pinfd);
	return rc;
}

int pin_dir_add(struct pin_dir *dir, int nsfd, const struct ns_type *type)
{
	char *path;
	int rc;

	if (asprintf(&path, "%s/%s", dir->path, type->name) < 0) {
		warn(NULL);
		return -1;
	}
	if (type->flag == CLONE_NEWNS && dir->by_name) {
		rc = mnt_pin_create(dir->by_name, nsfd);
		dir->mnt_pinned = rc == 0;
		free(path);
		return rc;
	}
	rc = pin_create_at(dir->fd, type->name, nsfd, type, path);
	if (rc == 0 && type->flag == CLONE_NEWNET && dir->by_name) {
		rc = netns_pin_create(dir->by_name, nsfd);
		if (rc != 0)
			remove_entry_pin(dir->fd, type->name, dir->path);
		dir->netns_pinned = rc == 0;
	}
	if (rc == 0)
		dir->pinned[ns_type_index(type)] = true;
	free(path);
	return rc;
}

/* Remove the directory NAME in PARENT if it still is the one FD holds. */
static int remove_directory(int parent, const char *name, int fd, const char *path)
{
	struct stat ours, now;

	if (fstat(fd, &ours) != 0 || fstatat(parent, name, &now, AT_SYMLINK_NOFOLLOW) != 0 ||
	    ours.st_dev != now.st_dev || ours.st_ino != now.st_ino) {
		warnx(_("%s: moved while being released: left as it is"), path);
		return -1;
	}
	if (unlinkat(parent, name, AT_REMOVEDIR) != 0) {
		warn(_("%s: cannot remove"), path);
		return -1;
	}
	return 0;
}

void pin_dir_rollback(struct pin_dir *dir)
{
	bool left = false;

	if (!dir->path || dir->fd < 0)
		return;
	if (dir->netns_pinned)
		netns_pin_undo(dir->by_name);
	if (dir->mnt_pinned)
		mnt_pin_undo(dir->by_name);
	dir->netns_pinned = dir->mnt_pinned = false;
	for_each_ns_type(t) {
		if (!dir->pinned[ns_type_index(t)])
			continue;
		if (remove_entry_pin(dir->fd, t->name, dir->path) != 0)
			left = true;
		dir->pinned[ns_type_index(t)] = false;
	}
	/* a pin that could not go keeps its directory: a pin directory still,
	 * which nspin --release takes, and no second message about it */
	if (dir->created && !left)
		remove_directory(dir->parent, dir->name, dir->fd, dir->path);
	dir->created = false;
}

void pin_dir_end(struct pin_dir *dir)
{
	if (dir->fd >= 0)
		close(dir->fd);
	if (dir->parent >= 0)
		close(dir->parent);
	free(dir->path);
	free(dir->name);
	*dir = (struct pin_dir) { .parent = -1, .fd = -1 };
}

/* The namespaces the process will run its command in: for pid and time,
 * those it makes its children in, which a time namespace made late is only. */
int pin_open_namespace_of(pid_t pid, const struct ns_type *type)
{
	char path[64];
	int fd;

	/* a pid or time namespace is its children's: the process made it for them */
	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int) pid, type->children_name ? type->children_name : type->proc_name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		warn("%s", path);
	return fd;
}

int pin_dir_of_process(struct pin_dir *pins, const char *arg, pid_t pid, int flags)
{
	char *dir;
	int rc;

	netns_pin_prepare(arg, flags);
	dir = pin_resolve(arg, true);
	rc = pin_dir_begin(pins, dir);
	free(dir);
	if (netns_pin_wanted(arg))
		pins->by_name = arg;
	for_each_ns_type(t) {
		int fd;

		if (rc != 0 || !(flags & t->flag))
			continue;
		fd = pin_open_namespace_of(pid, t);
		if (fd < 0) {
			rc = -1;
			continue;
		}
		rc = pin_dir_add(pins, fd, t);
		close(fd);
	}
	if (rc != 0)
		pin_dir_rollback(pins);
	return rc;
}

/* What ENTRY (O_PATH, not followed) of a directory is, when it is no pin. */
static const char *kind_of(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return _("not a regular file");
	if (S_ISLNK(st.st_mode))
		return _("a symbolic link");
	if (fd_is_mount_root(fd))
		return S_ISDIR(st.st_mode) ? _("a mount point") : _("a file mount");
	if (S_ISREG(st.st_mode))
		return _("a regular file");
	if (S_ISDIR(st.st_mode))
		return _("a directory");
	return _("not a regular file");
}

/* A pin directory holds pins named by type, and placeholders a killed run
 * left, and nothing else: which, in PINNED and LEFT. */
static int check_pin_directory(int dirfd, const char *path, bool pinned[NS_TYPE_MAX], bool left[NS_TYPE_MAX])
{
	DIR *dir;
	struct dirent *entry;
	int fd = dup(dirfd), rc = 0;

	if (fd < 0 || !(dir = fdopendir(fd))) {
		warn("%s", path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (rc == 0 && (errno = 0, entry = readdir(dir))) {
		const struct ns_type *type = ns_type_by_name(entry->d_name), *found;
		struct stat st;
		int entryfd;

		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		entryfd = type ? path_open_entry(dirfd, entry->d_name, O_PATH | O_NOFOLLOW) : -1;
		if (entryfd < 0 && type) {
			warn(_("%s/%s: cannot tell whether it is a pin"), path, entry->d_name);
			rc = -1;
			break;
		}
		found = entryfd >= 0 ? pin_fd_type(entryfd) : NULL;
		if (!found && entryfd >= 0 && errno != 0) {
			warn(_("%s/%s: cannot tell whether it is a pin"), path, entry->d_name);
			rc = -1;
		} else if (found && found == type)
			pinned[ns_type_index(type)] = true;
		else if (!found && entryfd >= 0 && fstat(entryfd, &st) == 0 && is_placeholder(&st))
			left[ns_type_index(type)] = true;
		else {
			warnx(_("%s: holds %s, which is not a pin of that type: nothing released"), path,
			      entry->d_name);
			rc = -1;
		}
		if (entryfd >= 0)
			close(entryfd);
	}
	/* a directory read only in part is not known to hold only pins */
	if (rc == 0 && errno != 0) {
		warn("%s", path);
		rc = -1;
	}
	closedir(dir);
	return rc;
}

static int release_directory(int parent, const char *name, const char *path)
{
	bool pinned[NS_TYPE_MAX] = { false }, left[NS_TYPE_MAX] = { false };
	int dirfd = path_open_entry(parent, name, O_RDONLY | O_DIRECTORY), rc = 0;

	if (dirfd < 0) {
		warnx("%s: %s", path, path_error(errno));
		return -1;
	}
	/* the pins found by the check, not checked again: a check failing
	 * now would leave a pin and then fail the rmdir with ENOTEMPTY */
	if (check_pin_directory(dirfd, path, pinned, left) != 0) {
		close(dirfd);
		return -1;
	}
	for_each_ns_type(t) {
		if (pinned[ns_type_index(t)] && remove_entry_pin(dirfd, t->name, path) != 0)
			rc = -1;
		if (left[ns_type_index(t)] && unlinkat(dirfd, t->name, 0) != 0) {
			warn(_("%s/%s: cannot remove"), path, t->name);
			rc = -1;
		}
	}
	if (rc == 0)
		rc = remove_directory(parent, name, dirfd, path);
	close(dirfd);
	return rc;
}

int pin_release(const char *path)
{
	struct stat st;
	char *name;
	int parent = path_open_parent(path, &name), fd = -1, rc = -1;

	if (parent < 0) {
		warnx("%s: %s", path, path_error(errno));
		return -1;
	}
	if (lock_directory(parent, path) != 0)
		goto done;
	fd = path_open_entry(parent, name, O_PATH | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st) != 0)
		warn("%s", path);
	else if (pin_fd_type(fd)) {
		if ((rc = pin_remove_at(parent, name, fd)) != 0)
			warn(_("%s: cannot release"), path);
	} else if (errno != 0)
		warn(_("%s: cannot tell whether it is a pin"), path);
	else if (is_placeholder(&st)) {
		/* a pin a killed run did not finish */
		if ((rc = unlinkat(parent, name, 0)) != 0)
			warn(_("%s: cannot remove"), path);
	} else if (S_ISDIR(st.st_mode) && !fd_is_mount_root(fd))
		rc = release_directory(parent, name, path);
	else
		warnx(_("%s: not a pin (%s): left as it is"), path, kind_of(fd));
done:
	if (fd >= 0)
		close(fd);
	close(parent);
	free(name);
	return rc;
}

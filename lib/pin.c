#include "config.h"

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
#include "nsfile.h"
#include "pin.h"
#include "propagation.h"
#include "tool.h"

#ifndef NS_GET_MNTNS_ID
# define NS_GET_MNTNS_ID _IOR(NSIO, 0x5, uint64_t)
#endif

const char *pin_root(void)
{
	const char *root = getenv("NSTOOLS_PIN_ROOT");

	return root && *root ? root : PINROOT;
}

/* where iproute2 keeps named network namespaces: ip netns list shows them */
#define IPROUTE2_NETNS_DIR "/run/netns"

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
	if (!*arg || strcmp(arg, ".") == 0 || strcmp(arg, "..") == 0)
		errx(tool_failure, _("'%s': not a pin name"), arg);
	if (prepare)
		pin_root_prepare(pin_root());
	if (asprintf(&path, "%s/%s", pin_root(), arg) < 0)
		err(tool_failure, NULL);
	return path;
}

static bool is_directory(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A pin root bound onto itself in this run, then not made private: it is
 * undone, not left in the peer group of the mount it came from, where the
 * next run (finding a shared mount point) would keep it. errno is kept. */
static void pin_root_undo(const char *dir, bool bound)
{
	int saved_errno = errno;

	if (bound)
		umount2(dir, UMOUNT_NOFOLLOW);
	errno = saved_errno;
}

void pin_root_prepare(const char *dir)
{
	unsigned long flags = 0;
	bool bound = false;
	int fd;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		err(tool_failure, _("%s: cannot make the pin root"), dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		err(tool_failure, "%s", dir);
	/* parallel first runs would each bind the directory onto itself */
	if (flock(fd, LOCK_EX) != 0)
		err(tool_failure, _("%s: cannot lock"), dir);
	if (!is_mount_point(dir)) {
		/* not knowing is not "no": a root bound again would stack */
		if (errno != 0)
			err(tool_failure, "%s", dir);
		if (mount(dir, dir, NULL, MS_BIND | MS_REC, NULL) != 0)
			err(tool_failure, _("%s: cannot make the pin root a mount point"), dir);
		bound = true;
		/* private first, so that shared makes a peer group of its own
		 * rather than joining the one of the mount it came from */
		if (set_propagation(AT_FDCWD, dir, MS_PRIVATE, false) != 0) {
			pin_root_undo(dir, bound);
			err(tool_failure, _("%s: cannot make the pin root private"), dir);
		}
	}
	if ((mount_propagation_of(dir, &flags, NULL) != 0 || !(flags & MS_SHARED)) &&
	    set_propagation(AT_FDCWD, dir, MS_SHARED, false) != 0) {
		pin_root_undo(dir, bound);
		err(tool_failure, _("%s: cannot make the pin root shared"), dir);
	}
	close(fd);
}

bool pin_is_pin(const char *path, const struct ns_type **type, unsigned long long *inode)
{
	struct stat st;
	const struct ns_type *found;
	int fd, saved_errno;

	errno = 0;
	if (!is_mount_point(path))
		return false;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	found = ns_fd_type(fd);
	/* the caller prints TYPE and INODE of a pin: a pin is one we can say them of */
	if (found && fstat(fd, &st) != 0)
		found = NULL;
	if (found) {
		errno = 0;
		if (type)
			*type = found;
		if (inode)
			*inode = (unsigned long long) st.st_ino;
	}
	saved_errno = errno;
	close(fd);
	errno = saved_errno;
	return found != NULL;
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
	int ours;

	if (copy && mount_propagation_of(dirname(copy), &flags, &target) == 0 && (flags & MS_SHARED)) {
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
	free(copy);
}

int pin_create(int nsfd, const struct ns_type *type, const char *path)
{
	char source[64];
	const struct ns_type *pinned;
	unsigned long long inode;
	int fd, saved_errno;

	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0444);
	if (fd < 0) {
		saved_errno = errno;
		if (saved_errno == EEXIST && pin_is_pin(path, &pinned, &inode))
			warnx(_("%s: already pins %s:[%llu]"), path, pinned->name, inode);
		else {
			errno = saved_errno;
			warn("%s", path);
		}
		errno = saved_errno;
		return -1;
	}
	close(fd);

	snprintf(source, sizeof(source), "/proc/self/fd/%d", nsfd);
	if (mount(source, path, NULL, MS_BIND, NULL) != 0) {
		saved_errno = errno;
		if (saved_errno == EINVAL && type->flag == CLONE_NEWNS)
			explain_mount_ns_refusal(nsfd, path);
		else if (saved_errno == EPERM)
			warnx(_("%s: cannot pin the %s namespace: %s (pinning needs CAP_SYS_ADMIN in "
				"the user namespace that owns our mount namespace)"),
			      path, type->name, strerror(saved_errno));
		else {
			errno = saved_errno;
			warn(_("%s: cannot pin the %s namespace"), path, type->name);
		}
		unlink(path);
		errno = saved_errno;
		return -1;
	}
	return 0;
}

int pin_remove(const char *path)
{
	char source[64];
	int fd, saved_errno;

	/* held across the unmount: a file that cannot be removed is pinned
	 * again, rather than left behind as a plain file that no later
	 * release would take for a pin. Being held, the mount is busy, and is
	 * detached (as ip netns delete does). */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	/* a path pinned twice holds two mounts; the file goes with the last */
	do {
		if (umount2(path, UMOUNT_NOFOLLOW | MNT_DETACH) != 0)
			goto failed;
	} while (pin_is_pin(path, NULL, NULL));
	if (unlink(path) == 0) {
		close(fd);
		return 0;
	}
	saved_errno = errno;
	snprintf(source, sizeof(source), "/proc/self/fd/%d", fd);
	mount(source, path, NULL, MS_BIND, NULL);
	errno = saved_errno;
failed:
	saved_errno = errno;
	close(fd);
	errno = saved_errno;
	return -1;
}

int pin_dir_begin(struct pin_dir *dir, const char *path)
{
	*dir = (struct pin_dir) { .path = strdup(path) };
	if (!dir->path) {
		warn(NULL);
		return -1;
	}
	if (mkdir(path, 0755) == 0)
		dir->created = true;
	else if (errno != EEXIST) {
		warn(_("%s: cannot make the pin directory"), path);
		return -1;
	} else if (!is_directory(path)) {
		warnx(_("%s: exists and is not a directory"), path);
		return -1;
	}
	return 0;
}

static char *pin_dir_entry(const struct pin_dir *dir, const struct ns_type *type)
{
	char *path;

	if (asprintf(&path, "%s/%s", dir->path, type->name) < 0)
		return NULL;
	return path;
}

int pin_dir_add(struct pin_dir *dir, int nsfd, const struct ns_type *type)
{
	char *path = pin_dir_entry(dir, type);
	int rc;

	if (!path) {
		warn(NULL);
		return -1;
	}
	rc = pin_create(nsfd, type, path);
	if (rc == 0)
		dir->pinned[ns_type_index(type)] = true;
	free(path);
	return rc;
}

void pin_dir_rollback(struct pin_dir *dir)
{
	bool left = false;

	for_each_ns_type(t) {
		char *path;

		if (!dir->pinned[ns_type_index(t)])
			continue;
		if (!(path = pin_dir_entry(dir, t)) || pin_remove(path) != 0) {
			warn(_("%s: cannot remove the pin"), path ? path : dir->path);
			left = true;
		}
		dir->pinned[ns_type_index(t)] = false;
		free(path);
	}
	/* a pin that could not go keeps its directory: a pin directory still,
	 * which nspin --release takes, and no second message about it */
	if (dir->created && !left && rmdir(dir->path) != 0)
		warn(_("%s: cannot remove"), dir->path);
	dir->created = false;
}

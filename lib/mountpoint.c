#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel.h"
#include "mountpoint.h"
#include "mounttable.h"

/* Before statx knew mounts: the last mount (the top of a stack) whose target
 * is PATH or leads it. */
static int mount_of_path_by_table(int procfd, const char *path, uint64_t *id, bool *mount_point)
{
	struct mount_table table;
	size_t best = INDEX_NONE, best_len = 0;

	if (mount_table_read_own(&table, procfd, MOUNT_TARGET) != 0)
		return -1;
	for (size_t i = 0; i < table.count; i++) {
		const char *target = table.mounts[i].target;
		size_t len = strlen(target);

		if (strcmp(target, "/") == 0)
			len = 0;
		else if (strncmp(path, target, len) != 0 || (path[len] != '/' && path[len] != '\0'))
			continue;
		if (best == INDEX_NONE || len >= best_len) {
			best = i;
			best_len = len;
		}
	}
	if (best == INDEX_NONE) {
		mount_table_free(&table);
		errno = ENOENT;
		return -1;
	}
	*id = table.mounts[best].id;
	*mount_point = path[best_len] == '\0' || strcmp(path, "/") == 0;
	mount_table_free(&table);
	return 0;
}

/* statx of PATH under DIRFD with FLAGS: 1 when it said, 0 when this kernel
 * cannot (before 5.8: no mount ID, no STATX_ATTR_MOUNT_ROOT in the
 * attributes it reports), -1 with errno. */
static int mount_by_statx(int dirfd, const char *path, int flags, uint64_t *id, bool *mount_point)
{
#ifdef HAVE_STRUCT_STATX_STX_MNT_ID
	struct statx stx;

	if (statx(dirfd, path, flags | AT_NO_AUTOMOUNT, STATX_MNT_ID, &stx) != 0)
		return -1;
	if (!(stx.stx_mask & STATX_MNT_ID) || !(stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT))
		return 0;
	*id = stx.stx_mnt_id;
	*mount_point = (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
	return 1;
#else
	struct stat st;

	(void) id, (void) mount_point;
	return fstatat(dirfd, path, &st, flags) == 0 ? 0 : -1;
#endif
}

int mount_of_fd(int fd, uint64_t *id, bool *mount_point)
{
	int rc = mount_by_statx(fd, "", AT_EMPTY_PATH, id, mount_point), procfd, saved;
	char self[32], *path;

	if (rc != 0)
		return rc > 0 ? 0 : -1;
	/* the table knows mounts by their targets: FD's path, as /proc says it */
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	path = realpath(self, NULL);
	procfd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	rc = path && procfd >= 0 ? mount_of_path_by_table(procfd, path, id, mount_point) : -1;
	saved = errno;
	free(path);
	if (procfd >= 0)
		close(procfd);
	errno = saved;
	return rc;
}

bool fd_is_mount_root(int fd)
{
	bool mount_point = false;
	uint64_t id;

	if (mount_of_fd(fd, &id, &mount_point) != 0)
		return false;
	errno = 0;
	return mount_point;
}

/* One question of one mount: statmount of that mount alone (6.8), or else
 * mountinfo, one read through libmount. */
int mount_propagation_of(int fd, unsigned long *propagation, char **target)
{
	struct mount_table table;
	struct mount one;
	FILE *mountinfo;
	size_t m;
	int rc;

	if (mount_read_one(fd, target ? MOUNT_TARGET : 0, &one) == 0) {
		*propagation = one.propagation;
		if (target)
			*target = one.target;
		return 0;
	}
	if (errno != ENOSYS)
		return -1;
	if (one.id == 0)
		return -1; /* ENOSYS: before 5.8 statx cannot say which mount */
	mountinfo = fopen("/proc/self/mountinfo", "re");
	if (!mountinfo)
		return -1;
	/* no name: libmount would resolve it, a readlink per component, to
	 * learn whose table it is, which a mount's propagation does not need */
	rc = mount_table_read_stream(&table, mountinfo, "", target ? MOUNT_TARGET : 0, NULL);
	fclose(mountinfo);
	if (rc != 0)
		return -1;
	m = mount_table_find(&table, one.id);
	rc = -1;
	if (m == INDEX_NONE)
		errno = ENOENT;
	else if (!target || (*target = strdup(table.mounts[m].target)))
		rc = 0;
	if (rc == 0)
		*propagation = table.mounts[m].propagation;
	mount_table_free(&table);
	return rc;
}

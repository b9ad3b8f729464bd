#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "mountpoint.h"

static bool is_mount_root_at(int dirfd, const char *path, int flags)
{
	struct statx stx;

	errno = 0;
	return statx(dirfd, path, flags, STATX_BASIC_STATS, &stx) == 0 &&
	       (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) &&
	       (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

bool is_mount_point(const char *path)
{
	return is_mount_root_at(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW);
}

bool fd_is_mount_root(int fd)
{
	return is_mount_root_at(fd, "", AT_EMPTY_PATH);
}

/* mountinfo escapes blanks and backslashes in paths as \ooo */
static char *unescape_octal(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;

	for (; out && *text; o++) {
		if (text[0] == '\\' && text[1] >= '0' && text[1] <= '3' && text[2] >= '0' && text[2] <= '7' &&
		    text[3] >= '0' && text[3] <= '7') {
			*o = (char) ((text[1] - '0') * 64 + (text[2] - '0') * 8 + (text[3] - '0'));
			text += 4;
		} else
			*o = *text++;
	}
	if (out)
		*o = '\0';
	return out;
}

int mountinfo_propagation(FILE *mountinfo, uint64_t mnt_id, unsigned long *propagation, char **target)
{
	char *line = NULL, *save = NULL;
	size_t size = 0;
	int rc = -1;

	errno = ENOENT;
	while (rc != 0 && getline(&line, &size, mountinfo) > 0) {
		/* ID PARENT MAJ:MIN ROOT TARGET OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER */
		char *field = strtok_r(line, " ", &save);

		if (!field || strtoull(field, NULL, 10) != mnt_id)
			continue;
		for (int i = 0; i < 4 && field; i++)
			field = strtok_r(NULL, " ", &save);
		if (target && field)
			*target = unescape_octal(field);
		*propagation = 0;
		strtok_r(NULL, " ", &save);
		while ((field = strtok_r(NULL, " ", &save)) && strcmp(field, "-") != 0) {
			if (strncmp(field, "shared:", 7) == 0)
				*propagation |= MS_SHARED;
			else if (strncmp(field, "master:", 7) == 0)
				*propagation |= MS_SLAVE;
			else if (strcmp(field, "unbindable") == 0)
				*propagation |= MS_UNBINDABLE;
		}
		rc = 0;
	}
	free(line);
	return rc;
}

int mount_propagation_of(const char *path, unsigned long *propagation, char **target)
{
	struct statx stx;
	FILE *mountinfo;
	int rc;

	if (statx(AT_FDCWD, path, 0, STATX_MNT_ID, &stx) != 0)
		return -1;
	if (!(stx.stx_mask & STATX_MNT_ID)) {
		errno = ENOSYS;
		return -1;
	}
	mountinfo = fopen("/proc/self/mountinfo", "re");
	if (!mountinfo)
		return -1;
	rc = mountinfo_propagation(mountinfo, stx.stx_mnt_id, propagation, target);
	fclose(mountinfo);
	return rc;
}

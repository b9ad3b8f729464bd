#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel.h"
#include "propagation.h"

#ifndef SYS_mount_setattr
# define SYS_mount_setattr 442
#endif

/* struct mount_attr of <linux/mount.h>, which clashes with glibc's <sys/mount.h> */
struct mount_attr_v0 {
	uint64_t attr_set;
	uint64_t attr_clr;
	uint64_t propagation;
	uint64_t userns_fd;
};

static const struct {
	const char *name;
	unsigned long flag;
} propagations[] = {
	{ "shared",     MS_SHARED },
	{ "slave",      MS_SLAVE },
	{ "private",    MS_PRIVATE },
	{ "unbindable", MS_UNBINDABLE },
};

unsigned long propagation_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(propagations) / sizeof(propagations[0]); i++)
		if (strcmp(propagations[i].name, name) == 0)
			return propagations[i].flag;
	return 0;
}

const char *propagation_name(unsigned long flag)
{
	for (size_t i = 0; i < sizeof(propagations) / sizeof(propagations[0]); i++)
		if (propagations[i].flag == flag)
			return propagations[i].name;
	return NULL;
}

const char *propagation_words(unsigned long flags)
{
	static const char *const words[] = {
		"private", "shared", "private,slave", "shared,slave",
		"private,unbindable", "shared,unbindable", "private,slave,unbindable", "shared,slave,unbindable",
	};

	return words[(flags & MS_SHARED ? 1 : 0) | (flags & MS_SLAVE ? 2 : 0) | (flags & MS_UNBINDABLE ? 4 : 0)];
}

int set_propagation(int dirfd, const char *path, unsigned long flag, bool recursive)
{
	struct mount_attr_v0 attr = { .propagation = flag };
	char fdpath[64];

	if (syscall(SYS_mount_setattr, dirfd, path,
		    AT_SYMLINK_NOFOLLOW | (recursive ? AT_RECURSIVE : 0) | (*path ? 0 : AT_EMPTY_PATH),
		    &attr, sizeof(attr)) == 0)
		return 0;
	if (errno != ENOSYS)
		return -1;
	if (dirfd != AT_FDCWD && path[0] != '/') {
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d%s%s", dirfd, *path ? "/" : "", path);
		path = fdpath;
	}
	return mount(NULL, path, NULL, flag | (recursive ? MS_REC : 0), NULL);
}

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kernel.h"
#include "safepath.h"
#include "tool.h"

#ifndef SYS_openat2
# define SYS_openat2 437
#endif
#ifndef RESOLVE_NO_XDEV
# define RESOLVE_NO_XDEV       0x01
# define RESOLVE_NO_MAGICLINKS 0x02
# define RESOLVE_NO_SYMLINKS   0x04
# define RESOLVE_BENEATH       0x08
# define RESOLVE_IN_ROOT       0x10
#endif

/* struct open_how of <linux/openat2.h>, which Debian 12's glibc does not include */
struct nstools_open_how {
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
};

#ifndef PROC_SUPER_MAGIC
# define PROC_SUPER_MAGIC 0x9fa0
#endif
#define PROC_ROOT_INO 1

/* as many links as the kernel follows in one lookup */
#define LINKS_MAX 40

static int sys_openat2(int dirfd, const char *path, int flags, uint64_t resolve)
{
	struct nstools_open_how how = { .flags = (uint64_t) (flags | O_CLOEXEC), .resolve = resolve };

	return (int) syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

/* openat2 answers these where the kernel (or a seccomp filter) lacks it */
static bool openat2_missing(int errnum)
{
	return errnum == ENOSYS || errnum == E2BIG || errnum == EPERM;
}

bool dir_is_trusted(const struct stat *st)
{
	return (st->st_uid == 0 || st->st_uid == geteuid()) && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The walk of one component at a time. ROOTFD >= 0: PATH is inside it, ".."
 * stops there and no link is followed (IN_ROOT); otherwise links are followed
 * only out of trusted directories. */
struct walk {
	int rootfd;
	struct stat root;
	int links;
};

static int walk_open(struct walk *w, int dirfd, const char *path, int flags);

/* Where a walk starts: "/" (or the root it is confined to) for an absolute
 * path, the working directory otherwise. */
static int walk_start(const struct walk *w, const char *path)
{
	if (w->rootfd >= 0)
		return openat(w->rootfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	return open(path[0] == '/' ? "/" : ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
}

/* /proc/PID/root, cwd, fd/N, ns/TYPE: links whose text is not where they
 * lead; only /proc's own (self, mounts) are links like any other. */
static bool in_magic_link_dir(int dirfd, const struct stat *st)
{
	struct statfs sfs;

	return fstatfs(dirfd, &sfs) != 0 || (sfs.f_type == PROC_SUPER_MAGIC && st->st_ino != PROC_ROOT_INO);
}

/* Follow the link NAME in DIRFD, the rest of the path REST after it. */
static int walk_link(struct walk *w, int dirfd, const char *name, const char *rest, int flags)
{
	char target[PATH_MAX], *joined;
	struct stat st;
	ssize_t len;
	int start, fd, saved_errno;

	if (w->rootfd >= 0 || ++w->links > LINKS_MAX || fstat(dirfd, &st) != 0 || !dir_is_trusted(&st) ||
	    in_magic_link_dir(dirfd, &st)) {
		errno = ELOOP;
		return -1;
	}
	len = readlinkat(dirfd, name, target, sizeof(target) - 1);
	if (len < 0)
		return -1;
	target[len] = '\0';
	if (asprintf(&joined, "%s%s%s", target, *rest ? "/" : "", rest) < 0)
		return -1;
	start = target[0] == '/' ? walk_start(w, target) : openat(dirfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	fd = start < 0 ? -1 : walk_open(w, start, joined, flags);
	saved_errno = errno;
	if (start >= 0)
		close(start);
	free(joined);
	errno = saved_errno;
	return fd;
}

static bool is_link_at(int dirfd, const char *name)
{
	struct stat st;
	int saved_errno = errno;
	bool link = fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);

	errno = saved_errno;
	return link;
}

/* Open PATH relative to DIRFD (not closed), one component at a time. */
static int walk_open(struct walk *w, int dirfd, const char *path, int flags)
{
	char name[NAME_MAX + 1];
	const char *p = path;
	int cur = openat(dirfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);

	while (cur >= 0) {
		const char *end;
		size_t len;
		struct stat st;
		int next;

		while (*p == '/')
			p++;
		if (!*p) {
			/* the path named a directory: open it as asked */
			next = openat(cur, ".", flags | O_CLOEXEC);
			close(cur);
			return next;
		}
		end = strchrnul(p, '/');
		len = (size_t) (end - p);
		if (len > NAME_MAX) {
			close(cur);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		while (*end == '/')
			end++;
		p = end;
		if (strcmp(name, ".") == 0)
			continue;
		if (strcmp(name, "..") == 0 && w->rootfd >= 0 && fstat(cur, &st) == 0 && same_file(&st, &w->root))
			continue;
		if (*p)
			next = openat(cur, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		else
			next = openat(cur, name, flags | O_NOFOLLOW | O_CLOEXEC);
		/* a link: O_PATH|O_NOFOLLOW opens the link itself, others fail
		 * ELOOP, or ENOTDIR with O_DIRECTORY */
		if ((next < 0 && (errno == ELOOP || errno == ENOTDIR) && is_link_at(cur, name)) ||
		    (next >= 0 && fstat(next, &st) == 0 && S_ISLNK(st.st_mode) && !((flags & O_PATH) && (flags & O_NOFOLLOW) && !*p))) {
			if (next >= 0)
				close(next);
			next = walk_link(w, cur, name, p, flags);
			close(cur);
			return next;
		}
		close(cur);
		if (next < 0 || !*p)
			return next;
		cur = next;
	}
	return -1;
}

int path_open_trusted(const char *path, int flags)
{
	struct walk w = { .rootfd = -1 };
	int fd, start, saved_errno;

	fd = sys_openat2(AT_FDCWD, path, flags, RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
	/* a link at the end of a path opened O_DIRECTORY: ENOTDIR */
	if (fd >= 0 || (errno != ELOOP && errno != ENOTDIR && !openat2_missing(errno)))
		return fd;
	if ((start = walk_start(&w, path)) < 0)
		return -1;
	fd = walk_open(&w, start, path, flags);
	saved_errno = errno;
	close(start);
	errno = saved_errno;
	return fd;
}

int path_open_in_root(int rootfd, const char *path, int flags)
{
	struct walk w = { .rootfd = rootfd };
	int fd;

	fd = sys_openat2(rootfd, path, flags, RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
	if (fd >= 0 || !openat2_missing(errno))
		return fd;
	if (fstat(rootfd, &w.root) != 0)
		return -1;
	return walk_open(&w, rootfd, path, flags);
}

int path_open_entry(int dirfd, const char *name, int flags)
{
	int fd;

	if (!*name || strchr(name, '/')) {
		errno = EINVAL;
		return -1;
	}
	fd = sys_openat2(dirfd, name, flags, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
	if (fd >= 0 || !openat2_missing(errno))
		return fd;
	return openat(dirfd, name, flags | O_NOFOLLOW | O_CLOEXEC);
}

int path_open_parent(const char *path, char **name)
{
	char *copy = strdup(path), *slash, *last;
	int fd, saved_errno;

	*name = NULL;
	if (!copy)
		return -1;
	/* "a/x/" names x in a */
	for (size_t len = strlen(copy); len > 1 && copy[len - 1] == '/'; len--)
		copy[len - 1] = '\0';
	slash = strrchr(copy, '/');
	last = slash ? slash + 1 : copy;
	if (!*last || strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
		free(copy);
		errno = EINVAL;
		return -1;
	}
	*name = strdup(last);
	if (!*name) {
		free(copy);
		return -1;
	}
	if (!slash)
		fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	else {
		*last = '\0';
		fd = path_open_trusted(slash == copy ? "/" : copy, O_RDONLY | O_DIRECTORY);
	}
	saved_errno = errno;
	free(copy);
	if (fd < 0) {
		free(*name);
		*name = NULL;
	}
	errno = saved_errno;
	return fd;
}

const char *path_error(int errnum)
{
	if (errnum == ELOOP)
		return _("a symbolic link in a directory others can write, not followed");
	return strerror(errnum);
}

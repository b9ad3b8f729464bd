#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kernel.h"
#include "nsfile.h"
#include "nsname.h"
#include "parse.h"
#include "pidhold.h"
#include "tool.h"

int ns_parse_name(const char *name, const struct ns_type **type, uint64_t *ino)
{
	const char *colon = strchr(name, ':');
	uint64_t value = 0;
	const char *p;

	if (!colon || colon[1] != '[')
		return -1;
	*type = NULL;
	for_each_ns_type(t)
		if (strncmp(t->name, name, (size_t) (colon - name)) == 0 && t->name[colon - name] == '\0')
			*type = t;
	if (!*type)
		return -1;
	/* digits by hand: this runs for every link of every process */
	for (p = colon + 2; *p >= '0' && *p <= '9'; p++) {
		if (value > (UINT64_MAX - 9) / 10)
			return -1;
		value = value * 10 + (uint64_t) (*p - '0');
	}
	if (p == colon + 2 || p[0] != ']' || p[1] != '\0' || value == 0)
		return -1;
	*ino = value;
	return 0;
}

int ns_read_link(int dirfd, const char *path, const struct ns_type **type, uint64_t *ino)
{
	char link[64];
	ssize_t len = readlinkat(dirfd, path, link, sizeof(link) - 1);

	if (len < 0)
		return -1;
	link[len] = '\0';
	if (ns_parse_name(link, type, ino) != 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Kernels before 4.11 have no NS_GET_NSTYPE; the link text ("net:[4026531840]")
 * names the type there. */
static const struct ns_type *ns_type_from_link(int fd)
{
	const struct ns_type *type;
	char path[64];
	uint64_t ino;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (ns_read_link(AT_FDCWD, path, &type, &ino) != 0)
		return NULL;
	return type;
}

const struct ns_type *ns_fd_type(int fd)
{
	struct statfs sfs;
	int flag;

	errno = 0;
	if (fstatfs(fd, &sfs) != 0 || sfs.f_type != NSFS_MAGIC)
		return NULL;
	flag = ioctl(fd, NS_GET_NSTYPE);
	if (flag < 0) {
		int saved_errno = errno;
		const struct ns_type *type = ns_type_from_link(fd);

		/* the link of a pin names the file, not the namespace: the
		 * ioctl's error is the one that says why */
		if (!type)
			errno = saved_errno;
		return type;
	}
	return ns_type_by_flag(flag);
}

const struct ns_type *ns_check_fd(int fd, const char *name, const struct ns_type *want)
{
	const struct ns_type *type = ns_fd_type(fd);
	struct stat st;

	if (!type) {
		/* not knowing is not "not a namespace" */
		if (errno != 0)
			err(tool_failure, "%s", name);
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
			errx(tool_failure, _("%s: is a directory, not a namespace file"), name);
		errx(tool_failure, _("%s: not a namespace file"), name);
	}
	if (want && type != want)
		errx(tool_failure, _("%s is a %s namespace, not %s"), name, type->name, want->name);
	return type;
}

int ns_open_of_pid(const struct held_pid *held, const struct ns_type *type)
{
	char relpath[64], name[96];
	int fd;

	snprintf(relpath, sizeof(relpath), "ns/%s", type->proc_name);
	snprintf(name, sizeof(name), "/proc/%d/%s", (int) held->pid, relpath);
	fd = held_pid_open(held, relpath, O_RDONLY);
	if (fd < 0) {
		if (!held_pid_alive(held))
			errx(tool_failure, _("%d: no such process"), (int) held->pid);
		/* a zombie's entries are still listed, but lead nowhere */
		if (errno == ENOENT && held_pid_open(held, relpath, O_PATH | O_NOFOLLOW) >= 0)
			errx(tool_failure, _("%d: has exited"), (int) held->pid);
		if (errno == ENOENT)
			errx(tool_failure, _("%s: this kernel has no %s namespaces"), name, type->name);
		err(tool_failure, "%s", name);
	}
	ns_check_fd(fd, name, type);
	return fd;
}

int ns_open_spec(const char *spec, const struct ns_type *want, const struct ns_type **found)
{
	const struct ns_type *type;
	struct held_pid held;
	int fd;

	if (is_pid_arg(spec)) {
		if (!want)
			errx(tool_failure, _("%s: a process ID names no namespace type; give a namespace file"), spec);
		pid_hold(spec, &held);
		fd = ns_open_of_pid(&held, want);
		pid_release(&held);
		type = want;
	} else if (spec[0] == '-' && is_all_digits(spec + 1))
		errx(tool_failure, _("%s: invalid process ID"), spec);
	else if (ns_is_name(spec))
		fd = ns_name_open(spec, want, &type);
	else {
		/* O_NONBLOCK: a FIFO given by mistake must not hang us */
		fd = open(spec, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			err(tool_failure, "%s", spec);
		type = ns_check_fd(fd, spec, want);
	}
	if (found)
		*found = type;
	return fd;
}

bool ns_is_ours(int fd, const struct ns_type *type)
{
	char path[64];
	struct stat ours, theirs;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", type->proc_name);
	if (stat(path, &ours) != 0 || fstat(fd, &theirs) != 0)
		return false;
	return ours.st_dev == theirs.st_dev && ours.st_ino == theirs.st_ino;
}

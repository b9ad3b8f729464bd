#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kernel.h"
#include "parse.h"
#include "pidhold.h"
#include "tool.h"

bool is_pid_arg(const char *arg)
{
	const char *colon = strchr(arg, ':');
	char pid_part[32];

	if (!colon)
		return is_all_digits(arg);
	if ((size_t) (colon - arg) >= sizeof(pid_part))
		return false;
	memcpy(pid_part, arg, (size_t) (colon - arg));
	pid_part[colon - arg] = '\0';
	return is_all_digits(pid_part) && is_all_digits(colon + 1);
}

/* PID:INODE names one process for ever: pidfs gives every process an inode
 * number that is never reused while the system runs. */
static void check_pidfd_inode(const struct held_pid *held, const char *arg, uint64_t inode)
{
	struct statfs sfs;
	struct stat st;

	if (held->pidfd < 0 || fstatfs(held->pidfd, &sfs) != 0 || sfs.f_type != PIDFS_MAGIC)
		errx(tool_failure, _("%s: PID:INODE needs pidfs (Linux 6.9 or later)"), arg);
	if (fstat(held->pidfd, &st) != 0)
		err(tool_failure, "%s", arg);
	if ((uint64_t) st.st_ino != inode)
		errx(tool_failure, _("%s: process %d is another process now (its pidfd inode is %" PRIu64 ")"),
		     arg, (int) held->pid, (uint64_t) st.st_ino);
}

int pid_arg_parse(const char *arg, pid_t *pid, uint64_t *inode)
{
	const char *colon = strchr(arg, ':');
	char pid_part[32];
	size_t len = colon ? (size_t) (colon - arg) : strlen(arg);

	*inode = 0;
	/* longer than any PID even with zeros in front: refused whole, never
	 * cut to a shorter number that names another process */
	if (len >= sizeof(pid_part))
		return -1;
	memcpy(pid_part, arg, len);
	pid_part[len] = '\0';
	if (parse_pid(pid_part, pid) != 0)
		return -1;
	if (colon && parse_u64(colon + 1, 1, UINT64_MAX, inode) != 0)
		return -2;
	return 0;
}

void pid_hold(const char *arg, struct held_pid *held)
{
	const char *colon = strchr(arg, ':');
	uint64_t inode;
	char procpath[64];

	switch (pid_arg_parse(arg, &held->pid, &inode)) {
	case -1:
		errx(tool_failure, _("%s: invalid process ID"), arg);
	case -2:
		errx(tool_failure, _("%s: invalid pidfd inode number"), arg);
	}

	held->pidfd = sys_pidfd_open(held->pid, 0);
	if (held->pidfd < 0 && errno != ENOSYS) {
		if (errno == ESRCH)
			errx(tool_failure, _("%s: no such process"), arg);
		err(tool_failure, _("%s: cannot hold process"), arg);
	}
	if (colon)
		check_pidfd_inode(held, arg, inode);

	snprintf(procpath, sizeof(procpath), "/proc/%d", (int) held->pid);
	held->procfd = open(procpath, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (held->procfd < 0) {
		if (errno == ENOENT)
			errx(tool_failure, _("%s: no such process"), arg);
		err(tool_failure, "%s", procpath);
	}
	/* The pidfd was taken first: if the process is still there now, the
	 * /proc directory just opened is its own, and stays so. */
	if (!held_pid_alive(held))
		errx(tool_failure, _("%s: no such process"), arg);
}

bool held_pid_alive(const struct held_pid *held)
{
	if (held->pidfd < 0)
		return faccessat(held->procfd, "stat", F_OK, 0) == 0;
	/* EPERM still means the process exists: we just may not signal it */
	return sys_pidfd_send_signal(held->pidfd, 0) == 0 || errno == EPERM;
}

int held_pid_open(const struct held_pid *held, const char *relpath, int flags)
{
	return openat(held->procfd, relpath, flags | O_CLOEXEC);
}

void pid_release(struct held_pid *held)
{
	if (held->pidfd >= 0)
		close(held->pidfd);
	if (held->procfd >= 0)
		close(held->procfd);
	held->pidfd = held->procfd = -1;
}

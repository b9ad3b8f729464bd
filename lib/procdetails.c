#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "array.h"
#include "kernel.h"
#include "nsfile.h"
#include "parse.h"
#include "procdetails.h"
#include "tool.h"

int proc_unreadable(pid_t pid, const char *what)
{
	if (errno == ENOENT || errno == ESRCH || errno == EACCES || errno == EPERM)
		return -1;
	err(tool_failure, "/proc/%d/%s", (int) pid, what);
}

int proc_stat_ppid(const char *stat, pid_t *ppid)
{
	/* the command name in parentheses may itself hold ") " */
	const char *p = strrchr(stat, ')');
	char digits[16];
	uint64_t value;
	size_t len;

	/* ") STATE PPID " */
	if (!p || p[1] != ' ' || p[2] == '\0' || p[3] != ' ')
		return -1;
	p += 4;
	len = strspn(p, "0123456789");
	if (len == 0 || len >= sizeof(digits) || (p[len] != ' ' && p[len] != '\n' && p[len] != '\0'))
		return -1;
	memcpy(digits, p, len);
	digits[len] = '\0';
	if (parse_u64(digits, 0, INT_MAX, &value) != 0)
		return -1;
	*ppid = (pid_t) value;
	return 0;
}

/* PATH under DIRFD, whole, into the reader's buffer, followed by a NUL: its
 * length, or -1 with errno. The files read here (stat, comm, cmdline) give
 * all they have up to the room asked for, so a read that leaves room is the
 * end: no second read to be told so. */
static int read_file(struct proc_reader *r, int dirfd, const char *path)
{
	size_t len = 0, room;
	ssize_t n;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	do {
		/* room for a read of a page's worth, and the NUL */
		array_reserve_or_exit(&r->buf, &r->buf_size, len + 4096, 1);
		room = r->buf_size - len - 1;
		n = read(fd, r->buf + len, room);
		if (n < 0) {
			int saved = errno;

			close(fd);
			errno = saved;
			return -1;
		}
		len += (size_t) n;
	} while ((size_t) n == room);
	close(fd);
	r->buf[len] = '\0';
	return (int) len;
}

/* PPID and UID from a pidfd (Linux 6.13): two numbers, where /proc/PID/stat
 * would format fifty. 1 when the kernel cannot tell. */
static int read_ids_from_pidfd(struct proc_reader *r, struct proc_details *details)
{
	struct pidfd_info_v0 info = { .mask = NSTOOLS_PIDFD_INFO_PID | NSTOOLS_PIDFD_INFO_CREDS };
	int pidfd, rc, saved;

	if (r->no_pidfd_info)
		return 1;
	pidfd = sys_pidfd_open(details->pid, 0);
	if (pidfd < 0 && errno == EINVAL)
		errno = ESRCH; /* the process exited, and a thread has its PID now */
	if (pidfd < 0)
		return errno == ENOSYS ? 1 : -1;
	rc = ioctl(pidfd, NSTOOLS_PIDFD_GET_INFO, &info);
	saved = errno;
	close(pidfd);
	if (rc != 0 || !(info.mask & NSTOOLS_PIDFD_INFO_CREDS)) {
		/* ENOTTY, EINVAL: a kernel before 6.13; ESRCH: it has exited */
		r->no_pidfd_info = rc == 0 || saved == ENOTTY || saved == EINVAL;
		errno = saved;
		return r->no_pidfd_info ? 1 : -1;
	}
	details->ppid = (pid_t) info.ppid;
	details->uid = info.euid;
	return 0;
}

int proc_details_read(struct proc_reader *r, int piddir, pid_t pid, int what, struct proc_details *details)
{
	struct stat st;
	int len, rc = 1;

	*details = (struct proc_details) { .pid = pid };
	if (what & PROC_IDS)
		rc = read_ids_from_pidfd(r, details);
	if (rc < 0)
		return proc_unreadable(pid, "");
	if (rc > 0 && (what & PROC_IDS)) {
		if (read_file(r, piddir, "stat") < 0)
			return proc_unreadable(pid, "stat");
		if (proc_stat_ppid(r->buf, &details->ppid) != 0)
			return -1;
		/* the owner of /proc/PID: its effective UID, as lsns reads it */
		if (fstat(piddir, &st) != 0)
			return proc_unreadable(pid, "");
		details->uid = st.st_uid;
	}
	/* The pidfd was opened by PID, after the caller read what it holds:
	 * a file opened through the directory after that proves that the PID
	 * was still this process's then, and the pidfd its. */
	if (!(what & PROC_COMMAND)) {
		if (rc == 0 && faccessat(piddir, "cmdline", F_OK, 0) != 0)
			return proc_unreadable(pid, "cmdline");
		return 0;
	}
	len = read_file(r, piddir, "cmdline");
	if (len < 0)
		return proc_unreadable(pid, "cmdline");
	while (len > 0 && r->buf[len - 1] == '\0')
		len--;
	if (len == 0) {
		len = read_file(r, piddir, "comm");
		if (len < 0)
			return proc_unreadable(pid, "comm");
		while (len > 0 && r->buf[len - 1] == '\n')
			len--;
	}
	for (int i = 0; i < len; i++)
		if (r->buf[i] == '\0')
			r->buf[i] = ' ';
	details->command = strndup(r->buf, (size_t) len);
	if (!details->command)
		err(tool_failure, NULL);
	return 0;
}

/* What the descriptor NAME in FDDIR is: its file's device, inode number and
 * type, from cached attributes only, so that a file on FUSE or NFS never
 * makes us wait for its server (statx, Linux 4.11; fstatat before, which
 * may). */
static int fd_identity(int fddir, const char *name, dev_t *dev, uint64_t *ino, mode_t *mode)
{
	static _Thread_local bool no_statx;
	struct statx stx;
	struct stat st;

	if (!no_statx && statx(fddir, name, AT_STATX_DONT_SYNC, STATX_TYPE | STATX_INO, &stx) == 0) {
		*dev = makedev(stx.stx_dev_major, stx.stx_dev_minor);
		*ino = stx.stx_ino;
		*mode = stx.stx_mode;
		return 0;
	}
	if (no_statx || errno == ENOSYS) {
		no_statx = true;
		if (fstatat(fddir, name, &st, 0) == 0) {
			*dev = st.st_dev;
			*ino = (uint64_t) st.st_ino;
			*mode = st.st_mode;
			return 0;
		}
	}
	return -1;
}

int proc_fds_read(int fddir, pid_t pid, dev_t nsfs_dev, const bool *types, bool sockets, struct proc_fd **fds,
		  size_t *count, size_t *alloc)
{
	/* getdents64 itself: readdir would cost an fstat, an fcntl and a
	 * buffer per process */
	char buf[16384];
	ssize_t got;

	/* a read that leaves room for another entry has reached the end */
	for (got = sizeof(buf); got > (ssize_t) (sizeof(buf) - 512);) {
		got = syscall(SYS_getdents64, fddir, buf, sizeof(buf));
		if (got < 0)
			return proc_unreadable(pid, "fd");
		for (ssize_t off = 0; off < got; off += ((struct dirent64 *) (buf + off))->d_reclen) {
			const char *name = ((struct dirent64 *) (buf + off))->d_name;
			struct proc_fd seen = { .type = NULL };
			uint64_t value;
			mode_t mode;
			dev_t dev;

			if (parse_u64(name, 0, INT_MAX, &value) != 0)
				continue;
			/* What the descriptor is, asked of the file itself: the
			 * text of its link names the path it was opened by, "/"
			 * once that was a pin since unmounted. Never opened: that
			 * would take a reference of our own. */
			if (fd_identity(fddir, name, &dev, &seen.ino, &mode) != 0)
				continue; /* closed meanwhile */
			seen.fd = (int) value;
			if (dev == nsfs_dev) {
				/* the kernel's own name of it tells the type, if
				 * it was opened by that; else the caller asks */
				if (ns_read_link(fddir, name, &seen.type, &value) != 0 || value != seen.ino)
					seen.type = NULL;
				if (seen.type && !types[ns_type_index(seen.type)])
					continue;
			} else if (sockets && S_ISSOCK(mode)) {
				seen.socket = true;
			} else {
				continue;
			}
			array_reserve_or_exit(fds, alloc, *count + 1, sizeof(**fds));
			(*fds)[(*count)++] = seen;
		}
	}
	return 0;
}

void proc_reader_free(struct proc_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->buf_size = 0;
}

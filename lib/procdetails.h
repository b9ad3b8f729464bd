/* What one process's files under /proc say of it: its PPID, UID and command
 * line as lsns shows them, and the namespaces and sockets its descriptors
 * hold. Each is read through PIDDIR, a /proc/PID directory the caller holds:
 * if the process has exited and its PID gone to another, every file under it
 * is gone too, so nothing of a later process is ever mixed in. */
#ifndef NSTOOLS_PROCDETAILS_H
#define NSTOOLS_PROCDETAILS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "nstype.h"

/* What lsns shows of the lowest PID of a namespace. */
struct proc_details {
	pid_t pid, ppid;
	uid_t uid;
	char *command; /* the arguments joined by blanks, or a kernel thread's name */
};

/* A reader of details: a buffer for files, kept from one process to the next. */
struct proc_reader {
	char *buf;
	size_t buf_size;
	bool no_pidfd_info; /* an older kernel: read /proc/PID/stat */
};

/* One descriptor that holds a namespace, or a socket. */
struct proc_fd {
	int fd;
	bool socket;
	const struct ns_type *type; /* a namespace's; NULL: not known yet */
	uint64_t ino;               /* the namespace's, or the socket's */
};

/* A process that exits while it is read, or that we may not inspect, is left
 * out, as lsns does: -1. Anything else (errno) is a failure of ours: the
 * tool exits, naming /proc/PID/WHAT. */
int proc_unreadable(pid_t pid, const char *what);

/* The PPID in STAT, the text of a /proc/PID/stat file. 0, or -1 when it is
 * not what the kernel writes. */
int proc_stat_ppid(const char *stat, pid_t *ppid);

/* What of a process's details to read: PPID and UID, the command line. */
enum { PROC_IDS = 1, PROC_COMMAND = 2 };

/* WHAT of PID's details, read through PIDDIR, into *DETAILS (its command,
 * NULL unless asked for, to be freed). 0, or -1 when the process is left out
 * (proc_unreadable). */
int proc_details_read(struct proc_reader *r, int piddir, pid_t pid, int what, struct proc_details *details);

/* The descriptors in FDDIR (PID's /proc/PID/fd, opened O_DIRECTORY) that
 * hold a namespace (a file on NSFS_DEV) of a type in TYPES or of a type not
 * known yet, and with SOCKETS its sockets, added to *FDS (*COUNT of them,
 * *ALLOC the room: lib/array's rule). 0, or -1 when the process is left out. */
int proc_fds_read(int fddir, pid_t pid, dev_t nsfs_dev, const bool *types, bool sockets, struct proc_fd **fds,
		  size_t *count, size_t *alloc);

void proc_reader_free(struct proc_reader *r);

#endif

/* Holding a process by pidfd, so that a PID that exits and is reused is never
 * mistaken for the process the user named. */
#ifndef NSTOOLS_PIDHOLD_H
#define NSTOOLS_PIDHOLD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct held_pid {
	pid_t pid;
	int pidfd;  /* -1 on kernels without pidfd_open */
	int procfd; /* /proc/PID, opened while the pidfd proved the PID still ours */
};

/* True when ARG is written as a PID: "123" or "123:INODE". */
bool is_pid_arg(const char *arg);

/* Parse ARG, "PID" or "PID:INODE", into *PID and *INODE (0 when there is
 * none). 0; -1 when the PID is not one; -2 when the inode number is not one. */
int pid_arg_parse(const char *arg, pid_t *pid, uint64_t *inode);

/* Hold the process named by ARG ("PID" or "PID:INODE", the inode of its pidfd
 * on pidfs). Exits with a one-line error naming ARG when it cannot. */
void pid_hold(const char *arg, struct held_pid *held);

/* openat() a file under /proc/PID of a held process; -1 with errno otherwise. */
int held_pid_open(const struct held_pid *held, const char *relpath, int flags);

/* Still the same, living (or not yet reaped) process? */
bool held_pid_alive(const struct held_pid *held);

void pid_release(struct held_pid *held);

#endif

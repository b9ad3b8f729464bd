/* Walking /proc: the PID of every process, lowest first, as the kernel lists
 * them. nsls reads every process in one such pass; mountprop -a finds a
 * process in each mount namespace the same way. */
#ifndef NSTOOLS_PROCWALK_H
#define NSTOOLS_PROCWALK_H

#include <dirent.h>
#include <sys/types.h>

struct proc_walk {
	DIR *dir;
	int dirfd; /* /proc itself: open and read links relative to it */
};

/* Walk PROCFD (a descriptor of a /proc, kept across a change of mount
 * namespace), or /proc when it is -1. 0, or -1 with errno. */
int proc_walk_open(struct proc_walk *walk, int procfd);

/* The next process: its PID, with its directory's name under /proc in *NAME
 * (valid until the next call). 0 at the end, -1 with errno on a read error. */
pid_t proc_walk_next(struct proc_walk *walk, const char **name);

void proc_walk_close(struct proc_walk *walk);

#endif

/* The namespaces processes are in, found in one pass over /proc: each
 * distinct namespace of a type once, with a process through which to reach it. */
#ifndef NSTOOLS_NSPROCS_H
#define NSTOOLS_NSPROCS_H

#include <stddef.h>
#include <sys/types.h>

#include "nstype.h"

struct ns_procs {
	dev_t dev;        /* the namespace's device and inode on nsfs */
	ino_t ino;
	pid_t pid;        /* the lowest PID in it, as lsns's PID column */
	size_t nprocs;    /* how many processes are in it */
};

/* Every distinct namespace of TYPE that a process we may inspect is in,
 * ordered by lowest PID, into *FOUND (to be freed). Processes we may not
 * inspect, and those that exit meanwhile, are passed over without a word.
 * PROCFD is a descriptor of /proc. The count, or -1 with errno. */
ssize_t ns_procs_scan(int procfd, const struct ns_type *type, struct ns_procs **found);

#endif

/* Work split into consecutive parts, each done by a thread of its own: for
 * reading the kernel's tables, where the time is in system calls that do not
 * depend on each other, so that more CPUs take less time.
 * Threads share the process's root and working directory, and while they do
 * the kernel refuses setns into a mount namespace: enter namespaces first. */
#ifndef NSTOOLS_PARALLEL_H
#define NSTOOLS_PARALLEL_H

#include <stddef.h>

/* Most parts a job is split into. */
#define PARALLEL_PARTS_MAX 8

/* How many parts to split COUNT items into: one per online CPU, at most
 * PARALLEL_PARTS_MAX, each of at least MIN_ITEMS items (what a thread's
 * start-up is worth); 1 when there is nothing to gain. */
size_t parallel_parts(size_t count, size_t min_items);

/* The first item of part I of NPARTS parts of COUNT items; part I ends where
 * part I + 1 begins, and the last at COUNT. */
static inline size_t parallel_part_start(size_t count, size_t nparts, size_t i)
{
	return count * i / nparts;
}

/* Run WORK on each of NPARTS parts, the structures at PARTS, SIZE bytes apart:
 * the first in the caller, the others in threads (up to PARALLEL_PARTS_MAX in
 * all), or in the caller too when no thread can be had. Returns when all are done, so the caller may then merge
 * them in order, as one reader would have seen it all. */
void parallel_run(void *(*work)(void *part), void *parts, size_t size, size_t nparts);

#endif

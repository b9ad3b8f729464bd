/* nsjoin's TARGET (-t): a process, held by pidfd from the moment it is
 * parsed, or a directory of pins (as nspin -t and nsclone --pin write them),
 * opened once; and what names the target's view (its root, its working
 * directory, its environment), opened before we leave ours. */
#ifndef NSTOOLS_TARGET_H
#define NSTOOLS_TARGET_H

#include "joinset.h"
#include "pidhold.h"

struct target {
	const char *arg;      /* as given; NULL: no target */
	struct held_pid pid;  /* a process: procfd >= 0 */
	int dirfd;            /* a pin directory: >= 0 */
};

#define TARGET_NONE { .arg = NULL, .pid = { .pid = 0, .pidfd = -1, .procfd = -1 }, .dirfd = -1 }

/* -t ARG: a PID (or PID:INODE), else a pin directory; a second -t is a usage
 * error, anything else exits saying what it is. */
void target_parse(struct target *target, const char *arg);

/* Add to SET every namespace of the target not in it already: the process's
 * (its own namespaces among them, which join_drop_our_own drops), or the
 * pins of the directory (none at all is an error). */
void target_add_namespaces(const struct target *target, struct join_set *set);

/* The target process's environment, read before joining: its /proc may not
 * be visible from inside its namespaces. --env without -t PID is a usage
 * error. */
char **target_environment(const struct target *target);

/* A directory to change root or directory to, opened now: DIR, or the target
 * process's WHAT ("root" or "cwd") when DIR is NULL. Exits on failure. */
int target_open_directory(const struct target *target, const char *dir, const char *what);

/* Close all the target's descriptors: nothing of the host's stays held. */
void target_release(struct target *target);

#endif

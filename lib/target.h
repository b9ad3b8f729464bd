/* The TARGET of nsjoin -t and nspin -t: a process, held by pidfd from the
 * moment it is parsed, or the pins a directory or a NAME holds (as nspin -t
 * and nsclone --pin write them), opened once and checked (nsname); and what names the target's view (its root, its working
 * directory, its environment), opened before we leave ours. */
#ifndef NSTOOLS_TARGET_H
#define NSTOOLS_TARGET_H

#include "joinset.h"
#include "nsname.h"
#include "pidhold.h"

struct target {
	const char *arg;      /* as given; NULL: no target */
	struct held_pid pid;  /* a process: procfd >= 0 */
	bool pinned;          /* pins: in .pins */
	struct ns_held pins;
};

#define TARGET_NONE { .arg = NULL, .pid = { .pid = 0, .pidfd = -1, .procfd = -1 }, .pinned = false }

/* -t ARG: a PID (or PID:INODE), else a pin directory or a NAME, its pins of
 * the types in TYPES (0: all) opened; a second -t is a usage error, anything
 * else exits saying what it is. */
void target_parse(struct target *target, const char *arg, int types);

/* True when the target is pins, among them one of the types in TYPES. */
bool target_pins(const struct target *target, int types);

/* The target's namespace of TYPE, a descriptor of its own, checked; -1 for a
 * pin directory that holds none of that type. */
int target_open_namespace(const struct target *target, const struct ns_type *type);

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

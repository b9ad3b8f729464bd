/* The namespaces nsjoin joins, one of each type at most, each held by a
 * descriptor opened before any is joined; and joining them, in the order
 * that works for root and for rootless callers alike. */
#ifndef NSTOOLS_JOINSET_H
#define NSTOOLS_JOINSET_H

#include <stdbool.h>

#include "nstype.h"
#include "pidhold.h"

/* One namespace to join: where it came from (for messages) and its descriptor. */
struct join {
	int fd;
	const char *from;
};

struct join_set {
	struct join of[NS_TYPE_MAX]; /* by ns_type_index; fd -1: none */
};

void join_set_init(struct join_set *set);

/* True when the set holds a namespace of TYPE. */
bool join_set_has(const struct join_set *set, const struct ns_type *type);

/* True when it holds none. */
bool join_set_is_empty(const struct join_set *set);

/* Join FD (FROM names it) as the namespace of TYPE; a second one of a type
 * is a usage error. */
void join_add(struct join_set *set, const struct ns_type *type, int fd, const char *from);

/* -N FD: the network namespace of socket FD of the process TARGET (named
 * TARGET_ARG, whose own network namespace it replaces); exits on failure. */
void join_add_socket(struct join_set *set, const struct held_pid *target, int socket_fd,
		     const char *target_arg);

/* --user-parent: the parent of the user namespace in the set instead. */
void join_replace_user_by_parent(struct join_set *set);

/* Drop the namespaces we are in already, and return the CLONE_NEW* mask of
 * those left. */
int join_drop_our_own(struct join_set *set);

/* Join every namespace in MASK: all at once by setns(PIDFD, MASK) when
 * PIDFD (the target's, when the set is all of it) is not -1 and the kernel
 * can, otherwise one at a time. A failure exits, saying why. */
void join_namespaces(struct join_set *set, int mask, int pidfd);

#endif

/* Opening a namespace named by a SPEC and checking what it is. */
#ifndef NSTOOLS_NSFILE_H
#define NSTOOLS_NSFILE_H

#include <stdbool.h>
#include <sys/types.h>

#include "nstype.h"
#include "pidhold.h"

/* The type of the namespace FD refers to; NULL when FD is not on nsfs. */
const struct ns_type *ns_fd_type(int fd);

/* Exit with a one-line error naming NAME unless FD is a namespace of type WANT
 * (any type when WANT is NULL). Returns the type found. */
const struct ns_type *ns_check_fd(int fd, const char *name, const struct ns_type *want);

/* Open SPEC (a namespace file, a PID or PID:INODE) as a namespace of type
 * WANT, or of any type when WANT is NULL (a PID then names no type: an error).
 * The descriptor is O_CLOEXEC and checked; any problem exits naming SPEC. */
int ns_open_spec(const char *spec, const struct ns_type *want, const struct ns_type **found);

/* The namespace of type TYPE of a held process, checked. */
int ns_open_of_pid(const struct held_pid *held, const struct ns_type *type);

/* True when FD is the namespace of TYPE this process is in. */
bool ns_is_ours(int fd, const struct ns_type *type);

#endif

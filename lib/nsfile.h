/* Opening a namespace named by a SPEC and checking what it is. */
#ifndef NSTOOLS_NSFILE_H
#define NSTOOLS_NSFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "nstype.h"
#include "pidhold.h"

/* The type and inode number in a namespace's name as the kernel writes it,
 * "net:[4026531840]": the target of /proc/PID/ns/net and of /proc/PID/fd/N
 * for a namespace descriptor, the root of an nsfs mount (a pin). 0, or -1
 * when NAME is anything else. */
int ns_parse_name(const char *name, const struct ns_type **type, uint64_t *ino);

/* readlinkat(DIRFD, PATH) and ns_parse_name, with no file opened: 0, or -1
 * with errno (EINVAL: the link names no namespace). */
int ns_read_link(int dirfd, const char *path, const struct ns_type **type, uint64_t *ino);

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

/* Paths resolved once, to a descriptor, by a tool running as root among users
 * who own some of the directories on the way: every later act is an *at()
 * call on that descriptor, so nobody can swap a component in between. */
#ifndef NSTOOLS_SAFEPATH_H
#define NSTOOLS_SAFEPATH_H

#include <stdbool.h>
#include <sys/stat.h>

/* True when only root or we could have changed the directory ST describes:
 * owned by one of us and writable by neither its group nor others. A link in
 * such a directory is ours to follow. */
bool dir_is_trusted(const struct stat *st);

/* Open PATH with FLAGS (O_CLOEXEC is added), resolving it once: openat2
 * RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS (Linux 5.6) where no link is on
 * the way, otherwise a walk of one component at a time (O_NOFOLLOW) that
 * follows a symbolic link only in a trusted directory, never a magic link
 * (/proc/PID/root) of a process we may not trust. -1 with errno (ELOOP: a
 * link in a directory others can write, not followed). */
int path_open_trusted(const char *path, int flags);

/* Open the directory holding PATH's last component the same way, and point
 * *NAME at that component (inside PATH; "x" of "a/x/"): what is made, checked
 * or removed there is by *at() calls on the descriptor (*NAME is malloc'd).
 * A last component of
 * "." or ".." has no directory entry to act on: EINVAL. -1 with errno. */
int path_open_parent(const char *path, char **name);

/* Open NAME, one component, in DIRFD without following any link (openat2
 * RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS, else O_NOFOLLOW): -1 with ELOOP when
 * it is one. FLAGS as for openat, O_CLOEXEC added. */
int path_open_entry(int dirfd, const char *name, int flags);

/* Open PATH inside ROOTFD as if ROOTFD were "/" (another mount namespace's
 * /proc/PID/root, whose directories its users own): openat2 RESOLVE_IN_ROOT
 * with no links followed, else a walk of O_NOFOLLOW components that never
 * leaves ROOTFD. -1 with errno. */
int path_open_in_root(int rootfd, const char *path, int flags);

/* What to say of errno ERRNUM from the functions above: strerror's text, or
 * for ELOOP that a link where others can write was not followed. */
const char *path_error(int errnum);

#endif

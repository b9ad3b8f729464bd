/* Creating namespaces: a child born in them, and why the kernel refused. */
#ifndef NSTOOLS_NSCREATE_H
#define NSTOOLS_NSCREATE_H

#include <stdbool.h>
#include <sys/types.h>

/* Like fork, a child in new namespaces of the types in FLAGS (CLONE_NEW*):
 * by clone3 (Linux 5.3) where the kernel has it, clone otherwise. A new time
 * namespace comes from clone3 only, and not at all when TIME_OFFSETS are to
 * be set: those can be written only before any process is in it. Then
 * *TIME_BY_CHILD says the child must unshare it itself. A failure exits,
 * saying why in the user's terms (a limit, a privilege, a missing type). */
pid_t ns_clone(int flags, bool time_offsets, bool *time_by_child);

#endif

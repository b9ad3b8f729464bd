/* The mount a path is on, and whether the path is its root (a mount point):
 * statx (Linux 5.8) where the kernel says, the mount table otherwise. */
#ifndef NSTOOLS_MOUNTPOINT_H
#define NSTOOLS_MOUNTPOINT_H

#include <stdbool.h>
#include <stdint.h>

/* The mount that what the descriptor FD refers to is on, by its mountinfo
 * ID, and whether FD is its root: asked of the descriptor, so a path that
 * others may change is never looked up again. 0, or -1 with errno. */
int mount_of_fd(int fd, uint64_t *id, bool *mount_point);

/* True when what the descriptor FD refers to is the root of a mount. False
 * with errno 0 when it is not; with errno set when that could not be told. */
bool fd_is_mount_root(int fd);

/* The propagation (MS_SHARED, MS_SLAVE, MS_UNBINDABLE, or 0 for private) of
 * the mount that what FD refers to is on; TARGET, if not NULL, gets its mount
 * point (malloc'd). 0, or -1 with errno (ENOSYS: a kernel that cannot say
 * which mount). */
int mount_propagation_of(int fd, unsigned long *propagation, char **target);

#endif

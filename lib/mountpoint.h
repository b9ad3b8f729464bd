/* Questions about the mount a path is on, answered without libmount, so that
 * a tool that only asks them starts fast. */
#ifndef NSTOOLS_MOUNTPOINT_H
#define NSTOOLS_MOUNTPOINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* True when PATH is the root of a mount (statx, Linux 5.8). False with
 * errno 0 when it is not; with errno set when statx failed. */
bool is_mount_point(const char *path);

/* The same for what the descriptor FD refers to. */
bool fd_is_mount_root(int fd);

/* The propagation (MS_SHARED, MS_SLAVE, MS_UNBINDABLE, or 0 for private) of
 * the mount PATH is on; TARGET, if not NULL, gets its mount point (malloc'd).
 * 0, or -1 with errno. */
int mount_propagation_of(const char *path, unsigned long *propagation, char **target);

/* The same, for the mount with ID MNT_ID in MOUNTINFO, a stream in the format
 * of /proc/PID/mountinfo. 0, or -1 with errno (ENOENT: no such mount). */
int mountinfo_propagation(FILE *mountinfo, uint64_t mnt_id, unsigned long *propagation, char **target);

#endif

/* The mount tables of mount namespaces, one view per namespace: ours, or
 * every namespace some process is in, each read as that process sees it. */
#ifndef NSTOOLS_MOUNTVIEWS_H
#define NSTOOLS_MOUNTVIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mounttable.h"

struct mount_view {
	struct mount_table table;
	ino_t ns;     /* the mount namespace's inode number */
	pid_t pid;    /* with every namespace, the process whose mountinfo was read; else 0 */
};

struct mount_views {
	struct mount_view *views;
	size_t count, alloc;
	size_t own;   /* the view of the namespace we are in */
};

/* -N: enter the mount namespace NSFD (named SPEC in messages) unless it is
 * ours already, then close NSFD. Exits on failure. */
void mount_ns_enter(int nsfd, const char *spec);

/* Read our namespace's table or, when ALL, every mount namespace's, with
 * the strings in WANT (MOUNT_TARGET...); PROCFD is a descriptor of /proc.
 * Namespaces whose processes we may not inspect are passed over without a
 * word, as lsns does. Exits when our own table cannot be read. */
void mount_views_read(struct mount_views *views, int procfd, bool all, unsigned int want);

/* An O_PATH descriptor of PATH, with the mountinfo ID of the mount it is
 * on; with MOUNT_POINT, PATH must be that mount's root. Exits otherwise. */
int mount_open_path(const char *path, bool mount_point, uint64_t *id);

/* The index in our own view of the mount at PATH (MOUNT_POINT: which must be
 * its root) or that PATH is on (as findmnt -T). Exits otherwise. */
size_t mount_views_own_mount(const struct mount_views *views, const char *path, bool mount_point);

#endif

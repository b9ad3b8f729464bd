/* The propagation graph of mount rows, for Graphviz's dot: each namespace a
 * cluster of its mounts, each peer group a node joined to its members, and
 * an arrow from each master group to its slaves. */
#ifndef NSTOOLS_MOUNTDOT_H
#define NSTOOLS_MOUNTDOT_H

#include "mountrows.h"
#include "mountviews.h"

/* Print the graph of ROWS (mounts of VIEWS, read with MOUNT_TARGET) on stdout. */
void mount_dot_print(const struct mount_views *views, const struct mount_rows *rows);

#endif

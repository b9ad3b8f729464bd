/* The rows a mount table shows: mounts of the views, in order, each with the
 * row it hangs under in a tree (INDEX_NONE at the top). */
#ifndef NSTOOLS_MOUNTROWS_H
#define NSTOOLS_MOUNTROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "mountviews.h"

struct mount_row {
	size_t view, mount, parent;
};

struct mount_rows {
	struct mount_row *rows;
	size_t count, alloc;
};

/* Add the mount MOUNT of view VIEW under row PARENT; its row. Exits when out of memory. */
size_t mount_rows_add(struct mount_rows *rows, size_t view, size_t mount, size_t parent);

/* TOP and, when WHOLE, everything below it in tree order. */
void mount_rows_add_subtree(struct mount_rows *rows, const struct mount_views *views, size_t view, size_t top,
			    bool whole);

/* Every mount of every view: a tree from each root or, when LIST, in the
 * kernel's order, as findmnt -l. */
void mount_rows_add_all(struct mount_rows *rows, const struct mount_views *views, bool list);

#endif

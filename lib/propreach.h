/* The propagation reach of a mount: every mount that receives the mounts
 * made under it, in every view. Peer group IDs are global, so with a view of
 * every mount namespace this answers "which containers will see it?" */
#ifndef NSTOOLS_PROPREACH_H
#define NSTOOLS_PROPREACH_H

#include <stddef.h>

#include "mountrows.h"
#include "mountviews.h"

/* Add to ROWS, each once and as a list, the mount TOP of view VIEW, its peer
 * group, the slaves of that group, and on through every slave that is
 * shared in turn. Exits when out of memory. */
void prop_reach(const struct mount_views *views, size_t view, size_t top, struct mount_rows *rows);

#endif

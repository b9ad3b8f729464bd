/* mountprop's output of the rows it shows: the table's cells, findmnt's
 * words for what findmnt also shows, and which strings of each mount the
 * columns need read (a mount point costs the kernel a d_path). */
#ifndef NSTOOLS_MOUNTREPORT_H
#define NSTOOLS_MOUNTREPORT_H

#include <stdbool.h>

#include "columns.h"
#include "mountrows.h"
#include "mountviews.h"

/* The table's columns: indexes into the tool's column table. */
enum {
	MOUNT_COL_TARGET, MOUNT_COL_ID, MOUNT_COL_PARENT, MOUNT_COL_PROPAGATION, MOUNT_COL_PEER, MOUNT_COL_MASTER,
	MOUNT_COL_PROPAGATE_FROM, MOUNT_COL_FSTYPE, MOUNT_COL_SOURCE, MOUNT_COL_NS, MOUNT_COL_PID,
};

/* The MOUNT_* strings COLUMNS show, and DOT's graph. */
unsigned int mount_report_strings(const struct column_set *columns, bool dot);

/* ROWS of VIEWS, as a table of COLUMNS in STYLE, on stdout. */
void mount_report_table(const struct mount_rows *rows, const struct mount_views *views,
			const struct column_set *columns, const struct table_style *style);

#endif

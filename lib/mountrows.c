#include "config.h"

#include <stdlib.h>

#include "array.h"
#include "mountrows.h"
#include "tool.h"

size_t mount_rows_add(struct mount_rows *rows, size_t view, size_t mount, size_t parent)
{
	array_reserve_or_exit(&rows->rows, &rows->alloc, rows->count + 1, sizeof(*rows->rows));
	rows->rows[rows->count] = (struct mount_row) { view, mount, parent };
	return rows->count++;
}

void mount_rows_add_subtree(struct mount_rows *rows, const struct mount_views *views, size_t view, size_t top,
			    bool whole)
{
	const struct mount_table *table = &views->views[view].table;
	size_t row = mount_rows_add(rows, view, top, INDEX_NONE), *row_of;

	if (!whole)
		return;
	/* the walk reaches a mount's parent before the mount: its row is known */
	row_of = malloc((table->count + 1) * sizeof(*row_of));
	if (!row_of)
		err(tool_failure, NULL);
	row_of[top] = row;
	for (size_t m = mount_table_next(table, top, top); m != INDEX_NONE; m = mount_table_next(table, top, m))
		row_of[m] = mount_rows_add(rows, view, m, row_of[table->mounts[m].parent]);
	free(row_of);
}

void mount_rows_add_all(struct mount_rows *rows, const struct mount_views *views, bool list)
{
	for (size_t v = 0; v < views->count; v++) {
		const struct mount_table *table = &views->views[v].table;

		if (list)
			array_reserve_or_exit(&rows->rows, &rows->alloc, rows->count + table->count,
					      sizeof(*rows->rows));
		for (size_t m = 0; m < table->count; m++)
			if (list)
				mount_rows_add(rows, v, m, INDEX_NONE);
			else if (table->mounts[m].parent == INDEX_NONE)
				mount_rows_add_subtree(rows, views, v, m, true);
	}
}

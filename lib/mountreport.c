#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mountreport.h"
#include "propagation.h"
#include "tool.h"

unsigned int mount_report_strings(const struct column_set *columns, bool dot)
{
	unsigned int want = 0;

	if (dot || columns_has(columns, MOUNT_COL_TARGET))
		want |= MOUNT_TARGET;
	if (columns_has(columns, MOUNT_COL_FSTYPE))
		want |= MOUNT_FSTYPE;
	if (columns_has(columns, MOUNT_COL_SOURCE))
		want |= MOUNT_SOURCE;
	if (columns_has(columns, MOUNT_COL_PROPAGATE_FROM))
		want |= MOUNT_PROPAGATE_FROM;
	return want;
}

static void fill_line(struct libscols_line *line, const struct column_set *columns, const struct mount_view *view,
		      const struct mount *m)
{
	for (size_t i = 0; i < columns->count; i++) {
		char *source;

		switch (columns->ids[i]) {
		case MOUNT_COL_TARGET:
			columns_set_string(line, i, m->target);
			break;
		case MOUNT_COL_ID:
			columns_set_number(line, i, m->id);
			break;
		case MOUNT_COL_PARENT:
			columns_set_number(line, i, m->parent_id);
			break;
		case MOUNT_COL_PROPAGATION:
			columns_set_string(line, i, propagation_words(m->propagation));
			break;
		case MOUNT_COL_PEER:
			columns_set_number(line, i, m->peer);
			break;
		case MOUNT_COL_MASTER:
			columns_set_number(line, i, m->master);
			break;
		case MOUNT_COL_PROPAGATE_FROM:
			columns_set_number(line, i, m->propagate_from);
			break;
		case MOUNT_COL_FSTYPE:
			columns_set_string(line, i, m->fstype);
			break;
		case MOUNT_COL_SOURCE:
			/* findmnt's form: a bind mount of a directory shows which */
			if (strcmp(m->root, "/") == 0) {
				columns_set_string(line, i, m->source);
				break;
			}
			if (asprintf(&source, "%s[%s]", m->source, m->root) < 0)
				err(tool_failure, NULL);
			columns_set_string(line, i, source);
			free(source);
			break;
		case MOUNT_COL_NS:
			columns_set_number(line, i, (uint64_t) view->ns);
			break;
		case MOUNT_COL_PID:
			columns_set_number(line, i, (uint64_t) view->pid);
			break;
		}
	}
}

void mount_report_table(const struct mount_rows *rows, const struct mount_views *views,
			const struct column_set *columns, const struct table_style *style)
{
	/* static: not freed (see below), yet still reachable, which is what leak
	 * checkers must be told of memory kept until exit on purpose */
	static struct libscols_table *table;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, so sizeof a pointer */
	struct libscols_line **lines = calloc(rows->count + 1, sizeof(*lines));

	table = columns_new_table(columns, style);
	if (!lines)
		err(tool_failure, NULL);
	for (size_t r = 0; r < rows->count; r++) {
		const struct mount_row *row = &rows->rows[r];
		const struct mount_view *view = &views->views[row->view];

		lines[r] = scols_table_new_line(table, row->parent == INDEX_NONE || style->list ? NULL : lines[row->parent]);
		if (!lines[r])
			err(tool_failure, _("cannot make a table"));
		fill_line(lines[r], columns, view, &view->table.mounts[row->mount]);
	}
	scols_print_table(table);
	/* not freed: the process ends here, and 5000 lines freed one by one
	 * would cost a millisecond for nothing */
	free(lines);
}

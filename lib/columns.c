#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "tool.h"

static size_t column_by_name(const struct column_set *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->ninfo; i++)
		if (strlen(set->info[i].name) == len && strncasecmp(set->info[i].name, name, len) == 0)
			return i;
	usage_error(_("unknown column: %.*s"), (int) len, name);
}

static void columns_add_list(struct column_set *set, const char *list)
{
	while (*list) {
		size_t len = strcspn(list, ",");

		if (len > 0) {
			if (set->count >= COLUMNS_MAX)
				usage_error(_("too many columns: %s"), list);
			set->ids[set->count++] = column_by_name(set, list, len);
		}
		list += len;
		if (*list == ',')
			list++;
	}
}

void columns_init(struct column_set *set, const struct column_info *info, size_t ninfo, const char *defaults)
{
	set->info = info;
	set->ninfo = ninfo;
	set->count = 0;
	columns_add_list(set, defaults);
}

void columns_parse(struct column_set *set, const char *list)
{
	if (*list == '+')
		list++;
	else
		set->count = 0;
	columns_add_list(set, list);
	if (set->count == 0)
		usage_error(_("no columns in: %s"), list);
}

void columns_select_all(struct column_set *set)
{
	set->count = 0;
	for (size_t i = 0; i < set->ninfo && i < COLUMNS_MAX; i++)
		set->ids[set->count++] = i;
}

bool columns_has(const struct column_set *set, size_t id)
{
	for (size_t i = 0; i < set->count; i++)
		if (set->ids[i] == id)
			return true;
	return false;
}

void columns_print_help(const struct column_set *set, FILE *out)
{
	fputs(_("\nAvailable output columns:\n"), out);
	for (size_t i = 0; i < set->ninfo; i++)
		fprintf(out, " %16s  %s\n", set->info[i].name, _(set->info[i].help));
}

struct libscols_table *columns_new_table(const struct column_set *set, const struct table_style *style)
{
	struct libscols_table *table;

	/* libsmartcols reads its environment (LIBSMARTCOLS_DEBUG,
	 * LIBSMARTCOLS_DEBUG_PADDING) only once its debug mask is set up, as
	 * lsns and findmnt do first: without this the knobs do nothing here */
	scols_init_debug(0);
	table = scols_new_table();

	if (!table)
		err(tool_failure, _("cannot make a table"));
	scols_table_enable_json(table, style->json);
	scols_table_enable_raw(table, style->raw);
	scols_table_enable_noheadings(table, style->noheadings);
	if (style->json_name)
		scols_table_set_name(table, style->json_name);
	for (size_t i = 0; i < set->count; i++) {
		const struct column_info *info = &set->info[set->ids[i]];
		int flags = info->flags;
		struct libscols_column *column;

		if (style->tree_column && strcmp(info->name, style->tree_column) == 0)
			flags |= SCOLS_FL_TREE;
		if (style->list)
			flags &= ~SCOLS_FL_TREE;
		/* a tree grows from the left edge */
		if (flags & SCOLS_FL_TREE)
			flags &= ~SCOLS_FL_RIGHT;
		if (style->notruncate)
			flags &= ~SCOLS_FL_TRUNC;
		column = scols_table_new_column(table, info->name, info->width, flags);
		if (!column)
			err(tool_failure, _("cannot make a table"));
		scols_column_set_json_type(column, info->json_type);
		/* a multi-line cell: one line per newline in the table, one
		 * element per line in a JSON array */
		if (flags & SCOLS_FL_WRAP) {
			scols_column_set_wrapfunc(column, scols_wrapnl_chunksize, scols_wrapnl_nextchunk, NULL);
			scols_column_set_safechars(column, "\n");
		}
	}
	return table;
}

void columns_set_string(struct libscols_line *line, size_t cell, const char *value)
{
	if (scols_line_set_data(line, cell, value) != 0)
		err(tool_failure, NULL);
}

void columns_set_number(struct libscols_line *line, size_t cell, uint64_t value)
{
	char buf[32];

	if (value == 0)
		return;
	snprintf(buf, sizeof(buf), "%" PRIu64, value);
	columns_set_string(line, cell, buf);
}

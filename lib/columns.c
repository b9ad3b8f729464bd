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
	memset(set->hidden, 0, sizeof(set->hidden));
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

void columns_print_list(const struct column_set *set, const struct table_style *style, const char *json_name)
{
	struct libscols_table *table = scols_new_table();

	if (!table || !scols_table_new_column(table, "HOLDER", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(table, "TYPE", 0, 0) || !scols_table_new_column(table, "DESCRIPTION", 0, 0))
		err(tool_failure, _("cannot make a table"));
	scols_table_set_name(table, json_name);
	scols_table_enable_noheadings(table, 1);
	scols_table_enable_json(table, style->json);
	scols_table_enable_raw(table, style->raw);
	for (size_t i = 0; i < set->ninfo; i++) {
		struct libscols_line *line = scols_table_new_line(table, NULL);
		int type = set->info[i].json_type;

		if (!line)
			err(tool_failure, _("cannot make a table"));
		columns_set_string(line, 0, set->info[i].name);
		/* the names lsns and findmnt give the types */
		columns_set_string(line, 1, type == SCOLS_JSON_NUMBER ? "<integer>" :
				   type == SCOLS_JSON_BOOLEAN ? "<boolean>" : "<string>");
		columns_set_string(line, 2, _(set->info[i].help));
	}
	if (scols_print_table(table) != 0)
		err(tool_failure, _("cannot print the table"));
	scols_unref_table(table);
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
	scols_table_enable_nowrap(table, style->nowrap);
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
		if (set->hidden[i])
			flags |= SCOLS_FL_HIDDEN;
		if (style->nowrap)
			flags &= ~SCOLS_FL_WRAP;
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

/* ---- -Q, --filter: libsmartcols's own filter (2.40), never one of ours ---- */

#ifdef HAVE_SCOLS_FILTER
struct column_filter {
	struct libscols_filter *filter;
};

struct column_filter *columns_filter_new(const char *expr)
{
	struct column_filter *f = calloc(1, sizeof(*f));

	if (!f || !(f->filter = scols_new_filter(NULL)))
		err(tool_failure, NULL);
	if (scols_filter_parse_string(f->filter, expr) != 0)
		usage_error(_("--filter: %s"), scols_filter_get_errmsg(f->filter));
	return f;
}

void columns_filter_add_columns(struct column_filter *f, struct column_set *set)
{
	struct libscols_iter *itr = scols_new_iter(SCOLS_ITER_FORWARD);
	const char *name;

	if (!itr)
		err(tool_failure, NULL);
	while (scols_filter_next_holder(f->filter, itr, &name, 0) == 0) {
		size_t id = column_by_name(set, name, strlen(name));

		if (columns_has(set, id))
			continue;
		if (set->count >= COLUMNS_MAX)
			usage_error(_("too many columns: %s"), name);
		set->hidden[set->count] = true;
		set->ids[set->count++] = id;
	}
	scols_free_iter(itr);
}

void columns_filter_bind(struct column_filter *f, struct libscols_table *table)
{
	struct libscols_iter *itr = scols_new_iter(SCOLS_ITER_FORWARD);
	const char *name;

	if (!itr)
		err(tool_failure, NULL);
	while (scols_filter_next_holder(f->filter, itr, &name, 0) == 0) {
		struct libscols_column *column = scols_table_get_column_by_name(table, name);

		/* the names are case-insensitive, as -o's */
		for (size_t i = 0; !column && i < scols_table_get_ncols(table); i++) {
			struct libscols_column *c = scols_table_get_column(table, i);

			if (strcasecmp(scols_cell_get_data(scols_column_get_header(c)), name) == 0)
				column = c;
		}
		if (!column || scols_filter_assign_column(f->filter, itr, name, column) != 0)
			errx(tool_failure, _("--filter: %s: cannot be applied"), name);
	}
	scols_free_iter(itr);
}

bool columns_filter_selects(struct column_filter *f, struct libscols_line *line)
{
	int selected = 0;

	if (scols_line_apply_filter(line, f->filter, &selected) != 0)
		errx(tool_failure, _("--filter: %s"), scols_filter_get_errmsg(f->filter));
	return selected != 0;
}
#else
struct column_filter *columns_filter_new(const char *expr)
{
	(void) expr;
	errx(EXIT_FAILURE, _("--filter: this build has no filter (libsmartcols %s; 2.40 and later have one):"
			     " see the manual for jq and awk"), LIBSMARTCOLS_VERSION);
}

void columns_filter_add_columns(struct column_filter *f, struct column_set *set)
{
	(void) f;
	(void) set;
}

void columns_filter_bind(struct column_filter *f, struct libscols_table *table)
{
	(void) f;
	(void) table;
}

bool columns_filter_selects(struct column_filter *f, struct libscols_line *line)
{
	(void) f;
	(void) line;
	return true;
}
#endif

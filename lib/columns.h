/* Table output, as lsns and findmnt do it: one static column table per tool,
 * -o LIST parsing, --help's column list, and a libsmartcols table to fill. */
#ifndef NSTOOLS_COLUMNS_H
#define NSTOOLS_COLUMNS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <libsmartcols.h>

struct column_info {
	const char *name;  /* lsns's or findmnt's name where the meaning is the same */
	double width;      /* libsmartcols width hint */
	int flags;         /* SCOLS_FL_*; with SCOLS_FL_WRAP, a cell's lines are its newlines */
	int json_type;     /* SCOLS_JSON_* */
	const char *help;  /* translatable, for --help */
};

#define COLUMNS_MAX 64

struct column_set {
	const struct column_info *info; /* the tool's column table */
	size_t ninfo;
	size_t ids[COLUMNS_MAX];        /* indexes into info, in output order */
	bool hidden[COLUMNS_MAX];       /* per position: read for a filter, not shown */
	size_t count;
};

struct table_style {
	bool json, raw, noheadings, list;
	bool notruncate;                /* no SCOLS_FL_TRUNC: long cells in full */
	bool nowrap;                    /* no multi-line cells */
	const char *json_name;          /* the JSON array's name: "namespaces" */
	const char *tree_column;        /* the column that draws the tree, when it is
					   chosen at run time (lsns's -T); else NULL */
};

/* DEFAULTS: names of the default columns, comma-separated. */
void columns_init(struct column_set *set, const struct column_info *info, size_t ninfo, const char *defaults);

/* -o LIST: replace the columns, or with a leading '+' add to them; an unknown
 * name is a usage error naming it. */
void columns_parse(struct column_set *set, const char *list);

void columns_select_all(struct column_set *set);

/* True when column ID (an index in info) is selected. */
bool columns_has(const struct column_set *set, size_t id);

/* "Available output columns:" for --help. */
void columns_print_help(const struct column_set *set, FILE *out);

/* -H, --list-columns: every column's name, JSON type and meaning, as lsns
 * 2.40 lists them (JSON_NAME: the JSON array's name), shaped by -J and -r. */
void columns_print_list(const struct column_set *set, const struct table_style *style, const char *json_name);

/* A table with the selected columns, styled; exits on allocation failure. */
struct libscols_table *columns_new_table(const struct column_set *set, const struct table_style *style);

/* Cell CELL of LINE: a copy of VALUE; a number, where 0 leaves the cell
 * empty (JSON null, as findmnt's empty fields). Exit when out of memory. */
void columns_set_string(struct libscols_line *line, size_t cell, const char *value);
void columns_set_number(struct libscols_line *line, size_t cell, uint64_t value);

/* -Q, --filter EXPR: libsmartcols's filter, where this build's libsmartcols
 * has one (2.40); without, columns_filter_new exits saying so in one line,
 * and a syntax error in EXPR is a usage error. The columns the filter names
 * are added to SET, hidden, so that they are read; once the table is made,
 * bind them; then ask of each line, its cells filled, whether it is shown. */
struct column_filter;
struct column_filter *columns_filter_new(const char *expr);
void columns_filter_add_columns(struct column_filter *f, struct column_set *set);
void columns_filter_bind(struct column_filter *f, struct libscols_table *table);
bool columns_filter_selects(struct column_filter *f, struct libscols_line *line);

#endif

/* nsls's output of a census: the table (lsns's columns and HOLDERS, as a list
 * or a tree), --summary's counts against the limits, and --why's sentences. */
#ifndef NSTOOLS_NSREPORT_H
#define NSTOOLS_NSREPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "columns.h"
#include "nscensus.h"
#include "nstype.h"

/* The table's columns: indexes into the tool's column table. */
enum {
	COL_NS, COL_TYPE, COL_PATH, COL_NPROCS, COL_PID, COL_PPID, COL_COMMAND, COL_UID, COL_USER,
	COL_NETNSID, COL_NSFS, COL_PNS, COL_ONS, COL_HOLDERS,
};

enum ns_tree { TREE_NONE, TREE_PROCESS, TREE_OWNER, TREE_PARENT };

/* A namespace named on the command line. */
struct ns_wanted {
	const char *arg;
	uint64_t ino;
};

/* What to print, and of which namespaces. */
struct ns_report {
	const struct census *census;
	struct column_set columns;
	struct table_style style;
	enum ns_tree tree;
	bool types_given, types_listed[NS_TYPE_MAX]; /* -t */
	pid_t task;                                  /* -p, or 0 */
	uint64_t task_ns[NS_TYPE_MAX];
	bool persistent;                             /* -P */
	struct column_filter *filter;                /* -Q, or NULL */
	bool members;                                /* NS operands and nothing that shapes the
							table: their processes, as lsns NS */
	struct ns_wanted *wanted;                    /* NS operands */
	size_t nwanted, wanted_alloc;
};

/* One more NS operand, named ARG: its inode number to be filled in. */
struct ns_wanted *report_want(struct ns_report *rep, const char *arg);

/* True when namespaces of TYPE are listed (-t). */
bool report_lists(const struct ns_report *rep, const struct ns_type *type);

void report_table(struct ns_report *rep);
void report_summary(struct ns_report *rep);
void report_why(const struct ns_report *rep);

#endif

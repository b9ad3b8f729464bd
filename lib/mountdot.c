#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "mountdot.h"
#include "propagation.h"
#include "tool.h"

static int by_value(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* A DOT string: quotes and backslashes escaped, control characters shown as '?'. */
static void print_dot_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar((unsigned char) *s < ' ' ? '?' : *s);
	}
	putchar('"');
}

static void print_cluster_label(const struct mount_view *view)
{
	char label[96];

	printf("\tsubgraph \"cluster_mnt_%ju\" {\n\t\tlabel=", (uintmax_t) view->ns);
	if (view->pid)
		snprintf(label, sizeof(label), "mnt:[%ju] PID %d", (uintmax_t) view->ns, (int) view->pid);
	else
		snprintf(label, sizeof(label), "mnt:[%ju]", (uintmax_t) view->ns);
	print_dot_string(label);
	puts(";");
}

/* Each view's mounts in a cluster; the groups they are in, into GROUPS. */
static size_t print_clusters(const struct mount_views *views, const struct mount_rows *rows, uint64_t *groups)
{
	size_t ngroups = 0;

	for (size_t v = 0; v < views->count; v++) {
		bool opened = false;

		for (size_t r = 0; r < rows->count; r++) {
			const struct mount *m;

			if (rows->rows[r].view != v)
				continue;
			m = &views->views[v].table.mounts[rows->rows[r].mount];
			if (!opened)
				print_cluster_label(&views->views[v]);
			opened = true;
			printf("\t\t\"m%" PRIu64 "\" [label=", m->id);
			print_dot_string(m->target);
			printf(" + \"\\n%" PRIu64 " %s\"];\n", m->id, propagation_words(m->propagation));
			if (m->peer)
				groups[ngroups++] = m->peer;
			if (m->master)
				groups[ngroups++] = m->master;
		}
		if (opened)
			puts("\t}");
	}
	return ngroups;
}

void mount_dot_print(const struct mount_views *views, const struct mount_rows *rows)
{
	uint64_t *groups = calloc(2 * rows->count + 1, sizeof(*groups));
	size_t ngroups;

	if (!groups)
		err(tool_failure, NULL);
	puts("digraph propagation {\n\trankdir=LR;\n\tnode [shape=box];");
	ngroups = print_clusters(views, rows, groups);
	qsort(groups, ngroups, sizeof(*groups), by_value);
	for (size_t i = 0; i < ngroups; i++)
		if (i == 0 || groups[i] != groups[i - 1])
			printf("\t\"g%" PRIu64 "\" [shape=ellipse, label=\"shared:%" PRIu64 "\"];\n", groups[i], groups[i]);
	for (size_t r = 0; r < rows->count; r++) {
		const struct mount *m = &views->views[rows->rows[r].view].table.mounts[rows->rows[r].mount];

		if (m->peer)
			printf("\t\"g%" PRIu64 "\" -> \"m%" PRIu64 "\" [dir=none];\n", m->peer, m->id);
		if (m->master)
			printf("\t\"g%" PRIu64 "\" -> \"m%" PRIu64 "\" [style=dashed, label=\"slave\"];\n",
			       m->master, m->id);
	}
	puts("}");
	free(groups);
}

#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "nsmembers.h"
#include "nsreport.h"
#include "tool.h"
#include "u64map.h"

/* --summary's table: its columns are fixed, so they have no help text */
enum { SUM_TYPE, SUM_COUNT, SUM_LIMIT };
static const struct column_info summary_infos[] = {
	[SUM_TYPE]  = { "TYPE",  5, 0,              SCOLS_JSON_STRING, NULL },
	[SUM_COUNT] = { "COUNT", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, NULL },
	[SUM_LIMIT] = { "LIMIT", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, NULL },
};

struct ns_wanted *report_want(struct ns_report *rep, const char *arg)
{
	array_reserve_or_exit(&rep->wanted, &rep->wanted_alloc, rep->nwanted + 1, sizeof(*rep->wanted));
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): array_reserve_or_exit made room, or exited */
	rep->wanted[rep->nwanted].arg = arg;
	return &rep->wanted[rep->nwanted++];
}

bool report_lists(const struct ns_report *rep, const struct ns_type *type)
{
	return !rep->types_given || rep->types_listed[ns_type_index(type)];
}

static bool selected(const struct ns_report *rep, const struct ns_found *ns)
{
	size_t i = ns_type_index(ns->type);
	bool found = rep->nwanted == 0;

	if (!report_lists(rep, ns->type) || (rep->task && rep->task_ns[i] != ns->ino) ||
	    (rep->persistent && ns->nprocs > 0))
		return false;
	for (size_t w = 0; w < rep->nwanted && !found; w++)
		found = rep->wanted[w].ino == ns->ino;
	return found;
}

static int by_inode(const void *a, const void *b, void *data)
{
	const struct ns_found *nss = data;
	uint64_t x = nss[*(const size_t *) a].ino, y = nss[*(const size_t *) b].ino;

	return (x > y) - (x < y);
}

/* The selected namespaces, by inode number as lsns sorts them. */
static size_t *select_namespaces(const struct ns_report *rep, size_t *count)
{
	const struct census *c = rep->census;
	size_t *list = calloc(c->nns + 1, sizeof(*list));

	if (!list)
		err(tool_failure, NULL);
	*count = 0;
	for (size_t n = 0; n < c->nns; n++)
		if (selected(rep, &c->nss[n]))
			list[(*count)++] = n;
	qsort_r(list, *count, sizeof(*list), by_inode, c->nss);
	return list;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *str;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&str, fmt, ap);
	va_end(ap);
	if (rc < 0)
		err(tool_failure, NULL);
	return str;
}

/* STR, then SEP and MORE; STR may be NULL. */
static char *append(char *str, char sep, const char *more)
{
	char *joined = str ? xasprintf("%s%c%s", str, sep, more) : xasprintf("%s", more);

	free(str);
	return joined;
}

static char separator(const struct ns_report *rep)
{
	/* a cell of several lines in a table or a JSON array; one line in raw
	 * output, and with --nowrap */
	return (rep->style.raw || rep->style.nowrap) && !rep->style.json ? ',' : '\n';
}

/* The UID a namespace's row shows: its lowest PID's, as lsns; with no
 * process, the creator of its user namespace (itself, for a user namespace),
 * as lsns 2.40 shows it. */
static bool uid_of(const struct census *c, const struct ns_found *ns, const struct proc_details *proc, uid_t *uid)
{
	const struct ns_found *user = ns->type == c->user_type ? ns
		: ns->owner != INDEX_NONE ? &c->nss[ns->owner] : NULL;

	if (proc)
		*uid = proc->uid;
	else if (user && user->has_owner_uid)
		*uid = user->owner_uid;
	else
		return false;
	return true;
}

static const char *user_name(uid_t uid)
{
	static struct u64map cache;
	static char **names;
	static size_t nnames, names_size;
	size_t i = u64map_get(&cache, uid);
	struct passwd *pw;

	if (i != INDEX_NONE)
		return names[i]; /* NOLINT(clang-analyzer-core.NullDereference): cached, so names is allocated */
	pw = getpwuid(uid);
	array_reserve_or_exit(&names, &names_size, nnames + 1, sizeof(*names));
	names[nnames] = pw ? strdup(pw->pw_name) : xasprintf("%u", (unsigned) uid);
	if (!names[nnames])
		err(tool_failure, NULL);
	u64map_put_or_exit(&cache, uid, nnames);
	return names[nnames++];
}

static char *path_of(const struct census *c, const struct ns_found *ns)
{
	if (ns->nprocs > 0)
		return xasprintf("/proc/%d/ns/%s", (int) ns->pid, ns->type->proc_name);
	for (size_t h = ns->holders; h != INDEX_NONE; h = c->holders[h].next)
		if (c->holders[h].kind == HOLD_PIN && c->holders[h].mntns == 0)
			return xasprintf("%s", c->holders[h].path);
	for (size_t h = ns->holders; h != INDEX_NONE; h = c->holders[h].next) {
		if (c->holders[h].kind == HOLD_FOR_CHILDREN)
			return xasprintf("/proc/%d/ns/%s", (int) c->holders[h].pid, ns->type->children_name);
		if (c->holders[h].kind == HOLD_FD)
			return xasprintf("/proc/%d/fd/%d", (int) c->holders[h].pid, c->holders[h].fd);
	}
	return NULL;
}

static char *pins_here(const struct ns_report *rep, const struct ns_found *ns)
{
	const struct census *c = rep->census;
	char *list = NULL;

	for (size_t h = ns->holders; h != INDEX_NONE; h = c->holders[h].next)
		if (c->holders[h].kind == HOLD_PIN && c->holders[h].mntns == 0)
			list = append(list, separator(rep), c->holders[h].path);
	return list;
}

static char *holders_of(const struct ns_report *rep, const struct ns_found *ns)
{
	const struct census *c = rep->census;
	static const enum ns_holder_kind order[] = { HOLD_FOR_CHILDREN, HOLD_PIN, HOLD_FD, HOLD_SOCKET };
	char *list = NULL, *item;

	if (ns->nprocs > 0) {
		item = xasprintf("procs:%zu", ns->nprocs);
		list = append(list, separator(rep), item);
		free(item);
	}
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		for (size_t h = ns->holders; h != INDEX_NONE; h = c->holders[h].next) {
			const struct ns_holder *holder = &c->holders[h];

			if (holder->kind != order[k])
				continue;
			if (holder->kind == HOLD_FOR_CHILDREN)
				item = xasprintf("%s:%d", ns->type->children_name, (int) holder->pid);
			else if (holder->kind == HOLD_PIN && holder->mntns == 0)
				item = xasprintf("pin:%s", holder->path);
			else if (holder->kind == HOLD_PIN)
				item = xasprintf("pin:mnt:%" PRIu64 ":%s", holder->mntns, holder->path);
			else
				item = xasprintf("%s:%d:%d", holder->kind == HOLD_FD ? "fd" : "socket",
						 (int) holder->pid, holder->fd);
			list = append(list, separator(rep), item);
			free(item);
		}
	}
	if (ns->children > 0) {
		item = xasprintf("children:%s:%zu", ns->type->name, ns->children);
		list = append(list, separator(rep), item);
		free(item);
	}
	if (ns->owned > 0) {
		item = xasprintf("owns:%zu", ns->owned);
		list = append(list, separator(rep), item);
		free(item);
	}
	return list;
}

/* lsns prints 0 for "none"; nothing when it could not ask */
static char *relative(const struct census *c, const struct ns_found *ns, size_t related)
{
	if (!ns->examined)
		return NULL;
	return xasprintf("%" PRIu64, related == INDEX_NONE ? 0 : c->nss[related].ino);
}

static char *cell(const struct ns_report *rep, size_t column, const struct ns_found *ns)
{
	const struct census *c = rep->census;
	const struct proc_details *proc = ns->proc == INDEX_NONE ? NULL : &c->procs[ns->proc];
	uid_t uid;

	switch (column) {
	case COL_NS:
		return xasprintf("%" PRIu64, ns->ino);
	case COL_TYPE:
		return xasprintf("%s", ns->type->name);
	case COL_PATH:
		return path_of(c, ns);
	case COL_NPROCS:
		return xasprintf("%zu", ns->nprocs);
	case COL_PID:
		return ns->nprocs ? xasprintf("%d", (int) ns->pid) : NULL;
	case COL_PPID:
		return proc ? xasprintf("%d", (int) proc->ppid) : NULL;
	case COL_COMMAND:
		return proc ? xasprintf("%s", proc->command) : NULL;
	case COL_UID:
		return uid_of(c, ns, proc, &uid) ? xasprintf("%u", (unsigned) uid) : NULL;
	case COL_USER:
		return uid_of(c, ns, proc, &uid) ? xasprintf("%s", user_name(uid)) : NULL;
	case COL_NETNSID:
		if (ns->netnsid == INT_MIN)
			return NULL;
		return ns->netnsid < 0 ? xasprintf("unassigned") : xasprintf("%d", ns->netnsid);
	case COL_NSFS:
		return pins_here(rep, ns);
	case COL_PNS:
		return relative(c, ns, ns->parent);
	case COL_ONS:
		return relative(c, ns, ns->owner);
	case COL_HOLDERS:
		return holders_of(rep, ns);
	}
	return NULL;
}

/* The row a row hangs from in the tree: the owner's, the parent's, or the
 * row of the parent process of its lowest PID (the last of them, as lsns). */

/* The table being drawn: a line per namespace, made parents first. */
struct drawing {
	const struct ns_report *rep;
	struct libscols_table *table;
	struct u64map rows_by_pid;
	struct row {
		struct libscols_line *line;
		bool busy;     /* on the way up from it: a loop ends here */
		bool filtered; /* left out by -Q: its children hang from the top */
	} *rows;               /* one a namespace */
};

/* The row a row hangs from in the tree: the owner's, the parent's, or the
 * row of the parent process of its lowest PID (the last of them, as lsns). */
static size_t tree_parent(const struct drawing *d, size_t n)
{
	const struct census *c = d->rep->census;
	size_t up = INDEX_NONE;

	if (d->rep->tree == TREE_OWNER)
		up = c->nss[n].owner;
	else if (d->rep->tree == TREE_PARENT)
		up = c->nss[n].parent;
	else if (d->rep->tree == TREE_PROCESS && c->nss[n].proc != INDEX_NONE)
		up = u64map_get(&d->rows_by_pid, (uint64_t) c->procs[c->nss[n].proc].ppid);
	if (up == INDEX_NONE || up == n || !selected(d->rep, &c->nss[up]))
		return INDEX_NONE;
	return up;
}

/* Parents first: libsmartcols hangs a line under one that exists. */
static void add_line(struct drawing *d, size_t n)
{
	const struct ns_report *rep = d->rep;
	struct libscols_line *parent = NULL;
	size_t up;

	if (d->rows[n].line || d->rows[n].busy || d->rows[n].filtered)
		return;
	d->rows[n].busy = true;
	up = tree_parent(d, n);
	if (up != INDEX_NONE && !d->rows[up].busy) {
		add_line(d, up);
		parent = d->rows[up].line;
	}
	d->rows[n].line = scols_table_new_line(d->table, parent);
	if (!d->rows[n].line)
		err(tool_failure, _("cannot make a table"));
	for (size_t i = 0; i < rep->columns.count; i++) {
		char *data = cell(rep, rep->columns.ids[i], &rep->census->nss[n]);

		if (data && scols_line_refer_data(d->rows[n].line, i, data) != 0)
			err(tool_failure, _("cannot make a table"));
	}
	if (rep->filter && !columns_filter_selects(rep->filter, d->rows[n].line)) {
		if (parent)
			scols_line_remove_child(parent, d->rows[n].line);
		scols_table_remove_line(d->table, d->rows[n].line);
		d->rows[n].line = NULL;
		d->rows[n].filtered = true;
	}
	d->rows[n].busy = false;
}

void report_table(struct ns_report *rep)
{
	const struct census *c = rep->census;
	struct drawing d = { .rep = rep };
	size_t count, *list;

	if (rep->members) {
		report_members(rep);
		return;
	}
	list = select_namespaces(rep, &count);
	if (rep->tree == TREE_PROCESS)
		rep->style.tree_column = "COMMAND";
	else if (rep->tree != TREE_NONE)
		rep->style.tree_column = "NS";
	d.table = columns_new_table(&rep->columns, &rep->style);
	if (rep->filter)
		columns_filter_bind(rep->filter, d.table);
	d.rows = calloc(c->nns + 1, sizeof(*d.rows));
	if (!d.rows)
		err(tool_failure, NULL);
	if (rep->tree == TREE_PROCESS)
		for (size_t i = 0; i < count; i++)
			if (c->nss[list[i]].nprocs > 0)
				u64map_put_or_exit(&d.rows_by_pid, (uint64_t) c->nss[list[i]].pid, list[i]);
	for (size_t i = 0; i < count; i++)
		add_line(&d, list[i]);
	if (scols_print_table(d.table) != 0)
		err(tool_failure, _("cannot print the table"));
	scols_unref_table(d.table);
	u64map_free(&d.rows_by_pid);
	free(d.rows);
	free(list);
}

void report_summary(struct ns_report *rep)
{
	static const struct column_set all = {
		.info = summary_infos, .ninfo = 3, .ids = { SUM_TYPE, SUM_COUNT, SUM_LIMIT }, .count = 3,
	};
	const struct census *c = rep->census;
	size_t counts[NS_TYPE_MAX] = { 0 }, count, *list = select_namespaces(rep, &count);
	struct libscols_table *table;

	for (size_t i = 0; i < count; i++)
		counts[ns_type_index(c->nss[list[i]].type)]++;
	rep->style.json_name = "summary";
	table = columns_new_table(&all, &rep->style);
	for_each_ns_type(t) {
		struct libscols_line *line;
		long limit;

		if (!report_lists(rep, t) || !c->supported[ns_type_index(t)])
			continue;
		limit = ns_type_limit(t);
		line = scols_table_new_line(table, NULL);
		if (!line || scols_line_set_data(line, SUM_TYPE, t->name) != 0 ||
		    scols_line_refer_data(line, SUM_COUNT, xasprintf("%zu", counts[ns_type_index(t)])) != 0 ||
		    (limit >= 0 && scols_line_refer_data(line, SUM_LIMIT, xasprintf("%ld", limit)) != 0))
			err(tool_failure, _("cannot make a table"));
	}
	if (scols_print_table(table) != 0)
		err(tool_failure, _("cannot print the table"));
	scols_unref_table(table);
	free(list);
}

/* --why: the HOLDERS column in sentences, with what would free the namespace. */
static void explain(const struct census *c, const struct ns_found *ns)
{
	const struct proc_details *proc = ns->proc == INDEX_NONE ? NULL : &c->procs[ns->proc];
	bool anything = ns->nprocs > 0 || ns->holders != INDEX_NONE || ns->children || ns->owned;

	printf(_("%s namespace %" PRIu64 " is kept alive by:\n"), ns->type->name, ns->ino);
	if (ns->nprocs > 0)
		printf(_("  processes in it: %zu, the lowest PID %d (%s); it lives while one of them does\n"),
		       ns->nprocs, (int) ns->pid, proc ? proc->command : "?");
	for (size_t h = ns->holders; h != INDEX_NONE; h = c->holders[h].next) {
		const struct ns_holder *holder = &c->holders[h];

		switch (holder->kind) {
		case HOLD_FOR_CHILDREN:
			printf(_("  process %d made it for its children (%s); it goes when that process exits\n"),
			       (int) holder->pid, ns->type->children_name);
			break;
		case HOLD_PIN:
			if (holder->mntns == 0)
				printf(_("  a pin at %s: umount %s releases it\n"), holder->path, holder->path);
			else
				printf(_("  a pin at %s in mount namespace %" PRIu64 ": nsjoin -m %d umount %s releases it\n"),
				       holder->path, holder->mntns, (int) holder->pid, holder->path);
			break;
		case HOLD_FD:
			printf(_("  descriptor %d of process %d: closing it, or the process exiting, releases it\n"),
			       holder->fd, (int) holder->pid);
			break;
		case HOLD_SOCKET:
			printf(_("  a socket made in it, descriptor %d of process %d: closing the socket releases it\n"),
			       holder->fd, (int) holder->pid);
			break;
		}
	}
	if (ns->children > 0)
		printf(_("  child %s namespaces: %zu, each keeps its parent alive\n"), ns->type->name, ns->children);
	if (ns->owned > 0)
		printf(_("  namespaces it owns: %zu, each keeps its owner alive\n"), ns->owned);
	if (!anything)
		fputs(_("  nothing nsls can see: a process it may not inspect, a mount namespace with no\n"
			"  process in it, or the kernel itself\n"), stdout);
}

void report_why(const struct ns_report *rep)
{
	size_t count, *list = select_namespaces(rep, &count);

	for (size_t i = 0; i < count; i++) {
		if (i > 0)
			putchar('\n');
		explain(rep->census, &rep->census->nss[list[i]]);
	}
	free(list);
}

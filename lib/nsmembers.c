#include "config.h"

#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array.h"
#include "columns.h"
#include "nscensus.h"
#include "nsfile.h"
#include "nsmembers.h"
#include "procdetails.h"
#include "procwalk.h"
#include "tool.h"

enum { MEMBER_PID, MEMBER_PPID, MEMBER_USER, MEMBER_COMMAND };

/* lsns's columns for the processes of a namespace */
static const struct column_info member_columns[] = {
	[MEMBER_PID]     = { "PID",     5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, NULL },
	[MEMBER_PPID]    = { "PPID",    5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, NULL },
	[MEMBER_USER]    = { "USER",    0, 0,              SCOLS_JSON_STRING, NULL },
	[MEMBER_COMMAND] = { "COMMAND", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, NULL },
};

struct member {
	struct proc_details details;
	bool drawn;
};

struct members {
	struct member *of;
	size_t count, alloc;
};

/* Is process NAME (a directory of WALK) in one of REP's wanted namespaces? */
static bool is_member(const struct ns_report *rep, int piddir)
{
	for (size_t i = 0; i < rep->nwanted; i++) {
		/* the type as the census found it */
		size_t n = census_find(rep->census, rep->wanted[i].ino);
		const struct ns_type *found;
		char link[32];
		uint64_t ino;

		if (n == INDEX_NONE)
			continue;
		snprintf(link, sizeof(link), "ns/%s", rep->census->nss[n].type->proc_name);
		if (ns_read_link(piddir, link, &found, &ino) == 0 && ino == rep->wanted[i].ino)
			return true;
	}
	return false;
}

static void find_members(const struct ns_report *rep, struct members *m)
{
	struct proc_reader reader = { 0 };
	struct proc_walk walk;
	const char *name;
	pid_t pid;

	if (proc_walk_open(&walk, -1) != 0)
		err(tool_failure, "/proc");
	while ((pid = proc_walk_next(&walk, &name)) > 0) {
		int piddir = openat(walk.dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		struct proc_details details;

		/* a process that exits meanwhile is left out, as lsns does */
		if (piddir < 0)
			continue;
		if (is_member(rep, piddir) &&
		    proc_details_read(&reader, piddir, pid, PROC_IDS | PROC_COMMAND, &details) == 0) {
			array_reserve_or_exit(&m->of, &m->alloc, m->count + 1, sizeof(*m->of));
			m->of[m->count++] = (struct member) { .details = details };
		}
		close(piddir);
	}
	proc_walk_close(&walk);
	proc_reader_free(&reader);
}

static bool has_parent_among(const struct members *m, pid_t ppid)
{
	for (size_t i = 0; i < m->count; i++)
		if (m->of[i].details.pid == ppid)
			return true;
	return false;
}

/* Member I's line under PARENT, then its children under it. */
static void draw(struct libscols_table *table, struct members *m, size_t i, struct libscols_line *parent)
{
	struct libscols_line *line = scols_table_new_line(table, parent);
	const struct passwd *pw;
	char uid[16];

	if (!line)
		err(tool_failure, NULL);
	m->of[i].drawn = true;
	columns_set_number(line, MEMBER_PID, (uint64_t) m->of[i].details.pid);
	columns_set_number(line, MEMBER_PPID, (uint64_t) m->of[i].details.ppid);
	pw = getpwuid(m->of[i].details.uid);
	snprintf(uid, sizeof(uid), "%u", (unsigned) m->of[i].details.uid);
	columns_set_string(line, MEMBER_USER, pw ? pw->pw_name : uid);
	columns_set_string(line, MEMBER_COMMAND, m->of[i].details.command);
	for (size_t j = 0; j < m->count; j++)
		if (!m->of[j].drawn && m->of[j].details.ppid == m->of[i].details.pid)
			draw(table, m, j, line);
}

void report_members(const struct ns_report *rep)
{
	struct table_style style = rep->style;
	struct members m = { 0 };
	struct column_set set;
	struct libscols_table *table;

	find_members(rep, &m);
	columns_init(&set, member_columns, sizeof(member_columns) / sizeof(member_columns[0]),
		     "PID,PPID,USER,COMMAND");
	style.tree_column = "COMMAND";
	style.json_name = "namespaces";
	table = columns_new_table(&set, &style);
	for (size_t i = 0; i < m.count; i++)
		if (!m.of[i].drawn && !has_parent_among(&m, m.of[i].details.ppid))
			draw(table, &m, i, NULL);
	if (scols_print_table(table) != 0)
		err(tool_failure, NULL);
	scols_unref_table(table);
	for (size_t i = 0; i < m.count; i++)
		free(m.of[i].details.command);
	free(m.of);
}

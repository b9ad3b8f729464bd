/* nsls: list namespaces, and what keeps each of them alive. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "columns.h"
#include "nscensus.h"
#include "nsfile.h"
#include "nsname.h"
#include "nsreport.h"
#include "nstype.h"
#include "parse.h"
#include "pidhold.h"
#include "tool.h"

enum {
	OPT_OUTPUT_ALL = CHAR_MAX + 1,
	OPT_WHY,
};

/* lsns's names, JSON types and default columns, so scripts written for it work */
static const struct column_info column_infos[] = {
	[COL_NS]      = { "NS",      10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("namespace identifier (inode number)") },
	[COL_TYPE]    = { "TYPE",     5, 0,              SCOLS_JSON_STRING, N_("kind of namespace") },
	[COL_PATH]    = { "PATH",     0, 0,              SCOLS_JSON_STRING, N_("path to the namespace") },
	[COL_NPROCS]  = { "NPROCS",   5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("number of processes in the namespace") },
	[COL_PID]     = { "PID",      5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("lowest PID in the namespace") },
	[COL_PPID]    = { "PPID",     5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("PPID of the PID") },
	[COL_COMMAND] = { "COMMAND",  0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, N_("command line of the PID") },
	[COL_UID]     = { "UID",      0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("UID of the PID") },
	[COL_USER]    = { "USER",     0, 0,              SCOLS_JSON_STRING, N_("username of the PID") },
	[COL_NETNSID] = { "NETNSID",  0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, N_("namespace ID as used by the network subsystem") },
	[COL_NSFS]    = { "NSFS",     0, SCOLS_FL_WRAP,  SCOLS_JSON_STRING, N_("where it is pinned in this mount namespace (nsfs mounts)") },
	[COL_PNS]     = { "PNS",     10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("parent namespace identifier (inode number)") },
	[COL_ONS]     = { "ONS",     10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("owner namespace identifier (inode number)") },
	[COL_HOLDERS] = { "HOLDERS",  0, SCOLS_FL_WRAP,  SCOLS_JSON_ARRAY_STRING,
			  N_("what keeps it alive: procs:N pin:PATH fd:PID:FD socket:PID:FD ...") },
};

#define DEFAULT_COLUMNS "NS,TYPE,NPROCS,PID,USER,COMMAND"
#define DEFAULT_COLUMNS_NET "NS,TYPE,NPROCS,PID,USER,NETNSID,NSFS,COMMAND"

static struct census census;
static struct ns_report report = {
	.census = &census, .style = { .json_name = "namespaces" }, .tree = TREE_PROCESS,
};
static struct held_pid task = { .pid = 0, .pidfd = -1, .procfd = -1 };
static char **ns_args; /* NS operands, turned into report.wanted once the work is planned */
static int nns_args;
static bool why, summary, tree_given, list_columns;

/* ---- choosing what to read ---- */

static bool shown(size_t column)
{
	return columns_has(&report.columns, column);
}

static void plan_work(void)
{
	struct census_plan *need = &census.need;
	const struct ns_type *user = census.user_type, *mnt = census.mnt_type, *net = census.socket_type;
	bool holders_asked = shown(COL_HOLDERS) || why;
	/* without -p every namespace is listed, so everything that can hold
	 * one is searched; with -p only when asked who holds them */
	bool complete = !task.pid || holders_asked;
	bool parents_listed = false;

	/* a tree is drawn in one column: without it, it is a list */
	if ((report.tree == TREE_PROCESS && !shown(COL_COMMAND)) ||
	    ((report.tree == TREE_OWNER || report.tree == TREE_PARENT) && !shown(COL_NS)))
		report.tree = TREE_NONE;
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		/* a user namespace can be alive only as the owner of
		 * another namespace, of any type */
		need->types[i] = census.supported[i] &&
			(report_lists(&report, t) || (complete && report_lists(&report, user)));
		parents_listed = parents_listed || (t->hierarchical && report_lists(&report, t));
	}
	need->processes = complete || report.persistent || report.tree == TREE_PROCESS || shown(COL_NPROCS) ||
		shown(COL_PID) || shown(COL_PPID) || shown(COL_COMMAND) || shown(COL_UID) || shown(COL_USER) ||
		shown(COL_PATH);
	/* the process tree hangs each row from its PPID's, in the COMMAND column */
	need->ids = report.tree == TREE_PROCESS || shown(COL_PPID) || shown(COL_UID) || shown(COL_USER);
	need->command = why || shown(COL_COMMAND);
	need->descriptors = complete;
	need->children_links = complete;
	need->pins = complete || shown(COL_NSFS) || shown(COL_PATH);
	need->other_pins = complete && census.supported[ns_type_index(mnt)];
	/* a network namespace may be kept by nothing but a socket made in
	 * it: which namespaces are listed never depends on the columns */
	need->sockets = complete && report_lists(&report, net) && census.supported[ns_type_index(net)];
	/* a namespace with no process shows the creator of its user namespace */
	need->owner_uids = complete && (shown(COL_USER) || shown(COL_UID));
	need->ancestry = holders_asked || report.tree == TREE_OWNER || report.tree == TREE_PARENT ||
		shown(COL_PNS) || shown(COL_ONS) || need->owner_uids ||
		(complete && (report_lists(&report, user) || parents_listed));
	need->netnsid = shown(COL_NETNSID);
	if (need->other_pins)
		need->types[ns_type_index(mnt)] = true;
	if (need->sockets)
		need->types[ns_type_index(net)] = true;
}

/* ---- options ---- */

static noreturn void usage(void)
{
	printf(_("Usage:\n %s [options] [NS...]\n"), program_invocation_short_name);
	fputs(_("\nList namespaces, and what keeps each of them alive.\n"), stdout);
	fputs(_("\nNS is an inode number, a namespace file, a pin directory or a NAME: list\n"
		"the processes in it, as lsns NS; with -o, -l, -T, -t, -p or -P, only it.\n"), stdout);
	fputs(_("\nOptions:\n"
		"  -J, --json               use JSON output format\n"
		"  -l, --list               use list format output (no tree)\n"
		"  -n, --noheadings         don't print headings\n"
		"  -o, --output=LIST        the columns to print (+LIST: added to the default)\n"
		"      --output-all         print every column\n"
		"  -r, --raw                use the raw output format\n"
		"  -u, --notruncate         don't truncate text in columns\n"
		"  -W, --nowrap             don't use multi-line representation\n"
		"  -Q, --filter=EXPR        only the rows EXPR (libsmartcols' filter) selects\n"
		"  -H, --list-columns       list the available columns\n"
		"  -t, --type=TYPE          only namespaces of TYPE (repeatable):\n"), stdout);
	fputs("                          ", stdout);
	for_each_ns_type(t)
		printf(" %s", t->name);
	fputs(_("\n"
		"  -p, --task=PID           only the namespaces process PID is in\n"
		"  -P, --persistent         only namespaces that no process is in\n"
		"  -T, --tree[=REL]         a tree by owner (the default), parent or process\n"
		"      --why                say in words what keeps each namespace alive\n"
		"  -s, --summary            count the namespaces of each type, against the limits\n"
		"  -h, --help               display this help and exit\n"
		"  -V, --version            display version and exit\n"), stdout);
	columns_print_help(&report.columns, stdout);
	fputs(_("\nExit status: 0 on success, 1 on failure.\n"), stdout);
	printf(_("\nSee %s(1).\n"), program_invocation_short_name);
	exit(EXIT_SUCCESS);
}

/* A namespace named on the command line: an inode number, or a file, a pin
 * directory or a NAME: every namespace found there, listed whatever else
 * holds it (our descriptor is no holder). */
static void add_wanted(const char *arg)
{
	struct ns_held held;
	struct stat st;

	if (is_all_digits(arg)) {
		if (parse_u64(arg, 1, UINT64_MAX, &report_want(&report, arg)->ino) != 0)
			errx(EXIT_FAILURE, _("%s: invalid namespace inode number"), arg);
		return;
	}
	ns_held_init(&held);
	ns_held_of_arg(arg, &held);
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		if (held.fd[i] < 0)
			continue;
		if (fstat(held.fd[i], &st) != 0)
			err(EXIT_FAILURE, "%s", held.path[i]);
		/* the path names the row's argument in messages: kept */
		report_want(&report, held.path[i])->ino = (uint64_t) st.st_ino;
		held.path[i] = NULL;
		census_add(&census, (uint64_t) st.st_ino, t);
		census_examine_fd(&census, held.fd[i], (uint64_t) st.st_ino, t);
	}
	ns_held_release(&held);
}

static void read_task_namespaces(const char *arg)
{
	const struct ns_type *type;

	if (task.pid)
		usage_error(_("only one --task"));
	pid_hold(arg, &task);
	report.task = task.pid;
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);
		char link[32];

		snprintf(link, sizeof(link), "ns/%s", t->proc_name);
		if (census.supported[i] && ns_read_link(task.procfd, link, &type, &report.task_ns[i]) != 0) {
			if (!held_pid_alive(&task))
				errx(EXIT_FAILURE, _("%s: no such process"), arg);
			/* a zombie: its links lead nowhere */
			if (errno == ENOENT)
				errx(EXIT_FAILURE, _("%d: has exited"), (int) task.pid);
			err(EXIT_FAILURE, _("process %d: its namespaces"), (int) task.pid);
		}
	}
}

static void parse_tree(const char *arg)
{
	tree_given = true;
	if (!arg || strcmp(arg, "owner") == 0)
		report.tree = TREE_OWNER;
	else if (strcmp(arg, "parent") == 0)
		report.tree = TREE_PARENT;
	else if (strcmp(arg, "process") == 0)
		report.tree = TREE_PROCESS;
	else
		usage_error(_("unknown tree: %s (owner, parent or process)"), arg);
}

/* Options that exclude each other, declared once: what each one excludes. */
static const struct {
	int option;
	const char *name;
	int excludes[16];
} exclusive[] = {
	{ OPT_WHY, "--why", { 's', 'J', 'r', 'n', 'l', 'o', OPT_OUTPUT_ALL, 'T', 'u', 'W', 'Q' } },
	{ 's', "--summary", { OPT_WHY, 'l', 'o', OPT_OUTPUT_ALL, 'T', 'u', 'W', 'Q' } },
	{ 'J', "--json",    { 'r', 'W' } },
	{ 'l', "--list",    { 'T' } },
	/* the columns' list is itself a table: -J and -r shape it */
	{ 'H', "--list-columns", { 'l', 'n', 'o', OPT_OUTPUT_ALL, 'u', 'W', 't', 'p', 'P', 'T', OPT_WHY, 's', 'Q' } },
};

static void check_exclusive(const bool *given, const struct option *longopts)
{
	for (size_t i = 0; i < sizeof(exclusive) / sizeof(exclusive[0]); i++) {
		if (!given[exclusive[i].option])
			continue;
		for (const int *x = exclusive[i].excludes; *x; x++) {
			if (!given[*x])
				continue;
			for (const struct option *o = longopts; o->name; o++)
				if (o->val == *x)
					usage_error(_("%s and --%s exclude each other"), exclusive[i].name, o->name);
		}
	}
}

static void parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",        no_argument,       NULL, 'J' },
		{ "list",        no_argument,       NULL, 'l' },
		{ "noheadings",  no_argument,       NULL, 'n' },
		{ "output",      required_argument, NULL, 'o' },
		{ "output-all",  no_argument,       NULL, OPT_OUTPUT_ALL },
		{ "raw",         no_argument,       NULL, 'r' },
		{ "notruncate",  no_argument,       NULL, 'u' },
		{ "type",        required_argument, NULL, 't' },
		{ "task",        required_argument, NULL, 'p' },
		{ "persistent",  no_argument,       NULL, 'P' },
		{ "tree",        optional_argument, NULL, 'T' },
		{ "nowrap",      no_argument,       NULL, 'W' },
		{ "filter",      required_argument, NULL, 'Q' },
		{ "list-columns", no_argument,      NULL, 'H' },
		{ "why",         no_argument,       NULL, OPT_WHY },
		{ "summary",     no_argument,       NULL, 's' },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	bool given[OPT_WHY + 1] = { false };
	const char **outputs = NULL;
	size_t noutputs = 0, outputs_size = 0;
	const struct ns_type *type;
	int c;

	while ((c = getopt_long(argc, argv, "Jlno:rut:p:PT::WQ:HshV", longopts, NULL)) != -1) {
		if (c >= 0 && c <= OPT_WHY)
			given[c] = true;
		switch (c) {
		case 'J':
			report.style.json = true;
			break;
		case 'l':
			report.style.list = true;
			break;
		case 'n':
			report.style.noheadings = true;
			break;
		case 'o':
		case OPT_OUTPUT_ALL:
			/* the defaults they change depend on -t: chosen after */
			array_reserve_or_exit(&outputs, &outputs_size, noutputs + 1, sizeof(*outputs));
			outputs[noutputs++] = c == 'o' ? optarg : NULL;
			break;
		case 'r':
			report.style.raw = true;
			break;
		case 'u':
			report.style.notruncate = true;
			break;
		case 't':
			type = ns_type_by_name(optarg);
			if (!type)
				usage_error(_("unknown namespace type: %s"), optarg);
			report.types_listed[ns_type_index(type)] = report.types_given = true;
			break;
		case 'p':
			read_task_namespaces(optarg);
			break;
		case 'P':
			report.persistent = true;
			break;
		case 'T':
			parse_tree(optarg);
			break;
		case 'W':
			report.style.nowrap = true;
			break;
		case 'Q':
			report.filter = columns_filter_new(optarg);
			break;
		case 'H':
			list_columns = true;
			break;
		case OPT_WHY:
			why = true;
			break;
		case 's':
			summary = true;
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			usage_try_help();
		}
	}
	check_exclusive(given, longopts);
	report.members = optind < argc && !given['o'] && !given[OPT_OUTPUT_ALL] && !given['l'] && !given['T'] &&
			 !given['t'] && !given['p'] && !given['P'] && !given['Q'];
	/* lsns's defaults: with -t net, where the namespace is pinned and its ID */
	if (report.types_given && report_lists(&report, census.socket_type))
		columns_init(&report.columns, column_infos, sizeof(column_infos) / sizeof(column_infos[0]),
			     DEFAULT_COLUMNS_NET);
	for (size_t i = 0; i < noutputs; i++) {
		if (outputs[i])
			columns_parse(&report.columns, outputs[i]);
		else
			columns_select_all(&report.columns);
	}
	free(outputs);
	if (report.filter)
		columns_filter_add_columns(report.filter, &report.columns);
	if (list_columns && optind < argc)
		usage_error(_("--list-columns and a namespace exclude each other"));
	/* lsns draws the process tree unless asked for a list; raw output,
	 * meant for scripts, is a list unless a tree is asked for */
	if (report.style.list || (report.style.raw && !tree_given) || why || summary)
		report.tree = TREE_NONE;
	ns_args = argv + optind;
	nns_args = argc - optind;
}

/* NS arguments name namespaces that must exist. */
static void check_wanted(void)
{
	for (size_t w = 0; w < report.nwanted; w++)
		if (census_find(&census, report.wanted[w].ino) == INDEX_NONE)
			errx(EXIT_FAILURE, _("%s: no such namespace"), report.wanted[w].arg);
}

int main(int argc, char **argv)
{
	tool_init(EXIT_FAILURE);
	census_init(&census);
	columns_init(&report.columns, column_infos, sizeof(column_infos) / sizeof(column_infos[0]), DEFAULT_COLUMNS);
	parse_options(argc, argv);
	if (list_columns) {
		columns_print_list(&report.columns, &report.style, "nsls-columns");
		return EXIT_SUCCESS;
	}
	plan_work();
	for (int i = 0; i < nns_args; i++)
		add_wanted(ns_args[i]);

	census_take(&census, task.procfd, report.task_ns);
	check_wanted();

	if (why)
		report_why(&report);
	else if (summary)
		report_summary(&report);
	else
		report_table(&report);
	return EXIT_SUCCESS;
}

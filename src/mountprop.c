/* mountprop: show and set mount propagation, across mount namespaces. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "mountdot.h"
#include "mountreport.h"
#include "mountrows.h"
#include "mountviews.h"
#include "nsfile.h"
#include "nstype.h"
#include "propagation.h"
#include "propreach.h"
#include "propset.h"
#include "tool.h"


/* findmnt's names, widths and JSON keys for what findmnt also shows; lsns's
 * for the namespace */
static const struct column_info column_table[] = {
	[MOUNT_COL_TARGET]         = { "TARGET",         0.30, SCOLS_FL_TREE | SCOLS_FL_NOEXTREMES, SCOLS_JSON_STRING,
				 N_("mount point") },
	[MOUNT_COL_ID]             = { "ID",             2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("mount ID") },
	[MOUNT_COL_PARENT]         = { "PARENT",         2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("mount parent ID") },
	[MOUNT_COL_PROPAGATION]    = { "PROPAGATION",    0.10, 0,              SCOLS_JSON_STRING,
				 N_("shared or private, then slave, unbindable (findmnt's words)") },
	[MOUNT_COL_PEER]           = { "PEER",           2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("peer group the mount is in (shared:N)") },
	[MOUNT_COL_MASTER]         = { "MASTER",         2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("peer group the mount is a slave of (master:N)") },
	[MOUNT_COL_PROPAGATE_FROM] = { "PROPAGATE_FROM", 2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("nearest visible peer group it receives from (propagate_from:N)") },
	[MOUNT_COL_FSTYPE]         = { "FSTYPE",         0.10, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, N_("file system type") },
	[MOUNT_COL_SOURCE]         = { "SOURCE",         0.25, SCOLS_FL_NOEXTREMES, SCOLS_JSON_STRING,
				 N_("source device, with [DIR] when not the file system's root") },
	[MOUNT_COL_NS]             = { "NS",             10,   SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("mount namespace identifier (inode number)") },
	[MOUNT_COL_PID]            = { "PID",            5,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("lowest PID in the mount namespace (with -a)") },
};

#define DEFAULT_COLUMNS       "TARGET,PROPAGATION,PEER,MASTER,FSTYPE,SOURCE"
#define DEFAULT_COLUMNS_ALL   "TARGET,NS,PID,PROPAGATION,PEER,MASTER,FSTYPE"
#define DEFAULT_COLUMNS_PEERS "TARGET,ID,PROPAGATION,PEER,MASTER"

enum {
	OPT_PEERS = CHAR_MAX + 1,
	OPT_DOT,
	OPT_OUTPUT_ALL,
	OPT_MAKE, /* + index in propagation_options[] */
};

/* Options that exclude each other, declared once and checked once; the
 * option each was given as is kept for the message. */
enum {
	EXCL_MAKE, EXCL_PEERS, EXCL_DOT, EXCL_ALL, EXCL_TABLE, EXCL_JSON, EXCL_RAW, EXCL_RECURSIVE, EXCL_TARGET,
	EXCL_COUNT
};
static const struct {
	int one, other;
} exclusive[] = {
	{ EXCL_MAKE, EXCL_PEERS }, { EXCL_MAKE, EXCL_DOT }, { EXCL_MAKE, EXCL_ALL }, { EXCL_MAKE, EXCL_TABLE },
	{ EXCL_MAKE, EXCL_TARGET }, { EXCL_PEERS, EXCL_RECURSIVE }, { EXCL_DOT, EXCL_TABLE }, { EXCL_JSON, EXCL_RAW },
};
static const char *given[EXCL_COUNT];

/* set, rather than show: the --make-* in the order given */
static struct propagation_change *changes;
static size_t nchanges;
static bool recursive, all_namespaces, peers, dot, output_all;
static const char *output_list, *target;
static struct column_set columns;
static struct table_style style = { .json_name = "filesystems" };
static const char *ns_spec;
static int nsfd = -1, procfd = -1;
static struct mount_views views;
static struct mount_rows rows;

static noreturn void usage(void)
{
	const char *name = program_invocation_short_name;

	fputs(_("Usage:\n"), stdout);
	printf(_(" %s [options] [PATH...]\n"), name);
	printf(_(" %s [options] -T PATH\n"), name);
	printf(_(" %s [options] --make-{shared|slave|private|unbindable}... PATH...\n"), name);
	printf(_(" %s [options] --peers PATH\n"), name);
	fputs(_("\nShow and set mount propagation: shared, slave, private, unbindable.\n"), stdout);
	fputs(_("\nShow (default: every mount, a tree by mount parent):\n"
		"  -T, --target=PATH        the mount PATH is on, as findmnt -T\n"
		"  -R, --recursive          with PATH, the mounts below it as well\n"
		"      --peers              every mount that a mount made under PATH reaches\n"
		"  -a, --all-namespaces     in every mount namespace a process is in\n"
		"      --dot                the propagation graph, for Graphviz's dot\n"
		"  -l, --list               a list, not a tree\n"
		"  -J, --json               JSON output\n"
		"  -r, --raw                raw output\n"
		"  -n, --noheadings         no headings\n"
		"  -u, --notruncate         don't truncate text in columns\n"
		"  -o, --output=LIST        the columns to show (+LIST adds to the default)\n"
		"      --output-all         every column\n"), stdout);
	fputs(_("\nSet (several apply in order; -R, --recursive: the mounts below PATH too):\n"
		"      --make-shared        make PATH shared\n"
		"      --make-slave         make PATH a slave of its peer group\n"
		"      --make-private       make PATH private\n"
		"      --make-unbindable    make PATH unbindable\n"
		"      --make-rshared, --make-rslave, --make-rprivate, --make-runbindable\n"
		"                           the same, recursively\n"), stdout);
	fputs(_("\n  -N, --ns=SPEC            in this mount namespace (a file, a PID, PID:INODE\n"
		"                           or a NAME)\n"
		"  -h, --help               display this help and exit\n"
		"  -V, --version            display version and exit\n"), stdout);
	columns_print_help(&columns, stdout);
	fputs(_("\nExit status: 0 on success, 1 on any failure.\n"), stdout);
	printf(_("\nSee %s(1).\n"), name);
	exit(EXIT_SUCCESS);
}

static void note_given(int what, const char *as)
{
	if (!given[what])
		given[what] = as;
}

/* Every --make-* is a word of its own (long options only), so ARGC bounds
 * how many there are. */
static void note_make(const struct propagation_option *asked, int argc)
{
	if (!changes && !(changes = calloc((size_t) argc, sizeof(*changes))))
		err(EXIT_FAILURE, NULL);
	changes[nchanges++] = (struct propagation_change) { .option = asked, .recursive = asked->recursive };
	note_given(EXCL_MAKE, asked->option);
}

static void parse_options(int argc, char **argv)
{
	static const struct option fixed_options[] = {
		{ "recursive",      no_argument,       NULL, 'R' },
		{ "peers",          no_argument,       NULL, OPT_PEERS },
		{ "all-namespaces", no_argument,       NULL, 'a' },
		{ "dot",            no_argument,       NULL, OPT_DOT },
		{ "list",           no_argument,       NULL, 'l' },
		{ "json",           no_argument,       NULL, 'J' },
		{ "raw",            no_argument,       NULL, 'r' },
		{ "noheadings",     no_argument,       NULL, 'n' },
		{ "notruncate",     no_argument,       NULL, 'u' },
		{ "target",         required_argument, NULL, 'T' },
		{ "output",         required_argument, NULL, 'o' },
		{ "output-all",     no_argument,       NULL, OPT_OUTPUT_ALL },
		{ "ns",             required_argument, NULL, 'N' },
		{ "help",           no_argument,       NULL, 'h' },
		{ "version",        no_argument,       NULL, 'V' },
	};
	const size_t nfixed = sizeof(fixed_options) / sizeof(fixed_options[0]);
	struct option longopts[sizeof(fixed_options) / sizeof(fixed_options[0]) + PROPAGATION_NOPTIONS + 1];
	int c;

	memcpy(longopts, fixed_options, sizeof(fixed_options));
	for (size_t i = 0; i < PROPAGATION_NOPTIONS; i++)
		longopts[nfixed + i] = (struct option) { propagation_options[i].option + 2, no_argument, NULL, OPT_MAKE + (int) i };
	longopts[nfixed + PROPAGATION_NOPTIONS] = (struct option) { 0 };
	columns_init(&columns, column_table, sizeof(column_table) / sizeof(column_table[0]), DEFAULT_COLUMNS);

	/* findmnt's letters mean what they mean there, or nothing: -s (--fstab),
	 * -S (--source), -p (--poll), -w (--timeout) are usage errors, never a
	 * change of the mount table */
	while ((c = getopt_long(argc, argv, "uT:RalJrno:N:hV", longopts, NULL)) != -1) {
		if (c >= OPT_MAKE && c < OPT_MAKE + (int) PROPAGATION_NOPTIONS) {
			note_make(&propagation_options[c - OPT_MAKE], argc);
			continue;
		}
		switch (c) {
		case 'u':
			style.notruncate = true;
			note_given(EXCL_TABLE, "--notruncate");
			break;
		case 'T':
			if (target)
				usage_error(_("only one --target"));
			target = optarg;
			note_given(EXCL_TARGET, "--target");
			break;
		case 'R':
			recursive = true;
			note_given(EXCL_RECURSIVE, "--recursive");
			break;
		case OPT_PEERS:
			peers = true;
			note_given(EXCL_PEERS, "--peers");
			break;
		case 'a':
			all_namespaces = true;
			note_given(EXCL_ALL, "--all-namespaces");
			break;
		case OPT_DOT:
			dot = true;
			note_given(EXCL_DOT, "--dot");
			break;
		case 'l':
			style.list = true;
			note_given(EXCL_TABLE, "--list");
			break;
		case 'J':
			style.json = true;
			note_given(EXCL_TABLE, "--json");
			note_given(EXCL_JSON, "--json");
			break;
		case 'r':
			style.raw = true;
			note_given(EXCL_TABLE, "--raw");
			note_given(EXCL_RAW, "--raw");
			break;
		case 'n':
			style.noheadings = true;
			note_given(EXCL_TABLE, "--noheadings");
			break;
		case 'o':
			output_list = optarg;
			note_given(EXCL_TABLE, "--output");
			break;
		case OPT_OUTPUT_ALL:
			output_all = true;
			note_given(EXCL_TABLE, "--output-all");
			break;
		case 'N':
			if (ns_spec)
				usage_error(_("only one --ns"));
			ns_spec = optarg;
			nsfd = ns_open_spec(optarg, ns_type_by_flag(CLONE_NEWNS), NULL);
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			usage_try_help();
		}
	}
}

static void check_options(size_t npaths)
{
	for (size_t i = 0; i < sizeof(exclusive) / sizeof(exclusive[0]); i++)
		if (given[exclusive[i].one] && given[exclusive[i].other])
			usage_error(_("%s and %s exclude each other"), given[exclusive[i].one],
				    given[exclusive[i].other]);
	if (target && npaths > 0)
		usage_error(_("--target takes the place of a PATH: give one or the other"));
	if (nchanges > 0 && npaths == 0)
		usage_error(_("%s needs a PATH"), changes[0].option->option);
	/* all refused before any mount(2), as a contradiction is in the words
	 * alone: nothing is half done */
	for (size_t later = 0; later < nchanges; later++) {
		changes[later].recursive = changes[later].recursive || recursive;
		for (size_t earlier = 0; earlier < later; earlier++)
			if (propagation_undoes(&changes[earlier], &changes[later]))
				usage_error(_("%s undoes the %s before it"), changes[later].option->option,
					    changes[earlier].option->option);
	}
	/* -T's PATH stands for the PATHs */
	if (target)
		npaths = 1;
	if (peers && npaths != 1)
		usage_error(_("--peers takes one PATH"));
	if (all_namespaces && npaths > 0 && !peers)
		usage_error(_("--all-namespaces shows whole mount tables; with a PATH, use --peers"));

	/* a raw table, like findmnt's, and the mounts --peers finds, are lists */
	style.list = style.list || style.raw || peers;
	columns_init(&columns, column_table, sizeof(column_table) / sizeof(column_table[0]),
		     peers ? (all_namespaces ? DEFAULT_COLUMNS_PEERS ",NS,PID" : DEFAULT_COLUMNS_PEERS)
			   : (all_namespaces ? DEFAULT_COLUMNS_ALL : DEFAULT_COLUMNS));
	if (output_all)
		columns_select_all(&columns);
	else if (output_list)
		columns_parse(&columns, output_list);
}

int main(int argc, char **argv)
{
	char **paths;
	size_t npaths;

	tool_init(EXIT_FAILURE);
	parse_options(argc, argv);
	paths = argv + optind;
	npaths = (size_t) (argc - optind);
	check_options(npaths);

	procfd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0)
		err(EXIT_FAILURE, "/proc");
	if (nsfd >= 0)
		mount_ns_enter(nsfd, ns_spec);

	if (target) {
		/* one PATH, that need not be a mount point */
		paths = (char **) &target;
		npaths = 1;
	}
	if (nchanges > 0)
		return propagation_set_paths(procfd, paths, npaths, changes, nchanges);

	mount_views_read(&views, procfd, all_namespaces, mount_report_strings(&columns, dot));
	if (peers)
		prop_reach(&views, views.own, mount_views_own_mount(&views, paths[0], !target), &rows);
	for (size_t i = 0; i < npaths && !peers; i++)
		mount_rows_add_subtree(&rows, &views, views.own, mount_views_own_mount(&views, paths[i], !target),
				       recursive);
	if (npaths == 0)
		mount_rows_add_all(&rows, &views, style.list);

	if (dot)
		mount_dot_print(&views, &rows);
	else
		mount_report_table(&rows, &views, &columns, &style);
	return EXIT_SUCCESS;
}

/* mountprop: show and set mount propagation, across mount namespaces. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "columns.h"
#include "kernel.h"
#include "mounttable.h"
#include "nsfile.h"
#include "nsprocs.h"
#include "nstype.h"
#include "propagation.h"
#include "tool.h"

enum {
	COL_TARGET,
	COL_ID,
	COL_PARENT,
	COL_PROPAGATION,
	COL_PEER,
	COL_MASTER,
	COL_PROPAGATE_FROM,
	COL_FSTYPE,
	COL_SOURCE,
	COL_NS,
	COL_PID,
};

/* findmnt's names, widths and JSON keys for what findmnt also shows; lsns's
 * for the namespace */
static const struct column_info column_table[] = {
	[COL_TARGET]         = { "TARGET",         0.30, SCOLS_FL_TREE | SCOLS_FL_NOEXTREMES, SCOLS_JSON_STRING,
				 N_("mount point") },
	[COL_ID]             = { "ID",             2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("mount ID") },
	[COL_PARENT]         = { "PARENT",         2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("mount parent ID") },
	[COL_PROPAGATION]    = { "PROPAGATION",    0.10, 0,              SCOLS_JSON_STRING,
				 N_("shared or private, then slave, unbindable (findmnt's words)") },
	[COL_PEER]           = { "PEER",           2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("peer group the mount is in (shared:N)") },
	[COL_MASTER]         = { "MASTER",         2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("peer group the mount is a slave of (master:N)") },
	[COL_PROPAGATE_FROM] = { "PROPAGATE_FROM", 2,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("nearest visible peer group it receives from (propagate_from:N)") },
	[COL_FSTYPE]         = { "FSTYPE",         0.10, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, N_("file system type") },
	[COL_SOURCE]         = { "SOURCE",         0.25, SCOLS_FL_NOEXTREMES, SCOLS_JSON_STRING,
				 N_("source device, with [DIR] when not the file system's root") },
	[COL_NS]             = { "NS",             10,   SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("mount namespace identifier (inode number)") },
	[COL_PID]            = { "PID",            5,    SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
				 N_("lowest PID in the mount namespace (with -a)") },
};

#define DEFAULT_COLUMNS       "TARGET,PROPAGATION,PEER,MASTER,FSTYPE,SOURCE"
#define DEFAULT_COLUMNS_ALL   "TARGET,NS,PID,PROPAGATION,PEER,MASTER,FSTYPE"
#define DEFAULT_COLUMNS_PEERS "TARGET,ID,PROPAGATION,PEER,MASTER"

enum {
	OPT_PEERS = CHAR_MAX + 1,
	OPT_DOT,
	OPT_OUTPUT_ALL,
	OPT_MAKE, /* + index in makes[] */
};

/* mount(8)'s option names, and the short forms of the four plain ones */
static const struct make {
	const char *option;
	int letter;
	unsigned long flag;
	bool recursive;
} makes[] = {
	{ "--make-shared",      's', MS_SHARED,     false },
	{ "--make-slave",       'S', MS_SLAVE,      false },
	{ "--make-private",     'p', MS_PRIVATE,    false },
	{ "--make-unbindable",  'u', MS_UNBINDABLE, false },
	{ "--make-rshared",     0,   MS_SHARED,     true },
	{ "--make-rslave",      0,   MS_SLAVE,      true },
	{ "--make-rprivate",    0,   MS_PRIVATE,    true },
	{ "--make-runbindable", 0,   MS_UNBINDABLE, true },
};
#define NMAKES (sizeof(makes) / sizeof(makes[0]))

/* Options that exclude each other, declared once and checked once; the
 * option each was given as is kept for the message. */
enum { EXCL_MAKE, EXCL_PEERS, EXCL_DOT, EXCL_ALL, EXCL_TABLE, EXCL_JSON, EXCL_RAW, EXCL_RECURSIVE, EXCL_COUNT };
static const struct {
	int one, other;
} exclusive[] = {
	{ EXCL_MAKE, EXCL_PEERS }, { EXCL_MAKE, EXCL_DOT }, { EXCL_MAKE, EXCL_ALL }, { EXCL_MAKE, EXCL_TABLE },
	{ EXCL_PEERS, EXCL_RECURSIVE }, { EXCL_DOT, EXCL_TABLE }, { EXCL_JSON, EXCL_RAW },
};
static const char *given[EXCL_COUNT];

static const struct make *make;   /* set, rather than show */
static bool recursive, all_namespaces, peers, dot, output_all;
static const char *output_list;
static struct column_set columns;
static struct table_style style = { .json_name = "filesystems" };
static const char *ns_spec;
static int nsfd = -1, procfd = -1;

/* One mount namespace's table and how it was reached. */
struct view {
	struct mount_table table;
	ino_t ns;
	pid_t pid;      /* with -a, the process whose mountinfo was read */
	bool *listed;   /* --peers: mounts already in the output */
};
static struct view *views;
static size_t nviews, own_view;

/* What is shown, in order: a mount of a view, and the row it hangs under in
 * a tree (INDEX_NONE at the top). */
struct row {
	size_t view, mount, parent;
};
static struct row *rows;
static size_t nrows, rows_alloc;

static noreturn void usage(void)
{
	const char *name = program_invocation_short_name;

	fputs(_("Usage:\n"), stdout);
	printf(_(" %s [options] [PATH...]\n"), name);
	printf(_(" %s [options] --make-{shared|slave|private|unbindable} PATH...\n"), name);
	printf(_(" %s [options] --peers PATH\n"), name);
	fputs(_("\nShow and set mount propagation: shared, slave, private, unbindable.\n"), stdout);
	fputs(_("\nShow (default: every mount, a tree by mount parent):\n"
		"  -R, --recursive          with PATH, the mounts below it as well\n"
		"      --peers              every mount that a mount made under PATH reaches\n"
		"  -a, --all-namespaces     in every mount namespace a process is in\n"
		"      --dot                the propagation graph, for Graphviz's dot\n"
		"  -l, --list               a list, not a tree\n"
		"  -J, --json               JSON output\n"
		"  -r, --raw                raw output\n"
		"  -n, --noheadings         no headings\n"
		"  -o, --output=LIST        the columns to show (+LIST adds to the default)\n"
		"      --output-all         every column\n"), stdout);
	fputs(_("\nSet (-R, --recursive: the mounts below PATH too):\n"
		"  -s, --make-shared        make PATH shared\n"
		"  -S, --make-slave         make PATH a slave of its peer group\n"
		"  -p, --make-private       make PATH private\n"
		"  -u, --make-unbindable    make PATH unbindable\n"
		"      --make-rshared, --make-rslave, --make-rprivate, --make-runbindable\n"
		"                           the same, recursively\n"), stdout);
	fputs(_("\n  -N, --ns=SPEC            in this mount namespace (a file, a PID or PID:INODE)\n"
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

static void note_make(const struct make *asked)
{
	if (make && make->flag != asked->flag)
		usage_error(_("%s and %s exclude each other"), make->option, asked->option);
	if (!make || asked->recursive)
		make = asked;
	recursive = recursive || asked->recursive;
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
		{ "output",         required_argument, NULL, 'o' },
		{ "output-all",     no_argument,       NULL, OPT_OUTPUT_ALL },
		{ "ns",             required_argument, NULL, 'N' },
		{ "help",           no_argument,       NULL, 'h' },
		{ "version",        no_argument,       NULL, 'V' },
	};
	const size_t nfixed = sizeof(fixed_options) / sizeof(fixed_options[0]);
	struct option longopts[sizeof(fixed_options) / sizeof(fixed_options[0]) + NMAKES + 1];
	int c;

	memcpy(longopts, fixed_options, sizeof(fixed_options));
	for (size_t i = 0; i < NMAKES; i++)
		longopts[nfixed + i] = (struct option) { makes[i].option + 2, no_argument, NULL, OPT_MAKE + (int) i };
	longopts[nfixed + NMAKES] = (struct option) { 0 };
	columns_init(&columns, column_table, sizeof(column_table) / sizeof(column_table[0]), DEFAULT_COLUMNS);

	while ((c = getopt_long(argc, argv, "sSpuRalJrno:N:hV", longopts, NULL)) != -1) {
		if (c >= OPT_MAKE && c < OPT_MAKE + (int) NMAKES) {
			note_make(&makes[c - OPT_MAKE]);
			continue;
		}
		switch (c) {
		case 's':
		case 'S':
		case 'p':
		case 'u':
			for (size_t i = 0; i < NMAKES; i++)
				if (makes[i].letter == c)
					note_make(&makes[i]);
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
	if (make && npaths == 0)
		usage_error(_("%s needs a PATH"), make->option);
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

/* -N: from here on PATHs, the mount table and the changes are that
 * namespace's; /proc was opened before, as the namespace may have none. */
static void enter_mount_namespace(void)
{
	if (ns_is_ours(nsfd, ns_type_by_flag(CLONE_NEWNS))) {
		close(nsfd);
		return;
	}
	if (setns(nsfd, CLONE_NEWNS) != 0) {
		if (errno == EPERM)
			errx(EXIT_FAILURE, _("%s: cannot enter the mount namespace: %s (it needs CAP_SYS_ADMIN "
					     "in the user namespace that owns it)"), ns_spec, strerror(EPERM));
		err(EXIT_FAILURE, _("%s: cannot enter the mount namespace"), ns_spec);
	}
	close(nsfd);
}

/* The mount PATH names, which must be a mount point; its canonical path in
 * *CANONICAL when asked. */
static uint64_t mount_at(const char *path, char **canonical)
{
	char *real = realpath(path, NULL);
	bool mount_point;
	uint64_t id;

	if (!real || mount_of_path(procfd, real, &id, &mount_point) != 0)
		err(EXIT_FAILURE, "%s", path);
	if (!mount_point)
		errx(EXIT_FAILURE, _("%s: not a mount point (findmnt -T %s shows the mount it is on)"), path, path);
	if (canonical)
		*canonical = real;
	else
		free(real);
	return id;
}

static void set_failed(const char *path)
{
	int saved = errno;

	if (saved == EPERM)
		warnx(_("%s: cannot make it %s: %s (that needs CAP_SYS_ADMIN in the user namespace that owns "
			"the mount namespace)"), path, propagation_name(make->flag), strerror(EPERM));
	else if (saved == EINVAL)
		warnx(_("%s: not a mount point (findmnt -T %s shows the mount it is on)"), path, path);
	else
		warn(_("%s: cannot make it %s"), path, propagation_name(make->flag));
}

/* A mount becomes a slave only of a peer group with another member; alone,
 * or private, the kernel makes it private instead. What it did is read back
 * rather than guessed, as the other members may be in other namespaces. */
static void warn_unless_slaves(const char *path, const char *canonical)
{
	struct mount_table table;
	size_t top, private = 0, total = 0;
	bool mount_point;
	uint64_t id;

	if (mount_table_read_own(&table, procfd, 0) != 0)
		return;
	if (mount_of_path(procfd, canonical, &id, &mount_point) == 0 &&
	    (top = mount_table_find(&table, id)) != INDEX_NONE) {
		for (size_t m = top; m != INDEX_NONE; m = recursive ? mount_table_next(&table, top, m) : INDEX_NONE) {
			total++;
			private += !(table.mounts[m].propagation & MS_SLAVE);
		}
	}
	if (private > 0 && !recursive)
		warnx(_("%s: now private, not a slave: a slave needs a peer group with another member "
			"to receive from"), path);
	else if (private > 0)
		warnx(_("%s: %zu of its %zu mounts are now private, not slaves: a slave needs a peer group "
			"with another member to receive from"), path, private, total);
	mount_table_free(&table);
}

static int set_propagations(char **paths, size_t npaths)
{
	char **canonical = calloc(npaths, sizeof(*canonical));
	int status = EXIT_SUCCESS;

	if (!canonical)
		err(EXIT_FAILURE, NULL);
	/* every PATH is checked before anything is changed */
	for (size_t i = 0; i < npaths; i++)
		mount_at(paths[i], &canonical[i]);
	for (size_t i = 0; i < npaths; i++) {
		if (set_propagation(AT_FDCWD, canonical[i], make->flag, recursive) != 0) {
			set_failed(paths[i]);
			status = EXIT_FAILURE;
			continue;
		}
		if (make->flag == MS_SLAVE)
			warn_unless_slaves(paths[i], canonical[i]);
	}
	for (size_t i = 0; i < npaths; i++)
		free(canonical[i]);
	free(canonical);
	return status;
}

static struct view *add_view(ino_t ns, pid_t pid)
{
	struct view *bigger = realloc(views, (nviews + 1) * sizeof(*views));

	if (!bigger)
		err(EXIT_FAILURE, NULL);
	views = bigger;
	views[nviews] = (struct view) { .ns = ns, .pid = pid };
	return &views[nviews++];
}

/* The strings the output shows: a mount point costs the kernel a d_path. */
static unsigned int strings_wanted(void)
{
	unsigned int want = 0;

	if (dot || columns_has(&columns, COL_TARGET))
		want |= MOUNT_TARGET;
	if (columns_has(&columns, COL_FSTYPE))
		want |= MOUNT_FSTYPE;
	if (columns_has(&columns, COL_SOURCE))
		want |= MOUNT_SOURCE;
	return want;
}

static void read_own_table(struct view *view)
{
	if (mount_table_read_own(&view->table, procfd, strings_wanted()) != 0)
		err(EXIT_FAILURE, _("cannot read the mount table"));
	own_view = (size_t) (view - views);
}

/* The table of FOUND's namespace, through the process the scan saw in it.
 * Its PID may have been taken by another process since: the table is read
 * through the /proc directory of whoever has it now, then kept only if that
 * process is in the namespace still (the same directory, so the same
 * process), else it is dropped as that of a process that exited (ESRCH). */
static int read_table_of(struct view *view, const struct ns_procs *found)
{
	char dir[16];
	struct stat st;
	int piddir, rc, saved;

	snprintf(dir, sizeof(dir), "%d", (int) found->pid);
	piddir = openat(procfd, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (piddir < 0)
		return -1;
	rc = mount_table_read_pid(&view->table, piddir, strings_wanted());
	if (rc == 0 && (fstatat(piddir, "ns/mnt", &st, 0) != 0 || st.st_dev != found->dev || st.st_ino != found->ino)) {
		mount_table_free(&view->table);
		errno = ESRCH;
		rc = -1;
	}
	saved = errno;
	close(piddir);
	errno = saved;
	return rc;
}

/* -a: one mountinfo per distinct mount namespace, read through the first
 * process in it; ours through statmount. Namespaces whose processes we may
 * not inspect are passed over without a word, as lsns does. */
static void read_tables(void)
{
	const struct ns_type *mnt = ns_type_by_flag(CLONE_NEWNS);
	struct ns_procs *found = NULL;
	bool own_found = false;
	struct stat own;
	ssize_t n;

	if (fstatat(procfd, "self/ns/mnt", &own, 0) != 0)
		err(EXIT_FAILURE, "/proc/self/ns/mnt");
	if (!all_namespaces) {
		read_own_table(add_view(own.st_ino, 0));
		return;
	}
	n = ns_procs_scan(procfd, mnt, &found);
	if (n < 0)
		err(EXIT_FAILURE, "/proc");
	for (ssize_t i = 0; i < n; i++) {
		struct view *view;

		if (found[i].dev == own.st_dev && found[i].ino == own.st_ino) {
			read_own_table(add_view(found[i].ino, found[i].pid));
			own_found = true;
			continue;
		}
		view = add_view(found[i].ino, found[i].pid);
		if (read_table_of(view, &found[i]) != 0) {
			if (errno != EACCES && errno != EPERM && errno != ENOENT && errno != ESRCH)
				warn(_("process %d: cannot read its mount table"), (int) found[i].pid);
			nviews--;
		}
	}
	/* a /proc of another pid namespace does not show us */
	if (!own_found)
		read_own_table(add_view(own.st_ino, 0));
	free(found);
}

static size_t add_row(size_t view, size_t mount, size_t parent)
{
	if (nrows == rows_alloc) {
		struct row *bigger = realloc(rows, (rows_alloc = rows_alloc * 2 + 256) * sizeof(*rows));

		if (!bigger)
			err(EXIT_FAILURE, NULL);
		rows = bigger;
	}
	rows[nrows] = (struct row) { view, mount, parent };
	return nrows++;
}

/* TOP and, when WHOLE, everything below it in tree order, following the
 * links: no recursion, no search. */
static void add_subtree(size_t view, size_t top, bool whole)
{
	const struct mount *mounts = views[view].table.mounts;
	size_t m = top, row = add_row(view, top, INDEX_NONE);

	while (whole) {
		if (mounts[m].first_child != INDEX_NONE) {
			m = mounts[m].first_child;
			row = add_row(view, m, row);
			continue;
		}
		while (m != top && mounts[m].next_sibling == INDEX_NONE) {
			m = mounts[m].parent;
			row = rows[row].parent;
		}
		if (m == top)
			break;
		m = mounts[m].next_sibling;
		row = add_row(view, m, rows[row].parent);
	}
}

/* A tree from each root; a list in the kernel's order, as findmnt -l. */
static void select_everything(void)
{
	for (size_t v = 0; v < nviews; v++)
		for (size_t m = 0; m < views[v].table.count; m++)
			if (style.list)
				add_row(v, m, INDEX_NONE);
			else if (views[v].table.mounts[m].parent == INDEX_NONE)
				add_subtree(v, m, true);
}

static size_t own_mount_at(const char *path)
{
	uint64_t id = mount_at(path, NULL);
	size_t m = mount_table_find(&views[own_view].table, id);

	if (m == INDEX_NONE)
		errx(EXIT_FAILURE, _("%s: mount %" PRIu64 " is not in the mount table"), path, id);
	return m;
}

static void select_paths(char **paths, size_t npaths)
{
	for (size_t i = 0; i < npaths; i++)
		add_subtree(own_view, own_mount_at(paths[i]), recursive);
}

/* A mount of some view, by peer group or master group, for --peers. */
struct member {
	uint64_t group;
	size_t view, mount;
};

static int by_group(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	return (x->group > y->group) - (x->group < y->group);
}

static struct member *members_by(bool master, size_t *count)
{
	struct member *list = NULL;
	size_t n = 0;

	for (size_t v = 0; v < nviews; v++) {
		struct member *bigger = realloc(list, (n + views[v].table.count + 1) * sizeof(*list));

		if (!bigger)
			err(EXIT_FAILURE, NULL);
		list = bigger;
		for (size_t m = 0; m < views[v].table.count; m++) {
			const struct mount *mount = &views[v].table.mounts[m];
			uint64_t group = master ? mount->master : mount->peer;

			if (group != 0)
				list[n++] = (struct member) { group, v, m };
		}
	}
	/* no view, no list: qsort's base must not be NULL even for 0 items */
	if (n > 1)
		qsort(list, n, sizeof(*list), by_group);
	*count = n;
	return list;
}

static size_t first_of_group(const struct member *list, size_t n, uint64_t group)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (list[mid].group < group)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void list_member(const struct member *member, uint64_t **queue, size_t *nqueue)
{
	struct view *view = &views[member->view];
	uint64_t peer = view->table.mounts[member->mount].peer;

	if (view->listed[member->mount])
		return;
	view->listed[member->mount] = true;
	add_row(member->view, member->mount, INDEX_NONE);
	/* a slave that is shared too passes on what it receives to its own group */
	if (peer != 0) {
		uint64_t *bigger = realloc(*queue, (*nqueue + 1) * sizeof(**queue));

		if (!bigger)
			err(EXIT_FAILURE, NULL);
		*queue = bigger;
		(*queue)[(*nqueue)++] = peer;
	}
}

/* What a mount made under PATH reaches: PATH's peer group, the slaves of
 * that group, and on through every slave that is shared in turn. Peer group
 * IDs are global, so with -a this crosses mount namespaces. */
static void select_peers(const char *path)
{
	size_t top = own_mount_at(path), npeers, nslaves, nqueue = 0;
	struct member *by_peer = members_by(false, &npeers), *by_master = members_by(true, &nslaves);
	struct member self = { 0, own_view, top };
	uint64_t *queue = NULL;
	bool *done = calloc(npeers + 1, sizeof(*done));

	if (!done)
		err(EXIT_FAILURE, NULL);
	for (size_t v = 0; v < nviews; v++)
		if (!(views[v].listed = calloc(views[v].table.count + 1, sizeof(bool))))
			err(EXIT_FAILURE, NULL);
	list_member(&self, &queue, &nqueue);
	for (size_t q = 0; q < nqueue; q++) {
		size_t first = first_of_group(by_peer, npeers, queue[q]);

		/* each group once: marked at its first member */
		if (first >= npeers || by_peer[first].group != queue[q] || done[first])
			continue;
		done[first] = true;
		for (size_t i = first; i < npeers && by_peer[i].group == queue[q]; i++)
			list_member(&by_peer[i], &queue, &nqueue);
		for (size_t i = first_of_group(by_master, nslaves, queue[q]);
		     i < nslaves && by_master[i].group == queue[q]; i++)
			list_member(&by_master[i], &queue, &nqueue);
	}
	free(queue);
	free(done);
	free(by_peer);
	free(by_master);
}

static void set_number(struct libscols_line *line, size_t cell, uint64_t value)
{
	char buf[32];

	/* nothing, not 0: JSON null, like findmnt's empty fields */
	if (value == 0)
		return;
	snprintf(buf, sizeof(buf), "%" PRIu64, value);
	if (scols_line_set_data(line, cell, buf) != 0)
		err(EXIT_FAILURE, NULL);
}

static void set_string(struct libscols_line *line, size_t cell, const char *value)
{
	if (scols_line_set_data(line, cell, value) != 0)
		err(EXIT_FAILURE, NULL);
}

static void fill_line(struct libscols_line *line, const struct view *view, const struct mount *m)
{
	for (size_t i = 0; i < columns.count; i++) {
		char *source;

		switch (columns.ids[i]) {
		case COL_TARGET:
			set_string(line, i, m->target);
			break;
		case COL_ID:
			set_number(line, i, m->id);
			break;
		case COL_PARENT:
			set_number(line, i, m->parent_id);
			break;
		case COL_PROPAGATION:
			set_string(line, i, propagation_words(m->propagation));
			break;
		case COL_PEER:
			set_number(line, i, m->peer);
			break;
		case COL_MASTER:
			set_number(line, i, m->master);
			break;
		case COL_PROPAGATE_FROM:
			set_number(line, i, m->propagate_from);
			break;
		case COL_FSTYPE:
			set_string(line, i, m->fstype);
			break;
		case COL_SOURCE:
			/* findmnt's form: a bind mount of a directory shows which */
			if (strcmp(m->root, "/") == 0) {
				set_string(line, i, m->source);
				break;
			}
			if (asprintf(&source, "%s[%s]", m->source, m->root) < 0)
				err(EXIT_FAILURE, NULL);
			set_string(line, i, source);
			free(source);
			break;
		case COL_NS:
			set_number(line, i, (uint64_t) view->ns);
			break;
		case COL_PID:
			set_number(line, i, (uint64_t) view->pid);
			break;
		}
	}
}

static void print_table(void)
{
	/* static: not freed (see below), yet still reachable, which is what leak
	 * checkers must be told of memory kept until exit on purpose */
	static struct libscols_table *table;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, so sizeof a pointer */
	struct libscols_line **lines = calloc(nrows + 1, sizeof(*lines));

	table = columns_new_table(&columns, &style);
	if (!lines)
		err(EXIT_FAILURE, NULL);
	for (size_t r = 0; r < nrows; r++) {
		struct libscols_line *parent = rows[r].parent == INDEX_NONE || style.list ? NULL : lines[rows[r].parent];
		const struct view *view = &views[rows[r].view];

		lines[r] = scols_table_new_line(table, parent);
		if (!lines[r])
			err(EXIT_FAILURE, _("cannot make a table"));
		fill_line(lines[r], view, &view->table.mounts[rows[r].mount]);
	}
	scols_print_table(table);
	/* not freed: the process ends here, and 5000 lines freed one by one
	 * would cost a millisecond for nothing */
	free(lines);
}

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

/* The graph: each namespace a cluster of its mounts, each peer group a node
 * joined to its members, and an arrow from each master group to its slaves. */
static void print_dot(void)
{
	uint64_t *groups = calloc(2 * nrows + 1, sizeof(*groups));
	size_t ngroups = 0;

	if (!groups)
		err(EXIT_FAILURE, NULL);
	puts("digraph propagation {\n\trankdir=LR;\n\tnode [shape=box];");
	for (size_t v = 0; v < nviews; v++) {
		bool opened = false;

		for (size_t r = 0; r < nrows; r++) {
			const struct mount *m = &views[v].table.mounts[rows[r].mount];
			char label[96];

			if (rows[r].view != v)
				continue;
			if (!opened) {
				printf("\tsubgraph \"cluster_mnt_%ju\" {\n\t\tlabel=", (uintmax_t) views[v].ns);
				if (views[v].pid)
					snprintf(label, sizeof(label), "mnt:[%ju] PID %d", (uintmax_t) views[v].ns,
						 (int) views[v].pid);
				else
					snprintf(label, sizeof(label), "mnt:[%ju]", (uintmax_t) views[v].ns);
				print_dot_string(label);
				puts(";");
				opened = true;
			}
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
	qsort(groups, ngroups, sizeof(*groups), by_value);
	for (size_t i = 0; i < ngroups; i++)
		if (i == 0 || groups[i] != groups[i - 1])
			printf("\t\"g%" PRIu64 "\" [shape=ellipse, label=\"shared:%" PRIu64 "\"];\n", groups[i], groups[i]);
	for (size_t r = 0; r < nrows; r++) {
		const struct mount *m = &views[rows[r].view].table.mounts[rows[r].mount];

		if (m->peer)
			printf("\t\"g%" PRIu64 "\" -> \"m%" PRIu64 "\" [dir=none];\n", m->peer, m->id);
		if (m->master)
			printf("\t\"g%" PRIu64 "\" -> \"m%" PRIu64 "\" [style=dashed, label=\"slave\"];\n",
			       m->master, m->id);
	}
	puts("}");
	free(groups);
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
		enter_mount_namespace();

	if (make)
		return set_propagations(paths, npaths);

	read_tables();
	if (peers)
		select_peers(paths[0]);
	else if (npaths > 0)
		select_paths(paths, npaths);
	else
		select_everything();

	if (dot)
		print_dot();
	else
		print_table();
	return EXIT_SUCCESS;
}

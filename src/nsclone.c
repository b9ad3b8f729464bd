/* nsclone: start a command in new namespaces. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "detach.h"
#include "handshake.h"
#include "idmap.h"
#include "kernel.h"
#include "nscreate.h"
#include "nstype.h"
#include "parse.h"
#include "pin.h"
#include "pinfiles.h"
#include "propagation.h"
#include "timens.h"
#include "tool.h"

enum {
	OPT_HOSTNAME = CHAR_MAX + 1,
	OPT_DOMAINNAME,
	OPT_MAP_USER,
	OPT_MAP_GROUP,
	OPT_MAP_USERS,
	OPT_MAP_GROUPS,
	OPT_SETGROUPS,
	OPT_MOUNT_PROC,
	OPT_PROPAGATION,
	OPT_MONOTONIC,
	OPT_BOOTTIME,
	OPT_PIN,
	OPT_KEEP_STDIO,
	OPT_LOG,
	OPT_INIT,
	OPT_KILL_CHILD,
};

static int clone_flags;
static const char *hostname, *domainname;
static struct id_map uid_map, gid_map = { .groups = true };
static const char *setgroups_mode;
static const char *proc_dir;
static unsigned long propagation = MS_PRIVATE;
static const char *new_root, *new_wd;
static int64_t monotonic_offset, boottime_offset;
static bool time_offsets;
static const char *pin_arg;
static struct pin_files pin_files; /* --TYPE=FILE */
static bool detach, keep_stdio, use_init;
static const char *log_file;
static int log_fd = -1;
static int kill_child_signal;

static struct handshake handshake;

static noreturn void usage(void)
{
	printf(_("Usage:\n %s [options] [--] [COMMAND [ARG...]]\n"), program_invocation_short_name);
	fputs(_("\nRun COMMAND (default: $SHELL) in new namespaces.\n"), stdout);
	fputs(_("\nNamespaces:\n"), stdout);
	ns_type_print_options(NULL, _("  %-24s new %s namespace (%s)\n"));
	fputs(_("  -a, --all                every type of namespace\n"), stdout);
	fputs(_("\nIn the new namespaces:\n"
		"      --hostname=NAME      set the host name (needs -u)\n"
		"      --domainname=NAME    set the NIS domain name (needs -u)\n"
		"  -r, --map-root-user      map our user and group to root (needs -U)\n"
		"      --map-user=UID       map our user to UID (needs -U)\n"
		"      --map-group=GID      map our group to GID (needs -U)\n"
		"      --map-users=INNER:OUTER:COUNT   map a range of user IDs (repeatable)\n"
		"      --map-groups=INNER:OUTER:COUNT  map a range of group IDs (repeatable)\n"
		"      --setgroups=allow|deny  whether setgroups(2) is allowed (needs -U)\n"), stdout);
	fputs(_("      --mount-proc[=DIR]   mount a proc file system on DIR (/proc); implies -m\n"
		"      --propagation=private|slave|shared|unchanged\n"
		"                           propagation of every mount (default: private)\n"
		"  -R, --root=DIR           change root to DIR\n"
		"  -w, --wd=DIR             change directory to DIR\n"
		"      --monotonic=SECS     offset of the monotonic clock (needs -T)\n"
		"      --boottime=SECS      offset of the boot-time clock (needs -T)\n"), stdout);
	fputs(_("\nProcesses:\n"
		"      --pin=DIR            pin every new namespace as DIR/TYPE before COMMAND starts\n"
		"      --TYPE=FILE          pin that new namespace on FILE (a path or a NAME)\n"
		"  -d, --detach             print the PID of COMMAND and exit at once\n"
		"      --keep-stdio         with -d: keep standard input, output and error\n"
		"      --log=FILE           with -d: COMMAND's output and errors to FILE\n"
		"      --init               with -p: a minimal init as PID 1 that starts COMMAND\n"
		"      --kill-child[=SIG]   send SIG (KILL) to COMMAND if nsclone dies\n"
		"  -h, --help               display this help and exit\n"
		"  -V, --version            display version and exit\n"), stdout);
	fputs(_("\nExit status: COMMAND's own; 128+N if it died of signal N; 125 if nsclone\n"
		"failed; 126 if COMMAND cannot run; 127 if it was not found.\n"), stdout);
	printf(_("\nSee %s(1).\n"), program_invocation_short_name);
	exit(EXIT_SUCCESS);
}

static void parse_options(int argc, char **argv)
{
	static const struct option fixed_options[] = {
		{ "all",           no_argument,       NULL, 'a' },
		{ "hostname",      required_argument, NULL, OPT_HOSTNAME },
		{ "domainname",    required_argument, NULL, OPT_DOMAINNAME },
		{ "map-root-user", no_argument,       NULL, 'r' },
		{ "map-user",      required_argument, NULL, OPT_MAP_USER },
		{ "map-group",     required_argument, NULL, OPT_MAP_GROUP },
		{ "map-users",     required_argument, NULL, OPT_MAP_USERS },
		{ "map-groups",    required_argument, NULL, OPT_MAP_GROUPS },
		{ "setgroups",     required_argument, NULL, OPT_SETGROUPS },
		{ "mount-proc",    optional_argument, NULL, OPT_MOUNT_PROC },
		{ "propagation",   required_argument, NULL, OPT_PROPAGATION },
		{ "root",          required_argument, NULL, 'R' },
		{ "wd",            required_argument, NULL, 'w' },
		{ "monotonic",     required_argument, NULL, OPT_MONOTONIC },
		{ "boottime",      required_argument, NULL, OPT_BOOTTIME },
		{ "pin",           required_argument, NULL, OPT_PIN },
		{ "detach",        no_argument,       NULL, 'd' },
		{ "keep-stdio",    no_argument,       NULL, OPT_KEEP_STDIO },
		{ "log",           required_argument, NULL, OPT_LOG },
		{ "init",          no_argument,       NULL, OPT_INIT },
		{ "kill-child",    optional_argument, NULL, OPT_KILL_CHILD },
		{ "help",          no_argument,       NULL, 'h' },
		{ "version",       no_argument,       NULL, 'V' },
	};
	struct ns_getopt options;
	bool propagation_given = false;
	int c;

	ns_getopt_build(&options, "+arR:w:dhV", fixed_options, sizeof(fixed_options) / sizeof(fixed_options[0]),
			optional_argument);
	while ((c = getopt_long(argc, argv, options.optstring, options.longopts, NULL)) != -1) {
		const struct ns_type *type = ns_type_by_option(c);

		if (type) {
			clone_flags |= type->flag;
			if (optarg)
				pin_files_add(&pin_files, type, optarg);
			continue;
		}
		switch (c) {
		case 'a':
			for_each_ns_type(t)
				clone_flags |= t->flag;
			break;
		case OPT_HOSTNAME:
			hostname = optarg;
			break;
		case OPT_DOMAINNAME:
			domainname = optarg;
			break;
		case 'r':
			id_map_add_id(&uid_map, "0");
			id_map_add_id(&gid_map, "0");
			break;
		case OPT_MAP_USER:
			id_map_add_id(&uid_map, optarg);
			break;
		case OPT_MAP_GROUP:
			id_map_add_id(&gid_map, optarg);
			break;
		case OPT_MAP_USERS:
			id_map_add_range(&uid_map, optarg);
			break;
		case OPT_MAP_GROUPS:
			id_map_add_range(&gid_map, optarg);
			break;
		case OPT_SETGROUPS:
			/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): getopt sets optarg for an option that requires one */
			if (strcmp(optarg, "allow") != 0 && strcmp(optarg, "deny") != 0)
				usage_error(_("--setgroups: '%s' is neither allow nor deny"), optarg);
			setgroups_mode = optarg;
			break;
		case OPT_MOUNT_PROC:
			proc_dir = optarg ? optarg : "/proc";
			clone_flags |= CLONE_NEWNS;
			break;
		case OPT_PROPAGATION:
			propagation_given = true;
			/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): getopt sets optarg for an option that requires one */
			if (strcmp(optarg, "unchanged") == 0)
				propagation = 0;
			else if (!(propagation = propagation_by_name(optarg)) || propagation == MS_UNBINDABLE)
				usage_error(_("--propagation: '%s' is not private, slave, shared or unchanged"), optarg);
			break;
		case 'R':
			new_root = optarg;
			break;
		case 'w':
			new_wd = optarg;
			break;
		case OPT_MONOTONIC:
			monotonic_offset = time_offset_parse(optarg);
			time_offsets = true;
			break;
		case OPT_BOOTTIME:
			boottime_offset = time_offset_parse(optarg);
			time_offsets = true;
			break;
		case OPT_PIN:
			pin_arg = optarg;
			break;
		case 'd':
			detach = true;
			break;
		case OPT_KEEP_STDIO:
			keep_stdio = true;
			break;
		case OPT_LOG:
			log_file = optarg;
			break;
		case OPT_INIT:
			use_init = true;
			break;
		case OPT_KILL_CHILD:
			kill_child_signal = optarg ? parse_signal(optarg) : SIGKILL;
			if (kill_child_signal < 0)
				usage_error(_("--kill-child: '%s' is not a signal"), optarg);
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			usage_try_help();
		}
	}

	if ((hostname || domainname) && !(clone_flags & CLONE_NEWUTS))
		usage_error(_("--hostname and --domainname need -u"));
	if ((uid_map.count || gid_map.count || setgroups_mode) && !(clone_flags & CLONE_NEWUSER))
		usage_error(_("--map-root-user, --map-user(s), --map-group(s) and --setgroups need -U"));
	if (propagation_given && !(clone_flags & CLONE_NEWNS))
		usage_error(_("--propagation needs -m"));
	if (time_offsets && !(clone_flags & CLONE_NEWTIME))
		usage_error(_("--monotonic and --boottime need -T"));
	if (use_init && !(clone_flags & CLONE_NEWPID))
		usage_error(_("--init needs -p"));
	if ((keep_stdio || log_file) && !detach)
		usage_error(_("--keep-stdio and --log need -d"));
	if (keep_stdio && log_file)
		usage_error(_("--keep-stdio and --log exclude each other"));
	if (detach && kill_child_signal)
		usage_error(_("--detach and --kill-child exclude each other"));
	if (pin_arg && !clone_flags)
		usage_error(_("--pin needs at least one new namespace"));
}

/* Maps, offsets and pins are written by the parent before the child goes
 * on; without them the child need not wait. */
static bool parent_has_work(void)
{
	return uid_map.count || gid_map.count || setgroups_mode || time_offsets || pin_arg || pin_files.any;
}

/* The parent's half: everything that must be in place before COMMAND runs.
 * Whatever fails, the child is killed before it can run COMMAND, and the
 * pins made for it go with it. */
static void prepare_child(pid_t child)
{
	struct pin_dir pins = { .parent = -1, .fd = -1 };

	if (!parent_has_work())
		return;
	if (handshake_wait_ready(&handshake, child) != 0 ||
	    id_maps_write(child, &uid_map, &gid_map, setgroups_mode) != 0 ||
	    (time_offsets && time_offsets_write(child, monotonic_offset, boottime_offset) != 0) ||
	    (pin_arg && pin_dir_of_process(&pins, pin_arg, child, clone_flags) != 0) ||
	    pin_files_of_process(&pin_files, child) != 0 || handshake_go(&handshake, child) != 0)
		goto failed;
	pin_dir_end(&pins);
	return;
failed:
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	pin_files_rollback(&pin_files);
	pin_dir_rollback(&pins);
	pin_dir_end(&pins);
	exit(EXIT_TOOL_FAILED);
}

static void set_up_mounts(void)
{
	if ((clone_flags & CLONE_NEWNS) && propagation && set_propagation(AT_FDCWD, "/", propagation, true) != 0)
		err(EXIT_TOOL_FAILED, _("cannot make every mount %s"), propagation_name(propagation));
	if (new_root && (chroot(new_root) != 0 || chdir("/") != 0))
		err(EXIT_TOOL_FAILED, _("cannot change root to %s"), new_root);
	if (new_wd && chdir(new_wd) != 0)
		err(EXIT_TOOL_FAILED, _("cannot change directory to %s"), new_wd);
	if (proc_dir) {
		/* never let this mount reach the proc of the namespace we came from */
		if (set_propagation(AT_FDCWD, proc_dir, MS_PRIVATE, true) != 0 && errno != EINVAL)
			err(EXIT_TOOL_FAILED, _("cannot make %s private"), proc_dir);
		if (mount("proc", proc_dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
			err(EXIT_TOOL_FAILED, _("cannot mount proc on %s"), proc_dir);
	}
}

/* exec, with a detached child's own error still reaching the caller's stderr */
static noreturn void run_command(char **command, const sigset_t *saved_mask)
{
	int saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);

	sigprocmask(SIG_SETMASK, saved_mask, NULL);
	if (detach && !keep_stdio)
		stdio_detach(&log_fd);
	execvp(command[0], command);
	if (saved_stderr >= 0)
		dup2(saved_stderr, STDERR_FILENO);
	/* a detaching parent waits for this word, not for our exit, to know */
	if (detach)
		handshake_exec_failed(&handshake);
	exit_command_failed(command[0]);
}

/* The child's half, up to COMMAND. */
static noreturn void child_main(char **command, bool time_by_child, const sigset_t *saved_mask)
{
	handshake_child_begin(&handshake);
	if (kill_child_signal && prctl(PR_SET_PDEATHSIG, kill_child_signal) != 0)
		err(EXIT_TOOL_FAILED, _("cannot ask for --kill-child"));
	if (detach && setsid() < 0)
		err(EXIT_TOOL_FAILED, _("cannot start a session"));
	if (time_by_child && unshare(CLONE_NEWTIME) != 0)
		err(EXIT_TOOL_FAILED, _("cannot create the time namespace"));
	handshake_child_wait(&handshake, parent_has_work());

	/* Unlike nsjoin's, these namespaces are new: nobody else is in them
	 * until COMMAND runs, and we hold nothing of the host's that COMMAND
	 * will not hold too (stdio, the log, the pipe that closes on exec), so
	 * there is nothing to take from us and no need to be undumpable. */
	if (time_by_child)
		time_namespace_enter_late();
	if (hostname && sethostname(hostname, strlen(hostname)) != 0)
		err(EXIT_TOOL_FAILED, _("cannot set the host name to %s"), hostname);
	if (domainname && setdomainname(domainname, strlen(domainname)) != 0)
		err(EXIT_TOOL_FAILED, _("cannot set the domain name to %s"), domainname);
	set_up_mounts();

	if (use_init) {
		pid_t pid = fork();

		if (pid < 0)
			err(EXIT_TOOL_FAILED, _("cannot fork"));
		if (pid == 0)
			run_command(command, saved_mask);
		close(handshake.ready[1]);
		if (detach && !keep_stdio)
			stdio_detach(&log_fd);
		relay_signals_until_exit(pid, true);
	}
	run_command(command, saved_mask);
}

int main(int argc, char **argv)
{
	char **command;
	sigset_t saved_mask;
	bool time_by_child;
	pid_t child;

	tool_init(EXIT_TOOL_FAILED);
	parse_options(argc, argv);
	command = optind < argc ? argv + optind : default_command();
	pin_files_prepare(&pin_files);
	if (log_file)
		log_fd = log_file_open(log_file);
	handshake_open(&handshake);
	fflush(NULL);
	relay_signals_block(&saved_mask);
	child = ns_clone(clone_flags, time_offsets, &time_by_child);
	if (child == 0)
		child_main(command, time_by_child, &saved_mask);

	handshake_parent_begin(&handshake);
	if (log_fd >= 0)
		close(log_fd);
	prepare_child(child);
	if (detach)
		handshake_detach(&handshake, child);
	close(handshake.ready[0]);
	relay_signals_until_exit(child, false);
}

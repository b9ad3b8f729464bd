/* nsclone: start a command in new namespaces. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "idrange.h"
#include "kernel.h"
#include "nsfile.h"
#include "nstype.h"
#include "parse.h"
#include "pin.h"
#include "propagation.h"
#include "safepath.h"
#include "tool.h"

#ifndef SYS_clone3
# define SYS_clone3 435
#endif

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

/* struct clone_args of <linux/sched.h>, version 0 */
struct clone_args_v0 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

/* An id map: the lines of /proc/PID/uid_map or gid_map, INNER OUTER COUNT. */
struct id_map {
	char lines[4096];
	size_t count;      /* ranges */
	bool only_ours;    /* one range of one id, ours: written without newuidmap */
};

static int clone_flags;
static const char *hostname, *domainname;
static struct id_map uid_map, gid_map;
static const char *setgroups_mode;
static const char *proc_dir;
static unsigned long propagation = MS_PRIVATE;
static const char *new_root, *new_wd;
static int64_t monotonic_offset, boottime_offset;
static bool time_offsets;
static const char *pin_arg;
static bool detach, keep_stdio, use_init;
static const char *log_file;
static int log_fd = -1;
static int kill_child_signal;

/* The two halves of the handshake: the child says it is ready, the parent
 * that it has written the maps, offsets and pins; the ready pipe also closes
 * on the child's exec, which tells a detaching parent COMMAND has started. */
static int ready_pipe[2], go_pipe[2];

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

static void map_add(struct id_map *map, uint64_t inner, uint64_t outer, uint64_t count)
{
	size_t len = strlen(map->lines);

	if (snprintf(map->lines + len, sizeof(map->lines) - len, "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
		     inner, outer, count) >= (int) (sizeof(map->lines) - len))
		usage_error(_("too many ID ranges"));
	map->only_ours = map->count == 0 && count == 1 && outer == (map == &uid_map ? geteuid() : getegid());
	map->count++;
}

static void map_add_id(struct id_map *map, const char *arg, const char *what)
{
	uint64_t id;

	if (parse_u64(arg, 0, UINT32_MAX - 1, &id) != 0)
		usage_error(_("%s: invalid %s"), arg, what);
	map_add(map, id, map == &uid_map ? geteuid() : getegid(), 1);
}

static void map_add_range(struct id_map *map, const char *arg)
{
	struct id_range range;

	if (id_range_parse(arg, &range) != 0) {
		if (errno == ENOMEM)
			err(EXIT_TOOL_FAILED, NULL);
		usage_error(_("%s: not INNER:OUTER:COUNT"), arg);
	}
	map_add(map, range.inner, range.outer, range.count);
}

static int64_t parse_offset(const char *arg)
{
	int64_t seconds;

	if (parse_clock_offset(arg, &seconds) != 0)
		usage_error(_("%s: invalid number of seconds"), arg);
	return seconds;
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
			no_argument);
	while ((c = getopt_long(argc, argv, options.optstring, options.longopts, NULL)) != -1) {
		const struct ns_type *type = ns_type_by_option(c);

		if (type) {
			clone_flags |= type->flag;
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
			map_add_id(&uid_map, "0", _("user ID"));
			map_add_id(&gid_map, "0", _("group ID"));
			break;
		case OPT_MAP_USER:
			map_add_id(&uid_map, optarg, _("user ID"));
			break;
		case OPT_MAP_GROUP:
			map_add_id(&gid_map, optarg, _("group ID"));
			break;
		case OPT_MAP_USERS:
			map_add_range(&uid_map, optarg);
			break;
		case OPT_MAP_GROUPS:
			map_add_range(&gid_map, optarg);
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
			monotonic_offset = parse_offset(optarg);
			time_offsets = true;
			break;
		case OPT_BOOTTIME:
			boottime_offset = parse_offset(optarg);
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

/* The limit a failed clone ran into, named: the smallest of the asked types'. */
static noreturn void explain_no_space(void)
{
	const struct ns_type *tightest = NULL;
	long tightest_limit = LONG_MAX;

	for_each_ns_type(t) {
		long limit = clone_flags & t->flag ? ns_type_limit(t) : -1;

		if (limit >= 0 && limit < tightest_limit) {
			tightest = t;
			tightest_limit = limit;
		}
	}
	if (tightest)
		errx(EXIT_TOOL_FAILED, _("cannot create namespaces: %s (the limit /proc/sys/user/max_%s_namespaces "
					 "is %ld)"), strerror(ENOSPC), tightest->name, tightest_limit);
	errx(EXIT_TOOL_FAILED, _("cannot create namespaces: %s"), strerror(ENOSPC));
}

static noreturn void explain_clone_failure(int error)
{
	if (error == EPERM && !(clone_flags & CLONE_NEWUSER))
		errx(EXIT_TOOL_FAILED, _("cannot create namespaces: %s (it needs CAP_SYS_ADMIN; as an ordinary "
					 "user, add -U -r)"), strerror(error));
	if (error == EPERM)
		errx(EXIT_TOOL_FAILED, _("cannot create namespaces: %s (are user namespaces disabled? see "
					 "/proc/sys/user/max_user_namespaces)"), strerror(error));
	if (error == ENOSPC || error == EUSERS)
		explain_no_space();
	if (error == EINVAL)
		for_each_ns_type(t) {
			char path[64];

			snprintf(path, sizeof(path), "/proc/self/ns/%s", t->proc_name);
			if ((clone_flags & t->flag) && access(path, F_OK) != 0)
				errx(EXIT_TOOL_FAILED, _("cannot create namespaces: this kernel has no %s "
							 "namespaces"), t->name);
		}
	errx(EXIT_TOOL_FAILED, _("cannot create namespaces: %s"), strerror(error));
}

/* clone3 (Linux 5.3) where the kernel has it, clone otherwise; like fork. A
 * new time namespace comes from clone3 only, and not at all when its offsets
 * are to be set: those can be written only before any process is in it. */
static pid_t clone_child(bool *time_by_child)
{
	int flags = clone_flags;
	struct clone_args_v0 args;
	pid_t child;

	*time_by_child = (flags & CLONE_NEWTIME) && time_offsets;
	if (*time_by_child)
		flags &= ~CLONE_NEWTIME;
	args = (struct clone_args_v0) { .flags = (uint64_t) flags, .exit_signal = SIGCHLD };
	child = (pid_t) syscall(SYS_clone3, &args, sizeof(args));
	if (child < 0 && errno == ENOSYS) {
		/* clone_flags: flags has lost CLONE_NEWTIME already when offsets are set */
		*time_by_child = clone_flags & CLONE_NEWTIME;
		flags &= ~CLONE_NEWTIME;
		child = (pid_t) syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
	}
	if (child < 0)
		explain_clone_failure(errno);
	return child;
}

static int write_proc_file(pid_t pid, const char *name, const char *text)
{
	char path[64];
	int fd, rc = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int) pid, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t) strlen(text)) {
		warn(_("cannot write %s"), path);
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Several ranges, or another ID than our own, need the setuid helpers of
 * shadow's uidmap package when we are not root, as with util-linux. */
static int run_id_map_helper(const char *helper, pid_t child, const struct id_map *map)
{
	char *argv[3 + 3 * 340 + 1], *copy = strdup(map->lines), *save = NULL, pidbuf[16];
	size_t argc = 0;
	pid_t helper_pid;
	int wstatus;

	if (!copy)
		return -1;
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int) child);
	argv[argc++] = (char *) helper;
	argv[argc++] = pidbuf;
	for (char *word = strtok_r(copy, " \n", &save); word && argc < sizeof(argv) / sizeof(argv[0]) - 1;
	     word = strtok_r(NULL, " \n", &save))
		argv[argc++] = word;
	argv[argc] = NULL;

	helper_pid = fork();
	if (helper_pid == 0)
		exec_command(argv);
	free(copy);
	if (helper_pid < 0 || waitpid(helper_pid, &wstatus, 0) < 0) {
		warn(_("cannot run %s"), helper);
		return -1;
	}
	/* a helper that could not run has said why (127: install uidmap) */
	if (exit_status_of(wstatus) != 0 && exit_status_of(wstatus) < EXIT_CANNOT_RUN)
		warnx(_("%s failed to write the ID map of process %d"), helper, (int) child);
	return exit_status_of(wstatus) == 0 ? 0 : -1;
}

static int write_id_map(pid_t child, const struct id_map *map, const char *file, const char *helper)
{
	if (map->count == 0)
		return 0;
	if (geteuid() == 0 || map->only_ours)
		return write_proc_file(child, file, map->lines);
	return run_id_map_helper(helper, child, map);
}

static int write_id_maps(pid_t child)
{
	const char *groups = setgroups_mode;

	/* an unprivileged process may write its one-group map only once
	 * setgroups is denied; unshare -r denies it too */
	if (!groups && gid_map.count && gid_map.only_ours)
		groups = "deny";
	if (groups && write_proc_file(child, "setgroups", groups) != 0)
		return -1;
	if (write_id_map(child, &uid_map, "uid_map", "newuidmap") != 0)
		return -1;
	return write_id_map(child, &gid_map, "gid_map", "newgidmap");
}

static int write_time_offsets(pid_t child)
{
	char text[128];

	snprintf(text, sizeof(text), "monotonic %" PRId64 " 0\nboottime %" PRId64 " 0\n",
		 monotonic_offset, boottime_offset);
	return write_proc_file(child, "timens_offsets", text);
}

/* The namespaces the child will run COMMAND in: for pid and time, those it
 * makes its children in, which a time namespace made late is only. */
static int pin_new_namespaces(pid_t child, struct pin_dir *pins)
{
	char *dir = pin_resolve(pin_arg, true);
	int rc = pin_dir_begin(pins, dir);

	free(dir);
	for_each_ns_type(t) {
		char path[64];
		int fd;

		if (rc != 0 || !(clone_flags & t->flag))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int) child, t->children_name ? t->children_name : t->proc_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			warn("%s", path);
			rc = -1;
			continue;
		}
		rc = pin_dir_add(pins, fd, t);
		close(fd);
	}
	if (rc != 0)
		pin_dir_rollback(pins);
	return rc;
}

/* Maps, offsets and pins are written by the parent before the child goes
 * on; without them the child need not wait. */
static bool parent_has_work(void)
{
	return uid_map.count || gid_map.count || setgroups_mode || time_offsets || pin_arg;
}

/* The parent's half: everything that must be in place before COMMAND runs.
 * Whatever fails, the child is killed before it can run COMMAND, and the
 * pins made for it go with it. */
static void prepare_child(pid_t child)
{
	struct pin_dir pins = { .parent = -1, .fd = -1 };
	ssize_t ready;
	char byte;

	if (!parent_has_work())
		return;
	ready = read(ready_pipe[0], &byte, 1);
	if (ready == 0) {
		/* the child failed before it was ready, and said why */
		int wstatus;

		waitpid(child, &wstatus, 0);
		exit(exit_status_of(wstatus));
	}
	if (ready < 0)
		warn(_("process %d: cannot learn that it is ready"), (int) child);
	if (ready < 0 || write_id_maps(child) != 0 || (time_offsets && write_time_offsets(child) != 0) ||
	    (pin_arg && pin_new_namespaces(child, &pins) != 0))
		goto failed;
	if (write(go_pipe[1], "g", 1) != 1) {
		warn(_("cannot start process %d"), (int) child);
		goto failed;
	}
	close(go_pipe[1]);
	pin_dir_end(&pins);
	return;
failed:
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	pin_dir_rollback(&pins);
	pin_dir_end(&pins);
	exit(EXIT_TOOL_FAILED);
}

/* -d: return once COMMAND runs, which the ready pipe closing on exec tells,
 * or with the child's status when it could not (it wrote to the pipe). */
static noreturn void detach_from(pid_t child)
{
	char byte;
	int wstatus;

	if (read(ready_pipe[0], &byte, 1) > 0) {
		waitpid(child, &wstatus, 0);
		exit(exit_status_of(wstatus));
	}
	printf("%d\n", (int) child);
	exit(EXIT_SUCCESS);
}

static void enter_late_time_namespace(void)
{
	int fd = open("/proc/self/ns/time_for_children", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || setns(fd, CLONE_NEWTIME) != 0)
		err(EXIT_TOOL_FAILED, _("cannot enter the new time namespace"));
	close(fd);
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

/* --log=FILE, opened by us, as the caller sees it, before any namespace is
 * made: root appends to FILE, so nobody else may choose what FILE is. Its
 * directory is resolved once (path_open_parent), FILE is never a link, and a
 * directory others can write is refused, but for one that is sticky (/tmp)
 * where FILE is ours: there nobody else can replace it. */
static void open_log_file(void)
{
	struct stat dir, file;
	char *name;
	int dirfd, flags;

	dirfd = path_open_parent(log_file, &name);
	if (dirfd < 0)
		errx(EXIT_TOOL_FAILED, "%s: %s", log_file, path_error(errno));
	if (fstat(dirfd, &dir) != 0)
		err(EXIT_TOOL_FAILED, "%s", log_file);
	if (!dir_is_trusted(&dir) && !(dir.st_mode & S_ISVTX))
		errx(EXIT_TOOL_FAILED, _("%s: in a directory others can write: refused"), log_file);
	/* O_NONBLOCK: a FIFO with no reader must not hang us; cleared below */
	log_fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY,
			0644);
	if (log_fd < 0) {
		if (errno == ELOOP)
			errx(EXIT_TOOL_FAILED, _("%s: a symbolic link: refused"), log_file);
		err(EXIT_TOOL_FAILED, "%s", log_file);
	}
	if (fstat(log_fd, &file) != 0)
		err(EXIT_TOOL_FAILED, "%s", log_file);
	if (!dir_is_trusted(&dir) && file.st_uid != geteuid())
		errx(EXIT_TOOL_FAILED, _("%s: not ours, in a directory others can write: refused"), log_file);
	if ((flags = fcntl(log_fd, F_GETFL)) < 0 || fcntl(log_fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
		err(EXIT_TOOL_FAILED, "%s", log_file);
	close(dirfd);
	free(name);
}

/* -d: COMMAND keeps nothing of the caller's terminal unless asked to. */
static void detach_stdio(void)
{
	int in = open("/dev/null", O_RDWR | O_CLOEXEC), out = log_fd >= 0 ? log_fd : in;

	if (in < 0)
		err(EXIT_TOOL_FAILED, "/dev/null");
	if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 || dup2(out, STDERR_FILENO) < 0)
		err(EXIT_TOOL_FAILED, _("cannot redirect standard input and output"));
	close(in);
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
}

/* exec, with a detached child's own error still reaching the caller's stderr */
static noreturn void run_command(char **command, const sigset_t *saved_mask)
{
	int saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);

	sigprocmask(SIG_SETMASK, saved_mask, NULL);
	if (detach && !keep_stdio)
		detach_stdio();
	execvp(command[0], command);
	if (saved_stderr >= 0)
		dup2(saved_stderr, STDERR_FILENO);
	/* a detaching parent waits for this word, not for our exit, to know */
	if (detach && write(ready_pipe[1], "x", 1) != 1)
		_exit(EXIT_TOOL_FAILED);
	exit_command_failed(command[0]);
}

/* The child's half, up to COMMAND. */
static noreturn void child_main(char **command, bool time_by_child, const sigset_t *saved_mask)
{
	char byte;

	close(ready_pipe[0]);
	close(go_pipe[1]);
	if (kill_child_signal && prctl(PR_SET_PDEATHSIG, kill_child_signal) != 0)
		err(EXIT_TOOL_FAILED, _("cannot ask for --kill-child"));
	if (detach && setsid() < 0)
		err(EXIT_TOOL_FAILED, _("cannot start a session"));
	if (time_by_child && unshare(CLONE_NEWTIME) != 0)
		err(EXIT_TOOL_FAILED, _("cannot create the time namespace"));
	if (parent_has_work()) {
		ssize_t go;

		if (write(ready_pipe[1], "r", 1) != 1)
			err(EXIT_TOOL_FAILED, _("cannot say that the new namespaces are ready"));
		go = read(go_pipe[0], &byte, 1);
		if (go < 0)
			err(EXIT_TOOL_FAILED, _("cannot wait for the ID maps and pins to be made"));
		if (go == 0)
			_exit(EXIT_TOOL_FAILED); /* the parent failed, and said why */
	}
	close(go_pipe[0]);

	/* Unlike nsjoin's, these namespaces are new: nobody else is in them
	 * until COMMAND runs, and we hold nothing of the host's that COMMAND
	 * will not hold too (stdio, the log, the pipe that closes on exec), so
	 * there is nothing to take from us and no need to be undumpable. */
	if (time_by_child)
		enter_late_time_namespace();
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
		close(ready_pipe[1]);
		if (detach && !keep_stdio)
			detach_stdio();
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
	if (log_file)
		open_log_file();
	if (pipe2(ready_pipe, O_CLOEXEC) != 0 || pipe2(go_pipe, O_CLOEXEC) != 0)
		err(EXIT_TOOL_FAILED, _("cannot make a pipe"));
	fflush(NULL);
	relay_signals_block(&saved_mask);
	child = clone_child(&time_by_child);
	if (child == 0)
		child_main(command, time_by_child, &saved_mask);

	close(ready_pipe[1]);
	close(go_pipe[0]);
	if (log_fd >= 0)
		close(log_fd);
	prepare_child(child);
	if (detach)
		detach_from(child);
	close(ready_pipe[0]);
	relay_signals_until_exit(child, false);
}

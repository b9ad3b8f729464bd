/* nsjoin: run a command inside existing namespaces. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "command.h"
#include "kernel.h"
#include "leakcheck.h"
#include "nsfile.h"
#include "nstype.h"
#include "parse.h"
#include "pidhold.h"
#include "readall.h"
#include "safepath.h"
#include "tool.h"

enum {
	OPT_USER_PARENT = CHAR_MAX + 1,
	OPT_PRESERVE_CREDENTIALS,
	OPT_NO_FORK,
};

/* One namespace to join: where it came from (for messages) and its descriptor. */
struct join {
	int fd;
	const char *from;
};

static struct join joins[NS_TYPE_MAX];
static struct held_pid target = { .pid = 0, .pidfd = -1, .procfd = -1 };
static const char *target_arg;
static int target_dirfd = -1;

static const char *root_dir, *wd_dir;
static bool root_asked, wd_asked, take_env, preserve_credentials, user_parent, no_fork;
static const char *uid_arg, *gid_arg;
static int socket_fd = -1;

static noreturn void usage(void)
{
	printf(_("Usage:\n %s [options] [--] [COMMAND [ARG...]]\n"), program_invocation_short_name);
	fputs(_("\nRun COMMAND (default: $SHELL) inside existing namespaces.\n"), stdout);
	fputs(_("\nNamespaces (SPEC is a namespace file, a PID or PID:INODE):\n"), stdout);
	ns_type_print_options("SPEC", _("  %-24s join this %s namespace (%s)\n"));
	fputs(_("  -F, --file=FILE          join the namespace in FILE, of whatever type\n"
		"  -t, --target=PID|DIR     join every namespace of PID that differs from ours,\n"
		"                             or every pin in directory DIR\n"
		"  -N, --net-socket=FD      with -t PID: the network namespace of its socket FD\n"
		"      --user-parent        join the parent of the user namespace instead\n"), stdout);
	fputs(_("\nRoot, working directory and environment:\n"
		"  -r, --root[=DIR]         change root to DIR (default: the target's root)\n"
		"  -w, --wd[=DIR]           change directory to DIR (default: the target's)\n"
		"  -e, --env                take the target process's environment\n"), stdout);
	fputs(_("\nCredentials and processes:\n"
		"  -S, --setuid=UID         set the user ID (default 0 in a joined user namespace)\n"
		"  -G, --setgid=GID         set the group ID (default 0 in a joined user namespace)\n"
		"      --preserve-credentials  keep our IDs when joining a user namespace\n"
		"      --no-fork            do not fork after joining a pid namespace\n"
		"  -h, --help               display this help and exit\n"
		"  -V, --version            display version and exit\n"), stdout);
	fputs(_("\nExit status: COMMAND's own; 128+N if it died of signal N; 125 if nsjoin\n"
		"failed; 126 if COMMAND cannot run; 127 if it was not found.\n"), stdout);
	printf(_("\nSee %s(1).\n"), program_invocation_short_name);
	exit(EXIT_SUCCESS);
}

static void add_join(const struct ns_type *type, int fd, const char *from)
{
	struct join *j = &joins[ns_type_index(type)];

	if (j->fd >= 0)
		usage_error(_("two %s namespaces given: %s and %s"), type->name, j->from, from);
	j->fd = fd;
	j->from = from;
}

/* DIR/TYPE as a pin: reached with no link followed and on nsfs, which only a
 * bind mount of a namespace can be. A link (to /proc/PID/ns/TYPE of a process
 * the owner of DIR runs, say) is refused, not followed: whoever can write DIR
 * would otherwise choose the namespace root enters. */
static int open_pin(const struct ns_type *t, char **path)
{
	struct statfs sfs;
	int fd;

	if (asprintf(path, "%s/%s", target_arg, t->name) < 0)
		err(EXIT_TOOL_FAILED, NULL);
	fd = path_open_entry(target_dirfd, t->name, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return -1;
		if (errno == ELOOP)
			errx(EXIT_TOOL_FAILED, _("%s: not a pin (a symbolic link): refused"), *path);
		err(EXIT_TOOL_FAILED, "%s", *path);
	}
	if (fstatfs(fd, &sfs) != 0)
		err(EXIT_TOOL_FAILED, "%s", *path);
	if (sfs.f_type != NSFS_MAGIC)
		errx(EXIT_TOOL_FAILED, _("%s: not a pin (not a namespace file): refused"), *path);
	return fd;
}

/* -t DIR: the pins that nspin -t and nsclone --pin write, named by type. */
static void add_pin_directory(void)
{
	size_t found = 0;

	for_each_ns_type(t) {
		char *path;
		int fd = open_pin(t, &path);

		if (fd < 0) {
			free(path);
			continue;
		}
		ns_check_fd(fd, path, t);
		found++;
		if (joins[ns_type_index(t)].fd < 0)
			add_join(t, fd, path);
		else {
			close(fd);
			free(path);
		}
	}
	if (found == 0)
		errx(EXIT_TOOL_FAILED, _("%s: no namespace pins in this directory"), target_arg);
}

/* -t PID: every namespace of the process that was not given explicitly. */
static void add_target_namespaces(void)
{
	for_each_ns_type(t) {
		if (joins[ns_type_index(t)].fd >= 0)
			continue;
		add_join(t, ns_open_of_pid(&target, t), target_arg);
	}
}

/* -N FD: a socket can keep a network namespace that no process is in. */
static void add_socket_namespace(void)
{
	int sock, netfd;
	const struct ns_type *net = ns_type_of_sockets();

	sock = sys_pidfd_getfd(target.pidfd, socket_fd);
	if (sock < 0)
		err(EXIT_TOOL_FAILED, _("descriptor %d of process %d"), socket_fd, (int) target.pid);
	netfd = ioctl(sock, SIOCGSKNS);
	if (netfd < 0) {
		if (errno == ENOTTY || errno == ENOTSOCK)
			errx(EXIT_TOOL_FAILED, _("descriptor %d of process %d is not a socket"),
			     socket_fd, (int) target.pid);
		err(EXIT_TOOL_FAILED, _("descriptor %d of process %d"), socket_fd, (int) target.pid);
	}
	close(sock);
	if (joins[ns_type_index(net)].fd >= 0 && joins[ns_type_index(net)].from != target_arg)
		usage_error(_("two net namespaces given: %s and --net-socket"), joins[ns_type_index(net)].from);
	if (joins[ns_type_index(net)].fd >= 0)
		close(joins[ns_type_index(net)].fd);
	joins[ns_type_index(net)] = (struct join) { netfd, _("the socket's network namespace") };
}

static void replace_user_by_parent(void)
{
	struct join *user = &joins[ns_type_index(ns_type_by_flag(CLONE_NEWUSER))];
	int parent;

	if (user->fd < 0)
		usage_error(_("--user-parent needs a user namespace: -U or -t"));
	parent = ioctl(user->fd, NS_GET_PARENT);
	if (parent < 0) {
		if (errno == EPERM)
			errx(EXIT_TOOL_FAILED, _("%s: the parent user namespace is outside ours"), user->from);
		err(EXIT_TOOL_FAILED, _("%s: parent user namespace"), user->from);
	}
	close(user->fd);
	user->fd = parent;
	user->from = _("the parent user namespace");
}

/* Joining a namespace we are in is at best a no-op (and an error for a user
 * namespace), so only the ones that differ are kept. */
static int drop_our_own_namespaces(void)
{
	int mask = 0;

	for_each_ns_type(t) {
		struct join *j = &joins[ns_type_index(t)];

		if (j->fd < 0)
			continue;
		if (ns_is_ours(j->fd, t)) {
			close(j->fd);
			j->fd = -1;
			continue;
		}
		mask |= t->flag;
	}
	return mask;
}

static noreturn void join_failed(const struct ns_type *type, const struct join *j)
{
	if (errno == EPERM && type->flag != CLONE_NEWUSER)
		errx(EXIT_TOOL_FAILED, _("%s: cannot join the %s namespace: %s (it belongs to a user "
					 "namespace we have no privilege in: join that too with -U)"),
		     j->from, type->name, strerror(EPERM));
	if (errno == EPERM)
		errx(EXIT_TOOL_FAILED, _("%s: cannot join the user namespace: %s (it needs "
					 "CAP_SYS_ADMIN in it, or to be ours)"),
		     j->from, strerror(EPERM));
	err(EXIT_TOOL_FAILED, _("%s: cannot join the %s namespace"), j->from, type->name);
}

static bool join_file(const struct ns_type *type, bool must_succeed)
{
	struct join *j = &joins[ns_type_index(type)];

	if (j->fd < 0)
		return true;
	if (setns(j->fd, type->flag) != 0) {
		if (must_succeed)
			join_failed(type, j);
		return false;
	}
	close(j->fd);
	j->fd = -1;
	return true;
}

/* One namespace at a time, as nsenter does: first everything but the user
 * namespace, which succeeds when we are privileged outside it (joining it
 * first would drop that privilege); then the user namespace, and again what
 * failed, as only it grants the privilege a rootless caller needs for those. */
static void join_one_by_one(void)
{
	const struct ns_type *user = ns_type_by_flag(CLONE_NEWUSER);

	for_each_ns_type(t)
		if (t != user)
			join_file(t, false);
	join_file(user, true);
	for_each_ns_type(t)
		join_file(t, true);
}

/* setns(pidfd, mask) (Linux 5.8) moves us into all of them at once or into
 * none, with no window in which the process could change them. */
static void join_namespaces(int mask, bool whole_target)
{
	if (mask == 0)
		return;
	if (whole_target && target.pidfd >= 0 && setns(target.pidfd, mask) == 0) {
		for (size_t i = 0; i < ns_type_count; i++)
			if (joins[i].fd >= 0) {
				close(joins[i].fd);
				joins[i].fd = -1;
			}
		return;
	}
	/* an older kernel (EINVAL), or an error the per-file path explains better */
	join_one_by_one();
}

static int open_directory(const char *dir, const char *what)
{
	int fd;

	if (dir)
		fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	else if (target.procfd >= 0)
		fd = held_pid_open(&target, what, O_PATH | O_DIRECTORY);
	else
		usage_error(_("--%s without DIR needs -t PID"), strcmp(what, "cwd") == 0 ? "wd" : "root");
	if (fd < 0)
		err(EXIT_TOOL_FAILED, "%s", dir ? dir : what);
	return fd;
}

static void change_root_and_directory(int rootfd, int wdfd)
{
	if (rootfd >= 0) {
		if (fchdir(rootfd) != 0 || chroot(".") != 0)
			err(EXIT_TOOL_FAILED, _("cannot change root to %s"), root_dir ? root_dir : _("the target's root"));
		close(rootfd);
		if (wdfd < 0 && chdir("/") != 0)
			err(EXIT_TOOL_FAILED, _("cannot change directory to %s"), "/");
	}
	if (wdfd >= 0) {
		if (fchdir(wdfd) != 0)
			err(EXIT_TOOL_FAILED, _("cannot change directory to %s"), wd_dir ? wd_dir : _("the target's"));
		close(wdfd);
	}
}

/* The environment is read before joining: the target's /proc may not be
 * visible from inside its namespaces. */
static char **read_target_environment(void)
{
	char *buf, **env;
	size_t len, count = 0;
	int fd;

	if (target.procfd < 0)
		usage_error(_("--env needs -t PID"));
	fd = held_pid_open(&target, "environ", O_RDONLY);
	if (fd < 0)
		err(EXIT_TOOL_FAILED, _("process %d: environment"), (int) target.pid);
	buf = read_all(fd, &len);
	if (!buf)
		err(EXIT_TOOL_FAILED, _("process %d: environment"), (int) target.pid);
	close(fd);

	for (size_t i = 0; i < len; i++)
		count += buf[i] == '\0';
	env = calloc(count + 2, sizeof(*env));
	if (!env)
		err(EXIT_TOOL_FAILED, NULL);
	count = 0;
	for (char *p = buf; p < buf + len; p += strlen(p) + 1)
		env[count++] = p;
	return env;
}

static void set_credentials(bool joined_user)
{
	uint64_t uid = 0, gid = 0;

	if (uid_arg && parse_u64(uid_arg, 0, UINT32_MAX - 1, &uid) != 0)
		usage_error(_("%s: invalid user ID"), uid_arg);
	if (gid_arg && parse_u64(gid_arg, 0, UINT32_MAX - 1, &gid) != 0)
		usage_error(_("%s: invalid group ID"), gid_arg);
	if (preserve_credentials && (uid_arg || gid_arg))
		usage_error(_("--preserve-credentials excludes --setuid and --setgid"));
	if (preserve_credentials || (!joined_user && !uid_arg && !gid_arg))
		return;

	/* in a user namespace whose setgroups file says "deny" this is refused;
	 * drop_host_groups did it before we went in */
	if (setgroups(0, NULL) != 0 && !(joined_user && errno == EPERM))
		err(EXIT_TOOL_FAILED, _("cannot drop supplementary groups"));
	if ((joined_user || gid_arg) && setgid((gid_t) gid) != 0)
		err(EXIT_TOOL_FAILED, _("cannot set group ID to %ju"), (uintmax_t) gid);
	if ((joined_user || uid_arg) && setuid((uid_t) uid) != 0)
		err(EXIT_TOOL_FAILED, _("cannot set user ID to %ju"), (uintmax_t) uid);
}

/* The host's supplementary groups would still open host files from inside a
 * user namespace (the kernel checks them by their host IDs), so they go, as
 * nsenter drops them: now, while we are privileged here, because a user
 * namespace whose setgroups file says "deny" (unshare -r's) refuses it to
 * everyone in it. EPERM: we are not privileged, and the groups are our own. */
static void drop_host_groups(int mask)
{
	if (!(mask & CLONE_NEWUSER) || preserve_credentials)
		return;
	if (setgroups(0, NULL) != 0 && errno != EPERM)
		err(EXIT_TOOL_FAILED, _("cannot drop supplementary groups"));
}

/* Once our credentials are in a user namespace that someone else's root
 * holds, that root may signal us (SIGSTOP) and, were we dumpable, ptrace us
 * or take our descriptors with pidfd_getfd: the host's directories, pidfds
 * and namespace files we still hold. Not dumpable, the kernel asks for
 * privilege over the user namespace our memory was made in, the host's;
 * exec makes the command dumpable again, in the namespaces it runs in. */
static void become_undumpable(void)
{
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		err(EXIT_TOOL_FAILED, _("cannot make the process undumpable"));
}

static void parse_target(const char *arg)
{
	if (target_arg)
		usage_error(_("only one --target"));
	target_arg = arg;
	if (is_pid_arg(arg) || (arg[0] == '-' && is_all_digits(arg + 1))) {
		pid_hold(arg, &target);
		return;
	}
	/* links are followed only where nobody but root (or we) could have made them */
	target_dirfd = path_open_trusted(arg, O_RDONLY | O_DIRECTORY);
	if (target_dirfd < 0) {
		if (errno == ENOTDIR)
			errx(EXIT_TOOL_FAILED, _("%s: neither a process ID nor a pin directory"), arg);
		errx(EXIT_TOOL_FAILED, "%s: %s", arg, path_error(errno));
	}
}

static void parse_options(int argc, char **argv)
{
	static const struct option fixed_options[] = {
		{ "file",                 required_argument, NULL, 'F' },
		{ "target",               required_argument, NULL, 't' },
		{ "net-socket",           required_argument, NULL, 'N' },
		{ "user-parent",          no_argument,       NULL, OPT_USER_PARENT },
		{ "root",                 optional_argument, NULL, 'r' },
		{ "wd",                   optional_argument, NULL, 'w' },
		{ "env",                  no_argument,       NULL, 'e' },
		{ "setuid",               required_argument, NULL, 'S' },
		{ "setgid",               required_argument, NULL, 'G' },
		{ "preserve-credentials", no_argument,       NULL, OPT_PRESERVE_CREDENTIALS },
		{ "no-fork",              no_argument,       NULL, OPT_NO_FORK },
		{ "help",                 no_argument,       NULL, 'h' },
		{ "version",              no_argument,       NULL, 'V' },
	};
	struct ns_getopt options;
	uint64_t fd;
	int c;

	ns_getopt_build(&options, "+F:t:N:r::w::eS:G:hV", fixed_options,
			sizeof(fixed_options) / sizeof(fixed_options[0]), required_argument);
	while ((c = getopt_long(argc, argv, options.optstring, options.longopts, NULL)) != -1) {
		const struct ns_type *type = ns_type_by_option(c);

		if (type) {
			add_join(type, ns_open_spec(optarg, type, NULL), optarg);
			continue;
		}
		switch (c) {
		case 'F': {
			const struct ns_type *found;
			int nsfd = ns_open_spec(optarg, NULL, &found);

			add_join(found, nsfd, optarg);
			break;
		}
		case 't':
			parse_target(optarg);
			break;
		case 'N':
			if (parse_u64(optarg, 0, INT_MAX, &fd) != 0)
				usage_error(_("%s: invalid descriptor number"), optarg);
			socket_fd = (int) fd;
			break;
		case OPT_USER_PARENT:
			user_parent = true;
			break;
		case 'r':
			root_asked = true;
			root_dir = optarg;
			break;
		case 'w':
			wd_asked = true;
			wd_dir = optarg;
			break;
		case 'e':
			take_env = true;
			break;
		case 'S':
			uid_arg = optarg;
			break;
		case 'G':
			gid_arg = optarg;
			break;
		case OPT_PRESERVE_CREDENTIALS:
			preserve_credentials = true;
			break;
		case OPT_NO_FORK:
			no_fork = true;
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			usage_try_help();
		}
	}
	if (socket_fd >= 0 && target.pidfd < 0)
		usage_error(_("--net-socket needs -t PID (on Linux 5.6 or later)"));
}

int main(int argc, char **argv)
{
	char **command, **env = NULL;
	int rootfd = -1, wdfd = -1, mask;
	bool whole_target;

	tool_init(EXIT_TOOL_FAILED);
	for (size_t i = 0; i < NS_TYPE_MAX; i++)
		joins[i].fd = -1;
	parse_options(argc, argv);
	command = optind < argc ? argv + optind : default_command();

	/* -t PID alone can be joined in one atomic step; anything given beside
	 * it replaces one of its namespaces and needs the per-file path */
	whole_target = target.procfd >= 0 && socket_fd < 0 && !user_parent;
	for (size_t i = 0; i < ns_type_count; i++)
		whole_target = whole_target && joins[i].fd < 0;
	if (target.procfd >= 0)
		add_target_namespaces();
	else if (target_dirfd >= 0)
		add_pin_directory();
	if (socket_fd >= 0)
		add_socket_namespace();
	if (user_parent)
		replace_user_by_parent();
	mask = drop_our_own_namespaces();

	/* everything that names the target's view is opened before we leave ours */
	if (take_env)
		env = read_target_environment();
	if (root_asked || (target.procfd >= 0 && (mask & CLONE_NEWNS)))
		rootfd = open_directory(root_dir, "root");
	if (wd_asked || (target.procfd >= 0 && (mask & CLONE_NEWNS)))
		wdfd = open_directory(wd_dir, "cwd");

	/* A sanitizer build checks for leaks at exit from a task it clones to
	 * ptrace us: in another pid namespace it would be born there, never
	 * report, and leave exit() waiting forever; and no task may ptrace us once
	 * we are undumpable. Check now, while it can. */
	leak_check_now();
	drop_host_groups(mask);
	become_undumpable();
	join_namespaces(mask, whole_target);
	/* nothing of the host's is held past this point, but the root and
	 * working directory we are about to move into */
	pid_release(&target);
	if (target_dirfd >= 0)
		close(target_dirfd);
	change_root_and_directory(rootfd, wdfd);
	set_credentials(mask & CLONE_NEWUSER);

	/* setns into a pid namespace only moves our future children into it */
	if ((mask & CLONE_NEWPID) && !no_fork && fork_relaying_signals() < 0) {
		if (errno == ENOMEM)
			errx(EXIT_TOOL_FAILED, _("cannot start a process in the pid namespace: its init "
						 "(PID 1) has exited"));
		err(EXIT_TOOL_FAILED, _("cannot fork"));
	}
	if (env)
		environ = env;
	exec_command(command);
}

/* nsjoin: run a command inside existing namespaces. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "command.h"
#include "credentials.h"
#include "joinset.h"
#include "kernel.h"
#include "leakcheck.h"
#include "netnsexec.h"
#include "nsfile.h"
#include "nstype.h"
#include "parse.h"
#include "target.h"
#include "tool.h"

enum {
	OPT_USER_PARENT = CHAR_MAX + 1,
	OPT_PRESERVE_CREDENTIALS,
	OPT_NO_FORK,
	OPT_NETNS_EXEC,
	OPT_NO_NETNS_EXEC,
};

static struct join_set joins;
static struct target target = TARGET_NONE;

static const char *root_dir, *wd_dir;
static bool root_asked, wd_asked, take_env, preserve_credentials, user_parent, no_fork;
static const char *uid_arg, *gid_arg;
static int socket_fd = -1;
/* ip netns exec's view for COMMAND: asked (1), refused (0), or by how the
 * network namespace was named (-1) */
static int netns_exec = -1;
static const char *net_arg; /* the network namespace's SPEC or pin directory */

static noreturn void usage(void)
{
	printf(_("Usage:\n %s [options] [--] [COMMAND [ARG...]]\n"), program_invocation_short_name);
	fputs(_("\nRun COMMAND (default: $SHELL) inside existing namespaces.\n"), stdout);
	fputs(_("\nNamespaces (SPEC is a namespace file, a PID, PID:INODE or a NAME):\n"), stdout);
	ns_type_print_options("SPEC", _("  %-24s join this %s namespace (%s)\n"));
	fputs(_("  -F, --file=FILE          join the namespace in FILE, of whatever type\n"
		"  -t, --target=PID|DIR|NAME  join every namespace of PID that differs from\n"
		"                             ours, or every pin in directory DIR or of NAME\n"
		"  -N, --net-socket=FD      with -t PID: the network namespace of its socket FD\n"
		"      --user-parent        join the parent of the user namespace instead\n"
		"      --netns-exec         give COMMAND the view ip netns exec gives (its own\n"
		"                             mount namespace, /sys, /etc/netns/NAME): the\n"
		"                             default for a network namespace by NAME or pin\n"
		"      --no-netns-exec      never do that\n"), stdout);
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
		{ "netns-exec",           no_argument,       NULL, OPT_NETNS_EXEC },
		{ "no-netns-exec",        no_argument,       NULL, OPT_NO_NETNS_EXEC },
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
			join_add(&joins, type, ns_open_spec(optarg, type, NULL), optarg);
			if (type->flag == CLONE_NEWNET && netns_exec_name(optarg))
				net_arg = optarg;
			continue;
		}
		switch (c) {
		case 'F': {
			const struct ns_type *found;
			int nsfd = ns_open_spec(optarg, NULL, &found);

			join_add(&joins, found, nsfd, optarg);
			break;
		}
		case 't':
			target_parse(&target, optarg, 0);
			if (target_pins(&target, CLONE_NEWNET))
				net_arg = optarg;
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
		case OPT_NETNS_EXEC:
		case OPT_NO_NETNS_EXEC:
			netns_exec = c == OPT_NETNS_EXEC;
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			usage_try_help();
		}
	}
	if (socket_fd >= 0 && target.pid.pidfd < 0)
		usage_error(_("--net-socket needs -t PID (on Linux 5.6 or later)"));
}

int main(int argc, char **argv)
{
	char **command, **env = NULL;
	int rootfd = -1, wdfd = -1, mask;
	bool whole_target;

	tool_init(EXIT_TOOL_FAILED);
	join_set_init(&joins);
	parse_options(argc, argv);
	command = optind < argc ? argv + optind : default_command();

	/* -t PID alone can be joined in one atomic step; anything given beside
	 * it replaces one of its namespaces and needs the per-file path */
	whole_target = target.pid.procfd >= 0 && socket_fd < 0 && !user_parent && join_set_is_empty(&joins);
	target_add_namespaces(&target, &joins);
	if (socket_fd >= 0)
		join_add_socket(&joins, &target.pid, socket_fd, target.arg);
	if (user_parent)
		join_replace_user_by_parent(&joins);
	mask = join_drop_our_own(&joins);

	/* everything that names the target's view is opened before we leave ours */
	if (take_env)
		env = target_environment(&target);
	if (root_asked || (target.pid.procfd >= 0 && (mask & CLONE_NEWNS)))
		rootfd = target_open_directory(&target, root_dir, "root");
	if (wd_asked || (target.pid.procfd >= 0 && (mask & CLONE_NEWNS)))
		wdfd = target_open_directory(&target, wd_dir, "cwd");

	/* A sanitizer build checks for leaks at exit from a task it clones to
	 * ptrace us: in another pid namespace it would be born there, never
	 * report, and leave exit() waiting forever; and no task may ptrace us once
	 * we are undumpable. Check now, while it can. */
	leak_check_now();
	drop_host_groups(mask, preserve_credentials);
	become_undumpable();
	join_namespaces(&joins, mask, whole_target ? target.pid.pidfd : -1);
	/* a network namespace by NAME (or pin) is entered as ip netns exec does,
	 * unless a mount namespace was joined too */
	if (netns_exec == 1 || (netns_exec == -1 && net_arg && (mask & CLONE_NEWNET) && !(mask & CLONE_NEWNS)))
		netns_exec_setup(net_arg ? netns_exec_name(net_arg) : NULL);
	/* nothing of the host's is held past this point, but the root and
	 * working directory we are about to move into */
	target_release(&target);
	change_root_and_directory(rootfd, wdfd);
	set_credentials(uid_arg, gid_arg, preserve_credentials, mask & CLONE_NEWUSER);

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

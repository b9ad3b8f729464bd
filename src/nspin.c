/* nspin: keep namespaces alive with no process in them, and release them. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel.h"
#include "netnspin.h"
#include "nsfile.h"
#include "nstype.h"
#include "pin.h"
#include "safepath.h"
#include "target.h"
#include "tool.h"

enum { OPT_STALE = CHAR_MAX + 1 };

static int asked_types;          /* CLONE_NEW* of the type options */
static const char *target_arg;
static bool release, stale;

static noreturn void usage(void)
{
	printf(_("Usage:\n"
		 " %1$s [-TYPE] SPEC PATH\n"
		 " %1$s -t PID|DIR|NAME [-TYPE...] DIR\n"
		 " %1$s --release PATH...\n"), program_invocation_short_name);
	fputs(_("\nKeep namespaces alive with no process in them: bind-mount each onto a\n"
		"file. A PATH without a slash is a NAME under the pin root.\n"), stdout);
	fputs(_("\nSPEC is a namespace file, or a PID (or PID:INODE) with one type option.\n"), stdout);
	ns_type_print_options(NULL, _("  %-24s the %s namespace (%s)\n"));
	fputs(_("  -t, --target=PID|DIR|NAME  pin every namespace of PID that differs from\n"
		"                             ours (or the types named) as DIR/TYPE; or re-pin\n"
		"                             the pins of directory DIR or of NAME\n"
		"  -r, --release            unmount and remove the pins at PATH (a pin\n"
		"                             directory: all of it); refuse anything else\n"
		"      --stale              with --release NAME: remove a stale file that\n"
		"                             ip netns left in /run/netns too\n"
		"  -h, --help               display this help and exit\n"
		"  -V, --version            display version and exit\n"), stdout);
	printf(_("\nThe pin root is %s ($NSTOOLS_PIN_ROOT overrides it).\n"), pin_root());
	printf(_("\nSee %s(1).\n"), program_invocation_short_name);
	exit(EXIT_SUCCESS);
}

static void parse_options(int argc, char **argv)
{
	static const struct option fixed_options[] = {
		{ "target",  required_argument, NULL, 't' },
		{ "release", no_argument,       NULL, 'r' },
		{ "stale",   no_argument,       NULL, OPT_STALE },
		{ "help",    no_argument,       NULL, 'h' },
		{ "version", no_argument,       NULL, 'V' },
	};
	struct ns_getopt options;
	int c;

	ns_getopt_build(&options, "t:rhV", fixed_options, sizeof(fixed_options) / sizeof(fixed_options[0]),
			no_argument);
	while ((c = getopt_long(argc, argv, options.optstring, options.longopts, NULL)) != -1) {
		const struct ns_type *type = ns_type_by_option(c);

		if (type) {
			asked_types |= type->flag;
			continue;
		}
		switch (c) {
		case 't':
			target_arg = optarg;
			break;
		case 'r':
			release = true;
			break;
		case OPT_STALE:
			stale = true;
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			usage_try_help();
		}
	}

	if (stale && !release)
		usage_error(_("--stale goes with --release"));
	if (release && (target_arg || asked_types))
		usage_error(_("--release takes only PATHs"));
	if (release && optind == argc)
		usage_error(_("--release needs a PATH"));
	if (!release && argc - optind != (target_arg ? 1 : 2))
		usage_error(target_arg ? _("-t needs one DIR") : _("needs a SPEC and a PATH"));
}

/* The one type the options name, for a SPEC given as a PID. */
static const struct ns_type *single_asked_type(void)
{
	const struct ns_type *type = NULL;

	for_each_ns_type(t) {
		if (!(asked_types & t->flag))
			continue;
		if (type)
			usage_error(_("one namespace per pin: -%c and -%c both given"), type->option, t->option);
		type = t;
	}
	return type;
}

static int pin_one(const char *spec, const char *path_arg)
{
	const struct ns_type *type = single_asked_type(), *found;
	char *path;
	int fd, rc;

	if (is_pid_arg(spec) && !type)
		usage_error(_("%s: a PID needs a type option (-m, -u, -i, -n, -p, -U, -C or -T)"), spec);
	fd = ns_open_spec(spec, type, &found);
	netns_pin_prepare(path_arg, found->flag);
	path = pin_path_of_type(path_arg, found, true);
	rc = pin_create(fd, found, path);
	/* by NAME, a network namespace is iproute2's too: both or neither */
	if (rc == 0 && found->flag == CLONE_NEWNET && netns_pin_wanted(path_arg) &&
	    netns_pin_create(path_arg, fd) != 0) {
		pin_release(path);
		rc = -1;
	}
	free(path);
	close(fd);
	return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* -t: the namespaces of a process, or the pins of a directory or NAME, by type. */
static int open_target_namespaces(int fds[NS_TYPE_MAX])
{
	struct target target = TARGET_NONE;
	int count = 0;

	target_parse(&target, target_arg, asked_types);
	for_each_ns_type(t) {
		int *fd = &fds[ns_type_index(t)];

		*fd = -1;
		if (asked_types && !(asked_types & t->flag))
			continue;
		*fd = target_open_namespace(&target, t);
		/* the namespaces we share with the process outlive us anyway */
		if (!target.pinned && !asked_types && ns_is_ours(*fd, t)) {
			close(*fd);
			*fd = -1;
		}
		if (*fd < 0 && target.pinned && asked_types)
			errx(EXIT_FAILURE, _("%s: pins no %s namespace"), target_arg, t->name);
		count += *fd >= 0;
	}
	target_release(&target);
	return count;
}

static int pin_target(const char *dir_arg)
{
	int fds[NS_TYPE_MAX];
	struct pin_dir pins;
	char *dir;
	int rc, types = 0;

	if (open_target_namespaces(fds) == 0)
		errx(EXIT_FAILURE, _("%s: no namespace to pin: it shares every one with us (name the "
				     "types to pin them anyway)"), target_arg);
	for_each_ns_type(t)
		types |= fds[ns_type_index(t)] >= 0 ? t->flag : 0;
	netns_pin_prepare(dir_arg, types);
	dir = pin_resolve(dir_arg, true);
	rc = pin_dir_begin(&pins, dir);
	if (netns_pin_wanted(dir_arg))
		pins.by_name = dir_arg;
	for_each_ns_type(t) {
		int fd = fds[ns_type_index(t)];

		if (fd < 0)
			continue;
		if (rc == 0)
			rc = pin_dir_add(&pins, fd, t);
		close(fd);
	}
	if (rc != 0)
		pin_dir_rollback(&pins);
	pin_dir_end(&pins);
	free(dir);
	return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int release_pin(const char *arg)
{
	char *path;
	int rc;

	if (ns_is_name(arg))
		return netns_pin_release_name(arg, stale);
	path = pin_resolve(arg, false);
	rc = pin_release(path);

	free(path);
	return rc;
}

int main(int argc, char **argv)
{
	int status = EXIT_SUCCESS;

	tool_init(EXIT_FAILURE);
	parse_options(argc, argv);

	if (release) {
		for (int i = optind; i < argc; i++)
			if (release_pin(argv[i]) != 0)
				status = EXIT_FAILURE;
		return status;
	}
	if (target_arg)
		return pin_target(argv[optind]);
	return pin_one(argv[optind], argv[optind + 1]);
}

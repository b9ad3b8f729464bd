/* nspin: keep namespaces alive with no process in them, and release them. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kernel.h"
#include "mountpoint.h"
#include "nsfile.h"
#include "nstype.h"
#include "pidhold.h"
#include "pin.h"
#include "tool.h"

static int asked_types;          /* CLONE_NEW* of the type options */
static const char *target_arg;
static bool release;

static noreturn void usage(void)
{
	printf(_("Usage:\n"
		 " %1$s [-TYPE] SPEC PATH\n"
		 " %1$s -t PID|DIR [-TYPE...] DIR\n"
		 " %1$s --release PATH...\n"), program_invocation_short_name);
	fputs(_("\nKeep namespaces alive with no process in them: bind-mount each onto a\n"
		"file. A PATH without a slash is a NAME under the pin root.\n"), stdout);
	fputs(_("\nSPEC is a namespace file, or a PID (or PID:INODE) with one type option.\n"), stdout);
	ns_type_print_options(NULL, _("  %-24s the %s namespace (%s)\n"));
	fputs(_("  -t, --target=PID|DIR     pin every namespace of PID that differs from ours\n"
		"                             (or the types named) as DIR/TYPE; or re-pin the\n"
		"                             pins of directory DIR\n"
		"  -r, --release            unmount and remove the pins at PATH (a pin\n"
		"                             directory: all of it); refuse anything else\n"
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
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			usage_try_help();
		}
	}

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
	path = pin_resolve(path_arg, true);
	rc = pin_create(fd, found, path);
	free(path);
	close(fd);
	return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* -t: the namespaces of a process, or the pins of a directory, by type. */
static int open_target_namespaces(int fds[NS_TYPE_MAX])
{
	struct held_pid held = { .pidfd = -1, .procfd = -1 };
	int dirfd = -1, count = 0;

	if (is_pid_arg(target_arg) || (target_arg[0] == '-' && target_arg[1]))
		pid_hold(target_arg, &held);
	else if ((dirfd = open(target_arg, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		err(EXIT_FAILURE, errno == ENOTDIR ? _("%s: neither a process ID nor a pin directory") : "%s",
		    target_arg);

	for_each_ns_type(t) {
		int *fd = &fds[ns_type_index(t)];

		*fd = -1;
		if (asked_types && !(asked_types & t->flag))
			continue;
		if (held.procfd >= 0) {
			*fd = ns_open_of_pid(&held, t);
			/* the namespaces we share with the process outlive us anyway */
			if (!asked_types && ns_is_ours(*fd, t)) {
				close(*fd);
				*fd = -1;
			}
		} else {
			char *name;

			*fd = openat(dirfd, t->name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
			if (*fd < 0 && (errno != ENOENT || asked_types))
				err(EXIT_FAILURE, "%s/%s", target_arg, t->name);
			if (*fd < 0)
				continue;
			if (asprintf(&name, "%s/%s", target_arg, t->name) < 0)
				err(EXIT_FAILURE, NULL);
			ns_check_fd(*fd, name, t);
			free(name);
		}
		count += *fd >= 0;
	}
	pid_release(&held);
	if (dirfd >= 0)
		close(dirfd);
	return count;
}

static int pin_target(const char *dir_arg)
{
	int fds[NS_TYPE_MAX];
	struct pin_dir pins;
	char *dir;
	int rc;

	if (open_target_namespaces(fds) == 0)
		errx(EXIT_FAILURE, _("%s: no namespace to pin: it shares every one with us (name the "
				     "types to pin them anyway)"), target_arg);
	dir = pin_resolve(dir_arg, true);
	rc = pin_dir_begin(&pins, dir);
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
	free(pins.path);
	free(dir);
	return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* What PATH is, when it is not a pin, for the refusal. */
static const char *kind_of(const char *path, const struct stat *st)
{
	struct statfs sfs;

	if (is_mount_point(path))
		return S_ISDIR(st->st_mode) ? _("a mount point") : _("a file mount");
	if (S_ISREG(st->st_mode))
		return statfs(path, &sfs) == 0 && sfs.f_type == NSFS_MAGIC ? _("a namespace file") : _("a regular file");
	if (S_ISDIR(st->st_mode))
		return _("a directory");
	return _("not a regular file");
}

/* A pin directory holds pins named by type and nothing else; which types,
 * in PINNED. */
static int check_pin_directory(const char *path, bool pinned_types[NS_TYPE_MAX])
{
	DIR *dir = opendir(path);
	struct dirent *entry;
	int pins = 0;

	if (!dir) {
		warn("%s", path);
		return -1;
	}
	while ((errno = 0, entry = readdir(dir))) {
		char *entry_path;
		const struct ns_type *type = ns_type_by_name(entry->d_name), *pinned;
		bool is_pin;

		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		if (asprintf(&entry_path, "%s/%s", path, entry->d_name) < 0)
			err(EXIT_FAILURE, NULL);
		is_pin = pin_is_pin(entry_path, &pinned, NULL);
		if (!is_pin && errno != 0) {
			warn(_("%s: cannot tell whether it is a pin"), entry_path);
			free(entry_path);
			closedir(dir);
			return -1;
		}
		free(entry_path);
		is_pin = is_pin && pinned == type;
		if (!is_pin) {
			warnx(_("%s: holds %s, which is not a pin of that type: nothing released"), path,
			      entry->d_name);
			closedir(dir);
			return -1;
		}
		pinned_types[ns_type_index(type)] = true;
		pins++;
	}
	/* a directory read only in part is not known to hold only pins */
	if (errno != 0) {
		warn("%s", path);
		pins = -1;
	}
	closedir(dir);
	return pins;
}

static int release_directory(const char *path)
{
	bool pinned[NS_TYPE_MAX] = { false };
	int rc = 0;

	/* the pins found by the check, not checked again: a check failing
	 * now would leave a pin and then fail the rmdir with ENOTEMPTY */
	if (check_pin_directory(path, pinned) < 0)
		return -1;
	for_each_ns_type(t) {
		char *entry_path;

		if (!pinned[ns_type_index(t)])
			continue;
		if (asprintf(&entry_path, "%s/%s", path, t->name) < 0)
			err(EXIT_FAILURE, NULL);
		if (pin_remove(entry_path) != 0) {
			warn(_("%s: cannot release"), entry_path);
			rc = -1;
		}
		free(entry_path);
	}
	if (rc == 0 && rmdir(path) != 0) {
		warn(_("%s: cannot remove"), path);
		rc = -1;
	}
	return rc;
}

static int release_pin(const char *arg)
{
	char *path = pin_resolve(arg, false);
	struct stat st;
	int rc = -1;

	if (lstat(path, &st) != 0)
		warn("%s", path);
	else if (pin_is_pin(path, NULL, NULL)) {
		if ((rc = pin_remove(path)) != 0)
			warn(_("%s: cannot release"), path);
	} else if (errno != 0)
		warn(_("%s: cannot tell whether it is a pin"), path);
	else if (S_ISDIR(st.st_mode) && !is_mount_point(path))
		rc = release_directory(path);
	else
		warnx(_("%s: not a pin (%s): left as it is"), path, kind_of(path, &st));
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

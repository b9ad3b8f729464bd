#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kernel.h"
#include "nsfile.h"
#include "parse.h"
#include "readall.h"
#include "safepath.h"
#include "target.h"
#include "tool.h"

void target_parse(struct target *target, const char *arg)
{
	if (target->arg)
		usage_error(_("only one --target"));
	target->arg = arg;
	if (is_pid_arg(arg) || (arg[0] == '-' && is_all_digits(arg + 1))) {
		pid_hold(arg, &target->pid);
		return;
	}
	/* links are followed only where nobody but root (or we) could have made them */
	target->dirfd = path_open_trusted(arg, O_RDONLY | O_DIRECTORY);
	if (target->dirfd < 0) {
		if (errno == ENOTDIR)
			errx(EXIT_TOOL_FAILED, _("%s: neither a process ID nor a pin directory"), arg);
		errx(EXIT_TOOL_FAILED, "%s: %s", arg, path_error(errno));
	}
}

/* DIR/TYPE as a pin: reached with no link followed and on nsfs, which only a
 * bind mount of a namespace can be. A link (to /proc/PID/ns/TYPE of a process
 * the owner of DIR runs, say) is refused, not followed: whoever can write DIR
 * would otherwise choose the namespace root enters. */
static int open_pin(const struct target *target, const struct ns_type *t, char **path)
{
	struct statfs sfs;
	int fd;

	if (asprintf(path, "%s/%s", target->arg, t->name) < 0)
		err(EXIT_TOOL_FAILED, NULL);
	fd = path_open_entry(target->dirfd, t->name, O_RDONLY | O_NONBLOCK | O_NOCTTY);
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
static void add_pin_directory(const struct target *target, struct join_set *set)
{
	size_t found = 0;

	for_each_ns_type(t) {
		char *path;
		int fd = open_pin(target, t, &path);

		if (fd < 0) {
			free(path);
			continue;
		}
		ns_check_fd(fd, path, t);
		found++;
		if (!join_set_has(set, t))
			join_add(set, t, fd, path);
		else {
			close(fd);
			free(path);
		}
	}
	if (found == 0)
		errx(EXIT_TOOL_FAILED, _("%s: no namespace pins in this directory"), target->arg);
}

/* -t PID: every namespace of the process that was not given explicitly. */
static void add_target_namespaces(const struct target *target, struct join_set *set)
{
	for_each_ns_type(t) {
		if (join_set_has(set, t))
			continue;
		join_add(set, t, ns_open_of_pid(&target->pid, t), target->arg);
	}
}

void target_add_namespaces(const struct target *target, struct join_set *set)
{
	if (target->pid.procfd >= 0)
		add_target_namespaces(target, set);
	else if (target->dirfd >= 0)
		add_pin_directory(target, set);
}

char **target_environment(const struct target *target)
{
	char *buf, **env;
	size_t len, count = 0;
	int fd;

	if (target->pid.procfd < 0)
		usage_error(_("--env needs -t PID"));
	fd = held_pid_open(&target->pid, "environ", O_RDONLY);
	if (fd < 0)
		err(EXIT_TOOL_FAILED, _("process %d: environment"), (int) target->pid.pid);
	buf = read_all(fd, &len);
	if (!buf)
		err(EXIT_TOOL_FAILED, _("process %d: environment"), (int) target->pid.pid);
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

int target_open_directory(const struct target *target, const char *dir, const char *what)
{
	int fd;

	if (dir)
		fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	else if (target->pid.procfd >= 0)
		fd = held_pid_open(&target->pid, what, O_PATH | O_DIRECTORY);
	else
		usage_error(_("--%s without DIR needs -t PID"), strcmp(what, "cwd") == 0 ? "wd" : "root");
	if (fd < 0)
		err(EXIT_TOOL_FAILED, "%s", dir ? dir : what);
	return fd;
}

void target_release(struct target *target)
{
	pid_release(&target->pid);
	if (target->dirfd >= 0)
		close(target->dirfd);
	target->dirfd = -1;
}

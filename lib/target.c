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

void target_parse(struct target *target, const char *arg, int types)
{
	if (target->arg)
		usage_error(_("only one --target"));
	target->arg = arg;
	if (is_pid_arg(arg) || (arg[0] == '-' && is_all_digits(arg + 1))) {
		pid_hold(arg, &target->pid);
		return;
	}
	ns_held_init(&target->pins);
	ns_pins_resolve(arg, types, &target->pins);
	target->pinned = true;
}

bool target_pins(const struct target *target, int types)
{
	if (!target->pinned)
		return false;
	for_each_ns_type(t)
		if ((types & t->flag) && target->pins.fd[ns_type_index(t)] >= 0)
			return true;
	return false;
}

int target_open_namespace(const struct target *target, const struct ns_type *type)
{
	int fd;

	if (!target->pinned)
		return ns_open_of_pid(&target->pid, type);
	fd = target->pins.fd[ns_type_index(type)];
	if (fd < 0)
		return -1;
	fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		err(tool_failure, NULL);
	return fd;
}

/* -t DIR or NAME: the pins found, by type. */
static void add_pin_directory(const struct target *target, struct join_set *set)
{
	for_each_ns_type(t) {
		int fd;

		/* the path is the target's, which outlives the joins */
		if (!join_set_has(set, t) && (fd = target_open_namespace(target, t)) >= 0)
			join_add(set, t, fd, target->pins.path[ns_type_index(t)]);
	}
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
	else if (target->pinned)
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
	if (target->pinned)
		ns_held_release(&target->pins);
	target->pinned = false;
}

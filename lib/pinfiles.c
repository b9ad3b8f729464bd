#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kernel.h"
#include "netnspin.h"
#include "pin.h"
#include "pinfiles.h"
#include "safepath.h"
#include "tool.h"

void pin_files_add(struct pin_files *files, const struct ns_type *type, const char *arg)
{
	size_t i = ns_type_index(type);

	if (files->arg[i])
		usage_error(_("two files for the %s namespace: %s and %s"), type->name, files->arg[i], arg);
	if (!*arg)
		usage_error(_("--%s=: no file given"), type->long_option);
	files->arg[i] = arg;
	files->any = true;
}

void pin_files_prepare(const struct pin_files *files)
{
	for_each_ns_type(t) {
		const char *arg = files->arg[ns_type_index(t)];

		if (arg) {
			netns_pin_prepare(arg, t->flag);
			free(pin_path_of_type(arg, t, true));
		}
	}
}

/* FILE as a path: itself, or a NAME under the pin root. */
static int pin_one(const char *arg, int nsfd, const struct ns_type *type, bool *existed)
{
	char *path = pin_path_of_type(arg, type, false);
	int rc = pin_create_file(nsfd, type, path);

	*existed = rc == 1;
	if (rc == 1)
		rc = 0;
	if (rc == 0 && type->flag == CLONE_NEWNET && netns_pin_wanted(arg) && netns_pin_create(arg, nsfd) != 0) {
		pin_release(path);
		rc = -1;
	}
	free(path);
	return rc;
}

int pin_files_of_process(struct pin_files *files, pid_t pid)
{
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);
		int fd, rc;

		if (!files->arg[i])
			continue;
		fd = pin_open_namespace_of(pid, t);
		if (fd < 0) {
			pin_files_rollback(files);
			return -1;
		}
		rc = pin_one(files->arg[i], fd, t, &files->existed[i]);
		close(fd);
		if (rc != 0) {
			pin_files_rollback(files);
			return -1;
		}
		files->made[i] = true;
	}
	return 0;
}

/* The empty file that was there before it was pinned on, again (mode 0, as
 * ip netns add makes it), made in its directory opened once. */
static void put_back_empty(const char *path)
{
	char *name;
	int parent = path_open_parent(path, &name), fd;

	if (parent < 0)
		return;
	fd = openat(parent, name, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0);
	if (fd >= 0)
		close(fd);
	close(parent);
	free(name);
}

void pin_files_rollback(struct pin_files *files)
{
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);
		char *path;

		if (!files->made[i])
			continue;
		path = pin_path_of_type(files->arg[i], t, false);
		if (t->flag == CLONE_NEWNET && netns_pin_wanted(files->arg[i]))
			netns_pin_undo(files->arg[i]);
		if (pin_release(path) == 0 && files->existed[i])
			put_back_empty(path);
		free(path);
		files->made[i] = false;
	}
}

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kernel.h"
#include "nsfile.h"
#include "nsname.h"
#include "parse.h"
#include "pidhold.h"
#include "safepath.h"
#include "tool.h"

const char *pin_root(void)
{
	const char *root = getenv("NSTOOLS_PIN_ROOT");

	return root && *root ? root : PINROOT;
}

const char *pin_root_mnt(void)
{
	static char *path;

	if (!path && asprintf(&path, "%s.mnt", pin_root()) < 0)
		err(tool_failure, NULL);
	return path;
}

bool ns_is_name(const char *arg)
{
	return !strchr(arg, '/') && !is_pid_arg(arg) && !(arg[0] == '-' && is_all_digits(arg + 1));
}

void ns_name_check(const char *name)
{
	if (!*name || strcmp(name, ".") == 0 || strstr(name, "..") || strchr(name, '/'))
		errx(tool_failure, _("'%s': not a namespace name"), name);
	if (strlen(name) > NAME_MAX)
		errx(tool_failure, _("%.40s...: not a namespace name: longer than %d bytes"), name, NAME_MAX);
}

void ns_held_init(struct ns_held *found)
{
	for (size_t i = 0; i < NS_TYPE_MAX; i++) {
		found->fd[i] = -1;
		found->path[i] = NULL;
	}
}

void ns_held_release(struct ns_held *found)
{
	for (size_t i = 0; i < NS_TYPE_MAX; i++) {
		if (found->fd[i] >= 0)
			close(found->fd[i]);
		free(found->path[i]);
	}
	ns_held_init(found);
}

static char *join_path(const char *dir, const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		err(tool_failure, NULL);
	return path;
}

enum entry_kind { ENTRY_NONE, ENTRY_PIN, ENTRY_DIR };

/* The entry NAME of DIRFD (SHOWN to the user), reached without following a
 * link: a pin, opened for real only once it is known to be on nsfs (a device
 * node is never opened), or a directory when DIR_OK. Anything else exits:
 * whoever can write the directory must not choose what root enters. */
static enum entry_kind open_entry(int dirfd, const char *name, const char *shown, bool dir_ok, int *fd)
{
	struct statfs sfs;
	struct stat st;
	char self[32];
	int pathfd = path_open_entry(dirfd, name, O_PATH | O_NOFOLLOW);

	if (pathfd < 0) {
		if (errno == ENOENT)
			return ENTRY_NONE;
		if (errno == ELOOP)
			errx(tool_failure, _("%s: not a pin (a symbolic link): refused"), shown);
		err(tool_failure, "%s", shown);
	}
	if (fstat(pathfd, &st) != 0 || fstatfs(pathfd, &sfs) != 0)
		err(tool_failure, "%s", shown);
	if (S_ISLNK(st.st_mode))
		errx(tool_failure, _("%s: not a pin (a symbolic link): refused"), shown);
	if (dir_ok && S_ISDIR(st.st_mode)) {
		close(pathfd);
		*fd = path_open_entry(dirfd, name, O_RDONLY | O_DIRECTORY);
		if (*fd < 0)
			err(tool_failure, "%s", shown);
		return ENTRY_DIR;
	}
	if (sfs.f_type != NSFS_MAGIC) {
		if (S_ISREG(st.st_mode) && dir_ok)
			errx(tool_failure, _("%s: not a pin (a regular file)"), shown);
		errx(tool_failure, _("%s: not a pin (not a namespace file): refused"), shown);
	}
	snprintf(self, sizeof(self), "/proc/self/fd/%d", pathfd);
	*fd = open(self, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (*fd < 0)
		err(tool_failure, "%s", shown);
	close(pathfd);
	return ENTRY_PIN;
}

/* Keep FD as FOUND's namespace of its type, unless TYPES leaves it out. */
static int keep(struct ns_held *found, int fd, char *path, const struct ns_type *want, int types)
{
	const struct ns_type *type = ns_check_fd(fd, path, want);
	size_t i = ns_type_index(type);

	if ((types && !(types & type->flag)) || found->fd[i] >= 0) {
		close(fd);
		free(path);
		return 0;
	}
	found->fd[i] = fd;
	found->path[i] = path;
	return 1;
}

int ns_pins_of_dir(int dirfd, const char *shown, int types, struct ns_held *found)
{
	int count = 0;

	for_each_ns_type(t) {
		char *path;
		int fd;

		if (types && !(types & t->flag))
			continue;
		path = join_path(shown, t->name);
		if (open_entry(dirfd, t->name, path, false, &fd) == ENTRY_NONE) {
			free(path);
			continue;
		}
		count += keep(found, fd, path, t, types);
	}
	return count;
}

/* PARENT/NAME: a pin, or a directory of pins. False when there is nothing. */
static bool add_named(const char *parent, const char *name, bool dir_ok, int types, struct ns_held *found,
		      int *count)
{
	char *path = join_path(parent, name);
	int parentfd = path_open_trusted(parent, O_RDONLY | O_DIRECTORY), fd;
	enum entry_kind kind;

	if (parentfd < 0) {
		if (errno != ENOENT)
			errx(tool_failure, "%s: %s", parent, path_error(errno));
		free(path);
		return false;
	}
	kind = open_entry(parentfd, name, path, dir_ok, &fd);
	close(parentfd);
	if (kind == ENTRY_DIR) {
		*count += ns_pins_of_dir(fd, path, types, found);
		close(fd);
		free(path);
	} else if (kind == ENTRY_PIN)
		*count += keep(found, fd, path, NULL, types);
	else
		free(path);
	return kind != ENTRY_NONE;
}

/* iproute2's /run/netns/NAME beside the pin root's: one namespace or a refusal. */
static bool add_iproute2_netns(const char *name, int types, struct ns_held *found, int *count)
{
	const struct ns_type *net = ns_type_by_flag(CLONE_NEWNET);
	size_t i = ns_type_index(net);
	struct ns_held theirs;
	struct stat a, b;
	bool exists;
	int n = 0;

	if (types && !(types & net->flag))
		return false;
	ns_held_init(&theirs);
	/* a stale file ip netns left is no pin: open_entry says so */
	exists = add_named(IPROUTE2_NETNS_DIR, name, false, net->flag, &theirs, &n);
	if (n == 0) {
		ns_held_release(&theirs);
		return exists;
	}
	if (found->fd[i] < 0) {
		found->fd[i] = theirs.fd[i];
		found->path[i] = theirs.path[i];
		theirs.fd[i] = -1;
		theirs.path[i] = NULL;
		(*count)++;
	} else if (fstat(found->fd[i], &a) != 0 || fstat(theirs.fd[i], &b) != 0 || a.st_dev != b.st_dev ||
		   a.st_ino != b.st_ino)
		errx(tool_failure, _("%s: %s and %s are different network namespaces: refused"), name,
		     found->path[i], theirs.path[i]);
	ns_held_release(&theirs);
	return true;
}

int ns_name_resolve(const char *name, int types, struct ns_held *found)
{
	const struct ns_type *only = NULL;
	int count = 0;
	bool exists;

	ns_name_check(name);
	exists = add_named(pin_root(), name, true, types, found, &count);
	if (!types || (types & CLONE_NEWNS))
		exists |= add_named(pin_root_mnt(), name, false, CLONE_NEWNS, found, &count);
	exists |= add_iproute2_netns(name, types, found, &count);
	if (count > 0)
		return count;
	for_each_ns_type(t)
		if (types == t->flag)
			only = t;
	if (!exists && (!types || (types & CLONE_NEWNET)))
		errx(tool_failure, _("%s: no such namespace name (neither %s/%s nor %s/%s)"), name, pin_root(), name,
		     IPROUTE2_NETNS_DIR, name);
	if (!exists)
		errx(tool_failure, _("%s: no such namespace name (no %s/%s)"), name, pin_root(), name);
	if (only)
		errx(tool_failure, _("%s: pins no %s namespace"), name, only->name);
	errx(tool_failure, _("%s: pins no namespace of the types asked"), name);
}

int ns_pins_resolve(const char *arg, int types, struct ns_held *found)
{
	int dirfd, count;

	if (ns_is_name(arg))
		return ns_name_resolve(arg, types, found);
	/* links are followed only where nobody but root (or we) could have made them */
	dirfd = path_open_trusted(arg, O_RDONLY | O_DIRECTORY);
	if (dirfd < 0) {
		if (errno == ENOTDIR)
			errx(tool_failure, _("%s: neither a process ID nor a pin directory"), arg);
		errx(tool_failure, "%s: %s", arg, path_error(errno));
	}
	count = ns_pins_of_dir(dirfd, arg, types, found);
	close(dirfd);
	if (count == 0)
		errx(tool_failure, _("%s: no namespace pins in this directory"), arg);
	return count;
}

int ns_name_open(const char *name, const struct ns_type *want, const struct ns_type **type)
{
	struct ns_held found;
	int fd = -1;

	ns_held_init(&found);
	if (ns_name_resolve(name, want ? want->flag : 0, &found) > 1)
		errx(tool_failure, _("%s: names a directory of pins; give a type option"), name);
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		if (found.fd[i] < 0)
			continue;
		fd = found.fd[i];
		found.fd[i] = -1;
		if (type)
			*type = t;
	}
	ns_held_release(&found);
	return fd;
}

int ns_held_of_arg(const char *arg, struct ns_held *held)
{
	const struct ns_type *type;
	struct stat st;
	int fd;

	if (ns_is_name(arg))
		return ns_name_resolve(arg, 0, held);
	fd = open(arg, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		err(tool_failure, "%s", arg);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		/* its pins reached as any pin directory's are: no link followed */
		return ns_pins_resolve(arg, 0, held);
	}
	type = ns_check_fd(fd, arg, NULL);
	held->fd[ns_type_index(type)] = fd;
	held->path[ns_type_index(type)] = strdup(arg);
	if (!held->path[ns_type_index(type)])
		err(tool_failure, NULL);
	return 1;
}

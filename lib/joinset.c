#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "joinset.h"
#include "kernel.h"
#include "nsfile.h"
#include "tool.h"

void join_set_init(struct join_set *set)
{
	for (size_t i = 0; i < NS_TYPE_MAX; i++)
		set->of[i].fd = -1;
}

bool join_set_has(const struct join_set *set, const struct ns_type *type)
{
	return set->of[ns_type_index(type)].fd >= 0;
}

bool join_set_is_empty(const struct join_set *set)
{
	bool empty = true;

	for (size_t i = 0; i < ns_type_count; i++)
		empty = empty && set->of[i].fd < 0;
	return empty;
}

void join_add(struct join_set *set, const struct ns_type *type, int fd, const char *from)
{
	struct join *j = &set->of[ns_type_index(type)];

	if (j->fd >= 0)
		usage_error(_("two %s namespaces given: %s and %s"), type->name, j->from, from);
	j->fd = fd;
	j->from = from;
}

/* -N FD: a socket can keep a network namespace that no process is in. */
void join_add_socket(struct join_set *set, const struct held_pid *target, int socket_fd,
		     const char *target_arg)
{
	int sock, netfd;
	const struct ns_type *net = ns_type_of_sockets();
	struct join *j = &set->of[ns_type_index(net)];

	sock = sys_pidfd_getfd(target->pidfd, socket_fd);
	if (sock < 0)
		err(EXIT_TOOL_FAILED, _("descriptor %d of process %d"), socket_fd, (int) target->pid);
	netfd = ioctl(sock, SIOCGSKNS);
	if (netfd < 0) {
		if (errno == ENOTTY || errno == ENOTSOCK)
			errx(EXIT_TOOL_FAILED, _("descriptor %d of process %d is not a socket"),
			     socket_fd, (int) target->pid);
		err(EXIT_TOOL_FAILED, _("descriptor %d of process %d"), socket_fd, (int) target->pid);
	}
	close(sock);
	if (j->fd >= 0 && j->from != target_arg)
		usage_error(_("two net namespaces given: %s and --net-socket"), j->from);
	if (j->fd >= 0)
		close(j->fd);
	*j = (struct join) { netfd, _("the socket's network namespace") };
}

void join_replace_user_by_parent(struct join_set *set)
{
	struct join *user = &set->of[ns_type_index(ns_type_by_flag(CLONE_NEWUSER))];
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
int join_drop_our_own(struct join_set *set)
{
	int mask = 0;

	for_each_ns_type(t) {
		struct join *j = &set->of[ns_type_index(t)];

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

static bool join_file(struct join_set *set, const struct ns_type *type, bool must_succeed)
{
	struct join *j = &set->of[ns_type_index(type)];

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
static void join_one_by_one(struct join_set *set)
{
	const struct ns_type *user = ns_type_by_flag(CLONE_NEWUSER);

	for_each_ns_type(t)
		if (t != user)
			join_file(set, t, false);
	join_file(set, user, true);
	for_each_ns_type(t)
		join_file(set, t, true);
}

/* setns(pidfd, mask) (Linux 5.8) moves us into all of them at once or into
 * none, with no window in which the process could change them. */
void join_namespaces(struct join_set *set, int mask, int pidfd)
{
	if (mask == 0)
		return;
	if (pidfd >= 0 && setns(pidfd, mask) == 0) {
		for (size_t i = 0; i < ns_type_count; i++)
			if (set->of[i].fd >= 0) {
				close(set->of[i].fd);
				set->of[i].fd = -1;
			}
		return;
	}
	/* an older kernel (EINVAL), or an error the per-file path explains better */
	join_one_by_one(set);
}

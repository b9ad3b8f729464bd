#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel.h"
#include "nscreate.h"
#include "nstype.h"
#include "tool.h"

/* The limit a failed clone ran into, named: the smallest of the asked types'. */
static noreturn void explain_no_space(int flags)
{
	const struct ns_type *tightest = NULL;
	long tightest_limit = LONG_MAX;

	for_each_ns_type(t) {
		long limit = flags & t->flag ? ns_type_limit(t) : -1;

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

static noreturn void explain_clone_failure(int error, int flags)
{
	if (error == EPERM && !(flags & CLONE_NEWUSER))
		errx(EXIT_TOOL_FAILED, _("cannot create namespaces: %s (it needs CAP_SYS_ADMIN; as an ordinary "
					 "user, add -U -r)"), strerror(error));
	if (error == EPERM)
		errx(EXIT_TOOL_FAILED, _("cannot create namespaces: %s (are user namespaces disabled? see "
					 "/proc/sys/user/max_user_namespaces)"), strerror(error));
	if (error == ENOSPC || error == EUSERS)
		explain_no_space(flags);
	if (error == EINVAL)
		for_each_ns_type(t) {
			char path[64];

			snprintf(path, sizeof(path), "/proc/self/ns/%s", t->proc_name);
			if ((flags & t->flag) && access(path, F_OK) != 0)
				errx(EXIT_TOOL_FAILED, _("cannot create namespaces: this kernel has no %s "
							 "namespaces"), t->name);
		}
	errx(EXIT_TOOL_FAILED, _("cannot create namespaces: %s"), strerror(error));
}

pid_t ns_clone(int flags, bool time_offsets, bool *time_by_child)
{
	int asked = flags;
	struct clone_args_v0 args;
	pid_t child;

	*time_by_child = (flags & CLONE_NEWTIME) && time_offsets;
	if (*time_by_child)
		flags &= ~CLONE_NEWTIME;
	args = (struct clone_args_v0) { .flags = (uint64_t) flags, .exit_signal = SIGCHLD };
	child = (pid_t) syscall(SYS_clone3, &args, sizeof(args));
	if (child < 0 && errno == ENOSYS) {
		/* asked: flags has lost CLONE_NEWTIME already when offsets are set */
		*time_by_child = asked & CLONE_NEWTIME;
		flags &= ~CLONE_NEWTIME;
		child = (pid_t) syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
	}
	if (child < 0)
		explain_clone_failure(errno, asked);
	return child;
}

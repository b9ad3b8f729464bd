#include "config.h"

#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "credentials.h"
#include "kernel.h"
#include "parse.h"
#include "tool.h"

/* The host's supplementary groups would still open host files from inside a
 * user namespace (the kernel checks them by their host IDs), so they go, as
 * nsenter drops them: now, while we are privileged here, because a user
 * namespace whose setgroups file says "deny" (unshare -r's) refuses it to
 * everyone in it. EPERM: we are not privileged, and the groups are our own. */
void drop_host_groups(int mask, bool preserve_credentials)
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
void become_undumpable(void)
{
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		err(EXIT_TOOL_FAILED, _("cannot make the process undumpable"));
}

void set_credentials(const char *uid_arg, const char *gid_arg, bool preserve_credentials, bool joined_user)
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

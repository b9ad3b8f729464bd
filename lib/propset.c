#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "mountpoint.h"
#include "mounttable.h"
#include "mountviews.h"
#include "propagation.h"
#include "propset.h"
#include "tool.h"

const struct propagation_option propagation_options[PROPAGATION_NOPTIONS] = {
	{ "--make-shared",      's', MS_SHARED,     false },
	{ "--make-slave",       'S', MS_SLAVE,      false },
	{ "--make-private",     'p', MS_PRIVATE,    false },
	{ "--make-unbindable",  'u', MS_UNBINDABLE, false },
	{ "--make-rshared",     0,   MS_SHARED,     true },
	{ "--make-rslave",      0,   MS_SLAVE,      true },
	{ "--make-rprivate",    0,   MS_PRIVATE,    true },
	{ "--make-runbindable", 0,   MS_UNBINDABLE, true },
};

static void set_failed(const char *path, unsigned long flag)
{
	int saved = errno;

	if (saved == EPERM)
		warnx(_("%s: cannot make it %s: %s (that needs CAP_SYS_ADMIN in the user namespace that owns "
			"the mount namespace)"), path, propagation_name(flag), strerror(EPERM));
	else if (saved == EINVAL)
		warnx(_("%s: not a mount point (findmnt -T %s shows the mount it is on)"), path, path);
	else
		warn(_("%s: cannot make it %s"), path, propagation_name(flag));
}

/* A mount becomes a slave only of a peer group with another member; alone,
 * or private, the kernel makes it private instead. What it did is read back
 * rather than guessed, as the other members may be in other namespaces. */
static void warn_unless_slaves(int procfd, const char *path, const char *canonical, bool recursive)
{
	struct mount_table table;
	size_t top, private = 0, total = 0;
	bool mount_point;
	uint64_t id;

	if (mount_table_read_own(&table, procfd, 0) != 0)
		return;
	if (mount_of_path(procfd, canonical, &id, &mount_point) == 0 &&
	    (top = mount_table_find(&table, id)) != INDEX_NONE) {
		for (size_t m = top; m != INDEX_NONE; m = recursive ? mount_table_next(&table, top, m) : INDEX_NONE) {
			total++;
			private += !(table.mounts[m].propagation & MS_SLAVE);
		}
	}
	if (private > 0 && !recursive)
		warnx(_("%s: now private, not a slave: a slave needs a peer group with another member "
			"to receive from"), path);
	else if (private > 0)
		warnx(_("%s: %zu of its %zu mounts are now private, not slaves: a slave needs a peer group "
			"with another member to receive from"), path, private, total);
	mount_table_free(&table);
}

int propagation_set_paths(int procfd, char **paths, size_t npaths, unsigned long flag, bool recursive)
{
	char **canonical = calloc(npaths, sizeof(*canonical));
	int status = EXIT_SUCCESS;

	if (!canonical)
		err(tool_failure, NULL);
	for (size_t i = 0; i < npaths; i++)
		mount_point_id(procfd, paths[i], &canonical[i]);
	for (size_t i = 0; i < npaths; i++) {
		if (set_propagation(AT_FDCWD, canonical[i], flag, recursive) != 0) {
			set_failed(paths[i], flag);
			status = tool_failure;
			continue;
		}
		if (flag == MS_SLAVE)
			warn_unless_slaves(procfd, paths[i], canonical[i], recursive);
	}
	for (size_t i = 0; i < npaths; i++)
		free(canonical[i]);
	free(canonical);
	return status;
}

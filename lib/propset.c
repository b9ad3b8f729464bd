#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "mountpoint.h"
#include "mounttable.h"
#include "mountviews.h"
#include "propagation.h"
#include "propset.h"
#include "tool.h"

const struct propagation_option propagation_options[PROPAGATION_NOPTIONS] = {
	{ "--make-shared",      MS_SHARED,     false },
	{ "--make-slave",       MS_SLAVE,      false },
	{ "--make-private",     MS_PRIVATE,    false },
	{ "--make-unbindable",  MS_UNBINDABLE, false },
	{ "--make-rshared",     MS_SHARED,     true },
	{ "--make-rslave",      MS_SLAVE,      true },
	{ "--make-rprivate",    MS_PRIVATE,    true },
	{ "--make-runbindable", MS_UNBINDABLE, true },
};

/* What each state asks for, and what setting it takes away, as the kernel
 * does it (fs/pnode.c, and read back on Linux 6.18): shared joins a peer
 * group and makes the mount bindable, keeping its master (shared,slave);
 * slave leaves the peer group, keeping unbindable; private leaves group and
 * master, and makes it bindable; unbindable leaves both. */
enum { SENDS = 1, RECEIVES = 2, ALONE = 4, UNBINDABLE = 8 };
static const struct {
	unsigned long flag;
	unsigned int asks, takes;
} effects[] = {
	{ MS_SHARED,     SENDS,              ALONE | UNBINDABLE },
	{ MS_SLAVE,      RECEIVES,           SENDS },
	{ MS_PRIVATE,    ALONE,              SENDS | RECEIVES | UNBINDABLE },
	{ MS_UNBINDABLE, ALONE | UNBINDABLE, SENDS | RECEIVES },
};

static unsigned int effect_of(unsigned long flag, bool takes)
{
	for (size_t i = 0; i < sizeof(effects) / sizeof(effects[0]); i++)
		if (effects[i].flag == flag)
			return takes ? effects[i].takes : effects[i].asks;
	return 0;
}

bool propagation_undoes(const struct propagation_change *earlier, const struct propagation_change *later)
{
	/* a later change of the top mount alone leaves the earlier one's
	 * effect on the mounts below: --make-rshared --make-private */
	if (earlier->recursive && !later->recursive)
		return false;
	return (effect_of(later->option->flag, true) & effect_of(earlier->option->flag, false)) != 0;
}

static void set_failed(const char *path, unsigned long flag)
{
	int saved = errno;

	if (saved == EPERM)
		warnx(_("%s: cannot make it %s: %s (that needs CAP_SYS_ADMIN in the user namespace that owns "
			"the mount namespace)"), path, propagation_name(flag), strerror(EPERM));
	else if (saved == EINVAL)
		warnx(_("%s: not a mount point (mountprop -T %s shows the mount it is on)"), path, path);
	else
		warn(_("%s: cannot make it %s"), path, propagation_name(flag));
}

/* A mount becomes a slave only of a peer group with another member; alone,
 * or private, the kernel makes it private instead. What it did is read back
 * rather than guessed, as the other members may be in other namespaces. */
static void warn_unless_slaves(int procfd, int fd, const char *path, bool recursive)
{
	struct mount_table table;
	size_t top, private = 0, total = 0;
	bool mount_point;
	uint64_t id;

	if (mount_table_read_own(&table, procfd, 0) != 0)
		return;
	if (mount_of_fd(fd, &id, &mount_point) == 0 && (top = mount_table_find(&table, id)) != INDEX_NONE) {
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

int propagation_set_paths(int procfd, char **paths, size_t npaths, const struct propagation_change *changes,
			  size_t nchanges)
{
	int *fds = calloc(npaths, sizeof(*fds));
	int status = EXIT_SUCCESS;
	uint64_t id;

	if (!fds)
		err(tool_failure, NULL);
	/* each PATH looked up once, and all of them before any change: the
	 * changes go to the mounts these descriptors hold, whatever is done
	 * to the paths meanwhile */
	for (size_t i = 0; i < npaths; i++)
		fds[i] = mount_open_path(paths[i], true, &id);
	for (size_t i = 0; i < npaths; i++) {
		for (size_t c = 0; c < nchanges; c++) {
			unsigned long flag = changes[c].option->flag;

			if (set_propagation(fds[i], "", flag, changes[c].recursive) != 0) {
				set_failed(paths[i], flag);
				status = tool_failure;
				break;
			}
			if (flag == MS_SLAVE)
				warn_unless_slaves(procfd, fds[i], paths[i], changes[c].recursive);
		}
		close(fds[i]);
	}
	free(fds);
	return status;
}

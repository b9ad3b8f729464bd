#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "mountpoint.h"
#include "mountviews.h"
#include "nsfile.h"
#include "nsprocs.h"
#include "nstype.h"
#include "tool.h"

/* From here on PATHs, the mount table and the changes are that namespace's;
 * /proc was opened before, as the namespace may have none. */
void mount_ns_enter(int nsfd, const char *spec)
{
	if (ns_is_ours(nsfd, ns_type_by_flag(CLONE_NEWNS))) {
		close(nsfd);
		return;
	}
	if (setns(nsfd, CLONE_NEWNS) != 0) {
		if (errno == EPERM)
			errx(tool_failure, _("%s: cannot enter the mount namespace: %s (it needs CAP_SYS_ADMIN "
					     "in the user namespace that owns it)"), spec, strerror(EPERM));
		err(tool_failure, _("%s: cannot enter the mount namespace"), spec);
	}
	close(nsfd);
}

static struct mount_view *add_view(struct mount_views *views, ino_t ns, pid_t pid)
{
	array_reserve_or_exit(&views->views, &views->alloc, views->count + 1, sizeof(*views->views));
	views->views[views->count] = (struct mount_view) { .ns = ns, .pid = pid };
	return &views->views[views->count++];
}

static void read_own_table(struct mount_views *views, struct mount_view *view, int procfd, unsigned int want)
{
	if (mount_table_read_own(&view->table, procfd, want) != 0)
		err(tool_failure, _("cannot read the mount table"));
	views->own = (size_t) (view - views->views);
}

/* The table of FOUND's namespace, through the process the scan saw in it.
 * Its PID may have been taken by another process since: the table is read
 * through the /proc directory of whoever has it now, then kept only if that
 * process is in the namespace still (the same directory, so the same
 * process), else it is dropped as that of a process that exited (ESRCH). */
static int read_table_of(struct mount_view *view, int procfd, const struct ns_procs *found, unsigned int want)
{
	char dir[16];
	struct stat st;
	int piddir, rc, saved;

	snprintf(dir, sizeof(dir), "%d", (int) found->pid);
	piddir = openat(procfd, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (piddir < 0)
		return -1;
	rc = mount_table_read_pid(&view->table, piddir, want);
	if (rc == 0 && (fstatat(piddir, "ns/mnt", &st, 0) != 0 || st.st_dev != found->dev || st.st_ino != found->ino)) {
		mount_table_free(&view->table);
		errno = ESRCH;
		rc = -1;
	}
	saved = errno;
	close(piddir);
	errno = saved;
	return rc;
}

/* With ALL, one mountinfo per distinct mount namespace, read through the
 * first process in it; ours through statmount. */
void mount_views_read(struct mount_views *views, int procfd, bool all, unsigned int want)
{
	struct ns_procs *found = NULL;
	bool own_found = false;
	struct stat own;
	ssize_t n;

	memset(views, 0, sizeof(*views));
	if (fstatat(procfd, "self/ns/mnt", &own, 0) != 0)
		err(tool_failure, "/proc/self/ns/mnt");
	if (!all) {
		read_own_table(views, add_view(views, own.st_ino, 0), procfd, want);
		return;
	}
	n = ns_procs_scan(procfd, ns_type_by_flag(CLONE_NEWNS), &found);
	if (n < 0)
		err(tool_failure, "/proc");
	for (ssize_t i = 0; i < n; i++) {
		struct mount_view *view = add_view(views, found[i].ino, found[i].pid);

		if (found[i].dev == own.st_dev && found[i].ino == own.st_ino) {
			read_own_table(views, view, procfd, want);
			own_found = true;
		} else if (read_table_of(view, procfd, &found[i], want) != 0) {
			if (errno != EACCES && errno != EPERM && errno != ENOENT && errno != ESRCH)
				warn(_("process %d: cannot read its mount table"), (int) found[i].pid);
			views->count--;
		}
	}
	/* a /proc of another pid namespace does not show us */
	if (!own_found)
		read_own_table(views, add_view(views, own.st_ino, 0), procfd, want);
	free(found);
}

int mount_open_path(const char *path, bool mount_point, uint64_t *id)
{
	/* symbolic links followed, as findmnt -T and mount(8) do; then every
	 * question is asked of this one descriptor */
	int fd = open(path, O_PATH | O_CLOEXEC);
	bool root;

	if (fd < 0 || mount_of_fd(fd, id, &root) != 0)
		err(tool_failure, "%s", path);
	if (mount_point && !root)
		errx(tool_failure, _("%s: not a mount point (mountprop -T %s shows the mount it is on)"), path, path);
	return fd;
}

size_t mount_views_own_mount(const struct mount_views *views, const char *path, bool mount_point)
{
	uint64_t id;
	size_t m;

	close(mount_open_path(path, mount_point, &id));
	m = mount_table_find(&views->views[views->own].table, id);
	if (m == INDEX_NONE)
		errx(tool_failure, _("%s: mount %" PRIu64 " is not in the mount table"), path, id);
	return m;
}

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "kernel.h"
#include "netnsexec.h"
#include "nsname.h"
#include "safepath.h"
#include "tool.h"

#define NETNS_ETC_DIR "/etc/netns"

/* The directory of PATH is DIR, and its last component is a name. */
static bool in_directory(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	return strncmp(path, dir, len) == 0 && path[len] == '/' && path[len + 1] && !strchr(path + len + 1, '/');
}

const char *netns_exec_name(const char *arg)
{
	if (ns_is_name(arg))
		return arg;
	if (in_directory(arg, IPROUTE2_NETNS_DIR) || in_directory(arg, pin_root()))
		return strrchr(arg, '/') + 1;
	return NULL;
}

/* sysfs shows the network devices of the namespace of whoever mounts it. */
static void mount_sysfs(void)
{
	unsigned long flags = 0;
	struct statvfs sv;

	if (statvfs("/sys", &sv) == 0 && (sv.f_flag & ST_RDONLY))
		flags |= MS_RDONLY;
	if (umount2("/sys", MNT_DETACH) != 0 && errno != EINVAL) {
		warn(_("cannot mount /sys for the network namespace: cannot unmount ours"));
		return;
	}
	if (mount("sysfs", "/sys", "sysfs", flags, NULL) != 0)
		warn(_("cannot mount /sys for the network namespace"));
}

/* /etc/netns/NAME/FILE over /etc/FILE, FILE by FILE: each end opened once,
 * through directories only root may change (safepath), and the bind made
 * from descriptor to descriptor, so that nothing is resolved twice. */
static void bind_etc_files(const char *name)
{
	char dir_path[PATH_MAX];
	struct dirent *entry;
	int etcfd, dirfd;
	DIR *dir;

	if (!name || (size_t) snprintf(dir_path, sizeof(dir_path), "%s/%s", NETNS_ETC_DIR, name) >= sizeof(dir_path))
		return;
	dirfd = path_open_trusted(dir_path, O_RDONLY | O_DIRECTORY);
	if (dirfd < 0)
		return;
	etcfd = path_open_trusted("/etc", O_PATH | O_DIRECTORY);
	dir = etcfd >= 0 ? fdopendir(dirfd) : NULL;
	if (!dir) {
		close(dirfd);
		if (etcfd >= 0)
			close(etcfd);
		return;
	}
	while ((entry = readdir(dir))) {
		int source, target, tree = -1;

		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		source = path_open_entry(dirfd, entry->d_name, O_PATH);
		/* /etc's own links are root's: followed, as iproute2 does */
		target = openat(etcfd, entry->d_name, O_PATH | O_CLOEXEC);
		if (target < 0)
			warnx(_("%s/%s: no /etc/%s to bind it over: skipped"), dir_path, entry->d_name, entry->d_name);
		else if (source < 0 || (tree = sys_open_tree(source, "", OPEN_TREE_CLONE | AT_EMPTY_PATH)) < 0 ||
			 sys_move_mount_fd(tree, target) != 0)
			warn(_("cannot bind %s/%s over /etc/%s"), dir_path, entry->d_name, entry->d_name);
		if (tree >= 0)
			close(tree);
		if (target >= 0)
			close(target);
		if (source >= 0)
			close(source);
	}
	closedir(dir);
	close(etcfd);
}

void netns_exec_setup(const char *name)
{
	if (unshare(CLONE_NEWNS) != 0)
		err(tool_failure, _("cannot make a mount namespace for the command"));
	/* ours must never see what is mounted for the command: a slave of ours */
	if (mount("", "/", NULL, MS_SLAVE | MS_REC, NULL) != 0)
		err(tool_failure, _("cannot make the command's mounts slaves of ours"));
	mount_sysfs();
	bind_etc_files(name);
}

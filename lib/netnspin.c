#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel.h"
#include "netnspin.h"
#include "nsname.h"
#include "pin.h"
#include "safepath.h"
#include "tool.h"

/* DIR/NAME, for a pin by NAME that lives outside the pin root. */
static char *path_in(const char *dir, const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		err(tool_failure, NULL);
	return path;
}

#define netns_path(name) path_in(IPROUTE2_NETNS_DIR, (name))
#define mnt_path(name) path_in(pin_root_mnt(), (name))

bool netns_pin_wanted(const char *arg)
{
	return ns_is_name(arg);
}

void netns_pin_prepare(const char *arg, int types)
{
	if (netns_pin_wanted(arg) && (types & CLONE_NEWNET)) {
		ns_name_check(arg);
		pin_root_prepare(IPROUTE2_NETNS_DIR);
	}
	if (netns_pin_wanted(arg) && (types & CLONE_NEWNS)) {
		ns_name_check(arg);
		pin_root_prepare_private(pin_root_mnt());
	}
}

/* Pin NSFD, of type FLAG, as DIR/NAME; or release that pin (NSFD < 0). */
static int pin_in(const char *dir, const char *name, int nsfd, int flag)
{
	char *path = path_in(dir, name);
	int rc = nsfd >= 0 ? pin_create(nsfd, ns_type_by_flag(flag), path) : pin_release(path);

	free(path);
	return rc;
}

char *pin_path_of_type(const char *arg, const struct ns_type *type, bool prepare)
{
	if (type->flag == CLONE_NEWNS && netns_pin_wanted(arg)) {
		if (prepare)
			netns_pin_prepare(arg, CLONE_NEWNS);
		return mnt_path(arg);
	}
	return pin_resolve(arg, prepare);
}

int mnt_pin_create(const char *name, int nsfd)
{
	return pin_in(pin_root_mnt(), name, nsfd, CLONE_NEWNS);
}

void mnt_pin_undo(const char *name)
{
	pin_in(pin_root_mnt(), name, -1, CLONE_NEWNS);
}

int netns_pin_create(const char *name, int nsfd)
{
	return pin_in(IPROUTE2_NETNS_DIR, name, nsfd, CLONE_NEWNET);
}

void netns_pin_undo(const char *name)
{
	pin_in(IPROUTE2_NETNS_DIR, name, -1, CLONE_NEWNET);
}

/* The network namespace PATH pins, itself or as PATH/net: its inode, or 0. */
static unsigned long long pinned_net(const char *path)
{
	const struct ns_type *type;
	unsigned long long inode;
	char *net;
	bool found;

	if (pin_is_pin(path, &type, &inode))
		return type->flag == CLONE_NEWNET ? inode : 0;
	if (asprintf(&net, "%s/net", path) < 0)
		err(tool_failure, NULL);
	found = pin_is_pin(net, &type, &inode) && type->flag == CLONE_NEWNET;
	free(net);
	return found ? inode : 0;
}

/* What /run/netns/NAME is when it is no pin: ENOENT, or a stale file. */
static int netns_entry(const char *name, struct stat *st)
{
	int dirfd = path_open_trusted(IPROUTE2_NETNS_DIR, O_RDONLY | O_DIRECTORY), rc;

	if (dirfd < 0)
		return -1;
	rc = fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW);
	close(dirfd);
	return rc;
}

/* /run/netns/NAME holds no namespace: a crashed ip netns add's file. */
static int release_stale(const char *name, const char *path, bool stale)
{
	int dirfd;

	if (!stale) {
		warnx(_("%s: a stale file with no namespace on it (left by ip netns?): remove it "
			"with nspin --release --stale %s"), path, name);
		return -1;
	}
	dirfd = path_open_trusted(IPROUTE2_NETNS_DIR, O_RDONLY | O_DIRECTORY);
	if (dirfd < 0 || unlinkat(dirfd, name, 0) != 0) {
		warn(_("%s: cannot remove"), path);
		if (dirfd >= 0)
			close(dirfd);
		return -1;
	}
	close(dirfd);
	return 0;
}

int netns_pin_release_name(const char *name, bool stale)
{
	char *ours = NULL, *theirs = netns_path(name);
	unsigned long long our_net, their_net = 0;
	const struct ns_type *type;
	struct stat st;
	bool have_ours, have_theirs, had_mnt, other;
	int rc = 0;

	ns_name_check(name);
	if (asprintf(&ours, "%s/%s", pin_root(), name) < 0)
		err(tool_failure, NULL);
	/* its mount namespace pin, where nothing propagates */
	free(theirs);
	theirs = mnt_path(name);
	had_mnt = lstat(theirs, &st) == 0;
	if (had_mnt && pin_release(theirs) != 0)
		rc = -1;
	free(theirs);
	theirs = netns_path(name);
	our_net = pinned_net(ours);
	have_ours = lstat(ours, &st) == 0;
	have_theirs = pin_is_pin(theirs, &type, &their_net) && type->flag == CLONE_NEWNET;
	/* something in /run/netns by that name that is no pin */
	other = !have_ours && !have_theirs && netns_entry(name, &st) == 0;
	if (rc == 0 && (have_ours || (!have_theirs && !other && !had_mnt)))
		rc = pin_release(ours);
	if (rc == 0 && have_theirs && (!have_ours || our_net == their_net))
		rc = pin_release(theirs);
	else if (rc == 0 && other)
		rc = S_ISREG(st.st_mode) && st.st_size == 0 ? release_stale(name, theirs, stale) :
			(warnx(_("%s: not a pin: left as it is"), theirs), -1);
	free(ours);
	free(theirs);
	return rc;
}

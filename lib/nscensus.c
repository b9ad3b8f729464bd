#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "kernel.h"
#include "netnsid.h"
#include "nscensus.h"
#include "nsfile.h"
#include "parallel.h"
#include "parse.h"
#include "pinscan.h"
#include "procwalk.h"
#include "safepath.h"
#include "tool.h"

/* What the kernel says of one namespace, asked through a descriptor of it. */
struct fact {
	uint64_t ino;
	const struct ns_type *type;
	uint64_t parent, owner; /* 0: none, or outside what we may see */
	int netnsid;
	bool has_owner_uid;     /* a user namespace's creator: NS_GET_OWNER_UID */
	uid_t owner_uid;
};

/* One process as a reader saw it. A process that exits halfway through is
 * left out whole. */
struct sighting {
	pid_t pid;
	uint64_t ns[NS_TYPE_MAX];           /* 0: not read */
	uint64_t for_children[NS_TYPE_MAX]; /* 0: the same as ns[] */
	size_t fds, nfds;                   /* its namespace and socket descriptors, in the reader's fds */
	size_t details;                     /* in the reader's procs, or INDEX_NONE */
};

/* Reading /proc is nearly all of the census's time, and no process's files
 * depend on another's: a few readers, threads, each read a consecutive run of
 * PIDs into memory of their own, and the main thread then adds up what they
 * saw in PID order, as one reader would have. Only the main thread touches
 * the census itself. */
struct census_reader {
	const struct census *census;
	int procfd;
	const pid_t *pids;
	size_t npids;
	struct sighting *sightings;
	size_t nsightings, sightings_size;
	struct proc_fd *fds;
	size_t nfds, fds_size;
	struct proc_details *procs;
	size_t nprocs, procs_size;
	struct fact *facts;
	size_t nfacts, facts_size;
	struct u64map seen;     /* namespaces whose first process in this run was read */
	struct u64map examined; /* namespaces asked about */
	size_t kept;            /* descriptors of relatives kept open */
	int netlink;            /* for NETNSID; -2 until opened */
	struct proc_reader details;
};

/* DIR/ns/NAME, in the main thread */
static const char *ns_entry(const char *dir, const char *name)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/ns/%s", dir, name);
	return path;
}

size_t census_find(const struct census *c, uint64_t ino)
{
	return u64map_get(&c->ns_map, ino);
}

size_t census_add(struct census *c, uint64_t ino, const struct ns_type *type)
{
	size_t n = census_find(c, ino);

	if (n != INDEX_NONE)
		return n;
	array_reserve_or_exit(&c->nss, &c->nss_alloc, c->nns + 1, sizeof(*c->nss));
	c->nss[c->nns] = (struct ns_found) {
		.ino = ino, .type = type, .proc = INDEX_NONE, .holders = INDEX_NONE, .last_holder = INDEX_NONE,
		.parent = INDEX_NONE, .owner = INDEX_NONE, .netnsid = INT_MIN,
	};
	u64map_put_or_exit(&c->ns_map, ino, c->nns);
	return c->nns++;
}

static size_t add_holder(struct census *c, size_t n, enum ns_holder_kind kind, pid_t pid, int fd)
{
	array_reserve_or_exit(&c->holders, &c->holders_alloc, c->nholders + 1, sizeof(*c->holders));
	c->holders[c->nholders] = (struct ns_holder) { .kind = kind, .pid = pid, .fd = fd, .next = INDEX_NONE };
	if (c->nss[n].last_holder == INDEX_NONE)
		c->nss[n].holders = c->nholders;
	else
		c->holders[c->nss[n].last_holder].next = c->nholders;
	c->nss[n].last_holder = c->nholders;
	return c->nholders++;
}

static struct census_reader *reader_new(const struct census *c, int procfd)
{
	struct census_reader *r = calloc(1, sizeof(*r));

	if (!r)
		err(tool_failure, NULL);
	r->census = c;
	r->procfd = procfd;
	r->netlink = -2;
	return r;
}

static void reader_free(struct census_reader *r)
{
	free(r->sightings);
	free(r->fds);
	free(r->procs);
	free(r->facts);
	proc_reader_free(&r->details);
	u64map_free(&r->seen);
	u64map_free(&r->examined);
}

/* ---- asking the kernel about one namespace, through a descriptor of it ---- */

static void examine(struct census_reader *r, int fd, uint64_t ino, const struct ns_type *type);

/* A namespace reached by NS_GET_PARENT or NS_GET_USERNS: it may be alive only
 * as that, so it is found here if nowhere else. Its inode number, or 0. */
static uint64_t examine_relative(struct census_reader *r, int fd, unsigned long request, const struct ns_type *type)
{
	int relfd = ioctl(fd, request);
	struct stat st;
	uint64_t ino = 0;

	/* EPERM: it lies outside our own namespaces; EINVAL: there is none */
	if (relfd < 0)
		return 0;
	if (fstat(relfd, &st) == 0) {
		ino = (uint64_t) st.st_ino;
		/* The first descriptor of each relative is kept until we exit:
		 * the kernel then reuses its nsfs dentry for every namespace
		 * that names it, instead of making and freeing one each time
		 * (most namespaces have the same few owners). */
		if (u64map_get(&r->examined, ino) == INDEX_NONE && r->kept < 32) {
			examine(r, relfd, ino, type);
			r->kept++;
			return ino;
		}
		examine(r, relfd, ino, type);
	}
	close(relfd);
	return ino;
}

static void examine(struct census_reader *r, int fd, uint64_t ino, const struct ns_type *type)
{
	const struct census_plan *need = &r->census->need;
	struct fact fact = { .ino = ino, .type = type, .netnsid = INT_MIN };

	if (u64map_get(&r->examined, ino) != INDEX_NONE)
		return;
	u64map_put_or_exit(&r->examined, ino, 1);
	if (need->netnsid && type->sockets) {
		if (r->netlink == -2)
			r->netlink = netnsid_socket();
		fact.netnsid = netnsid_of(r->netlink, fd);
	}
	if (need->owner_uids && type == r->census->user_type)
		fact.has_owner_uid = ioctl(fd, NS_GET_OWNER_UID, &fact.owner_uid) == 0;
	if (need->ancestry) {
		if (type->hierarchical)
			fact.parent = examine_relative(r, fd, NS_GET_PARENT, type);
		fact.owner = examine_relative(r, fd, NS_GET_USERNS, r->census->user_type);
	}
	array_reserve_or_exit(&r->facts, &r->facts_size, r->nfacts + 1, sizeof(*r->facts));
	r->facts[r->nfacts++] = fact;
}

static bool wants_examining(const struct census_reader *r, uint64_t ino)
{
	return (r->census->need.ancestry || r->census->need.netnsid) && u64map_get(&r->examined, ino) == INDEX_NONE;
}

/* Open the kernel's own link PATH (relative to DIRFD: /proc/PID/ns/TYPE,
 * always a namespace) and examine it, if it still is namespace INO: a process
 * may have moved or exited since its link was read. */
static void examine_path(struct census_reader *r, int dirfd, const char *path, uint64_t ino, const struct ns_type *type)
{
	struct stat st;
	int fd;

	if (!wants_examining(r, ino))
		return;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && st.st_dev == r->census->nsfs_dev && (uint64_t) st.st_ino == ino)
		examine(r, fd, ino, type);
	close(fd);
}

/* Examine FD, an O_PATH descriptor of what others may have put in the place
 * of namespace INO (a pin's mount point, a descriptor closed and reused), if
 * it is that namespace; only then is it opened for the ioctls, through our
 * own descriptor, so that we never open a device or a FIFO of theirs. FD is
 * closed. */
static int open_opath(const struct census_reader *r, int fd, uint64_t ino)
{
	char self[32];
	struct stat st;
	int nsfd = -1;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_dev == r->census->nsfs_dev && (uint64_t) st.st_ino == ino) {
		snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
		nsfd = open(self, O_RDONLY | O_CLOEXEC);
	}
	close(fd);
	return nsfd;
}

static void examine_opath(struct census_reader *r, int fd, uint64_t ino, const struct ns_type *type)
{
	int nsfd = open_opath(r, fd, ino);

	if (nsfd >= 0) {
		examine(r, nsfd, ino, type);
		close(nsfd);
	}
}

/* Of our own descriptors from FIRST on, only those we were started with: the
 * others are the namespaces we are looking at. */
static void keep_inherited(struct census_reader *r, size_t first)
{
	const struct census *c = r->census;
	size_t kept = first;

	for (size_t i = first; i < r->nfds; i++)
		for (size_t k = 0; k < c->ninherited; k++)
			if (c->inherited[k].fd == r->fds[i].fd && c->inherited[k].ino == r->fds[i].ino) {
				r->fds[kept++] = r->fds[i];
				break;
			}
	r->nfds = kept;
}

/* The namespace descriptors among a process's FDS (opened through FDDIR)
 * whose type their link did not say, one opened through a pin since
 * unmounted: the kernel is asked, through a descriptor of our own, and the
 * namespace examined while it is open. One of a type not asked for, or
 * gone meanwhile, is dropped. */
static void type_descriptors(struct census_reader *r, int fddir, size_t first)
{
	size_t kept = first;
	char name[32];

	for (size_t i = first; i < r->nfds; i++) {
		struct proc_fd *seen = &r->fds[i];
		int nsfd;

		if (!seen->socket && !seen->type) {
			snprintf(name, sizeof(name), "%d", seen->fd);
			nsfd = open_opath(r, openat(fddir, name, O_PATH | O_CLOEXEC), seen->ino);
			if (nsfd < 0)
				continue;
			seen->type = ns_fd_type(nsfd);
			if (seen->type && r->census->need.types[ns_type_index(seen->type)] && wants_examining(r, seen->ino))
				examine(r, nsfd, seen->ino, seen->type);
			close(nsfd);
			if (!seen->type || !r->census->need.types[ns_type_index(seen->type)])
				continue;
		}
		r->fds[kept++] = *seen;
	}
	r->nfds = kept;
}

/* In the main thread: what a reader learnt goes into the census. */
static void add_facts(struct census *c, struct census_reader *r)
{
	for (size_t i = 0; i < r->nfacts; i++) {
		const struct fact *fact = &r->facts[i];
		size_t n = census_add(c, fact->ino, fact->type), related;

		if (c->nss[n].examined)
			continue;
		c->nss[n].examined = true;
		c->nss[n].netnsid = fact->netnsid;
		c->nss[n].has_owner_uid = fact->has_owner_uid;
		c->nss[n].owner_uid = fact->owner_uid;
		if (fact->parent) {
			related = census_add(c, fact->parent, fact->type);
			c->nss[n].parent = related;
			c->nss[related].children++;
		}
		if (fact->owner) {
			related = census_add(c, fact->owner, c->user_type);
			c->nss[n].owner = related;
			/* a user namespace's owner is its parent, counted as that */
			if (fact->type != c->user_type)
				c->nss[related].owned++;
		}
	}
	r->nfacts = 0;
}

void census_examine_fd(struct census *c, int fd, uint64_t ino, const struct ns_type *type)
{
	examine(c->main_reader, fd, ino, type);
	add_facts(c, c->main_reader);
}

/* In the main thread: examine namespace N through PATH, unless done. */
static void examine_here(struct census *c, size_t n, int dirfd, const char *path)
{
	if (c->nss[n].examined)
		return;
	examine_path(c->main_reader, dirfd, path, c->nss[n].ino, c->nss[n].type);
	add_facts(c, c->main_reader);
}

/* In the main thread: examine namespace N through a pin of it at PATH, as
 * a mount table of the mount namespace whose root is ROOTFD names it. The
 * directories on the way are whoever uses that namespace's to change (a
 * container's root, a user in a chroot), and nothing in a mount table is a
 * link: PATH is resolved inside ROOTFD, following no link. */
static void examine_pin(struct census *c, size_t n, int rootfd, const char *path)
{
	if (c->nss[n].examined || !wants_examining(c->main_reader, c->nss[n].ino))
		return;
	examine_opath(c->main_reader, path_open_in_root(rootfd, path, O_PATH), c->nss[n].ino, c->nss[n].type);
	add_facts(c, c->main_reader);
}

/* ---- pins ---- */

struct pin_context {
	struct census *census;
	pid_t pid;      /* the process whose mount table this is */
	uint64_t mntns; /* 0: ours */
	int rootfd;     /* its root, that the table's paths start from */
};

/* Our root, opened once. */
static int our_root(void)
{
	static int fd = -1;

	if (fd < 0 && (fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		err(tool_failure, "/");
	return fd;
}

/* The root directory of process PID if it is in mount namespace MNTNS, and
 * its mount table in *MOUNTINFO unless that is NULL: both through one
 * /proc/PID directory, so that a process that took the PID after the scan
 * saw it lends neither. The namespace is checked after both are open: the
 * process held then was in it. -1 when it has left the namespace or exited. */
static int root_in(const struct census *c, pid_t pid, uint64_t mntns, int *mountinfo)
{
	const struct ns_type *type;
	char dir[32];
	uint64_t ino;
	int piddir, rootfd, tablefd = -1;

	snprintf(dir, sizeof(dir), "/proc/%d", (int) pid);
	piddir = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (piddir < 0)
		return -1;
	rootfd = openat(piddir, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd >= 0 && mountinfo)
		tablefd = openat(piddir, "mountinfo", O_RDONLY | O_CLOEXEC);
	if (rootfd >= 0 && ((mountinfo && tablefd < 0) ||
			    ns_read_link(piddir, ns_entry(".", c->mnt_type->proc_name), &type, &ino) != 0 || ino != mntns)) {
		close(rootfd);
		rootfd = -1;
	}
	close(piddir);
	if (rootfd < 0 && tablefd >= 0)
		close(tablefd);
	if (mountinfo)
		*mountinfo = rootfd >= 0 ? tablefd : -1;
	return rootfd;
}

static int add_pin(const struct pin *pin, void *data)
{
	const struct pin_context *ctx = data;
	struct census *c = ctx->census;
	size_t n, h;

	if (!c->need.types[ns_type_index(pin->type)])
		return 0;
	n = census_add(c, pin->ino, pin->type);
	h = add_holder(c, n, HOLD_PIN, ctx->pid, -1);
	c->holders[h].mntns = ctx->mntns;
	c->holders[h].path = strdup(pin->target);
	if (!c->holders[h].path)
		err(tool_failure, NULL);
	examine_pin(c, n, ctx->rootfd, pin->target);
	return 0;
}

static void read_our_pins(struct census *c)
{
	struct pin_context ctx = { .census = c, .pid = c->self_pid, .mntns = 0, .rootfd = our_root() };

	if (pin_scan("/proc/self/mountinfo", add_pin, &ctx) != 0)
		err(tool_failure, "/proc/self/mountinfo");
}

/* One mount table per mount namespace, read through its first process; if
 * that one has exited by now, the next process found in it is asked. */
static void read_pins_of(struct census *c, size_t mntns, pid_t pid)
{
	struct pin_context ctx = { .census = c, .pid = pid, .mntns = c->nss[mntns].ino };
	int fd;

	ctx.rootfd = root_in(c, pid, ctx.mntns, &fd);
	if (ctx.rootfd < 0)
		return;
	if (pin_scan_fd(fd, "mountinfo", add_pin, &ctx) == 0)
		c->nss[mntns].mounts_read = true;
	close(fd);
	close(ctx.rootfd);
}

/* ---- reading one process, in a reader ---- */

/* NSDIR: the process's /proc/PID/ns, opened once: every link is then one
 * step from it, not two from /proc/PID */
static int read_links(const struct census *c, int nsdir, struct sighting *s)
{
	const struct ns_type *type;
	uint64_t ino;

	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		s->ns[i] = s->for_children[i] = 0;
		if (!c->need.types[i])
			continue;
		if (ns_read_link(nsdir, t->proc_name, &type, &s->ns[i]) != 0)
			return proc_unreadable(s->pid, "ns");
		/* the namespace the process's next children start in: a
		 * process that is exiting has none, and the kernel shows none
		 * of a pid namespace whose init has not started yet */
		if (c->need.children_links && t->children_name &&
		    ns_read_link(nsdir, t->children_name, &type, &ino) == 0 &&
		    ino != s->ns[i])
			s->for_children[i] = ino;
	}
	return 0;
}

static int read_details(struct census_reader *r, int piddir, struct sighting *s)
{
	struct proc_details details;

	const struct census_plan *need = &r->census->need;
	int what = (need->ids ? PROC_IDS : 0) | (need->command ? PROC_COMMAND : 0);

	if (proc_details_read(&r->details, piddir, s->pid, what, &details) != 0)
		return -1;
	array_reserve_or_exit(&r->procs, &r->procs_size, r->nprocs + 1, sizeof(*r->procs));
	r->procs[r->nprocs] = details;
	s->details = r->nprocs++;
	return 0;
}

/* Is this the first process of the run in one of its namespaces? The lowest
 * PID of a namespace is the first of some run, and lsns's columns show it. */
static bool first_in_any(const struct census_reader *r, const struct sighting *s)
{
	for (size_t i = 0; i < ns_type_count; i++)
		if (s->ns[i] && u64map_get(&r->seen, s->ns[i]) == INDEX_NONE)
			return true;
	return false;
}

/* Ask about the namespaces the run meets for the first time, while the
 * process that shows them is still there. */
static void examine_sighting(struct census_reader *r, int nsdir, int fddir, const struct sighting *s)
{
	char name[32];

	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		if (!s->ns[i])
			continue;
		u64map_put_or_exit(&r->seen, s->ns[i], 1);
		examine_path(r, nsdir, t->proc_name, s->ns[i], t);
		if (s->for_children[i])
			examine_path(r, nsdir, t->children_name, s->for_children[i], t);
	}
	for (size_t i = s->fds; i < s->fds + s->nfds; i++) {
		if (r->fds[i].socket || !wants_examining(r, r->fds[i].ino))
			continue;
		/* the process may have put anything at that number since */
		snprintf(name, sizeof(name), "%d", r->fds[i].fd);
		examine_opath(r, openat(fddir, name, O_PATH | O_CLOEXEC), r->fds[i].ino, r->fds[i].type);
	}
}

static void read_process(struct census_reader *r, pid_t pid)
{
	const struct census_plan *need = &r->census->need;
	struct sighting s = { .pid = pid, .fds = r->nfds, .details = INDEX_NONE };
	pid_t self = r->census->self_pid;
	char dir[16];
	int piddir, nsdir = -1, fddir = -1;
	bool whole;

	/* One walk to the process's directory, and everything of it read
	 * through that: the directory stays the process's, so a PID that is
	 * reused meanwhile lends nothing of the new process's (its files
	 * under the directory are gone with the old one). */
	snprintf(dir, sizeof(dir), "%d", (int) pid);
	piddir = openat(r->procfd, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (piddir >= 0)
		nsdir = openat(piddir, "ns", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (nsdir < 0)
		proc_unreadable(pid, piddir < 0 ? "" : "ns");
	/* the links first: a process we may not inspect (PID 1 in many
	 * containers) is skipped before its descriptors are listed in vain */
	whole = nsdir >= 0 && read_links(r->census, nsdir, &s) == 0;
	if (whole && need->descriptors) {
		fddir = openat(piddir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		whole = (fddir >= 0 || proc_unreadable(pid, "fd") == 0) &&
			proc_fds_read(fddir, pid, r->census->nsfs_dev, need->types, need->sockets, &r->fds, &r->nfds,
				      &r->fds_size) == 0;
		if (whole && pid == self)
			keep_inherited(r, s.fds);
		if (whole)
			type_descriptors(r, fddir, s.fds);
	}
	whole = whole && (!(need->ids || need->command) || !first_in_any(r, &s) || read_details(r, piddir, &s) == 0);
	if (whole) {
		s.nfds = r->nfds - s.fds;
		examine_sighting(r, nsdir, fddir, &s);
		array_reserve_or_exit(&r->sightings, &r->sightings_size, r->nsightings + 1, sizeof(*r->sightings));
		r->sightings[r->nsightings++] = s;
	} else {
		r->nfds = s.fds;
	}
	if (fddir >= 0)
		close(fddir);
	if (nsdir >= 0)
		close(nsdir);
	if (piddir >= 0)
		close(piddir);
}

static void *read_processes(void *arg)
{
	struct census_reader *r = arg;

	for (size_t i = 0; i < r->npids; i++)
		read_process(r, r->pids[i]);
	if (r->netlink >= 0)
		close(r->netlink);
	return NULL;
}

/* ---- adding it up, in the main thread ---- */

/* A network namespace can be kept alive by nothing but a socket made in it,
 * held by a process that has moved on; only the socket itself can say which
 * (SIOCGSKNS), so it is borrowed with pidfd_getfd, once per socket. */
static void add_sockets(struct census *c, const struct census_reader *r, const struct sighting *s)
{
	uint64_t own = s->ns[ns_type_index(c->socket_type)];
	int pidfd = -1;

	for (size_t i = s->fds; i < s->fds + s->nfds; i++) {
		const struct proc_fd *seen = &r->fds[i];
		size_t known;
		struct stat st;
		int sock, nsfd;

		if (!seen->socket)
			continue;
		known = u64map_get(&c->socket_map, seen->ino);
		if (known == INDEX_NONE) {
			if (pidfd < 0)
				pidfd = sys_pidfd_open(s->pid, 0);
			if (pidfd < 0)
				return;
			sock = sys_pidfd_getfd(pidfd, seen->fd);
			if (sock < 0)
				continue; /* closed meanwhile, or not ours to borrow */
			nsfd = -1;
			/* the descriptor may have been reused since its link was read */
			if (fstat(sock, &st) == 0 && (uint64_t) st.st_ino == seen->ino)
				nsfd = ioctl(sock, SIOCGSKNS);
			close(sock);
			if (nsfd < 0)
				continue;
			if (fstat(nsfd, &st) == 0) {
				known = census_add(c, (uint64_t) st.st_ino, c->socket_type);
				u64map_put_or_exit(&c->socket_map, seen->ino, known);
				census_examine_fd(c, nsfd, (uint64_t) st.st_ino, c->socket_type);
			}
			close(nsfd);
			if (known == INDEX_NONE)
				continue;
		}
		if (c->nss[known].ino != own)
			add_holder(c, known, HOLD_SOCKET, s->pid, seen->fd);
	}
	if (pidfd >= 0)
		close(pidfd);
}

/* The process was read whole: count it. */
static void add_sighting(struct census *c, const struct census_reader *r, const struct sighting *s)
{
	size_t proc = INDEX_NONE;

	if (s->details != INDEX_NONE) {
		array_reserve_or_exit(&c->procs, &c->procs_alloc, c->nprocs + 1, sizeof(*c->procs));
		c->procs[c->nprocs] = r->procs[s->details];
		proc = c->nprocs++;
	}
	for_each_ns_type(t) {
		size_t i = ns_type_index(t), n;

		if (!s->ns[i])
			continue;
		n = census_add(c, s->ns[i], t);
		if (c->nss[n].nprocs++ == 0 || s->pid < c->nss[n].pid) {
			c->nss[n].pid = s->pid;
			c->nss[n].proc = proc;
		}
		if (t == c->mnt_type && c->need.other_pins && !c->nss[n].mounts_read && s->ns[i] != c->our_mntns)
			read_pins_of(c, n, s->pid);
		if (s->for_children[i])
			add_holder(c, census_add(c, s->for_children[i], t), HOLD_FOR_CHILDREN, s->pid, -1);
	}
	for (size_t i = s->fds; i < s->fds + s->nfds; i++)
		if (!r->fds[i].socket)
			add_holder(c, census_add(c, r->fds[i].ino, r->fds[i].type), HOLD_FD, s->pid, r->fds[i].fd);
	if (c->need.sockets)
		add_sockets(c, r, s);
}

/* One pass over /proc, lowest PID first, shared out among the readers. */
static void scan_processes(struct census *c)
{
	struct census_reader readers[PARALLEL_PARTS_MAX];
	struct proc_walk walk;
	const char *name;
	pid_t *pids = NULL, pid;
	size_t npids = 0, pids_size = 0, nreaders;

	if (proc_walk_open(&walk, -1) != 0)
		err(tool_failure, "/proc");
	while ((pid = proc_walk_next(&walk, &name)) > 0) {
		array_reserve_or_exit(&pids, &pids_size, npids + 1, sizeof(*pids));
		pids[npids++] = pid;
	}
	if (pid < 0)
		err(tool_failure, "/proc");

	/* a thread is worth its start-up for a few hundred processes */
	nreaders = parallel_parts(npids, 256);
	for (size_t i = 0; i < nreaders; i++) {
		size_t first = parallel_part_start(npids, nreaders, i);

		readers[i] = (struct census_reader) {
			.census = c, .procfd = walk.dirfd, .pids = pids + first,
			.npids = parallel_part_start(npids, nreaders, i + 1) - first, .netlink = -2,
		};
	}
	parallel_run(read_processes, readers, sizeof(readers[0]), nreaders);
	for (size_t i = 0; i < nreaders; i++) {
		add_facts(c, &readers[i]);
		for (size_t k = 0; k < readers[i].nsightings; k++)
			add_sighting(c, &readers[i], &readers[i].sightings[k]);
		reader_free(&readers[i]);
	}
	proc_walk_close(&walk);
	free(pids);
}

/* The task alone, asking for no process's column: only its own namespaces. */
static void scan_task(struct census *c, int procfd, const uint64_t *task_ns)
{
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		if (c->need.types[i] && task_ns[i])
			examine_here(c, census_add(c, task_ns[i], t), procfd, ns_entry(".", t->proc_name));
	}
}

/* A namespace whose first reference vanished before it could be examined:
 * try the others. */
static void examine_rest(struct census *c)
{
	char path[PATH_MAX];

	if (!(c->need.ancestry || c->need.netnsid))
		return;
	for (size_t n = 0; n < c->nns; n++) {
		if (c->nss[n].nprocs > 0) {
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int) c->nss[n].pid, c->nss[n].type->proc_name);
			examine_here(c, n, AT_FDCWD, path);
		}
		for (size_t h = c->nss[n].holders; h != INDEX_NONE && !c->nss[n].examined; h = c->holders[h].next) {
			const struct ns_holder *holder = &c->holders[h];
			int rootfd;

			if (holder->kind == HOLD_PIN && holder->mntns == 0) {
				examine_pin(c, n, our_root(), holder->path);
			} else if (holder->kind == HOLD_PIN) {
				rootfd = root_in(c, holder->pid, holder->mntns, NULL);
				if (rootfd >= 0) {
					examine_pin(c, n, rootfd, holder->path);
					close(rootfd);
				}
			} else if (holder->kind == HOLD_FD) {
				snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int) holder->pid, holder->fd);
				examine_opath(c->main_reader, open(path, O_PATH | O_CLOEXEC), c->nss[n].ino, c->nss[n].type);
				add_facts(c, c->main_reader);
			} else if (holder->kind == HOLD_FOR_CHILDREN) {
				snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int) holder->pid, c->nss[n].type->children_name);
				examine_here(c, n, AT_FDCWD, path);
			}
		}
	}
}

void census_take(struct census *c, int task_procfd, const uint64_t *task_ns)
{
	if (c->need.pins)
		read_our_pins(c);
	if (c->need.processes)
		scan_processes(c);
	else
		scan_task(c, task_procfd, task_ns);
	examine_rest(c);
}

/* The namespaces and sockets we were started with (exec 7</proc/X/ns/ipc;
 * nsls): they hold what they hold like any other process's, before we open
 * anything of our own. */
static void read_inherited(struct census *c)
{
	bool every_type[NS_TYPE_MAX];
	size_t alloc = 0;
	int fddir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	for (size_t i = 0; i < NS_TYPE_MAX; i++)
		every_type[i] = true;
	if (fddir < 0)
		return;
	if (proc_fds_read(fddir, getpid(), c->nsfs_dev, every_type, true, &c->inherited, &c->ninherited, &alloc) != 0)
		c->ninherited = 0;
	close(fddir);
}

void census_init(struct census *c)
{
	const struct ns_type *type;
	struct stat st;
	char link[32];
	uint64_t ino;
	ssize_t len;

	*c = (struct census) { .main_reader = reader_new(c, -1) };
	for_each_ns_type(t)
		c->supported[ns_type_index(t)] = ns_read_link(AT_FDCWD, ns_entry("/proc/self", t->proc_name), &type, &ino) == 0;
	c->user_type = ns_type_by_flag(CLONE_NEWUSER);
	c->mnt_type = ns_type_by_flag(CLONE_NEWNS);
	c->socket_type = ns_type_of_sockets();
	if (ns_read_link(AT_FDCWD, ns_entry("/proc/self", c->mnt_type->proc_name), &type, &ino) == 0)
		c->our_mntns = ino;
	/* every namespace file is on the one nsfs */
	if (stat(ns_entry("/proc/self", c->user_type->proc_name), &st) == 0)
		c->nsfs_dev = st.st_dev;
	read_inherited(c);
	/* our PID as the /proc we read names it, which may not be our pid namespace's */
	len = readlink("/proc/self", link, sizeof(link) - 1);
	link[len > 0 ? len : 0] = '\0';
	if (parse_pid(link, &c->self_pid) != 0)
		c->self_pid = getpid();
}

/* ---- ns_procs_scan: the namespaces of one type that processes are in ---- */

static int by_namespace_then_pid(const void *a, const void *b)
{
	const struct ns_procs *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int by_pid(const void *a, const void *b)
{
	const struct ns_procs *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* One entry per process first, then sorted and folded: n log n, not n squared. */
ssize_t ns_procs_scan(int procfd, const struct ns_type *type, struct ns_procs **found)
{
	struct ns_procs *list = NULL;
	size_t count = 0, alloc = 0, distinct = 0;
	struct proc_walk walk;
	const char *name;
	char relpath[64];
	struct stat st;
	pid_t pid;

	if (proc_walk_open(&walk, procfd) != 0)
		return -1;
	while ((pid = proc_walk_next(&walk, &name)) > 0) {
		snprintf(relpath, sizeof(relpath), "%s/ns/%s", name, type->proc_name);
		/* EACCES: not ours to inspect; ENOENT: gone, or a zombie */
		if (fstatat(procfd, relpath, &st, 0) != 0)
			continue;
		if (array_reserve(&list, &alloc, count + 1, sizeof(*list)) != 0) {
			free(list);
			proc_walk_close(&walk);
			return -1;
		}
		list[count++] = (struct ns_procs) { st.st_dev, st.st_ino, pid, 1 };
	}
	proc_walk_close(&walk);

	if (count > 0)
		qsort(list, count, sizeof(*list), by_namespace_then_pid);
	for (size_t i = 0; i < count; i++) {
		if (distinct > 0 && list[distinct - 1].dev == list[i].dev && list[distinct - 1].ino == list[i].ino) {
			list[distinct - 1].nprocs++;
			continue;
		}
		list[distinct++] = list[i];
	}
	if (distinct > 0)
		qsort(list, distinct, sizeof(*list), by_pid);
	*found = list;
	return (ssize_t) distinct;
}

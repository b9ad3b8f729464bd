/* nsls: list namespaces, and what keeps each of them alive. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include "columns.h"
#include "kernel.h"
#include "nsfile.h"
#include "nstype.h"
#include "parallel.h"
#include "parse.h"
#include "pidhold.h"
#include "pinscan.h"
#include "procwalk.h"
#include "safepath.h"
#include "tool.h"
#include "u64map.h"

enum {
	OPT_OUTPUT_ALL = CHAR_MAX + 1,
};

enum {
	COL_NS, COL_TYPE, COL_PATH, COL_NPROCS, COL_PID, COL_PPID, COL_COMMAND, COL_UID, COL_USER,
	COL_NETNSID, COL_NSFS, COL_PNS, COL_ONS, COL_HOLDERS,
};

/* lsns's names, JSON types and default columns, so scripts written for it work */
static const struct column_info column_infos[] = {
	[COL_NS]      = { "NS",      10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("namespace identifier (inode number)") },
	[COL_TYPE]    = { "TYPE",     5, 0,              SCOLS_JSON_STRING, N_("kind of namespace") },
	[COL_PATH]    = { "PATH",     0, 0,              SCOLS_JSON_STRING, N_("path to the namespace") },
	[COL_NPROCS]  = { "NPROCS",   5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("number of processes in the namespace") },
	[COL_PID]     = { "PID",      5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("lowest PID in the namespace") },
	[COL_PPID]    = { "PPID",     5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("PPID of the PID") },
	[COL_COMMAND] = { "COMMAND",  0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, N_("command line of the PID") },
	[COL_UID]     = { "UID",      0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("UID of the PID") },
	[COL_USER]    = { "USER",     0, 0,              SCOLS_JSON_STRING, N_("username of the PID") },
	[COL_NETNSID] = { "NETNSID",  0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, N_("namespace ID as used by the network subsystem") },
	[COL_NSFS]    = { "NSFS",     0, SCOLS_FL_WRAP,  SCOLS_JSON_STRING, N_("where it is pinned in this mount namespace (nsfs mounts)") },
	[COL_PNS]     = { "PNS",     10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("parent namespace identifier (inode number)") },
	[COL_ONS]     = { "ONS",     10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, N_("owner namespace identifier (inode number)") },
	[COL_HOLDERS] = { "HOLDERS",  0, SCOLS_FL_WRAP,  SCOLS_JSON_ARRAY_STRING,
			  N_("what keeps it alive: procs:N pin:PATH fd:PID:FD socket:PID:FD ...") },
};

/* --summary's table: its columns are fixed, so they have no help text */
enum { SUM_TYPE, SUM_COUNT, SUM_LIMIT };
static const struct column_info summary_infos[] = {
	[SUM_TYPE]  = { "TYPE",  5, 0,              SCOLS_JSON_STRING, NULL },
	[SUM_COUNT] = { "COUNT", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, NULL },
	[SUM_LIMIT] = { "LIMIT", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, NULL },
};

enum tree { TREE_NONE, TREE_PROCESS, TREE_OWNER, TREE_PARENT };

/* Anything but a process that keeps a namespace alive. */
enum holder_kind { HOLD_FOR_CHILDREN, HOLD_PIN, HOLD_FD, HOLD_SOCKET };

struct holder {
	enum holder_kind kind;
	pid_t pid;      /* the process; for a pin, a process in its mount namespace */
	int fd;
	uint64_t mntns; /* a pin's mount namespace; 0 when it is ours */
	char *path;     /* a pin's mount point */
	size_t next;    /* the namespace's next holder, or INDEX_NONE */
};

/* What lsns shows of the lowest PID of a namespace. */
struct process {
	pid_t pid, ppid;
	uid_t uid;
	char *command;
};

struct namespace {
	uint64_t ino;
	const struct ns_type *type;
	size_t nprocs;
	pid_t pid;              /* the lowest PID in it, when nprocs > 0 */
	size_t proc;            /* its details, or INDEX_NONE */
	size_t holders, last_holder;
	size_t parent, owner;   /* INDEX_NONE: none, or not known */
	size_t children, owned; /* namespaces whose parent or owner this is */
	int netnsid;
	bool examined;          /* parent, owner and netnsid asked of the kernel */
	bool mounts_read;       /* a mount namespace whose pins have been read */
	bool drawing;
	struct libscols_line *line;
};

/* What the kernel says of one namespace, asked through a descriptor of it. */
struct fact {
	uint64_t ino;
	const struct ns_type *type;
	uint64_t parent, owner; /* 0: none, or outside what we may see */
	int netnsid;
};

struct fd_seen {
	int fd;
	const struct ns_type *type; /* NULL for a socket */
	uint64_t ino;               /* the namespace's, or the socket's */
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

/* Reading /proc is nearly all of nsls's time, and no process's files depend
 * on another's: a few readers, threads, each read a consecutive run of PIDs
 * into memory of their own, and the main thread then adds up what they saw in
 * PID order, as one reader would have. Only the main thread touches the
 * namespace table. */
struct reader {
	int procfd;
	const pid_t *pids;
	size_t npids;
	struct sighting *sightings;
	size_t nsightings, sightings_size;
	struct fd_seen *fds;
	size_t nfds, fds_size;
	struct process *procs;
	size_t nprocs, procs_size;
	struct fact *facts;
	size_t nfacts, facts_size;
	struct u64map seen;     /* namespaces whose first process in this run was read */
	struct u64map examined; /* namespaces asked about */
	size_t kept;         /* descriptors of relatives kept open */
	int netlink;         /* for NETNSID; -2 until opened */
	bool no_pidfd_info;  /* an older kernel: read /proc/PID/stat */
	char *buf;           /* a file's contents */
	size_t buf_size;
};

/* the options */
static struct column_set columns;
static struct table_style style = { .json_name = "namespaces" };
static bool types_listed[NS_TYPE_MAX], types_given;
static struct held_pid task = { .pid = 0, .pidfd = -1, .procfd = -1 };
static uint64_t task_ns[NS_TYPE_MAX];
static struct wanted {
	const char *arg;
	uint64_t ino;
} *wanted;
static size_t nwanted;
static char **ns_args; /* NS operands, turned into wanted[] once the work is planned */
static int nns_args;
static bool persistent, why, summary;
static enum tree tree = TREE_PROCESS;
static bool tree_given;

/* what the output asks of the scan: nothing more is read */
static struct {
	bool types[NS_TYPE_MAX]; /* /proc/PID/ns links to read */
	bool processes;          /* every process, not just -p's */
	bool details;            /* PPID, UID, command line of the lowest PIDs */
	bool descriptors;        /* /proc/PID/fd */
	bool sockets;            /* the network namespace of sockets */
	bool children_links;     /* pid_for_children, time_for_children */
	bool pins, other_pins;   /* nsfs mounts: in our mount namespace, in others */
	bool ancestry;           /* NS_GET_PARENT, NS_GET_USERNS */
	bool netnsid;
} need;

/* what was found */
static struct namespace *nss;
static size_t nns, nss_size;
static struct u64map ns_map;
static struct holder *holders;
static size_t nholders, holders_size;
static struct process *procs;
static size_t nprocs_read, procs_size;
static struct u64map socket_map; /* socket inode -> its namespace's inode */

static bool supported[NS_TYPE_MAX];
static const struct ns_type *user_type, *mnt_type, *socket_type;
static uint64_t our_mntns;
static dev_t nsfs_dev;
static pid_t self_pid;
static struct reader main_reader = { .netlink = -2 };

static void *grow(void *array, size_t *size, size_t count, size_t item)
{
	if (count < *size)
		return array;
	*size = *size ? *size * 2 : 64;
	array = reallocarray(array, *size, item);
	if (!array)
		err(EXIT_FAILURE, NULL);
	return array;
}

/* One more entry in MAP: a tool that cannot remember what it has seen stops. */
static void map_put(struct u64map *map, uint64_t key, size_t value)
{
	if (u64map_put(map, key, value) != 0)
		err(EXIT_FAILURE, NULL);
}

static size_t ns_find(uint64_t ino)
{
	return u64map_get(&ns_map, ino);
}

static size_t ns_add(uint64_t ino, const struct ns_type *type)
{
	size_t n = ns_find(ino);

	if (n != INDEX_NONE)
		return n;
	nss = grow(nss, &nss_size, nns, sizeof(*nss));
	nss[nns] = (struct namespace) {
		.ino = ino, .type = type, .proc = INDEX_NONE, .holders = INDEX_NONE, .last_holder = INDEX_NONE,
		.parent = INDEX_NONE, .owner = INDEX_NONE, .netnsid = INT_MIN,
	};
	map_put(&ns_map, ino, nns);
	return nns++;
}

static size_t add_holder(size_t n, enum holder_kind kind, pid_t pid, int fd)
{
	holders = grow(holders, &holders_size, nholders, sizeof(*holders));
	holders[nholders] = (struct holder) { .kind = kind, .pid = pid, .fd = fd, .next = INDEX_NONE };
	if (nss[n].last_holder == INDEX_NONE)
		nss[n].holders = nholders;
	else
		holders[nss[n].last_holder].next = nholders;
	nss[n].last_holder = nholders;
	return nholders++;
}

/* DIR/ns/NAME, in the main thread */
static const char *ns_entry(const char *dir, const char *name)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/ns/%s", dir, name);
	return path;
}

static bool listed(const struct ns_type *type)
{
	return !types_given || types_listed[ns_type_index(type)];
}

/* ---- asking the kernel about one namespace, through a descriptor of it ---- */

/* The ID our network namespace gives another one (RTM_GETNSID), as ip netns
 * list-id shows it; -1 when it has none, INT_MIN when it cannot be asked. */
static int netnsid_of(struct reader *r, int nsfd)
{
	union {
		struct nlmsghdr header;
		char bytes[NLMSG_SPACE(sizeof(struct rtgenmsg)) + RTA_SPACE(sizeof(int32_t))];
	} request;
	union {
		struct nlmsghdr header;
		char bytes[1024];
	} reply;
	struct rtattr *attr;
	ssize_t len;
	int attrlen;

	if (r->netlink == -2)
		r->netlink = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (r->netlink < 0)
		return INT_MIN;
	memset(&request, 0, sizeof(request));
	request.header.nlmsg_len = sizeof(request.bytes);
	request.header.nlmsg_type = RTM_GETNSID;
	request.header.nlmsg_flags = NLM_F_REQUEST;
	((struct rtgenmsg *) NLMSG_DATA(&request.header))->rtgen_family = AF_UNSPEC;
	attr = (struct rtattr *) (request.bytes + NLMSG_SPACE(sizeof(struct rtgenmsg)));
	attr->rta_type = NETNSA_FD;
	attr->rta_len = RTA_LENGTH(sizeof(int32_t));
	*(int32_t *) RTA_DATA(attr) = nsfd;
	if (send(r->netlink, &request, sizeof(request.bytes), 0) < 0)
		return INT_MIN;
	len = recv(r->netlink, &reply, sizeof(reply), 0);
	if (len < 0 || !NLMSG_OK(&reply.header, (size_t) len) || reply.header.nlmsg_type != RTM_NEWNSID)
		return INT_MIN;
	attrlen = (int) NLMSG_PAYLOAD(&reply.header, sizeof(struct rtgenmsg));
	for (attr = (struct rtattr *) ((char *) NLMSG_DATA(&reply.header) + NLMSG_ALIGN(sizeof(struct rtgenmsg)));
	     RTA_OK(attr, attrlen); attr = RTA_NEXT(attr, attrlen))
		if (attr->rta_type == NETNSA_NSID)
			return *(int32_t *) RTA_DATA(attr);
	return INT_MIN;
}

static void examine(struct reader *r, int fd, uint64_t ino, const struct ns_type *type);

/* A namespace reached by NS_GET_PARENT or NS_GET_USERNS: it may be alive only
 * as that, so it is found here if nowhere else. Its inode number, or 0. */
static uint64_t examine_relative(struct reader *r, int fd, unsigned long request, const struct ns_type *type)
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

static void examine(struct reader *r, int fd, uint64_t ino, const struct ns_type *type)
{
	struct fact fact = { .ino = ino, .type = type, .netnsid = INT_MIN };

	if (u64map_get(&r->examined, ino) != INDEX_NONE)
		return;
	map_put(&r->examined, ino, 1);
	if (need.netnsid && type->sockets)
		fact.netnsid = netnsid_of(r, fd);
	if (need.ancestry) {
		if (type->hierarchical)
			fact.parent = examine_relative(r, fd, NS_GET_PARENT, type);
		fact.owner = examine_relative(r, fd, NS_GET_USERNS, user_type);
	}
	r->facts = grow(r->facts, &r->facts_size, r->nfacts, sizeof(*r->facts));
	r->facts[r->nfacts++] = fact;
}

static bool wants_examining(const struct reader *r, uint64_t ino)
{
	return (need.ancestry || need.netnsid) && u64map_get(&r->examined, ino) == INDEX_NONE;
}

/* Open the kernel's own link PATH (relative to DIRFD: /proc/PID/ns/TYPE,
 * always a namespace) and examine it, if it still is namespace INO: a process
 * may have moved or exited since its link was read. */
static void examine_path(struct reader *r, int dirfd, const char *path, uint64_t ino, const struct ns_type *type)
{
	struct stat st;
	int fd;

	if (!wants_examining(r, ino))
		return;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && st.st_dev == nsfs_dev && (uint64_t) st.st_ino == ino)
		examine(r, fd, ino, type);
	close(fd);
}

/* Examine FD, an O_PATH descriptor of what others may have put in the place
 * of namespace INO (a pin's mount point, a descriptor closed and reused), if
 * it is that namespace; only then is it opened for the ioctls, through our
 * own descriptor, so that we never open a device or a FIFO of theirs. FD is
 * closed. */
static void examine_opath(struct reader *r, int fd, uint64_t ino, const struct ns_type *type)
{
	char self[32];
	struct stat st;
	int nsfd;

	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && st.st_dev == nsfs_dev && (uint64_t) st.st_ino == ino) {
		snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
		nsfd = open(self, O_RDONLY | O_CLOEXEC);
		if (nsfd >= 0) {
			examine(r, nsfd, ino, type);
			close(nsfd);
		}
	}
	close(fd);
}

/* In the main thread: what a reader learnt goes into the namespace table. */
static void add_facts(struct reader *r)
{
	for (size_t i = 0; i < r->nfacts; i++) {
		const struct fact *fact = &r->facts[i];
		size_t n = ns_add(fact->ino, fact->type), related;

		if (nss[n].examined)
			continue;
		nss[n].examined = true;
		nss[n].netnsid = fact->netnsid;
		if (fact->parent) {
			related = ns_add(fact->parent, fact->type);
			nss[n].parent = related;
			nss[related].children++;
		}
		if (fact->owner) {
			related = ns_add(fact->owner, user_type);
			nss[n].owner = related;
			/* a user namespace's owner is its parent, counted as that */
			if (fact->type != user_type)
				nss[related].owned++;
		}
	}
	r->nfacts = 0;
}

/* In the main thread: examine namespace N through PATH, unless done. */
static void examine_here(size_t n, int dirfd, const char *path)
{
	if (nss[n].examined)
		return;
	examine_path(&main_reader, dirfd, path, nss[n].ino, nss[n].type);
	add_facts(&main_reader);
}

/* In the main thread: examine namespace N through a pin of it at PATH, as
 * a mount table of the mount namespace whose root is ROOTFD names it. The
 * directories on the way are whoever uses that namespace's to change (a
 * container's root, a user in a chroot), and nothing in a mount table is a
 * link: PATH is resolved inside ROOTFD, following no link. */
static void examine_pin(size_t n, int rootfd, const char *path)
{
	if (nss[n].examined || !wants_examining(&main_reader, nss[n].ino))
		return;
	examine_opath(&main_reader, path_open_in_root(rootfd, path, O_PATH), nss[n].ino, nss[n].type);
	add_facts(&main_reader);
}

/* ---- pins ---- */

struct pin_context {
	pid_t pid;      /* the process whose mount table this is */
	uint64_t mntns; /* 0: ours */
	int rootfd;     /* its root, that the table's paths start from */
};

/* Our root, opened once. */
static int our_root(void)
{
	static int fd = -1;

	if (fd < 0 && (fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		err(EXIT_FAILURE, "/");
	return fd;
}

/* The root directory of process PID if it is in mount namespace MNTNS, and
 * its mount table in *MOUNTINFO unless that is NULL: both through one
 * /proc/PID directory, so that a process that took the PID after the scan
 * saw it lends neither. The namespace is checked after both are open: the
 * process held then was in it. -1 when it has left the namespace or exited. */
static int root_in(pid_t pid, uint64_t mntns, int *mountinfo)
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
	if (rootfd >= 0 && ((mountinfo && tablefd < 0) || ns_read_link(piddir, ns_entry(".", mnt_type->proc_name), &type, &ino) != 0 ||
			    ino != mntns)) {
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
	size_t n, h;

	if (!need.types[ns_type_index(pin->type)])
		return 0;
	n = ns_add(pin->ino, pin->type);
	h = add_holder(n, HOLD_PIN, ctx->pid, -1);
	holders[h].mntns = ctx->mntns;
	holders[h].path = strdup(pin->target);
	if (!holders[h].path)
		err(EXIT_FAILURE, NULL);
	examine_pin(n, ctx->rootfd, pin->target);
	return 0;
}

static void read_our_pins(void)
{
	struct pin_context ctx = { .pid = self_pid, .mntns = 0, .rootfd = our_root() };

	if (pin_scan("/proc/self/mountinfo", add_pin, &ctx) != 0)
		err(EXIT_FAILURE, "/proc/self/mountinfo");
}

/* One mount table per mount namespace, read through its first process; if
 * that one has exited by now, the next process found in it is asked. */
static void read_pins_of(size_t mntns, pid_t pid)
{
	struct pin_context ctx = { .pid = pid, .mntns = nss[mntns].ino };
	int fd;

	ctx.rootfd = root_in(pid, ctx.mntns, &fd);
	if (ctx.rootfd < 0)
		return;
	if (pin_scan_fd(fd, "mountinfo", add_pin, &ctx) == 0)
		nss[mntns].mounts_read = true;
	close(fd);
	close(ctx.rootfd);
}

/* ---- reading one process, in a reader ---- */

/* A process that exits while it is read, or that we may not inspect, is left
 * out, as lsns does; anything else is a failure of ours. */
static int unreadable(pid_t pid, const char *what)
{
	if (errno == ENOENT || errno == ESRCH || errno == EACCES || errno == EPERM)
		return -1;
	err(EXIT_FAILURE, "/proc/%d/%s", (int) pid, what);
}

/* "ns/NAME", the link under a process's directory, in a reader's BUF */
static const char *ns_link(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "ns/%s", name);
	return buf;
}

static int read_links(int piddir, struct sighting *s)
{
	const struct ns_type *type;
	char link[32];
	uint64_t ino;

	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		s->ns[i] = s->for_children[i] = 0;
		if (!need.types[i])
			continue;
		if (ns_read_link(piddir, ns_link(link, sizeof(link), t->proc_name), &type, &s->ns[i]) != 0)
			return unreadable(s->pid, "ns");
		/* the namespace the process's next children start in: a
		 * process that is exiting has none, and the kernel shows none
		 * of a pid namespace whose init has not started yet */
		if (need.children_links && t->children_name &&
		    ns_read_link(piddir, ns_link(link, sizeof(link), t->children_name), &type, &ino) == 0 &&
		    ino != s->ns[i])
			s->for_children[i] = ino;
	}
	return 0;
}

static int read_descriptors(struct reader *r, int fddir, struct sighting *s)
{
	/* getdents64 itself: readdir would cost an fstat, an fcntl and a
	 * buffer per process */
	char buf[16384], link[64];
	ssize_t got;

	/* a read that leaves room for another entry has reached the end */
	for (got = sizeof(buf); got > (ssize_t) (sizeof(buf) - 512);) {
		got = syscall(SYS_getdents64, fddir, buf, sizeof(buf));
		if (got < 0)
			return unreadable(s->pid, "fd");
		for (ssize_t off = 0; off < got; off += ((struct dirent64 *) (buf + off))->d_reclen) {
			const char *name = ((struct dirent64 *) (buf + off))->d_name;
			struct fd_seen seen = { .type = NULL };
			ssize_t len;
			uint64_t value;

			if (parse_u64(name, 0, INT_MAX, &value) != 0)
				continue;
			/* readlink only: opening the file would take a reference of our own */
			len = readlinkat(fddir, name, link, sizeof(link) - 1);
			if (len < 0)
				continue; /* closed meanwhile */
			link[len] = '\0';
			seen.fd = (int) value;
			if (ns_parse_name(link, &seen.type, &seen.ino) == 0) {
				if (!need.types[ns_type_index(seen.type)])
					continue;
			} else if (need.sockets && strncmp(link, "socket:[", 8) == 0 && link[len - 1] == ']') {
				link[len - 1] = '\0';
				if (parse_u64(link + 8, 1, UINT64_MAX, &seen.ino) != 0)
					continue;
			} else {
				continue;
			}
			r->fds = grow(r->fds, &r->fds_size, r->nfds, sizeof(*r->fds));
			r->fds[r->nfds++] = seen;
			s->nfds++;
		}
	}
	return 0;
}

static int read_file(struct reader *r, int dirfd, const char *path)
{
	size_t len = 0;
	ssize_t n;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	do {
		if (len + 1 >= r->buf_size) {
			r->buf_size = r->buf_size ? r->buf_size * 2 : 4096;
			r->buf = realloc(r->buf, r->buf_size);
			if (!r->buf)
				err(EXIT_FAILURE, NULL);
		}
		n = read(fd, r->buf + len, r->buf_size - len - 1);
		if (n < 0) {
			int saved = errno;

			close(fd);
			errno = saved;
			return -1;
		}
		len += (size_t) n;
	} while (n > 0);
	close(fd);
	r->buf[len] = '\0';
	return (int) len;
}

/* PPID and UID from a pidfd (Linux 6.13): two numbers, where /proc/PID/stat
 * would format fifty. 1 when the kernel cannot tell. */
static int read_ids_from_pidfd(struct reader *r, struct process *details)
{
	struct pidfd_info_v0 info = { .mask = NSTOOLS_PIDFD_INFO_PID | NSTOOLS_PIDFD_INFO_CREDS };
	int pidfd, rc, saved;

	if (r->no_pidfd_info)
		return 1;
	pidfd = sys_pidfd_open(details->pid, 0);
	if (pidfd < 0)
		return errno == ENOSYS ? 1 : -1;
	rc = ioctl(pidfd, NSTOOLS_PIDFD_GET_INFO, &info);
	saved = errno;
	close(pidfd);
	if (rc != 0 || !(info.mask & NSTOOLS_PIDFD_INFO_CREDS)) {
		/* ENOTTY, EINVAL: a kernel before 6.13; ESRCH: it has exited */
		r->no_pidfd_info = rc == 0 || saved == ENOTTY || saved == EINVAL;
		errno = saved;
		return r->no_pidfd_info ? 1 : -1;
	}
	details->ppid = (pid_t) info.ppid;
	details->uid = info.euid;
	return 0;
}

/* PPID, UID and command line, as lsns shows them: the arguments joined by
 * blanks, or the name of a kernel thread, which has none. Read through
 * PIDDIR, the directory of the process whose links were read: if it has
 * exited and its PID gone to another, every file under it is gone too. */
static int read_details(struct reader *r, int piddir, struct sighting *s)
{
	struct process details = { .pid = s->pid };
	struct stat st;
	char *p;
	int len, rc = read_ids_from_pidfd(r, &details);

	if (rc < 0)
		return unreadable(s->pid, "");
	if (rc > 0) {
		if (read_file(r, piddir, "stat") < 0)
			return unreadable(s->pid, "stat");
		/* the command name in parentheses may itself hold ") " */
		p = strrchr(r->buf, ')');
		/* NOLINTNEXTLINE(cert-err34-c): a number the kernel wrote, no user's text */
		if (!p || sscanf(p, ") %*c %d", &details.ppid) != 1)
			return -1;
		/* the owner of /proc/PID: its effective UID, as lsns reads it */
		if (fstat(piddir, &st) != 0)
			return unreadable(s->pid, "");
		details.uid = st.st_uid;
	}
	/* The pidfd was opened by PID, after the links were read: this file,
	 * opened through the directory after that, proves that the PID was
	 * still this process's then, and the pidfd its. */
	len = read_file(r, piddir, "cmdline");
	if (len < 0)
		return unreadable(s->pid, "cmdline");
	while (len > 0 && r->buf[len - 1] == '\0')
		len--;
	if (len == 0) {
		len = read_file(r, piddir, "comm");
		if (len < 0)
			return unreadable(s->pid, "comm");
		while (len > 0 && r->buf[len - 1] == '\n')
			len--;
	}
	for (int i = 0; i < len; i++)
		if (r->buf[i] == '\0')
			r->buf[i] = ' ';
	details.command = strndup(r->buf, (size_t) len);
	if (!details.command)
		err(EXIT_FAILURE, NULL);
	r->procs = grow(r->procs, &r->procs_size, r->nprocs, sizeof(*r->procs));
	r->procs[r->nprocs] = details;
	s->details = r->nprocs++;
	return 0;
}

/* Is this the first process of the run in one of its namespaces? The lowest
 * PID of a namespace is the first of some run, and lsns's columns show it. */
static bool first_in_any(const struct reader *r, const struct sighting *s)
{
	for (size_t i = 0; i < ns_type_count; i++)
		if (s->ns[i] && u64map_get(&r->seen, s->ns[i]) == INDEX_NONE)
			return true;
	return false;
}

/* Ask about the namespaces the run meets for the first time, while the
 * process that shows them is still there. */
static void examine_sighting(struct reader *r, int piddir, int fddir, const struct sighting *s)
{
	char name[32];

	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		if (!s->ns[i])
			continue;
		map_put(&r->seen, s->ns[i], 1);
		examine_path(r, piddir, ns_link(name, sizeof(name), t->proc_name), s->ns[i], t);
		if (s->for_children[i])
			examine_path(r, piddir, ns_link(name, sizeof(name), t->children_name), s->for_children[i], t);
	}
	for (size_t i = s->fds; i < s->fds + s->nfds; i++) {
		if (!r->fds[i].type || !wants_examining(r, r->fds[i].ino))
			continue;
		/* the process may have put anything at that number since */
		snprintf(name, sizeof(name), "%d", r->fds[i].fd);
		examine_opath(r, openat(fddir, name, O_PATH | O_CLOEXEC), r->fds[i].ino, r->fds[i].type);
	}
}

static void read_process(struct reader *r, pid_t pid)
{
	struct sighting s = { .pid = pid, .fds = r->nfds, .details = INDEX_NONE };
	char dir[16];
	int piddir, fddir = -1;
	bool whole;

	/* One walk to the process's directory, and everything of it read
	 * through that: the directory stays the process's, so a PID that is
	 * reused meanwhile lends nothing of the new process's (its files
	 * under the directory are gone with the old one). */
	snprintf(dir, sizeof(dir), "%d", (int) pid);
	piddir = openat(r->procfd, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	/* our own descriptors are the namespaces we are looking at */
	if (piddir >= 0 && need.descriptors && pid != self_pid)
		fddir = openat(piddir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	whole = piddir >= 0 && (fddir >= 0 || !need.descriptors || pid == self_pid);
	if (!whole)
		unreadable(pid, "");
	whole = whole && (fddir < 0 || read_descriptors(r, fddir, &s) == 0) && read_links(piddir, &s) == 0 &&
		(!need.details || !first_in_any(r, &s) || read_details(r, piddir, &s) == 0);
	if (whole) {
		examine_sighting(r, piddir, fddir, &s);
		r->sightings = grow(r->sightings, &r->sightings_size, r->nsightings, sizeof(*r->sightings));
		r->sightings[r->nsightings++] = s;
	} else {
		r->nfds = s.fds;
	}
	if (fddir >= 0)
		close(fddir);
	if (piddir >= 0)
		close(piddir);
}

static void *read_processes(void *arg)
{
	struct reader *r = arg;

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
static void add_sockets(const struct reader *r, const struct sighting *s)
{
	uint64_t own = s->ns[ns_type_index(socket_type)];
	int pidfd = -1;

	for (size_t i = s->fds; i < s->fds + s->nfds; i++) {
		const struct fd_seen *seen = &r->fds[i];
		size_t known;
		struct stat st;
		int sock, nsfd;

		if (seen->type)
			continue;
		known = u64map_get(&socket_map, seen->ino);
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
				known = ns_add((uint64_t) st.st_ino, socket_type);
				map_put(&socket_map, seen->ino, known);
				examine(&main_reader, nsfd, (uint64_t) st.st_ino, socket_type);
				add_facts(&main_reader);
			}
			close(nsfd);
			if (known == INDEX_NONE)
				continue;
		}
		if (nss[known].ino != own)
			add_holder(known, HOLD_SOCKET, s->pid, seen->fd);
	}
	if (pidfd >= 0)
		close(pidfd);
}

/* The process was read whole: count it. */
static void add_sighting(const struct reader *r, const struct sighting *s)
{
	size_t proc = INDEX_NONE;

	if (s->details != INDEX_NONE) {
		procs = grow(procs, &procs_size, nprocs_read, sizeof(*procs));
		procs[nprocs_read] = r->procs[s->details];
		proc = nprocs_read++;
	}
	for_each_ns_type(t) {
		size_t i = ns_type_index(t), n;

		if (!s->ns[i])
			continue;
		n = ns_add(s->ns[i], t);
		if (nss[n].nprocs++ == 0 || s->pid < nss[n].pid) {
			nss[n].pid = s->pid;
			nss[n].proc = proc;
		}
		if (t == mnt_type && need.other_pins && !nss[n].mounts_read && s->ns[i] != our_mntns)
			read_pins_of(n, s->pid);
		if (s->for_children[i])
			add_holder(ns_add(s->for_children[i], t), HOLD_FOR_CHILDREN, s->pid, -1);
	}
	for (size_t i = s->fds; i < s->fds + s->nfds; i++)
		if (r->fds[i].type)
			add_holder(ns_add(r->fds[i].ino, r->fds[i].type), HOLD_FD, s->pid, r->fds[i].fd);
	if (need.sockets)
		add_sockets(r, s);
}

/* One pass over /proc, lowest PID first, shared out among the readers. */
static void scan_processes(void)
{
	struct reader readers[PARALLEL_PARTS_MAX];
	struct proc_walk walk;
	const char *name;
	pid_t *pids = NULL, pid;
	size_t npids = 0, pids_size = 0, nreaders;

	if (proc_walk_open(&walk, -1) != 0)
		err(EXIT_FAILURE, "/proc");
	while ((pid = proc_walk_next(&walk, &name)) > 0) {
		pids = grow(pids, &pids_size, npids, sizeof(*pids));
		pids[npids++] = pid;
	}
	if (pid < 0)
		err(EXIT_FAILURE, "/proc");

	/* a thread is worth its start-up for a few hundred processes */
	nreaders = parallel_parts(npids, 256);
	for (size_t i = 0; i < nreaders; i++) {
		size_t first = parallel_part_start(npids, nreaders, i);

		readers[i] = (struct reader) {
			.procfd = walk.dirfd, .pids = pids + first,
			.npids = parallel_part_start(npids, nreaders, i + 1) - first, .netlink = -2,
		};
	}
	parallel_run(read_processes, readers, sizeof(readers[0]), nreaders);
	for (size_t i = 0; i < nreaders; i++) {
		add_facts(&readers[i]);
		for (size_t k = 0; k < readers[i].nsightings; k++)
			add_sighting(&readers[i], &readers[i].sightings[k]);
		free(readers[i].sightings);
		free(readers[i].fds);
		free(readers[i].procs);
		free(readers[i].facts);
		free(readers[i].buf);
		u64map_free(&readers[i].seen);
		u64map_free(&readers[i].examined);
	}
	proc_walk_close(&walk);
	free(pids);
}

/* -p alone, asking for no process's column: only its own namespaces. */
static void scan_task(void)
{
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		if (need.types[i] && task_ns[i])
			examine_here(ns_add(task_ns[i], t), task.procfd, ns_entry(".", t->proc_name));
	}
}

/* A namespace whose first reference vanished before it could be examined:
 * try the others. */
static void examine_rest(void)
{
	char path[PATH_MAX];

	if (!(need.ancestry || need.netnsid))
		return;
	for (size_t n = 0; n < nns; n++) {
		if (nss[n].nprocs > 0) {
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int) nss[n].pid, nss[n].type->proc_name);
			examine_here(n, AT_FDCWD, path);
		}
		for (size_t h = nss[n].holders; h != INDEX_NONE && !nss[n].examined; h = holders[h].next) {
			const struct holder *holder = &holders[h];
			int rootfd;

			if (holder->kind == HOLD_PIN && holder->mntns == 0) {
				examine_pin(n, our_root(), holder->path);
			} else if (holder->kind == HOLD_PIN) {
				rootfd = root_in(holder->pid, holder->mntns, NULL);
				if (rootfd >= 0) {
					examine_pin(n, rootfd, holder->path);
					close(rootfd);
				}
			} else if (holder->kind == HOLD_FD) {
				snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int) holder->pid, holder->fd);
				examine_opath(&main_reader, open(path, O_PATH | O_CLOEXEC), nss[n].ino, nss[n].type);
				add_facts(&main_reader);
			} else if (holder->kind == HOLD_FOR_CHILDREN) {
				snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int) holder->pid, nss[n].type->children_name);
				examine_here(n, AT_FDCWD, path);
			}
		}
	}
}

/* ---- choosing what to read ---- */

static void plan_work(void)
{
	bool holders_asked = columns_has(&columns, COL_HOLDERS) || why;
	/* without -p every namespace is listed, so everything that can hold
	 * one is searched; with -p only when asked who holds them */
	bool complete = !task.pid || holders_asked;
	bool parents_listed = false;

	/* a tree is drawn in one column: without it, it is a list */
	if ((tree == TREE_PROCESS && !columns_has(&columns, COL_COMMAND)) ||
	    ((tree == TREE_OWNER || tree == TREE_PARENT) && !columns_has(&columns, COL_NS)))
		tree = TREE_NONE;
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		/* a user namespace can be alive only as the owner of
		 * another namespace, of any type */
		need.types[i] = supported[i] && (listed(t) || (complete && listed(user_type)));
		parents_listed = parents_listed || (t->hierarchical && listed(t));
	}
	need.processes = complete || persistent || tree == TREE_PROCESS ||
		columns_has(&columns, COL_NPROCS) || columns_has(&columns, COL_PID) ||
		columns_has(&columns, COL_PPID) || columns_has(&columns, COL_COMMAND) ||
		columns_has(&columns, COL_UID) || columns_has(&columns, COL_USER) ||
		columns_has(&columns, COL_PATH);
	need.details = why || tree == TREE_PROCESS ||
		columns_has(&columns, COL_PPID) || columns_has(&columns, COL_COMMAND) ||
		columns_has(&columns, COL_UID) || columns_has(&columns, COL_USER);
	need.descriptors = complete;
	need.children_links = complete;
	need.pins = complete || columns_has(&columns, COL_NSFS) || columns_has(&columns, COL_PATH);
	need.other_pins = complete && supported[ns_type_index(mnt_type)];
	/* borrowing sockets is dear: only when the question is what holds
	 * namespaces, or which have no process */
	need.sockets = complete && (holders_asked || persistent || summary || nns_args > 0) &&
		listed(socket_type) && supported[ns_type_index(socket_type)];
	need.ancestry = holders_asked || tree == TREE_OWNER || tree == TREE_PARENT ||
		columns_has(&columns, COL_PNS) || columns_has(&columns, COL_ONS) ||
		(complete && (listed(user_type) || parents_listed));
	need.netnsid = columns_has(&columns, COL_NETNSID);
	if (need.other_pins)
		need.types[ns_type_index(mnt_type)] = true;
	if (need.sockets)
		need.types[ns_type_index(socket_type)] = true;
}

/* ---- output ---- */

static bool selected(const struct namespace *ns)
{
	size_t i = ns_type_index(ns->type);
	bool found = nwanted == 0;

	if (!listed(ns->type) || (task.pid && task_ns[i] != ns->ino) || (persistent && ns->nprocs > 0))
		return false;
	for (size_t w = 0; w < nwanted && !found; w++)
		found = wanted[w].ino == ns->ino;
	return found;
}

static int by_inode(const void *a, const void *b)
{
	uint64_t x = nss[*(const size_t *) a].ino, y = nss[*(const size_t *) b].ino;

	return (x > y) - (x < y);
}

/* The selected namespaces, by inode number as lsns sorts them. */
static size_t *select_namespaces(size_t *count)
{
	size_t *list = calloc(nns + 1, sizeof(*list));

	if (!list)
		err(EXIT_FAILURE, NULL);
	*count = 0;
	for (size_t n = 0; n < nns; n++)
		if (selected(&nss[n]))
			list[(*count)++] = n;
	qsort(list, *count, sizeof(*list), by_inode);
	return list;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *str;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&str, fmt, ap);
	va_end(ap);
	if (rc < 0)
		err(EXIT_FAILURE, NULL);
	return str;
}

/* STR, then SEP and MORE; STR may be NULL. */
static char *append(char *str, char sep, const char *more)
{
	char *joined = str ? xasprintf("%s%c%s", str, sep, more) : xasprintf("%s", more);

	free(str);
	return joined;
}

static char separator(void)
{
	/* a cell of several lines in a table or a JSON array; one line in raw output */
	return style.raw && !style.json ? ',' : '\n';
}

static const char *user_name(uid_t uid)
{
	static struct u64map cache;
	static char **names;
	static size_t nnames, names_size;
	size_t i = u64map_get(&cache, uid);
	struct passwd *pw;

	if (i != INDEX_NONE)
		return names[i]; /* NOLINT(clang-analyzer-core.NullDereference): cached, so names is allocated */
	pw = getpwuid(uid);
	names = grow(names, &names_size, nnames, sizeof(*names));
	names[nnames] = pw ? strdup(pw->pw_name) : xasprintf("%u", (unsigned) uid);
	if (!names[nnames])
		err(EXIT_FAILURE, NULL);
	map_put(&cache, uid, nnames);
	return names[nnames++];
}

static char *path_of(const struct namespace *ns)
{
	if (ns->nprocs > 0)
		return xasprintf("/proc/%d/ns/%s", (int) ns->pid, ns->type->proc_name);
	for (size_t h = ns->holders; h != INDEX_NONE; h = holders[h].next)
		if (holders[h].kind == HOLD_PIN && holders[h].mntns == 0)
			return xasprintf("%s", holders[h].path);
	for (size_t h = ns->holders; h != INDEX_NONE; h = holders[h].next) {
		if (holders[h].kind == HOLD_FOR_CHILDREN)
			return xasprintf("/proc/%d/ns/%s", (int) holders[h].pid, ns->type->children_name);
		if (holders[h].kind == HOLD_FD)
			return xasprintf("/proc/%d/fd/%d", (int) holders[h].pid, holders[h].fd);
	}
	return NULL;
}

static char *pins_here(const struct namespace *ns)
{
	char *list = NULL;

	for (size_t h = ns->holders; h != INDEX_NONE; h = holders[h].next)
		if (holders[h].kind == HOLD_PIN && holders[h].mntns == 0)
			list = append(list, separator(), holders[h].path);
	return list;
}

static char *holders_of(const struct namespace *ns)
{
	static const enum holder_kind order[] = { HOLD_FOR_CHILDREN, HOLD_PIN, HOLD_FD, HOLD_SOCKET };
	char *list = NULL, *item;

	if (ns->nprocs > 0) {
		item = xasprintf("procs:%zu", ns->nprocs);
		list = append(list, separator(), item);
		free(item);
	}
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		for (size_t h = ns->holders; h != INDEX_NONE; h = holders[h].next) {
			const struct holder *holder = &holders[h];

			if (holder->kind != order[k])
				continue;
			if (holder->kind == HOLD_FOR_CHILDREN)
				item = xasprintf("%s:%d", ns->type->children_name, (int) holder->pid);
			else if (holder->kind == HOLD_PIN && holder->mntns == 0)
				item = xasprintf("pin:%s", holder->path);
			else if (holder->kind == HOLD_PIN)
				item = xasprintf("pin:mnt:%" PRIu64 ":%s", holder->mntns, holder->path);
			else
				item = xasprintf("%s:%d:%d", holder->kind == HOLD_FD ? "fd" : "socket",
						 (int) holder->pid, holder->fd);
			list = append(list, separator(), item);
			free(item);
		}
	}
	if (ns->children > 0) {
		item = xasprintf("children:%s:%zu", ns->type->name, ns->children);
		list = append(list, separator(), item);
		free(item);
	}
	if (ns->owned > 0) {
		item = xasprintf("owns:%zu", ns->owned);
		list = append(list, separator(), item);
		free(item);
	}
	return list;
}

/* lsns prints 0 for "none"; nothing when it could not ask */
static char *relative(const struct namespace *ns, size_t related)
{
	if (!ns->examined)
		return NULL;
	return xasprintf("%" PRIu64, related == INDEX_NONE ? 0 : nss[related].ino);
}

static char *cell(size_t column, const struct namespace *ns)
{
	const struct process *proc = ns->proc == INDEX_NONE ? NULL : &procs[ns->proc];

	switch (column) {
	case COL_NS:
		return xasprintf("%" PRIu64, ns->ino);
	case COL_TYPE:
		return xasprintf("%s", ns->type->name);
	case COL_PATH:
		return path_of(ns);
	case COL_NPROCS:
		return xasprintf("%zu", ns->nprocs);
	case COL_PID:
		return ns->nprocs ? xasprintf("%d", (int) ns->pid) : NULL;
	case COL_PPID:
		return proc ? xasprintf("%d", (int) proc->ppid) : NULL;
	case COL_COMMAND:
		return proc ? xasprintf("%s", proc->command) : NULL;
	case COL_UID:
		return proc ? xasprintf("%u", (unsigned) proc->uid) : NULL;
	case COL_USER:
		return proc ? xasprintf("%s", user_name(proc->uid)) : NULL;
	case COL_NETNSID:
		if (ns->netnsid == INT_MIN)
			return NULL;
		return ns->netnsid < 0 ? xasprintf("unassigned") : xasprintf("%d", ns->netnsid);
	case COL_NSFS:
		return pins_here(ns);
	case COL_PNS:
		return relative(ns, ns->parent);
	case COL_ONS:
		return relative(ns, ns->owner);
	case COL_HOLDERS:
		return holders_of(ns);
	}
	return NULL;
}

/* The row a row hangs from in the tree: the owner's, the parent's, or the
 * row of the parent process of its lowest PID (the last of them, as lsns). */
static size_t tree_parent(size_t n, const struct u64map *rows_by_pid)
{
	size_t up = INDEX_NONE;

	if (tree == TREE_OWNER)
		up = nss[n].owner;
	else if (tree == TREE_PARENT)
		up = nss[n].parent;
	else if (tree == TREE_PROCESS && nss[n].proc != INDEX_NONE)
		up = u64map_get(rows_by_pid, (uint64_t) procs[nss[n].proc].ppid);
	if (up == INDEX_NONE || up == n || !selected(&nss[up]))
		return INDEX_NONE;
	return up;
}

/* Parents first: libsmartcols hangs a line under one that exists. */
static void add_line(struct libscols_table *table, size_t n, const struct u64map *rows_by_pid)
{
	struct libscols_line *parent = NULL;
	size_t up;

	if (nss[n].line || nss[n].drawing)
		return;
	nss[n].drawing = true;
	up = tree_parent(n, rows_by_pid);
	if (up != INDEX_NONE && !nss[up].drawing) {
		add_line(table, up, rows_by_pid);
		parent = nss[up].line;
	}
	nss[n].line = scols_table_new_line(table, parent);
	if (!nss[n].line)
		err(EXIT_FAILURE, _("cannot make a table"));
	for (size_t i = 0; i < columns.count; i++) {
		char *data = cell(columns.ids[i], &nss[n]);

		if (data && scols_line_refer_data(nss[n].line, i, data) != 0)
			err(EXIT_FAILURE, _("cannot make a table"));
	}
	nss[n].drawing = false;
}

static void print_table(void)
{
	struct libscols_table *table;
	struct u64map rows_by_pid = { 0 };
	size_t count, *list = select_namespaces(&count);

	if (tree == TREE_PROCESS)
		style.tree_column = "COMMAND";
	else if (tree != TREE_NONE)
		style.tree_column = "NS";
	table = columns_new_table(&columns, &style);
	if (tree == TREE_PROCESS)
		for (size_t i = 0; i < count; i++)
			if (nss[list[i]].nprocs > 0)
				map_put(&rows_by_pid, (uint64_t) nss[list[i]].pid, list[i]);
	for (size_t i = 0; i < count; i++)
		add_line(table, list[i], &rows_by_pid);
	if (scols_print_table(table) != 0)
		err(EXIT_FAILURE, _("cannot print the table"));
	scols_unref_table(table);
	u64map_free(&rows_by_pid);
	free(list);
}

static void print_summary(void)
{
	static const struct column_set all = {
		.info = summary_infos, .ninfo = 3, .ids = { SUM_TYPE, SUM_COUNT, SUM_LIMIT }, .count = 3,
	};
	size_t counts[NS_TYPE_MAX] = { 0 }, count, *list = select_namespaces(&count);
	struct libscols_table *table;

	for (size_t i = 0; i < count; i++)
		counts[ns_type_index(nss[list[i]].type)]++;
	style.json_name = "summary";
	table = columns_new_table(&all, &style);
	for_each_ns_type(t) {
		struct libscols_line *line;
		long limit;

		if (!listed(t) || !supported[ns_type_index(t)])
			continue;
		limit = ns_type_limit(t);
		line = scols_table_new_line(table, NULL);
		if (!line || scols_line_set_data(line, SUM_TYPE, t->name) != 0 ||
		    scols_line_refer_data(line, SUM_COUNT, xasprintf("%zu", counts[ns_type_index(t)])) != 0 ||
		    (limit >= 0 && scols_line_refer_data(line, SUM_LIMIT, xasprintf("%ld", limit)) != 0))
			err(EXIT_FAILURE, _("cannot make a table"));
	}
	if (scols_print_table(table) != 0)
		err(EXIT_FAILURE, _("cannot print the table"));
	scols_unref_table(table);
	free(list);
}

/* --why: the HOLDERS column in sentences, with what would free the namespace. */
static void explain(const struct namespace *ns)
{
	const struct process *proc = ns->proc == INDEX_NONE ? NULL : &procs[ns->proc];
	bool anything = ns->nprocs > 0 || ns->holders != INDEX_NONE || ns->children || ns->owned;

	printf(_("%s namespace %" PRIu64 " is kept alive by:\n"), ns->type->name, ns->ino);
	if (ns->nprocs > 0)
		printf(_("  processes in it: %zu, the lowest PID %d (%s); it lives while one of them does\n"),
		       ns->nprocs, (int) ns->pid, proc ? proc->command : "?");
	for (size_t h = ns->holders; h != INDEX_NONE; h = holders[h].next) {
		const struct holder *holder = &holders[h];

		switch (holder->kind) {
		case HOLD_FOR_CHILDREN:
			printf(_("  process %d made it for its children (%s); it goes when that process exits\n"),
			       (int) holder->pid, ns->type->children_name);
			break;
		case HOLD_PIN:
			if (holder->mntns == 0)
				printf(_("  a pin at %s: umount %s releases it\n"), holder->path, holder->path);
			else
				printf(_("  a pin at %s in mount namespace %" PRIu64 ": nsjoin -m %d umount %s releases it\n"),
				       holder->path, holder->mntns, (int) holder->pid, holder->path);
			break;
		case HOLD_FD:
			printf(_("  descriptor %d of process %d: closing it, or the process exiting, releases it\n"),
			       holder->fd, (int) holder->pid);
			break;
		case HOLD_SOCKET:
			printf(_("  a socket made in it, descriptor %d of process %d: closing the socket releases it\n"),
			       holder->fd, (int) holder->pid);
			break;
		}
	}
	if (ns->children > 0)
		printf(_("  child %s namespaces: %zu, each keeps its parent alive\n"), ns->type->name, ns->children);
	if (ns->owned > 0)
		printf(_("  namespaces it owns: %zu, each keeps its owner alive\n"), ns->owned);
	if (!anything)
		fputs(_("  nothing nsls can see: a process it may not inspect, a mount namespace with no\n"
			"  process in it, or the kernel itself\n"), stdout);
}

static void explain_all(void)
{
	size_t count, *list = select_namespaces(&count);

	for (size_t i = 0; i < count; i++) {
		if (i > 0)
			putchar('\n');
		explain(&nss[list[i]]);
	}
	free(list);
}

/* ---- options ---- */

static noreturn void usage(void)
{
	printf(_("Usage:\n %s [options] [NS...]\n"), program_invocation_short_name);
	fputs(_("\nList namespaces, and what keeps each of them alive.\n"), stdout);
	fputs(_("\nNS is an inode number or a namespace file: list only those namespaces.\n"), stdout);
	fputs(_("\nOptions:\n"
		"  -J, --json               use JSON output format\n"
		"  -l, --list               use list format output (no tree)\n"
		"  -n, --noheadings         don't print headings\n"
		"  -o, --output=LIST        the columns to print (+LIST: added to the default)\n"
		"      --output-all         print every column\n"
		"  -r, --raw                use the raw output format\n"
		"  -u, --notruncate         don't truncate text in columns\n"
		"  -t, --type=TYPE          only namespaces of TYPE (repeatable):\n"), stdout);
	fputs("                          ", stdout);
	for_each_ns_type(t)
		printf(" %s", t->name);
	fputs(_("\n"
		"  -p, --task=PID           only the namespaces process PID is in\n"
		"  -P, --persistent         only namespaces that no process is in\n"
		"  -T, --tree[=REL]         a tree by owner (the default), parent or process\n"
		"  -W, --why                say in words what keeps each namespace alive\n"
		"  -s, --summary            count the namespaces of each type, against the limits\n"
		"  -h, --help               display this help and exit\n"
		"  -V, --version            display version and exit\n"), stdout);
	columns_print_help(&columns, stdout);
	fputs(_("\nExit status: 0 on success, 1 on failure.\n"), stdout);
	printf(_("\nSee %s(1).\n"), program_invocation_short_name);
	exit(EXIT_SUCCESS);
}

/* A namespace named on the command line: an inode number, or a file to open. */
static void add_wanted(const char *arg)
{
	const struct ns_type *type;
	struct stat st;
	int fd;

	wanted = reallocarray(wanted, nwanted + 1, sizeof(*wanted));
	if (!wanted)
		err(EXIT_FAILURE, NULL);
	wanted[nwanted].arg = arg;
	if (is_all_digits(arg)) {
		if (parse_u64(arg, 1, UINT64_MAX, &wanted[nwanted++].ino) != 0)
			errx(EXIT_FAILURE, _("%s: invalid namespace inode number"), arg);
		return;
	}
	fd = open(arg, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && !strchr(arg, '/'))
		errx(EXIT_FAILURE, _("%s: neither a namespace inode number nor a namespace file"), arg);
	if (fd < 0)
		err(EXIT_FAILURE, "%s", arg);
	type = ns_check_fd(fd, arg, NULL);
	if (fstat(fd, &st) != 0)
		err(EXIT_FAILURE, "%s", arg);
	wanted[nwanted++].ino = (uint64_t) st.st_ino;
	/* found: whatever else holds it, it is listed (our descriptor is no holder) */
	ns_add((uint64_t) st.st_ino, type);
	examine(&main_reader, fd, (uint64_t) st.st_ino, type);
	add_facts(&main_reader);
	close(fd);
}

static void read_task_namespaces(const char *arg)
{
	const struct ns_type *type;

	if (task.pid)
		usage_error(_("only one --task"));
	pid_hold(arg, &task);
	for_each_ns_type(t) {
		size_t i = ns_type_index(t);

		if (supported[i] && ns_read_link(task.procfd, ns_entry(".", t->proc_name), &type, &task_ns[i]) != 0) {
			if (!held_pid_alive(&task))
				errx(EXIT_FAILURE, _("%s: no such process"), arg);
			err(EXIT_FAILURE, _("process %d: its namespaces"), (int) task.pid);
		}
	}
}

static void parse_tree(const char *arg)
{
	tree_given = true;
	if (!arg || strcmp(arg, "owner") == 0)
		tree = TREE_OWNER;
	else if (strcmp(arg, "parent") == 0)
		tree = TREE_PARENT;
	else if (strcmp(arg, "process") == 0)
		tree = TREE_PROCESS;
	else
		usage_error(_("unknown tree: %s (owner, parent or process)"), arg);
}

/* Options that exclude each other, declared once: what each one excludes. */
static const struct {
	int option;
	const char *name;
	int excludes[12];
} exclusive[] = {
	{ 'W', "--why",     { 's', 'J', 'r', 'n', 'l', 'o', OPT_OUTPUT_ALL, 'T', 'u' } },
	{ 's', "--summary", { 'W', 'l', 'o', OPT_OUTPUT_ALL, 'T', 'u' } },
	{ 'J', "--json",    { 'r' } },
	{ 'l', "--list",    { 'T' } },
};

static void check_exclusive(const bool *given, const struct option *longopts)
{
	for (size_t i = 0; i < sizeof(exclusive) / sizeof(exclusive[0]); i++) {
		if (!given[exclusive[i].option])
			continue;
		for (const int *x = exclusive[i].excludes; *x; x++) {
			if (!given[*x])
				continue;
			for (const struct option *o = longopts; o->name; o++)
				if (o->val == *x)
					usage_error(_("%s and --%s exclude each other"), exclusive[i].name, o->name);
		}
	}
}

static void parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",        no_argument,       NULL, 'J' },
		{ "list",        no_argument,       NULL, 'l' },
		{ "noheadings",  no_argument,       NULL, 'n' },
		{ "output",      required_argument, NULL, 'o' },
		{ "output-all",  no_argument,       NULL, OPT_OUTPUT_ALL },
		{ "raw",         no_argument,       NULL, 'r' },
		{ "notruncate",  no_argument,       NULL, 'u' },
		{ "type",        required_argument, NULL, 't' },
		{ "task",        required_argument, NULL, 'p' },
		{ "persistent",  no_argument,       NULL, 'P' },
		{ "tree",        optional_argument, NULL, 'T' },
		{ "why",         no_argument,       NULL, 'W' },
		{ "summary",     no_argument,       NULL, 's' },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	bool given[OPT_OUTPUT_ALL + 1] = { false };
	const struct ns_type *type;
	int c;

	while ((c = getopt_long(argc, argv, "Jlno:rut:p:PT::WshV", longopts, NULL)) != -1) {
		if (c >= 0 && c <= OPT_OUTPUT_ALL)
			given[c] = true;
		switch (c) {
		case 'J':
			style.json = true;
			break;
		case 'l':
			style.list = true;
			break;
		case 'n':
			style.noheadings = true;
			break;
		case 'o':
			columns_parse(&columns, optarg);
			break;
		case OPT_OUTPUT_ALL:
			columns_select_all(&columns);
			break;
		case 'r':
			style.raw = true;
			break;
		case 'u':
			style.notruncate = true;
			break;
		case 't':
			type = ns_type_by_name(optarg);
			if (!type)
				usage_error(_("unknown namespace type: %s"), optarg);
			types_listed[ns_type_index(type)] = types_given = true;
			break;
		case 'p':
			read_task_namespaces(optarg);
			break;
		case 'P':
			persistent = true;
			break;
		case 'T':
			parse_tree(optarg);
			break;
		case 'W':
			why = true;
			break;
		case 's':
			summary = true;
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			usage_try_help();
		}
	}
	check_exclusive(given, longopts);
	/* lsns draws the process tree unless asked for a list; raw output,
	 * meant for scripts, is a list unless a tree is asked for */
	if (style.list || (style.raw && !tree_given) || why || summary)
		tree = TREE_NONE;
	ns_args = argv + optind;
	nns_args = argc - optind;
}

/* The types this kernel has, our mount namespace, and how /proc names us. */
static void read_ourselves(void)
{
	const struct ns_type *type;
	struct stat st;
	char link[32];
	uint64_t ino;
	ssize_t len;

	for_each_ns_type(t)
		supported[ns_type_index(t)] = ns_read_link(AT_FDCWD, ns_entry("/proc/self", t->proc_name), &type, &ino) == 0;
	user_type = ns_type_by_flag(CLONE_NEWUSER);
	mnt_type = ns_type_by_flag(CLONE_NEWNS);
	socket_type = ns_type_of_sockets();
	if (ns_read_link(AT_FDCWD, ns_entry("/proc/self", mnt_type->proc_name), &type, &ino) == 0)
		our_mntns = ino;
	/* every namespace file is on the one nsfs */
	if (stat(ns_entry("/proc/self", user_type->proc_name), &st) == 0)
		nsfs_dev = st.st_dev;
	/* our PID as the /proc we read names it, which may not be our pid namespace's */
	len = readlink("/proc/self", link, sizeof(link) - 1);
	link[len > 0 ? len : 0] = '\0';
	if (parse_pid(link, &self_pid) != 0)
		self_pid = getpid();
}

/* NS arguments name namespaces that must exist. */
static void check_wanted(void)
{
	for (size_t w = 0; w < nwanted; w++)
		if (ns_find(wanted[w].ino) == INDEX_NONE)
			errx(EXIT_FAILURE, _("%s: no such namespace"), wanted[w].arg);
}

int main(int argc, char **argv)
{
	tool_init(EXIT_FAILURE);
	read_ourselves();
	columns_init(&columns, column_infos, sizeof(column_infos) / sizeof(column_infos[0]),
		     "NS,TYPE,NPROCS,PID,USER,COMMAND");
	parse_options(argc, argv);
	plan_work();
	for (int i = 0; i < nns_args; i++)
		add_wanted(ns_args[i]);

	if (need.pins)
		read_our_pins();
	if (need.processes)
		scan_processes();
	else
		scan_task();
	examine_rest();
	check_wanted();

	if (why)
		explain_all();
	else if (summary)
		print_summary();
	else
		print_table();
	return EXIT_SUCCESS;
}

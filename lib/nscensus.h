/* The census: every namespace there is, found in one pass over /proc, and
 * everything that keeps each alive: its processes, pins (nsfs mounts, in
 * every mount namespace), descriptors, sockets made in it, and its relatives
 * (NS_GET_PARENT, NS_GET_USERNS), so that a namespace no process is in is
 * found too. Only what the plan asks for is read. nsls lists what it finds;
 * ns_procs_scan (nsprocs.h), the namespaces processes are in, is the same
 * walk at its smallest. */
#ifndef NSTOOLS_NSCENSUS_H
#define NSTOOLS_NSCENSUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "nsprocs.h"
#include "nstype.h"
#include "procdetails.h"
#include "u64map.h"

/* Anything but a process that keeps a namespace alive. */
enum ns_holder_kind { HOLD_FOR_CHILDREN, HOLD_PIN, HOLD_FD, HOLD_SOCKET };

struct ns_holder {
	enum ns_holder_kind kind;
	pid_t pid;      /* the process; for a pin, a process in its mount namespace */
	int fd;
	uint64_t mntns; /* a pin's mount namespace; 0 when it is ours */
	char *path;     /* a pin's mount point */
	size_t next;    /* the namespace's next holder, or INDEX_NONE */
};

struct ns_found {
	uint64_t ino;
	const struct ns_type *type;
	size_t nprocs;
	pid_t pid;              /* the lowest PID in it, when nprocs > 0 */
	size_t proc;            /* its details, or INDEX_NONE */
	size_t holders, last_holder;
	size_t parent, owner;   /* INDEX_NONE: none, or not known */
	size_t children, owned; /* namespaces whose parent or owner this is */
	int netnsid;            /* INT_MIN: not known; -1: none */
	bool has_owner_uid;     /* a user namespace's creator, when known */
	uid_t owner_uid;
	bool examined;          /* parent, owner and netnsid asked of the kernel */
	bool mounts_read;       /* a mount namespace whose pins have been read */
};

/* What the output asks of the census: nothing more is read. */
struct census_plan {
	bool types[NS_TYPE_MAX]; /* /proc/PID/ns links to read */
	bool processes;          /* every process, not just the task's */
	bool ids, command;       /* PPID and UID, command line of the lowest PIDs */
	bool descriptors;        /* /proc/PID/fd */
	bool sockets;            /* the network namespace of sockets */
	bool children_links;     /* pid_for_children, time_for_children */
	bool pins, other_pins;   /* nsfs mounts: in our mount namespace, in others */
	bool ancestry;           /* NS_GET_PARENT, NS_GET_USERNS */
	bool owner_uids;         /* NS_GET_OWNER_UID of user namespaces */
	bool netnsid;
};

struct census_reader;

struct census {
	struct census_plan need;
	/* what was found */
	struct ns_found *nss;
	size_t nns;
	struct ns_holder *holders;
	size_t nholders;
	struct proc_details *procs;
	size_t nprocs;
	/* this system, as census_init finds it */
	bool supported[NS_TYPE_MAX];
	const struct ns_type *user_type, *mnt_type, *socket_type;
	uint64_t our_mntns;
	dev_t nsfs_dev;
	pid_t self_pid; /* as the /proc we read names us */
	struct proc_fd *inherited; /* our descriptors of namespaces and sockets at start */
	size_t ninherited;
	/* the census's own */
	size_t nss_alloc, holders_alloc, procs_alloc;
	struct u64map ns_map, socket_map;
	struct census_reader *main_reader;
};

/* The types this kernel has, our mount namespace, and how /proc names us. */
void census_init(struct census *c);

/* Namespace INO in the census, or INDEX_NONE. */
size_t census_find(const struct census *c, uint64_t ino);

/* Namespace INO, added unless it is there: its index. */
size_t census_add(struct census *c, uint64_t ino, const struct ns_type *type);

/* Ask the kernel what the plan needs of namespace INO, open at FD. */
void census_examine_fd(struct census *c, int fd, uint64_t ino, const struct ns_type *type);

/* Everything the plan asks for: pins, then every process (or, when the plan
 * reads no process, the namespaces TASK_NS of the process whose /proc
 * directory is TASK_PROCFD), then the namespaces not yet examined. */
void census_take(struct census *c, int task_procfd, const uint64_t *task_ns);

#endif

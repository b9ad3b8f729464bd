/* The mount table of a mount namespace, read once and looked up by mount ID:
 * what /proc/PID/mountinfo says, from statmount and listmount (Linux 6.8)
 * where the kernel has them, libmount reading mountinfo otherwise. */
#ifndef NSTOOLS_MOUNTTABLE_H
#define NSTOOLS_MOUNTTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "u64map.h"

struct mount {
	uint64_t id;             /* mountinfo's mount ID (not statmount's 64-bit one) */
	uint64_t parent_id;
	unsigned long propagation; /* MS_SHARED, MS_SLAVE, MS_UNBINDABLE; none of them: private */
	uint64_t peer;           /* shared:N, its peer group; 0 when not shared */
	uint64_t master;         /* master:N, the peer group it is a slave of; 0 when none */
	uint64_t propagate_from; /* propagate_from:N, as mountinfo: only when not the master;
				    from statmount only when asked for */
	/* each NULL unless asked for (mountinfo gives them all anyway) */
	char *target;            /* mount point, relative to the reader's root */
	char *fstype;            /* "fuse.sshfs": type.subtype, as mountinfo writes it */
	char *source;            /* mountinfo's source field, "none" when there is none */
	char *root;              /* the directory of the file system mounted ("/" for all of it) */

	/* the tree by mount parent, as indexes into the table */
	size_t parent, first_child, next_sibling;
};

/* What to read beyond the IDs and the propagation: each costs the kernel
 * time per mount (a mount point is a d_path), so a tool asks only for what
 * it shows. */
enum {
	MOUNT_TARGET = 1 << 0,
	MOUNT_FSTYPE = 1 << 1,
	MOUNT_SOURCE = 1 << 2,   /* the source and the root */
	MOUNT_PROPAGATE_FROM = 1 << 3, /* a search of the peer groups per slave */
};

struct mount_table {
	struct mount *mounts;    /* in the kernel's order */
	size_t count;

	size_t alloc;
	struct u64map by_id;     /* mount ID -> index */
};

/* Read the table of the mount namespace we are in, with the strings in WANT
 * (MOUNT_TARGET...): listmount and statmount where the kernel has them (and
 * says it supports every field), otherwise "self/mountinfo" under PROCFD, a
 * descriptor of /proc, through libmount. 0, or -1 with errno. */
int mount_table_read_own(struct mount_table *table, int procfd, unsigned int want);

/* Read the table of a process's mount namespace from its mountinfo, as that
 * process sees it (paths relative to its root), through PIDDIR, its /proc/PID
 * directory held by the caller: a PID reused meanwhile has no say in it.
 * 0, or -1 with errno (ENOENT, ESRCH: the process has exited). */
int mount_table_read_pid(struct mount_table *table, int piddir, unsigned int want);

/* Read a table from MOUNTINFO, a stream in the format of /proc/PID/mountinfo
 * (NAME, for libmount's messages): only the mounts of file system type
 * FSTYPE when it is not NULL. 0, or -1 with errno. */
int mount_table_read_stream(struct mount_table *table, FILE *mountinfo, const char *name, unsigned int want,
			    const char *fstype);

/* The same for the LEN bytes of mountinfo text in BUF, followed by a NUL:
 * only the mounts of type FSTYPE, quickly when they are few. BUF is
 * overwritten. */
int mount_table_read_text(struct mount_table *table, char *buf, size_t len, const char *name, unsigned int want,
			  const char *fstype);

/* The one mount that what FD refers to is on, by statmount (Linux 6.8): no
 * table read. 0, or -1 with errno (ENOSYS: this kernel cannot; read a table
 * instead, where M's id is the mountinfo ID, 0 before 5.8). The strings in M
 * are the caller's, for mount_free_strings. */
int mount_read_one(int fd, unsigned int want, struct mount *m);

void mount_free_strings(struct mount *m);

/* The index of the mount with mountinfo ID ID, or INDEX_NONE: a hash lookup. */
size_t mount_table_find(const struct mount_table *table, uint64_t id);

/* The mount after M in a walk of TOP's subtree in tree order, TOP first, or
 * INDEX_NONE when the walk is over: by the links alone, no recursion, no search. */
size_t mount_table_next(const struct mount_table *table, size_t top, size_t m);

void mount_table_free(struct mount_table *table);

#endif

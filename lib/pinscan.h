/* Namespace pins: the nsfs bind mounts in a mount table, read by lib/mounttable.
 * nsls lists what they keep alive; nspin --release tells a pin by them. */
#ifndef NSTOOLS_PINSCAN_H
#define NSTOOLS_PINSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "nstype.h"

struct pin {
	const struct ns_type *type;
	uint64_t ino;       /* the pinned namespace's inode number */
	const char *target; /* the mount point, as the table writes it */
	int mount_id;
};

/* Call FN for each pin in MOUNTINFO (a /proc/PID/mountinfo file), in the
 * table's order, until FN returns nonzero. 0, or -1 with errno when the table
 * cannot be read (ENOENT, ESRCH: its process has exited). */
int pin_scan(const char *mountinfo, int (*fn)(const struct pin *pin, void *data), void *data);

/* The same for FD, a mountinfo file opened by the caller (through a /proc/PID
 * directory it holds, say); NAME for libmount's messages. */
int pin_scan_fd(int fd, const char *name, int (*fn)(const struct pin *pin, void *data), void *data);

/* The same for the LEN bytes of a mountinfo file in BUF, followed by a NUL;
 * BUF is overwritten. NAME is the file's name, for libmount's messages. */
int pin_scan_buffer(char *buf, size_t len, const char *name, int (*fn)(const struct pin *pin, void *data),
		    void *data);

#endif

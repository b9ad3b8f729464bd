/* Mount propagation: the four states by name, and setting them. */
#ifndef NSTOOLS_PROPAGATION_H
#define NSTOOLS_PROPAGATION_H

#include <stdbool.h>
#include <sys/mount.h>

/* MS_SHARED, MS_SLAVE, MS_PRIVATE or MS_UNBINDABLE for "shared", "slave",
 * "private", "unbindable"; 0 for any other name. */
unsigned long propagation_by_name(const char *name);
const char *propagation_name(unsigned long flag);

/* What findmnt's PROPAGATION column says of a mount whose state is FLAGS
 * (MS_SHARED, MS_SLAVE, MS_UNBINDABLE, or none): "shared" or "private", then
 * ",slave" and ",unbindable" as they apply: "private,slave", "shared,slave". */
const char *propagation_words(unsigned long flags);

/* Set the propagation of the mount at PATH (relative to DIRFD), and of every
 * mount below it when RECURSIVE: mount_setattr (Linux 5.12) where the kernel
 * has it, mount(2) otherwise. 0, or -1 with errno (EINVAL: not a mount point). */
int set_propagation(int dirfd, const char *path, unsigned long flag, bool recursive);

#endif

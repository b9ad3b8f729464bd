/* Reading a whole file, /proc's included (whose size stat does not tell). */
#ifndef NSTOOLS_READALL_H
#define NSTOOLS_READALL_H

#include <stddef.h>

/* Everything left to read on FD, followed by a NUL (to be freed); *LEN is its
 * length. NULL with errno when it cannot be read. FD stays open. */
char *read_all(int fd, size_t *len);

#endif

/* Writing a file of /proc/PID: what a parent sets up for a child it made,
 * its uid_map, setgroups, timens_offsets. */
#ifndef NSTOOLS_PROCFILE_H
#define NSTOOLS_PROCFILE_H

#include <sys/types.h>

/* Write TEXT to /proc/PID/NAME in one write(2), as the kernel wants those
 * files written. 0, or -1 after a warning naming the file. */
int proc_write_file(pid_t pid, const char *name, const char *text);

#endif

/* A new time namespace's clock offsets (--monotonic, --boottime): written by
 * the parent before any process is in it, then entered by the child. */
#ifndef NSTOOLS_TIMENS_H
#define NSTOOLS_TIMENS_H

#include <stdint.h>
#include <sys/types.h>

/* ARG as a clock offset in seconds; anything else is a usage error. */
int64_t time_offset_parse(const char *arg);

/* Write the offsets into CHILD's /proc/PID/timens_offsets: the time namespace
 * it made for its children and has no process in yet. 0, or -1 after a warning. */
int time_offsets_write(pid_t child, int64_t monotonic, int64_t boottime);

/* Enter the time namespace this process made for its children
 * (time_for_children), once its offsets are written; exits on failure. */
void time_namespace_enter_late(void);

#endif

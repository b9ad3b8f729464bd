/* Parsing numbers from the command line: whole strings only, ranges checked. */
#ifndef NSTOOLS_PARSE_H
#define NSTOOLS_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* 0 on success; -1 with errno EINVAL (not a number) or ERANGE (outside MIN..MAX). */
int parse_u64(const char *str, uint64_t min, uint64_t max, uint64_t *result);

/* A signed decimal number (an optional leading '-') within MIN..MAX. */
int parse_s64(const char *str, int64_t min, int64_t max, int64_t *result);

/* A clock offset in seconds for a time namespace (nsclone --monotonic,
 * --boottime): a signed number within what the kernel takes, about +-146 years. */
int parse_clock_offset(const char *str, int64_t *seconds);

/* A signal by name (KILL, SIGKILL, kill) or number; -1 when there is none. */
int parse_signal(const char *str);

/* A process ID: 1 .. the largest pid_t. */
int parse_pid(const char *str, pid_t *pid);

/* True when STR is all decimal digits, the way SPECs and TARGETs tell a PID from a path. */
bool is_all_digits(const char *str);

#endif

/* What every tool does the same way: start-up, usage errors, exit statuses. */
#ifndef NSTOOLS_TOOL_H
#define NSTOOLS_TOOL_H

#include <err.h>
#include <stdnoreturn.h>

#include "nls.h"

/* The statuses of env(1) and chroot(1), for tools that run a command. */
enum {
	EXIT_TOOL_FAILED = 125,
	EXIT_CANNOT_RUN = 126,
	EXIT_NOT_FOUND = 127,
};

/* The status every failure of this tool exits with: EXIT_TOOL_FAILED for the
 * wrappers, EXIT_FAILURE for the others. Pass it to err() and errx(). */
extern int tool_failure;

/* Set the locale and text domain, remember the failure status, refuse to run
 * when the real and effective user or group IDs differ (set-ID), and check that
 * stdout was written when the tool exits. */
void tool_init(int failure_status);

/* One line naming the problem, one pointing at --help, then exit tool_failure. */
noreturn void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The usage error for an option getopt_long refused (it has already said why). */
noreturn void usage_try_help(void);

/* The --version line. */
noreturn void print_version(void);

#endif

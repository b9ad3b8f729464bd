#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tool.h"

int tool_failure = EXIT_FAILURE;

/* A write error on stdout (a full disk, a closed pipe) must not pass silently:
 * `nsls > /dev/full` fails. */
static void close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno == EPIPE)
			_exit(tool_failure);
		warn(_("write error"));
		_exit(tool_failure);
	}
}

void tool_init(int failure_status)
{
	tool_failure = failure_status;
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
	/* The tools enter namespaces, mount and exec what they are told: set-user-ID
	 * or set-group-ID, any user could use them to get root's namespaces. Like
	 * unshare and nsenter, they are meant to run with the caller's own IDs
	 * (or capabilities), so a set-ID install is a mistake, refused before any
	 * option is read. */
	if (getuid() != geteuid() || getgid() != getegid())
		errx(tool_failure, _("refusing to run set-user-ID or set-group-ID"));
	atexit(close_stdout);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): clang 14 misses va_start */
	va_end(ap);
	fputc('\n', stderr);
	usage_try_help();
}

void usage_try_help(void)
{
	fprintf(stderr, _("Try '%s --help' for more information.\n"), program_invocation_short_name);
	exit(tool_failure);
}

void print_version(void)
{
	printf("%s (%s) %s\n", program_invocation_short_name, PACKAGE_NAME, PACKAGE_VERSION);
	exit(EXIT_SUCCESS);
}

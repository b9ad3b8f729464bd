#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "kernel.h"
#include "parse.h"
#include "procfile.h"
#include "timens.h"
#include "tool.h"

int64_t time_offset_parse(const char *arg)
{
	int64_t seconds;

	if (parse_clock_offset(arg, &seconds) != 0)
		usage_error(_("%s: invalid number of seconds"), arg);
	return seconds;
}

int time_offsets_write(pid_t child, int64_t monotonic, int64_t boottime)
{
	char text[128];

	snprintf(text, sizeof(text), "monotonic %" PRId64 " 0\nboottime %" PRId64 " 0\n", monotonic, boottime);
	return proc_write_file(child, "timens_offsets", text);
}

void time_namespace_enter_late(void)
{
	int fd = open("/proc/self/ns/time_for_children", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || setns(fd, CLONE_NEWTIME) != 0)
		err(EXIT_TOOL_FAILED, _("cannot enter the new time namespace"));
	close(fd);
}

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "procfile.h"
#include "tool.h"

int proc_write_file(pid_t pid, const char *name, const char *text)
{
	char path[64];
	int fd, rc = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int) pid, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t) strlen(text)) {
		warn(_("cannot write %s"), path);
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	return rc;
}

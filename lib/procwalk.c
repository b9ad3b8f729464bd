#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "procwalk.h"

int proc_walk_open(struct proc_walk *walk, int procfd)
{
	int fd = procfd < 0 ? open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
			    : openat(procfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	walk->dir = fdopendir(fd);
	if (!walk->dir) {
		close(fd);
		return -1;
	}
	walk->dirfd = fd;
	return 0;
}

pid_t proc_walk_next(struct proc_walk *walk, const char **name)
{
	struct dirent *entry;

	for (;;) {
		pid_t pid = 0;
		const char *p;

		errno = 0;
		entry = readdir(walk->dir);
		if (!entry)
			return errno ? -1 : 0;
		/* /proc lists its own files first, then one directory per
		 * process; a name with anything but digits is not a PID */
		for (p = entry->d_name; *p >= '0' && *p <= '9' && pid <= 99999999; p++)
			pid = pid * 10 + (*p - '0');
		if (*p == '\0' && pid > 0) {
			*name = entry->d_name;
			return pid;
		}
	}
}

void proc_walk_close(struct proc_walk *walk)
{
	if (walk->dir)
		closedir(walk->dir);
	walk->dir = NULL;
	walk->dirfd = -1;
}

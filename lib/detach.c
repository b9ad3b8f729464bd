#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "detach.h"
#include "safepath.h"
#include "tool.h"

int log_file_open(const char *path)
{
	struct stat dir, file;
	char *name;
	int dirfd, flags, log_fd;

	dirfd = path_open_parent(path, &name);
	if (dirfd < 0)
		errx(EXIT_TOOL_FAILED, "%s: %s", path, path_error(errno));
	if (fstat(dirfd, &dir) != 0)
		err(EXIT_TOOL_FAILED, "%s", path);
	if (!dir_is_trusted(&dir) && !(dir.st_mode & S_ISVTX))
		errx(EXIT_TOOL_FAILED, _("%s: in a directory others can write: refused"), path);
	/* O_NONBLOCK: a FIFO with no reader must not hang us; cleared below */
	log_fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY,
			0644);
	if (log_fd < 0) {
		if (errno == ELOOP)
			errx(EXIT_TOOL_FAILED, _("%s: a symbolic link: refused"), path);
		err(EXIT_TOOL_FAILED, "%s", path);
	}
	if (fstat(log_fd, &file) != 0)
		err(EXIT_TOOL_FAILED, "%s", path);
	if (!dir_is_trusted(&dir) && file.st_uid != geteuid())
		errx(EXIT_TOOL_FAILED, _("%s: not ours, in a directory others can write: refused"), path);
	if ((flags = fcntl(log_fd, F_GETFL)) < 0 || fcntl(log_fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
		err(EXIT_TOOL_FAILED, "%s", path);
	close(dirfd);
	free(name);
	return log_fd;
}

void stdio_detach(int *log_fd)
{
	int in = open("/dev/null", O_RDWR | O_CLOEXEC), out = *log_fd >= 0 ? *log_fd : in;

	if (in < 0)
		err(EXIT_TOOL_FAILED, "/dev/null");
	if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 || dup2(out, STDERR_FILENO) < 0)
		err(EXIT_TOOL_FAILED, _("cannot redirect standard input and output"));
	close(in);
	if (*log_fd >= 0)
		close(*log_fd);
	*log_fd = -1;
}

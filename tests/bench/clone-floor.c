/* The floor for nsclone's benchmark: the least a program can do to run
 * `true` in new namespaces. clone with the flags, map root for -U, mount
 * proc for -P, exec, wait. Usage: clone-floor FLAGS (letters of m u i n p U P). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		perror(path);
	close(fd);
}

int main(int argc, char **argv)
{
	const char *letters = argc > 1 ? argv[1] : "";
	int flags = SIGCHLD, go[2], status;
	char path[64], map[32], byte;
	pid_t child;

	if (strchr(letters, 'm') || strchr(letters, 'P')) flags |= CLONE_NEWNS;
	if (strchr(letters, 'u')) flags |= CLONE_NEWUTS;
	if (strchr(letters, 'i')) flags |= CLONE_NEWIPC;
	if (strchr(letters, 'n')) flags |= CLONE_NEWNET;
	if (strchr(letters, 'p')) flags |= CLONE_NEWPID;
	if (strchr(letters, 'U')) flags |= CLONE_NEWUSER;
	if (pipe2(go, O_CLOEXEC) != 0)
		return 1;
	child = (pid_t) syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);
	if (child == 0) {
		if (read(go[0], &byte, 1) != 1)
			_exit(1);
		if (strchr(letters, 'P') && (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
					     mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0))
			_exit(1);
		execlp("true", "true", (char *) NULL);
		_exit(127);
	}
	if (child < 0)
		return 1;
	if (flags & CLONE_NEWUSER) {
		snprintf(path, sizeof(path), "/proc/%d/setgroups", child);
		write_file(path, "deny");
		snprintf(map, sizeof(map), "0 %d 1", (int) geteuid());
		snprintf(path, sizeof(path), "/proc/%d/uid_map", child);
		write_file(path, map);
		snprintf(map, sizeof(map), "0 %d 1", (int) getegid());
		snprintf(path, sizeof(path), "/proc/%d/gid_map", child);
		write_file(path, map);
	}
	if (write(go[1], "g", 1) != 1)
		return 1;
	waitpid(child, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

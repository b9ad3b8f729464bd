/* pid-reuse: take the PID of a process that a tool has just found.
 *
 *   pid-reuse [-p] TOOL NR READY VICTIM... -- IMPOSTOR...
 *
 * Starts VICTIM and prints its PID. Then waits until a thread of a process
 * called TOOL is stopped at system call NR (as a tool run under strace with
 * delay_enter is; with -p, only a call whose first argument is the victim's
 * PID) for 20 ms and more, kills the victim, reaps it, and starts IMPOSTOR with the same PID by
 * writing the PID before it to /proc/sys/kernel/ns_last_pid (which needs
 * CAP_SYS_ADMIN over the pid namespace: run it in one of the test's own).
 * Once the impostor runs a program called READY, its PID is printed and
 * pid-reuse exits 0: the tool, still stopped, goes on with the impostor
 * behind the PID it found. Exit 2: the PID went to another process; 3: the
 * tool never got there. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t len;

	if (fd < 0)
		return -1;
	len = read(fd, buf, size - 1);
	close(fd);
	if (len < 0)
		return -1;
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static void pause_briefly(void)
{
	struct timespec ts = { 0, 200 * 1000 };

	nanosleep(&ts, NULL);
}

/* Is a thread of a process called TOOL stopped at system call NR (with ARG0
 * as its first argument, unless ARG0 is 0)? /proc/PID/syscall says. */
static bool tool_at_call(const char *tool, long nr, long arg0)
{
	DIR *proc = opendir("/proc");
	struct dirent *p;
	bool found = false;

	if (!proc)
		return false;
	while (!found && (p = readdir(proc))) {
		char path[600], text[256];
		DIR *tasks;
		struct dirent *t;

		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", p->d_name);
		if (read_text(path, text, sizeof(text)) != 0 || strcmp(text, tool) != 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/task", p->d_name);
		tasks = opendir(path);
		while (tasks && !found && (t = readdir(tasks))) {
			long got_nr, got_arg0;

			if (t->d_name[0] < '0' || t->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/task/%s/syscall", p->d_name, t->d_name);
			if (read_text(path, text, sizeof(text)) != 0 ||
			    sscanf(text, "%ld %lx", &got_nr, &got_arg0) != 2)
				continue;
			found = got_nr == nr && (arg0 == 0 || got_arg0 == arg0);
		}
		if (tasks)
			closedir(tasks);
	}
	closedir(proc);
	return found;
}

static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid < 0) {
		perror("pid-reuse: fork");
		exit(1);
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	bool by_pid = argc > 1 && strcmp(argv[1], "-p") == 0;
	char **args = argv + 1 + by_pid, **impostor_argv = NULL, text[64];
	pid_t victim, impostor;
	const char *tool, *ready;
	long nr;
	int fd, tries;

	if (argc - 1 - by_pid < 5) {
		fprintf(stderr, "usage: pid-reuse [-p] TOOL NR READY VICTIM... -- IMPOSTOR...\n");
		return 1;
	}
	tool = args[0];
	nr = strtol(args[1], NULL, 10);
	ready = args[2];
	args += 3;
	for (char **a = args; *a; a++)
		if (strcmp(*a, "--") == 0) {
			*a = NULL;
			impostor_argv = a + 1;
			break;
		}
	if (!impostor_argv || !*impostor_argv || !*args) {
		fprintf(stderr, "pid-reuse: no VICTIM or no IMPOSTOR\n");
		return 1;
	}

	victim = start(args);
	printf("%d\n", (int) victim);
	fflush(stdout);

	/* stopped there twice, 20 ms apart: in a delay of strace's, not in a
	 * call that strace only traces on the way */
	for (tries = 0; !tool_at_call(tool, nr, by_pid ? (long) victim : 0) ||
		       (usleep(20000), !tool_at_call(tool, nr, by_pid ? (long) victim : 0)); tries++) {
		if (tries > 100000) { /* 20 seconds and more */
			fprintf(stderr, "pid-reuse: %s never reached system call %ld\n", tool, nr);
			kill(victim, SIGKILL);
			return 3;
		}
		pause_briefly();
	}

	kill(victim, SIGKILL);
	waitpid(victim, NULL, 0);
	fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
	snprintf(text, sizeof(text), "%d", (int) victim - 1);
	if (fd < 0 || write(fd, text, strlen(text)) < 0) {
		perror("pid-reuse: /proc/sys/kernel/ns_last_pid");
		return 1;
	}
	close(fd);
	impostor = start(impostor_argv);
	if (impostor != victim) {
		fprintf(stderr, "pid-reuse: the impostor got PID %d, not %d\n", (int) impostor, (int) victim);
		return 2;
	}
	/* the tool goes on once strace's delay is over: the impostor must be
	 * all set up by then */
	for (tries = 0; tries < 100000; tries++) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/comm", (int) impostor);
		if (read_text(path, text, sizeof(text)) == 0 && strcmp(text, ready) == 0)
			break;
		pause_briefly();
	}
	printf("%d\n", (int) impostor);
	return 0;
}

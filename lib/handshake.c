#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "handshake.h"
#include "tool.h"

void handshake_open(struct handshake *h)
{
	if (pipe2(h->ready, O_CLOEXEC) != 0 || pipe2(h->go, O_CLOEXEC) != 0)
		err(EXIT_TOOL_FAILED, _("cannot make a pipe"));
}

void handshake_child_begin(struct handshake *h)
{
	close(h->ready[0]);
	close(h->go[1]);
}

void handshake_child_wait(struct handshake *h, bool wait)
{
	char byte;

	if (wait) {
		ssize_t go;

		if (write(h->ready[1], "r", 1) != 1)
			err(EXIT_TOOL_FAILED, _("cannot say that the new namespaces are ready"));
		go = read(h->go[0], &byte, 1);
		if (go < 0)
			err(EXIT_TOOL_FAILED, _("cannot wait for the ID maps and pins to be made"));
		if (go == 0)
			_exit(EXIT_TOOL_FAILED); /* the parent failed, and said why */
	}
	close(h->go[0]);
}

void handshake_exec_failed(struct handshake *h)
{
	if (write(h->ready[1], "x", 1) != 1)
		_exit(EXIT_TOOL_FAILED);
}

void handshake_parent_begin(struct handshake *h)
{
	close(h->ready[1]);
	close(h->go[0]);
}

int handshake_wait_ready(struct handshake *h, pid_t child)
{
	ssize_t ready;
	char byte;

	ready = read(h->ready[0], &byte, 1);
	if (ready == 0) {
		/* the child failed before it was ready, and said why */
		int wstatus;

		waitpid(child, &wstatus, 0);
		exit(exit_status_of(wstatus));
	}
	if (ready < 0) {
		warn(_("process %d: cannot learn that it is ready"), (int) child);
		return -1;
	}
	return 0;
}

int handshake_go(struct handshake *h, pid_t child)
{
	if (write(h->go[1], "g", 1) != 1) {
		warn(_("cannot start process %d"), (int) child);
		return -1;
	}
	close(h->go[1]);
	return 0;
}

void handshake_detach(struct handshake *h, pid_t child)
{
	char byte;
	int wstatus;

	if (read(h->ready[0], &byte, 1) > 0) {
		waitpid(child, &wstatus, 0);
		exit(exit_status_of(wstatus));
	}
	printf("%d\n", (int) child);
	exit(EXIT_SUCCESS);
}

/* The handshake of a parent and the child it made in new namespaces: the
 * child says it is ready, the parent that it has written what only it can
 * (ID maps, time offsets, pins) and the child may go on. The ready pipe also
 * closes on the child's exec, which tells a detaching parent the command has
 * started; a word on it instead says the command could not. */
#ifndef NSTOOLS_HANDSHAKE_H
#define NSTOOLS_HANDSHAKE_H

#include <stdbool.h>
#include <stdnoreturn.h>
#include <sys/types.h>

struct handshake {
	int ready[2], go[2];
};

/* Both pipes, O_CLOEXEC, before the child is made; exits on failure. */
void handshake_open(struct handshake *h);

/* In the child: close the parent's ends. */
void handshake_child_begin(struct handshake *h);

/* In the child: when WAIT, say we are ready and wait for the parent's word
 * (exit when it failed: it has said why); then close the go pipe. */
void handshake_child_wait(struct handshake *h, bool wait);

/* In the child, after a failed exec: tell a detaching parent (it waits for
 * this word, not for our exit). */
void handshake_exec_failed(struct handshake *h);

/* In the parent: close the child's ends. */
void handshake_parent_begin(struct handshake *h);

/* In the parent: wait until CHILD is ready. 0; -1 after a warning; when the
 * child failed before (and said why), exit with its status. */
int handshake_wait_ready(struct handshake *h, pid_t child);

/* In the parent: let CHILD go on. 0; -1 after a warning. */
int handshake_go(struct handshake *h, pid_t child);

/* In a detaching parent: once the command runs, print CHILD's PID and exit
 * 0; when it could not, exit with the child's status. */
noreturn void handshake_detach(struct handshake *h, pid_t child);

#endif

/* Running a command, the way env(1) and chroot(1) do, and standing by it. */
#ifndef NSTOOLS_COMMAND_H
#define NSTOOLS_COMMAND_H

#include <signal.h>
#include <stdbool.h>
#include <stdnoreturn.h>
#include <sys/types.h>

/* execvp ARGV[0]; if that fails, say why and exit 127 (not found) or 126. */
noreturn void exec_command(char *const argv[]);

/* After a failed exec of NAME (errno set): say why, exit 127 or 126. */
noreturn void exit_command_failed(const char *name);

/* The command to run when none is given: $SHELL, else /bin/sh. */
char **default_command(void);

/* A child's wait status as an exit status: its own, or 128+N for signal N. */
int exit_status_of(int wstatus);

/* Block the signals a waiting parent relays, before it creates the child, so
 * none is lost in between; SAVED is what the child restores before exec. */
void relay_signals_block(sigset_t *saved);

/* In the parent: pass on to CHILD each relayed signal someone sends us (the
 * terminal already signals the whole foreground group), reap it, and exit as
 * it did. An init (REAP_ORPHANS) also reaps every other child it inherits. */
noreturn void relay_signals_until_exit(pid_t child, bool reap_orphans);

/* Fork a child that goes on with the caller's work while this process relays
 * signals to it and exits with its status. Returns 0 in the child, -1 (errno
 * set) when there is no child. */
pid_t fork_relaying_signals(void);

#endif

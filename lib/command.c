#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "tool.h"

static const int relayed_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH,
};

void exec_command(char *const argv[])
{
	execvp(argv[0], argv);
	exit_command_failed(argv[0]);
}

void exit_command_failed(const char *name)
{
	err(errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN, _("failed to execute %s"), name);
}

char **default_command(void)
{
	static char *argv[2];
	const char *shell = getenv("SHELL");

	argv[0] = (char *) (shell && *shell ? shell : "/bin/sh");
	argv[1] = NULL;
	return argv;
}

int exit_status_of(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

void relay_signals_block(sigset_t *saved)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(relayed_signals) / sizeof(relayed_signals[0]); i++)
		sigaddset(&set, relayed_signals[i]);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, saved);
	/* an inherited SIG_IGN for SIGCHLD would reap the child behind our back */
	signal(SIGCHLD, SIG_DFL);
}

void relay_signals_until_exit(pid_t child, bool reap_orphans)
{
	sigset_t set;
	siginfo_t info;
	int wstatus;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(relayed_signals) / sizeof(relayed_signals[0]); i++)
		sigaddset(&set, relayed_signals[i]);
	sigaddset(&set, SIGCHLD);

	for (;;) {
		pid_t done;

		while ((done = waitpid(reap_orphans ? -1 : child, &wstatus, WNOHANG)) > 0)
			if (done == child)
				exit(exit_status_of(wstatus));
		if (done < 0 && errno != EINTR)
			err(tool_failure, _("waiting for process %d"), (int) child);
		if (sigwaitinfo(&set, &info) < 0 || info.si_signo == SIGCHLD)
			continue;
		/* SI_USER and SI_QUEUE are kill(2) and sigqueue(3); a signal from
		 * the kernel (a terminal's ^C) has reached the child already */
		if (info.si_code <= 0)
			kill(child, info.si_signo);
	}
}

pid_t fork_relaying_signals(void)
{
	sigset_t saved;
	pid_t child;

	relay_signals_block(&saved);
	child = fork();
	if (child < 0) {
		int saved_errno = errno;

		sigprocmask(SIG_SETMASK, &saved, NULL);
		errno = saved_errno;
		return -1;
	}
	if (child == 0) {
		sigprocmask(SIG_SETMASK, &saved, NULL);
		return 0;
	}
	relay_signals_until_exit(child, false);
}

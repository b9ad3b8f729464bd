/* nsclone --TYPE=FILE, as util-linux's unshare --TYPE=FILE: each new
 * namespace named so is pinned on its FILE (a path, or a NAME under the pin
 * root; a network namespace by NAME is /run/netns/NAME too) before COMMAND
 * starts, all or none. */
#ifndef NSTOOLS_PINFILES_H
#define NSTOOLS_PINFILES_H

#include <stdbool.h>
#include <sys/types.h>

#include "nstype.h"

struct pin_files {
	const char *arg[NS_TYPE_MAX];  /* FILE as given, or NULL */
	bool made[NS_TYPE_MAX];
	bool existed[NS_TYPE_MAX];     /* an empty file was there: put back */
	bool any;
};

/* --TYPE=FILE: remember FILE for TYPE; a second one is a usage error. */
void pin_files_add(struct pin_files *files, const struct ns_type *type, const char *arg);

/* Make /run/netns and the pin root ready for the FILEs given: exits on
 * failure, before the child is made. */
void pin_files_prepare(const struct pin_files *files);

/* Pin each namespace of process PID that a FILE was given for (for pid and
 * time, those its children are made in). 0, or -1 after a warning with the
 * pins made undone. */
int pin_files_of_process(struct pin_files *files, pid_t pid);

/* Undo every pin made. */
void pin_files_rollback(struct pin_files *files);

#endif

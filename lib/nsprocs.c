#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsprocs.h"
#include "procwalk.h"

static int by_namespace_then_pid(const void *a, const void *b)
{
	const struct ns_procs *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int by_pid(const void *a, const void *b)
{
	const struct ns_procs *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* One entry per process first, then sorted and folded: n log n, not n squared. */
ssize_t ns_procs_scan(int procfd, const struct ns_type *type, struct ns_procs **found)
{
	struct ns_procs *list = NULL;
	size_t count = 0, alloc = 0, distinct = 0;
	struct proc_walk walk;
	const char *name;
	char relpath[64];
	struct stat st;
	pid_t pid;

	if (proc_walk_open(&walk, procfd) != 0)
		return -1;
	while ((pid = proc_walk_next(&walk, &name)) > 0) {
		snprintf(relpath, sizeof(relpath), "%s/ns/%s", name, type->proc_name);
		/* EACCES: not ours to inspect; ENOENT: gone, or a zombie */
		if (fstatat(procfd, relpath, &st, 0) != 0)
			continue;
		if (count == alloc) {
			struct ns_procs *bigger = realloc(list, (alloc = alloc * 2 + 256) * sizeof(*list));

			if (!bigger) {
				free(list);
				proc_walk_close(&walk);
				return -1;
			}
			list = bigger;
		}
		list[count++] = (struct ns_procs) { st.st_dev, st.st_ino, pid, 1 };
	}
	proc_walk_close(&walk);

	if (count > 0)
		qsort(list, count, sizeof(*list), by_namespace_then_pid);
	for (size_t i = 0; i < count; i++) {
		if (distinct > 0 && list[distinct - 1].dev == list[i].dev && list[distinct - 1].ino == list[i].ino) {
			list[distinct - 1].nprocs++;
			continue;
		}
		list[distinct++] = list[i];
	}
	if (distinct > 0)
		qsort(list, distinct, sizeof(*list), by_pid);
	*found = list;
	return (ssize_t) distinct;
}

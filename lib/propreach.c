#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "array.h"
#include "propreach.h"
#include "tool.h"

/* A mount of some view, by peer group or master group. */
struct member {
	uint64_t group;
	size_t view, mount;
};

/* The walk: what is listed, and the peer groups still to follow. */
struct reach {
	const struct mount_views *views;
	struct mount_rows *rows;
	bool **listed;           /* per view, per mount: already in ROWS */
	uint64_t *queue;
	size_t nqueue, queue_alloc;
};

static int by_group(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	return (x->group > y->group) - (x->group < y->group);
}

/* Every mount of every view in a peer group (or, when MASTER, a slave of
 * one), sorted by that group. */
static struct member *members_by(const struct mount_views *views, bool master, size_t *count)
{
	struct member *list = NULL;
	size_t n = 0, alloc = 0;

	for (size_t v = 0; v < views->count; v++) {
		const struct mount_table *table = &views->views[v].table;

		array_reserve_or_exit(&list, &alloc, n + table->count + 1, sizeof(*list));
		for (size_t m = 0; m < table->count; m++) {
			uint64_t group = master ? table->mounts[m].master : table->mounts[m].peer;

			if (group != 0)
				list[n++] = (struct member) { group, v, m };
		}
	}
	/* no view, no list: qsort's base must not be NULL even for 0 items */
	if (n > 1)
		qsort(list, n, sizeof(*list), by_group);
	*count = n;
	return list;
}

static size_t first_of_group(const struct member *list, size_t n, uint64_t group)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (list[mid].group < group)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void list_member(struct reach *reach, const struct member *member)
{
	uint64_t peer = reach->views->views[member->view].table.mounts[member->mount].peer;

	if (reach->listed[member->view][member->mount])
		return;
	reach->listed[member->view][member->mount] = true;
	mount_rows_add(reach->rows, member->view, member->mount, INDEX_NONE);
	/* a slave that is shared too passes on what it receives to its own group */
	if (peer != 0) {
		array_reserve_or_exit(&reach->queue, &reach->queue_alloc, reach->nqueue + 1, sizeof(*reach->queue));
		reach->queue[reach->nqueue++] = peer;
	}
}

void prop_reach(const struct mount_views *views, size_t view, size_t top, struct mount_rows *rows)
{
	struct reach reach = { .views = views, .rows = rows };
	size_t npeers, nslaves;
	struct member *by_peer = members_by(views, false, &npeers), *by_master = members_by(views, true, &nslaves);
	struct member self = { 0, view, top };
	bool *done = calloc(npeers + 1, sizeof(*done));

	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, so sizeof a pointer */
	reach.listed = calloc(views->count + 1, sizeof(*reach.listed));
	if (!done || !reach.listed)
		err(tool_failure, NULL);
	for (size_t v = 0; v < views->count; v++)
		if (!(reach.listed[v] = calloc(views->views[v].table.count + 1, sizeof(bool))))
			err(tool_failure, NULL);
	list_member(&reach, &self);
	for (size_t q = 0; q < reach.nqueue; q++) {
		uint64_t group = reach.queue[q];
		size_t first = first_of_group(by_peer, npeers, group);

		/* each group once: marked at its first member */
		if (first >= npeers || by_peer[first].group != group || done[first])
			continue;
		done[first] = true;
		for (size_t i = first; i < npeers && by_peer[i].group == group; i++)
			list_member(&reach, &by_peer[i]);
		for (size_t i = first_of_group(by_master, nslaves, group); i < nslaves && by_master[i].group == group;
		     i++)
			list_member(&reach, &by_master[i]);
	}
	for (size_t v = 0; v < views->count; v++)
		free(reach.listed[v]);
	free(reach.listed);
	free(reach.queue);
	free(done);
	free(by_peer);
	free(by_master);
}

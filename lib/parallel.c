#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>

#include "parallel.h"

/* The CPUs we may run on: what a container or taskset allows, not all there are. */
static size_t usable_cpus(cpu_set_t *cpus)
{
	if (sched_getaffinity(0, sizeof(*cpus), cpus) != 0)
		return 1;
	return (size_t) CPU_COUNT(cpus);
}

size_t parallel_parts(size_t count, size_t min_items)
{
	cpu_set_t cpus;
	size_t nparts;

	if (count < 2 * min_items)
		return 1;
	nparts = usable_cpus(&cpus);
	if (nparts > PARALLEL_PARTS_MAX)
		nparts = PARALLEL_PARTS_MAX;
	while (nparts > 1 && count / nparts < min_items)
		nparts--;
	return nparts;
}

void parallel_run(void *(*work)(void *part), void *parts, size_t size, size_t nparts)
{
	pthread_t threads[PARALLEL_PARTS_MAX];
	bool started[PARALLEL_PARTS_MAX] = { false };
	pthread_attr_t attr, *attrp = NULL;
	cpu_set_t others;
	int here = sched_getcpu();
	char *part = parts;

	/* A new thread is woken on its creator's CPU and runs first, so the
	 * creator waits there until the scheduler moves one of them, which
	 * can take longer than the work: start the others elsewhere. */
	if (nparts > 1 && here >= 0 && usable_cpus(&others) > 1 && pthread_attr_init(&attr) == 0) {
		CPU_CLR(here, &others);
		if (pthread_attr_setaffinity_np(&attr, sizeof(others), &others) == 0)
			attrp = &attr;
	}
	for (size_t i = 1; i < nparts && i < PARALLEL_PARTS_MAX; i++)
		started[i] = pthread_create(&threads[i], attrp, work, part + i * size) == 0;
	work(part);
	for (size_t i = 1; i < nparts; i++) {
		if (i < PARALLEL_PARTS_MAX && started[i])
			pthread_join(threads[i], NULL);
		else
			work(part + i * size); /* no thread to spare: done here */
	}
	if (attrp)
		pthread_attr_destroy(attrp);
}

/* A hash map from 64-bit keys (inode numbers, mount IDs, PIDs) to indexes
 * into a tool's own arrays: open addressing, grown as it fills. */
#ifndef NSTOOLS_U64MAP_H
#define NSTOOLS_U64MAP_H

#include <err.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "array.h"
#include "tool.h"

struct u64map {
	uint64_t *keys;
	size_t *slots;   /* the value + 1; 0 for an empty slot, so any key may be used */
	size_t size, count;
};

/* The value of KEY, or INDEX_NONE. */
size_t u64map_get(const struct u64map *map, uint64_t key);

/* Set KEY to VALUE (anything but INDEX_NONE). 0, or -1 with errno ENOMEM. */
int u64map_put(struct u64map *map, uint64_t key, size_t value);

/* The same for a tool that cannot go on without it: exits with the tool's
 * failure status, as array_reserve_or_exit does. */
static inline void u64map_put_or_exit(struct u64map *map, uint64_t key, size_t value)
{
	if (u64map_put(map, key, value) != 0)
		errx(tool_failure, "%s", strerror(ENOMEM));
}

void u64map_free(struct u64map *map);

#endif

#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "u64map.h"

static size_t slot_of(const struct u64map *map, uint64_t key)
{
	/* Fibonacci hashing: dense keys (mount IDs, PIDs) are spread too */
	uint64_t hash = key * 0x9e3779b97f4a7c15ULL;

	return (size_t) (hash ^ (hash >> 29)) & (map->size - 1);
}

size_t u64map_get(const struct u64map *map, uint64_t key)
{
	if (map->size == 0)
		return INDEX_NONE;
	for (size_t i = slot_of(map, key); map->slots[i] != 0; i = (i + 1) & (map->size - 1))
		if (map->keys[i] == key)
			return map->slots[i] - 1;
	return INDEX_NONE;
}

/* Twice the size, every entry moved over. */
static int u64map_grow(struct u64map *map)
{
	struct u64map bigger = { .size = map->size ? map->size * 2 : 64 };

	bigger.keys = calloc(bigger.size, sizeof(*bigger.keys));
	bigger.slots = calloc(bigger.size, sizeof(*bigger.slots));
	if (!bigger.keys || !bigger.slots) {
		u64map_free(&bigger);
		errno = ENOMEM;
		return -1;
	}
	/* at most half full after this, so these never grow it again */
	for (size_t i = 0; i < map->size; i++)
		if (map->slots[i] != 0)
			u64map_put(&bigger, map->keys[i], map->slots[i] - 1);
	/* field by field: clang's analyzer loses a whole-struct copy here
	 * and then sees the freed arrays in use */
	free(map->keys);
	free(map->slots);
	map->keys = bigger.keys;
	map->slots = bigger.slots;
	map->size = bigger.size;
	map->count = bigger.count;
	return 0;
}

int u64map_put(struct u64map *map, uint64_t key, size_t value)
{
	size_t i;

	/* kept at most half full, so that a probe ends soon */
	if (2 * (map->count + 1) > map->size && u64map_grow(map) != 0)
		return -1;
	for (i = slot_of(map, key); map->slots[i] != 0 && map->keys[i] != key; i = (i + 1) & (map->size - 1))
		;
	map->count += map->slots[i] == 0;
	map->keys[i] = key;
	map->slots[i] = value + 1;
	return 0;
}

void u64map_free(struct u64map *map)
{
	free(map->keys);
	free(map->slots);
	*map = (struct u64map) { 0 };
}

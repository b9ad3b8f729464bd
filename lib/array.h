/* Arrays that grow by one rule, and the index that names no element. */
#ifndef NSTOOLS_ARRAY_H
#define NSTOOLS_ARRAY_H

#include <stddef.h>
#include <stdint.h>

/* No element: what a lookup by key or a walk of links returns past the end. */
#define INDEX_NONE SIZE_MAX

/* Room in *ARRAY (a pointer to the array's pointer) for COUNT elements of
 * SIZE bytes each, *ALLOC growing by doubling from 16 when COUNT is more.
 * 0; or -1 with errno ENOMEM (or EOVERFLOW), the array as it was. */
int array_reserve(void *array, size_t *alloc, size_t count, size_t size);

/* The same for a tool that cannot go on without it: exits with the tool's
 * failure status, saying memory is exhausted. */
void array_reserve_or_exit(void *array, size_t *alloc, size_t count, size_t size);

#endif

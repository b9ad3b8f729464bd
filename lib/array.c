#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "tool.h"

int array_reserve(void *array, size_t *alloc, size_t count, size_t size)
{
	void **items = array;
	size_t want = *alloc ? *alloc : 16;
	void *bigger;

	if (count <= *alloc)
		return 0;
	while (want < count) {
		if (want > SIZE_MAX / 2) {
			errno = EOVERFLOW;
			return -1;
		}
		want *= 2;
	}
	if (size == 0) {
		errno = EINVAL;
		return -1;
	}
	if (want > SIZE_MAX / size) {
		errno = EOVERFLOW;
		return -1;
	}
	bigger = realloc(*items, want * size);
	if (!bigger) {
		errno = ENOMEM;
		return -1;
	}
	*items = bigger;
	*alloc = want;
	return 0;
}

void array_reserve_or_exit(void *array, size_t *alloc, size_t count, size_t size)
{
	if (array_reserve(array, alloc, count, size) != 0)
		errx(tool_failure, "%s", strerror(ENOMEM));
}

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "idrange.h"
#include "parse.h"

int id_range_parse(const char *arg, struct id_range *range)
{
	char *copy = strdup(arg), *second, *third;
	int rc = -1;

	if (!copy)
		return -1;
	second = strchr(copy, ':');
	third = second ? strchr(second + 1, ':') : NULL;
	if (!third) {
		errno = EINVAL;
		goto out;
	}
	*second++ = '\0';
	*third++ = '\0';
	if (parse_u64(copy, 0, UINT32_MAX - 1, &range->inner) != 0 ||
	    parse_u64(second, 0, UINT32_MAX - 1, &range->outer) != 0 ||
	    parse_u64(third, 1, UINT32_MAX, &range->count) != 0)
		goto out;
	/* (uint32_t) -1 is the kernel's "no ID": a range may end just before it */
	if (range->inner + range->count > UINT32_MAX || range->outer + range->count > UINT32_MAX) {
		errno = ERANGE;
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

/* A range of user or group IDs for a user namespace's map: INNER:OUTER:COUNT. */
#ifndef NSTOOLS_IDRANGE_H
#define NSTOOLS_IDRANGE_H

#include <stdint.h>

struct id_range {
	uint64_t inner;  /* the first ID inside the namespace */
	uint64_t outer;  /* the ID it is outside */
	uint64_t count;  /* 1 or more; neither end passes 2^32 - 1, the kernel's invalid ID */
};

/* Parse "INNER:OUTER:COUNT" (as --map-users takes it) into RANGE.
 * 0, or -1 with errno EINVAL (not that form) or ERANGE. */
int id_range_parse(const char *arg, struct id_range *range);

#endif

/* lib/idrange.c: nsclone's --map-users and --map-groups INNER:OUTER:COUNT. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>

#include "fuzz.h"
#include "idrange.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *str = fuzz_string(data, size);
	struct id_range range, again;

	if (id_range_parse(str, &range) == 0) {
		char back[80];
		const char *colon1 = strchr(str, ':'), *colon2 = colon1 ? strchr(colon1 + 1, ':') : NULL;

		FUZZ_CHECK(colon2 && !strchr(colon2 + 1, ':'), str);
		FUZZ_CHECK(range.count >= 1, str);
		/* no ID in the range is (uint32_t) -1, the kernel's "no ID" */
		FUZZ_CHECK(range.inner + range.count - 1 < UINT32_MAX, str);
		FUZZ_CHECK(range.outer + range.count - 1 < UINT32_MAX, str);
		snprintf(back, sizeof(back), "%" PRIu64 ":%" PRIu64 ":%" PRIu64, range.inner, range.outer, range.count);
		FUZZ_CHECK(id_range_parse(back, &again) == 0, back);
		FUZZ_CHECK(again.inner == range.inner && again.outer == range.outer && again.count == range.count, str);
	} else {
		FUZZ_CHECK(errno == EINVAL || errno == ERANGE, str);
	}
	free(str);
	return 0;
}

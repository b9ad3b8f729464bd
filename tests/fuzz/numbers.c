/* lib/parse.c: numbers, PIDs, signals and clock offsets as the command line
 * gives them; each result is checked against what the digits say. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>

#include "fuzz.h"
#include "parse.h"

/* The number STR writes, as printf would write it back: no leading zeros. */
static const char *canonical(const char *digits)
{
	digits += strspn(digits, "0");
	return *digits ? digits : "0";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *str = fuzz_string(data, size);
	bool digits = is_all_digits(str);
	char back[32];
	uint64_t u;
	int64_t s;
	pid_t pid;
	int sig;

	if (parse_u64(str, 0, UINT64_MAX, &u) == 0) {
		FUZZ_CHECK(digits, str);
		snprintf(back, sizeof(back), "%" PRIu64, u);
		FUZZ_CHECK(strcmp(back, canonical(str)) == 0, str);
	} else {
		FUZZ_CHECK(errno == EINVAL || errno == ERANGE, str);
		FUZZ_CHECK(!digits || errno == ERANGE, str);
	}
	if (parse_u64(str, 10, 1000, &u) == 0)
		FUZZ_CHECK(u >= 10 && u <= 1000, str);

	if (parse_s64(str, INT64_MIN, INT64_MAX, &s) == 0) {
		bool negative = str[0] == '-';

		FUZZ_CHECK(is_all_digits(str + negative), str);
		snprintf(back, sizeof(back), "%s%s", negative && s != 0 ? "-" : "", canonical(str + negative));
		{
			char printed[32];

			snprintf(printed, sizeof(printed), "%" PRId64, s);
			FUZZ_CHECK(strcmp(back, printed) == 0, str);
		}
	}
	if (parse_s64(str, -5, 5, &s) == 0)
		FUZZ_CHECK(s >= -5 && s <= 5, str);

	if (parse_pid(str, &pid) == 0) {
		FUZZ_CHECK(pid >= 1, str);
		FUZZ_CHECK(parse_u64(str, 0, UINT64_MAX, &u) == 0 && u == (uint64_t) pid, str);
	}

	if (parse_clock_offset(str, &s) == 0)
		FUZZ_CHECK(s >= INT64_MIN / 1000000000 / 2 && s <= INT64_MAX / 1000000000 / 2, str);

	sig = parse_signal(str);
	FUZZ_CHECK(sig == -1 || (sig >= 1 && sig < NSIG), str);
	free(str);
	return 0;
}

#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

bool is_all_digits(const char *str)
{
	if (!*str)
		return false;
	for (; *str; str++)
		if (!isdigit((unsigned char) *str))
			return false;
	return true;
}

int parse_u64(const char *str, uint64_t min, uint64_t max, uint64_t *result)
{
	char *end;
	unsigned long long value;

	/* strtoull accepts leading blanks and a minus sign; a number here is digits only */
	if (!is_all_digits(str)) {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	value = strtoull(str, &end, 10);
	if (errno == ERANGE || value < min || value > max) {
		errno = ERANGE;
		return -1;
	}
	*result = value;
	return 0;
}

int parse_pid(const char *str, pid_t *pid)
{
	uint64_t value;

	if (parse_u64(str, 1, INT_MAX, &value) != 0)
		return -1;
	*pid = (pid_t) value;
	return 0;
}

int parse_s64(const char *str, int64_t min, int64_t max, int64_t *result)
{
	bool negative = str[0] == '-';
	uint64_t magnitude;

	if (parse_u64(str + negative, 0, (uint64_t) INT64_MAX + negative, &magnitude) != 0)
		return -1;
	if (negative)
		*result = magnitude == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) magnitude;
	else
		*result = (int64_t) magnitude;
	if (*result < min || *result > max) {
		errno = ERANGE;
		return -1;
	}
	return 0;
}

int parse_clock_offset(const char *str, int64_t *seconds)
{
	/* the kernel keeps offsets in nanoseconds and refuses what could overflow */
	return parse_s64(str, INT64_MIN / 1000000000 / 2, INT64_MAX / 1000000000 / 2, seconds);
}

int parse_signal(const char *str)
{
	uint64_t number;

	if (parse_u64(str, 1, NSIG - 1, &number) == 0)
		return (int) number;
	if (strncasecmp(str, "SIG", 3) == 0)
		str += 3;
	for (int sig = 1; sig < NSIG; sig++) {
		const char *name = sigabbrev_np(sig);

		if (name && strcasecmp(name, str) == 0)
			return sig;
	}
	return -1;
}

#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

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

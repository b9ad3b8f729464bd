/* How a SPEC or TARGET names a process or a namespace, with nothing opened:
 * "PID" and "PID:INODE" (lib/pidhold.c), the kernel's namespace names,
 * "net:[4026531840]", that links and pins carry (lib/nsfile.c), and the
 * names of types (lib/nstype.c) and propagations (lib/propagation.c). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>

#include "fuzz.h"
#include "nsfile.h"
#include "nstype.h"
#include "parse.h"
#include "pidhold.h"
#include "propagation.h"

/* What the digits DIGITS..END say, or -1 when they are not all digits or say
 * more than MAX: the slow, obvious way. */
static int64_t digits_value(const char *digits, const char *end, uint64_t max)
{
	uint64_t value = 0;

	if (digits == end)
		return -1;
	for (const char *p = digits; p < end; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		if (value > (max - (uint64_t) (*p - '0')) / 10)
			return -1;
		value = value * 10 + (uint64_t) (*p - '0');
	}
	return (int64_t) value;
}

static void check_pid_arg(const char *str)
{
	const char *colon = strchr(str, ':');
	const char *pid_end = colon ? colon : str + strlen(str);
	pid_t pid;
	uint64_t inode;
	int rc = pid_arg_parse(str, &pid, &inode);

	if (is_pid_arg(str))
		FUZZ_CHECK(pid_end > str && strspn(str, "0123456789") == (size_t) (pid_end - str), str);
	if (rc == 0) {
		/* the PID the user wrote, every digit of it */
		FUZZ_CHECK(digits_value(str, pid_end, INT_MAX) == pid, str);
		FUZZ_CHECK(pid >= 1, str);
		if (colon) {
			FUZZ_CHECK(is_all_digits(colon + 1) && inode >= 1, str);
		} else {
			FUZZ_CHECK(inode == 0, str);
		}
	} else {
		int64_t value = digits_value(str, pid_end, INT_MAX);

		FUZZ_CHECK(rc == -1 || rc == -2, str);
		/* refused: then something in it is not a PID or not an inode */
		if (rc == -1)
			FUZZ_CHECK(value < 1 || pid_end - str >= 32, str);
		else
			FUZZ_CHECK(colon && !(is_all_digits(colon + 1) && parse_u64(colon + 1, 1, UINT64_MAX, &inode) == 0),
				   str);
	}
}

static void check_ns_name(const char *str)
{
	const struct ns_type *type;
	uint64_t ino;

	if (ns_parse_name(str, &type, &ino) == 0) {
		char back[64];
		const char *open = strchr(str, '[');

		FUZZ_CHECK(type && ino != 0, str);
		FUZZ_CHECK(ns_type_by_name(type->name) == type, str);
		FUZZ_CHECK(open && (uint64_t) digits_value(open + 1, str + strlen(str) - 1, UINT64_MAX) == ino, str);
		snprintf(back, sizeof(back), "%s:[", type->name);
		FUZZ_CHECK(strncmp(str, back, strlen(back)) == 0, str);
	}
	type = ns_type_by_name(str);
	FUZZ_CHECK(!type || strcmp(type->name, str) == 0, str);
}

static void check_propagation_name(const char *str)
{
	unsigned long flag = propagation_by_name(str);

	if (flag != 0)
		FUZZ_CHECK(propagation_name(flag) && strcmp(propagation_name(flag), str) == 0, str);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *str = fuzz_string(data, size);

	check_pid_arg(str);
	check_ns_name(str);
	check_propagation_name(str);
	free(str);
	return 0;
}

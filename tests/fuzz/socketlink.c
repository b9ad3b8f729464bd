/* lib/procdetails.c: a descriptor's link "socket:[N]", as readlink of
 * /proc/PID/fd/FD gives it; anything else is no socket. */
#include "config.h"

#include <inttypes.h>

#include "fuzz.h"
#include "procdetails.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *str = fuzz_string(data, size);
	char back[64];
	uint64_t ino, value = 0;

	if (proc_socket_link(str, &ino) == 0) {
		const char *digits = str + strlen("socket:[");

		FUZZ_CHECK(ino >= 1, str);
		FUZZ_CHECK(strncmp(str, "socket:[", 8) == 0 && str[strlen(str) - 1] == ']', str);
		/* the number it wrote, leading zeros aside */
		digits += strspn(digits, "0");
		snprintf(back, sizeof(back), "%" PRIu64 "]", ino);
		FUZZ_CHECK(strcmp(digits, back) == 0, str);
	}
	/* every link the kernel writes for a socket is read back */
	if (size > 0)
		memcpy(&value, data, size < sizeof(value) ? size : sizeof(value));
	snprintf(back, sizeof(back), "socket:[%" PRIu64 "]", value);
	FUZZ_CHECK(value == 0 ? proc_socket_link(back, &ino) != 0 : proc_socket_link(back, &ino) == 0 && ino == value,
		   back);
	free(str);
	return 0;
}

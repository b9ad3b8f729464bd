/* lib/procdetails.c: the PPID in a /proc/PID/stat file, whose command name,
 * in parentheses, may hold anything a process calls itself: ") " included. */
#include "config.h"

#include <limits.h>
#include <stdbool.h>

#include "fuzz.h"
#include "procdetails.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *str = fuzz_string(data, size);
	size_t len = strlen(str);
	char *line = malloc(len + 64);
	pid_t ppid;

	if (!line)
		abort();
	/* the input as a whole file: what is read is what the text says */
	if (proc_stat_ppid(str, &ppid) == 0) {
		const char *p = strrchr(str, ')');
		char back[16];

		FUZZ_CHECK(ppid >= 0, str);
		FUZZ_CHECK(p && p[1] == ' ' && p[2] && p[3] == ' ', str);
		p += 4 + strspn(p + 4, "0");
		snprintf(back, sizeof(back), "%d", (int) ppid);
		FUZZ_CHECK(ppid == 0 || strncmp(p, back, strlen(back)) == 0, str);
	}
	/* the input as a command name, in a line the kernel could write */
	snprintf(line, len + 64, "4242 (%s) S 1234 4242 4242 0 -1 4194560", str);
	FUZZ_CHECK(proc_stat_ppid(line, &ppid) == 0 && ppid == 1234, str);
	free(line);
	free(str);
	return 0;
}

/* lib/columns.c: -o LIST as nsls and mountprop take it, repeated as on a
 * command line (one -o per input line), then the table it makes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>

#include "columns.h"
#include "fuzz.h"
#include "tool.h"

/* lsns's columns and more, as a tool's column table looks */
static const struct column_info info[] = {
	{ "NS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "namespace" },
	{ "TYPE", 5, 0, SCOLS_JSON_STRING, "type" },
	{ "PATH", 0, 0, SCOLS_JSON_STRING, "path" },
	{ "NPROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "processes" },
	{ "PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "PID" },
	{ "PPID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "parent" },
	{ "COMMAND", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, "command" },
	{ "UID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "uid" },
	{ "USER", 0, 0, SCOLS_JSON_STRING, "user" },
	{ "HOLDERS", 0, SCOLS_FL_WRAP, SCOLS_JSON_ARRAY_STRING, "holders" },
	{ "TARGET", 0, SCOLS_FL_TREE, SCOLS_JSON_STRING, "mount point" },
};

/* The tool's usage error exits; here it ends the one command line. */
int tool_failure = EXIT_FAILURE;
static jmp_buf usage_failed;

void usage_error(const char *fmt, ...)
{
	char message[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	longjmp(usage_failed, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *str = fuzz_string(data, size);
	struct column_set set;
	struct table_style style = { .json_name = "fuzz" };
	struct libscols_table *table;
	/* volatile: read after longjmp */
	char *volatile line = str;
	volatile unsigned style_bits = size ? data[0] : 0;

	columns_init(&set, info, sizeof(info) / sizeof(info[0]), "NS,TYPE,NPROCS,PID,USER,COMMAND");
	if (setjmp(usage_failed) != 0) {
		free(str);
		return 0;
	}
	while (line) {
		char *next = strchr(line, '\n');

		if (next)
			*next++ = '\0';
		if (strcmp(line, "--output-all") == 0)
			columns_select_all(&set);
		else
			columns_parse(&set, line);
		line = next;
	}
	FUZZ_CHECK(set.count >= 1 && set.count <= COLUMNS_MAX, str);
	for (size_t i = 0; i < set.count; i++) {
		FUZZ_CHECK(set.ids[i] < set.ninfo, str);
		FUZZ_CHECK(columns_has(&set, set.ids[i]), str);
	}
	style.json = style_bits & 1;
	style.raw = style_bits & 2;
	style.noheadings = style_bits & 4;
	style.list = style_bits & 8;
	style.notruncate = style_bits & 16;
	style.tree_column = style_bits & 32 ? "PATH" : NULL;
	table = columns_new_table(&set, &style);
	FUZZ_CHECK(scols_table_get_ncols(table) == set.count, str);
	scols_unref_table(table);
	free(str);
	return 0;
}

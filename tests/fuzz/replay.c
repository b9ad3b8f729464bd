/* A plain main() for a libFuzzer harness, so that make check (any compiler,
 * no libFuzzer) runs it on every saved input: each FILE given, and every file
 * in each DIRECTORY given. A crash or a failed check ends the run. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *file = fopen(path, "rbe");
	uint8_t *data = NULL;
	size_t size = 0, alloc = 0, n;

	if (!file) {
		perror(path);
		return -1;
	}
	do {
		if (size == alloc) {
			uint8_t *bigger = realloc(data, alloc = alloc ? alloc * 2 : 4096);

			if (!bigger)
				abort();
			data = bigger;
		}
		n = fread(data + size, 1, alloc - size, file);
		size += n;
	} while (n > 0);
	if (ferror(file)) {
		perror(path);
		fclose(file);
		free(data);
		return -1;
	}
	fclose(file);
	/* exactly SIZE bytes, as libFuzzer hands them over, so overreads show */
	{
		uint8_t *exact = malloc(size ? size : 1);

		if (!exact)
			abort();
		memcpy(exact, data, size);
		free(data);
		LLVMFuzzerTestOneInput(exact, size);
		free(exact);
	}
	return 0;
}

static int filter_visible(const struct dirent *entry)
{
	return entry->d_name[0] != '.';
}

static int replay_dir(const char *dir, unsigned *count)
{
	struct dirent **entries;
	int n = scandir(dir, &entries, filter_visible, alphasort), rc = 0;

	if (n < 0) {
		perror(dir);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char *path;

		if (asprintf(&path, "%s/%s", dir, entries[i]->d_name) < 0)
			abort();
		if (strcmp(entries[i]->d_name, "README") != 0) {
			if (replay_file(path) != 0)
				rc = -1;
			else
				(*count)++;
		}
		free(path);
		free(entries[i]);
	}
	free(entries);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned count = 0;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			/* a harness that never crashed has no regress/ directory */
			if (errno == ENOENT)
				continue;
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				rc = 1;
		} else if (replay_file(argv[i]) != 0) {
			rc = 1;
		} else {
			count++;
		}
	}
	printf("%s: %u inputs replayed\n", argv[0], count);
	return rc;
}

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libmount.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nsfile.h"
#include "pinscan.h"

/* The nsfs lines of a mountinfo file, the only ones a pin can be: a mount
 * table can have thousands of lines, and libmount would build an entry for
 * each. *LEN is the length; NULL with errno when the file cannot be read. */
static char *read_nsfs_lines(const char *mountinfo, size_t *len)
{
	size_t size = 65536, got = 0, kept = 0;
	char *buf = malloc(size), *line, *end;
	ssize_t n;
	int fd = open(mountinfo, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || !buf)
		goto fail;
	while ((n = read(fd, buf + got, size - got - 1)) > 0) {
		got += (size_t) n;
		if (got + 1 == size) {
			char *bigger = realloc(buf, size *= 2);

			if (!bigger)
				goto fail;
			buf = bigger;
		}
	}
	if (n < 0)
		goto fail;
	close(fd);
	buf[got] = '\0';
	/* the file system type follows the " - " that ends the optional fields */
	for (line = buf; line < buf + got; line = end + 1) {
		end = strchrnul(line, '\n');
		*end = '\0';
		if (strstr(line, " - nsfs ")) {
			memmove(buf + kept, line, (size_t) (end - line));
			kept += (size_t) (end - line);
			buf[kept++] = '\n';
		}
	}
	*len = kept;
	return buf;
fail:
	if (fd >= 0) {
		int saved = errno;

		close(fd);
		errno = saved;
	}
	free(buf);
	return NULL;
}

int pin_scan(const char *mountinfo, int (*fn)(const struct pin *pin, void *data), void *data)
{
	struct libmnt_table *table = NULL;
	struct libmnt_iter *iter = NULL;
	struct libmnt_fs *fs;
	size_t len;
	char *lines = read_nsfs_lines(mountinfo, &len);
	FILE *stream;
	int rc = -1;

	if (!lines)
		return -1;
	if (len == 0) {
		free(lines);
		return 0;
	}
	stream = fmemopen(lines, len, "r");
	table = mnt_new_table();
	iter = mnt_new_iter(MNT_ITER_FORWARD);
	if (!stream || !table || !iter) {
		errno = ENOMEM;
		goto out;
	}
	rc = mnt_table_parse_stream(table, stream, mountinfo);
	if (rc != 0) {
		errno = rc < 0 ? -rc : EINVAL;
		rc = -1;
		goto out;
	}
	while (mnt_table_next_fs(table, iter, &fs) == 0) {
		struct pin pin;
		const char *root = mnt_fs_get_root(fs);

		/* a pin's root is the namespace's name: "net:[4026532177]" */
		if (!mnt_fs_match_fstype(fs, "nsfs") || !root || ns_parse_name(root, &pin.type, &pin.ino) != 0)
			continue;
		pin.target = mnt_fs_get_target(fs);
		pin.mount_id = mnt_fs_get_id(fs);
		if (!pin.target)
			continue;
		if (fn(&pin, data) != 0)
			break;
	}
out:
	if (stream)
		fclose(stream);
	mnt_free_iter(iter);
	mnt_unref_table(table);
	free(lines);
	return rc;
}

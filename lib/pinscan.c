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
#include "readall.h"

/* Keep only the nsfs lines of the mountinfo text in BUF, the only ones a pin
 * can be: a mount table can have thousands of lines, and libmount would build
 * an entry for each. Returns the length kept. */
static size_t keep_nsfs_lines(char *buf, size_t len)
{
	size_t kept = 0;
	char *line, *end;

	/* the file system type follows the " - " that ends the optional fields */
	for (line = buf; line < buf + len; line = end + 1) {
		end = strchrnul(line, '\n');
		*end = '\0';
		if (strstr(line, " - nsfs ")) {
			memmove(buf + kept, line, (size_t) (end - line));
			kept += (size_t) (end - line);
			buf[kept++] = '\n';
		}
	}
	return kept;
}

int pin_scan_buffer(char *buf, size_t len, const char *name, int (*fn)(const struct pin *pin, void *data),
		    void *data)
{
	struct libmnt_table *table = NULL;
	struct libmnt_iter *iter = NULL;
	struct libmnt_fs *fs;
	FILE *stream;
	int rc = -1;

	len = keep_nsfs_lines(buf, len);
	if (len == 0)
		return 0;
	stream = fmemopen(buf, len, "r");
	table = mnt_new_table();
	iter = mnt_new_iter(MNT_ITER_FORWARD);
	if (!stream || !table || !iter) {
		errno = ENOMEM;
		goto out;
	}
	rc = mnt_table_parse_stream(table, stream, name);
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
	return rc;
}

int pin_scan_fd(int fd, const char *name, int (*fn)(const struct pin *pin, void *data), void *data)
{
	size_t len;
	char *buf = read_all(fd, &len);
	int rc, saved;

	if (!buf)
		return -1;
	rc = pin_scan_buffer(buf, len, name, fn, data);
	saved = errno;
	free(buf);
	errno = saved;
	return rc;
}

int pin_scan(const char *mountinfo, int (*fn)(const struct pin *pin, void *data), void *data)
{
	int fd = open(mountinfo, O_RDONLY | O_CLOEXEC), rc, saved;

	if (fd < 0)
		return -1;
	rc = pin_scan_fd(fd, mountinfo, fn, data);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

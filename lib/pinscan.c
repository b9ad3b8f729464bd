#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mounttable.h"
#include "nsfile.h"
#include "pinscan.h"
#include "readall.h"

int pin_scan_buffer(char *buf, size_t len, const char *name, int (*fn)(const struct pin *pin, void *data),
		    void *data)
{
	struct mount_table table;

	/* only nsfs mounts can be pins: a table can have thousands of others */
	if (mount_table_read_text(&table, buf, len, name, MOUNT_TARGET | MOUNT_SOURCE, "nsfs") != 0)
		return -1;
	for (size_t i = 0; i < table.count; i++) {
		const struct mount *m = &table.mounts[i];
		struct pin pin = { .target = m->target, .mount_id = (int) m->id };

		/* a pin's root is the namespace's name: "net:[4026532177]" */
		if (ns_parse_name(m->root, &pin.type, &pin.ino) == 0 && fn(&pin, data) != 0)
			break;
	}
	mount_table_free(&table);
	return 0;
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

#include "config.h"

#include <errno.h>
#include <libmount.h>

#include "nsfile.h"
#include "pinscan.h"

int pin_scan(const char *mountinfo, int (*fn)(const struct pin *pin, void *data), void *data)
{
	struct libmnt_table *table = mnt_new_table();
	struct libmnt_iter *iter = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs;
	int rc = 0;

	if (!table || !iter) {
		errno = ENOMEM;
		rc = -1;
		goto out;
	}
	rc = mnt_table_parse_file(table, mountinfo);
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
	mnt_free_iter(iter);
	mnt_unref_table(table);
	return rc;
}

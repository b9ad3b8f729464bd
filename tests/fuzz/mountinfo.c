/* The one reader of /proc/PID/mountinfo, on the same text: lib/mounttable.c's
 * (a table through libmount, its optional fields, the index by ID and the
 * tree by parent; the whole table, and the mounts of one file system type)
 * and lib/pinscan.c's use of it (nsfs mounts, namespace names of pins). */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mount.h>

#include "fuzz.h"
#include "mounttable.h"
#include "pinscan.h"
#include "propagation.h"

#define PROPAGATION_BITS (MS_SHARED | MS_SLAVE | MS_UNBINDABLE)

/* FSTYPE, when not NULL: only its mounts */
static void check_table(const uint8_t *data, size_t size, const char *fstype)
{
	struct mount_table table;
	size_t visited = 0, m;
	FILE *stream = fmemopen((void *) data, size, "r");

	if (!stream)
		return;
	if (mount_table_read_stream(&table, stream, "fuzz", MOUNT_TARGET | MOUNT_FSTYPE | MOUNT_SOURCE, fstype) != 0) {
		fclose(stream);
		return;
	}
	fclose(stream);
	for (size_t i = 0; i < table.count; i++) {
		const struct mount *mnt = &table.mounts[i];
		size_t found = mount_table_find(&table, mnt->id);

		FUZZ_CHECK(found != INDEX_NONE && table.mounts[found].id == mnt->id, "mountinfo");
		FUZZ_CHECK((mnt->propagation & ~(unsigned long) PROPAGATION_BITS) == 0, "mountinfo");
		FUZZ_CHECK(!!(mnt->propagation & MS_SHARED) == (mnt->peer != 0), "mountinfo");
		FUZZ_CHECK(mnt->target && mnt->fstype && mnt->source && mnt->root, "mountinfo");
		FUZZ_CHECK(!fstype || strcmp(mnt->fstype, fstype) == 0, "mountinfo");
		FUZZ_CHECK(propagation_words(mnt->propagation) != NULL, "mountinfo");
		FUZZ_CHECK(mnt->parent == INDEX_NONE || mnt->parent < table.count, "mountinfo");
		for (size_t c = mnt->first_child; c != INDEX_NONE; c = table.mounts[c].next_sibling)
			FUZZ_CHECK(c < table.count && table.mounts[c].parent == i, "mountinfo");
	}
	/* mountprop's walk of the tree, from each root, as deep as it goes */
	for (size_t top = 0; top < table.count; top++) {
		if (table.mounts[top].parent != INDEX_NONE)
			continue;
		for (m = top; m != INDEX_NONE; m = mount_table_next(&table, top, m))
			FUZZ_CHECK(++visited <= table.count, "mountinfo");
	}
	mount_table_free(&table);
}

static int check_pin(const struct pin *pin, void *data)
{
	(void) data;
	FUZZ_CHECK(pin->type && pin->ino != 0 && pin->target, "mountinfo");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);

	check_table(data, size, NULL);
	check_table(data, size, "nsfs");
	pin_scan_buffer(text, size, "fuzz", check_pin, NULL);
	free(text);
	return 0;
}

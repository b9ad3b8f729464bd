/* The mountinfo readers against what the kernel writes: the input is not
 * text but the choices for a mount table (the tree, propagation, paths with
 * any byte in them, an empty source), written as show_mountinfo() writes it,
 * escapes and all; every reader must give back exactly what was written.
 * The mountinfo harness covers text no kernel writes; this one, the text
 * every kernel does. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <sys/mount.h>

#include "fuzz.h"
#include "mounttable.h"
#include "pinscan.h"

#define MOUNTS_MAX 8

struct input {
	const uint8_t *data;
	size_t size;
};

static uint8_t take(struct input *in)
{
	if (in->size == 0)
		return 0;
	in->size--;
	return *in->data++;
}

struct mount_spec {
	uint64_t id, parent_id, peer, master, propagate_from;
	bool unbindable;
	char root[64], target[64], fstype[32], source[32];
	bool nsfs;
	uint64_t ns_ino;
};

/* A path as the kernel shows one: absolute, no empty, "." or ".." parts;
 * any other byte but NUL. */
static void take_path(struct input *in, char *path, size_t size)
{
	size_t len = 0, n = take(in) % 24;

	path[len++] = '/';
	for (size_t i = 0; i < n && len + 2 < size; i++) {
		char c = (char) take(in);

		if (c == '\0')
			c = 'x';
		if (c == '/' && path[len - 1] == '/')
			continue;
		if (c == '.' && path[len - 1] == '/')
			c = '_';
		path[len++] = c;
	}
	if (len > 1 && path[len - 1] == '/')
		len--;
	path[len] = '\0';
}

/* any bytes but NUL, maybe none at all: mount -t tmpfs '' /mnt */
static void take_text(struct input *in, char *text, size_t size)
{
	size_t len = 0, n = take(in) % 12;

	for (size_t i = 0; i < n && len + 1 < size; i++) {
		char c = (char) take(in);

		text[len++] = c ? c : 'y';
	}
	text[len] = '\0';
}

/* seq_escape: blank, tab, newline and backslash as \ooo */
static void put_escaped(FILE *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (strchr(" \t\n\\", *p))
			fprintf(out, "\\%03o", (unsigned char) *p);
		else
			fputc(*p, out);
	}
}

static const char *const fstypes[] = { "ext4", "tmpfs", "proc", "overlay", "fuse.sshfs", "nsfs" };
static const char *const ns_names[] = { "net", "uts", "ipc", "mnt", "pid", "user", "cgroup", "time" };

static size_t generate(struct input *in, struct mount_spec *mounts)
{
	size_t count = 1 + take(in) % MOUNTS_MAX;

	for (size_t i = 0; i < count; i++) {
		struct mount_spec *m = &mounts[i];
		uint8_t parent = take(in), flags = take(in);

		memset(m, 0, sizeof(*m));
		/* unique, not always dense */
		m->id = (i ? mounts[i - 1].id : 20) + 1 + take(in) % 3;
		/* the first is the root: its parent is outside what we see */
		m->parent_id = i == 0 ? 1 : mounts[parent % i].id;
		if (flags & 1)
			m->peer = 1 + take(in);
		if (flags & 2)
			m->master = 1 + take(in);
		/* shown only when it is not the master itself */
		if ((flags & 6) == 6)
			m->propagate_from = m->master + 1 + take(in);
		m->unbindable = flags & 8;
		take_path(in, m->target, sizeof(m->target));
		snprintf(m->fstype, sizeof(m->fstype), "%s", fstypes[take(in) % (sizeof(fstypes) / sizeof(fstypes[0]))]);
		m->nsfs = strcmp(m->fstype, "nsfs") == 0;
		if (m->nsfs) {
			m->ns_ino = 4026531840ULL + take(in);
			snprintf(m->root, sizeof(m->root), "%s:[%" PRIu64 "]",
				 ns_names[take(in) % (sizeof(ns_names) / sizeof(ns_names[0]))], m->ns_ino);
			snprintf(m->source, sizeof(m->source), "nsfs");
		} else {
			take_path(in, m->root, sizeof(m->root));
			take_text(in, m->source, sizeof(m->source));
		}
	}
	return count;
}

static void write_mountinfo(FILE *out, const struct mount_spec *mounts, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct mount_spec *m = &mounts[i];

		fprintf(out, "%" PRIu64 " %" PRIu64 " 0:%zu ", m->id, m->parent_id, 40 + i);
		put_escaped(out, m->root);
		fputc(' ', out);
		put_escaped(out, m->target);
		fputs(" rw,relatime", out);
		if (m->peer)
			fprintf(out, " shared:%" PRIu64, m->peer);
		if (m->master)
			fprintf(out, " master:%" PRIu64, m->master);
		if (m->propagate_from)
			fprintf(out, " propagate_from:%" PRIu64, m->propagate_from);
		if (m->unbindable)
			fputs(" unbindable", out);
		fputs(" - ", out);
		put_escaped(out, m->fstype);
		fputc(' ', out);
		put_escaped(out, m->source);
		fputs(" rw\n", out);
	}
}

static unsigned long propagation_of(const struct mount_spec *m)
{
	return (m->peer ? MS_SHARED : 0) | (m->master ? MS_SLAVE : 0) | (m->unbindable ? MS_UNBINDABLE : 0);
}

static int count_pin(const struct pin *pin, void *data)
{
	const struct mount_spec *mounts = data;

	FUZZ_CHECK(pin->type && pin->target, "pin");
	for (size_t i = 0; i < MOUNTS_MAX; i++)
		if (mounts[i].nsfs && (uint64_t) pin->mount_id == mounts[i].id) {
			FUZZ_CHECK(pin->ino == mounts[i].ns_ino, mounts[i].root);
			FUZZ_CHECK(strcmp(pin->target, mounts[i].target) == 0, mounts[i].target);
			return 0;
		}
	FUZZ_CHECK(!"a pin that is not an nsfs mount", "pin");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct mount_spec mounts[MOUNTS_MAX];
	struct mount_table table;
	char *text = NULL;
	size_t len = 0, count = generate(&in, mounts);
	FILE *out = open_memstream(&text, &len), *stream;

	if (!out)
		abort();
	write_mountinfo(out, mounts, count);
	fclose(out);

	/* lib/mounttable.c: the whole table, through libmount */
	stream = fmemopen(text, len, "r");
	FUZZ_CHECK(mount_table_read_stream(&table, stream, "mountgen", MOUNT_TARGET | MOUNT_FSTYPE | MOUNT_SOURCE,
					   NULL) == 0, text);
	fclose(stream);
	FUZZ_CHECK(table.count == count, text);
	for (size_t i = 0; i < count; i++) {
		const struct mount_spec *m = &mounts[i];
		size_t found = mount_table_find(&table, m->id);
		const struct mount *got;

		FUZZ_CHECK(found != INDEX_NONE, text);
		got = &table.mounts[found];
		FUZZ_CHECK(got->parent_id == m->parent_id, text);
		FUZZ_CHECK(got->peer == m->peer && got->master == m->master, text);
		FUZZ_CHECK(got->propagate_from == m->propagate_from, text);
		FUZZ_CHECK(got->propagation == propagation_of(m), text);
		FUZZ_CHECK(strcmp(got->target, m->target) == 0, text);
		FUZZ_CHECK(strcmp(got->root, m->root) == 0, text);
		FUZZ_CHECK(strcmp(got->fstype, m->fstype) == 0, text);
		FUZZ_CHECK(strcmp(got->source, *m->source ? m->source : "none") == 0, text);
		FUZZ_CHECK(i == 0 ? got->parent == INDEX_NONE : got->parent != INDEX_NONE, text);
	}
	mount_table_free(&table);

	/* the mounts of one type, as pinscan reads the nsfs ones */
	if (count > 0) {
		size_t of_type = 0;

		stream = fmemopen(text, len, "r");
		FUZZ_CHECK(mount_table_read_stream(&table, stream, "mountgen", MOUNT_FSTYPE, mounts[0].fstype) == 0, text);
		fclose(stream);
		for (size_t i = 0; i < count; i++)
			of_type += strcmp(mounts[i].fstype, mounts[0].fstype) == 0;
		FUZZ_CHECK(table.count == of_type, text);
		for (size_t i = 0; i < table.count; i++)
			FUZZ_CHECK(strcmp(table.mounts[i].fstype, mounts[0].fstype) == 0, text);
		mount_table_free(&table);
	}

	/* lib/pinscan.c: the nsfs mounts are the pins */
	{
		char *copy = fuzz_string((const uint8_t *) text, len);

		FUZZ_CHECK(pin_scan_buffer(copy, len, "mountgen", count_pin, mounts) == 0, text);
		free(copy);
	}
	free(text);
	return 0;
}

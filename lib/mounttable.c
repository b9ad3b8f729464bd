#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libmount.h>

#include "array.h"
#include "kernel.h"
#include "mounttable.h"
#include "parallel.h"

/* What a table can hold; a kernel that cannot say all of it (before 6.14, no
 * supported_mask) is read through mountinfo instead. */
#define STATMOUNT_ALL (STATMOUNT_MNT_BASIC | STATMOUNT_PROPAGATE_FROM | STATMOUNT_MNT_ROOT | \
		       STATMOUNT_MNT_POINT | STATMOUNT_FS_TYPE | STATMOUNT_FS_SUBTYPE | STATMOUNT_SB_SOURCE)

static struct mount *mount_table_add(struct mount_table *table)
{
	struct mount *m;

	if (array_reserve(&table->mounts, &table->alloc, table->count + 1, sizeof(*table->mounts)) != 0)
		return NULL;
	m = &table->mounts[table->count++];
	memset(m, 0, sizeof(*m));
	return m;
}

/* The index by ID and the tree by parent, in one pass each: never a scan of
 * the table per mount, so reading 5000 mounts costs 5000 steps, not 25 million. */
static int mount_table_link(struct mount_table *table)
{
	size_t *last_child = malloc((table->count + 1) * sizeof(*last_child));

	if (!last_child)
		return -1;
	for (size_t i = 0; i < table->count; i++) {
		uint64_t id = table->mounts[i].id;

		/* an ID twice (only a damaged table has that) names the first */
		if (mount_table_find(table, id) == INDEX_NONE && u64map_put(&table->by_id, id, i) != 0) {
			free(last_child);
			return -1;
		}
		last_child[i] = INDEX_NONE;
	}
	for (size_t i = 0; i < table->count; i++) {
		struct mount *m = &table->mounts[i];
		size_t parent = mount_table_find(table, m->parent_id);

		m->first_child = m->next_sibling = INDEX_NONE;
		/* the root of a namespace is its own parent, or has one we cannot see */
		m->parent = parent == i ? INDEX_NONE : parent;
	}
	for (size_t i = 0; i < table->count; i++) {
		size_t parent = table->mounts[i].parent;

		if (parent == INDEX_NONE)
			continue;
		if (last_child[parent] == INDEX_NONE)
			table->mounts[parent].first_child = i;
		else
			table->mounts[last_child[parent]].next_sibling = i;
		last_child[parent] = i;
	}
	free(last_child);
	return 0;
}

size_t mount_table_find(const struct mount_table *table, uint64_t id)
{
	return u64map_get(&table->by_id, id);
}

size_t mount_table_next(const struct mount_table *table, size_t top, size_t m)
{
	const struct mount *mounts = table->mounts;

	if (mounts[m].first_child != INDEX_NONE)
		return mounts[m].first_child;
	while (m != top && mounts[m].next_sibling == INDEX_NONE)
		m = mounts[m].parent;
	return m == top ? INDEX_NONE : mounts[m].next_sibling;
}

void mount_free_strings(struct mount *m)
{
	free(m->target);
	free(m->fstype);
	free(m->source);
	free(m->root);
	m->target = m->fstype = m->source = m->root = NULL;
}

void mount_table_free(struct mount_table *table)
{
	for (size_t i = 0; i < table->count; i++)
		mount_free_strings(&table->mounts[i]);
	free(table->mounts);
	u64map_free(&table->by_id);
	memset(table, 0, sizeof(*table));
}

static int set_strings(struct mount *m, unsigned int want, const char *target, const char *type,
		       const char *subtype, const char *source, const char *root)
{
	if ((want & MOUNT_TARGET) && !(m->target = strdup(target)))
		return -1;
	if ((want & MOUNT_FSTYPE) && subtype && *subtype && asprintf(&m->fstype, "%s.%s", type, subtype) < 0)
		return -1;
	if ((want & MOUNT_FSTYPE) && !m->fstype && !(m->fstype = strdup(type ? type : "")))
		return -1;
	if ((want & MOUNT_SOURCE) && !(m->source = strdup(source && *source ? source : "none")))
		return -1;
	if ((want & MOUNT_SOURCE) && !(m->root = strdup(root ? root : "/")))
		return -1;
	return 0;
}

/* Fill M from SM: 1, or 0 for a mount mountinfo would leave out (one not
 * under our root), or -1 with errno. */
static int mount_from_statmount(struct mount *m, const struct statmount_v1 *sm, unsigned int want)
{
	if ((want & MOUNT_TARGET) && !(sm->mask & STATMOUNT_MNT_POINT))
		return 0;
	m->id = sm->mnt_id_old;
	m->parent_id = sm->mnt_parent_id_old;
	m->propagation = sm->mnt_propagation & (MS_SHARED | MS_SLAVE | MS_UNBINDABLE);
	m->peer = sm->mnt_peer_group;
	m->master = sm->mnt_master;
	if ((sm->mask & STATMOUNT_PROPAGATE_FROM) && sm->propagate_from != sm->mnt_master)
		m->propagate_from = sm->propagate_from;
	if (set_strings(m, want, sm->str + sm->mnt_point,
			sm->mask & STATMOUNT_FS_TYPE ? sm->str + sm->fs_type : NULL,
			sm->mask & STATMOUNT_FS_SUBTYPE ? sm->str + sm->fs_subtype : NULL,
			sm->mask & STATMOUNT_SB_SOURCE ? sm->str + sm->sb_source : NULL,
			sm->mask & STATMOUNT_MNT_ROOT ? sm->str + sm->mnt_root : NULL) != 0)
		return -1;
	return 1;
}

/* statmount the mount with 64-bit ID into *BUF, growing it as the kernel asks. */
static int statmount_grow(uint64_t id, uint64_t mask, struct statmount_v1 **buf, size_t *size)
{
	while (sys_statmount(id, mask, *buf, *size) != 0)
		if (errno != EOVERFLOW || *size >= (1 << 24) || array_reserve(buf, size, *size + 1, 1) != 0)
			return -1;
	return 0;
}

static uint64_t statmount_mask(unsigned int want)
{
	/* the supported mask costs the kernel nothing, and says whether it can
	 * tell all of it */
	uint64_t mask = STATMOUNT_MNT_BASIC | STATMOUNT_SUPPORTED_MASK;

	if (want & MOUNT_TARGET)
		mask |= STATMOUNT_MNT_POINT;
	if (want & MOUNT_PROPAGATE_FROM)
		mask |= STATMOUNT_PROPAGATE_FROM;
	if (want & MOUNT_FSTYPE)
		mask |= STATMOUNT_FS_TYPE | STATMOUNT_FS_SUBTYPE;
	if (want & MOUNT_SOURCE)
		mask |= STATMOUNT_SB_SOURCE | STATMOUNT_MNT_ROOT;
	return mask;
}

int mount_read_one(int fd, unsigned int want, struct mount *m)
{
	struct statmount_v1 *buf = NULL;
	size_t size = 0;
	struct statx stx;
	int rc = -1, saved;

	memset(m, 0, sizeof(*m));
	if (statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID_UNIQUE, &stx) != 0)
		return -1;
	if (!(stx.stx_mask & STATX_MNT_ID_UNIQUE)) {
		/* before 6.8 the kernel says the mountinfo ID instead (5.8) */
		if (stx.stx_mask & STATX_MNT_ID)
			m->id = stx.stx_mnt_id;
		errno = ENOSYS;
		return -1;
	}
	if (array_reserve(&buf, &size, 4096, 1) == 0 &&
	    statmount_grow(stx.stx_mnt_id, statmount_mask(want), &buf, &size) == 0) {
		rc = mount_from_statmount(m, buf, want);
		if (rc == 0)
			errno = ENOENT; /* not under our root */
		rc = rc > 0 ? 0 : -1;
	}
	saved = errno;
	free(buf);
	if (rc != 0)
		mount_free_strings(m);
	errno = saved;
	return rc;
}

/* Every mount of our namespace by its 64-bit ID, in the kernel's order. */
static uint64_t *list_mounts(size_t *count)
{
	size_t n = 0, size = 0;
	uint64_t *ids = NULL;
	ssize_t got;

	/* a full buffer may mean more to come: asked again after the last */
	while (array_reserve(&ids, &size, n < 1024 ? 1024 : n + 1, sizeof(*ids)) == 0 &&
	       (got = sys_listmount(n ? ids[n - 1] : 0, ids + n, size - n)) >= 0) {
		n += (size_t) got;
		if (n < size) {
			*count = n;
			return ids;
		}
	}
	free(ids);
	return NULL;
}

/* A run of consecutive mounts, read by one thread into slots of its own. */
struct statmount_part {
	const uint64_t *ids;
	struct mount *mounts;    /* a slot per ID, zeroed */
	bool *kept;              /* per slot: false when gone, or not under our root */
	size_t count;
	unsigned int want;
	int error;               /* errno of the first failure; 0 when none */
};

static void *statmount_part(void *arg)
{
	struct statmount_part *part = arg;
	uint64_t mask = statmount_mask(part->want);
	size_t size = 0;
	struct statmount_v1 *buf = NULL;
	int rc;

	if (array_reserve(&buf, &size, 4096, 1) != 0) {
		part->error = errno;
		return NULL;
	}
	for (size_t i = 0; i < part->count && part->error == 0; i++) {
		if (statmount_grow(part->ids[i], mask, &buf, &size) != 0) {
			/* unmounted since listmount: as if read a moment earlier */
			if (errno != ENOENT)
				part->error = errno;
			continue;
		}
		if (!(buf->mask & STATMOUNT_SUPPORTED_MASK) ||
		    (buf->supported_mask & STATMOUNT_ALL) != STATMOUNT_ALL) {
			part->error = ENOSYS;
			break;
		}
		rc = mount_from_statmount(&part->mounts[i], buf, part->want);
		if (rc < 0)
			part->error = errno;
		part->kept[i] = rc > 0;
	}
	free(buf);
	return NULL;
}

/* One statmount per mount, which is nearly all of the time a table takes
 * (the kernel's d_path of each mount point), so for a big table a few
 * threads share them, each a consecutive run of the kernel's order.
 * -1 with ENOSYS: this kernel cannot tell all of it, read mountinfo instead. */
static int read_by_statmount(struct mount_table *table, unsigned int want)
{
	struct statmount_part parts[PARALLEL_PARTS_MAX];
	size_t count = 0, nparts, kept = 0;
	uint64_t *ids = list_mounts(&count);
	bool *kept_slots = NULL;
	int error = 0;

	if (!ids)
		return -1;
	table->mounts = calloc(count + 1, sizeof(*table->mounts));
	kept_slots = calloc(count + 1, sizeof(*kept_slots));
	if (!table->mounts || !kept_slots) {
		free(kept_slots);
		free(ids);
		return -1;
	}
	table->count = table->alloc = count;
	/* a thread is worth its start-up for a few hundred mounts */
	nparts = parallel_parts(count, 256);
	for (size_t i = 0; i < nparts; i++) {
		size_t first = parallel_part_start(count, nparts, i);

		parts[i] = (struct statmount_part) {
			.ids = ids + first, .mounts = table->mounts + first, .kept = kept_slots + first,
			.count = parallel_part_start(count, nparts, i + 1) - first, .want = want,
		};
	}
	parallel_run(statmount_part, parts, sizeof(parts[0]), nparts);
	for (size_t i = 0; i < nparts && error == 0; i++)
		error = parts[i].error;
	/* the slots left empty go; what is kept stays in the kernel's order */
	for (size_t i = 0; i < count && error == 0; i++)
		if (kept_slots[i])
			table->mounts[kept++] = table->mounts[i];
	free(kept_slots);
	free(ids);
	if (error != 0) {
		errno = error;
		return -1;
	}
	table->count = kept;
	return 0;
}

static uint64_t optional_field(const char *fields, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = fields; p && *p; p += strcspn(p, " "), p += strspn(p, " "))
		if (strncmp(p, name, len) == 0)
			return strtoull(p + len, NULL, 10);
	return 0;
}

/* libmount is loaded the first time a table must be parsed, not at start-up:
 * where statmount reads the table, nspin and nsclone never pay for it (it
 * brings libblkid and libselinux, about 0.4 ms of every start). */
static struct {
	struct libmnt_table *(*new_table)(void);
	void (*unref_table)(struct libmnt_table *);
	int (*table_parse_stream)(struct libmnt_table *, FILE *, const char *);
	int (*table_next_fs)(struct libmnt_table *, struct libmnt_iter *, struct libmnt_fs **);
	struct libmnt_iter *(*new_iter)(int);
	void (*free_iter)(struct libmnt_iter *);
	int (*fs_get_id)(struct libmnt_fs *);
	int (*fs_get_parent_id)(struct libmnt_fs *);
	const char *(*fs_get_optional_fields)(struct libmnt_fs *);
	const char *(*fs_get_target)(struct libmnt_fs *);
	const char *(*fs_get_fstype)(struct libmnt_fs *);
	const char *(*fs_get_source)(struct libmnt_fs *);
	const char *(*fs_get_root)(struct libmnt_fs *);
} libmount;

#define LIBMOUNT_SYMBOL(handle, name) \
	((*(void **) &libmount.name = dlsym(handle, "mnt_" #name)) != NULL)

static bool libmount_loaded;

static void libmount_open(void)
{
	void *handle = dlopen("libmount.so.1", RTLD_NOW | RTLD_LOCAL);

	libmount_loaded = handle && LIBMOUNT_SYMBOL(handle, new_table) && LIBMOUNT_SYMBOL(handle, unref_table) &&
			  LIBMOUNT_SYMBOL(handle, table_parse_stream) && LIBMOUNT_SYMBOL(handle, table_next_fs) &&
			  LIBMOUNT_SYMBOL(handle, new_iter) && LIBMOUNT_SYMBOL(handle, free_iter) &&
			  LIBMOUNT_SYMBOL(handle, fs_get_id) && LIBMOUNT_SYMBOL(handle, fs_get_parent_id) &&
			  LIBMOUNT_SYMBOL(handle, fs_get_optional_fields) && LIBMOUNT_SYMBOL(handle, fs_get_target) &&
			  LIBMOUNT_SYMBOL(handle, fs_get_fstype) && LIBMOUNT_SYMBOL(handle, fs_get_source) &&
			  LIBMOUNT_SYMBOL(handle, fs_get_root);
}

/* the census reads pins from its threads: loaded once, whoever asks first */
static int libmount_load(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, libmount_open);
	if (!libmount_loaded) {
		errno = ELIBACC;
		return -1;
	}
	return 0;
}

static int add_libmount_fs(struct mount_table *table, struct libmnt_fs *fs, unsigned int want)
{
	const char *fields = libmount.fs_get_optional_fields(fs);
	struct mount *m = mount_table_add(table);

	if (!m)
		return -1;
	m->id = (uint64_t) libmount.fs_get_id(fs);
	m->parent_id = (uint64_t) libmount.fs_get_parent_id(fs);
	m->peer = optional_field(fields, "shared:");
	m->master = optional_field(fields, "master:");
	m->propagate_from = optional_field(fields, "propagate_from:");
	m->propagation = (m->peer ? MS_SHARED : 0) | (m->master ? MS_SLAVE : 0);
	for (const char *p = fields; p && *p; p += strcspn(p, " "), p += strspn(p, " "))
		if (strncmp(p, "unbindable", 10) == 0 && (p[10] == ' ' || p[10] == '\0'))
			m->propagation |= MS_UNBINDABLE;
	return set_strings(m, want, libmount.fs_get_target(fs), libmount.fs_get_fstype(fs), NULL,
			   libmount.fs_get_source(fs), libmount.fs_get_root(fs));
}

static int parse_mountinfo(struct mount_table *table, FILE *file, const char *name, unsigned int want,
			   const char *fstype)
{
	struct libmnt_table *tb;
	struct libmnt_iter *iter;
	struct libmnt_fs *fs;
	const char *type;
	int rc = 0;

	if (libmount_load() != 0)
		return -1;
	tb = libmount.new_table();
	iter = libmount.new_iter(MNT_ITER_FORWARD);
	if (!tb || !iter) {
		rc = -ENOMEM;
	} else {
		rc = libmount.table_parse_stream(tb, file, name);
		while (rc == 0 && libmount.table_next_fs(tb, iter, &fs) == 0)
			if ((!fstype || ((type = libmount.fs_get_fstype(fs)) && strcmp(type, fstype) == 0)) &&
			    add_libmount_fs(table, fs, want) != 0)
				rc = -errno;
	}
	if (iter)
		libmount.free_iter(iter);
	if (tb)
		libmount.unref_table(tb);
	if (rc != 0) {
		errno = rc < 0 ? -rc : EINVAL;
		return -1;
	}
	return 0;
}

static int read_mountinfo(struct mount_table *table, int procfd, const char *relpath, unsigned int want)
{
	FILE *file;
	int fd, rc, saved;

	fd = openat(procfd, relpath, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	file = fdopen(fd, "r");
	if (!file) {
		close(fd);
		return -1;
	}
	rc = parse_mountinfo(table, file, relpath, want, NULL);
	saved = errno;
	fclose(file);
	errno = saved;
	return rc;
}

int mount_table_read_own(struct mount_table *table, int procfd, unsigned int want)
{
	memset(table, 0, sizeof(*table));
	if (read_by_statmount(table, want) != 0) {
		/* ENOSYS before 6.8, and any refusal: mountinfo says the same */
		mount_table_free(table);
		if (read_mountinfo(table, procfd, "self/mountinfo", want) != 0)
			goto fail;
	}
	if (mount_table_link(table) != 0)
		goto fail;
	return 0;
fail:
	{
		int saved = errno;

		mount_table_free(table);
		errno = saved;
	}
	return -1;
}

int mount_table_read_pid(struct mount_table *table, int piddir, unsigned int want)
{
	int saved;

	memset(table, 0, sizeof(*table));
	if (read_mountinfo(table, piddir, "mountinfo", want) == 0 && mount_table_link(table) == 0)
		return 0;
	saved = errno;
	/* a process that has exited but not been reaped has no mount namespace
	 * left, and opening its mountinfo says EINVAL: say it is gone */
	if (saved == EINVAL && faccessat(piddir, "ns/mnt", F_OK, 0) != 0 && errno == ENOENT)
		saved = ESRCH;
	mount_table_free(table);
	errno = saved;
	return -1;
}

int mount_table_read_stream(struct mount_table *table, FILE *mountinfo, const char *name, unsigned int want,
			    const char *fstype)
{
	int saved;

	memset(table, 0, sizeof(*table));
	if (parse_mountinfo(table, mountinfo, name, want, fstype) == 0 && mount_table_link(table) == 0)
		return 0;
	saved = errno;
	mount_table_free(table);
	errno = saved;
	return -1;
}

/* Keep in place only the lines of BUF that can be of type FSTYPE; the new
 * length. The type follows the " - " that ends the optional fields, and
 * mountinfo escapes the blanks of paths (\040), so " - TYPE " stands nowhere
 * else. libmount still reads each line kept: this only spares it the
 * thousands of others a big table has. */
static size_t keep_lines_of_type(char *buf, size_t len, const char *fstype)
{
	size_t kept = 0;
	char needle[64], *line, *end;

	if (snprintf(needle, sizeof(needle), " - %s ", fstype) >= (int) sizeof(needle))
		return len;
	for (line = buf; line < buf + len; line = end + 1) {
		end = memchr(line, '\n', (size_t) (buf + len - line));
		if (!end)
			end = buf + len;
		*end = '\0';
		if (strstr(line, needle)) {
			memmove(buf + kept, line, (size_t) (end - line));
			kept += (size_t) (end - line);
			buf[kept++] = '\n';
		}
	}
	return kept;
}

int mount_table_read_text(struct mount_table *table, char *buf, size_t len, const char *name, unsigned int want,
			  const char *fstype)
{
	FILE *stream;
	int rc, saved;

	len = keep_lines_of_type(buf, len, fstype);
	if (len == 0) {
		memset(table, 0, sizeof(*table));
		return 0;
	}
	stream = fmemopen(buf, len, "r");
	if (!stream)
		return -1;
	rc = mount_table_read_stream(table, stream, name, want, fstype);
	saved = errno;
	fclose(stream);
	errno = saved;
	return rc;
}

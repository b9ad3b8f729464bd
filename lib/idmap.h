/* A user namespace's ID maps: built from the options, written for a child
 * into /proc/PID/uid_map and gid_map, by shadow's newuidmap and newgidmap
 * where we may not write them ourselves. */
#ifndef NSTOOLS_IDMAP_H
#define NSTOOLS_IDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* An id map: the lines of /proc/PID/uid_map or gid_map, INNER OUTER COUNT. */
struct id_map {
	char lines[4096];
	size_t count;      /* ranges */
	bool only_ours;    /* one range of one id, ours: written without newuidmap */
	bool groups;       /* a gid_map (set it before the first range): ours is our group ID */
};

/* Add a range; too many is a usage error. */
void id_map_add(struct id_map *map, uint64_t inner, uint64_t outer, uint64_t count);

/* Map our own user (group) ID to the one ARG names (--map-user=UID); an
 * invalid one is a usage error. */
void id_map_add_id(struct id_map *map, const char *arg);

/* Add the range ARG writes as INNER:OUTER:COUNT (--map-users); another form
 * is a usage error. */
void id_map_add_range(struct id_map *map, const char *arg);

/* Write CHILD's setgroups (SETGROUPS: "allow", "deny" or NULL, which denies
 * where an unprivileged map needs it), then its uid_map and gid_map; an empty
 * map is not written. 0, or -1 after a warning. */
int id_maps_write(pid_t child, const struct id_map *uids, const struct id_map *gids, const char *setgroups);

#endif

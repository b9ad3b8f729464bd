#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "idmap.h"
#include "idrange.h"
#include "parse.h"
#include "procfile.h"
#include "tool.h"

static uint64_t our_id(const struct id_map *map)
{
	return map->groups ? getegid() : geteuid();
}

void id_map_add(struct id_map *map, uint64_t inner, uint64_t outer, uint64_t count)
{
	size_t len = strlen(map->lines);

	if (snprintf(map->lines + len, sizeof(map->lines) - len, "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
		     inner, outer, count) >= (int) (sizeof(map->lines) - len))
		usage_error(_("too many ID ranges"));
	map->only_ours = map->count == 0 && count == 1 && outer == our_id(map);
	map->count++;
}

void id_map_add_id(struct id_map *map, const char *arg)
{
	uint64_t id;

	if (parse_u64(arg, 0, UINT32_MAX - 1, &id) != 0)
		usage_error(_("%s: invalid %s"), arg, map->groups ? _("group ID") : _("user ID"));
	id_map_add(map, id, our_id(map), 1);
}

void id_map_add_range(struct id_map *map, const char *arg)
{
	struct id_range range;

	if (id_range_parse(arg, &range) != 0) {
		if (errno == ENOMEM)
			err(EXIT_TOOL_FAILED, NULL);
		usage_error(_("%s: not INNER:OUTER:COUNT"), arg);
	}
	id_map_add(map, range.inner, range.outer, range.count);
}

/* Several ranges, or another ID than our own, need the setuid helpers of
 * shadow's uidmap package when we are not root, as with util-linux. */
static int run_id_map_helper(const char *helper, pid_t child, const struct id_map *map)
{
	char *argv[3 + 3 * 340 + 1], *copy = strdup(map->lines), *save = NULL, pidbuf[16];
	size_t argc = 0;
	pid_t helper_pid;
	int wstatus;

	if (!copy)
		return -1;
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int) child);
	argv[argc++] = (char *) helper;
	argv[argc++] = pidbuf;
	for (char *word = strtok_r(copy, " \n", &save); word && argc < sizeof(argv) / sizeof(argv[0]) - 1;
	     word = strtok_r(NULL, " \n", &save))
		argv[argc++] = word;
	argv[argc] = NULL;

	helper_pid = fork();
	if (helper_pid == 0)
		exec_command(argv);
	free(copy);
	if (helper_pid < 0 || waitpid(helper_pid, &wstatus, 0) < 0) {
		warn(_("cannot run %s"), helper);
		return -1;
	}
	/* a helper that could not run has said why (127: install uidmap) */
	if (exit_status_of(wstatus) != 0 && exit_status_of(wstatus) < EXIT_CANNOT_RUN)
		warnx(_("%s failed to write the ID map of process %d"), helper, (int) child);
	return exit_status_of(wstatus) == 0 ? 0 : -1;
}

static int write_id_map(pid_t child, const struct id_map *map, const char *file, const char *helper)
{
	if (map->count == 0)
		return 0;
	if (geteuid() == 0 || map->only_ours)
		return proc_write_file(child, file, map->lines);
	return run_id_map_helper(helper, child, map);
}

int id_maps_write(pid_t child, const struct id_map *uids, const struct id_map *gids, const char *setgroups)
{
	const char *groups = setgroups;

	/* an unprivileged process may write its one-group map only once
	 * setgroups is denied; unshare -r denies it too */
	if (!groups && gids->count && gids->only_ours)
		groups = "deny";
	if (groups && proc_write_file(child, "setgroups", groups) != 0)
		return -1;
	if (write_id_map(child, uids, "uid_map", "newuidmap") != 0)
		return -1;
	return write_id_map(child, gids, "gid_map", "newgidmap");
}

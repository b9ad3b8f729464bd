#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kernel.h"
#include "nls.h"
#include "nstype.h"

const struct ns_type ns_types[] = {
	{ "mnt",    "mnt",    NULL,                CLONE_NEWNS,     'm', "mount",  false, N_("mount table"),                               false },
	{ "uts",    "uts",    NULL,                CLONE_NEWUTS,    'u', "uts",    false, N_("hostname and domain name"),                  false },
	{ "ipc",    "ipc",    NULL,                CLONE_NEWIPC,    'i', "ipc",    false, N_("System V IPC and POSIX message queues"),     false },
	{ "net",    "net",    NULL,                CLONE_NEWNET,    'n', "net",    false, N_("network devices, addresses, routes, ports"), true  },
	{ "pid",    "pid",    "pid_for_children",  CLONE_NEWPID,    'p', "pid",    true,  N_("process IDs"),                               false },
	{ "user",   "user",   NULL,                CLONE_NEWUSER,   'U', "user",   true,  N_("user and group IDs, capabilities"),          false },
	{ "cgroup", "cgroup", NULL,                CLONE_NEWCGROUP, 'C', "cgroup", false, N_("cgroup root directory"),                     false },
	{ "time",   "time",   "time_for_children", CLONE_NEWTIME,   'T', "time",   false, N_("boot-time and monotonic clocks"),            false },
};

const size_t ns_type_count = sizeof(ns_types) / sizeof(ns_types[0]);
_Static_assert(sizeof(ns_types) / sizeof(ns_types[0]) <= NS_TYPE_MAX, "raise NS_TYPE_MAX");

const struct ns_type *ns_type_by_name(const char *name)
{
	for_each_ns_type(t)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

const struct ns_type *ns_type_by_flag(int flag)
{
	for_each_ns_type(t)
		if (t->flag == flag)
			return t;
	return NULL;
}

const struct ns_type *ns_type_by_option(int option)
{
	for_each_ns_type(t)
		if (t->option == option)
			return t;
	return NULL;
}

const struct ns_type *ns_type_of_sockets(void)
{
	for_each_ns_type(t)
		if (t->sockets)
			return t;
	return NULL;
}

size_t ns_type_index(const struct ns_type *type)
{
	return (size_t) (type - ns_types);
}

void ns_getopt_build(struct ns_getopt *g, const char *optstring, const struct option *options,
		     size_t noptions, int has_arg)
{
	size_t n = 0, len;

	/* cppcheck-suppress ctuuninitvar ; *g is written here, never read before */
	snprintf(g->optstring, sizeof(g->optstring), "%s", optstring);
	for (; n < noptions && n < sizeof(g->longopts) / sizeof(g->longopts[0]) - NS_TYPE_MAX - 1; n++)
		g->longopts[n] = options[n];
	for_each_ns_type(t) {
		len = strlen(g->optstring);
		if (len + 3 < sizeof(g->optstring)) {
			g->optstring[len++] = (char) t->option;
			if (has_arg == required_argument)
				g->optstring[len++] = ':';
			g->optstring[len] = '\0';
		}
		g->longopts[n++] = (struct option) { t->long_option, has_arg, NULL, t->option };
	}
	g->longopts[n] = (struct option) { 0 };
}

void ns_type_print_options(const char *arg, const char *format)
{
	for_each_ns_type(t) {
		char option[48];

		if (arg)
			snprintf(option, sizeof(option), "-%c, --%s=%s", t->option, t->long_option, arg);
		else
			snprintf(option, sizeof(option), "-%c, --%s", t->option, t->long_option);
		/* FORMAT is the caller's translated help line; the callers pass it
		 * through _(), which checks it against the arguments below */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		printf(format, option, t->name, _(t->isolates));
#pragma GCC diagnostic pop
	}
}

long ns_type_limit(const struct ns_type *type)
{
	char path[64];
	long limit;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/user/max_%s_namespaces", type->name);
	if (!(f = fopen(path, "re")))
		return -1;
	/* NOLINTNEXTLINE(cert-err34-c): a number the kernel wrote, no user's text */
	if (fscanf(f, "%ld", &limit) != 1 || limit < 0)
		limit = -1;
	fclose(f);
	return limit;
}

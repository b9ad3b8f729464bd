#include "config.h"

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

size_t ns_type_index(const struct ns_type *type)
{
	return (size_t) (type - ns_types);
}

void ns_type_add_options(char *optstring, size_t optstring_size, const char *arg_suffix,
			 struct option *longopts, size_t *n, int has_arg)
{
	for_each_ns_type(t) {
		size_t len = strlen(optstring);

		if (len + 1 + strlen(arg_suffix) < optstring_size) {
			optstring[len] = (char) t->option;
			strcpy(optstring + len + 1, arg_suffix);
		}
		longopts[*n] = (struct option) { t->long_option, has_arg, NULL, t->option };
		(*n)++;
	}
}

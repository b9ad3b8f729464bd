/* The one table of namespace types: everything that differs between types is here. */
#ifndef NSTOOLS_NSTYPE_H
#define NSTOOLS_NSTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <getopt.h>
#include <stdio.h>

struct ns_type {
	const char *name;          /* nsls's TYPE, a pin's file name in a pin directory */
	const char *proc_name;     /* entry in /proc/PID/ns */
	const char *children_name; /* /proc/PID/ns entry for the namespace of future children */
	int flag;                  /* CLONE_NEW* */
	int option;                /* short option letter */
	const char *long_option;
	bool hierarchical;         /* has NS_GET_PARENT */
	const char *isolates;      /* what it isolates, for help texts (translatable) */
	bool sockets;              /* sockets are made in one (SIOCGSKNS) and keep it alive */
};

/* Room for the types a future kernel adds: arrays indexed by type use it. */
#define NS_TYPE_MAX 16

extern const struct ns_type ns_types[];
extern const size_t ns_type_count;

/* NOLINTNEXTLINE(bugprone-macro-parentheses): t is the name of the variable declared */
#define for_each_ns_type(t) for (const struct ns_type *t = ns_types; t < ns_types + ns_type_count; t++)

const struct ns_type *ns_type_by_name(const char *name);
const struct ns_type *ns_type_by_flag(int flag);
const struct ns_type *ns_type_by_option(int option);
/* The type sockets belong to (the network namespace). */
const struct ns_type *ns_type_of_sockets(void);
size_t ns_type_index(const struct ns_type *type);
/* The caller's user's limit on namespaces of TYPE in its user namespace
 * (/proc/sys/user/max_TYPE_namespaces), or -1 where it cannot be read. */
long ns_type_limit(const struct ns_type *type);

/* getopt_long's tables for a tool: its own options, then one per namespace
 * type, the letter and long name from the table, taking HAS_ARG. */
struct ns_getopt {
	char optstring[128];
	struct option longopts[48 + NS_TYPE_MAX + 1];
};

void ns_getopt_build(struct ns_getopt *g, const char *optstring, const struct option *options,
		     size_t noptions, int has_arg);

/* --help's lines for the type options: "-n, --net=ARG" (ARG NULL: no
 * argument) then FORMAT's description, given the option column, the type's
 * name and what it isolates: _("  %-24s join this %s namespace (%s)\n"). */
void ns_type_print_options(const char *arg, const char *format);

#endif

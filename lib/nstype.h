/* The one table of namespace types: everything that differs between types is here. */
#ifndef NSTOOLS_NSTYPE_H
#define NSTOOLS_NSTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <getopt.h>

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

#define for_each_ns_type(t) for (const struct ns_type *t = ns_types; t < ns_types + ns_type_count; t++)

const struct ns_type *ns_type_by_name(const char *name);
const struct ns_type *ns_type_by_flag(int flag);
const struct ns_type *ns_type_by_option(int option);
size_t ns_type_index(const struct ns_type *type);

/* Append one getopt option per namespace type: letters to OPTSTRING (each
 * followed by ARG_SUFFIX, "" or ":"), entries to LONGOPTS at *N. The entries
 * return the short letter. */
void ns_type_add_options(char *optstring, size_t optstring_size, const char *arg_suffix,
			 struct option *longopts, size_t *n, int has_arg);

#endif

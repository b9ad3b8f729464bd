/* Setting the propagation of mount points, as mount(8)'s --make-* do:
 * every PATH checked before anything is changed, and what the kernel did
 * read back where it may quietly do less than asked. */
#ifndef NSTOOLS_PROPSET_H
#define NSTOOLS_PROPSET_H

#include <stdbool.h>
#include <stddef.h>

/* Make each of the NPATHS PATHS (mount points) FLAG (MS_SHARED, MS_SLAVE,
 * MS_PRIVATE, MS_UNBINDABLE), with the mounts below when RECURSIVE; PROCFD
 * is a descriptor of /proc. Exits when a PATH is not a mount point; a
 * failure to set one is said and the others are still set. EXIT_SUCCESS, or
 * the tool's failure status when one could not be set. */
/* mount(8)'s --make-* options, and the letters of the four plain ones */
struct propagation_option {
	const char *option;   /* "--make-rshared" */
	int letter;           /* its short option, or 0 */
	unsigned long flag;
	bool recursive;
};
#define PROPAGATION_NOPTIONS 8
extern const struct propagation_option propagation_options[PROPAGATION_NOPTIONS];

int propagation_set_paths(int procfd, char **paths, size_t npaths, unsigned long flag, bool recursive);

#endif

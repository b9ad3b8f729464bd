/* Setting the propagation of mount points, as mount(8)'s --make-* do:
 * several in one call apply in order, a later one that undoes an earlier
 * one is refused before anything is changed, every PATH is checked before
 * anything is changed, and what the kernel did is read back where it may
 * quietly do less than asked. */
#ifndef NSTOOLS_PROPSET_H
#define NSTOOLS_PROPSET_H

#include <stdbool.h>
#include <stddef.h>

/* mount(8)'s --make-* options: long names only, for a short letter is a
 * reading habit of findmnt's (-s --fstab, -p --poll, -u --notruncate) */
struct propagation_option {
	const char *option;   /* "--make-rshared" */
	unsigned long flag;   /* MS_SHARED, MS_SLAVE, MS_PRIVATE, MS_UNBINDABLE */
	bool recursive;
};
#define PROPAGATION_NOPTIONS 8
extern const struct propagation_option propagation_options[PROPAGATION_NOPTIONS];

/* One --make-* as given, and whether it reaches the mounts below PATH (its
 * r form, or -R). */
struct propagation_change {
	const struct propagation_option *option;
	bool recursive;
};

/* Whether change LATER, made after EARLIER, undoes the whole of what EARLIER
 * asked for (--make-private then --make-shared): the rule mountprop(1)
 * states. */
bool propagation_undoes(const struct propagation_change *earlier, const struct propagation_change *later);

/* Apply the NCHANGES CHANGES, in order, to each of the NPATHS PATHS (mount
 * points); PROCFD is a descriptor of /proc. Exits when a PATH is not a mount
 * point, before anything is changed; a failure to set one is said, the
 * changes after it are not made there, and the other PATHs are still set.
 * EXIT_SUCCESS, or the tool's failure status when one could not be set. */
int propagation_set_paths(int procfd, char **paths, size_t npaths, const struct propagation_change *changes,
			  size_t nchanges);

#endif

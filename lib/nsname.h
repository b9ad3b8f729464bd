/* Naming a namespace by NAME, the same way in every tool: a word with no
 * slash that is not a PID means the pin PINROOT/NAME (a pin directory of
 * DIR/TYPE pins, or one pin), and for the network type also iproute2's
 * /run/netns/NAME. Every path is opened once, no link followed where others
 * could have planted one, and what is found is held as checked descriptors. */
#ifndef NSTOOLS_NSNAME_H
#define NSTOOLS_NSNAME_H

#include <stdbool.h>

#include "nstype.h"

/* where iproute2 keeps named network namespaces: ip netns list shows them */
#define IPROUTE2_NETNS_DIR "/run/netns"

/* Where a pin named without a slash lives: $NSTOOLS_PIN_ROOT, else the
 * configured pin root (/run/nstools). */
const char *pin_root(void);

/* Where mount namespace pins by NAME live: the pin root's path with ".mnt"
 * added, a private mount point (nothing may propagate under such a pin). */
const char *pin_root_mnt(void);

/* True when ARG is written as a NAME: no slash, not a PID or PID:INODE. */
bool ns_is_name(const char *arg);

/* Exit with a one-line error unless NAME can name a pin: not empty, no
 * "..", no slash, at most NAME_MAX bytes. */
void ns_name_check(const char *name);

/* Namespaces found by type: a descriptor (or -1) and the path it came from. */
struct ns_held {
	int fd[NS_TYPE_MAX];
	char *path[NS_TYPE_MAX];
};

void ns_held_init(struct ns_held *found);
void ns_held_release(struct ns_held *found);

/* The pins DIRFD/TYPE of the directory DIRFD (SHOWN to the user), of the
 * types in TYPES (CLONE_NEW* flags; 0: every type), added to FOUND; a
 * directory entry named by type that is not a pin of it exits. The count. */
int ns_pins_of_dir(int dirfd, const char *shown, int types, struct ns_held *found);

/* What NAME names, of the types in TYPES (0: every type), into FOUND:
 * PINROOT/NAME's pins, and /run/netns/NAME, which must be the same network
 * namespace where both are. Exits naming what is wrong; the count. */
int ns_name_resolve(const char *name, int types, struct ns_held *found);

/* The pins ARG names: a NAME, or the path of a pin directory. Exits naming
 * ARG when it is neither; the count. */
int ns_pins_resolve(const char *arg, int types, struct ns_held *found);

/* ARG wherever a namespace file is taken: a NAME, a pin directory (all its
 * pins) or a namespace file of any type. Exits naming ARG; the count. */
int ns_held_of_arg(const char *arg, struct ns_held *held);

/* The one namespace of type WANT (NULL: whichever NAME names, if just one)
 * that NAME names, checked; exits on failure. *TYPE says which. */
int ns_name_open(const char *name, const struct ns_type *want, const struct ns_type **type);

#endif

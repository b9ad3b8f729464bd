/* A network namespace pinned by NAME is iproute2's too: /run/netns/NAME, so
 * that ip netns list, ip netns exec NAME and ip -n NAME see it at once, and
 * nspin --release NAME takes both away. */
#ifndef NSTOOLS_NETNSPIN_H
#define NSTOOLS_NETNSPIN_H

#include <stdbool.h>

#include "nstype.h"

/* Before pinning the types in TYPES (CLONE_NEW*) by ARG: when ARG is a NAME
 * and a network namespace is among them, make /run/netns ready as ip netns
 * does (a shared mount point of its own); a mount namespace, the private
 * PINROOT.mnt. Exits on failure, before any pin is made. */
void netns_pin_prepare(const char *arg, int types);

/* True when a network namespace pinned by ARG is also /run/netns/ARG. */
bool netns_pin_wanted(const char *arg);

/* Pin NSFD as /run/netns/NAME too; -1 after a one-line warning. */
int netns_pin_create(const char *name, int nsfd);

/* Release /run/netns/NAME, which netns_pin_create made. */
void netns_pin_undo(const char *name);

/* A mount namespace pinned by NAME (nspin -t PID NAME, nsclone --pin=NAME)
 * lives in PINROOT.mnt/NAME, a private pin root: the kernel refuses it on
 * the shared one whenever another mount namespace receives its mounts. */
int mnt_pin_create(const char *name, int nsfd);

/* Where one pin of TYPE named ARG lives: PINROOT.mnt/NAME for a mount
 * namespace by NAME, else as pin_resolve says (PREPARE as there). */
char *pin_path_of_type(const char *arg, const struct ns_type *type, bool prepare);
void mnt_pin_undo(const char *name);

/* nspin --release NAME: the pins of PINROOT/NAME and PINROOT.mnt/NAME, and /run/netns/NAME where
 * it pins the same network namespace (or where it is all there is, as ip
 * netns delete). A plain file there with no namespace on it (what a crashed
 * ip netns add leaves) is reported, and removed only when STALE asks. 0, or
 * -1 after a one-line warning. */
int netns_pin_release_name(const char *name, bool stale);

#endif

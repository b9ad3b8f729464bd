/* Pins: a namespace bind-mounted onto a file, so it lives on with no process
 * in it. nspin makes and releases them; nsclone --pin makes them. */
#ifndef NSTOOLS_PIN_H
#define NSTOOLS_PIN_H

#include <stdbool.h>
#include <sys/types.h>

#include "nsname.h"
#include "nstype.h"


/* The path a pin argument means: itself when it has a slash, else a NAME
 * under the pin root. PREPARE (for making pins) first makes the pin root, or
 * iproute2's /run/netns for a path in it, a shared mount point. Exits on
 * failure. */
char *pin_resolve(const char *arg, bool prepare);

/* Make DIR a mount point of its own, shared, as iproute2 does /run/netns, so
 * that pins made later appear in mount namespaces made earlier. Idempotent
 * and safe against parallel first runs (flock). Exits on failure. */
void pin_root_prepare(const char *dir);

/* The same, but private: where mount namespace pins live, which the kernel
 * takes only on a mount that propagates nowhere. */
void pin_root_prepare_private(const char *dir);

/* Bind-mount the namespace NSFD onto PATH, which is created for it (mode 0,
 * as ip netns does) and must not exist: the mount goes onto the descriptor of
 * the file just made, so a swap of PATH's name cannot redirect it. On failure
 * a one-line warning says why (with the rule a mount namespace pin broke),
 * nothing is left behind, and -1 is returned. */
int pin_create(int nsfd, const struct ns_type *type, const char *path);

/* The same, as unshare --TYPE=FILE: PATH may also be an empty regular file
 * (as ip netns add and touch make them), pinned onto where it is (then 1,
 * not 0); anything else that exists is refused and left as it is. */
int pin_create_file(int nsfd, const struct ns_type *type, const char *path);

/* True when PATH is a namespace bind mount; *inode tells which namespace.
 * False with errno 0 when it is not; with errno set when that could not be
 * told (a check failed). No link is followed at PATH's end, nor anywhere
 * others could have put one. */
bool pin_is_pin(const char *path, const struct ns_type **type, unsigned long long *inode);

/* The same for the entry NAME of the directory DIRFD: 1 a pin, 0 not, -1
 * with errno when that could not be told. */
int pin_check_at(int dirfd, const char *name, const struct ns_type **type, unsigned long long *inode);

/* A directory of pins named by type, DIR/net, DIR/uts..., made as one. */
struct pin_dir {
	char *path;
	int parent;                /* DIR's parent, locked from begin to end */
	char *name;                /* DIR's name in it */
	int fd;                    /* DIR, opened once: every pin is made in it */
	bool created;              /* the directory was made for these pins */
	bool pinned[NS_TYPE_MAX];
	const char *by_name;       /* set after begin, the NAME it was given by: its
				    * net pin is /run/netns/NAME too, its mnt pin
				    * PINROOT.mnt/NAME */
	bool netns_pinned, mnt_pinned;
};

/* Open (or create) DIR for pins, its parent locked against other runs that
 * pin or release there; -1 with a warning on failure. */
int pin_dir_begin(struct pin_dir *dir, const char *path);

/* Pin NSFD as DIR/TYPE; -1 with a warning on failure. */
int pin_dir_add(struct pin_dir *dir, int nsfd, const struct ns_type *type);

/* Undo every pin made and the directory if it was made: as if never begun. */
void pin_dir_rollback(struct pin_dir *dir);

/* Close what begin opened, and let other runs at the directory. */
void pin_dir_end(struct pin_dir *dir);

/* Begin the pin directory ARG (as pin_resolve makes it) and pin in it every
 * namespace of the types in FLAGS (CLONE_NEW*) that process PID will run its
 * command in. All or none: -1 after a warning, the pins made rolled back;
 * either way the directory is left for pin_dir_end. */
int pin_dir_of_process(struct pin_dir *pins, const char *arg, pid_t pid, int flags);

/* The namespace of TYPE that process PID (a child of ours, just made) runs its
 * command in: its pid_for_children or time_for_children for those types.
 * Opened for reading, or -1 after a warning naming the file. */
int pin_open_namespace_of(pid_t pid, const struct ns_type *type);

/* Release PATH: unmount and remove a pin, a pin directory (only pins in it,
 * and placeholders a killed run left), or a placeholder; refuse anything
 * else and leave it as it is. Every step is on descriptors opened once, with
 * PATH's parent locked. 0, or -1 after a one-line warning. */
int pin_release(const char *path);

#endif

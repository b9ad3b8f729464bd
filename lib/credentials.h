/* Credentials in the namespaces joined: the host's supplementary groups
 * dropped, the user and group IDs asked for (root in a joined user
 * namespace), and no way in for others while host descriptors are held. */
#ifndef NSTOOLS_CREDENTIALS_H
#define NSTOOLS_CREDENTIALS_H

#include <stdbool.h>

/* Before joining the namespaces in MASK (CLONE_NEW*): drop the host's
 * supplementary groups when a user namespace is among them, unless
 * PRESERVE_CREDENTIALS. Exits on failure. */
void drop_host_groups(int mask, bool preserve_credentials);

/* Not dumpable: no ptrace, no pidfd_getfd from whoever is root in the
 * namespaces we join; exec makes the command dumpable again. Exits on failure. */
void become_undumpable(void);

/* After joining: set the IDs UID_ARG and GID_ARG name (-S, -G; NULL: none
 * given), 0 for those not given when JOINED_USER, none at all with
 * PRESERVE_CREDENTIALS (which excludes the other two). Exits on failure. */
void set_credentials(const char *uid_arg, const char *gid_arg, bool preserve_credentials, bool joined_user);

#endif

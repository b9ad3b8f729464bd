/* What ip netns exec does for its command once it is in the network
 * namespace: a mount namespace of its own (a slave of ours, so our mount table
 * never changes), /sys mounted afresh for that network namespace, and every
 * /etc/netns/NAME/FILE bound over /etc/FILE. */
#ifndef NSTOOLS_NETNSEXEC_H
#define NSTOOLS_NETNSEXEC_H

/* The NAME of /etc/netns/NAME that ARG, a network namespace's SPEC or pin
 * directory, stands for: ARG itself when it is a NAME, its last component
 * when it is in /run/netns or the pin root; NULL otherwise. */
const char *netns_exec_name(const char *arg);

/* Set up the command's view, in the network namespace already joined; NAME
 * may be NULL (no /etc files then). Where sysfs cannot be mounted, or a file
 * of /etc/netns/NAME has no counterpart in /etc, say so in one line and go
 * on, as iproute2 does; exits when no mount namespace can be made. */
void netns_exec_setup(const char *name);

#endif

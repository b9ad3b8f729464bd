/* NETNSID: the ID our network namespace gives another one (RTM_GETNSID over
 * rtnetlink), as ip netns list-id shows it and lsns's NETNSID column. */
#ifndef NSTOOLS_NETNSID_H
#define NSTOOLS_NETNSID_H

/* A rtnetlink socket to ask through (O_CLOEXEC), or -1 with errno. */
int netnsid_socket(void);

/* The ID of the network namespace open at NSFD, asked through SOCK: -1 when
 * it has none, INT_MIN when it cannot be asked (SOCK < 0 among the reasons). */
int netnsid_of(int sock, int nsfd);

#endif

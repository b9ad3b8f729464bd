/* nsls NS, as lsns NS: the processes in the namespaces named, every one,
 * PID, PPID, USER and COMMAND, drawn as a tree by parent. */
#ifndef NSTOOLS_NSMEMBERS_H
#define NSTOOLS_NSMEMBERS_H

#include "nsreport.h"

/* Print the processes in REP's wanted namespaces, in REP's style (-J, -r, -n). */
void report_members(const struct ns_report *rep);

#endif

/* Where a detached command's standard streams go: /dev/null, or a log file
 * that root may append to without anyone else choosing what it is. */
#ifndef NSTOOLS_DETACH_H
#define NSTOOLS_DETACH_H

/* Open PATH (--log=FILE) for appending, as the caller sees it, before any
 * namespace is made. Its directory is resolved once, PATH is never a link,
 * and a directory others can write is refused, but for one that is sticky
 * (/tmp) where PATH is ours: there nobody else can replace it. Returns the
 * descriptor (O_CLOEXEC); exits on failure. */
int log_file_open(const char *path);

/* Standard input from /dev/null, output and errors to the log *LOG_FD (then
 * closed and -1) or /dev/null when it is -1: the command keeps nothing of the
 * caller's terminal. Exits on failure. */
void stdio_detach(int *log_fd);

#endif

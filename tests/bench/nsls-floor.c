/* The floors for nsls's benchmark: the least any namespace lister must do.
 * Without arguments, readlink every /proc/PID/ns link once (every link this
 * kernel has, as /proc/self/ns lists them: pid_for_children and
 * time_for_children too), and nothing else. With --fds, also list every
 * /proc/PID/fd and readlink each descriptor in it, the least a census of
 * the namespaces that descriptors hold must add. Built and run by
 * tests/bench/nsls.sh; not installed. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LINKS_MAX 32

int main(int argc, char **argv)
{
	char entries[LINKS_MAX][256], path[600], link[64];
	unsigned long links = 0;
	size_t nentries = 0;
	int fds = argc > 1 && strcmp(argv[1], "--fds") == 0;
	struct dirent *entry;
	DIR *dir = opendir("/proc/self/ns");

	if (!dir)
		return 1;
	while ((entry = readdir(dir)) && nentries < LINKS_MAX)
		if (entry->d_name[0] != '.')
			snprintf(entries[nentries++], sizeof(entries[0]), "%s", entry->d_name);
	closedir(dir);

	if (!(dir = opendir("/proc")))
		return 1;
	while ((entry = readdir(dir))) {
		if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
			continue;
		for (size_t i = 0; i < nentries; i++) {
			if ((size_t) snprintf(path, sizeof(path), "%s/ns/%s", entry->d_name, entries[i]) >= sizeof(path))
				continue;
			links += readlinkat(dirfd(dir), path, link, sizeof(link)) > 0;
		}
		if (fds) {
			struct dirent *fd;
			DIR *fddir;

			snprintf(path, sizeof(path), "%s/fd", entry->d_name);
			if (!(fddir = fdopendir(openat(dirfd(dir), path, O_RDONLY | O_DIRECTORY | O_CLOEXEC))))
				continue;
			while ((fd = readdir(fddir)))
				if (fd->d_name[0] != '.')
					links += readlinkat(dirfd(fddir), fd->d_name, link, sizeof(link)) > 0;
			closedir(fddir);
		}
	}
	closedir(dir);
	printf("%lu\n", links);
	return 0;
}

/* The floor for nsls's benchmark: the least any namespace lister must do,
 * readlink every /proc/PID/ns/TYPE once, and nothing else. Built and run by
 * tests/bench/nsls.sh; not installed. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	static const char *const entries[] = { "mnt", "uts", "ipc", "net", "pid", "user", "cgroup", "time" };
	char path[64], link[64];
	unsigned long links = 0;
	struct dirent *entry;
	DIR *proc = opendir("/proc");

	if (!proc)
		return 1;
	while ((entry = readdir(proc))) {
		if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
			continue;
		for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
			snprintf(path, sizeof(path), "%s/ns/%s", entry->d_name, entries[i]);
			links += readlinkat(dirfd(proc), path, link, sizeof(link)) > 0;
		}
	}
	closedir(proc);
	printf("%lu\n", links);
	return 0;
}

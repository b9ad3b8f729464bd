#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "readall.h"

char *read_all(int fd, size_t *len)
{
	size_t size = 4096, got = 0;
	char *buf = malloc(size);
	ssize_t n;

	if (!buf)
		return NULL;
	while ((n = read(fd, buf + got, size - got - 1)) > 0) {
		got += (size_t) n;
		if (got + 1 == size) {
			char *bigger = realloc(buf, size *= 2);

			if (!bigger) {
				free(buf);
				return NULL;
			}
			buf = bigger;
		}
	}
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

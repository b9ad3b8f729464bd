#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "array.h"
#include "readall.h"

char *read_all(int fd, size_t *len)
{
	size_t size = 0, got = 0;
	char *buf = NULL;
	ssize_t n;

	do {
		if (array_reserve(&buf, &size, got + 4096, 1) != 0) {
			free(buf);
			return NULL;
		}
		n = read(fd, buf + got, size - got - 1);
		if (n > 0)
			got += (size_t) n;
	} while (n > 0);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

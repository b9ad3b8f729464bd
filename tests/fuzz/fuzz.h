/* What every harness shares: libFuzzer's entry point, the input as a C string,
 * and a check that crashes loudly, so that the fuzzer keeps the input. */
#ifndef NSTOOLS_FUZZ_H
#define NSTOOLS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as the tools get their arguments: a string, cut at its first NUL.
 * Allocated to the byte, so that AddressSanitizer sees a read past its end. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *str = malloc(size + 1);

	if (!str)
		abort();
	memcpy(str, data, size);
	str[size] = '\0';
	return str;
}

/* A property of a parser that does not hold is a bug like a crash. */
#define FUZZ_CHECK(cond, str) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: %s does not hold for \"%s\"\n", __FILE__, __LINE__, #cond, (str)); \
			abort(); \
		} \
	} while (0)

#endif

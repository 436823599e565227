/*
 * fuzz_norm.c: libFuzzer target for the normaliser.  Any bytes go through
 * habar_norm_stream() in a language picked by the first byte; the output
 * must be valid UTF-8, and normalising it again must give it back
 * unchanged (idempotence): the target aborts otherwise.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/norm.h>

#include "../norm_memory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct habar_norm *norms[3];

/* Whether s[0..n) is well-formed UTF-8. */
static int
valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned b = s[i];
		size_t need;
		uint32_t c, min;
		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF) {
			need = 1; c = b & 0x1F; min = 0x80;
		} else if (b >= 0xE0 && b <= 0xEF) {
			need = 2; c = b & 0x0F; min = 0x800;
		} else if (b >= 0xF0 && b <= 0xF4) {
			need = 3; c = b & 0x07; min = 0x10000;
		} else
			return 0;
		for (size_t k = 1; k <= need; k++) {
			if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *langs[3] = { "kk", "ru", "en" };
	struct habar_norm *norm;
	char *once, *twice;
	size_t n1, n2;
	unsigned rules;
	int which;

	if (size == 0)
		return 0;
	which = data[0] % 3;
	if (norms[which] == NULL &&
	    habar_norm_new(&norms[which], langs[which]) != HABAR_OK)
		abort();	/* the data files must be found */
	norm = norms[which];
	/* A first byte from 0xF0 up picks a subset of the rules. */
	rules = data[0] >= 0xF0 ? ((unsigned)data[0] * 0x21u) &
	    HABAR_NORM_RULE_ALL : HABAR_NORM_RULE_ALL;
	habar_norm_set_rules(norm, rules);
	once = norm_in_memory(norm, (const char *)data + 1, size - 1, &n1);
	if (once == NULL)
		return 0;
	if (!valid_utf8((const unsigned char *)once, n1))
		abort();
	/* Without the invisible rule a byte order mark left at the start
	 * is dropped by the release reader on the second pass: idempotence
	 * is promised for rule sets that include it. */
	if (!(rules & HABAR_NORM_RULE_INVISIBLE)) {
		free(once);
		return 0;
	}
	twice = norm_in_memory(norm, once, n1, &n2);
	if (twice == NULL || n1 != n2 || memcmp(once, twice, n1) != 0) {
		fprintf(stderr, "not idempotent:\n1: %.*s\n2: %.*s\n", (int)n1,
		    once, twice ? (int)n2 : 0, twice ? twice : "");
		abort();
	}
	free(once);
	free(twice);
	return 0;
}

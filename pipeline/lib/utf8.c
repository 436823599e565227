/*
 * utf8.c: one strict UTF-8 decoder for the whole library (see
 * utf8_internal.h).  Files from outside (releases, archive member names,
 * XLIFF) are checked with it before they are trusted as text.
 */
#include "utf8_internal.h"

size_t
habar__utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	size_t n, i;
	unsigned long c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int
habar__utf8_valid(const char *s, size_t len, size_t *bad_out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	unsigned long cp;

	while (i < len) {
		if ((n = habar__utf8_decode(u + i, len - i, &cp)) == 0) {
			if (bad_out != NULL)
				*bad_out = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

size_t
habar__utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

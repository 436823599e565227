/*
 * utf8_internal.h: strict UTF-8 decoding and checking shared by the
 * library's modules (utf8.c), so that every module agrees on what
 * well-formed UTF-8 is: no overlong forms, no surrogates, nothing past
 * U+10FFFF, no sequence cut short.
 */
#ifndef HABAR_UTF8_INTERNAL_H
#define HABAR_UTF8_INTERNAL_H

#include <stddef.h>

/*
 * Decodes the UTF-8 sequence at s[0..len) (len > 0), storing its code
 * point in *cp; returns its length in bytes (1 to 4), or 0 if it is
 * malformed (overlong, surrogate, beyond U+10FFFF, a stray continuation
 * byte, or cut short by len), in which case *cp is left alone.  Never
 * reads past s[len - 1].
 */
size_t habar__utf8_decode(const unsigned char *s, size_t len,
    unsigned long *cp);

/*
 * Returns whether s[0..len) is well-formed UTF-8; if not, stores in
 * *bad_out (when not NULL) the byte offset of the first malformed
 * sequence.
 */
int habar__utf8_valid(const char *s, size_t len, size_t *bad_out);

/* The characters of s[0..len): the bytes that do not continue a
 * sequence (a column is this count plus one). */
size_t habar__utf8_chars(const char *s, size_t len);

#endif

/*
 * langguess.h (internal): guessing kk, ru or en from a text's letters.
 */
#ifndef HABAR_LANGGUESS_H
#define HABAR_LANGGUESS_H

#include <stddef.h>

/*
 * Returns "kk", "ru" or "en" for the UTF-8 text (invalid bytes ignored),
 * or NULL when it has no letters of those scripts.
 */
const char *habar__guess_lang(const char *text, size_t len);

#endif

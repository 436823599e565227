/*
 * slide_langs.c: which language each paragraph of a slide deck is in.
 *
 * Decks for a bilingual or trilingual audience mix languages slide by
 * slide and line by line, and their lines are short: a two-word Kazakh
 * heading without any of the letters only Kazakh has (ә ғ қ ң ө ұ ү һ і)
 * looks Russian to a guess from letters, and a Kazakh name followed by an
 * e-mail address looks English.  So addresses are left out of the guess,
 * and a short Cyrillic line takes the language of the sure paragraphs
 * around it on its slide, or of the deck when its slide has none.
 */
#include <stdlib.h>
#include <string.h>

#include "langguess.h"
#include "slide_langs_internal.h"

/*
 * A Cyrillic paragraph of at most this many words, none with a letter
 * only Kazakh has, could be either language.
 */
#define SHORT_WORDS 3

/* Copies text without e-mail and web addresses into buf (cap bytes). */
static size_t
without_addresses(const char *text, size_t len, char *buf, size_t cap)
{
	size_t i = 0, out = 0, start, end;

	while (i < len) {
		start = i;
		while (i < len && text[i] != ' ' && text[i] != '\t')
			i++;
		end = i;
		if (memchr(text + start, '@', end - start) == NULL &&
		    !(end - start > 3 && strncmp(text + start, "www.", 4) == 0)) {
			const char *p = text + start;
			size_t k, n = end - start;
			int url = 0;

			for (k = 0; k + 3 <= n; k++)
				if (memcmp(p + k, "://", 3) == 0)
					url = 1;
			if (!url && out + n + 1 < cap) {
				memcpy(buf + out, p, n);
				out += n;
				buf[out++] = ' ';
			}
		}
		while (i < len && (text[i] == ' ' || text[i] == '\t'))
			i++;
	}
	return out;
}

/* Words holding a letter (an ASCII letter or a non-ASCII character). */
static size_t
words(const char *text, size_t len)
{
	size_t i, count = 0;
	int in = 0, letter = 0;

	for (i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)text[i] : ' ';

		if (c == ' ' || c == '\t') {
			count += in && letter;
			in = letter = 0;
			continue;
		}
		in = 1;
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			letter = 1;
		else if (c >= 0xc0)
			letter = 1;
	}
	return count;
}

static int
is(const char *lang, const char *want)
{
	return lang != NULL && strcmp(lang, want) == 0;
}

void
habar__slide_langs(const struct habar__slide_para *paras, size_t n,
    const char **langs)
{
	char buf[1024];
	size_t i, j, kk = 0, ru = 0;
	/* Without memory for the marks, every guess stands as it is. */
	unsigned char *unsure = calloc(n > 0 ? n : 1, 1);

	/* First pass: the guess, and whether it may be the other Cyrillic
	 * language. */
	for (i = 0; i < n; i++) {
		size_t len = without_addresses(paras[i].text, paras[i].len, buf,
		    sizeof(buf));

		langs[i] = habar__guess_lang(buf, len);
		if (unsure != NULL)
			unsure[i] = is(langs[i], "ru") &&
			    words(buf, len) <= SHORT_WORDS;
		if (is(langs[i], "kk"))
			kk++;
		else if (is(langs[i], "ru") && (unsure == NULL || !unsure[i]))
			ru++;
	}
	/* Second pass: a short Cyrillic line goes with the sure paragraphs
	 * next to it on its slide (the one before, the one after) when
	 * they are Kazakh. */
	for (i = 0; unsure != NULL && i < n; i++) {
		const char *before = NULL, *after = NULL;

		if (!unsure[i])
			continue;
		for (j = i; j-- > 0 && paras[j].slide == paras[i].slide;)
			if (langs[j] != NULL && !unsure[j]) {
				before = langs[j];
				break;
			}
		for (j = i + 1; j < n && paras[j].slide == paras[i].slide; j++)
			if (langs[j] != NULL && !unsure[j]) {
				after = langs[j];
				break;
			}
		if (before == NULL && after == NULL) {
			/* Alone on its slide: a Kazakh deck makes it
			 * Kazakh. */
			if (kk > 0 && ru == 0)
				langs[i] = "kk";
		} else if ((before == NULL || is(before, "kk")) &&
		    (after == NULL || is(after, "kk"))) {
			langs[i] = "kk";
		}
	}
	free(unsure);
	/* Figures and names without letters stay with the paragraph before
	 * them. */
	for (i = 1; i < n; i++)
		if (langs[i] == NULL)
			langs[i] = langs[i - 1];
}

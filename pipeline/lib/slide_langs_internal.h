/*
 * slide_langs_internal.h: the language of each paragraph of a slide deck
 * (slide_langs.c), for the pack's slides/<name>.<lang>.md files.
 */
#ifndef HABAR_SLIDE_LANGS_INTERNAL_H
#define HABAR_SLIDE_LANGS_INTERNAL_H

#include <stddef.h>

/* One paragraph of a deck, in the order of the slides. */
struct habar__slide_para {
	unsigned slide;		/* 1-based slide number */
	const char *text;	/* UTF-8, one line */
	size_t len;
};

/*
 * Stores in langs[i] the language of paras[i]: "kk", "ru", "en", or NULL
 * for a paragraph without letters that follows no other.  A paragraph
 * is guessed from its letters, e-mail addresses and web addresses left
 * out; a short Cyrillic line without the letters only Kazakh has
 * ("Мектептер саны") is Kazakh or Russian as the paragraphs around it on
 * its slide are, or, alone on its slide, as the deck is; a paragraph
 * without letters goes with the one before it.
 */
void habar__slide_langs(const struct habar__slide_para *paras, size_t n,
    const char **langs);

#endif

/*
 * labels_internal.h: the words of the HTML pages (labels.c).  Each page
 * speaks its own language: its headings, legend and link texts come from
 * locales/<lang>/labels; a key the language's file lacks takes the value
 * of locales/root/labels (English) and is flagged, so that a test can
 * fail when any label of kk, ru or en would fall back.
 */
#ifndef HABAR_LABELS_INTERNAL_H
#define HABAR_LABELS_INTERNAL_H

#include <stddef.h>

#define HABAR__LABELS_MAX 32
#define HABAR__LABEL_KEY 32
#define HABAR__LABEL_VALUE 512

struct habar__label {
	char key[HABAR__LABEL_KEY];
	char value[HABAR__LABEL_VALUE];
	int fallback;		/* 1: from root/labels, not the language's */
};

struct habar__labels {
	struct habar__label items[HABAR__LABELS_MAX];
	size_t count;
};

/*
 * Loads the labels of language lang (a BCP 47 tag; "kk-Latn" finds
 * locales/kk-Latn/labels, else locales/kk/labels): every key of
 * locales/root/labels, with the language's own value where its file has
 * one.  A value "{lang}" stands for the tag itself.  Files that are missing or
 * unreadable leave fewer labels (habar__label() then answers the key), as
 * a page with a bare key is better than no page.  Never fails.
 */
void habar__labels_load(struct habar__labels *labels, const char *lang);

/*
 * The label of key, or key itself when no file has it.  The string lives
 * as long as labels.
 */
const char *habar__label(const struct habar__labels *labels, const char *key);

#endif

/*
 * labels.c: the words of the HTML pages, read from locales/<lang>/labels
 * over locales/root/labels (see labels_internal.h).  A page that showed a
 * heading of another language (the Kazakh "Тіркемелер" on the English
 * page) is what this file exists to prevent: every key is known from the
 * root file, and each value says whether the language gave it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>

#include "data_internal.h"
#include "labels_internal.h"

/* Sets key to value (a new entry, or the one already there). */
static void
set(struct habar__labels *l, const char *k, size_t klen, const char *v,
    size_t vlen, const char *lang, int fallback)
{
	struct habar__label *item = NULL;
	size_t i;

	if (klen == 0 || klen >= HABAR__LABEL_KEY)
		return;
	for (i = 0; i < l->count && item == NULL; i++)
		if (strlen(l->items[i].key) == klen &&
		    memcmp(l->items[i].key, k, klen) == 0)
			item = &l->items[i];
	if (item == NULL) {
		if (l->count == HABAR__LABELS_MAX)
			return;
		item = &l->items[l->count++];
		memcpy(item->key, k, klen);
		item->key[klen] = '\0';
	}
	if (vlen == 6 && memcmp(v, "{lang}", 6) == 0)
		snprintf(item->value, sizeof(item->value), "%s", lang);
	else
		snprintf(item->value, sizeof(item->value), "%.*s", (int)vlen,
		    v);
	item->fallback = fallback;
}

/* Reads one labels file at path into l. */
static void
read_file(struct habar__labels *l, const char *path, const char *lang,
    int fallback)
{
	char line[2048];
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		const char *k, *v;
		size_t klen, vlen;

		if (habar__data_key_value(line, strlen(line), &k, &klen, &v,
		    &vlen) == 1)
			set(l, k, klen, v, vlen, lang, fallback);
	}
	fclose(fp);
}

void
habar__labels_load(struct habar__labels *l, const char *lang)
{
	char *root = NULL, *own = NULL;

	memset(l, 0, sizeof(*l));
	if (habar_data_find(&root, "locales/root/labels") == HABAR_OK)
		read_file(l, root, lang, 1);
	/* habar_data_find_locale() ends at root/ when the language has no
	 * file: that is the fallback already read. */
	if (habar_data_find_locale(&own, lang, "labels") == HABAR_OK &&
	    (root == NULL || strcmp(own, root) != 0))
		read_file(l, own, lang, 0);
	free(root);
	free(own);
}

const char *
habar__label(const struct habar__labels *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].value;
	return key;
}

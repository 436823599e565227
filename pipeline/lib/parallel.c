/*
 * parallel.c: building and freeing the in-memory parallel document (see
 * habar/parallel.h).  The XML writer is in parallel_write.c, the reader in
 * parallel_xml.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/parallel.h>

#include "grow_internal.h"
#include "parallel_internal.h"

enum habar_status
habar_parallel_new(struct habar_parallel **doc_out)
{
	*doc_out = calloc(1, sizeof(**doc_out));
	return *doc_out == NULL ? HABAR_ERR_NOMEM : HABAR_OK;
}

/* Frees what language l holds and clears it. */
static void
language_clear(struct habar_parallel_language *l)
{
	size_t i;

	free(l->lang);
	for (i = 0; i < l->field_count; i++) {
		free(l->fields[i].key);
		free(l->fields[i].value);
	}
	free(l->fields);
	for (i = 0; i < l->paragraph_count; i++)
		free(l->paragraphs[i].id);
	free(l->paragraphs);
	for (i = 0; i < l->sentence_count; i++) {
		free(l->sentences[i].id);
		free(l->sentences[i].text);
	}
	free(l->sentences);
	memset(l, 0, sizeof(*l));
}

void
habar__parallel_drop_language(struct habar_parallel *doc)
{
	size_t k;

	if (doc->language_count == 0)
		return;
	k = --doc->language_count;
	language_clear(&doc->languages[k]);
	doc->field_cap_[k] = doc->paragraph_cap_[k] = doc->sentence_cap_[k] = 0;
}

void
habar_parallel_free(struct habar_parallel *doc)
{
	size_t i, k;

	if (doc == NULL)
		return;
	for (k = 0; k < doc->language_count; k++)
		language_clear(&doc->languages[k]);
	for (i = 0; i < doc->attachment_count; i++)
		free(doc->attachments[i].name);
	free(doc->attachments);
	free(doc->links[0]);
	free(doc->links[1]);
	free(doc->id);
	free(doc->date);
	free(doc->method);
	free(doc);
}

/*
 * The capacities double from 16, a power of two like
 * HABAR_PARALLEL_MAX_ITEMS, so they reach the limit exactly and never pass
 * it.
 */
enum habar_status
habar__parallel_grow(void **array, size_t *cap, size_t count, size_t size)
{
	if (count < *cap)
		return HABAR_OK;
	if (count >= HABAR_PARALLEL_MAX_ITEMS)
		return HABAR_ERR_LIMIT;
	return habar__grow(array, cap, count + 1, size, 16);
}

enum habar_status
habar_parallel_set(struct habar_parallel *doc, const char *which,
    const char *value)
{
	char **slot, *copy = NULL;

	if (strcmp(which, "id") == 0)
		slot = &doc->id;
	else if (strcmp(which, "date") == 0)
		slot = &doc->date;
	else if (strcmp(which, "method") == 0)
		slot = &doc->method;
	else
		return HABAR_ERR_ARGUMENT;
	if (value != NULL && (copy = strdup(value)) == NULL)
		return HABAR_ERR_NOMEM;
	free(*slot);
	*slot = copy;
	return HABAR_OK;
}

int
habar_parallel_find_language(const struct habar_parallel *doc,
    const char *lang)
{
	size_t k;

	for (k = 0; k < doc->language_count; k++)
		if (strcmp(doc->languages[k].lang, lang) == 0)
			return (int)k;
	return -1;
}

enum habar_status
habar_parallel_add_language(struct habar_parallel *doc, const char *lang,
    size_t *index_out)
{
	struct habar_parallel_language *l;

	if (lang == NULL || *lang == '\0' ||
	    habar_parallel_find_language(doc, lang) >= 0)
		return HABAR_ERR_ARGUMENT;
	if (doc->language_count == HABAR_PARALLEL_MAX_LANGS)
		return HABAR_ERR_LIMIT;
	l = &doc->languages[doc->language_count];
	memset(l, 0, sizeof(*l));
	if ((l->lang = strdup(lang)) == NULL)
		return HABAR_ERR_NOMEM;
	if (index_out != NULL)
		*index_out = doc->language_count;
	doc->language_count++;
	return HABAR_OK;
}

const char *
habar_parallel_field(const struct habar_parallel *doc, size_t li,
    const char *key)
{
	const struct habar_parallel_language *l = &doc->languages[li];
	size_t i;

	for (i = 0; i < l->field_count; i++)
		if (strcmp(l->fields[i].key, key) == 0)
			return l->fields[i].value;
	return NULL;
}

enum habar_status
habar_parallel_add_field(struct habar_parallel *doc, size_t li,
    const char *key, const char *value)
{
	struct habar_parallel_language *l = &doc->languages[li];
	struct habar_parallel_field *f;
	enum habar_status status;

	status = habar__parallel_grow((void **)&l->fields, &doc->field_cap_[li],
	    l->field_count, sizeof(*l->fields));
	if (status != HABAR_OK)
		return status;
	f = &l->fields[l->field_count];
	f->key = strdup(key);
	f->value = strdup(value);
	if (f->key == NULL || f->value == NULL) {
		free(f->key);
		free(f->value);
		return HABAR_ERR_NOMEM;
	}
	l->field_count++;
	return HABAR_OK;
}

enum habar_status
habar_parallel_add_paragraph(struct habar_parallel *doc, size_t li,
    const char *id)
{
	struct habar_parallel_language *l = &doc->languages[li];
	struct habar_parallel_paragraph *p;
	char buf[64];
	enum habar_status status;

	/* An empty paragraph is replaced rather than kept. */
	if (l->paragraph_count > 0 &&
	    l->paragraphs[l->paragraph_count - 1].count == 0) {
		l->paragraph_count--;
		free(l->paragraphs[l->paragraph_count].id);
	}
	status = habar__parallel_grow((void **)&l->paragraphs,
	    &doc->paragraph_cap_[li], l->paragraph_count, sizeof(*l->paragraphs));
	if (status != HABAR_OK)
		return status;
	p = &l->paragraphs[l->paragraph_count];
	if (id == NULL) {
		snprintf(buf, sizeof(buf), "%.20s.p%zu", l->lang,
		    l->paragraph_count + 1);
		id = buf;
	}
	if ((p->id = strdup(id)) == NULL)
		return HABAR_ERR_NOMEM;
	p->first = l->sentence_count;
	p->count = 0;
	l->paragraph_count++;
	return HABAR_OK;
}

enum habar_status
habar_parallel_add_sentence(struct habar_parallel *doc, size_t li,
    const char *text, size_t len, const char *id)
{
	struct habar_parallel_language *l = &doc->languages[li];
	struct habar_parallel_paragraph *p;
	struct habar_parallel_sentence *s;
	char buf[96];
	enum habar_status status;

	if (l->paragraph_count == 0 &&
	    (status = habar_parallel_add_paragraph(doc, li, NULL)) != HABAR_OK)
		return status;
	p = &l->paragraphs[l->paragraph_count - 1];
	status = habar__parallel_grow((void **)&l->sentences,
	    &doc->sentence_cap_[li], l->sentence_count, sizeof(*l->sentences));
	if (status != HABAR_OK)
		return status;
	s = &l->sentences[l->sentence_count];
	if (id == NULL) {
		snprintf(buf, sizeof(buf), "%.60s.s%zu", p->id, p->count + 1);
		id = buf;
	}
	if ((s->id = strdup(id)) == NULL)
		return HABAR_ERR_NOMEM;
	if ((s->text = malloc(len + 1)) == NULL) {
		free(s->id);
		return HABAR_ERR_NOMEM;
	}
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	s->paragraph = l->paragraph_count - 1;
	l->sentence_count++;
	p->count++;
	return HABAR_OK;
}

enum habar_status
habar_parallel_add_attachment(struct habar_parallel *doc, const char *name)
{
	size_t i;
	enum habar_status status;

	for (i = 0; i < doc->attachment_count; i++)
		if (strcmp(doc->attachments[i].name, name) == 0)
			return HABAR_OK;
	status = habar__parallel_grow((void **)&doc->attachments,
	    &doc->attachment_cap_, doc->attachment_count,
	    sizeof(*doc->attachments));
	if (status != HABAR_OK)
		return status;
	if ((doc->attachments[doc->attachment_count].name = strdup(name)) == NULL)
		return HABAR_ERR_NOMEM;
	doc->attachment_count++;
	return HABAR_OK;
}

/* The number of items a run of language li at level may address. */
static size_t
item_count(const struct habar_parallel *doc, size_t li,
    enum habar_parallel_level level)
{
	const struct habar_parallel_language *l = &doc->languages[li];

	return level == HABAR_PARALLEL_PARAGRAPHS ? l->paragraph_count :
	    l->sentence_count;
}

enum habar_status
habar_parallel_add_link(struct habar_parallel *doc,
    enum habar_parallel_level level, const struct habar_parallel_run *runs,
    double confidence)
{
	struct habar_parallel_link *link;
	size_t k, n, used = 0;
	enum habar_status status;
	int w;

	if (level != HABAR_PARALLEL_PARAGRAPHS && level != HABAR_PARALLEL_SENTENCES)
		return HABAR_ERR_ARGUMENT;
	for (k = 0; k < doc->language_count; k++) {
		n = item_count(doc, k, level);
		if (runs[k].first > n || runs[k].count > n - runs[k].first)
			return HABAR_ERR_ARGUMENT;
	}
	status = habar__parallel_grow((void **)&doc->links[level],
	    &doc->link_cap_[level], doc->link_count[level],
	    sizeof(*doc->links[level]));
	if (status != HABAR_OK)
		return status;
	link = &doc->links[level][doc->link_count[level]];
	memset(link, 0, sizeof(*link));
	for (k = 0; k < doc->language_count; k++) {
		link->sides[k] = runs[k];
		/* Counts above 99 are written "99" to fit; no real link is so big. */
		w = snprintf(link->type + used, sizeof(link->type) - used, "%s%zu",
		    k > 0 ? "-" : "", runs[k].count > 99 ? (size_t)99 : runs[k].count);
		if (w > 0 && (size_t)w < sizeof(link->type) - used)
			used += (size_t)w;
	}
	if (!(confidence >= 0.0))
		confidence = 0.0;
	link->confidence = confidence > 1.0 ? 1.0 : confidence;
	for (k = 0; k < 3; k++)
		link->pair[k] = link->confidence;
	doc->link_count[level]++;
	return HABAR_OK;
}

enum habar_status
habar_parallel_run_text(const struct habar_parallel *doc, size_t li,
    const struct habar_parallel_run *run, char **text_out, size_t *len_out)
{
	const struct habar_parallel_language *l = &doc->languages[li];
	size_t i, total = 0;
	char *text, *w;

	*text_out = NULL;
	*len_out = 0;
	for (i = run->first; i < run->first + run->count; i++)
		total += l->sentences[i].len + 1;
	if ((text = malloc(total + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	w = text;
	for (i = run->first; i < run->first + run->count; i++) {
		if (w > text)
			*w++ = ' ';
		memcpy(w, l->sentences[i].text, l->sentences[i].len);
		w += l->sentences[i].len;
	}
	*w = '\0';
	*text_out = text;
	*len_out = (size_t)(w - text);
	return HABAR_OK;
}

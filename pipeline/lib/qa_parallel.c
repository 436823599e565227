/*
 * qa_parallel.c: habar-qa over a parallel document (see
 * habar_qa_check_parallel() in habar/qa.h), the sentence links of
 * habar-align made units, with their lines in the release files found
 * again so that diagnostics point where an editor can jump, and the
 * front matter compared across the versions.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qa_internal.h"

/* Where each sentence of one language starts in its release file. */
struct place {
	unsigned long line, column;
};

/*
 * Finds the sentences of language l in src, in order, each after the
 * one before: the first word of the sentence (up to 32 bytes) is looked
 * for, as the body may have wrapped or spaced the rest differently.
 */
static void
locate(const struct habar_parallel_language *l, const char *src, size_t len,
    struct place *out)
{
	size_t at = 0, counted = 0, j;
	unsigned long line = 1, col_start = 0;

	for (j = 0; j < l->sentence_count; j++) {
		const struct habar_parallel_sentence *s = &l->sentences[j];
		size_t n = strcspn(s->text, " \t\n"), k;
		const char *hit;
		out[j].line = out[j].column = 0;
		if (n > 32)
			n = 32;
		if (n == 0 || at >= len)
			continue;
		hit = memmem(src + at, len - at, s->text, n);
		if (hit == NULL)
			continue;
		at = (size_t)(hit - src);
		for (k = counted; k < at; k++)
			if (src[k] == '\n') {
				line++;
				col_start = k + 1;
			}
		counted = at;
		out[j].line = line;
		out[j].column = 1;
		for (k = col_start; k < at; k++)
			if (((unsigned char)src[k] & 0xC0) != 0x80)
				out[j].column++;
		at += n;
	}
}

/* The attachments field as a sorted, comma-joined list, for comparing. */
static void
attachments_of(const struct habar_parallel *doc, size_t k, char *out,
    size_t size)
{
	const char *v = habar_parallel_field(doc, k, "attachments");
	char *items[64], buf[2048], *p, *item;
	size_t n = 0, i, j, len = 0;

	out[0] = '\0';
	if (v == NULL)
		return;
	snprintf(buf, sizeof(buf), "%s", v);
	for (p = buf; (item = strsep(&p, ",")) != NULL && n < 64;) {
		size_t l;
		item += strspn(item, " ");
		l = strlen(item);
		while (l > 0 && item[l - 1] == ' ')
			item[--l] = '\0';
		if (l > 0)
			items[n++] = item;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(items[j - 1], items[j]) > 0; j--) {
			char *t = items[j];
			items[j] = items[j - 1];
			items[j - 1] = t;
		}
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
		    i ? ", " : "", items[i]);
}

static enum habar_status
check_meta(struct habar_qa *qa, const struct habar_parallel *doc,
    const char *const *names, habar_qa_report_fn *report, void *arg)
{
	struct habar_qa_segment segs[HABAR_PARALLEL_MAX_LANGS];
	struct habar_qa_unit unit;
	static const char *const same[] = { "date", "id" };
	char att[HABAR_PARALLEL_MAX_LANGS][1024];
	size_t k, i, n = doc->language_count;

	for (k = 0; k < n; k++) {
		const char *title = habar_parallel_field(doc, k, "title");
		segs[k].lang = doc->languages[k].lang;
		segs[k].text = title != NULL ? title : "";
		segs[k].len = strlen(segs[k].text);
		segs[k].line = 1;
		segs[k].column = 1;
		segs[k].file = names != NULL ? names[k] : NULL;
		attachments_of(doc, k, att[k], sizeof(att[k]));
	}
	unit.id = "meta";
	unit.segs = segs;
	unit.count = n;
	if (!qa->on[HABAR_QA_META])
		return HABAR_OK;
	for (k = 0; k < n; k++) {
		struct habar_qa_finding *f;
		if (habar_parallel_field(doc, k, "title") == NULL &&
		    (f = habar__qa_add(qa, HABAR_QA_META, HABAR_QA_ERROR, k, k,
		    k, 0, 0)) != NULL)
			snprintf(f->message, sizeof(f->message), "%s has no "
			    "title", segs[k].lang);
	}
	for (k = 1; k < n; k++) {
		struct habar_qa_finding *f;
		for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
			const char *x = habar_parallel_field(doc, 0, same[i]);
			const char *y = habar_parallel_field(doc, k, same[i]);
			if (x == NULL || y == NULL || strcmp(x, y) == 0)
				continue;
			if ((f = habar__qa_add(qa, HABAR_QA_META,
			    HABAR_QA_ERROR, 0, k, k, 0, 0)) != NULL)
				snprintf(f->message, sizeof(f->message),
				    "%s %s \"%.100s\" against \"%.100s\" in %s",
				    segs[0].lang, same[i], x, y, segs[k].lang);
		}
		if (strcmp(att[0], att[k]) != 0 && (f = habar__qa_add(qa,
		    HABAR_QA_META, HABAR_QA_ERROR, 0, k, k, 0, 0)) != NULL)
			snprintf(f->message, sizeof(f->message), "%s attaches "
			    "\"%.150s\", %s \"%.150s\"", segs[0].lang, att[0],
			    segs[k].lang, att[k]);
	}
	return habar__qa_flush(qa, &unit, report, arg);
}

enum habar_status
habar_qa_check_parallel(struct habar_qa *qa, const struct habar_parallel *doc,
    const char *const *names, const char *const *sources,
    const size_t *source_lens, habar_qa_report_fn *report, void *arg)
{
	struct place *places[HABAR_PARALLEL_MAX_LANGS] = { NULL, NULL, NULL };
	struct habar_qa_segment segs[HABAR_PARALLEL_MAX_LANGS];
	struct habar_qa_unit unit;
	char *texts[HABAR_PARALLEL_MAX_LANGS] = { NULL, NULL, NULL };
	char id[512];
	enum habar_status status = HABAR_OK;
	size_t i, k, n = doc->language_count;

	for (k = 0; k < n && sources != NULL; k++) {
		const struct habar_parallel_language *l = &doc->languages[k];
		if (sources[k] == NULL || l->sentence_count == 0)
			continue;
		places[k] = calloc(l->sentence_count, sizeof(*places[k]));
		if (places[k] == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		locate(l, sources[k], source_lens[k], places[k]);
	}
	/* Sentences follow one another: a quotation left open is judged
	 * with the next. */
	habar__qa_hold_begin(qa);
	for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
		const struct habar_parallel_link *link =
		    &doc->links[HABAR_PARALLEL_SENTENCES][i];
		size_t len = 0, present = 0;
		id[0] = '\0';
		for (k = 0; k < n; k++) {
			const struct habar_parallel_run *run = &link->sides[k];
			size_t tl = 0, j;
			free(texts[k]);
			texts[k] = NULL;
			if (run->count > 0 && (status = habar_parallel_run_text(
			    doc, k, run, &texts[k], &tl)) != HABAR_OK)
				goto done;
			segs[k].lang = doc->languages[k].lang;
			segs[k].text = texts[k] != NULL ? texts[k] : "";
			segs[k].len = tl;
			segs[k].file = names != NULL ? names[k] : NULL;
			segs[k].line = segs[k].column = 0;
			if (run->count > 0 && places[k] != NULL) {
				segs[k].line = places[k][run->first].line;
				segs[k].column = places[k][run->first].column;
			}
			if (run->count > 0)
				present++;
			for (j = 0; run->count > 0 && len == 0 &&
			    j < run->count; j++)
				snprintf(id + strlen(id), sizeof(id) -
				    strlen(id), "%s%s", j ? "+" : "",
				    doc->languages[k].sentences[run->first +
				    j].id);
			if (id[0] != '\0')
				len = strlen(id);
		}
		if (present == 0)
			continue;
		unit.id = id;
		unit.segs = segs;
		unit.count = n;
		if ((status = habar_qa_check(qa, &unit, report, arg)) !=
		    HABAR_OK)
			goto done;
	}
	if ((status = habar__qa_hold_end(qa, report, arg)) == HABAR_OK)
		status = check_meta(qa, doc, names, report, arg);
done:
	(void)habar__qa_hold_end(qa, NULL, NULL);
	for (k = 0; k < HABAR_PARALLEL_MAX_LANGS; k++) {
		free(places[k]);
		free(texts[k]);
	}
	return status;
}

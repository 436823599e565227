/*
 * align_load.c: reading one language version of a release into the
 * parallel document the aligner works on: front matter, paragraphs, and
 * sentences, cut by the segmenter behind habar-seg or taken a line each
 * when the input is already segmented.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <habar/align.h>
#include <habar/release.h>
#include <habar/seg.h>

#include "align_private.h"
#include "grow_internal.h"
#include "parallel_internal.h"

void
habar__align_fail(struct habar_align *align, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	align->line = line;
	va_start(ap, fmt);
	vsnprintf(align->error, sizeof(align->error), fmt, ap);
	va_end(ap);
}

/* Whether tag looks like a BCP 47 tag: letters, then -subtags. */
static int
valid_tag(const char *tag)
{
	size_t i, run = 0;

	if (!isalpha((unsigned char)tag[0]))
		return 0;
	for (i = 0; tag[i] != '\0'; i++) {
		if (tag[i] == '-') {
			if (run == 0)
				return 0;
			run = 0;
		} else if (isalnum((unsigned char)tag[i])) {
			if (++run > 8)
				return 0;
		} else
			return 0;
	}
	return run > 0 && i <= 35;
}

/* The paragraph being gathered, lines joined by '\n'. */
struct para {
	char *buf;
	size_t len, cap;
	unsigned long line;	/* where it starts */
};

static enum habar_status
para_append(struct para *p, const char *text, size_t len)
{
	size_t need = p->len + len + 2;
	enum habar_status status;

	if (need > HABAR_SEG_MAX_PARAGRAPH)
		return HABAR_ERR_LIMIT;
	status = habar__grow((void **)&p->buf, &p->cap, need, 1, 1024);
	if (status != HABAR_OK)
		return status;
	if (p->len > 0)
		p->buf[p->len++] = '\n';
	memcpy(p->buf + p->len, text, len);
	p->len += len;
	p->buf[p->len] = '\0';
	return HABAR_OK;
}

/* Adds one sentence, line breaks inside turned into spaces. */
static enum habar_status
add_sentence(struct habar_parallel *doc, size_t li, char *text, size_t len)
{
	size_t i;

	while (len > 0 && (*text == ' ' || *text == '\t' || *text == '\n' ||
	    *text == '\r')) {
		text++;
		len--;
	}
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
	    text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (len == 0)
		return HABAR_OK;
	for (i = 0; i < len; i++)
		if (text[i] == '\n' || text[i] == '\r')
			text[i] = ' ';
	return habar_parallel_add_sentence(doc, li, text, len, NULL);
}

/* Segments the gathered paragraph into a new paragraph of doc. */
static enum habar_status
flush_paragraph(struct habar_align *align, struct habar_parallel *doc,
    size_t li, struct para *p, struct habar_seg *seg)
{
	const struct habar_span *spans;
	size_t count, i;
	enum habar_status status;

	if (p->len == 0)
		return HABAR_OK;
	if ((status = habar_parallel_add_paragraph(doc, li, NULL)) != HABAR_OK)
		return status;
	status = habar_seg_paragraph(seg, p->buf, p->len, &spans, &count);
	if (status != HABAR_OK) {
		habar__align_fail(align, p->line, "cannot segment: %s",
		    habar_seg_error(seg));
		return status;
	}
	for (i = 0; i < count; i++) {
		status = add_sentence(doc, li, p->buf + spans[i].start,
		    spans[i].len);
		if (status != HABAR_OK)
			return status;
	}
	p->len = 0;
	return HABAR_OK;
}

/*
 * Takes the attachments named in the field value: names separated by
 * commas, optionally in a YAML flow list ("[a.pptx, 'b c.pdf']").
 */
static enum habar_status
add_attachments(struct habar_parallel *doc, const char *value)
{
	char name[1024];
	const char *p = value, *end;
	size_t n;
	enum habar_status status;

	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\t' || *p == '[')
			p++;
		end = p;
		while (*end != '\0' && *end != ',')
			end++;
		n = (size_t)(end - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
		    (p[n - 1] == ']' && end[0] == '\0')))
			n--;
		if (n >= 2 && (p[0] == '"' || p[0] == '\'') && p[n - 1] == p[0]) {
			p++;
			n -= 2;
		}
		if (n > 0 && n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
			if ((status = habar_parallel_add_attachment(doc, name)) !=
			    HABAR_OK)
				return status;
		}
		p = end;
	}
	return HABAR_OK;
}

/* Checks the front matter and opens the language in doc. */
static enum habar_status
open_language(struct habar_align *align, struct habar_parallel *doc,
    struct habar_release *rel, size_t *li)
{
	const char *lang = habar_release_get(rel, "lang");
	const char *id = habar_release_get(rel, "id");
	const char *key, *value;
	size_t i;
	enum habar_status status;

	if (lang == NULL || *lang == '\0') {
		habar__align_fail(align, 1, "no 'lang' field in the front matter");
		return HABAR_ERR_INPUT;
	}
	if (!valid_tag(lang)) {
		habar__align_fail(align, 1, "'lang: %.40s' is not a BCP 47 "
		    "language tag", lang);
		return HABAR_ERR_INPUT;
	}
	if (habar_parallel_find_language(doc, lang) >= 0) {
		habar__align_fail(align, 1, "language '%s' given twice", lang);
		return HABAR_ERR_INPUT;
	}
	if (doc->language_count == HABAR_PARALLEL_MAX_LANGS) {
		habar__align_fail(align, 0, "more than %d languages",
		    HABAR_PARALLEL_MAX_LANGS);
		return HABAR_ERR_LIMIT;
	}
	if (id != NULL && *id != '\0' && doc->id != NULL &&
	    strcmp(id, doc->id) != 0) {
		habar__align_fail(align, 1, "release id '%.80s' differs from "
		    "'%.80s' of the other language versions", id, doc->id);
		return HABAR_ERR_INPUT;
	}
	if ((status = habar_parallel_add_language(doc, lang, li)) != HABAR_OK)
		return status;
	for (i = 0; i < habar_release_field_count(rel); i++) {
		habar_release_field_at(rel, i, &key, &value);
		if ((status = habar_parallel_add_field(doc, *li, key, value)) !=
		    HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

enum habar_status
habar_align_load(struct habar_align *align, struct habar_parallel *doc,
    FILE *fp, enum habar_align_input input)
{
	struct habar_release *rel = NULL;
	struct habar_release_line line;
	struct habar_seg *seg = NULL;
	struct para para;
	const char *value;
	size_t li = 0, blank;
	int opened = 0, had_id = doc->id != NULL, had_date = doc->date != NULL;
	char *copy;
	enum habar_status status;

	memset(&para, 0, sizeof(para));
	align->error[0] = '\0';
	align->line = 0;
	if ((status = habar_release_new(&rel, fp, 0)) != HABAR_OK)
		goto done;
	for (;;) {
		status = habar_release_next(rel, &line);
		if (status == HABAR_END)
			break;
		if (status != HABAR_OK) {
			habar__align_fail(align, habar_release_line_number(rel),
			    "%s", *habar_release_error(rel) ?
			    habar_release_error(rel) : "cannot read the release");
			goto done;
		}
		if (line.kind != HABAR_LINE_BODY)
			continue;
		if (!opened) {
			if ((status = open_language(align, doc, rel, &li)) !=
			    HABAR_OK)
				goto done;
			opened = 1;
			habar_seg_free(align->line_seg[li]);
			align->line_seg[li] = NULL;
			/* None for a language without rules: a sentence a
			 * line, as given. */
			if (input == HABAR_ALIGN_SEGMENTED)
				(void)habar_seg_new(&align->line_seg[li],
				    doc->languages[li].lang);
			if (input == HABAR_ALIGN_SEGMENT &&
			    (status = habar_seg_new(&seg, doc->languages[li].lang))
			    != HABAR_OK) {
				habar__align_fail(align, 0, "cannot open the "
				    "sentence segmenter for '%s'",
				    doc->languages[li].lang);
				goto done;
			}
		}
		blank = strspn(line.text, " \t\r");
		if (blank == line.len) {
			/* A blank line ends a paragraph. */
			if (input == HABAR_ALIGN_SEGMENTED) {
				if (doc->languages[li].paragraph_count > 0 &&
				    (status = habar_parallel_add_paragraph(doc, li,
				    NULL)) != HABAR_OK)
					goto done;
			} else if ((status = flush_paragraph(align, doc, li, &para,
			    seg)) != HABAR_OK)
				goto done;
			continue;
		}
		if (input == HABAR_ALIGN_SEGMENTED) {
			if ((copy = strndup(line.text, line.len)) == NULL) {
				status = HABAR_ERR_NOMEM;
				goto done;
			}
			status = add_sentence(doc, li, copy, line.len);
			free(copy);
			if (status != HABAR_OK)
				goto done;
			continue;
		}
		/* A Markdown heading is a paragraph of its own. */
		if (line.text[blank] == '#' && (status = flush_paragraph(align,
		    doc, li, &para, seg)) != HABAR_OK)
			goto done;
		if (para.len == 0)
			para.line = line.number;
		if ((status = para_append(&para, line.text, line.len)) != HABAR_OK) {
			habar__align_fail(align, line.number,
			    "paragraph longer than %u bytes",
			    HABAR_SEG_MAX_PARAGRAPH);
			goto done;
		}
		if (line.text[blank] == '#' && (status = flush_paragraph(align,
		    doc, li, &para, seg)) != HABAR_OK)
			goto done;
	}
	if (!opened) {
		/* Front matter only (or nothing): still check the fields. */
		if ((status = open_language(align, doc, rel, &li)) != HABAR_OK)
			goto done;
		opened = 1;
	}
	if (input == HABAR_ALIGN_SEGMENT &&
	    (status = flush_paragraph(align, doc, li, &para, seg)) != HABAR_OK)
		goto done;
	/* Drop a trailing empty paragraph left by blank lines at the end. */
	if (doc->languages[li].paragraph_count > 0 &&
	    doc->languages[li].paragraphs[doc->languages[li].paragraph_count -
	    1].count == 0) {
		doc->languages[li].paragraph_count--;
		free(doc->languages[li].paragraphs[doc->languages[li]
		    .paragraph_count].id);
	}
	if (doc->languages[li].sentence_count == 0) {
		habar__align_fail(align, habar_release_line_number(rel),
		    "the release has no text");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	if (doc->id == NULL && (value = habar_release_get(rel, "id")) != NULL &&
	    *value != '\0' && (status = habar_parallel_set(doc, "id", value)) !=
	    HABAR_OK)
		goto done;
	if (doc->date == NULL && (value = habar_release_get(rel, "date")) !=
	    NULL && *value != '\0' &&
	    (status = habar_parallel_set(doc, "date", value)) != HABAR_OK)
		goto done;
	if ((value = habar_release_get(rel, "attachments")) != NULL &&
	    (status = add_attachments(doc, value)) != HABAR_OK)
		goto done;
	status = HABAR_OK;
done:
	if (status != HABAR_OK) {
		if (opened)
			habar__parallel_drop_language(doc);
		if (!had_id)
			habar_parallel_set(doc, "id", NULL);
		if (!had_date)
			habar_parallel_set(doc, "date", NULL);
		if (align->error[0] == '\0')
			habar__align_fail(align, rel ?
			    habar_release_line_number(rel) : 0, "%s",
			    habar_status_string(status));
	}
	free(para.buf);
	habar_seg_free(seg);
	habar_release_free(rel);
	return status;
}

/*
 * xliff_extract.c: a release into an XLIFF 2.0 document (see habar/xliff.h
 * and docs/habar-xliff.md).
 *
 * The release is split into what a translator translates, the units, and
 * what must come back unchanged, the skeleton.  A unit is a body paragraph
 * ("p1", "p2", ... in order) whose sentences, found by the segmenter of
 * habar/seg.h, are its segments ("p1-s1", ...) and whose inter-sentence
 * white space goes into ignorables ("p1-i1", ...), or a translatable
 * front-matter field ("meta-title", one segment holding the unquoted
 * value).  Everything else, byte for byte, is skeleton text: a byte order
 * mark, fences, comments, the fields that are not translated, blank lines
 * and the line ends.  Ids depend only on positions in the release, so two
 * runs on the same release give the same ids.
 *
 * XLIFF 1.2 has neither <segment> nor <ignorable>: there each sentence is
 * a <trans-unit> of its own, grouped by paragraph, and the white space
 * between sentences goes into the skeleton, which 1.2 can only hold as
 * text (an <hb:skeleton> document written into <internal-file>).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <habar/release.h>
#include <habar/seg.h>

#include "grow_internal.h"
#include "utf8_internal.h"
#include "xliff_internal.h"

struct ex_item {
	enum xl_skel_kind kind;
	size_t off, len;	/* bytes of the release: TEXT, or FIELD/LANG raw */
	size_t unit;		/* UNIT, FIELD */
	int fence;		/* LANG: no front matter to put it in */
};

struct ex_unit {
	char id[128];
	char *key;		/* a field's key, NULL for a paragraph */
	char *value;		/* a field's unquoted value */
	size_t off, len;	/* a paragraph's bytes in the release */
	unsigned long line;	/* where the paragraph starts */
	struct habar_span *spans;	/* a paragraph's sentences, none empty */
	size_t *span_first;	/* the number of each one's first sentence */
	size_t *span_joined;	/* how many sentences each one joins */
	size_t span_count;
};

struct extract {
	struct habar_xliff *xliff;
	const char *buf;
	size_t len;
	struct ex_item *items;
	size_t item_count, item_cap;
	struct ex_unit *units;
	size_t unit_count, unit_cap, paragraphs;
	char *id;		/* the release's id field, or NULL */
};

static enum habar_status
push_item(struct extract *ex, enum xl_skel_kind kind, size_t off, size_t len)
{
	struct ex_item *item;
	enum habar_status status;

	if (kind == XL_SKEL_TEXT && len == 0)
		return HABAR_OK;
	if (kind == XL_SKEL_TEXT && ex->item_count > 0) {
		item = &ex->items[ex->item_count - 1];
		if (item->kind == XL_SKEL_TEXT && item->off + item->len == off) {
			item->len += len;
			return HABAR_OK;
		}
	}
	status = habar__grow((void **)&ex->items, &ex->item_cap,
	    ex->item_count + 1, sizeof(*ex->items), 64);
	if (status != HABAR_OK)
		return status;
	item = &ex->items[ex->item_count++];
	memset(item, 0, sizeof(*item));
	item->kind = kind;
	item->off = off;
	item->len = len;
	item->unit = ex->unit_count;	/* the unit pushed next, if any */
	return HABAR_OK;
}

static enum habar_status
push_unit(struct extract *ex, struct ex_unit **unit_out)
{
	enum habar_status status;

	status = habar__grow((void **)&ex->units, &ex->unit_cap,
	    ex->unit_count + 1, sizeof(*ex->units), 64);
	if (status != HABAR_OK)
		return status;
	*unit_out = &ex->units[ex->unit_count++];
	memset(*unit_out, 0, sizeof(**unit_out));
	return HABAR_OK;
}

static int
unit_id_taken(const struct extract *ex, const char *id)
{
	size_t i;

	for (i = 0; i < ex->unit_count; i++)
		if (strcmp(ex->units[i].id, id) == 0)
			return 1;
	return 0;
}

/* A paragraph [off, content_end) ended: its unit, then its line end. */
static enum habar_status
end_paragraph(struct extract *ex, size_t off, size_t content_end,
    size_t term_end, unsigned long line)
{
	struct ex_unit *unit;
	enum habar_status status;

	if ((status = push_item(ex, XL_SKEL_UNIT, 0, 0)) != HABAR_OK ||
	    (status = push_unit(ex, &unit)) != HABAR_OK)
		return status;
	ex->paragraphs++;
	snprintf(unit->id, sizeof(unit->id), "p%zu", ex->paragraphs);
	unit->off = off;
	unit->len = content_end - off;
	unit->line = line;
	return push_item(ex, XL_SKEL_TEXT, content_end, term_end - content_end);
}

/* A front-matter field to translate: a FIELD item and its unit, which
 * takes key and value. */
static enum habar_status
add_field(struct extract *ex, char *key, char *value, size_t off,
    size_t content_end, size_t term_end)
{
	struct ex_unit *unit;
	enum habar_status status;
	char id[sizeof(unit->id)];
	size_t n;

	/* A repeated key gets "-2", "-3"... */
	snprintf(id, sizeof(id), "meta-%s", key);
	for (n = 2; unit_id_taken(ex, id); n++)
		snprintf(id, sizeof(id), "meta-%s-%zu", key, n);
	if ((status = push_item(ex, XL_SKEL_FIELD, off, content_end - off)) !=
	    HABAR_OK || (status = push_unit(ex, &unit)) != HABAR_OK) {
		free(key);
		free(value);
		return status;
	}
	unit->key = key;
	unit->value = value;
	memcpy(unit->id, id, sizeof(id));
	return push_item(ex, XL_SKEL_TEXT, content_end, term_end - content_end);
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Reads the release into items and units; stores the "lang" field's value
 * in *lang_out (allocated, or NULL when there is none).
 */
static enum habar_status
split_release(struct extract *ex, char **lang_out)
{
	struct habar_release *release = NULL;
	struct habar_release_line line;
	enum habar_status status = HABAR_OK;
	FILE *fp = NULL;
	size_t pos = 0, para_off = 0, para_end = 0, para_term = 0;
	unsigned long para_line = 0;
	int in_para = 0, have_lang = 0, front = 0;
	const char *lang;

	*lang_out = NULL;
	if (ex->len >= 3 && memcmp(ex->buf, "\xEF\xBB\xBF", 3) == 0) {
		if ((status = push_item(ex, XL_SKEL_TEXT, 0, 3)) != HABAR_OK)
			return status;
		pos = 3;
	}
	if (ex->len == pos) {
		/* Nothing to read: no front matter either. */
		if ((status = push_item(ex, XL_SKEL_LANG, pos, 0)) == HABAR_OK)
			ex->items[ex->item_count - 1].fence = 1;
		return status;
	}
	if ((fp = fmemopen((void *)ex->buf, ex->len, "r")) == NULL)
		return habar__xl_fail(ex->xliff, 0, HABAR_ERR_NOMEM,
		    "cannot read the release from memory");
	if ((status = habar_release_new(&release, fp, 0)) != HABAR_OK)
		goto done;
	while ((status = habar_release_next(release, &line)) == HABAR_OK) {
		const char *nl = memchr(ex->buf + pos, '\n', ex->len - pos);
		size_t start = pos, term = nl ? (size_t)(nl - ex->buf) + 1 : ex->len;
		size_t end = nl ? (size_t)(nl - ex->buf) : ex->len;

		if (nl != NULL && end > start && ex->buf[end - 1] == '\r')
			end--;
		pos = term;
		if (line.number == 1 && line.kind != HABAR_LINE_FENCE) {
			/* No front matter: "lang" would need one. */
			if ((status = push_item(ex, XL_SKEL_LANG, start, 0)) !=
			    HABAR_OK)
				goto done;
			ex->items[ex->item_count - 1].fence = 1;
		}
		switch (line.kind) {
		case HABAR_LINE_FENCE:
			if (line.number == 1)
				front = 1;
			else if (front && !have_lang &&
			    (status = push_item(ex, XL_SKEL_LANG, start, 0)) !=
			    HABAR_OK)
				goto done;
			status = push_item(ex, XL_SKEL_TEXT, start, term - start);
			break;
		case HABAR_LINE_META_OTHER:
			status = push_item(ex, XL_SKEL_TEXT, start, term - start);
			break;
		case HABAR_LINE_FIELD: {
			char *key = strndup(line.key, line.key_len), *value = NULL;
			if (key == NULL) {
				status = HABAR_ERR_NOMEM;
				goto done;
			}
			if (strcmp(key, "lang") == 0) {
				free(key);
				have_lang = 1;
				if ((status = push_item(ex, XL_SKEL_LANG, start,
				    end - start)) == HABAR_OK)
					status = push_item(ex, XL_SKEL_TEXT, end,
					    term - end);
				break;
			}
			status = habar_release_unquote(&value, line.value,
			    line.value_len);
			if (status != HABAR_OK) {
				free(key);
				goto done;
			}
			if (habar__xl_is_kept(ex->xliff, key) || *value == '\0') {
				free(key);
				free(value);
				status = push_item(ex, XL_SKEL_TEXT, start,
				    term - start);
				break;
			}
			status = add_field(ex, key, value, start, end, term);
			break;
		}
		case HABAR_LINE_BODY:
			if (habar_release_blank(ex->buf + start, end - start)) {
				if (in_para && (status = end_paragraph(ex,
				    para_off, para_end, para_term, para_line)) !=
				    HABAR_OK)
					goto done;
				in_para = 0;
				status = push_item(ex, XL_SKEL_TEXT, start,
				    term - start);
				break;
			}
			if (!in_para) {
				para_off = start;
				para_line = line.number;
			}
			in_para = 1;
			para_end = end;
			para_term = term;
			break;
		}
		if (status != HABAR_OK)
			goto done;
	}
	if (status != HABAR_END) {
		status = habar__xl_fail(ex->xliff,
		    habar_release_line_number(release), status, "%s",
		    *habar_release_error(release) ?
		    habar_release_error(release) :
		    habar_status_string(status));
		goto done;
	}
	status = HABAR_OK;
	if (in_para)
		status = end_paragraph(ex, para_off, para_end, para_term,
		    para_line);
	if (status == HABAR_OK && (lang = habar_release_get(release, "lang")) &&
	    (*lang_out = strdup(lang)) == NULL)
		status = HABAR_ERR_NOMEM;
	if (status == HABAR_OK && (lang = habar_release_get(release, "id")) &&
	    (ex->id = strdup(lang)) == NULL)
		status = HABAR_ERR_NOMEM;
done:
	habar_release_free(release);
	if (fp != NULL)
		fclose(fp);
	return status;
}

/* Writes s[0..len) as the content of a <source> or <target> in the
 * version being written. */
static int
put_content(struct extract *ex, FILE *fp, const char *s, size_t len)
{
	return habar__xl_put_text(fp, s, len,
	    ex->xliff->version == HABAR_XLIFF_1_2 ? NULL : "cp");
}

/* The candidates of one segment. */
struct matches {
	struct xl_candidate c[XL_MAX_CANDIDATES];
	size_t n;
};

static void
matches_free(struct matches *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->c[i].adapted);
	m->n = 0;
}

/*
 * Finds the candidates of text: the memory's matches, those that differ
 * from it in recognised values only adapted (similarity 100), at least
 * min_match, best first, max_matches of them (one when the document is
 * to hold none, for the target).
 */
static enum habar_status
find_matches(struct extract *ex, const char *src, const char *trg,
    const char *text, size_t len, struct matches *m)
{
	struct habar_xliff *x = ex->xliff;
	enum habar_status status;
	size_t max = x->max_matches > 0 ? x->max_matches : 1, i, kept;
	double floor = x->min_match < 50 ? x->min_match : 50;

	m->n = 0;
	/* A candidate below min_match may still adapt to 100: look wider. */
	status = habar__xl_match(x, src, trg, text, len, m->c,
	    max + 4 < XL_MAX_CANDIDATES ? max + 4 : XL_MAX_CANDIDATES, floor,
	    &m->n);
	if (status != HABAR_OK)
		return status;
	for (i = 0; i < m->n; i++) {
		if (m->c[i].exact)
			continue;
		if ((status = habar__xl_adapt(x, src, trg, text, len,
		    &m->c[i])) != HABAR_OK)
			return status;
		if (m->c[i].adapted != NULL)
			m->c[i].similarity = 100;
	}
	for (i = 0, kept = 0; i < m->n; i++) {
		if (m->c[i].similarity < x->min_match && !m->c[i].exact) {
			free(m->c[i].adapted);
			continue;
		}
		m->c[kept++] = m->c[i];
	}
	m->n = kept;
	/* Exact first, then adapted, then by similarity. */
	for (i = 1; i < m->n; i++) {
		struct xl_candidate c = m->c[i];
		size_t j = i;
		while (j > 0 && (c.exact > m->c[j - 1].exact ||
		    (c.exact == m->c[j - 1].exact &&
		    c.similarity > m->c[j - 1].similarity))) {
			m->c[j] = m->c[j - 1];
			j--;
		}
		m->c[j] = c;
	}
	while (m->n > max)
		free(m->c[--m->n].adapted);
	return HABAR_OK;
}

static const char *
candidate_target(const struct xl_candidate *c)
{
	return c->adapted != NULL ? c->adapted : c->target;
}

/* The candidate that fills the target, or NULL. */
static const struct xl_candidate *
filling(struct extract *ex, const struct matches *m)
{
	if (m->n == 0 || m->c[0].similarity < ex->xliff->fill_above)
		return NULL;
	return &m->c[0];
}

/* Writes the <mtc:match>es of one segment (2.0). */
static int
write_mtc(struct extract *ex, FILE *fp, const char *id, const struct matches *m)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < m->n && i < ex->xliff->max_matches; i++) {
		const struct xl_candidate *c = &m->c[i];
		rc |= fprintf(fp, "<mtc:match ref=\"#%s\" similarity=\"%.1f\"",
		    id, c->similarity) < 0;
		if (c->origin != NULL && *c->origin != '\0') {
			rc |= fputs(" origin=\"", fp) == EOF;
			rc |= habar__xl_put_attr(fp, c->origin);
			rc |= fputs("\"", fp) == EOF;
		}
		if (c->adapted != NULL)
			rc |= fputs(" subType=\"habar:adapted\"", fp) == EOF;
		rc |= fputs("><source>", fp) == EOF;
		rc |= put_content(ex, fp, c->source, strlen(c->source));
		rc |= fputs("</source><target>", fp) == EOF;
		rc |= put_content(ex, fp, candidate_target(c),
		    strlen(candidate_target(c)));
		rc |= fputs("</target></mtc:match>\n", fp) == EOF;
	}
	return rc ? -1 : 0;
}

/* Writes the <alt-trans>es of one trans-unit (1.2). */
static int
write_alt_trans(struct extract *ex, FILE *fp, const struct matches *m)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < m->n && i < ex->xliff->max_matches; i++) {
		const struct xl_candidate *c = &m->c[i];
		rc |= fprintf(fp, "<alt-trans match-quality=\"%.0f\"",
		    c->similarity) < 0;
		if (c->origin != NULL && *c->origin != '\0') {
			rc |= fputs(" origin=\"", fp) == EOF;
			rc |= habar__xl_put_attr(fp, c->origin);
			rc |= fputs("\"", fp) == EOF;
		}
		if (c->adapted != NULL)
			rc |= fputs(" extype=\"habar:adapted\"", fp) == EOF;
		rc |= fputs("><source>", fp) == EOF;
		rc |= put_content(ex, fp, c->source, strlen(c->source));
		rc |= fputs("</source><target>", fp) == EOF;
		rc |= put_content(ex, fp, candidate_target(c),
		    strlen(candidate_target(c)));
		rc |= fputs("</target></alt-trans>", fp) == EOF;
	}
	return rc ? -1 : 0;
}

/*
 * Writes a segment (2.0) or a trans-unit (1.2) named id: its <source>, and
 * its <target> when a candidate fills it; in 1.2 its candidates too.
 * attrs, when not NULL, are more attributes of the 1.2 trans-unit; note,
 * when not NULL, a 1.2 note.
 */
static int
write_segment(struct extract *ex, FILE *fp, const char *id, const char *attrs,
    const char *note, const struct matches *m, const char *text, size_t len,
    size_t joined)
{
	int v12 = ex->xliff->version == HABAR_XLIFF_1_2;
	const struct xl_candidate *fill = filling(ex, m);
	const char *target = fill ? candidate_target(fill) : NULL;
	int trusted = fill != NULL && fill->exact && fill->trusted;
	int rc = 0;

	rc |= fputs(v12 ? "<trans-unit id=\"" : "<segment id=\"", fp) == EOF;
	rc |= habar__xl_put_attr(fp, id);
	rc |= fputs("\"", fp) == EOF;
	if (v12 && attrs != NULL)
		rc |= fputs(attrs, fp) == EOF;
	if (v12 && joined > 1)
		rc |= fprintf(fp, " extype=\"habar:joined-%zu\"", joined) < 0;
	if (v12)
		rc |= fputs(" xml:space=\"preserve\"", fp) == EOF;
	else if (target != NULL)
		rc |= fprintf(fp, " state=\"%s\"", trusted ? "translated" :
		    "initial") < 0;
	if (!v12 && target != NULL && joined > 1)
		rc |= fprintf(fp, " subState=\"habar:joined-%zu\"", joined) < 0;
	rc |= fputs("><source>", fp) == EOF;
	rc |= put_content(ex, fp, text, len);
	rc |= fputs("</source>", fp) == EOF;
	if (target != NULL) {
		if (v12)
			rc |= fprintf(fp, "<target state=\"%s\" "
			    "state-qualifier=\"%s\">", trusted ? "translated" :
			    "needs-review-translation", fill->exact ?
			    "exact-match" : fill->adapted ? "leveraged-tm" :
			    "fuzzy-match") < 0;
		else
			rc |= fputs("<target>", fp) == EOF;
		rc |= put_content(ex, fp, target, strlen(target));
		rc |= fputs("</target>", fp) == EOF;
	} else if (v12 && ex->xliff->copy_source) {
		rc |= fputs("<target state=\"needs-translation\">", fp) == EOF;
		rc |= put_content(ex, fp, text, len);
		rc |= fputs("</target>", fp) == EOF;
	}
	if (v12)
		rc |= write_alt_trans(ex, fp, m);
	if (v12 && note != NULL)
		rc |= fprintf(fp, "<note from=\"habar\">%s</note>", note) < 0;
	rc |= fputs(v12 ? "</trans-unit>\n" : "</segment>\n", fp) == EOF;
	return rc ? -1 : 0;
}

/* Writes a field's unit: a unit of one segment (2.0), or one trans-unit
 * (1.2), whose candidates are m. */
static int
write_field_matched(struct extract *ex, FILE *fp, const struct ex_unit *unit,
    const struct matches *m)
{
	char *attrs = NULL, *note = NULL, id[sizeof(unit->id) + 3];
	size_t attrs_len = 0, note_len = 0;
	FILE *mem;
	int rc = 0;

	if (ex->xliff->version == HABAR_XLIFF_1_2) {
		/* One trans-unit: resname names the key, a note says what
		 * it is. */
		if ((mem = open_memstream(&attrs, &attrs_len)) == NULL)
			return -1;
		rc |= fputs(" resname=\"", mem) == EOF;
		rc |= habar__xl_put_attr(mem, unit->key);
		rc |= fputs("\"", mem) == EOF;
		rc |= fclose(mem) != 0;
		if ((mem = open_memstream(&note, &note_len)) == NULL) {
			free(attrs);
			return -1;
		}
		rc |= fputs("front-matter field ", mem) == EOF;
		rc |= habar__xl_put_text(mem, unit->key, strlen(unit->key),
		    NULL);
		rc |= fclose(mem) != 0;
		if (rc == 0)
			rc |= write_segment(ex, fp, unit->id, attrs, note, m,
			    unit->value, strlen(unit->value), 1);
		free(attrs);
		free(note);
		return rc ? -1 : 0;
	}
	snprintf(id, sizeof(id), "%s-s1", unit->id);
	rc |= fputs("<unit id=\"", fp) == EOF;
	rc |= habar__xl_put_attr(fp, unit->id);
	rc |= fputs("\" name=\"", fp) == EOF;
	rc |= habar__xl_put_attr(fp, unit->key);
	rc |= fputs("\" type=\"habar:field\">\n", fp) == EOF;
	if (m->n > 0 && ex->xliff->max_matches > 0) {
		rc |= fputs("<mtc:matches>\n", fp) == EOF;
		rc |= write_mtc(ex, fp, id, m);
		rc |= fputs("</mtc:matches>\n", fp) == EOF;
	}
	rc |= fputs("<notes><note category=\"habar\">front-matter field ", fp) ==
	    EOF;
	rc |= habar__xl_put_text(fp, unit->key, strlen(unit->key), "cp");
	rc |= fputs("</note></notes>\n", fp) == EOF;
	rc |= write_segment(ex, fp, id, NULL, NULL, m, unit->value,
	    strlen(unit->value), 1);
	rc |= fputs("</unit>\n", fp) == EOF;
	return rc ? -1 : 0;
}

static enum habar_status
write_field_unit(struct extract *ex, FILE *fp, const struct ex_unit *unit,
    const char *src_lang, const char *trg_lang)
{
	struct matches *m;
	enum habar_status status;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return HABAR_ERR_NOMEM;
	status = find_matches(ex, src_lang, trg_lang, unit->value,
	    strlen(unit->value), m);
	if (status == HABAR_OK && write_field_matched(ex, fp, unit, m) != 0)
		status = HABAR_ERR_IO;
	matches_free(m);
	free(m);
	return status;
}

/*
 * Splits each paragraph into sentences, kept in its unit for the skeleton
 * and the units alike.  A paragraph too long for the segmenter is one
 * sentence, the white space around it apart, with a warning.
 */
/*
 * Whether a candidate of the memory becomes text once adapted (its source
 * differs from text in recognised values only): *yes 1 then.
 */
static enum habar_status
adapts_to(struct extract *ex, const char *src, const char *trg,
    const char *text, size_t len, int *yes)
{
	struct xl_candidate c[2];
	enum habar_status status;
	size_t n = 0, i;

	*yes = 0;
	if (trg == NULL)
		return HABAR_OK;
	status = habar__xl_match(ex->xliff, src, trg, text, len, c, 2, 50, &n);
	for (i = 0; status == HABAR_OK && i < n && !*yes; i++) {
		if ((status = habar__xl_adapt(ex->xliff, src, trg, text, len,
		    &c[i])) != HABAR_OK)
			break;
		*yes = c[i].adapted != NULL;
		free(c[i].adapted);
	}
	return status;
}

/*
 * Joins the sentences of a paragraph that the memory holds together: two
 * or three sentences in a row that match a unit exactly (white space
 * aside), or once adapted (the same sentences with other figures, dates
 * or names), while the first of them matches nothing exactly alone.
 * Press offices join and split sentences between language versions, so
 * the aligner links two sentences to one, and such a unit matches no
 * single sentence.  The joined sentences become one segment whose id is
 * that of the first (p7-s1 for p7-s1 and p7-s2; the next is p7-s3).
 */
static enum habar_status
join_sentences(struct extract *ex, struct ex_unit *unit, const char *src,
    const char *trg)
{
	struct xl_memory *memory = &ex->xliff->memory;
	const char *text = ex->buf + unit->off;
	struct xl_candidate cand;
	enum habar_status status;
	size_t i, k, j, end;
	int adapted;

	if (habar__xl_memory_empty(memory))
		return HABAR_OK;
	for (i = 0; i + 1 < unit->span_count; i++) {
		if (habar__xl_memory_exact(memory, src, trg, text +
		    unit->spans[i].start, unit->spans[i].len, &cand))
			continue;
		for (k = 3; k >= 2; k--) {
			if (i + k > unit->span_count)
				continue;
			end = unit->spans[i + k - 1].start +
			    unit->spans[i + k - 1].len;
			if (!habar__xl_memory_exact(memory, src, trg, text +
			    unit->spans[i].start, end - unit->spans[i].start,
			    &cand)) {
				if ((status = adapts_to(ex, src, trg, text +
				    unit->spans[i].start, end -
				    unit->spans[i].start, &adapted)) !=
				    HABAR_OK)
					return status;
				if (!adapted)
					continue;
			}
			unit->spans[i].len = end - unit->spans[i].start;
			for (j = 1; j < k; j++)
				unit->span_joined[i] += unit->span_joined[i + j];
			for (j = i + 1; j + k - 1 < unit->span_count; j++) {
				unit->spans[j] = unit->spans[j + k - 1];
				unit->span_first[j] = unit->span_first[j + k - 1];
				unit->span_joined[j] =
				    unit->span_joined[j + k - 1];
			}
			unit->span_count -= k - 1;
			break;
		}
	}
	return HABAR_OK;
}

static enum habar_status
segment_units(struct extract *ex, struct habar_seg *seg, const char *src_lang,
    const char *trg_lang)
{
	const struct habar_span *spans;
	struct habar_span whole;
	enum habar_status status;
	size_t u, count, i, at;

	for (u = 0; u < ex->unit_count; u++) {
		struct ex_unit *unit = &ex->units[u];
		const char *text = ex->buf + unit->off;

		if (unit->key != NULL)
			continue;
		status = habar_seg_paragraph(seg, text, unit->len, &spans,
		    &count);
		if (status == HABAR_ERR_LIMIT) {
			whole.start = 0;
			while (whole.start < unit->len &&
			    is_space(text[whole.start]))
				whole.start++;
			whole.len = unit->len - whole.start;
			while (whole.len > 0 &&
			    is_space(text[whole.start + whole.len - 1]))
				whole.len--;
			habar__xl_warn(ex->xliff, unit->line, "paragraph %s is "
			    "too long to be split into sentences: it is one "
			    "segment", unit->id);
			spans = &whole;
			count = 1;
		} else if (status != HABAR_OK)
			return habar__xl_fail(ex->xliff, unit->line, status,
			    "paragraph %s: %s", unit->id,
			    *habar_seg_error(seg) ? habar_seg_error(seg) :
			    habar_status_string(status));
		for (i = 0, at = 0; i < count; i++) {
			if (spans[i].start < at || spans[i].start > unit->len ||
			    spans[i].len > unit->len - spans[i].start)
				return habar__xl_fail(ex->xliff, 0,
				    HABAR_ERR_LIBRARY, "paragraph %s: the "
				    "segmenter returned spans out of order",
				    unit->id);
			at = spans[i].start + spans[i].len;
		}
		if (count > 0 && ((unit->spans = malloc(count *
		    sizeof(*unit->spans))) == NULL ||
		    (unit->span_first = malloc(count * sizeof(size_t))) ==
		    NULL || (unit->span_joined = malloc(count *
		    sizeof(size_t))) == NULL))
			return HABAR_ERR_NOMEM;
		for (i = 0; i < count; i++) {
			if (spans[i].len == 0)
				continue;
			unit->span_first[unit->span_count] =
			    unit->span_count + 1;
			unit->span_joined[unit->span_count] = 1;
			unit->spans[unit->span_count++] = spans[i];
		}
		if ((status = join_sentences(ex, unit, src_lang, trg_lang)) !=
		    HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

/* Writes a paragraph's unit: its sentences as segments, the rest as
 * ignorables (2.0); or a group of one trans-unit per sentence, the rest
 * being in the skeleton (1.2). */
static enum habar_status
write_paragraph_unit(struct extract *ex, FILE *fp, const struct ex_unit *unit,
    const char *src_lang, const char *trg_lang)
{
	const char *text = ex->buf + unit->off;
	struct matches *m = NULL;
	enum habar_status status = HABAR_OK;
	size_t i, at = 0, ignorables = 0, any = 0;
	int rc = 0, v12 = ex->xliff->version == HABAR_XLIFF_1_2;
	char id[sizeof(unit->id) + 32];

	if (v12 && unit->span_count == 0)
		return HABAR_OK;	/* all of it is in the skeleton */
	/* The candidates of every sentence first: 2.0 lists them before
	 * the segments. */
	if (unit->span_count > 0 &&
	    (m = calloc(unit->span_count, sizeof(*m))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < unit->span_count && status == HABAR_OK; i++) {
		status = find_matches(ex, src_lang, trg_lang,
		    text + unit->spans[i].start, unit->spans[i].len, &m[i]);
		any += m[i].n;
	}
	if (status != HABAR_OK)
		goto done;
	if (v12)
		rc |= fprintf(fp, "<group id=\"%s\" restype=\"x-paragraph\">\n",
		    unit->id) < 0;
	else
		rc |= fprintf(fp, "<unit id=\"%s\">\n", unit->id) < 0;
	if (!v12 && any > 0 && ex->xliff->max_matches > 0) {
		rc |= fputs("<mtc:matches>\n", fp) == EOF;
		for (i = 0; i < unit->span_count; i++) {
			snprintf(id, sizeof(id), "%s-s%zu", unit->id,
			    unit->span_first[i]);
			rc |= write_mtc(ex, fp, id, &m[i]);
		}
		rc |= fputs("</mtc:matches>\n", fp) == EOF;
	}
	for (i = 0; i <= unit->span_count; i++) {
		size_t start = i < unit->span_count ? unit->spans[i].start :
		    unit->len;
		if (start > at && !v12) {
			ignorables++;
			rc |= fprintf(fp, "<ignorable id=\"%s-i%zu\"><source>",
			    unit->id, ignorables) < 0;
			rc |= habar__xl_put_text(fp, text + at, start - at, "cp");
			rc |= fputs("</source></ignorable>\n", fp) == EOF;
		}
		if (i == unit->span_count)
			break;
		snprintf(id, sizeof(id), "%s-s%zu", unit->id,
		    unit->span_first[i]);
		rc |= write_segment(ex, fp, id, NULL, NULL, &m[i], text + start,
		    unit->spans[i].len, unit->span_joined[i]);
		at = start + unit->spans[i].len;
	}
	if (unit->span_count == 0 && ignorables == 0)
		rc |= fprintf(fp, "<ignorable id=\"%s-i1\"><source/></ignorable>\n",
		    unit->id) < 0;
	rc |= fputs(v12 ? "</group>\n" : "</unit>\n", fp) == EOF;
	status = rc ? HABAR_ERR_IO : HABAR_OK;
done:
	for (i = 0; m != NULL && i < unit->span_count; i++)
		matches_free(&m[i]);
	free(m);
	return status;
}

/* Writes a paragraph into the 1.2 skeleton: the white space between its
 * sentences as text, each sentence as a reference to its trans-unit. */
static int
write_skeleton_sentences(struct extract *ex, FILE *fp,
    const struct ex_unit *unit)
{
	const char *text = ex->buf + unit->off;
	size_t i, at = 0;
	int rc = 0;

	for (i = 0; i < unit->span_count; i++) {
		rc |= habar__xl_put_text(fp, text + at, unit->spans[i].start - at,
		    "hb:cp");
		rc |= fprintf(fp, "<hb:unit ref=\"%s-s%zu\"/>", unit->id,
		    unit->span_first[i]) < 0;
		at = unit->spans[i].start + unit->spans[i].len;
	}
	rc |= habar__xl_put_text(fp, text + at, unit->len - at, "hb:cp");
	return rc ? -1 : 0;
}

/* Writes the skeleton's parts, without the element around them. */
static int
write_skeleton_items(struct extract *ex, FILE *fp)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < ex->item_count; i++) {
		const struct ex_item *item = &ex->items[i];
		switch (item->kind) {
		case XL_SKEL_TEXT:
			rc |= habar__xl_put_text(fp, ex->buf + item->off,
			    item->len, "hb:cp");
			break;
		case XL_SKEL_UNIT:
			if (ex->xliff->version == HABAR_XLIFF_1_2)
				rc |= write_skeleton_sentences(ex, fp,
				    &ex->units[item->unit]);
			else
				rc |= fprintf(fp, "<hb:unit ref=\"%s\"/>",
				    ex->units[item->unit].id) < 0;
			break;
		case XL_SKEL_FIELD:
			rc |= fprintf(fp, "<hb:field ref=\"%s\" key=\"",
			    ex->units[item->unit].id) < 0;
			rc |= habar__xl_put_attr(fp, ex->units[item->unit].key);
			rc |= fputs("\">", fp) == EOF;
			rc |= habar__xl_put_text(fp, ex->buf + item->off,
			    item->len, "hb:cp");
			rc |= fputs("</hb:field>", fp) == EOF;
			break;
		case XL_SKEL_LANG:
			if (item->len == 0) {
				rc |= fputs(item->fence ? "<hb:lang fence=\"yes\"/>" :
				    "<hb:lang/>", fp) == EOF;
				break;
			}
			rc |= fputs("<hb:lang>", fp) == EOF;
			rc |= habar__xl_put_text(fp, ex->buf + item->off,
			    item->len, "hb:cp");
			rc |= fputs("</hb:lang>", fp) == EOF;
			break;
		}
	}
	return rc ? -1 : 0;
}

/*
 * Writes the skeleton: a 2.0 <skeleton> in the document, or for 1.2 an
 * <hb:skeleton> document of its own written as the text of <skl>'s
 * <internal-file> (1.2 allows nothing but text there), which merge parses
 * in turn.
 */
static int
write_skeleton(struct extract *ex, FILE *fp)
{
	char *inner = NULL;
	size_t inner_len = 0;
	FILE *mem;
	int rc = 0;

	if (ex->xliff->version != HABAR_XLIFF_1_2) {
		rc |= fputs("<skeleton>", fp) == EOF;
		rc |= write_skeleton_items(ex, fp);
		rc |= fputs("</skeleton>\n", fp) == EOF;
		return rc ? -1 : 0;
	}
	if ((mem = open_memstream(&inner, &inner_len)) == NULL)
		return -1;
	rc |= fprintf(mem, "<hb:skeleton xmlns:hb=\"%s\">",
	    HABAR_XLIFF_SKELETON_NS) < 0;
	rc |= write_skeleton_items(ex, mem);
	rc |= fputs("</hb:skeleton>", mem) == EOF;
	rc |= fclose(mem) != 0;
	rc |= fprintf(fp, "<header><skl><internal-file form=\"%s\">",
	    HABAR_XLIFF_SKELETON_FORM) < 0;
	if (inner != NULL)
		rc |= habar__xl_put_text(fp, inner, inner_len, NULL);
	rc |= fputs("</internal-file></skl></header>\n", fp) == EOF;
	free(inner);
	return rc ? -1 : 0;
}

/* The file id: the release id when it is a plain NMTOKEN, else "release". */
static const char *
file_id(const char *id)
{
	const char *p;

	if (id == NULL || *id == '\0' || strlen(id) > 100)
		return "release";
	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.'))
			return "release";
	return id;
}

static int
write_original(FILE *fp, const char *name)
{
	const char *base = strrchr(name, '/');
	int rc = 0;

	rc |= fputs(" original=\"", fp) == EOF;
	rc |= habar__xl_put_attr(fp, base ? base + 1 : name);
	rc |= fputs("\"", fp) == EOF;
	return rc ? -1 : 0;
}

static enum habar_status
write_document(struct extract *ex, FILE *fp, const char *name,
    const char *src_lang, const char *trg_lang)
{
	struct habar_seg *seg = NULL;
	enum habar_status status;
	size_t i;
	int rc = 0, v12 = ex->xliff->version == HABAR_XLIFF_1_2;

	if (name != NULL && strcmp(name, "-") == 0)
		name = NULL;
	if ((status = habar_seg_new(&seg, src_lang)) != HABAR_OK) {
		status = habar__xl_fail(ex->xliff, 0, status,
		    "no sentence segmenter for '%s': %s", src_lang,
		    habar_status_string(status));
		goto done;
	}
	if ((status = segment_units(ex, seg, src_lang, trg_lang)) != HABAR_OK)
		goto done;
	rc |= fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp) == EOF;
	if (v12) {
		/* 1.2 requires original; its file has no id. */
		rc |= fprintf(fp, "<xliff xmlns=\"%s\" version=\"1.2\">\n<file",
		    HABAR_XLIFF12_NS) < 0;
		rc |= write_original(fp, name != NULL ? name : "release");
		rc |= fprintf(fp, " source-language=\"%s\" target-language="
		    "\"%s\" datatype=\"plaintext\">\n", src_lang, trg_lang) < 0;
	} else {
		rc |= fprintf(fp, "<xliff xmlns=\"%s\" xmlns:hb=\"%s\" "
		    "%sversion=\"2.0\" srcLang=\"%s\" trgLang=\"%s\">\n",
		    HABAR_XLIFF_NS, HABAR_XLIFF_SKELETON_NS,
		    !habar__xl_memory_empty(&ex->xliff->memory) &&
		    ex->xliff->max_matches > 0 ?
		    "xmlns:mtc=\"" HABAR_XLIFF_MATCHES_NS "\" " : "", src_lang,
		    trg_lang) < 0;
		rc |= fprintf(fp, "<file id=\"%s\"", file_id(ex->id)) < 0;
		if (name != NULL)
			rc |= write_original(fp, name);
		rc |= fputs(" xml:space=\"preserve\">\n", fp) == EOF;
	}
	rc |= write_skeleton(ex, fp);
	if (v12)
		rc |= fputs("<body>\n", fp) == EOF;
	rc |= fprintf(fp, "<group id=\"front-matter\" %s=\"front matter\">\n",
	    v12 ? "resname" : "name") < 0;
	for (i = 0; i < ex->unit_count; i++) {
		if (ex->units[i].key == NULL)
			continue;
		status = write_field_unit(ex, fp, &ex->units[i], src_lang,
		    trg_lang);
		if (status != HABAR_OK)
			goto done;
	}
	rc |= fprintf(fp, "</group>\n<group id=\"body\" %s=\"body\">\n",
	    v12 ? "resname" : "name") < 0;
	for (i = 0; i < ex->unit_count; i++) {
		if (ex->units[i].key != NULL)
			continue;
		status = write_paragraph_unit(ex, fp, &ex->units[i], src_lang,
		    trg_lang);
		if (status != HABAR_OK)
			goto done;
	}
	rc |= fputs(v12 ? "</group>\n</body>\n</file>\n</xliff>\n" :
	    "</group>\n</file>\n</xliff>\n", fp) == EOF;
	status = rc ? HABAR_ERR_IO : HABAR_OK;
done:
	habar_seg_free(seg);
	return status;
}

/* Chooses the source language from the release and the caller. */
static enum habar_status
choose_languages(struct habar_xliff *xliff, const char *release_lang,
    const char *source_lang, const char *target_lang, const char **src_out)
{
	if (target_lang == NULL || *target_lang == '\0')
		return habar__xl_fail(xliff, 0, HABAR_ERR_ARGUMENT,
		    "no target language given");
	if (!habar_release_valid_lang(target_lang))
		return habar__xl_fail(xliff, 0, HABAR_ERR_ARGUMENT,
		    "'%s' is not a language tag", target_lang);
	if (source_lang != NULL && !habar_release_valid_lang(source_lang))
		return habar__xl_fail(xliff, 0, HABAR_ERR_ARGUMENT,
		    "'%s' is not a language tag", source_lang);
	if (release_lang != NULL && !habar_release_valid_lang(release_lang))
		return habar__xl_fail(xliff, 0, HABAR_ERR_INPUT,
		    "the release's lang '%s' is not a language tag",
		    release_lang);
	if (release_lang != NULL && source_lang != NULL &&
	    strcasecmp(release_lang, source_lang) != 0)
		return habar__xl_fail(xliff, 0, HABAR_ERR_ARGUMENT,
		    "the release's lang is '%s', not '%s'", release_lang,
		    source_lang);
	*src_out = release_lang != NULL ? release_lang : source_lang;
	if (*src_out == NULL)
		return habar__xl_fail(xliff, 0, HABAR_ERR_ARGUMENT,
		    "the release has no 'lang' field: give the source language");
	if (strcasecmp(*src_out, target_lang) == 0)
		return habar__xl_fail(xliff, 0, HABAR_ERR_ARGUMENT,
		    "the source and the target language are both '%s'",
		    target_lang);
	return HABAR_OK;
}

enum habar_status
habar_xliff_extract(struct habar_xliff *xliff, FILE *out, const char *release,
    size_t len, const char *name, const char *source_lang,
    const char *target_lang)
{
	struct extract ex;
	enum habar_status status;
	char *lang = NULL, *doc = NULL;
	const char *src = NULL;
	size_t doc_len = 0, bad, i;
	FILE *fp = NULL;

	memset(&ex, 0, sizeof(ex));
	ex.xliff = xliff;
	ex.buf = release;
	ex.len = len;
	xliff->error[0] = '\0';
	xliff->error_line = 0;
	if (len > HABAR_XLIFF_MAX_INPUT)
		return habar__xl_fail(xliff, 0, HABAR_ERR_LIMIT,
		    "the release is larger than %u bytes", HABAR_XLIFF_MAX_INPUT);
	if (!habar__utf8_valid(release, len, &bad)) {
		unsigned long line = 1;
		size_t column = 1;
		for (i = 0; i < bad; i++, column++)
			if (release[i] == '\n')
				line++, column = 0;
		return habar__xl_fail(xliff, line, HABAR_ERR_INPUT,
		    "invalid UTF-8 (byte 0x%02X in column %zu)",
		    (unsigned char)release[bad], column);
	}
	if ((status = split_release(&ex, &lang)) != HABAR_OK)
		goto done;
	status = choose_languages(xliff, lang, source_lang, target_lang, &src);
	if (status != HABAR_OK)
		goto done;
	if ((fp = open_memstream(&doc, &doc_len)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	if ((status = write_document(&ex, fp, name, src, target_lang)) != HABAR_OK)
		goto done;
	if (fclose(fp) != 0) {
		fp = NULL;
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	fp = NULL;
	if (fwrite(doc, 1, doc_len, out) != doc_len)
		status = habar__xl_fail(xliff, 0, HABAR_ERR_IO, "write error");
done:
	if (fp != NULL)
		fclose(fp);
	free(doc);
	free(lang);
	for (i = 0; i < ex.unit_count; i++) {
		free(ex.units[i].key);
		free(ex.units[i].value);
		free(ex.units[i].spans);
		free(ex.units[i].span_first);
		free(ex.units[i].span_joined);
	}
	free(ex.units);
	free(ex.items);
	free(ex.id);
	if (status != HABAR_OK && xliff->error[0] == '\0')
		habar__xl_fail(xliff, 0, status, "%s", habar_status_string(status));
	return status;
}

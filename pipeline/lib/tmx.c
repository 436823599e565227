/*
 * tmx.c: the translation memory in habar/tmx.h: units, duplicate
 * collapsing, units from parallel documents, and the TMX 1.4b writer.
 * Reading TMX files is in tmx_xml.c.
 *
 * Duplicates are found with a hash table over a canonical key of the unit
 * (its variants sorted by language, then language and text of each), so
 * merging many shard memories stays linear.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/status.h>
#include <habar/tmx.h>

#include "parallel_internal.h"

struct habar_tmx {
	struct habar_tmx_unit *units;
	size_t count, cap;
	uint64_t *hashes;	/* of each unit's key */
	size_t *slots;		/* open addressing: unit index + 1, 0 = free */
	size_t slot_cap;
};

enum habar_status
habar_tmx_new(struct habar_tmx **tmx_out)
{
	*tmx_out = calloc(1, sizeof(**tmx_out));
	return *tmx_out == NULL ? HABAR_ERR_NOMEM : HABAR_OK;
}

static void
unit_clear(struct habar_tmx_unit *u)
{
	size_t k;

	for (k = 0; k < u->variant_count; k++) {
		free(u->variants[k].lang);
		free(u->variants[k].text);
	}
	free(u->variants);
	free(u->date);
	free(u->release_id);
	memset(u, 0, sizeof(*u));
}

void
habar_tmx_free(struct habar_tmx *tmx)
{
	size_t i;

	if (tmx == NULL)
		return;
	for (i = 0; i < tmx->count; i++)
		unit_clear(&tmx->units[i]);
	free(tmx->units);
	free(tmx->hashes);
	free(tmx->slots);
	free(tmx);
}

size_t
habar_tmx_count(const struct habar_tmx *tmx)
{
	return tmx->count;
}

const struct habar_tmx_unit *
habar_tmx_unit(const struct habar_tmx *tmx, size_t i)
{
	return i < tmx->count ? &tmx->units[i] : NULL;
}

/* The order of variants in a unit's key: by language tag. */
static void
key_order(const char *const *langs, size_t count, size_t *order)
{
	size_t i, j, v;

	for (i = 0; i < count; i++)
		order[i] = i;
	for (i = 1; i < count; i++) {
		v = order[i];
		for (j = i; j > 0 && strcmp(langs[order[j - 1]], langs[v]) > 0; j--)
			order[j] = order[j - 1];
		order[j] = v;
	}
}

static uint64_t
fnv(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t
unit_hash(const char *const *langs, const char *const *texts, size_t count,
    const size_t *order)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < count; i++) {
		h = fnv(h, langs[order[i]], strlen(langs[order[i]]) + 1);
		h = fnv(h, texts[order[i]], strlen(texts[order[i]]) + 1);
	}
	return h;
}

/* Whether unit u holds exactly these variants. */
static int
unit_equal(const struct habar_tmx_unit *u, const char *const *langs,
    const char *const *texts, size_t count)
{
	size_t i, k;

	if (u->variant_count != count)
		return 0;
	for (i = 0; i < count; i++) {
		for (k = 0; k < count; k++)
			if (strcmp(u->variants[k].lang, langs[i]) == 0)
				break;
		if (k == count || strcmp(u->variants[k].text, texts[i]) != 0)
			return 0;
	}
	return 1;
}

static enum habar_status
grow_slots(struct habar_tmx *tmx)
{
	size_t ncap = tmx->slot_cap ? tmx->slot_cap * 2 : 1024, i, j;
	size_t *slots;

	if ((slots = calloc(ncap, sizeof(*slots))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < tmx->count; i++) {
		j = (size_t)tmx->hashes[i] & (ncap - 1);
		while (slots[j] != 0)
			j = (j + 1) & (ncap - 1);
		slots[j] = i + 1;
	}
	free(tmx->slots);
	tmx->slots = slots;
	tmx->slot_cap = ncap;
	return HABAR_OK;
}

enum habar_status
habar_tmx_add(struct habar_tmx *tmx, const char *const *langs,
    const char *const *texts, size_t count, const char *date,
    const char *release_id, int *added_out)
{
	struct habar_tmx_unit *u;
	size_t order[16], i, j, hcap;
	uint64_t h;
	void *p;
	enum habar_status status;

	if (added_out != NULL)
		*added_out = 0;
	if (count < 2 || count > 16)
		return HABAR_ERR_ARGUMENT;
	key_order(langs, count, order);
	h = unit_hash(langs, texts, count, order);
	if ((tmx->count + 1) * 2 > tmx->slot_cap &&
	    (status = grow_slots(tmx)) != HABAR_OK)
		return status;
	j = (size_t)h & (tmx->slot_cap - 1);
	while (tmx->slots[j] != 0) {
		i = tmx->slots[j] - 1;
		if (tmx->hashes[i] == h &&
		    unit_equal(&tmx->units[i], langs, texts, count))
			return HABAR_OK;	/* a duplicate: the first stays */
		j = (j + 1) & (tmx->slot_cap - 1);
	}
	if (tmx->count == tmx->cap) {
		if (tmx->count >= HABAR_PARALLEL_MAX_ITEMS)
			return HABAR_ERR_LIMIT;
		hcap = tmx->cap ? tmx->cap * 2 : 256;
		if ((p = realloc(tmx->units, hcap * sizeof(*tmx->units))) == NULL)
			return HABAR_ERR_NOMEM;
		tmx->units = p;
		if ((p = realloc(tmx->hashes, hcap * sizeof(*tmx->hashes))) == NULL)
			return HABAR_ERR_NOMEM;
		tmx->hashes = p;
		tmx->cap = hcap;
	}
	u = &tmx->units[tmx->count];
	memset(u, 0, sizeof(*u));
	if ((u->variants = calloc(count, sizeof(*u->variants))) == NULL)
		return HABAR_ERR_NOMEM;
	u->variant_count = count;
	for (i = 0; i < count; i++) {
		u->variants[i].lang = strdup(langs[i]);
		u->variants[i].text = strdup(texts[i]);
		if (u->variants[i].lang == NULL || u->variants[i].text == NULL)
			goto nomem;
	}
	if (date != NULL && (u->date = strdup(date)) == NULL)
		goto nomem;
	if (release_id != NULL && (u->release_id = strdup(release_id)) == NULL)
		goto nomem;
	tmx->hashes[tmx->count] = h;
	tmx->slots[j] = tmx->count + 1;
	tmx->count++;
	if (added_out != NULL)
		*added_out = 1;
	return HABAR_OK;
nomem:
	unit_clear(u);
	return HABAR_ERR_NOMEM;
}

/* Reads n digits at *p into *v; returns 0 when they are not there. */
static int
digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return 0;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 1;
}

int
habar_tmx_date(char *out, size_t out_size, const char *date)
{
	const char *p = date;
	int y, mo, d, h = 0, mi = 0, s = 0;

	if (date == NULL || out_size < 17)
		return 0;
	while (*p == ' ')
		p++;
	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) ||
	    *p++ != '-' || !digits(&p, 2, &d))
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return 0;
		if (*p == ':' && (p++, !digits(&p, 2, &s)))
			return 0;
		if (h > 23 || mi > 59 || s > 60)
			return 0;
	}
	snprintf(out, out_size, "%04d%02d%02dT%02d%02d%02dZ", y, mo, d, h, mi, s);
	return 1;
}

enum habar_status
habar_tmx_add_parallel(struct habar_tmx *tmx, const struct habar_parallel *doc)
{
	const struct habar_parallel_link *link;
	const char *langs[HABAR_PARALLEL_MAX_LANGS];
	char *texts[HABAR_PARALLEL_MAX_LANGS];
	char date[32], *d = NULL;
	size_t i, k, n, len;
	enum habar_status status = HABAR_OK;

	if (doc->date != NULL && habar_tmx_date(date, sizeof(date), doc->date))
		d = date;
	for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
		link = &doc->links[HABAR_PARALLEL_SENTENCES][i];
		n = 0;
		for (k = 0; k < doc->language_count; k++) {
			if (link->sides[k].count == 0)
				continue;
			langs[n] = doc->languages[k].lang;
			status = habar_parallel_run_text(doc, k, &link->sides[k],
			    &texts[n], &len);
			if (status != HABAR_OK)
				break;
			n++;
		}
		if (status == HABAR_OK && n >= 2)
			status = habar_tmx_add(tmx, langs,
			    (const char *const *)texts, n, d, doc->id, NULL);
		for (k = 0; k < n; k++)
			free(texts[k]);
		if (status != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

static void
write_attr(FILE *fp, const char *name, const char *value)
{
	fprintf(fp, " %s=\"", name);
	habar__xml_escape(fp, value, strlen(value), 1);
	putc('"', fp);
}

/* The language every unit holds (the first unit's first, preferably). */
static const char *
source_language(const struct habar_tmx *tmx)
{
	const struct habar_tmx_unit *first;
	size_t c, i, k;

	if (tmx->count == 0)
		return "*all*";
	first = &tmx->units[0];
	for (c = 0; c < first->variant_count; c++) {
		for (i = 1; i < tmx->count; i++) {
			for (k = 0; k < tmx->units[i].variant_count; k++)
				if (strcmp(tmx->units[i].variants[k].lang,
				    first->variants[c].lang) == 0)
					break;
			if (k == tmx->units[i].variant_count)
				break;
		}
		if (i == tmx->count)
			return first->variants[c].lang;
	}
	return "*all*";
}

enum habar_status
habar_tmx_write(const struct habar_tmx *tmx, FILE *fp)
{
	const struct habar_tmx_unit *u;
	const char *latest = NULL;
	size_t i, k;

	for (i = 0; i < tmx->count; i++)
		if (tmx->units[i].date != NULL && (latest == NULL ||
		    strcmp(tmx->units[i].date, latest) > 0))
			latest = tmx->units[i].date;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<tmx version=\"1.4\">\n  <header creationtool=\"habar\""
	    " creationtoolversion=\"", fp);
	fputs(habar_version(), fp);
	fputs("\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\"",
	    fp);
	write_attr(fp, "srclang", source_language(tmx));
	fputs(" o-tmf=\"habar\"", fp);
	if (latest != NULL)
		write_attr(fp, "creationdate", latest);
	fputs("/>\n  <body>\n", fp);
	for (i = 0; i < tmx->count; i++) {
		u = &tmx->units[i];
		fputs("    <tu", fp);
		if (u->date != NULL)
			write_attr(fp, "creationdate", u->date);
		fputs(">\n", fp);
		if (u->release_id != NULL) {
			fputs("      <prop type=\"x-release-id\">", fp);
			habar__xml_escape(fp, u->release_id, strlen(u->release_id),
			    0);
			fputs("</prop>\n", fp);
		}
		for (k = 0; k < u->variant_count; k++) {
			fputs("      <tuv", fp);
			write_attr(fp, "xml:lang", u->variants[k].lang);
			fputs("><seg>", fp);
			habar__xml_escape(fp, u->variants[k].text,
			    strlen(u->variants[k].text), 0);
			fputs("</seg></tuv>\n", fp);
		}
		fputs("    </tu>\n", fp);
	}
	fputs("  </body>\n</tmx>\n", fp);
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

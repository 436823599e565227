/*
 * tmx.c: the translation memory held whole in habar/tmx.h: units,
 * duplicate collapsing, units from parallel documents, TMX dates.
 * Writing is in tmx_write.c, reading TMX files in tmx_xml.c.
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

#include <habar/date.h>
#include <habar/status.h>
#include <habar/tmx.h>

#include "parallel_internal.h"
#include "tmx_internal.h"

struct habar_tmx {
	struct habar_tmx_unit *units;
	size_t count, cap;
	uint64_t *hashes;	/* of each unit's key */
	size_t *slots;		/* open addressing: unit index + 1, 0 = free */
	size_t slot_cap;
	double min_confidence;
};

enum habar_status
habar_tmx_new(struct habar_tmx **tmx_out)
{
	*tmx_out = calloc(1, sizeof(**tmx_out));
	if (*tmx_out == NULL)
		return HABAR_ERR_NOMEM;
	(*tmx_out)->min_confidence = HABAR_TMX_MIN_CONFIDENCE;
	return HABAR_OK;
}

void
habar_tmx_set_min_confidence(struct habar_tmx *tmx, double min)
{
	tmx->min_confidence = min;
}

int
habar__tmx_confident(double confidence, double min)
{
	return confidence < 0.0 || confidence >= min;
}

static void
attrs_free(struct habar_tmx_attr *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].value);
	}
	free(a);
}

static void
props_free(struct habar_tmx_prop *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].type);
		free(p[i].lang);
		free(p[i].encoding);
		free(p[i].text);
	}
	free(p);
}

void
habar__tmx_unit_clear(struct habar_tmx_unit *u)
{
	size_t k;

	for (k = 0; k < u->variant_count; k++) {
		free(u->variants[k].lang);
		free(u->variants[k].text);
		attrs_free(u->variants[k].attrs, u->variants[k].attr_count);
		props_free(u->variants[k].props, u->variants[k].prop_count);
	}
	free(u->variants);
	free(u->date);
	free(u->release_id);
	attrs_free(u->attrs, u->attr_count);
	props_free(u->props, u->prop_count);
	memset(u, 0, sizeof(*u));
}

/* strdup() that copies NULL as NULL; *bad is set when memory runs out. */
static char *
dup(const char *s, int *bad)
{
	char *c;

	if (s == NULL)
		return NULL;
	if ((c = strdup(s)) == NULL)
		*bad = 1;
	return c;
}

/* n zeroed elements of size bytes for a copy; NULL when n is 0, or
 * with *bad set when memory runs out. */
static void *
copy_array(size_t n, size_t size, int *bad)
{
	void *c;

	if (n == 0)
		return NULL;
	if ((c = calloc(n, size)) == NULL)
		*bad = 1;
	return c;
}

static struct habar_tmx_attr *
attrs_copy(const struct habar_tmx_attr *a, size_t n, int *bad)
{
	struct habar_tmx_attr *c;
	size_t i;

	if ((c = copy_array(n, sizeof(*c), bad)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		c[i].name = dup(a[i].name, bad);
		c[i].value = dup(a[i].value, bad);
	}
	return c;
}

static struct habar_tmx_prop *
props_copy(const struct habar_tmx_prop *p, size_t n, int *bad)
{
	struct habar_tmx_prop *c;
	size_t i;

	if ((c = copy_array(n, sizeof(*c), bad)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		c[i].type = dup(p[i].type, bad);
		c[i].lang = dup(p[i].lang, bad);
		c[i].encoding = dup(p[i].encoding, bad);
		c[i].text = dup(p[i].text, bad);
	}
	return c;
}

enum habar_status
habar__tmx_unit_copy(struct habar_tmx_unit *dst, const struct habar_tmx_unit *src)
{
	const struct habar_tmx_variant *sv;
	struct habar_tmx_variant *dv;
	size_t k;
	int bad = 0;

	dst->variants = calloc(src->variant_count, sizeof(*dst->variants));
	if (dst->variants == NULL)
		return HABAR_ERR_NOMEM;
	dst->variant_count = src->variant_count;
	for (k = 0; k < src->variant_count; k++) {
		sv = &src->variants[k];
		dv = &dst->variants[k];
		dv->lang = dup(sv->lang, &bad);
		dv->text = dup(sv->text, &bad);
		/* The counts go with the arrays, so that a failed copy is
		 * freed whole by the clear below. */
		if ((dv->attrs = attrs_copy(sv->attrs, sv->attr_count,
		    &bad)) != NULL)
			dv->attr_count = sv->attr_count;
		if ((dv->props = props_copy(sv->props, sv->prop_count,
		    &bad)) != NULL)
			dv->prop_count = sv->prop_count;
	}
	dst->date = dup(src->date, &bad);
	dst->release_id = dup(src->release_id, &bad);
	dst->confidence = src->confidence;
	if ((dst->attrs = attrs_copy(src->attrs, src->attr_count, &bad)) != NULL)
		dst->attr_count = src->attr_count;
	if ((dst->props = props_copy(src->props, src->prop_count, &bad)) != NULL)
		dst->prop_count = src->prop_count;
	if (bad) {
		habar__tmx_unit_clear(dst);
		return HABAR_ERR_NOMEM;
	}
	return HABAR_OK;
}

void
habar_tmx_free(struct habar_tmx *tmx)
{
	size_t i;

	if (tmx == NULL)
		return;
	for (i = 0; i < tmx->count; i++)
		habar__tmx_unit_clear(&tmx->units[i]);
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

void
habar__tmx_key_order(const struct habar_tmx_unit *unit, size_t *order)
{
	size_t i, j, v;

	for (i = 0; i < unit->variant_count; i++)
		order[i] = i;
	for (i = 1; i < unit->variant_count; i++) {
		v = order[i];
		for (j = i; j > 0 && strcmp(unit->variants[order[j - 1]].lang,
		    unit->variants[v].lang) > 0; j--)
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
unit_hash(const struct habar_tmx_unit *unit)
{
	size_t order[HABAR_TMX_MAX_VARIANTS], i;
	uint64_t h = 1469598103934665603ull;
	const struct habar_tmx_variant *v;

	habar__tmx_key_order(unit, order);
	for (i = 0; i < unit->variant_count; i++) {
		v = &unit->variants[order[i]];
		h = fnv(h, v->lang, strlen(v->lang) + 1);
		h = fnv(h, v->text, strlen(v->text) + 1);
	}
	return h;
}

/* Whether units a and b hold the same variants. */
static int
unit_equal(const struct habar_tmx_unit *a, const struct habar_tmx_unit *b)
{
	size_t i, k;

	if (a->variant_count != b->variant_count)
		return 0;
	for (i = 0; i < b->variant_count; i++) {
		for (k = 0; k < a->variant_count; k++)
			if (strcmp(a->variants[k].lang, b->variants[i].lang) == 0)
				break;
		if (k == a->variant_count ||
		    strcmp(a->variants[k].text, b->variants[i].text) != 0)
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
habar_tmx_add_unit(struct habar_tmx *tmx, const struct habar_tmx_unit *unit,
    int *added_out)
{
	size_t i, j, hcap;
	uint64_t h;
	void *p;
	enum habar_status status;

	if (added_out != NULL)
		*added_out = 0;
	if (unit->variant_count < 2 ||
	    unit->variant_count > HABAR_TMX_MAX_VARIANTS)
		return HABAR_ERR_ARGUMENT;
	h = unit_hash(unit);
	if ((tmx->count + 1) * 2 > tmx->slot_cap &&
	    (status = grow_slots(tmx)) != HABAR_OK)
		return status;
	j = (size_t)h & (tmx->slot_cap - 1);
	while (tmx->slots[j] != 0) {
		i = tmx->slots[j] - 1;
		if (tmx->hashes[i] == h && unit_equal(&tmx->units[i], unit))
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
	memset(&tmx->units[tmx->count], 0, sizeof(tmx->units[0]));
	if ((status = habar__tmx_unit_copy(&tmx->units[tmx->count], unit)) !=
	    HABAR_OK)
		return status;
	tmx->hashes[tmx->count] = h;
	tmx->slots[j] = tmx->count + 1;
	tmx->count++;
	if (added_out != NULL)
		*added_out = 1;
	return HABAR_OK;
}

enum habar_status
habar_tmx_add(struct habar_tmx *tmx, const char *const *langs,
    const char *const *texts, size_t count, const char *date,
    const char *release_id, int *added_out)
{
	struct habar_tmx_variant v[HABAR_TMX_MAX_VARIANTS];
	struct habar_tmx_unit u;
	size_t k;

	if (added_out != NULL)
		*added_out = 0;
	if (count < 2 || count > HABAR_TMX_MAX_VARIANTS)
		return HABAR_ERR_ARGUMENT;
	memset(v, 0, sizeof(v));
	memset(&u, 0, sizeof(u));
	for (k = 0; k < count; k++) {
		v[k].lang = (char *)langs[k];
		v[k].text = (char *)texts[k];
	}
	u.variants = v;
	u.variant_count = count;
	u.date = (char *)date;
	u.release_id = (char *)release_id;
	u.confidence = -1.0;
	return habar_tmx_add_unit(tmx, &u, added_out);
}

int
habar_tmx_date(char *out, size_t out_size, const char *date)
{
	struct habar_date d;
	const char *p = date;

	if (date == NULL || out_size < 17)
		return 0;
	while (*p == ' ')
		p++;
	if (habar_date_parse(&d, p) == HABAR_DATE_NONE)
		return 0;
	/* A month or a year stands for its first day, as in a pack. */
	snprintf(out, out_size, "%04d%02d%02dT%02d%02d%02dZ", d.year, d.month,
	    d.day, d.hour, d.minute, d.second);
	return 1;
}

enum habar_status
habar__tmx_link_unit(const struct habar_parallel *doc, size_t i,
    struct habar_tmx_unit *unit)
{
	const struct habar_parallel_link *link;
	char date[32];
	size_t k, len;
	enum habar_status status;

	memset(unit, 0, sizeof(*unit));
	link = &doc->links[HABAR_PARALLEL_SENTENCES][i];
	unit->confidence = link->confidence;
	if ((unit->variants = calloc(HABAR_PARALLEL_MAX_LANGS,
	    sizeof(*unit->variants))) == NULL)
		return HABAR_ERR_NOMEM;
	for (k = 0; k < doc->language_count; k++) {
		struct habar_tmx_variant *v;

		if (link->sides[k].count == 0)
			continue;
		v = &unit->variants[unit->variant_count];
		if ((v->lang = strdup(doc->languages[k].lang)) == NULL) {
			status = HABAR_ERR_NOMEM;
			goto fail;
		}
		unit->variant_count++;
		status = habar_parallel_run_text(doc, k, &link->sides[k],
		    &v->text, &len);
		if (status != HABAR_OK)
			goto fail;
	}
	if (doc->date != NULL && habar_tmx_date(date, sizeof(date), doc->date) &&
	    (unit->date = strdup(date)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto fail;
	}
	if (doc->id != NULL && (unit->release_id = strdup(doc->id)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto fail;
	}
	return HABAR_OK;
fail:
	habar__tmx_unit_clear(unit);
	return status;
}

enum habar_status
habar_tmx_add_parallel(struct habar_tmx *tmx, const struct habar_parallel *doc)
{
	struct habar_tmx_unit unit;
	size_t i;
	enum habar_status status = HABAR_OK;

	for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
		if (!habar__tmx_confident(
		    doc->links[HABAR_PARALLEL_SENTENCES][i].confidence,
		    tmx->min_confidence))
			continue;
		if ((status = habar__tmx_link_unit(doc, i, &unit)) != HABAR_OK)
			return status;
		if (unit.variant_count >= 2)
			status = habar_tmx_add_unit(tmx, &unit, NULL);
		habar__tmx_unit_clear(&unit);
		if (status != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

enum habar_status
habar__tmx_add_read(struct habar_tmx *tmx, const struct habar_tmx_unit *unit)
{
	if (!habar__tmx_confident(unit->confidence, tmx->min_confidence))
		return HABAR_OK;
	return habar_tmx_add_unit(tmx, unit, NULL);
}

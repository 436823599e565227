/*
 * tmx_write.c: writing TMX 1.4b, for a memory held whole (habar_tmx_write)
 * and for the streaming writer that merges memories of any size.
 *
 * The header names the source language and the latest date, which are
 * known only when every unit has been seen, while the units must keep
 * their order; so the streaming writer spools each unit's markup to an
 * unlinked temporary file as it comes and writes the header before
 * copying the spool out.  For duplicates it keeps no text: a SHA-256 of
 * the unit's key (its variants sorted by language) cut to 128 bits, whose
 * collisions are beyond reach, in an open-addressing set.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <habar/digest.h>
#include <habar/habar.h>
#include <habar/tmx.h>

#include "parallel_internal.h"
#include "tmx_internal.h"

static void
write_attr(FILE *fp, const char *name, const char *value)
{
	fprintf(fp, " %s=\"", name);
	habar__xml_escape(fp, value, strlen(value), 1);
	putc('"', fp);
}

static void
write_text(FILE *fp, const char *s)
{
	habar__xml_escape(fp, s, strlen(s), 0);
}

void
habar__tmx_write_head(FILE *fp, const char *srclang, const char *latest)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<tmx version=\"1.4\">\n  <header creationtool=\"habar\""
	    " creationtoolversion=\"", fp);
	fputs(habar_version(), fp);
	fputs("\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\"",
	    fp);
	write_attr(fp, "srclang", srclang);
	fputs(" o-tmf=\"habar\"", fp);
	if (latest != NULL)
		write_attr(fp, "creationdate", latest);
	fputs("/>\n  <body>\n", fp);
}

void
habar__tmx_write_tail(FILE *fp)
{
	fputs("  </body>\n</tmx>\n", fp);
}

static void
write_props(FILE *fp, const struct habar_tmx_prop *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputs(p[i].type != NULL ? "<prop" : "<note", fp);
		if (p[i].type != NULL)
			write_attr(fp, "type", p[i].type);
		if (p[i].lang != NULL)
			write_attr(fp, "xml:lang", p[i].lang);
		if (p[i].encoding != NULL)
			write_attr(fp, "o-encoding", p[i].encoding);
		putc('>', fp);
		write_text(fp, p[i].text);
		fputs(p[i].type != NULL ? "</prop>" : "</note>", fp);
	}
}

/* Whether lang is one of unit's languages. */
static int
holds(const struct habar_tmx_unit *unit, const char *lang)
{
	size_t k;

	for (k = 0; k < unit->variant_count; k++)
		if (strcmp(unit->variants[k].lang, lang) == 0)
			return 1;
	return 0;
}

void
habar__tmx_write_unit(FILE *fp, const struct habar_tmx_unit *u)
{
	const struct habar_tmx_variant *v;
	size_t i, k;

	fputs("    <tu", fp);
	if (u->date != NULL)
		write_attr(fp, "creationdate", u->date);
	for (i = 0; i < u->attr_count; i++) {
		/* A unit cut to a pair names no source it has lost. */
		if (strcmp(u->attrs[i].name, "srclang") == 0 &&
		    strcmp(u->attrs[i].value, "*all*") != 0 &&
		    !holds(u, u->attrs[i].value))
			continue;
		write_attr(fp, u->attrs[i].name, u->attrs[i].value);
	}
	fputs(">\n", fp);
	if (u->release_id != NULL) {
		fputs("      <prop type=\"x-release-id\">", fp);
		write_text(fp, u->release_id);
		fputs("</prop>\n", fp);
	}
	if (u->confidence >= 0.0)
		fprintf(fp, "      <prop type=\"x-habar-confidence\">%.2f</prop>\n",
		    u->confidence);
	if (u->prop_count > 0) {
		fputs("      ", fp);
		write_props(fp, u->props, u->prop_count);
		putc('\n', fp);
	}
	for (k = 0; k < u->variant_count; k++) {
		v = &u->variants[k];
		fputs("      <tuv", fp);
		write_attr(fp, "xml:lang", v->lang);
		for (i = 0; i < v->attr_count; i++)
			write_attr(fp, v->attrs[i].name, v->attrs[i].value);
		putc('>', fp);
		write_props(fp, v->props, v->prop_count);
		fputs("<seg>", fp);
		write_text(fp, v->text);
		fputs("</seg></tuv>\n", fp);
	}
	fputs("    </tu>\n", fp);
}

/* The language every unit holds (the first unit's first, preferably). */
static const char *
source_language(const struct habar_tmx *tmx)
{
	const struct habar_tmx_unit *first, *u;
	size_t c, i, n = habar_tmx_count(tmx);

	if (n == 0)
		return "*all*";
	first = habar_tmx_unit(tmx, 0);
	for (c = 0; c < first->variant_count; c++) {
		for (i = 1; i < n; i++) {
			u = habar_tmx_unit(tmx, i);
			if (!holds(u, first->variants[c].lang))
				break;
		}
		if (i == n)
			return first->variants[c].lang;
	}
	return "*all*";
}

enum habar_status
habar_tmx_write(const struct habar_tmx *tmx, FILE *fp)
{
	const struct habar_tmx_unit *u;
	const char *latest = NULL;
	size_t i, n = habar_tmx_count(tmx);

	for (i = 0; i < n; i++) {
		u = habar_tmx_unit(tmx, i);
		if (u->date != NULL && (latest == NULL ||
		    strcmp(u->date, latest) > 0))
			latest = u->date;
	}
	habar__tmx_write_head(fp, source_language(tmx), latest);
	for (i = 0; i < n; i++)
		habar__tmx_write_unit(fp, habar_tmx_unit(tmx, i));
	habar__tmx_write_tail(fp);
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

/* A unit's digest; {0, 0} marks a free slot. */
struct digest {
	uint64_t a, b;
};

struct habar_tmx_writer {
	double min_confidence;
	char *pair[2];
	FILE *spool;
	struct digest *slots;
	size_t count, slot_cap;
	char *latest;
	/* The first unit's languages and how many units hold each: the
	 * header's source language is the first that all hold. */
	char *langs[HABAR_TMX_MAX_VARIANTS];
	size_t holders[HABAR_TMX_MAX_VARIANTS];
	size_t lang_count;
};

/* An unlinked temporary file in $TMPDIR (or /tmp), for the spool. */
static FILE *
spool_open(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/habar-tmx-XXXXXX", dir) >=
	    sizeof(path))
		return NULL;
	if ((fd = mkstemp(path)) < 0)
		return NULL;
	unlink(path);
	if ((fp = fdopen(fd, "w+")) == NULL)
		close(fd);
	return fp;
}

enum habar_status
habar_tmx_writer_new(struct habar_tmx_writer **writer_out,
    const struct habar_tmx_writer_options *opt)
{
	struct habar_tmx_writer *w;
	enum habar_status status = HABAR_ERR_NOMEM;

	*writer_out = NULL;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return HABAR_ERR_NOMEM;
	w->min_confidence = opt != NULL ? opt->min_confidence :
	    HABAR_TMX_MIN_CONFIDENCE;
	if (opt != NULL && (opt->pair[0] != NULL || opt->pair[1] != NULL)) {
		if (opt->pair[0] == NULL || opt->pair[1] == NULL ||
		    *opt->pair[0] == '\0' || *opt->pair[1] == '\0' ||
		    strcmp(opt->pair[0], opt->pair[1]) == 0) {
			status = HABAR_ERR_ARGUMENT;
			goto fail;
		}
		if ((w->pair[0] = strdup(opt->pair[0])) == NULL ||
		    (w->pair[1] = strdup(opt->pair[1])) == NULL)
			goto fail;
	}
	if ((w->spool = spool_open()) == NULL) {
		status = HABAR_ERR_IO;
		goto fail;
	}
	*writer_out = w;
	return HABAR_OK;
fail:
	habar_tmx_writer_free(w);
	return status;
}

void
habar_tmx_writer_free(struct habar_tmx_writer *w)
{
	size_t i;

	if (w == NULL)
		return;
	if (w->spool != NULL)
		fclose(w->spool);
	free(w->slots);
	free(w->latest);
	free(w->pair[0]);
	free(w->pair[1]);
	for (i = 0; i < w->lang_count; i++)
		free(w->langs[i]);
	free(w);
}

size_t
habar_tmx_writer_count(const struct habar_tmx_writer *w)
{
	return w->count;
}

static struct digest
unit_digest(const struct habar_tmx_unit *unit)
{
	struct habar_sha256 ctx;
	char hex[HABAR_SHA256_HEX_SIZE], half[17];
	size_t order[HABAR_TMX_MAX_VARIANTS], i;
	const struct habar_tmx_variant *v;
	struct digest d;

	habar__tmx_key_order(unit, order);
	habar_sha256_init(&ctx);
	for (i = 0; i < unit->variant_count; i++) {
		v = &unit->variants[order[i]];
		habar_sha256_update(&ctx, v->lang, strlen(v->lang) + 1);
		habar_sha256_update(&ctx, v->text, strlen(v->text) + 1);
	}
	habar_sha256_hex(&ctx, hex);
	memcpy(half, hex, 16);
	half[16] = '\0';
	d.a = strtoull(half, NULL, 16);
	memcpy(half, hex + 16, 16);
	d.b = strtoull(half, NULL, 16);
	if (d.a == 0 && d.b == 0)
		d.b = 1;
	return d;
}

static enum habar_status
grow_set(struct habar_tmx_writer *w)
{
	size_t ncap = w->slot_cap ? w->slot_cap * 2 : 4096, i, j;
	struct digest *slots;

	if (ncap > SIZE_MAX / sizeof(*slots))
		return HABAR_ERR_LIMIT;
	if ((slots = calloc(ncap, sizeof(*slots))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < w->slot_cap; i++) {
		if (w->slots[i].a == 0 && w->slots[i].b == 0)
			continue;
		j = (size_t)w->slots[i].a & (ncap - 1);
		while (slots[j].a != 0 || slots[j].b != 0)
			j = (j + 1) & (ncap - 1);
		slots[j] = w->slots[i];
	}
	free(w->slots);
	w->slots = slots;
	w->slot_cap = ncap;
	return HABAR_OK;
}

/* Adds d to the set unless it is there; *fresh says which. */
static enum habar_status
set_add(struct habar_tmx_writer *w, struct digest d, int *fresh)
{
	size_t j;
	enum habar_status status;

	*fresh = 0;
	if ((w->count + 1) * 2 > w->slot_cap &&
	    (status = grow_set(w)) != HABAR_OK)
		return status;
	j = (size_t)d.a & (w->slot_cap - 1);
	while (w->slots[j].a != 0 || w->slots[j].b != 0) {
		if (w->slots[j].a == d.a && w->slots[j].b == d.b)
			return HABAR_OK;
		j = (j + 1) & (w->slot_cap - 1);
	}
	w->slots[j] = d;
	*fresh = 1;
	return HABAR_OK;
}

/* Notes the languages and date of a unit written, for the header. */
static enum habar_status
note_unit(struct habar_tmx_writer *w, const struct habar_tmx_unit *u)
{
	size_t k;

	if (w->count == 0) {
		for (k = 0; k < u->variant_count; k++) {
			if ((w->langs[k] = strdup(u->variants[k].lang)) == NULL)
				return HABAR_ERR_NOMEM;
			w->lang_count = k + 1;
		}
	}
	for (k = 0; k < w->lang_count; k++)
		if (holds(u, w->langs[k]))
			w->holders[k]++;
	if (u->date != NULL && (w->latest == NULL ||
	    strcmp(u->date, w->latest) > 0)) {
		free(w->latest);
		if ((w->latest = strdup(u->date)) == NULL)
			return HABAR_ERR_NOMEM;
	}
	return HABAR_OK;
}

enum habar_status
habar_tmx_writer_add(struct habar_tmx_writer *w,
    const struct habar_tmx_unit *unit, int *added_out)
{
	struct habar_tmx_variant two[2];
	struct habar_tmx_unit cut;
	size_t k, side;
	int fresh;
	enum habar_status status;

	if (added_out != NULL)
		*added_out = 0;
	if (unit->variant_count < 2 ||
	    unit->variant_count > HABAR_TMX_MAX_VARIANTS)
		return HABAR_ERR_ARGUMENT;
	if (!habar__tmx_confident(unit->confidence, w->min_confidence))
		return HABAR_OK;
	if (w->pair[0] != NULL) {
		/* The pair's two variants, the first language first; the
		 * rest of the unit as it is. */
		for (side = 0; side < 2; side++) {
			for (k = 0; k < unit->variant_count; k++)
				if (strcmp(unit->variants[k].lang,
				    w->pair[side]) == 0)
					break;
			if (k == unit->variant_count)
				return HABAR_OK;
			two[side] = unit->variants[k];
		}
		cut = *unit;
		cut.variants = two;
		cut.variant_count = 2;
		unit = &cut;
	}
	if ((status = set_add(w, unit_digest(unit), &fresh)) != HABAR_OK ||
	    !fresh)
		return status;
	if ((status = note_unit(w, unit)) != HABAR_OK)
		return status;
	habar__tmx_write_unit(w->spool, unit);
	if (ferror(w->spool))
		return HABAR_ERR_IO;
	w->count++;
	if (added_out != NULL)
		*added_out = 1;
	return HABAR_OK;
}

enum habar_status
habar_tmx_writer_finish(struct habar_tmx_writer *w, FILE *fp)
{
	const char *srclang = "*all*";
	char buf[65536];
	size_t k, n;

	if (w->pair[0] != NULL)
		srclang = w->pair[0];
	else if (w->count > 0)
		for (k = 0; k < w->lang_count; k++)
			if (w->holders[k] == w->count) {
				srclang = w->langs[k];
				break;
			}
	if (fflush(w->spool) != 0 || fseek(w->spool, 0, SEEK_SET) != 0)
		return HABAR_ERR_IO;
	habar__tmx_write_head(fp, srclang, w->latest);
	while ((n = fread(buf, 1, sizeof(buf), w->spool)) > 0)
		if (fwrite(buf, 1, n, fp) != n)
			return HABAR_ERR_IO;
	if (ferror(w->spool))
		return HABAR_ERR_IO;
	habar__tmx_write_tail(fp);
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

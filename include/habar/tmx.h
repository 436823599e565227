/*
 * tmx.h: translation memories in TMX 1.4b, the exchange format of
 * translators' tools (OmegaT, Trados, memoQ, Okapi, Translate Toolkit).
 *
 * A memory gathers sentence-level units from parallel documents (one unit
 * per sentence link that holds at least two languages, with one variant
 * per language of the link: a three-language link is one unit with three
 * variants, which serves every pair) and from other TMX files, so that the
 * memories of shards can be merged.  A unit equal to one already held
 * (same languages, same texts) is dropped: the first one stays, with its
 * date and release id.  See README.md, "habar-tmx".
 */
#ifndef HABAR_TMX_H
#define HABAR_TMX_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>
#include <habar/parallel.h>

/* One language variant of a unit. */
struct habar_tmx_variant {
	char *lang;		/* BCP 47 tag */
	char *text;		/* UTF-8, NUL-terminated */
};

/* One translation unit. */
struct habar_tmx_unit {
	struct habar_tmx_variant *variants;
	size_t variant_count;
	char *date;		/* TMX date "YYYYMMDDThhmmssZ", or NULL */
	char *release_id;	/* the release it comes from, or NULL */
};

struct habar_tmx;

/* Creates an empty memory.  Returns HABAR_OK or HABAR_ERR_NOMEM. */
enum habar_status habar_tmx_new(struct habar_tmx **tmx_out);

/* Frees the memory; NULL is harmless. */
void habar_tmx_free(struct habar_tmx *tmx);

/* The number of units held, and the i-th (owned by the memory). */
size_t habar_tmx_count(const struct habar_tmx *tmx);
const struct habar_tmx_unit *habar_tmx_unit(const struct habar_tmx *tmx,
    size_t i);

/*
 * Adds a unit of count variants (langs[k], texts[k]), dated date (a TMX
 * date or NULL) and from release release_id (or NULL), unless an equal
 * unit is held already; *added_out (if not NULL) says which.  Returns
 * HABAR_OK, HABAR_ERR_ARGUMENT for fewer than two variants,
 * HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_tmx_add(struct habar_tmx *tmx, const char *const *langs,
    const char *const *texts, size_t count, const char *date,
    const char *release_id, int *added_out);

/*
 * Adds a unit for every sentence link of doc that holds two languages or
 * more, dated from the release date and carrying the release id.
 * Returns HABAR_OK, HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_tmx_add_parallel(struct habar_tmx *tmx,
    const struct habar_parallel *doc);

/*
 * Reads len bytes holding either a parallel XML document or a TMX file
 * (version 1.4 or earlier) and adds its units.  Parsing is hardened as
 * for habar_parallel_read().  On failure nothing is added and err (if not
 * NULL) says where and why.  Returns HABAR_OK, HABAR_ERR_INPUT,
 * HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_tmx_add_xml(struct habar_tmx *tmx, const char *xml,
    size_t len, struct habar_parallel_error *err);

/*
 * Writes the memory as TMX 1.4b to fp: a complete header (creation tool,
 * version, segment type "sentence", data type "plaintext", the source
 * language: the one every unit holds, else "*all*"; the creation date: the
 * latest unit's), then the units in the order they were added.  Returns
 * HABAR_OK or HABAR_ERR_IO.
 */
enum habar_status habar_tmx_write(const struct habar_tmx *tmx, FILE *fp);

/*
 * Turns an ISO 8601 date ("2026-11-25", "2026-11-25T10:30:00Z",
 * "2026-11-25 10:30") into a TMX date "20261125T103000Z" in out (17 bytes
 * at least).  Returns 1, or 0 when date is not such a date.
 */
int habar_tmx_date(char *out, size_t out_size, const char *date);

#endif

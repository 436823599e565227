/*
 * tmx.h: translation memories in TMX 1.4b, the exchange format of
 * translators' tools (OmegaT, Trados, memoQ, Okapi, Translate Toolkit).
 *
 * A memory gathers sentence-level units from parallel documents (one unit
 * per sentence link that holds at least two languages and is confident
 * enough, with one variant per language of the link: a three-language
 * link is one unit with three variants, which serves every pair) and from
 * other TMX files, so that the memories of shards can be merged.  A unit
 * equal to one already held (same languages, same texts) is dropped: the
 * first one stays, with its date, release id, attributes and properties.
 *
 * Three ways in:
 *  - the reader (habar_tmx_reader_*) streams the units of one TMX file or
 *    parallel document, one at a time, in constant memory for TMX: for
 *    programs that learn from or check a memory of any size;
 *  - the writer (habar_tmx_writer_*) collapses duplicates and writes a
 *    memory of any size, holding a digest per unit and spooling the units
 *    to a temporary file (habar-tmx merges with it);
 *  - struct habar_tmx holds a small memory whole, for random access.
 * See README.md, "habar-tmx".
 */
#ifndef HABAR_TMX_H
#define HABAR_TMX_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>
#include <habar/parallel.h>

/* The confidence a sentence link needs to become a unit by default. */
#define HABAR_TMX_MIN_CONFIDENCE 0.5

/* The most variants a unit may have, and bytes the texts of one unit may
 * hold. */
#define HABAR_TMX_MAX_VARIANTS 16
#define HABAR_TMX_MAX_UNIT_BYTES (16u * 1024 * 1024)

/* An attribute kept from a TMX file: creationdate, changedate, creationid,
 * usagecount... as the TMX 1.4 DTD names them. */
struct habar_tmx_attr {
	char *name;
	char *value;
};

/* A <prop> (type set) or a <note> (type NULL) kept from a TMX file. */
struct habar_tmx_prop {
	char *type;		/* the prop's type, or NULL for a note */
	char *lang;		/* its xml:lang, or NULL */
	char *encoding;		/* its o-encoding, or NULL */
	char *text;		/* UTF-8, NUL-terminated */
};

/* One language variant of a unit. */
struct habar_tmx_variant {
	char *lang;		/* BCP 47 tag */
	char *text;		/* UTF-8, NUL-terminated */
	struct habar_tmx_attr *attrs;	/* the <tuv>'s other attributes */
	size_t attr_count;
	struct habar_tmx_prop *props;	/* its <prop> and <note>, in order */
	size_t prop_count;
};

/* One translation unit. */
struct habar_tmx_unit {
	struct habar_tmx_variant *variants;
	size_t variant_count;
	char *date;		/* TMX date "YYYYMMDDThhmmssZ", or NULL */
	char *release_id;	/* the release it comes from, or NULL */
	double confidence;	/* of its link, 0 to 1; negative: unknown */
	struct habar_tmx_attr *attrs;	/* the <tu>'s other attributes */
	size_t attr_count;
	struct habar_tmx_prop *props;	/* other <prop> and <note>, in order */
	size_t prop_count;
};

struct habar_tmx;

/* Creates an empty memory.  Returns HABAR_OK or HABAR_ERR_NOMEM. */
enum habar_status habar_tmx_new(struct habar_tmx **tmx_out);

/* Frees the memory; NULL is harmless. */
void habar_tmx_free(struct habar_tmx *tmx);

/*
 * Sets the confidence a sentence link needs for habar_tmx_add_parallel()
 * to make it a unit (HABAR_TMX_MIN_CONFIDENCE unless set).
 */
void habar_tmx_set_min_confidence(struct habar_tmx *tmx, double min);

/* The number of units held, and the i-th (owned by the memory). */
size_t habar_tmx_count(const struct habar_tmx *tmx);
const struct habar_tmx_unit *habar_tmx_unit(const struct habar_tmx *tmx,
    size_t i);

/*
 * Adds a unit of count variants (langs[k], texts[k]), dated date (a TMX
 * date or NULL) and from release release_id (or NULL), unless an equal
 * unit is held already; *added_out (if not NULL) says which.  Returns
 * HABAR_OK, HABAR_ERR_ARGUMENT for fewer than two variants (or more than
 * HABAR_TMX_MAX_VARIANTS), HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_tmx_add(struct habar_tmx *tmx, const char *const *langs,
    const char *const *texts, size_t count, const char *date,
    const char *release_id, int *added_out);

/*
 * Adds a copy of unit, with everything it carries, unless an equal unit
 * is held already; as habar_tmx_add() otherwise.
 */
enum habar_status habar_tmx_add_unit(struct habar_tmx *tmx,
    const struct habar_tmx_unit *unit, int *added_out);

/*
 * Adds a unit for every sentence link of doc that holds two languages or
 * more and whose confidence reaches the memory's minimum, dated from the
 * release date and carrying the release id and the link's confidence.
 * Returns HABAR_OK, HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_tmx_add_parallel(struct habar_tmx *tmx,
    const struct habar_parallel *doc);

/*
 * Reads len bytes holding either a parallel XML document or a TMX file
 * (version 1.4 or earlier) and adds its units, as the reader below yields
 * them (links below the memory's minimum confidence left out).  On
 * failure nothing is added and err (if not NULL) says where and why.
 * Returns HABAR_OK, HABAR_ERR_INPUT, HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_tmx_add_xml(struct habar_tmx *tmx, const char *xml,
    size_t len, struct habar_parallel_error *err);

/*
 * Writes the memory as TMX 1.4b to fp: a complete header (creation tool,
 * version, segment type "sentence", data type "plaintext", the source
 * language: the one every unit holds, else "*all*"; the creation date: the
 * latest unit's), then the units in the order they were added, each with
 * the attributes, properties and notes it came with, its release id and
 * its confidence (<prop type="x-habar-confidence">, two decimals) when
 * known.  Returns HABAR_OK or HABAR_ERR_IO.
 */
enum habar_status habar_tmx_write(const struct habar_tmx *tmx, FILE *fp);

/*
 * The streaming reader.  habar_tmx_reader_open() reads from fp (borrowed,
 * not closed); habar_tmx_reader_open_memory() from len bytes at xml (which
 * must outlive the reader).  The input is a TMX file (read as a stream:
 * memory does not grow with its size) or a parallel XML document (read
 * whole: at most HABAR_PARALLEL_MAX_BYTES, which a regular file's size is
 * checked against before reading it; each sentence link of two languages
 * or more is a unit, with its confidence and whatever its confidence).
 * Anything else is refused at its root element.  Parsing is hardened as
 * for habar_parallel_read(): no network, no DTD, no entities, and an
 * element of more than 256 attributes refused before the XML parser sees
 * it.
 *
 * habar_tmx_reader_next() stores the next unit in *unit_out (owned by the
 * reader, valid until the next call), or NULL at the end.  A <tu> of fewer
 * than two variants is skipped.  On failure err (if not NULL) gives the
 * line and the reason.  open and next return HABAR_OK, HABAR_ERR_INPUT,
 * HABAR_ERR_LIMIT, HABAR_ERR_IO, HABAR_ERR_NOMEM; after a failure, next
 * fails again.
 */
struct habar_tmx_reader;
enum habar_status habar_tmx_reader_open(struct habar_tmx_reader **reader_out,
    FILE *fp, struct habar_parallel_error *err);
enum habar_status habar_tmx_reader_open_memory(
    struct habar_tmx_reader **reader_out, const char *xml, size_t len,
    struct habar_parallel_error *err);
enum habar_status habar_tmx_reader_next(struct habar_tmx_reader *reader,
    const struct habar_tmx_unit **unit_out, struct habar_parallel_error *err);
/* Whether the input is a parallel document (1) or a TMX file (0). */
int habar_tmx_reader_is_parallel(const struct habar_tmx_reader *reader);
/* The creationtool of a TMX file's header, or NULL (none, or a parallel
 * document). */
const char *habar_tmx_reader_tool(const struct habar_tmx_reader *reader);
/* Frees the reader; NULL is harmless. */
void habar_tmx_reader_close(struct habar_tmx_reader *reader);

/* What the writer keeps and how. */
struct habar_tmx_writer_options {
	/* Units whose confidence is known and below this are dropped; units
	 * that carry none (from other tools' memories) are kept. */
	double min_confidence;
	/* When both are set: only these two languages of each unit, first
	 * the first (the header's srclang); units lacking either dropped. */
	const char *pair[2];
};

/*
 * The streaming writer: habar_tmx_writer_new() starts an empty memory
 * (opt NULL: the default minimum confidence, every language);
 * habar_tmx_writer_add() adds a unit unless its confidence is too low,
 * it lacks a language of the pair, or an equal unit came before
 * (*added_out, if not NULL, says whether it was added); it holds 16 bytes
 * of digest per unit and spools the unit to a temporary file.
 * habar_tmx_writer_finish() writes the memory to fp as habar_tmx_write()
 * does.  The writer's own functions return HABAR_OK, HABAR_ERR_ARGUMENT
 * (a bad pair), HABAR_ERR_LIMIT, HABAR_ERR_IO, HABAR_ERR_NOMEM.
 */
struct habar_tmx_writer;
enum habar_status habar_tmx_writer_new(struct habar_tmx_writer **writer_out,
    const struct habar_tmx_writer_options *opt);
enum habar_status habar_tmx_writer_add(struct habar_tmx_writer *writer,
    const struct habar_tmx_unit *unit, int *added_out);
/* The units added so far. */
size_t habar_tmx_writer_count(const struct habar_tmx_writer *writer);
enum habar_status habar_tmx_writer_finish(struct habar_tmx_writer *writer,
    FILE *fp);
/* Frees the writer and its spool; NULL is harmless. */
void habar_tmx_writer_free(struct habar_tmx_writer *writer);

/*
 * Turns a release date (habar_date_parse(): "2026-11-25",
 * "2026-11-25T10:30:00Z", "2026-11-25 10:30", "2026-11", "2026") into a
 * TMX date "20261125T103000Z" in out (17 bytes at least), a month or a
 * year as its first day.  Returns 1, or 0 when date is not such a date.
 */
int habar_tmx_date(char *out, size_t out_size, const char *date);

#endif

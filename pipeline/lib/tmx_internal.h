/*
 * tmx_internal.h: what the three parts of the translation memory share:
 * tmx.c (units and the memory held whole), tmx_write.c (the TMX writer,
 * streaming or not) and tmx_xml.c (the streaming reader).
 */
#ifndef HABAR_TMX_INTERNAL_H
#define HABAR_TMX_INTERNAL_H

#include <stdio.h>

#include <habar/tmx.h>

/* Frees everything unit holds and zeroes it. */
void habar__tmx_unit_clear(struct habar_tmx_unit *unit);

/* Makes dst (zeroed by the caller) a deep copy of src.  Returns HABAR_OK
 * or HABAR_ERR_NOMEM (dst is cleared then). */
enum habar_status habar__tmx_unit_copy(struct habar_tmx_unit *dst,
    const struct habar_tmx_unit *src);

/* Stores in order[] the indices of unit's variants sorted by language:
 * the order of a unit's key, so that variant order does not matter. */
void habar__tmx_key_order(const struct habar_tmx_unit *unit, size_t *order);

/*
 * Makes *unit (owning its strings; free with habar__tmx_unit_clear()) of
 * the i-th sentence link of doc, with the release's date and id and the
 * link's confidence; a link of one language gives fewer than two
 * variants.  Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
enum habar_status habar__tmx_link_unit(const struct habar_parallel *doc,
    size_t i, struct habar_tmx_unit *unit);

/* Adds a unit read from a file to tmx unless its confidence is below the
 * memory's minimum (duplicates collapse as ever). */
enum habar_status habar__tmx_add_read(struct habar_tmx *tmx,
    const struct habar_tmx_unit *unit);

/* Whether a unit of this confidence is kept at minimum min. */
int habar__tmx_confident(double confidence, double min);

/* Writes the TMX declaration, <tmx> and the header, source language
 * srclang and creation date latest (or NULL), and opens <body>. */
void habar__tmx_write_head(FILE *fp, const char *srclang, const char *latest);

/* Writes one <tu>. */
void habar__tmx_write_unit(FILE *fp, const struct habar_tmx_unit *unit);

/* Closes <body> and <tmx>. */
void habar__tmx_write_tail(FILE *fp);

#endif

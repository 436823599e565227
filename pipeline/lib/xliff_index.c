/*
 * xliff_index.c: the index of a TMX translation memory on disk, so that a
 * memory of a million units serves "habar-xliff extract --fill" without
 * being parsed whole or scanned at every sentence.  The index is built
 * once by streaming the TMX (habar_tmx_reader_*: memory grows with the
 * number of units, not with the size of the XML), cached beside the
 * memory as FILE.idx (or in the user's cache directory, cache.c), and
 * mapped with mmap() on later runs, so that a run reads only the pages
 * its queries touch.
 *
 * The file (docs/habar-xliff.md, "Index") holds, after a fixed header:
 * the texts of the variants, each ending with a NUL; the language tags;
 * one record per unit (its first variant, whether it is trusted); one per
 * variant (its text, unit, language and count of words); the exact-match
 * table (a 64-bit hash of each variant's text with white space collapsed,
 * sorted); the dictionary of the fuzzy search (per language and token
 * hash, where its postings start, sorted); the postings (variant numbers,
 * ascending per token).  Numbers are in the byte order of the machine
 * that wrote the file, which the header records.
 *
 * The cache belongs to the memory of the size and modification time
 * (seconds and nanoseconds) its header records, and to this format
 * version; any other cache is rebuilt.  The header and the bounds of
 * every section are checked when the file is mapped, and every offset
 * and number read from it is checked again where it is used, so that a
 * damaged file gives wrong matches at worst, never a read outside it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <habar/tmx.h>

#include "cache_internal.h"
#include "grow_internal.h"
#include "xliff_internal.h"

#define XI_MAGIC "HBTMIDX"	/* 8 bytes with its NUL */
#define XI_VERSION 1u
#define XI_ORDER 0x01020304u
#define XI_LANG_BYTES 32	/* a language tag and its NUL */
#define XI_MAX_LANGS 256

struct xi_header {
	char magic[8];
	uint32_t version;
	uint32_t order;
	uint64_t source_size;
	int64_t source_sec, source_nsec;
	uint64_t file_size;
	uint64_t unit_count, variant_count, lang_count;
	uint64_t texts_off, texts_len;
	uint64_t langs_off, units_off, variants_off, exact_off;
	uint64_t dict_off, dict_count;
	uint64_t post_off, post_count;
	uint64_t words_off;	/* uint16_t per variant, as in its record */
	uint64_t reserved[3];
};

/* The layout docs/habar-xliff.md describes; a change is a new version. */
_Static_assert(sizeof(struct xi_header) == 184, "index header layout");

struct xi_lang {
	char tag[XI_LANG_BYTES];
	uint64_t variants;	/* how many variants are in this language */
};

struct xi_unit {
	uint32_t first;		/* its first variant; one more record ends */
	uint32_t flags;		/* XI_TRUSTED */
};

#define XI_TRUSTED 1u

struct xi_variant {
	uint64_t text_off;	/* in the texts */
	uint32_t text_len;	/* bytes, the NUL after them aside */
	uint32_t unit;
	uint16_t lang;
	uint16_t words;		/* words and numbers; 0: not fuzzy-matched */
	uint32_t pad;
};
_Static_assert(sizeof(struct xi_variant) == 24, "index variant layout");

struct xi_exact {
	uint64_t hash;		/* of the text, white space collapsed */
	uint32_t variant;
	uint32_t pad;
};

struct xi_dict {
	uint32_t lang;
	uint32_t hash;		/* habar__xl_token_keys() */
	uint64_t start;		/* in the postings; the next entry's ends */
};

struct xl_tmindex {
	const unsigned char *map;
	size_t map_len;
	const struct xi_header *h;
	const char *texts;
	const struct xi_lang *langs;
	const struct xi_unit *units;
	const struct xi_variant *variants;
	const struct xi_exact *exact;
	const struct xi_dict *dict;
	const uint32_t *post;
	const uint16_t *words;
	char *origin;
	uint32_t *shared, *touched;	/* per variant, during a query */
};

/* FNV-1a over 64 bits: the exact-match key. */
static uint64_t
hash64(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}


/* Whether a unit is trusted, by the rule of xliff_tmx_xml.c. */
static int
unit_trusted(const struct habar_tmx_unit *u, const char *header_tool)
{
	size_t i;

	if (u->confidence >= 0)
		return u->confidence >= HABAR_XLIFF_CONFIDENT;
	for (i = 0; i < u->attr_count; i++)
		if (strcmp(u->attrs[i].name, "creationtool") == 0)
			return !habar__xl_is_habar(u->attrs[i].value);
	return !habar__xl_is_habar(header_tool);
}

/* ---- Building ---- */

/* The token table of the build: (language, hash) to a count, then to a
 * dictionary entry.  Open addressing; the capacity is a power of two. */
struct slot {
	uint64_t key;		/* lang << 32 | hash, plus one: 0 is empty */
	uint64_t count;		/* postings, then the next one's place */
};

struct build {
	FILE *fp;
	uint64_t text_pos;
	struct xi_lang *langs;
	size_t lang_count, lang_cap;
	struct xi_unit *units;
	size_t unit_count, unit_cap;
	struct xi_variant *variants;
	size_t variant_count, variant_cap;
	struct xi_exact *exact;
	size_t exact_cap;
	uint32_t *keys;		/* each variant's distinct token hashes */
	size_t key_count, key_cap;
	uint64_t *key_first;	/* per variant, into keys; one more ends */
	size_t key_first_cap;
	struct slot *slots;
	size_t slot_cap, slot_used;
};

static enum habar_status
slot_grow(struct build *b)
{
	struct slot *old = b->slots, *grown;
	size_t old_cap = b->slot_cap, cap = old_cap ? old_cap * 2 : 1u << 16;
	size_t i, j;

	if (cap > SIZE_MAX / sizeof(*grown))
		return HABAR_ERR_LIMIT;
	if ((grown = calloc(cap, sizeof(*grown))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < old_cap; i++) {
		if (old[i].key == 0)
			continue;
		j = (size_t)(old[i].key * 0x9E3779B97F4A7C15ull >> 20) &
		    (cap - 1);
		while (grown[j].key != 0)
			j = (j + 1) & (cap - 1);
		grown[j] = old[i];
	}
	free(old);
	b->slots = grown;
	b->slot_cap = cap;
	return HABAR_OK;
}

/* The slot of key, made when missing (make), or NULL. */
static struct slot *
slot_find(struct build *b, uint64_t key, int make, enum habar_status *status)
{
	size_t j;

	*status = HABAR_OK;
	if (make && (b->slot_used + 1) * 2 > b->slot_cap &&
	    (*status = slot_grow(b)) != HABAR_OK)
		return NULL;
	if (b->slot_cap == 0)
		return NULL;
	j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (b->slot_cap - 1);
	while (b->slots[j].key != 0 && b->slots[j].key != key)
		j = (j + 1) & (b->slot_cap - 1);
	if (b->slots[j].key == 0) {
		if (!make)
			return NULL;
		b->slots[j].key = key;
		b->slot_used++;
	}
	return &b->slots[j];
}

/* The number of language tag lang, added when new; -1 when the tag is
 * too long or there are too many. */
static long
lang_id(struct build *b, const char *lang, enum habar_status *status)
{
	size_t i;

	*status = HABAR_OK;
	for (i = 0; i < b->lang_count; i++)
		if (strcmp(b->langs[i].tag, lang) == 0)
			return (long)i;
	if (strlen(lang) >= XI_LANG_BYTES || b->lang_count >= XI_MAX_LANGS)
		return -1;
	*status = habar__grow((void **)&b->langs, &b->lang_cap,
	    b->lang_count + 1, sizeof(*b->langs), 8);
	if (*status != HABAR_OK)
		return -1;
	memset(&b->langs[b->lang_count], 0, sizeof(*b->langs));
	memcpy(b->langs[b->lang_count].tag, lang, strlen(lang) + 1);
	return (long)b->lang_count++;
}

static enum habar_status
add_variant(struct build *b, const char *lang, const char *text)
{
	uint32_t keys[XL_MAX_TOKENS];
	size_t len = strlen(text), nkeys = 0, words = 0, i;
	enum habar_status status;
	struct xi_variant *v;
	struct slot *s;
	char *norm;
	long l;

	if ((l = lang_id(b, lang, &status)) < 0)
		return status;
	if (len > UINT32_MAX || b->variant_count >= UINT32_MAX - 1)
		return HABAR_ERR_LIMIT;
	if ((status = habar__grow((void **)&b->variants, &b->variant_cap,
	    b->variant_count + 1, sizeof(*b->variants), 1024)) != HABAR_OK ||
	    (status = habar__grow((void **)&b->exact, &b->exact_cap,
	    b->variant_count + 1, sizeof(*b->exact), 1024)) != HABAR_OK ||
	    (status = habar__grow((void **)&b->key_first, &b->key_first_cap,
	    b->variant_count + 2, sizeof(*b->key_first), 1024)) != HABAR_OK)
		return status;
	if ((norm = habar__xl_normalise(text, len)) == NULL)
		return HABAR_ERR_NOMEM;
	status = habar__xl_token_keys(norm, strlen(norm), keys, &nkeys,
	    &words);
	if (status == HABAR_ERR_LIMIT) {
		/* Too long to be a sentence's fuzzy match: exact only. */
		nkeys = words = 0;
		status = HABAR_OK;
	}
	b->exact[b->variant_count].hash = hash64(norm, strlen(norm));
	b->exact[b->variant_count].variant = (uint32_t)b->variant_count;
	b->exact[b->variant_count].pad = 0;
	free(norm);
	if (status != HABAR_OK)
		return status;
	if ((status = habar__grow((void **)&b->keys, &b->key_cap,
	    b->key_count + nkeys + 1, sizeof(*b->keys), 1u << 16)) != HABAR_OK)
		return status;
	for (i = 0; i < nkeys; i++) {
		s = slot_find(b, ((uint64_t)l << 32 | keys[i]) + 1, 1, &status);
		if (s == NULL)
			return status != HABAR_OK ? status : HABAR_ERR_NOMEM;
		s->count++;
		b->keys[b->key_count++] = keys[i];
	}
	b->key_first[b->variant_count + 1] = b->key_count;
	v = &b->variants[b->variant_count];
	memset(v, 0, sizeof(*v));
	v->text_off = b->text_pos;
	v->text_len = (uint32_t)len;
	v->unit = (uint32_t)(b->unit_count - 1);
	v->lang = (uint16_t)l;
	v->words = (uint16_t)(words > 65535 ? 65535 : words);
	b->langs[l].variants++;
	if (fwrite(text, 1, len + 1, b->fp) != len + 1)
		return HABAR_ERR_IO;
	b->text_pos += len + 1;
	b->variant_count++;
	return HABAR_OK;
}

static enum habar_status
add_unit(struct build *b, const struct habar_tmx_unit *u, const char *tool)
{
	enum habar_status status;
	size_t i, before = b->variant_count;

	if (b->unit_count >= UINT32_MAX - 1)
		return HABAR_ERR_LIMIT;
	if ((status = habar__grow((void **)&b->units, &b->unit_cap,
	    b->unit_count + 2, sizeof(*b->units), 1024)) != HABAR_OK)
		return status;
	b->units[b->unit_count].first = (uint32_t)b->variant_count;
	b->units[b->unit_count].flags = unit_trusted(u, tool) ? XI_TRUSTED : 0;
	b->unit_count++;
	for (i = 0; i < u->variant_count; i++)
		if ((status = add_variant(b, u->variants[i].lang,
		    u->variants[i].text)) != HABAR_OK)
			return status;
	if (b->variant_count == before)
		b->unit_count--;	/* no variant it could keep */
	return HABAR_OK;
}

static int
compare_exact(const void *a, const void *b)
{
	const struct xi_exact *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->variant > y->variant) - (x->variant < y->variant);
}

static int
compare_dict(const void *a, const void *b)
{
	const struct xi_dict *x = a, *y = b;

	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	return (x->hash > y->hash) - (x->hash < y->hash);
}

/* Writes len bytes, then zeros up to a multiple of 8; *pos advances. */
static int
put(FILE *fp, const void *data, size_t len, uint64_t *pos)
{
	static const char zero[8];
	size_t pad = (8 - (*pos + len) % 8) % 8;

	if ((len > 0 && fwrite(data, 1, len, fp) != len) ||
	    (pad > 0 && fwrite(zero, 1, pad, fp) != pad))
		return -1;
	*pos += len + pad;
	return 0;
}

/* The dictionary and postings, from the token table and key lists. */
static enum habar_status
write_postings(struct build *b, struct xi_header *h, uint64_t *pos)
{
	struct xi_dict *dict = NULL;
	uint32_t *post = NULL;
	uint64_t start = 0;
	enum habar_status status = HABAR_ERR_NOMEM;
	struct slot *s;
	size_t i, n = 0, v;
	uint64_t k;

	if ((dict = calloc(b->slot_used + 1, sizeof(*dict))) == NULL ||
	    (post = malloc((b->key_count + 1) * sizeof(*post))) == NULL)
		goto done;
	for (i = 0; i < b->slot_cap; i++) {
		if (b->slots[i].key == 0)
			continue;
		dict[n].lang = (uint32_t)((b->slots[i].key - 1) >> 32);
		dict[n].hash = (uint32_t)(b->slots[i].key - 1);
		dict[n].start = b->slots[i].count;	/* the count, for now */
		n++;
	}
	if (n > 0)
		qsort(dict, n, sizeof(*dict), compare_dict);
	for (i = 0; i < n; i++) {
		uint64_t count = dict[i].start;
		dict[i].start = start;
		s = slot_find(b, ((uint64_t)dict[i].lang << 32 | dict[i].hash) + 1,
		    0, &status);
		s->count = start;	/* where the next posting goes */
		start += count;
	}
	dict[n].lang = UINT32_MAX;
	dict[n].hash = UINT32_MAX;
	dict[n].start = start;
	/* Variants in order: each token's postings come out ascending. */
	for (v = 0; v < b->variant_count; v++)
		for (k = b->key_first[v]; k < b->key_first[v + 1]; k++) {
			s = slot_find(b, ((uint64_t)b->variants[v].lang << 32 |
			    b->keys[k]) + 1, 0, &status);
			post[s->count++] = (uint32_t)v;
		}
	status = HABAR_ERR_IO;
	h->dict_off = *pos;
	h->dict_count = n;
	if (put(b->fp, dict, (n + 1) * sizeof(*dict), pos) != 0)
		goto done;
	h->post_off = *pos;
	h->post_count = start;
	if (put(b->fp, post, start * sizeof(*post), pos) != 0)
		goto done;
	status = HABAR_OK;
done:
	free(dict);
	free(post);
	return status;
}

static void
build_free(struct build *b)
{
	free(b->langs);
	free(b->units);
	free(b->variants);
	free(b->exact);
	free(b->keys);
	free(b->key_first);
	free(b->slots);
}

/*
 * Builds the index of the TMX read from in into out (a new file), for a
 * memory of st's size and time.  *is_parallel_out is set (and nothing
 * built) when in is a parallel document.  Returns HABAR_OK, the reader's
 * errors (recorded on xliff), HABAR_ERR_IO, HABAR_ERR_LIMIT,
 * HABAR_ERR_NOMEM.
 */
static enum habar_status
build_index(struct habar_xliff *xliff, FILE *in, const struct stat *st,
    FILE *out, int *is_parallel_out)
{
	struct habar_tmx_reader *reader = NULL;
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;
	struct xi_header h;
	struct build b;
	enum habar_status status;
	uint64_t pos = 0;

	memset(&b, 0, sizeof(b));
	memset(&h, 0, sizeof(h));
	memset(&err, 0, sizeof(err));
	*is_parallel_out = 0;
	b.fp = out;
	if ((status = habar_tmx_reader_open(&reader, in, &err)) != HABAR_OK)
		goto failed;
	if (habar_tmx_reader_is_parallel(reader)) {
		*is_parallel_out = 1;
		goto done;
	}
	status = HABAR_ERR_IO;
	if (put(out, &h, sizeof(h), &pos) != 0)
		goto done;
	h.texts_off = pos;
	if ((status = habar__grow((void **)&b.key_first, &b.key_first_cap, 1,
	    sizeof(*b.key_first), 1024)) != HABAR_OK)
		goto done;
	b.key_first[0] = 0;
	for (;;) {
		if ((status = habar_tmx_reader_next(reader, &u, &err)) !=
		    HABAR_OK)
			goto failed;
		if (u == NULL)
			break;
		if ((status = add_unit(&b, u, habar_tmx_reader_tool(reader))) !=
		    HABAR_OK)
			goto done;
	}
	h.texts_len = b.text_pos;
	pos += b.text_pos;
	status = HABAR_ERR_IO;
	if (put(out, NULL, 0, &pos) != 0)
		goto done;
	if ((status = habar__grow((void **)&b.units, &b.unit_cap,
	    b.unit_count + 1, sizeof(*b.units), 1024)) != HABAR_OK)
		goto done;
	status = HABAR_ERR_IO;
	b.units[b.unit_count].first = (uint32_t)b.variant_count;
	b.units[b.unit_count].flags = 0;
	if (b.variant_count > 0)
		qsort(b.exact, b.variant_count, sizeof(*b.exact),
		    compare_exact);
	h.langs_off = pos;
	h.lang_count = b.lang_count;
	if (put(out, b.langs, b.lang_count * sizeof(*b.langs), &pos) != 0)
		goto done;
	h.units_off = pos;
	h.unit_count = b.unit_count;
	if (put(out, b.units, (b.unit_count + 1) * sizeof(*b.units), &pos) != 0)
		goto done;
	h.variants_off = pos;
	h.variant_count = b.variant_count;
	if (put(out, b.variants, b.variant_count * sizeof(*b.variants),
	    &pos) != 0)
		goto done;
	h.exact_off = pos;
	if (put(out, b.exact, b.variant_count * sizeof(*b.exact), &pos) != 0)
		goto done;
	if ((status = write_postings(&b, &h, &pos)) != HABAR_OK)
		goto done;
	status = HABAR_ERR_IO;
	/* The word counts again, packed: a query reads one per unit it
	 * meets, which should not pull in whole variant records. */
	h.words_off = pos;
	{
		uint16_t w[4096];
		size_t v, k = 0;

		for (v = 0; v < b.variant_count; v++) {
			w[k++] = b.variants[v].words;
			if (k == 4096 || v + 1 == b.variant_count) {
				if (fwrite(w, sizeof(*w), k, out) != k)
					goto done;
				pos += k * sizeof(*w);
				k = 0;
			}
		}
		if (put(out, NULL, 0, &pos) != 0)
			goto done;
	}
	memcpy(h.magic, XI_MAGIC, sizeof(h.magic));
	h.version = XI_VERSION;
	h.order = XI_ORDER;
	h.source_size = (uint64_t)st->st_size;
	h.source_sec = (int64_t)st->st_mtim.tv_sec;
	h.source_nsec = (int64_t)st->st_mtim.tv_nsec;
	h.file_size = pos;
	if (fflush(out) != 0 || fseeko(out, 0, SEEK_SET) != 0 ||
	    fwrite(&h, sizeof(h), 1, out) != 1 || fflush(out) != 0)
		goto done;
	status = HABAR_OK;
	goto done;
failed:
	habar__xl_fail(xliff, err.line, status, "%s", err.message[0] ?
	    err.message : habar_status_string(status));
done:
	habar_tmx_reader_close(reader);
	build_free(&b);
	return status;
}

/* ---- Reading ---- */

/* Whether [off, off + n * size) lies in a file of len bytes, 8-aligned. */
static int
section_ok(uint64_t off, uint64_t n, size_t size, uint64_t len)
{
	return off % 8 == 0 && off <= len && n <= (len - off) / size;
}

/* Maps the cache at path if it indexes the memory of st; NULL if not. */
static struct xl_tmindex *
map_cache(const char *path, const struct stat *st)
{
	struct xl_tmindex *idx = NULL;
	const struct xi_header *h;
	struct stat cs;
	void *map = MAP_FAILED;
	size_t i;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &cs) != 0 || !S_ISREG(cs.st_mode) ||
	    (uint64_t)cs.st_size < sizeof(*h) || (uint64_t)cs.st_size > SIZE_MAX)
		goto bad;
	map = mmap(NULL, (size_t)cs.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		goto bad;
	h = map;
	if (memcmp(h->magic, XI_MAGIC, sizeof(h->magic)) != 0 ||
	    h->version != XI_VERSION || h->order != XI_ORDER ||
	    h->file_size != (uint64_t)cs.st_size ||
	    h->source_size != (uint64_t)st->st_size ||
	    h->source_sec != (int64_t)st->st_mtim.tv_sec ||
	    h->source_nsec != (int64_t)st->st_mtim.tv_nsec ||
	    h->lang_count > XI_MAX_LANGS || h->unit_count >= UINT32_MAX ||
	    h->variant_count >= UINT32_MAX ||
	    !section_ok(h->texts_off, h->texts_len, 1, h->file_size) ||
	    !section_ok(h->langs_off, h->lang_count, sizeof(struct xi_lang),
	    h->file_size) ||
	    !section_ok(h->units_off, h->unit_count + 1,
	    sizeof(struct xi_unit), h->file_size) ||
	    !section_ok(h->variants_off, h->variant_count,
	    sizeof(struct xi_variant), h->file_size) ||
	    !section_ok(h->exact_off, h->variant_count,
	    sizeof(struct xi_exact), h->file_size) ||
	    h->dict_count >= UINT64_MAX / 2 ||
	    !section_ok(h->dict_off, h->dict_count + 1, sizeof(struct xi_dict),
	    h->file_size) ||
	    !section_ok(h->post_off, h->post_count, sizeof(uint32_t),
	    h->file_size) ||
	    h->words_off < sizeof(*h) ||
	    !section_ok(h->words_off, h->variant_count, sizeof(uint16_t),
	    h->file_size))
		goto bad;
	if ((idx = calloc(1, sizeof(*idx))) == NULL)
		goto bad;
	idx->map = map;
	idx->map_len = (size_t)cs.st_size;
	idx->h = h;
	idx->texts = (const char *)map + h->texts_off;
	idx->langs = (const void *)((const char *)map + h->langs_off);
	idx->units = (const void *)((const char *)map + h->units_off);
	idx->variants = (const void *)((const char *)map + h->variants_off);
	idx->exact = (const void *)((const char *)map + h->exact_off);
	idx->dict = (const void *)((const char *)map + h->dict_off);
	idx->post = (const void *)((const char *)map + h->post_off);
	idx->words = (const void *)((const char *)map + h->words_off);
	for (i = 0; i < h->lang_count; i++)
		if (memchr(idx->langs[i].tag, '\0', XI_LANG_BYTES) == NULL)
			goto bad;
	close(fd);
	return idx;
bad:
	free(idx);
	if (map != MAP_FAILED)
		munmap(map, (size_t)cs.st_size);
	close(fd);
	return NULL;
}

void
habar__xl_tmindex_close(struct xl_tmindex *idx)
{
	if (idx == NULL)
		return;
	munmap((void *)idx->map, idx->map_len);
	free(idx->origin);
	free(idx->shared);
	free(idx->touched);
	free(idx);
}

/* Builds the cache at cache from the memory open as in; 0 when done. */
static enum habar_status
write_cache(struct habar_xliff *xliff, FILE *in, const struct stat *st,
    const char *cache, int *is_parallel_out, int *written_out)
{
	char tmp[PATH_MAX + 32];
	enum habar_status status;
	FILE *out;
	int fd;

	*written_out = 0;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.%ld~", cache,
	    (long)getpid()) >= sizeof(tmp))
		return HABAR_OK;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) <
	    0)
		return HABAR_OK;
	if ((out = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		return HABAR_OK;
	}
	status = build_index(xliff, in, st, out, is_parallel_out);
	if (fclose(out) != 0 && status == HABAR_OK)
		status = HABAR_ERR_IO;
	if (status != HABAR_OK || *is_parallel_out) {
		unlink(tmp);
		/* A cache that cannot be written is no error: the memory
		 * is read whole instead. */
		return status == HABAR_ERR_IO ? HABAR_OK : status;
	}
	if (rename(tmp, cache) != 0) {
		unlink(tmp);
		return HABAR_OK;
	}
	*written_out = 1;
	return HABAR_OK;
}

enum habar_status
habar__xl_tmindex_get(struct habar_xliff *xliff, const char *path,
    int build, struct xl_tmindex **idx_out, int *built_out)
{
	char beside[PATH_MAX], other[PATH_MAX];
	const char *caches[2];
	size_t ncaches = 0, i, first;
	enum habar_status status = HABAR_OK;
	struct stat st;
	FILE *in;
	int parallel = 0, written = 0;

	*idx_out = NULL;
	if (built_out != NULL)
		*built_out = 0;
	if ((in = fopen(path, "rb")) == NULL || fstat(fileno(in), &st) != 0 ||
	    !S_ISREG(st.st_mode)) {
		if (in != NULL)
			fclose(in);
		return HABAR_OK;	/* read as before, which says why */
	}
	if ((size_t)snprintf(beside, sizeof(beside), "%s.idx", path) <
	    sizeof(beside))
		caches[ncaches++] = beside;
	first = ncaches > 0 && build != 2 && !habar__cache_beside() ? 1 : 0;
	if (habar__cache_elsewhere(path, ".idx", other, sizeof(other)) == 0)
		caches[ncaches++] = other;
	for (i = 0; i < ncaches && *idx_out == NULL; i++)
		*idx_out = map_cache(caches[i], &st);
	for (i = first; i < ncaches && *idx_out == NULL && build; i++) {
		if (fseeko(in, 0, SEEK_SET) != 0)
			break;
		status = write_cache(xliff, in, &st, caches[i], &parallel,
		    &written);
		if (status != HABAR_OK || parallel)
			break;
		if (written) {
			*idx_out = map_cache(caches[i], &st);
			if (built_out != NULL)
				*built_out = *idx_out != NULL;
		}
	}
	fclose(in);
	if (*idx_out != NULL) {
		const char *base = strrchr(path, '/');
		if (((*idx_out)->origin = strdup(base ? base + 1 : path)) ==
		    NULL) {
			habar__xl_tmindex_close(*idx_out);
			*idx_out = NULL;
			return HABAR_ERR_NOMEM;
		}
	}
	return status;
}

size_t
habar__xl_tmindex_units(const struct xl_tmindex *idx)
{
	return (size_t)idx->h->unit_count;
}

size_t
habar__xl_tmindex_variants(const struct xl_tmindex *idx)
{
	return (size_t)idx->h->variant_count;
}

const char *
habar__xl_tmindex_origin(const struct xl_tmindex *idx)
{
	return idx->origin;
}

size_t
habar__xl_tmindex_langs(const struct xl_tmindex *idx)
{
	return (size_t)idx->h->lang_count;
}

const char *
habar__xl_tmindex_lang(const struct xl_tmindex *idx, size_t lang,
    size_t *variants_out)
{
	*variants_out = (size_t)idx->langs[lang].variants;
	return idx->langs[lang].tag;
}

size_t
habar__xl_tmindex_words(const struct xl_tmindex *idx, size_t variant)
{
	return variant < idx->h->variant_count ? idx->words[variant] : 0;
}

const char *
habar__xl_tmindex_text(const struct xl_tmindex *idx, size_t variant,
    size_t *len_out, size_t *words_out, size_t *unit_out)
{
	const struct xi_variant *v;

	if (variant >= idx->h->variant_count)
		return NULL;
	v = &idx->variants[variant];
	if (v->text_off > idx->h->texts_len ||
	    v->text_len >= idx->h->texts_len - v->text_off ||
	    idx->texts[v->text_off + v->text_len] != '\0' ||
	    v->unit >= idx->h->unit_count || v->lang >= idx->h->lang_count)
		return NULL;
	*len_out = v->text_len;
	if (words_out != NULL)
		*words_out = v->words;
	if (unit_out != NULL)
		*unit_out = v->unit;
	return idx->texts + v->text_off;
}

/* The language tag of a variant, or NULL when its record is damaged. */
static const char *
variant_lang(const struct xl_tmindex *idx, size_t variant)
{
	size_t len;

	if (habar__xl_tmindex_text(idx, variant, &len, NULL, NULL) == NULL)
		return NULL;
	return idx->langs[idx->variants[variant].lang].tag;
}

const char *
habar__xl_tmindex_target(const struct xl_tmindex *idx, size_t unit,
    const char *trg, int *trusted_out)
{
	size_t v, first, end, len;
	const char *lang, *text;

	if (unit >= idx->h->unit_count)
		return NULL;
	first = idx->units[unit].first;
	end = idx->units[unit + 1].first;
	if (first > end || end > idx->h->variant_count)
		return NULL;
	if (trusted_out != NULL)
		*trusted_out = (idx->units[unit].flags & XI_TRUSTED) != 0;
	for (v = first; v < end; v++) {
		if ((lang = variant_lang(idx, v)) == NULL ||
		    !habar__xl_lang_matches(lang, trg))
			continue;
		text = habar__xl_tmindex_text(idx, v, &len, NULL, NULL);
		if (text != NULL && len > 0)
			return text;
	}
	return NULL;
}

int
habar__xl_tmindex_find(const struct xl_tmindex *idx, const char *src,
    const char *trg, const char *text, size_t len, int norm_only,
    struct xl_candidate *cand)
{
	char *key = NULL, *other = NULL;
	size_t lo = 0, hi, i, tlen, unit;
	const char *t, *target, *lang;
	uint64_t h;
	int found = 0, trusted;

	if ((key = habar__xl_normalise(text, len)) == NULL)
		return 0;
	h = hash64(key, strlen(key));
	hi = (size_t)idx->h->variant_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (idx->exact[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < idx->h->variant_count && idx->exact[i].hash == h;
	    i++) {
		size_t v = idx->exact[i].variant;
		int same;
		if ((t = habar__xl_tmindex_text(idx, v, &tlen, NULL, &unit)) ==
		    NULL || (lang = variant_lang(idx, v)) == NULL ||
		    !habar__xl_lang_matches(lang, src))
			continue;
		if (norm_only) {
			free(other);
			if ((other = habar__xl_normalise(t, tlen)) == NULL)
				break;
			same = strcmp(other, key) == 0;
		} else
			same = tlen == len && memcmp(t, text, len) == 0;
		if (!same || (target = habar__xl_tmindex_target(idx, unit, trg,
		    &trusted)) == NULL)
			continue;
		if (!found || (!norm_only && trusted && !cand->trusted)) {
			memset(cand, 0, sizeof(*cand));
			cand->source = t;
			cand->target = target;
			cand->origin = idx->origin;
			cand->similarity = 100;
			cand->exact = 1;
			/* TMX variants are single sentences. */
			cand->trusted = !norm_only && trusted;
			cand->sentences = 1;
			found = 1;
			if (cand->trusted)
				break;
		}
	}
	free(other);
	free(key);
	return found;
}

const uint32_t *
habar__xl_tmindex_postings(const struct xl_tmindex *idx, size_t lang,
    uint32_t hash, size_t *count_out)
{
	size_t lo = 0, hi = (size_t)idx->h->dict_count;
	const struct xi_dict *d;

	*count_out = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		d = &idx->dict[mid];
		if (d->lang < lang || (d->lang == lang && d->hash < hash))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= idx->h->dict_count)
		return NULL;
	d = &idx->dict[lo];
	if (d->lang != lang || d->hash != hash || d->start > d[1].start ||
	    d[1].start > idx->h->post_count)
		return NULL;
	*count_out = (size_t)(d[1].start - d->start);
	return idx->post + d->start;
}

enum habar_status
habar__xl_tmindex_scratch(struct xl_tmindex *idx, uint32_t **shared_out,
    uint32_t **touched_out)
{
	size_t n = (size_t)idx->h->variant_count + 1;

	if (idx->shared == NULL) {
		if ((idx->shared = calloc(n, sizeof(*idx->shared))) == NULL ||
		    (idx->touched = calloc(n, sizeof(*idx->touched))) ==
		    NULL) {
			free(idx->shared);
			idx->shared = NULL;
			return HABAR_ERR_NOMEM;
		}
	}
	*shared_out = idx->shared;
	*touched_out = idx->touched;
	return HABAR_OK;
}

/*
 * xliff_memory.c: the translation memory behind "habar-xliff extract
 * --fill": units of sentences in several languages, loaded from a TMX file
 * (xliff_tmx_xml.c) or from the sentence links of a parallel document, and
 * looked up by the exact text of a source sentence, then by its text with
 * white space collapsed.
 *
 * An exact match in a trusted unit (a TMX unit, a confident alignment
 * link) between a single sentence and its translation (1-1, 1-2, 2-1 for
 * the two languages concerned) gives a target in state "translated"; any
 * other match gives state "initial", for a translator to check.
 */
#include <stdlib.h>
#include <string.h>

#include <habar/parallel.h>

#include "grow_internal.h"
#include "xliff_internal.h"

char *
habar__xl_normalise(const char *text, size_t len)
{
	char *out = malloc(len + 1), *w = out;
	size_t i;
	int space = 0;

	if (out == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		char c = text[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && w > out)
			*w++ = ' ';
		space = 0;
		*w++ = c;
	}
	*w = '\0';
	return out;
}

/*
 * Starts a new unit of the memory; the variants added next belong to it.
 * Returns HABAR_OK, HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status
habar__xl_memory_begin(struct xl_memory *memory, int trusted)
{
	if (memory->tu_count == memory->tu_cap) {
		size_t cap = memory->tu_cap ? memory->tu_cap * 2 : 256;
		size_t *first;
		unsigned char *flags;
		unsigned short *origin;
		if (cap > HABAR_XLIFF_MAX_INPUT / 16)
			return HABAR_ERR_LIMIT;
		if ((first = realloc(memory->tu_first, cap * sizeof(*first))) == NULL)
			return HABAR_ERR_NOMEM;
		memory->tu_first = first;
		if ((flags = realloc(memory->tu_trusted, cap)) == NULL)
			return HABAR_ERR_NOMEM;
		memory->tu_trusted = flags;
		if ((origin = realloc(memory->tu_origin, cap *
		    sizeof(*origin))) == NULL)
			return HABAR_ERR_NOMEM;
		memory->tu_origin = origin;
		memory->tu_cap = cap;
	}
	memory->tu_first[memory->tu_count] = memory->count;
	memory->tu_trusted[memory->tu_count] = trusted != 0;
	memory->tu_origin[memory->tu_count] = memory->origin_count > 0 ?
	    (unsigned short)(memory->origin_count - 1) : 0;
	memory->tu_count++;
	return HABAR_OK;
}

/*
 * Adds the variant of the current unit in language lang, the text of
 * sentences sentences.  Returns HABAR_OK, HABAR_ERR_ARGUMENT before
 * habar__xl_memory_begin(), HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status
habar__xl_memory_add(struct xl_memory *memory, const char *lang,
    const char *text, size_t len, size_t sentences)
{
	struct xl_tuv *tuv;
	enum habar_status status;

	if (memory->tu_count == 0)
		return HABAR_ERR_ARGUMENT;
	/* The capacity doubles from 512 up to this power of two exactly. */
	if (memory->count >= HABAR_XLIFF_MAX_INPUT / 16)
		return HABAR_ERR_LIMIT;
	status = habar__grow((void **)&memory->tuvs, &memory->cap,
	    memory->count + 1, sizeof(*memory->tuvs), 512);
	if (status != HABAR_OK)
		return status;
	tuv = &memory->tuvs[memory->count];
	tuv->tu = memory->tu_count - 1;
	tuv->lang = strdup(lang);
	tuv->text = strndup(text, len);
	tuv->norm = habar__xl_normalise(text, len);
	tuv->sentences = sentences;
	if (tuv->lang == NULL || tuv->text == NULL || tuv->norm == NULL) {
		free(tuv->lang);
		free(tuv->text);
		free(tuv->norm);
		return HABAR_ERR_NOMEM;
	}
	memory->count++;
	memory->sorted = 0;
	habar__xl_index_free(memory->index);
	memory->index = NULL;
	return HABAR_OK;
}

void
habar__xl_memory_free(struct xl_memory *memory)
{
	size_t i;

	for (i = 0; i < memory->count; i++) {
		free(memory->tuvs[i].lang);
		free(memory->tuvs[i].text);
		free(memory->tuvs[i].norm);
	}
	for (i = 0; i < memory->origin_count; i++)
		free(memory->origins[i]);
	free(memory->origins);
	habar__xl_index_free(memory->index);
	for (i = 0; i < memory->index_count; i++)
		habar__xl_tmindex_close(memory->indexes[i]);
	free(memory->indexes);
	free(memory->tuvs);
	free(memory->tu_first);
	free(memory->tu_trusted);
	free(memory->tu_origin);
	free(memory->by_text);
	free(memory->by_norm);
	memset(memory, 0, sizeof(*memory));
}

/* qsort has no context argument: the memory being sorted. */
static const struct xl_memory *sorting;

static int
compare_text(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sorting->tuvs[i].text, sorting->tuvs[j].text);

	return c != 0 ? c : (i > j) - (i < j);
}

static int
compare_norm(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sorting->tuvs[i].norm, sorting->tuvs[j].norm);

	return c != 0 ? c : (i > j) - (i < j);
}

static enum habar_status
sort_memory(struct xl_memory *memory)
{
	size_t i;

	free(memory->by_text);
	free(memory->by_norm);
	memory->by_text = malloc((memory->count + 1) * sizeof(size_t));
	memory->by_norm = malloc((memory->count + 1) * sizeof(size_t));
	if (memory->by_text == NULL || memory->by_norm == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < memory->count; i++)
		memory->by_text[i] = memory->by_norm[i] = i;
	sorting = memory;
	qsort(memory->by_text, memory->count, sizeof(size_t), compare_text);
	qsort(memory->by_norm, memory->count, sizeof(size_t), compare_norm);
	sorting = NULL;
	memory->sorted = 1;
	return HABAR_OK;
}

const struct xl_tuv *
habar__xl_memory_variant(const struct xl_memory *memory, size_t tu,
    const char *trg)
{
	size_t i, end = tu + 1 < memory->tu_count ? memory->tu_first[tu + 1] :
	    memory->count;

	for (i = memory->tu_first[tu]; i < end; i++)
		if (habar__xl_lang_matches(memory->tuvs[i].lang, trg) &&
		    memory->tuvs[i].text[0] != '\0')
			return &memory->tuvs[i];
	return NULL;
}

/*
 * Looks key up in index (sorted by text or by norm, as norm says) and
 * returns the target of the first matching unit, preferring trusted ones.
 */
static const char *
lookup(const struct xl_memory *memory, const size_t *index, int norm,
    const char *src, const char *trg, const char *key, int *trusted_out,
    size_t *tu_out)
{
	size_t lo = 0, hi = memory->count, i;
	const char *found = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct xl_tuv *t = &memory->tuvs[index[mid]];
		if (strcmp(norm ? t->norm : t->text, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < memory->count; i++) {
		const struct xl_tuv *t = &memory->tuvs[index[i]], *target;
		if (strcmp(norm ? t->norm : t->text, key) != 0)
			break;
		if (!habar__xl_lang_matches(t->lang, src))
			continue;
		if ((target = habar__xl_memory_variant(memory, t->tu, trg)) == NULL)
			continue;
		if (!norm && memory->tu_trusted[t->tu] &&
		    (t->sentences == 1 || target->sentences == 1)) {
			*trusted_out = 1;
			*tu_out = t->tu;
			return target->text;
		}
		if (found == NULL) {
			found = target->text;
			*tu_out = t->tu;
		}
	}
	return found;
}

const char *
habar__xl_memory_find(struct xl_memory *memory, const char *src,
    const char *trg, const char *text, size_t len, int *trusted_out,
    size_t *tu_out)
{
	const char *target;
	char *key;

	*trusted_out = 0;
	if (memory->count == 0)
		return NULL;
	if (!memory->sorted && sort_memory(memory) != HABAR_OK)
		return NULL;
	if ((key = strndup(text, len)) == NULL)
		return NULL;
	target = lookup(memory, memory->by_text, 0, src, trg, key, trusted_out,
	    tu_out);
	free(key);
	if (target != NULL)
		return target;
	if ((key = habar__xl_normalise(text, len)) == NULL)
		return NULL;
	target = lookup(memory, memory->by_norm, 1, src, trg, key, trusted_out,
	    tu_out);
	free(key);
	return target;
}

int
habar__xl_memory_empty(const struct xl_memory *memory)
{
	size_t i;

	for (i = 0; i < memory->index_count; i++)
		if (habar__xl_tmindex_units(memory->indexes[i]) > 0)
			return 0;
	return memory->count == 0;
}

int
habar__xl_memory_exact(struct xl_memory *memory, const char *src,
    const char *trg, const char *text, size_t len, struct xl_candidate *cand)
{
	const char *target = NULL;
	size_t tu = 0, k, i;
	int trusted = 0, pass;

	if (memory->count > 0)
		target = habar__xl_memory_find(memory, src, trg, text, len,
		    &trusted, &tu);
	if (target != NULL) {
		memset(cand, 0, sizeof(*cand));
		cand->source = memory->tuvs[memory->tu_first[tu]].text;
		for (k = memory->tu_first[tu]; k < memory->count &&
		    memory->tuvs[k].tu == tu; k++)
			if (habar__xl_lang_matches(memory->tuvs[k].lang, src))
				cand->source = memory->tuvs[k].text;
		cand->target = target;
		cand->origin = memory->origin_count > 0 ?
		    memory->origins[memory->tu_origin[tu]] : "";
		cand->similarity = 100;
		cand->exact = 1;
		cand->trusted = trusted;
		cand->sentences = 1;
		return 1;
	}
	/* The text itself in any index, then white space aside. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < memory->index_count; i++)
			if (habar__xl_tmindex_find(memory->indexes[i], src, trg,
			    text, len, pass, cand))
				return 1;
	return 0;
}

/* Adds one unit holding, for each language, the text of its run. */
static enum habar_status
add_link(struct xl_memory *memory, const struct habar_parallel *doc,
    const struct habar_parallel_link *link, int trusted)
{
	enum habar_status status;
	size_t li;

	if ((status = habar__xl_memory_begin(memory, trusted)) != HABAR_OK)
		return status;
	for (li = 0; li < doc->language_count; li++) {
		char *text;
		size_t len;
		if (link->sides[li].count == 0)
			continue;
		status = habar_parallel_run_text(doc, li, &link->sides[li], &text,
		    &len);
		if (status != HABAR_OK)
			return status;
		status = habar__xl_memory_add(memory, doc->languages[li].lang,
		    text, len, link->sides[li].count);
		free(text);
		if (status != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

/* Adds one unit per front-matter key found in several languages. */
static enum habar_status
add_fields(struct xl_memory *memory, const struct habar_parallel *doc)
{
	const struct habar_parallel_language *first = &doc->languages[0];
	enum habar_status status;
	size_t f, li;

	for (f = 0; f < first->field_count; f++) {
		const char *key = first->fields[f].key;
		if ((status = habar__xl_memory_begin(memory, 1)) != HABAR_OK)
			return status;
		for (li = 0; li < doc->language_count; li++) {
			const char *value = habar_parallel_field(doc, li, key);
			if (value == NULL)
				continue;
			status = habar__xl_memory_add(memory,
			    doc->languages[li].lang, value, strlen(value), 1);
			if (status != HABAR_OK)
				return status;
		}
	}
	return HABAR_OK;
}

/*
 * Loads the sentence links and the front-matter fields of the parallel
 * document in data[0..len).  A link is trusted when the aligner's
 * confidence is at least HABAR_XLIFF_CONFIDENT.  Returns HABAR_OK,
 * HABAR_ERR_INPUT (with the reader's message and line), HABAR_ERR_LIMIT,
 * HABAR_ERR_NOMEM.
 */
enum habar_status
habar__xl_memory_load_parallel(struct habar_xliff *xliff, const char *data,
    size_t len)
{
	struct habar_parallel *doc = NULL;
	struct habar_parallel_error err;
	enum habar_status status;
	size_t i, li;

	memset(&err, 0, sizeof(err));
	status = habar_parallel_read(&doc, data, len, &err);
	if (status != HABAR_OK)
		return habar__xl_fail(xliff, err.line, status, "%s",
		    err.message[0] ? err.message : habar_status_string(status));
	if (doc->language_count > 0 &&
	    (status = add_fields(&xliff->memory, doc)) != HABAR_OK)
		goto done;
	for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
		const struct habar_parallel_link *link =
		    &doc->links[HABAR_PARALLEL_SENTENCES][i];
		size_t present = 0;
		for (li = 0; li < doc->language_count; li++)
			present += link->sides[li].count > 0;
		if (present < 2)
			continue;
		status = add_link(&xliff->memory, doc, link,
		    link->confidence >= HABAR_XLIFF_CONFIDENT);
		if (status != HABAR_OK)
			goto done;
	}
done:
	habar_parallel_free(doc);
	if (status != HABAR_OK)
		return habar__xl_fail(xliff, 0, status,
		    "cannot load the parallel document: %s",
		    habar_status_string(status));
	return HABAR_OK;
}

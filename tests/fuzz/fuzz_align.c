/*
 * fuzz_align.c: the aligner on arbitrary text.  The input's first byte
 * chooses the reading (bit 0: a sentence a line, as --segmented) and the
 * number of languages (bit 1: three); the rest is split at NUL bytes into
 * the bodies of English, Russian and Kazakh releases.  Whatever the text,
 * loading, aligning and writing every pair's links must neither crash nor
 * leave a language's sentence outside the links.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/align.h>
#include <habar/parallel.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longer inputs teach nothing new and slow the run down. */
#define INPUT_MAX (64 * 1024)

static const char *const langs[3] = { "en", "ru", "kk" };

/* Loads one release of language lang whose body is text[0..len). */
static enum habar_status
load(struct habar_align *align, struct habar_parallel *doc,
    const char *lang, const uint8_t *text, size_t len,
    enum habar_align_input input)
{
	char *buf;
	size_t head;
	FILE *fp;
	enum habar_status status;

	if ((buf = malloc(len + 64)) == NULL)
		return HABAR_ERR_NOMEM;
	head = (size_t)snprintf(buf, 64, "---\nid: f\nlang: %s\n---\n\n",
	    lang);
	memcpy(buf + head, text, len);
	if ((fp = fmemopen(buf, head + len, "r")) == NULL) {
		free(buf);
		return HABAR_ERR_NOMEM;
	}
	status = habar_align_load(align, doc, fp, input);
	fclose(fp);
	free(buf);
	return status;
}

/* Every sentence of language l is in exactly one link's run. */
static void
check_cover(const struct habar_parallel *doc, size_t l)
{
	const struct habar_parallel_run *run;
	size_t i, next = 0;

	for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
		run = &doc->links[HABAR_PARALLEL_SENTENCES][i].sides[l];
		if (run->count > 0 && run->first != next)
			abort();
		next += run->count;
	}
	if (next != doc->languages[l].sentence_count)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct habar_align *align;
	struct habar_parallel *doc = NULL;
	enum habar_align_input input;
	const uint8_t *part, *end, *nul;
	size_t nl, l, b;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	if (size < 1 || size > INPUT_MAX)
		return 0;
	if (align == NULL && habar_align_new(&align) != HABAR_OK)
		abort();
	input = (data[0] & 1) ? HABAR_ALIGN_SEGMENTED : HABAR_ALIGN_SEGMENT;
	nl = (data[0] & 2) ? 3 : 2;
	if (habar_parallel_new(&doc) != HABAR_OK)
		return 0;
	part = data + 1;
	end = data + size;
	for (l = 0; l < nl; l++) {
		nul = memchr(part, '\0', (size_t)(end - part));
		if (nul == NULL)
			nul = end;
		if (load(align, doc, langs[l], part, (size_t)(nul - part),
		    input) != HABAR_OK)
			goto done;
		part = nul < end ? nul + 1 : end;
	}
	if (habar_align_document(align, doc) != HABAR_OK)
		goto done;
	for (l = 0; l < nl; l++)
		check_cover(doc, l);
	if ((fp = open_memstream(&out, &len)) == NULL)
		goto done;
	for (l = 0; l < nl; l++)
		for (b = l + 1; b < nl; b++)
			if (habar_align_write_pair(align, doc, l, b, fp) !=
			    HABAR_OK)
				abort();
	fclose(fp);
done:
	free(out);
	habar_parallel_free(doc);
	return 0;
}

/*
 * fuzz_tmx.c: the streaming TMX reader and the writer habar-tmx merges
 * with, on arbitrary bytes.  Every unit read goes through the writer
 * (all languages, and cut to the pair en-kk); what the writer writes must
 * read back as the same number of units, and read back into a writer
 * again must all be duplicates.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/tmx.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feeds every unit of xml to w; returns the units read, or -1. */
static long
feed(const char *xml, size_t len, struct habar_tmx_writer *w, size_t *added)
{
	struct habar_tmx_reader *r;
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;
	long n = 0;
	int a;

	*added = 0;
	if (habar_tmx_reader_open_memory(&r, xml, len, &err) != HABAR_OK)
		return -1;
	while (habar_tmx_reader_next(r, &u, &err) == HABAR_OK && u != NULL) {
		n++;
		if (habar_tmx_writer_add(w, u, &a) == HABAR_OK && a)
			(*added)++;
	}
	habar_tmx_reader_close(r);
	return n;
}

static void
round_trip(const uint8_t *data, size_t size,
    const struct habar_tmx_writer_options *opt)
{
	struct habar_tmx_writer *w = NULL, *again = NULL;
	char *out = NULL;
	size_t len = 0, added, added2;
	long back;
	FILE *fp;

	if (habar_tmx_writer_new(&w, opt) != HABAR_OK)
		return;
	if (feed((const char *)data, size, w, &added) < 0 ||
	    (fp = open_memstream(&out, &len)) == NULL)
		goto done;
	if (habar_tmx_writer_finish(w, fp) != HABAR_OK)
		abort();
	fclose(fp);
	if (habar_tmx_writer_new(&again, opt) != HABAR_OK)
		goto done;
	/* What was written reads back, unit for unit, and adds nothing
	 * new to a writer that has it (duplicates only). */
	back = feed(out, len, again, &added2);
	if (back != (long)added || added2 != added)
		abort();
	if (feed(out, len, again, &added2) != back || added2 != 0)
		abort();
done:
	habar_tmx_writer_free(w);
	habar_tmx_writer_free(again);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct habar_tmx_writer_options opt;

	memset(&opt, 0, sizeof(opt));
	round_trip(data, size, &opt);
	opt.pair[0] = "en";
	opt.pair[1] = "kk";
	round_trip(data, size, &opt);
	return 0;
}

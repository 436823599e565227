/*
 * fuzz_parallel.c: the parallel XML reader (and the TMX reader behind
 * habar-tmx, which shares its hardened parse) on arbitrary bytes.  A
 * document that reads must write out and read back the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/parallel.h>
#include <habar/tmx.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct habar_parallel *doc = NULL, *back = NULL;
	struct habar_parallel_error err;
	struct habar_tmx *tmx = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	if (habar_parallel_read(&doc, (const char *)data, size, &err) ==
	    HABAR_OK) {
		fp = open_memstream(&out, &len);
		if (fp != NULL) {
			habar_parallel_write(doc, fp);
			fclose(fp);
			if (habar_parallel_read(&back, out, len, &err) != HABAR_OK)
				abort();	/* what we write we must read */
			if (back->link_count[1] != doc->link_count[1])
				abort();
		}
	}
	if (habar_tmx_new(&tmx) == HABAR_OK) {
		habar_tmx_add_xml(tmx, (const char *)data, size, &err);
		habar_tmx_free(tmx);
	}
	habar_parallel_free(back);
	habar_parallel_free(doc);
	free(out);
	return 0;
}

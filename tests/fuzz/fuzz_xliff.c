/*
 * fuzz_xliff.c: the XLIFF reader behind "habar-xliff merge" and the
 * memory reader behind "--fill" (TMX or parallel XML) on arbitrary bytes.
 * Neither may crash, hang, leak or read out of bounds; a merge that
 * succeeds must also be repeatable with the same result.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/xliff.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum habar_status
merge(const char *xml, size_t len, char **out, size_t *out_len)
{
	struct habar_xliff *x = NULL;
	enum habar_status status;
	FILE *fp;

	*out = NULL;
	*out_len = 0;
	if ((fp = open_memstream(out, out_len)) == NULL)
		return HABAR_ERR_NOMEM;
	if ((status = habar_xliff_new(&x)) == HABAR_OK)
		status = habar_xliff_merge(x, fp, xml, len);
	fclose(fp);
	habar_xliff_free(x);
	return status;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *xml = (const char *)data;
	struct habar_xliff *x = NULL;
	char *first, *second;
	size_t first_len, second_len;

	if (merge(xml, size, &first, &first_len) == HABAR_OK) {
		if (merge(xml, size, &second, &second_len) != HABAR_OK ||
		    second_len != first_len ||
		    memcmp(first, second, first_len) != 0)
			abort();
		free(second);
	}
	free(first);
	if (habar_xliff_new(&x) == HABAR_OK)
		habar_xliff_load_memory(x, xml, size);
	habar_xliff_free(x);
	return 0;
}

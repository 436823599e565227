/*
 * fuzz_release.c: libFuzzer target of the release reader, whose front
 * matter is parsed as YAML.  Besides the sanitizers' own checks, the
 * reader must be stable: the lines it hands out, read again, are handed
 * out unchanged, with the same fields (what a filter writes is what the
 * next filter reads).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/release.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads text[0..len) whole: the lines handed out, each ended by "\n",
 * into a new buffer *out; the reader in *release_out.  Returns the
 * status that ended the reading. */
static enum habar_status
read_all(const char *text, size_t len, char **out, size_t *out_len,
    struct habar_release **release_out)
{
	FILE *in = fmemopen((void *)text, len, "r");
	FILE *w = open_memstream(out, out_len);
	struct habar_release_line line;
	enum habar_status status;

	if (in == NULL || w == NULL ||
	    habar_release_new(release_out, in, 1 << 16) != HABAR_OK)
		abort();
	while ((status = habar_release_next(*release_out, &line)) == HABAR_OK) {
		if (line.kind == HABAR_LINE_FIELD &&
		    (line.key < line.text || line.value < line.text ||
		    line.value + line.value_len > line.text + line.len))
			abort();
		fwrite(line.text, 1, line.len, w);
		putc('\n', w);
	}
	fclose(w);
	fclose(in);
	return status;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct habar_release *first = NULL, *second = NULL;
	char *text, *once = NULL, *twice = NULL;
	size_t once_len = 0, twice_len = 0, i, n;

	/* A copy of exactly the right size, so that ASan sees any read
	 * past the end. */
	if ((text = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(text, data, size);
	if (read_all(text, size, &once, &once_len, &first) != HABAR_END)
		goto done;
	/* A second byte order mark opening the text would be dropped by
	 * the second reading, which then reads other text (as for
	 * fuzz_norm without the invisible rule). */
	if (once_len >= 3 && memcmp(once, "\xEF\xBB\xBF", 3) == 0)
		goto done;
	if (read_all(once, once_len, &twice, &twice_len, &second) !=
	    HABAR_END) {
		fprintf(stderr, "second reading failed: %s\n%.*s\n",
		    habar_release_error(second), (int)once_len, once);
		abort();
	}
	n = habar_release_field_count(first);
	if (n != habar_release_field_count(second))
		abort();
	for (i = 0; i < n; i++) {
		const char *k1, *v1, *k2, *v2;

		habar_release_field_at(first, i, &k1, &v1);
		habar_release_field_at(second, i, &k2, &v2);
		if (strcmp(k1, k2) != 0 || strcmp(v1, v2) != 0) {
			fprintf(stderr, "field %s: '%s' became '%s'\n", k1,
			    v1, v2);
			abort();
		}
	}
done:
	habar_release_free(first);
	habar_release_free(second);
	free(once);
	free(twice);
	free(text);
	return 0;
}

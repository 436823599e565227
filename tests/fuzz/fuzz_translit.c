/*
 * fuzz_translit.c: habar-translit's library on arbitrary bytes.  The
 * first byte picks the direction and --all; the rest is converted once as
 * a single line and once as a whole release (front matter included).  The
 * four converters are made once: compiling the rules is the slow part and
 * not what is being tested.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <habar/translit.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct habar_translit *converters[4];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct habar_translit *t;
	const char *out;
	size_t out_len, sink_len = 0;
	char *sink = NULL;
	FILE *in, *fout;
	unsigned pick;

	if (size < 1)
		return 0;
	pick = data[0] % 4;
	if (converters[pick] == NULL &&
	    habar_translit_new(&converters[pick], pick & 1 ?
	    HABAR_TRANSLIT_KK_CYRL : HABAR_TRANSLIT_KK_LATN,
	    pick & 2 ? HABAR_TRANSLIT_ALL : 0) != HABAR_OK) {
		fprintf(stderr, "fuzz_translit: %s\n", converters[pick] ?
		    habar_translit_error(converters[pick]) : "no memory");
		abort();
	}
	t = converters[pick];
	(void)habar_translit_line(t, &out, &out_len, (const char *)data + 1,
	    size - 1);
	if (size > 1 &&
	    (in = fmemopen((void *)(data + 1), size - 1, "r")) != NULL) {
		if ((fout = open_memstream(&sink, &sink_len)) != NULL) {
			(void)habar_translit_release(t, in, fout, NULL);
			fclose(fout);
		}
		fclose(in);
		free(sink);
	}
	return 0;
}

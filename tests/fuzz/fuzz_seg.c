/*
 * fuzz_seg.c: libFuzzer target of the sentence segmenter.  The first byte
 * picks the language; the rest is one paragraph.  Besides the sanitizers'
 * own checks, the spans must keep their contract: in order, inside the
 * text, not empty, and no span starts or ends with ASCII white space.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <habar/seg.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
is_space_byte(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "kk", "ru", "en", "root-x" };
	static struct habar_seg *segs[4];
	const struct habar_span *spans;
	size_t count, i, pos = 0, which;
	const char *text;

	if (size == 0)
		return 0;
	which = data[0] % 4;
	if (segs[which] == NULL && habar_seg_new(&segs[which],
	    langs[which]) != HABAR_OK)
		abort();
	/* A copy of exactly the right size, so that ASan sees any read
	 * past the end. */
	text = size > 1 ? malloc(size - 1) : NULL;
	if (size > 1)
		memcpy((char *)text, data + 1, size - 1);
	if (habar_seg_paragraph(segs[which], text, size - 1, &spans,
	    &count) != HABAR_OK)
		abort();
	for (i = 0; i < count; i++) {
		const uint8_t *s = (const uint8_t *)text + spans[i].start;

		if (spans[i].len == 0 || spans[i].start < pos ||
		    spans[i].start + spans[i].len > size - 1 ||
		    is_space_byte(s[0]) || is_space_byte(s[spans[i].len - 1]))
			abort();
		pos = spans[i].start + spans[i].len;
	}
	free((char *)text);
	return 0;
}

/*
 * fuzz_decode.c: libFuzzer target for the decode module.  Whatever the
 * bytes, detection and conversion must neither crash nor read out of
 * bounds, and the output must be well-formed UTF-8.
 *
 * The first byte picks the encoding (auto or one of them) and the size of
 * the pieces the input is fed in, so chunk boundaries fall everywhere.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <habar/habar.h>

/*
 * The module's sources are compiled into the target itself, so that
 * libFuzzer's coverage instrumentation (given to this file only) sees their
 * branches; the linker then takes nothing else of decode from libhabar.
 */
#include "../../pipeline/lib/decode.c"
#include "../../pipeline/lib/decode_model.c"
#include "../../pipeline/lib/decode_icu.c"

/* Checks UTF-8 as it streams out; a character may be cut between calls. */
struct checker {
	unsigned need;	/* continuation bytes still expected */
};

static enum habar_status
check_out(void *arg, const char *utf8, size_t len)
{
	struct checker *c = arg;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)utf8[i];
		if (c->need > 0) {
			if ((b & 0xC0) != 0x80)
				abort();
			c->need--;
		} else if (b >= 0xF0 && b <= 0xF4)
			c->need = 3;
		else if (b >= 0xE0 && b <= 0xEF)
			c->need = 2;
		else if (b >= 0xC2 && b <= 0xDF)
			c->need = 1;
		else if (b >= 0x80)
			abort();
	}
	return HABAR_OK;
}

static enum habar_status
count_invalid(void *arg, unsigned long long offset, unsigned long line,
    const unsigned char *bytes, size_t len)
{
	size_t *limit = arg;

	if (len == 0 || bytes == NULL || offset > *limit || line == 0 ||
	    line > *limit + 1)
		abort();
	return HABAR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct habar_decode_result result;
	struct habar_decode *dec = NULL;
	struct checker checker = { 0 };
	enum habar_encoding from;
	size_t step, i, limit;
	char *out = NULL;
	size_t out_len;

	if (size == 0)
		return 0;
	from = (enum habar_encoding)(data[0] % HABAR_ENC_COUNT);
	if (from == HABAR_ENC_ASCII)
		from = HABAR_ENC_AUTO;
	step = 1 + (data[0] >> 4) * 37;
	data++;
	size--;
	limit = size;

	/* A verdict either way, reading no byte past the input. */
	if (habar_decode_binary((const char *)data, size) > 1)
		abort();
	if (habar_decode_detect(&result, (const char *)data, size, 1) ==
	    HABAR_OK && (result.confidence < 0 || result.confidence > 1))
		abort();
	if (habar_decode_new(&dec, from, check_out, &checker) != HABAR_OK)
		return 0;
	habar_decode_on_invalid(dec, count_invalid, &limit);
	for (i = 0; i < size; i += step)
		if (habar_decode_write(dec, (const char *)data + i,
		    size - i < step ? size - i : step) != HABAR_OK)
			break;
	if (i >= size)
		habar_decode_finish(dec);
	if (checker.need != 0)
		abort();
	habar_decode_free(dec);

	/* The whole-buffer interface, with a small cap now and then. */
	if (habar_decode_buffer(&out, &out_len, NULL, NULL, (const char *)data,
	    size, from, size % 3 == 0 ? size : 0) == HABAR_OK &&
	    strlen(out) > out_len)
		abort();
	free(out);
	return 0;
}

/*
 * test_decode.c: unit tests of the decode module (habar/decode.h): names,
 * detection of every encoding and mojibake on sentences of our own, the
 * streaming converter fed in pieces of every size, invalid bytes and their
 * offsets, --strict's way of stopping, caps, and the letter-model parser.
 *
 * The legacy-encoded inputs are made here with glibc's iconv, an encoder
 * independent of the ICU decoders under test.
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/habar.h>

#include "check.h"
#include "decode_internal.h"

/* Sentences written for these tests. */
static const char kazakh[] =
    "Биылғы көктемде Алматыда жастарға арналған ғылыми конференция өтеді. "
    "Оған елдің түкпір-түкпірінен жүзден астам студент қатысып, өз "
    "жобаларын ұсынады. Ұйымдастырушылар қонақтарға тегін баспана мен "
    "тамақ беретінін хабарлады.\n";
static const char russian[] =
    "Весной в Алматы пройдёт научная конференция для молодых "
    "исследователей. Участники представят свои проекты, а лучшие из них "
    "получат поддержку фонда. Организаторы обещают бесплатное жильё.\n";

/* Converts text with iconv into a new buffer; NULL if it cannot. */
static char *
iconv_to(const char *to, const char *from, const char *text, size_t len,
    size_t *out_len)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = len * 4 + 16, in_left = len, out_left = cap;
	char *out = malloc(cap), *in = (char *)text, *o = out;

	if (cd == (iconv_t)-1 || out == NULL) {
		free(out);
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		return NULL;
	}
	if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) {
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*out_len = cap - out_left;
	return out;
}

/* The bytes read as windows-1251 (0x98, which glibc rejects, read as
 * U+0098 the way ICU and Windows programs do) and saved as UTF-8. */
static char *
as_mojibake(const char *bytes, size_t len, size_t *out_len)
{
	char *out = malloc(len * 3 + 1);
	size_t i, o = 0;

	if (out == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		size_t n;
		char *u;
		if ((unsigned char)bytes[i] == 0x98) {
			out[o++] = (char)0xC2;
			out[o++] = (char)0x98;
			continue;
		}
		if ((u = iconv_to("UTF-8", "CP1251", bytes + i, 1, &n)) == NULL) {
			free(out);
			return NULL;
		}
		memcpy(out + o, u, n);
		o += n;
		free(u);
	}
	*out_len = o;
	return out;
}

/* Decodes in with habar_decode_buffer() and checks the result. */
static void
check_decodes(const char *label, const char *in, size_t len,
    enum habar_encoding from, const char *want, enum habar_encoding want_enc)
{
	struct habar_decode_result r;
	unsigned long long invalid = 99;
	char *out = NULL;
	size_t out_len = 0;
	enum habar_status status;

	status = habar_decode_buffer(&out, &out_len, &r, &invalid, in, len, from,
	    0);
	if (status != HABAR_OK || out_len != strlen(want) ||
	    memcmp(out, want, out_len) != 0 || r.encoding != want_enc ||
	    invalid != 0) {
		fprintf(stderr, "%s: status %s, found %s (want %s), %llu invalid,"
		    " output \"%.*s\"\n", label, habar_status_string(status),
		    habar_encoding_name(r.encoding),
		    habar_encoding_name(want_enc), invalid, (int)out_len,
		    out ? out : "");
		check_failures++;
	}
	free(out);
}

/* One sentence in one encoding (or its mojibake), detected and decoded. */
static void
check_encoding(const char *text, const char *iconv_name, int mojibake,
    enum habar_encoding want)
{
	char *bytes, *moj = NULL, label[64];
	size_t len, moj_len;

	bytes = iconv_to(iconv_name, "UTF-8", text, strlen(text), &len);
	CHECK(bytes != NULL);
	if (bytes == NULL)
		return;
	if (mojibake) {
		moj = as_mojibake(bytes, len, &moj_len);
		CHECK(moj != NULL);
		if (moj == NULL)
			goto done;
	}
	snprintf(label, sizeof(label), "%s%s", mojibake ? "mojibake " : "",
	    iconv_name);
	check_decodes(label, moj ? moj : bytes, moj ? moj_len : len,
	    HABAR_ENC_AUTO, text, want);
	/* --from gives the same text. */
	check_decodes(label, moj ? moj : bytes, moj ? moj_len : len, want,
	    text, want);
done:
	free(bytes);
	free(moj);
}

static void
test_names(void)
{
	enum habar_encoding e;
	int i;

	for (i = 0; i < HABAR_ENC_COUNT; i++) {
		CHECK(habar_encoding_from_name(&e,
		    habar_encoding_name((enum habar_encoding)i)) == HABAR_OK);
		CHECK(e == (enum habar_encoding)i);
	}
	CHECK(habar_encoding_from_name(&e, "RK1048") == HABAR_OK &&
	    e == HABAR_ENC_KZ1048);
	CHECK(habar_encoding_from_name(&e, "ptcp154") == HABAR_OK &&
	    e == HABAR_ENC_PT154);
	CHECK(habar_encoding_from_name(&e, "cp1251") == HABAR_OK &&
	    e == HABAR_ENC_WINDOWS_1251);
	CHECK(habar_encoding_from_name(&e, "utf_8") == HABAR_OK &&
	    e == HABAR_ENC_UTF8);
	CHECK(habar_encoding_from_name(&e, "latin-1") == HABAR_ERR_NOTFOUND);
	CHECK(habar_encoding_from_name(&e, "") == HABAR_ERR_NOTFOUND);
	CHECK(habar_encoding_from_name(&e,
	    "an-encoding-name-far-too-long-to-be-real") == HABAR_ERR_NOTFOUND);
	CHECK_STR(habar_encoding_name((enum habar_encoding)99), "unknown");
}

static void
test_detect(void)
{
	struct habar_decode_result r;
	static const char bom8[] = "\xEF\xBB\xBFok";
	static const char bom16[] = "\xFF\xFEo\0k\0";

	CHECK(habar_decode_detect(&r, "plain text\n", 11, 1) == HABAR_OK);
	CHECK(r.encoding == HABAR_ENC_ASCII && r.confidence == 1.0);
	CHECK(habar_decode_detect(&r, "", 0, 1) == HABAR_OK);
	CHECK(r.encoding == HABAR_ENC_ASCII);
	CHECK(habar_decode_detect(&r, bom8, 5, 1) == HABAR_OK);
	CHECK(r.encoding == HABAR_ENC_UTF8 && r.bom);
	CHECK(habar_decode_detect(&r, bom16, 6, 1) == HABAR_OK);
	CHECK(r.encoding == HABAR_ENC_UTF16LE && r.bom);
	CHECK(habar_decode_detect(&r, "\xFE\xFF\0o", 4, 1) == HABAR_OK);
	CHECK(r.encoding == HABAR_ENC_UTF16BE);
	/* A UTF-8 character cut by the end of a prefix is no evidence
	 * against UTF-8; at the end of the input it is. */
	CHECK(habar_decode_detect(&r, "Қазақ\xD2", 11, 0) == HABAR_OK);
	CHECK(r.encoding == HABAR_ENC_UTF8);

	check_encoding(kazakh, "UTF-8", 0, HABAR_ENC_UTF8);
	check_encoding(kazakh, "RK1048", 0, HABAR_ENC_KZ1048);
	check_encoding(kazakh, "PT154", 0, HABAR_ENC_PT154);
	check_encoding(kazakh, "RK1048", 1, HABAR_ENC_MOJIBAKE_KZ1048);
	check_encoding(kazakh, "PT154", 1, HABAR_ENC_MOJIBAKE_PT154);
	check_encoding(kazakh, "UTF-8", 1, HABAR_ENC_MOJIBAKE_UTF8);
	check_encoding(russian, "UTF-8", 0, HABAR_ENC_UTF8);
	check_encoding(russian, "CP1251", 0, HABAR_ENC_WINDOWS_1251);
	check_encoding(russian, "KOI8-R", 0, HABAR_ENC_KOI8_R);
	check_encoding(russian, "IBM866", 0, HABAR_ENC_IBM866);
	check_encoding(russian, "UTF-8", 1, HABAR_ENC_MOJIBAKE_UTF8);
	check_encoding(russian, "KOI8-R", 1, HABAR_ENC_MOJIBAKE_KOI8_R);
}

/* Collects the output of a streaming converter. */
struct collect {
	char buf[8192];
	size_t len;
	unsigned long long offsets[8];
	unsigned long lines[8];
	size_t invalid;
	int stop;
};

static enum habar_status
collect_out(void *arg, const char *utf8, size_t len)
{
	struct collect *c = arg;

	if (len > sizeof(c->buf) - c->len)
		return HABAR_ERR_LIMIT;
	memcpy(c->buf + c->len, utf8, len);
	c->len += len;
	return HABAR_OK;
}

static enum habar_status
collect_invalid(void *arg, unsigned long long offset, unsigned long line,
    const unsigned char *bytes, size_t len)
{
	struct collect *c = arg;

	if (c->invalid < 8)
		c->lines[c->invalid] = line;
	(void)bytes;
	(void)len;
	if (c->invalid < 8)
		c->offsets[c->invalid] = offset;
	c->invalid++;
	return c->stop ? HABAR_ERR_INPUT : HABAR_OK;
}

/* Feeds in to a new converter step bytes at a time. */
static enum habar_status
stream(struct collect *c, const char *in, size_t len, size_t step,
    enum habar_encoding from)
{
	struct habar_decode *dec = NULL;
	enum habar_status status;
	size_t i;

	memset(c->buf, 0, sizeof(c->buf));
	c->len = 0;
	c->invalid = 0;
	if ((status = habar_decode_new(&dec, from, collect_out, c)) != HABAR_OK)
		return status;
	habar_decode_on_invalid(dec, collect_invalid, c);
	for (i = 0; i < len; i += step) {
		size_t n = len - i < step ? len - i : step;
		if ((status = habar_decode_write(dec, in + i, n)) != HABAR_OK)
			goto done;
	}
	status = habar_decode_finish(dec);
done:
	habar_decode_free(dec);
	return status;
}

static void
test_streaming(void)
{
	static const size_t steps[] = { 1, 2, 3, 7, 64, 100000 };
	struct collect c;
	char *bytes, *moj;
	size_t len, moj_len, i;

	bytes = iconv_to("UTF-8", "UTF-8", kazakh, strlen(kazakh), &len);
	moj = bytes ? as_mojibake(bytes, len, &moj_len) : NULL;
	CHECK(moj != NULL);
	for (i = 0; moj != NULL && i < sizeof(steps) / sizeof(steps[0]); i++) {
		CHECK(stream(&c, moj, moj_len, steps[i],
		    HABAR_ENC_MOJIBAKE_UTF8) == HABAR_OK);
		CHECK_MEM(c.buf, c.len, kazakh);
		CHECK(c.invalid == 0);
		CHECK(stream(&c, bytes, len, steps[i], HABAR_ENC_AUTO) ==
		    HABAR_OK);
		CHECK_MEM(c.buf, c.len, kazakh);
	}
	free(bytes);
	free(moj);

	/* ASCII before the first other byte passes through while the
	 * converter waits to see something it can detect on. */
	CHECK(stream(&c, "abc \xEF\xE0\xF0\xEA", 8, 1, HABAR_ENC_AUTO) ==
	    HABAR_OK);
	CHECK_MEM(c.buf, c.len, "abc парк");
	CHECK(stream(&c, "", 0, 1, HABAR_ENC_AUTO) == HABAR_OK);
	CHECK(c.len == 0);
	/* The BOM goes, wherever the chunks are cut. */
	CHECK(stream(&c, "\xEF\xBB\xBFok", 5, 1, HABAR_ENC_AUTO) == HABAR_OK);
	CHECK_MEM(c.buf, c.len, "ok");
	CHECK(stream(&c, "\xEF\xBB\xBFok", 5, 1, HABAR_ENC_UTF8) == HABAR_OK);
	CHECK_MEM(c.buf, c.len, "ok");
	CHECK(stream(&c, "\xFE\xFF\x04\x1A\xD8\x3D\xDE\x00", 8, 1,
	    HABAR_ENC_AUTO) == HABAR_OK);
	CHECK_MEM(c.buf, c.len, "К\xF0\x9F\x98\x80");
}

/* Collects into a growing buffer, for inputs bigger than struct collect. */
struct big {
	char *data;
	size_t len;
};

static enum habar_status
big_out(void *arg, const char *utf8, size_t len)
{
	struct big *b = arg;
	char *data = realloc(b->data, b->len + len + 1);

	if (data == NULL)
		return HABAR_ERR_NOMEM;
	memcpy(data + b->len, utf8, len);
	b->data = data;
	b->len += len;
	return HABAR_OK;
}

static enum habar_status
first_invalid(void *arg, unsigned long long offset, unsigned long line,
    const unsigned char *bytes, size_t len)
{
	unsigned long long *where = arg;

	(void)line;
	(void)bytes;
	(void)len;
	if (*where == 0)
		*where = offset;
	return HABAR_OK;
}

/*
 * An input larger than the detection sample, fed in odd-sized pieces: the
 * sample is decided on its own, the rest streams after it, and an invalid
 * byte far past the sample is reported at its true offset.
 */
static void
test_past_sample(void)
{
	static const size_t steps[] = { 4093, 65536, 1 << 20 };
	size_t one_len, total, i, k, at;
	char *one, *in = NULL, *want = NULL;
	struct habar_decode *dec = NULL;
	unsigned long long where;
	struct big b;

	one = iconv_to("RK1048", "UTF-8", kazakh, strlen(kazakh), &one_len);
	CHECK(one != NULL);
	if (one == NULL)
		return;
	total = one_len * (3 * HABAR_DECODE_SAMPLE / one_len);
	in = malloc(total);
	want = malloc(strlen(kazakh) * (total / one_len) + 4);
	CHECK(in != NULL && want != NULL);
	if (in == NULL || want == NULL)
		goto done;
	want[0] = '\0';
	for (i = 0; i < total; i += one_len) {
		memcpy(in + i, one, one_len);
		strcat(want, kazakh);
	}
	/* KZ-1048 leaves 0x98 undefined: one bad byte past the sample,
	 * at the start of a copy (a capital letter's place). */
	at = one_len * (2 * HABAR_DECODE_SAMPLE / one_len);
	in[at] = (char)0x98;
	{
		/* "Б" is two bytes in UTF-8, U+FFFD three: shift the rest. */
		size_t pos = strlen(kazakh) * (at / one_len);
		memmove(want + pos + 3, want + pos + 2, strlen(want + pos + 2) + 1);
		memcpy(want + pos, "\xEF\xBF\xBD", 3);
	}
	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		b.data = NULL;
		b.len = 0;
		where = 0;
		CHECK(habar_decode_new(&dec, HABAR_ENC_AUTO, big_out, &b) ==
		    HABAR_OK);
		if (dec == NULL)
			break;
		habar_decode_on_invalid(dec, first_invalid, &where);
		for (i = 0; i < total; i += steps[k])
			CHECK(habar_decode_write(dec, in + i, total - i < steps[k] ?
			    total - i : steps[k]) == HABAR_OK);
		CHECK(habar_decode_finish(dec) == HABAR_OK);
		CHECK(habar_decode_result(dec)->encoding == HABAR_ENC_KZ1048);
		CHECK(habar_decode_invalid_count(dec) == 1);
		CHECK(where == at);
		CHECK(b.len == strlen(want) && b.data != NULL &&
		    memcmp(b.data, want, b.len) == 0);
		habar_decode_free(dec);
		dec = NULL;
		free(b.data);
	}
done:
	free(one);
	free(in);
	free(want);
}

static void
test_invalid(void)
{
	struct collect c;

	/* Bad UTF-8: each sequence becomes U+FFFD at its offset. */
	memset(&c, 0, sizeof(c));
	CHECK(stream(&c, "ab\xFF" "cd\xE2\x82", 7, 3, HABAR_ENC_UTF8) ==
	    HABAR_OK);
	CHECK_MEM(c.buf, c.len, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD");
	CHECK(c.invalid == 2);
	CHECK(c.offsets[0] == 2);
	CHECK(c.offsets[1] == 5);
	/* KZ-1048 leaves 0x98 undefined. */
	CHECK(stream(&c, "\xC0\x98\xC1", 3, 1, HABAR_ENC_KZ1048) == HABAR_OK);
	CHECK_MEM(c.buf, c.len, "А\xEF\xBF\xBD" "Б");
	CHECK(c.invalid == 1 && c.offsets[0] == 1);
	/* Inside a mojibake chain the offset is still the input's. */
	CHECK(stream(&c, "\xD0\x90\xC2\x98", 4, 4, HABAR_ENC_MOJIBAKE_KZ1048) ==
	    HABAR_OK);
	CHECK(c.invalid == 1 && c.offsets[0] == 2);
	/* Lines are counted in the output, across chunks, after a passed-on
	 * ASCII prefix, and inside mojibake chains. */
	CHECK(stream(&c, "a\nb\n\xFF" "c\n\xFF", 8, 2, HABAR_ENC_UTF8) ==
	    HABAR_OK);
	CHECK(c.invalid == 2 && c.lines[0] == 3 && c.lines[1] == 4);
	CHECK(stream(&c, "a\nb\nҚазақстан елі\n\xFF!", 32, 5,
	    HABAR_ENC_AUTO) == HABAR_OK);
	CHECK(c.invalid == 1 && c.lines[0] == 4 && c.offsets[0] == 30);
	CHECK(stream(&c, "\xD0\x90\n\xC2\x98", 5, 1,
	    HABAR_ENC_MOJIBAKE_KZ1048) == HABAR_OK);
	CHECK(c.invalid == 1 && c.lines[0] == 2 && c.offsets[0] == 3);
	/* --strict: the invalid-byte function stops the conversion. */
	c.stop = 1;
	CHECK(stream(&c, "ok\xFFok", 5, 5, HABAR_ENC_UTF8) == HABAR_ERR_INPUT);
	CHECK(c.invalid == 1);
	c.stop = 0;
}

static void
test_buffer_and_arguments(void)
{
	struct habar_decode *dec = NULL;
	char *out = NULL;
	size_t out_len = 1;

	CHECK(habar_decode_buffer(&out, &out_len, NULL, NULL, "hello", 5,
	    HABAR_ENC_AUTO, 3) == HABAR_ERR_LIMIT);
	CHECK(out == NULL && out_len == 0);
	CHECK(habar_decode_buffer(&out, &out_len, NULL, NULL, "hello", 5,
	    HABAR_ENC_AUTO, 5) == HABAR_OK);
	CHECK_MEM(out, out_len, "hello");
	free(out);
	CHECK(habar_decode_new(&dec, (enum habar_encoding)99, collect_out,
	    NULL) == HABAR_ERR_ARGUMENT);
	CHECK(dec == NULL);
	habar_decode_free(NULL);
}

static void
test_model_parser(void)
{
	static struct habar__letter_model m;
	static const char good[] =
	    "# a comment\nletters аб\nbigram а б 3\nbigram _ а 2\n"
	    "case l l 5\n";

	CHECK(habar__letter_model_parse(&m, good, strlen(good)) == HABAR_OK);
	CHECK(m.letters == 2);
	CHECK(m.bigram[0][1] > m.bigram[0][0]);
	CHECK(habar__letter_model_parse(&m, "", 0) == HABAR_ERR_INPUT);
	CHECK(habar__letter_model_parse(&m, "letters ab\n", 11) ==
	    HABAR_ERR_INPUT);
	CHECK(habar__letter_model_parse(&m, "letters а\nbigram а x 1\n",
	    strlen("letters а\nbigram а x 1\n")) == HABAR_ERR_INPUT);
	CHECK(habar__letter_model_parse(&m, "letters а\nbigram а а -1\n",
	    strlen("letters а\nbigram а а -1\n")) == HABAR_ERR_INPUT);
	CHECK(habar__letter_model_parse(&m, "letters аа\n",
	    strlen("letters аа\n")) == HABAR_ERR_INPUT);
	CHECK(habar__letter_model_parse(&m, "letters А\n",
	    strlen("letters А\n")) == HABAR_ERR_INPUT);
	CHECK(habar__letter_model_parse(&m, "letters а\nwhat\n",
	    strlen("letters а\nwhat\n")) == HABAR_ERR_INPUT);
}

/* Binary data is told from text in every encoding, UTF-16 included. */
static void
test_binary(void)
{
	unsigned char bytes[4096], utf16[200];
	static const char text[] = "Қазақстан\tжаңалықтары\r\n\f\x1A";
	size_t i;

	/* Bytes as a compressed stream holds them: every value alike. */
	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)(i * 167 + 13);
	CHECK(habar_decode_binary((const char *)bytes, sizeof(bytes)) == 1);
	/* Text, with a stray NUL or two. */
	CHECK(habar_decode_binary(text, sizeof(text) - 1) == 0);
	CHECK(habar_decode_binary(text, sizeof(text)) == 0);
	CHECK(habar_decode_binary("", 0) == 0);
	/* UTF-16 without a byte order mark: half its bytes are controls. */
	for (i = 0; i + 1 < sizeof(utf16); i += 2) {
		utf16[i] = (unsigned char)(0x30 + i % 40);
		utf16[i + 1] = 0x04;
	}
	CHECK(habar_decode_binary((const char *)utf16, sizeof(utf16)) == 0);
}

int
main(void)
{
	test_names();
	test_detect();
	test_streaming();
	test_invalid();
	test_past_sample();
	test_buffer_and_arguments();
	test_model_parser();
	test_binary();
	return CHECK_DONE();
}

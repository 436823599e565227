/*
 * decode_icu.c: the ICU half of the decode module: chains of ICU
 * converters that turn bytes into UTF-16, the detector that runs every
 * candidate chain over a sample and keeps the one the letter models like
 * best, and the streaming converter behind habar-decode.
 *
 * A plain encoding is one converter.  Repairing mojibake is a chain of
 * three: the input is decoded as UTF-8, each character goes back to the
 * windows-1251 byte it came from, and those bytes are decoded in the
 * encoding they really were in.  A character windows-1251 cannot hold
 * (the text was only partly damaged) passes through unchanged.
 *
 * ICU lacks KZ-1048 and PT154: their tables, the .ucm files of locales/kk,
 * are compiled into the data directory's encodings/ and opened from there
 * as an ICU package.
 */
#include <math.h>
#include <stddef.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>

#include <habar/data.h>
#include <habar/decode.h>

#include "decode_internal.h"

/* Bytes handed to ICU per call and UTF-16 units per buffer: small enough
 * to keep memory flat, large enough to keep the calls few. */
#define CHUNK_BYTES 8192
#define UNITS 8192

/* windows-1251's largest code point is U+2122; the reverse table of the
 * mojibake chain covers them all. */
#define REVERSE_SIZE 0x2123

/* Where a chain delivers its UTF-16 text. */
typedef enum habar_status unit_sink_fn(void *arg, const UChar *units,
    size_t n);

/* Which converter of a chain a callback serves. */
struct callback_context {
	struct chain *chain;
	int last;
};

struct chain {
	enum habar_encoding encoding;
	struct callback_context first_context, last_context;
	UConverter *first;	/* bytes to UTF-16 (UTF-8 for mojibake) */
	UConverter *last;	/* mojibake: windows-1251 bytes to UTF-16 */
	const unsigned char *reverse;	/* mojibake: code point to windows-1251 */
	unit_sink_fn *sink;
	void *sink_arg;
	habar_decode_invalid_fn *invalid;
	void *invalid_arg;
	enum habar_status stop;	/* why a callback stopped the conversion */
	unsigned long long invalid_count;
	unsigned long passed_through;	/* mojibake: characters kept as they were */
	/* The input offset of the buffer being converted, and its start. */
	unsigned long long base;
	const char *in_start;
	size_t byte_count;	/* mojibake: bytes waiting in bytes[] */
	unsigned long lines;	/* line feeds delivered so far */
	/* Buffers, last: they are not cleared when a chain is made. */
	UChar units[UNITS];
	int32_t offsets[UNITS];
	/* mojibake: windows-1251 bytes waiting for the last converter, with
	 * the input offset of each. */
	char bytes[UNITS];
	unsigned long long byte_offsets[UNITS];
	UChar last_units[UNITS];
};

/* The name ICU knows an encoding by, or NULL for our own tables. */
static const char *
icu_name(enum habar_encoding encoding)
{
	switch (encoding) {
	case HABAR_ENC_ASCII:
	case HABAR_ENC_UTF8:
	case HABAR_ENC_MOJIBAKE_UTF8:
		return "UTF-8";
	case HABAR_ENC_UTF16LE:
		return "UTF-16LE";
	case HABAR_ENC_UTF16BE:
		return "UTF-16BE";
	case HABAR_ENC_WINDOWS_1251:
		return "windows-1251";
	case HABAR_ENC_KOI8_R:
	case HABAR_ENC_MOJIBAKE_KOI8_R:
		return "KOI8-R";
	case HABAR_ENC_IBM866:
		return "ibm-866";
	default:
		return NULL;
	}
}

/* The table file (encodings/<name>.cnv) of an encoding ICU lacks. */
static const char *
table_name(enum habar_encoding encoding)
{
	switch (encoding) {
	case HABAR_ENC_KZ1048:
	case HABAR_ENC_MOJIBAKE_KZ1048:
		return "kz1048";
	case HABAR_ENC_PT154:
	case HABAR_ENC_MOJIBAKE_PT154:
		return "pt154";
	default:
		return NULL;
	}
}

static int
is_mojibake(enum habar_encoding encoding)
{
	return encoding >= HABAR_ENC_MOJIBAKE_KZ1048 &&
	    encoding <= HABAR_ENC_MOJIBAKE_KOI8_R;
}

/* Opens the converter that decodes encoding's bytes. */
static enum habar_status
open_converter(UConverter **cnv_out, enum habar_encoding encoding)
{
	const char *name = icu_name(encoding), *table = table_name(encoding);
	char relative[64], *path = NULL, *slash;
	UErrorCode err = U_ZERO_ERROR;
	enum habar_status status;

	*cnv_out = NULL;
	if (name != NULL) {
		*cnv_out = ucnv_open(name, &err);
		return U_SUCCESS(err) ? HABAR_OK : HABAR_ERR_LIBRARY;
	}
	if (table == NULL)
		return HABAR_ERR_ARGUMENT;
	snprintf(relative, sizeof(relative), "encodings/%s.cnv", table);
	if ((status = habar_data_find(&path, relative)) != HABAR_OK)
		return status;
	/* ICU looks for <package><name>.cnv when the package ends in a
	 * directory separator. */
	slash = strrchr(path, '/');
	slash[1] = '\0';
	*cnv_out = ucnv_openPackage(path, table, &err);
	free(path);
	if (U_FAILURE(err)) {
		*cnv_out = NULL;
		return err == U_FILE_ACCESS_ERROR ? HABAR_ERR_NOTFOUND :
		    HABAR_ERR_LIBRARY;
	}
	return HABAR_OK;
}

/* The number of line feeds in units[0..n). */
static unsigned long
count_lines(const UChar *units, size_t n)
{
	unsigned long lines = 0;
	size_t i;

	for (i = 0; i < n; i++)
		lines += units[i] == 0x0A;
	return lines;
}

/* Hands units to the chain's sink, counting lines for the messages. */
static enum habar_status
deliver(struct chain *ch, const UChar *units, size_t n)
{
	ch->lines += count_lines(units, n);
	return ch->sink(ch->sink_arg, units, n);
}

/*
 * ICU calls this for bytes it cannot decode: tell the invalid-byte
 * function where they were and put U+FFFD in their place (ICU's own
 * substitute would be U+001A for single-byte tables).
 */
static void
on_invalid(const void *context, UConverterToUnicodeArgs *args,
    const char *code_units, int32_t length, UConverterCallbackReason reason,
    UErrorCode *err)
{
	const struct callback_context *cc = context;
	struct chain *ch;
	static const UChar replacement = 0xFFFD;
	unsigned long long offset;
	long long index;

	/* Also called on close and reset, when the chain may be going. */
	if (reason > UCNV_IRREGULAR)
		return;
	ch = cc->chain;
	if (cc->last) {
		/* The bytes came from the reverse mapping: find the input
		 * offset of the first. */
		index = (long long)(args->source - ch->bytes) - length;
		if (index < 0)
			index = 0;
		if (ch->byte_count == 0)
			offset = ch->base;
		else {
			if ((size_t)index >= ch->byte_count)
				index = (long long)ch->byte_count - 1;
			offset = ch->byte_offsets[index];
		}
	} else {
		long long rel = (long long)(args->source - ch->in_start) - length;
		offset = rel < 0 && (unsigned long long)-rel > ch->base ? 0 :
		    ch->base + (unsigned long long)rel;
	}
	ch->invalid_count++;
	if (ch->invalid != NULL) {
		/* The line: those delivered, plus those in the buffer being
		 * filled, which ICU writes to directly. */
		const UChar *start = cc->last ? ch->last_units : ch->units;
		unsigned long line = ch->lines + 1;
		enum habar_status status;
		if (args->target >= start && args->target <= start + UNITS)
			line += count_lines(start, (size_t)(args->target - start));
		status = ch->invalid(ch->invalid_arg, offset, line,
		    (const unsigned char *)code_units, (size_t)length);
		if (status != HABAR_OK) {
			ch->stop = status;
			*err = U_INVALID_CHAR_FOUND;
			return;
		}
	}
	*err = U_ZERO_ERROR;
	ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
}

static void
chain_free(struct chain *ch)
{
	if (ch == NULL)
		return;
	ucnv_close(ch->first);
	ucnv_close(ch->last);
	free(ch);
}

/* Installs on_invalid on cnv. */
static enum habar_status
watch(UConverter *cnv, struct chain *ch, int last)
{
	struct callback_context *cc = last ? &ch->last_context :
	    &ch->first_context;
	UErrorCode err = U_ZERO_ERROR;

	cc->chain = ch;
	cc->last = last;
	ucnv_setToUCallBack(cnv, on_invalid, cc, NULL, NULL, &err);
	return U_SUCCESS(err) ? HABAR_OK : HABAR_ERR_LIBRARY;
}

/* The table from a code point back to its windows-1251 byte (0: none),
 * built once per process by asking ICU what each byte means. */
static unsigned char reverse_table[REVERSE_SIZE];
static enum habar_status reverse_status;
static pthread_once_t reverse_once = PTHREAD_ONCE_INIT;

static void
build_reverse(void)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open("windows-1251", &err);
	char byte;
	UChar u[4];
	int b;

	reverse_status = HABAR_ERR_LIBRARY;
	if (U_FAILURE(err))
		return;
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL,
	    &err);
	for (b = 0x80; b <= 0xFF && U_SUCCESS(err); b++) {
		UErrorCode one = U_ZERO_ERROR;
		int32_t n;
		byte = (char)b;
		n = ucnv_toUChars(cnv, u, 4, &byte, 1, &one);
		if (U_SUCCESS(one) && n == 1 && u[0] < REVERSE_SIZE &&
		    u[0] >= 0x80)
			reverse_table[u[0]] = (unsigned char)b;
	}
	if (U_SUCCESS(err))
		reverse_status = HABAR_OK;
	ucnv_close(cnv);
}

static enum habar_status
reverse_get(const unsigned char **table_out)
{
	pthread_once(&reverse_once, build_reverse);
	*table_out = reverse_table;
	return reverse_status;
}

/* Opens the chain that decodes encoding, delivering UTF-16 to sink. */
static enum habar_status
chain_new(struct chain **ch_out, enum habar_encoding encoding,
    unit_sink_fn *sink, void *sink_arg)
{
	struct chain *ch = malloc(sizeof(*ch));
	enum habar_status status = HABAR_ERR_NOMEM;

	*ch_out = NULL;
	if (ch == NULL)
		goto done;
	/* The buffers at the end are written before they are read. */
	memset(ch, 0, offsetof(struct chain, units));
	ch->encoding = encoding;
	ch->sink = sink;
	ch->sink_arg = sink_arg;
	if (is_mojibake(encoding)) {
		if ((status = open_converter(&ch->first, HABAR_ENC_UTF8)) != HABAR_OK ||
		    (status = open_converter(&ch->last, encoding)) != HABAR_OK ||
		    (status = reverse_get(&ch->reverse)) != HABAR_OK ||
		    (status = watch(ch->last, ch, 1)) != HABAR_OK)
			goto done;
	} else if ((status = open_converter(&ch->first, encoding)) != HABAR_OK)
		goto done;
	if ((status = watch(ch->first, ch, 0)) != HABAR_OK)
		goto done;
	*ch_out = ch;
	ch = NULL;
done:
	chain_free(ch);
	return status;
}

/* Decodes the windows-1251 bytes gathered so far with the last converter
 * of a mojibake chain. */
static enum habar_status
run_last(struct chain *ch, int flush)
{
	const char *src = ch->bytes, *limit = ch->bytes + ch->byte_count;
	enum habar_status status = HABAR_OK;

	for (;;) {
		UChar *target = ch->last_units;
		UErrorCode err = U_ZERO_ERROR;
		ucnv_toUnicode(ch->last, &target, ch->last_units + UNITS, &src,
		    limit, NULL, (UBool)flush, &err);
		if (ch->stop != HABAR_OK)
			return ch->stop;
		if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR)
			return HABAR_ERR_LIBRARY;
		if (target > ch->last_units &&
		    (status = deliver(ch, ch->last_units,
		    (size_t)(target - ch->last_units))) != HABAR_OK)
			return status;
		if (err != U_BUFFER_OVERFLOW_ERROR)
			break;
	}
	ch->byte_count = 0;
	return status;
}

/* The middle of a mojibake chain: the n units just decoded go back to
 * windows-1251 bytes, each tagged with its input offset (call_offset: that
 * of the call's first byte; pending: bytes carried into the call). */
static enum habar_status
reverse_units(struct chain *ch, size_t n, unsigned long long call_offset,
    unsigned pending)
{
	enum habar_status status;
	size_t i;

	for (i = 0; i < n; i++) {
		UChar u = ch->units[i];
		unsigned char byte = u < 0x80 ? (unsigned char)u :
		    u < REVERSE_SIZE ? ch->reverse[u] : 0;
		unsigned long long offset;

		/* The first character may have begun in the previous call:
		 * ICU numbers it 0 or -1; it started pending bytes back. */
		if (pending > 0 && ch->offsets[i] <= 0) {
			offset = call_offset >= pending ? call_offset - pending : 0;
			if (u < 0xD800 || u > 0xDBFF)
				pending = 0;
		} else {
			pending = 0;
			offset = call_offset + (ch->offsets[i] >= 0 ?
			    (unsigned long long)ch->offsets[i] : 0);
		}

		if (byte != 0 || u == 0) {
			if (ch->byte_count == UNITS &&
			    (status = run_last(ch, 0)) != HABAR_OK)
				return status;
			ch->bytes[ch->byte_count] = (char)byte;
			ch->byte_offsets[ch->byte_count++] = offset;
			continue;
		}
		/* Not from windows-1251: end the run, keep the character. */
		if ((status = run_last(ch, 1)) != HABAR_OK ||
		    (status = deliver(ch, &ch->units[i], 1)) != HABAR_OK)
			return status;
		if (u != 0xFEFF)
			ch->passed_through++;
	}
	return run_last(ch, 0);
}

/* Feeds len bytes of input at input offset ch->base; flush ends it. */
static enum habar_status
chain_feed(struct chain *ch, const char *in, size_t len, int flush)
{
	const char *src = in, *limit = in + len;
	enum habar_status status;
	int mojibake = ch->last != NULL;

	ch->in_start = in;
	for (;;) {
		UChar *target = ch->units;
		const char *call_start = src;
		UErrorCode err = U_ZERO_ERROR;
		/* Bytes of a character begun in an earlier chunk, which ICU
		 * gives no offset (-1) in this call's terms. */
		int32_t pending = mojibake ?
		    ucnv_toUCountPending(ch->first, &err) : 0;
		if (U_FAILURE(err) || pending < 0) {
			err = U_ZERO_ERROR;
			pending = 0;
		}
		ucnv_toUnicode(ch->first, &target, ch->units + UNITS, &src, limit,
		    mojibake ? ch->offsets : NULL, (UBool)flush, &err);
		if (ch->stop != HABAR_OK)
			return ch->stop;
		if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR)
			return HABAR_ERR_LIBRARY;
		if (mojibake)
			status = reverse_units(ch, (size_t)(target - ch->units),
			    ch->base + (unsigned long long)(call_start - in),
			    (unsigned)pending);
		else if (target > ch->units)
			status = deliver(ch, ch->units,
			    (size_t)(target - ch->units));
		else
			status = HABAR_OK;
		if (status != HABAR_OK)
			return status;
		if (err != U_BUFFER_OVERFLOW_ERROR)
			break;
	}
	if (mojibake && flush && (status = run_last(ch, 1)) != HABAR_OK)
		return status;
	ch->base += len;
	return HABAR_OK;
}

/* Feeds a whole buffer in chunks, so the offsets array stays in range. */
static enum habar_status
chain_feed_all(struct chain *ch, const char *in, size_t len, int flush)
{
	enum habar_status status;

	do {
		size_t n = len < CHUNK_BYTES ? len : CHUNK_BYTES;
		if ((status = chain_feed(ch, in, n, flush && n == len)) != HABAR_OK)
			return status;
		in += n;
		len -= n;
	} while (len > 0);
	return HABAR_OK;
}

/*
 * Strict UTF-8 validity (no overlong forms, surrogates or code points past
 * U+10FFFF).  A sequence cut by the end of the buffer is accepted unless
 * at_end says the input ends there.
 */
static int
utf8_valid(const unsigned char *p, size_t len, int at_end)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t need, k;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else
			return 0;
		for (k = 1; k <= need; k++) {
			if (i + k >= len)
				return !at_end;
			if (p[i + k] < lo || p[i + k] > hi)
				return 0;
			lo = 0x80;
			hi = 0xBF;
		}
		i += need + 1;
	}
	return 1;
}

/* Scoring one candidate: its running score and a hash of its text, so
 * that candidates giving the same text count as one. */
struct candidate {
	struct habar__score score;
	uint64_t hash;
	UChar lead;
};

static enum habar_status
score_units(void *arg, const UChar *units, size_t n)
{
	struct candidate *c = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		UChar u = units[i];
		c->hash = (c->hash ^ u) * 1099511628211u;
		if (u >= 0xD800 && u <= 0xDBFF) {
			c->lead = u;
			continue;
		}
		if (u >= 0xDC00 && u <= 0xDFFF && c->lead != 0) {
			habar__score_add(&c->score, 0x10000 +
			    ((uint32_t)(c->lead - 0xD800) << 10) + (u - 0xDC00));
			c->lead = 0;
			continue;
		}
		c->lead = 0;
		habar__score_add(&c->score, u);
	}
	return HABAR_OK;
}

/* A C0 control other than the tab and the line ends: rare in text. */
static int
control_byte(char c)
{
	unsigned char b = (unsigned char)c;

	return b < 0x20 && b != '\t' && b != '\n' && b != '\r';
}

/* Whether code point c is one running text in our languages is made of. */
static int
text_code_point(uint32_t c)
{
	return c == '\t' || c == '\n' || c == '\r' ||
	    (c >= 0x20 && c <= 0x7E) ||
	    (c >= 0xA0 && c <= 0x24F) ||	/* Latin-1, Latin Extended */
	    (c >= 0x400 && c <= 0x52F) ||	/* Cyrillic, with Kazakh */
	    (c >= 0x2000 && c <= 0x206F) ||	/* dashes, quotes, spaces */
	    (c >= 0x20A0 && c <= 0x20CF) ||	/* currency signs */
	    (c >= 0x2100 && c <= 0x214F) ||	/* letterlike: No. sign */
	    c >= 0x10000;			/* a well-formed pair */
}

/*
 * The share of the characters of p[0..len) read as UTF-16 (big-endian when
 * big) that running text is made of; an unpaired surrogate counts against.
 */
static double
utf16_text_share(const unsigned char *p, size_t len, int big)
{
	size_t i, chars = 0, text = 0;
	uint32_t u, v;

	for (i = 0; i + 1 < len; i += 2) {
		u = big ? (uint32_t)p[i] << 8 | p[i + 1] :
		    (uint32_t)p[i + 1] << 8 | p[i];
		chars++;
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			v = big ? (uint32_t)p[i + 2] << 8 | p[i + 3] :
			    (uint32_t)p[i + 3] << 8 | p[i + 2];
			if (v >= 0xDC00 && v <= 0xDFFF) {
				text++;
				i += 2;
			}
			continue;
		}
		text += text_code_point(u);
	}
	return chars > 0 ? (double)text / (double)chars : 0;
}

/*
 * UTF-16 that lost its byte order mark: read as bytes, it is full of
 * control characters (the zero high byte of ASCII, the 0x04 of Cyrillic),
 * which no text in an 8-bit encoding has; read as UTF-16 in the right
 * order, it is text.  Returns the encoding, or HABAR_ENC_AUTO when the
 * sample is not such UTF-16.
 */
static enum habar_encoding
utf16_without_bom(const unsigned char *p, size_t len)
{
	size_t i, controls = 0;
	double le, be;

	if (len < 8)
		return HABAR_ENC_AUTO;
	for (i = 0; i < len; i++)
		controls += control_byte((char)p[i]);
	/* A tenth of the bytes: UTF-16 text has nearly half. */
	if (controls * 10 < len)
		return HABAR_ENC_AUTO;
	le = utf16_text_share(p, len, 0);
	be = utf16_text_share(p, len, 1);
	if (le >= 0.95 && le > be)
		return HABAR_ENC_UTF16LE;
	if (be >= 0.95 && be > le)
		return HABAR_ENC_UTF16BE;
	return HABAR_ENC_AUTO;
}

int
habar_decode_binary(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i, controls = 0;

	if (len > HABAR_DECODE_SAMPLE)
		len = HABAR_DECODE_SAMPLE;
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
	    (p[0] == 0xFE && p[1] == 0xFF)))
		return 0;
	if (utf16_without_bom(p, len) != HABAR_ENC_AUTO)
		return 0;
	/* Random bytes hold about one in nine; text next to none, but for
	 * a stray NUL or two. */
	for (i = 0; i < len; i++)
		controls += control_byte((char)p[i]) && p[i] != '\f' &&
		    p[i] != 0x1A && p[i] != 0x1B && p[i] != '\v';
	return controls >= 4 && controls * 20 > len;
}

/*
 * Detects the encoding of the sample buf[0..len).  allow_bom: the sample
 * is the start of the input, so a byte order mark counts.
 */
static enum habar_status
detect_sample(struct habar_decode_result *result, const char *buf, size_t len,
    int at_end, int allow_bom)
{
	static const enum habar_encoding utf8_candidates[] = {
		HABAR_ENC_UTF8, HABAR_ENC_MOJIBAKE_UTF8, HABAR_ENC_MOJIBAKE_KZ1048,
		HABAR_ENC_MOJIBAKE_PT154, HABAR_ENC_MOJIBAKE_KOI8_R
	};
	static const enum habar_encoding byte_candidates[] = {
		HABAR_ENC_WINDOWS_1251, HABAR_ENC_KZ1048, HABAR_ENC_PT154,
		HABAR_ENC_KOI8_R, HABAR_ENC_IBM866, HABAR_ENC_UTF8
	};
	const unsigned char *p = (const unsigned char *)buf;
	const struct habar__decode_models *models;
	const enum habar_encoding *list;
	struct candidate *c = NULL;
	double score[6], best_score = -HUGE_VAL, second = -HUGE_VAL;
	uint64_t hash[6];
	unsigned long chars[6];
	int usable[6], best = -1, i, count;
	size_t k;
	enum habar_status status;

	memset(result, 0, sizeof(*result));
	result->confidence = 1.0;
	if (allow_bom && len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		result->encoding = HABAR_ENC_UTF8;
		result->bom = 1;
		return HABAR_OK;
	}
	if (allow_bom && len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
	    (p[0] == 0xFE && p[1] == 0xFF))) {
		result->encoding = p[0] == 0xFF ? HABAR_ENC_UTF16LE :
		    HABAR_ENC_UTF16BE;
		result->bom = 1;
		return HABAR_OK;
	}
	if (allow_bom && (result->encoding = utf16_without_bom(p, len)) !=
	    HABAR_ENC_AUTO)
		return HABAR_OK;
	for (k = 0; k < len && p[k] < 0x80; k++)
		;
	if (k == len) {
		result->encoding = HABAR_ENC_ASCII;
		return HABAR_OK;
	}
	if ((status = habar__decode_models_get(&models)) != HABAR_OK)
		return status;
	if (utf8_valid(p, len, at_end)) {
		list = utf8_candidates;
		count = (int)(sizeof(utf8_candidates) / sizeof(utf8_candidates[0]));
	} else {
		list = byte_candidates;
		count = (int)(sizeof(byte_candidates) / sizeof(byte_candidates[0]));
	}
	if ((c = malloc(sizeof(*c))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < count; i++) {
		struct chain *ch = NULL;
		memset(c, 0, sizeof(*c));
		c->hash = 14695981039346656037u;
		habar__score_init(&c->score, models);
		if ((status = chain_new(&ch, list[i], score_units, c)) != HABAR_OK)
			goto done;
		status = chain_feed_all(ch, buf, len, at_end);
		/* A mojibake reading must account for every character. */
		usable[i] = status == HABAR_OK && ch->passed_through == 0;
		chain_free(ch);
		if (status != HABAR_OK && status != HABAR_ERR_LIBRARY)
			goto done;
		score[i] = habar__score_value(&c->score, NULL);
		hash[i] = c->hash;
		chars[i] = c->score.chars;
		if (usable[i] && score[i] > best_score) {
			best_score = score[i];
			best = i;
		}
	}
	status = HABAR_OK;
	if (best < 0) {
		/* Nothing fits (cannot happen for UTF-8, which always does):
		 * fall back on the first candidate. */
		best = 0;
		best_score = score[0];
	}
	result->encoding = list[best];
	result->runner_up = HABAR_ENC_AUTO;
	for (i = 0; i < count; i++)
		if (usable[i] && hash[i] != hash[best] && score[i] > second) {
			second = score[i];
			result->runner_up = list[i];
		}
	if (result->runner_up != HABAR_ENC_AUTO) {
		/* The gap in total log-likelihood, turned into a probability
		 * as if the two were the only readings. */
		double gap = (best_score - second) *
		    (double)(chars[best] > 0 ? chars[best] : 1);
		if (gap > 40)
			gap = 40;
		result->confidence = 1.0 / (1.0 + exp(-gap));
	}
done:
	free(c);
	return status;
}

enum habar_status
habar_decode_detect(struct habar_decode_result *result, const char *buf,
    size_t len, int at_end)
{
	if (len > HABAR_DECODE_SAMPLE) {
		len = HABAR_DECODE_SAMPLE;
		at_end = 0;
	}
	return detect_sample(result, buf, len, at_end, 1);
}

/* The streaming converter. */
struct habar_decode {
	enum habar_encoding from;
	struct habar_decode_result result;
	habar_decode_sink_fn *sink;
	void *sink_arg;
	habar_decode_invalid_fn *invalid;
	void *invalid_arg;
	struct chain *chain;
	unsigned long long offset;	/* input bytes taken so far */
	char *sample;			/* bytes kept for detection */
	size_t sample_len;
	unsigned long long sample_offset;
	int drop_bom;			/* the next unit may be a BOM to drop */
	unsigned long lines;		/* line feeds passed on before the chain */
	UChar lead;			/* a high surrogate waiting for its pair */
	enum habar_status failed;
	char error[128];
	char out[UNITS * 3 + 8];
};

/* Encodes UTF-16 as UTF-8 for the user's sink.  Lone surrogates cannot
 * come out of ICU's decoders, but are turned into U+FFFD all the same. */
static enum habar_status
emit_units(void *arg, const UChar *units, size_t n)
{
	struct habar_decode *dec = arg;
	size_t i, o = 0;
	enum habar_status status;

	if (dec->drop_bom && n > 0) {
		dec->drop_bom = 0;
		if (units[0] == 0xFEFF) {
			units++;
			n--;
		}
	}
	for (i = 0; i < n; i++) {
		uint32_t cp = units[i];
		if (o > sizeof(dec->out) - 8) {
			if ((status = dec->sink(dec->sink_arg, dec->out, o)) != HABAR_OK)
				return status;
			o = 0;
		}
		if (dec->lead != 0) {
			if (cp >= 0xDC00 && cp <= 0xDFFF) {
				cp = 0x10000 + ((uint32_t)(dec->lead - 0xD800) << 10) +
				    (cp - 0xDC00);
				dec->lead = 0;
			} else {
				dec->lead = 0;
				dec->out[o++] = (char)0xEF;
				dec->out[o++] = (char)0xBF;
				dec->out[o++] = (char)0xBD;
			}
		}
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			dec->lead = (UChar)cp;
			continue;
		}
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			cp = 0xFFFD;
		if (cp < 0x80)
			dec->out[o++] = (char)cp;
		else if (cp < 0x800) {
			dec->out[o++] = (char)(0xC0 | cp >> 6);
			dec->out[o++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			dec->out[o++] = (char)(0xE0 | cp >> 12);
			dec->out[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
			dec->out[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			dec->out[o++] = (char)(0xF0 | cp >> 18);
			dec->out[o++] = (char)(0x80 | (cp >> 12 & 0x3F));
			dec->out[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
			dec->out[o++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	return o > 0 ? dec->sink(dec->sink_arg, dec->out, o) : HABAR_OK;
}

static void
set_error(struct habar_decode *dec, enum habar_status status, const char *what)
{
	snprintf(dec->error, sizeof(dec->error), "%s: %s", what,
	    habar_status_string(status));
}

/* Opens the chain for encoding, starting at input offset offset. */
static enum habar_status
start_chain(struct habar_decode *dec, enum habar_encoding encoding,
    unsigned long long offset)
{
	enum habar_status status;

	if (encoding == HABAR_ENC_ASCII)
		encoding = HABAR_ENC_UTF8;
	status = chain_new(&dec->chain, encoding, emit_units, dec);
	if (status != HABAR_OK) {
		set_error(dec, status, habar_encoding_name(encoding));
		return status;
	}
	dec->chain->base = offset;
	dec->chain->invalid = dec->invalid;
	dec->chain->invalid_arg = dec->invalid_arg;
	dec->chain->lines = dec->lines;
	dec->drop_bom = offset == 0;
	return HABAR_OK;
}

enum habar_status
habar_decode_new(struct habar_decode **decode_out, enum habar_encoding from,
    habar_decode_sink_fn *sink, void *arg)
{
	struct habar_decode *dec;
	const struct habar__decode_models *models;
	enum habar_status status;

	*decode_out = NULL;
	if ((int)from < 0 || from >= HABAR_ENC_COUNT || sink == NULL)
		return HABAR_ERR_ARGUMENT;
	if (from == HABAR_ENC_AUTO &&
	    (status = habar__decode_models_get(&models)) != HABAR_OK)
		return status;
	if ((dec = calloc(1, sizeof(*dec))) == NULL)
		return HABAR_ERR_NOMEM;
	dec->from = from;
	dec->sink = sink;
	dec->sink_arg = arg;
	dec->result.encoding = HABAR_ENC_AUTO;
	if (from != HABAR_ENC_AUTO) {
		dec->result.encoding = from;
		dec->result.confidence = 1.0;
		if ((status = start_chain(dec, from, 0)) != HABAR_OK) {
			habar_decode_free(dec);
			return status;
		}
	}
	*decode_out = dec;
	return HABAR_OK;
}

void
habar_decode_free(struct habar_decode *decode)
{
	if (decode == NULL)
		return;
	chain_free(decode->chain);
	free(decode->sample);
	free(decode);
}

void
habar_decode_on_invalid(struct habar_decode *decode,
    habar_decode_invalid_fn *invalid, void *arg)
{
	decode->invalid = invalid;
	decode->invalid_arg = arg;
	if (decode->chain != NULL) {
		decode->chain->invalid = invalid;
		decode->chain->invalid_arg = arg;
	}
}

/* Detects on the sample gathered, opens the chain and converts the
 * sample. */
static enum habar_status
decide(struct habar_decode *dec, int at_end)
{
	enum habar_status status;

	status = detect_sample(&dec->result, dec->sample, dec->sample_len,
	    at_end, dec->sample_offset == 0);
	if (status != HABAR_OK) {
		set_error(dec, status, "detecting the encoding");
		return status;
	}
	if (dec->result.encoding == HABAR_ENC_ASCII && !at_end) {
		/*
		 * A sample taken from the first byte for the sake of UTF-16
		 * that held only ASCII: pass it on, and wait for the first
		 * byte above 0x7F as usual.
		 */
		size_t k;

		for (k = 0; k < dec->sample_len; k++)
			dec->lines += dec->sample[k] == '\n';
		status = dec->sink(dec->sink_arg, dec->sample, dec->sample_len);
		free(dec->sample);
		dec->sample = NULL;
		dec->sample_len = 0;
		return status;
	}
	if ((status = start_chain(dec, dec->result.encoding,
	    dec->sample_offset)) != HABAR_OK)
		return status;
	status = chain_feed_all(dec->chain, dec->sample, dec->sample_len, 0);
	free(dec->sample);
	dec->sample = NULL;
	dec->sample_len = 0;
	return status;
}

static enum habar_status
write_input(struct habar_decode *dec, const char *in, size_t len)
{
	enum habar_status status;

	while (len > 0) {
		if (dec->chain != NULL) {
			status = chain_feed_all(dec->chain, in, len, 0);
			dec->offset += len;
			return status;
		}
		if (dec->sample == NULL) {
			/*
			 * Until a byte above 0x7F, every candidate reads the
			 * same ASCII: pass it on as it is.  Not when the input
			 * opens with a control byte, as UTF-16 without a byte
			 * order mark does (the zero half of an ASCII
			 * character, the 0x04 of a Cyrillic one): that is
			 * detected on a sample from the first byte.
			 */
			size_t k = 0;
			int utf16 = dec->offset == 0 &&
			    (control_byte(in[0]) ||
			    (len > 1 && control_byte(in[1])));
			while (!utf16 && k < len && (unsigned char)in[k] < 0x80)
				dec->lines += in[k++] == '\n';
			if (k > 0 &&
			    (status = dec->sink(dec->sink_arg, in, k)) != HABAR_OK)
				return status;
			dec->offset += k;
			in += k;
			len -= k;
			if (len == 0)
				return HABAR_OK;
			if ((dec->sample = malloc(HABAR_DECODE_SAMPLE)) == NULL)
				return HABAR_ERR_NOMEM;
			dec->sample_offset = dec->offset;
		}
		{
			size_t room = HABAR_DECODE_SAMPLE - dec->sample_len;
			size_t n = len < room ? len : room;
			memcpy(dec->sample + dec->sample_len, in, n);
			dec->sample_len += n;
			dec->offset += n;
			in += n;
			len -= n;
			if (dec->sample_len == HABAR_DECODE_SAMPLE &&
			    (status = decide(dec, 0)) != HABAR_OK)
				return status;
		}
	}
	return HABAR_OK;
}

enum habar_status
habar_decode_write(struct habar_decode *decode, const char *in, size_t len)
{
	if (decode->failed != HABAR_OK)
		return decode->failed;
	return decode->failed = write_input(decode, in, len);
}

enum habar_status
habar_decode_finish(struct habar_decode *decode)
{
	enum habar_status status;

	if (decode->failed != HABAR_OK)
		return decode->failed;
	if (decode->chain == NULL && decode->sample != NULL &&
	    (status = decide(decode, 1)) != HABAR_OK)
		return decode->failed = status;
	if (decode->chain == NULL) {
		/* Nothing but ASCII, all passed on already. */
		decode->result.encoding = HABAR_ENC_ASCII;
		decode->result.confidence = 1.0;
		return HABAR_OK;
	}
	status = chain_feed(decode->chain, "", 0, 1);
	if (status == HABAR_OK && decode->lead != 0) {
		decode->lead = 0;
		status = decode->sink(decode->sink_arg, "\xEF\xBF\xBD", 3);
	}
	return decode->failed = status;
}

const struct habar_decode_result *
habar_decode_result(const struct habar_decode *decode)
{
	return &decode->result;
}

unsigned long long
habar_decode_invalid_count(const struct habar_decode *decode)
{
	return decode->chain != NULL ? decode->chain->invalid_count : 0;
}

const char *
habar_decode_error(const struct habar_decode *decode)
{
	return decode->error;
}

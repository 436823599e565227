/*
 * decode.h: turning bytes in a legacy Cyrillic encoding, or text damaged by
 * a wrong one, into UTF-8.
 *
 * Kazakh and Russian press releases arrive as UTF-8 (with or without a
 * byte order mark), UTF-16 with a byte order mark, windows-1251, KOI8-R,
 * IBM866, KZ-1048 or PT154, or as "mojibake": text that some program read
 * in the wrong 8-bit encoding (windows-1251) and saved again as UTF-8.
 * The detector decodes a bounded sample in every candidate encoding and
 * scores each result with letter models of Kazakh and Russian
 * (locales/<lang>/letter-model); the converter then streams the whole
 * input through ICU in chunks, so memory stays flat whatever the size.
 *
 * Works on memory buffers too: habar_decode_detect() looks at a buffer,
 * habar_decode_buffer() converts one.
 */
#ifndef HABAR_DECODE_H
#define HABAR_DECODE_H

#include <stddef.h>

#include <habar/status.h>

/*
 * The encodings habar knows.  The numbers never change.  A MOJIBAKE_X
 * input is UTF-8 text whose characters are the windows-1251 reading of
 * bytes that were really in encoding X; it is repaired by going back to
 * those bytes and decoding them as X.
 */
enum habar_encoding {
	HABAR_ENC_AUTO = 0,		/* detect (only as a request) */
	HABAR_ENC_ASCII = 1,		/* only bytes 0x00-0x7F were seen */
	HABAR_ENC_UTF8 = 2,
	HABAR_ENC_UTF16LE = 3,
	HABAR_ENC_UTF16BE = 4,
	HABAR_ENC_WINDOWS_1251 = 5,
	HABAR_ENC_KOI8_R = 6,
	HABAR_ENC_IBM866 = 7,
	HABAR_ENC_KZ1048 = 8,
	HABAR_ENC_PT154 = 9,
	HABAR_ENC_MOJIBAKE_KZ1048 = 10,	/* KZ-1048 read as windows-1251 */
	HABAR_ENC_MOJIBAKE_PT154 = 11,	/* PT154 read as windows-1251 */
	HABAR_ENC_MOJIBAKE_UTF8 = 12,	/* UTF-8 read as windows-1251 */
	HABAR_ENC_MOJIBAKE_KOI8_R = 13,	/* KOI8-R read as windows-1251 */
	HABAR_ENC_COUNT = 14
};

/* The most the detector looks at: the streaming converter detects on
 * this much of the input after its leading ASCII. */
#define HABAR_DECODE_SAMPLE (64u * 1024)

/* What the detector found. */
struct habar_decode_result {
	enum habar_encoding encoding;
	double confidence;	/* 0 to 1: how far ahead of the runner-up */
	int bom;		/* the input opened with a byte order mark */
	enum habar_encoding runner_up;	/* the best other reading, or AUTO */
};

/*
 * Returns the canonical name of encoding ("UTF-8", "KZ-1048",
 * "mojibake:PT154", ...), never NULL ("unknown" for a bad value).
 */
const char *habar_encoding_name(enum habar_encoding encoding);

/*
 * Looks up an encoding by name, ignoring case and the characters '-' and
 * '_': the canonical names and common aliases ("cp1251", "rk1048",
 * "strk1048-2002", "ptcp154", "cp866", "koi8r", "utf16le", "auto", ...).
 * A mojibake reading is written "mojibake:X" with X one of kz-1048, pt154,
 * utf-8 and koi8-r.  Returns HABAR_OK and sets *encoding_out, or
 * HABAR_ERR_NOTFOUND.
 */
enum habar_status habar_encoding_from_name(enum habar_encoding *encoding_out,
    const char *name);

/*
 * Whether the len bytes at buf, the start of an input, are binary data (an
 * image, an office document, a program) rather than text in any encoding
 * the decoder knows: more than one byte in twenty of the first
 * HABAR_DECODE_SAMPLE is a control character no text holds (C0 but tab,
 * line ends, form feed, escape and the DOS end-of-file mark), and they are
 * not UTF-16.  Returns 1 or 0.
 */
int habar_decode_binary(const char *buf, size_t len);

/*
 * Detects the encoding of the len bytes at buf, a prefix of the input or
 * all of it (at_end nonzero: so a multi-byte character cut at the end of a
 * prefix is not held against UTF-8).  Only the first HABAR_DECODE_SAMPLE
 * bytes are looked at.  Pure ASCII is reported as
 * HABAR_ENC_ASCII.  The letter models are loaded once per process, on
 * first use.  Returns HABAR_OK, HABAR_ERR_NOTFOUND when a letter model or
 * converter table is missing, HABAR_ERR_INPUT for a malformed model,
 * HABAR_ERR_LIBRARY when ICU fails, HABAR_ERR_NOMEM.
 */
enum habar_status habar_decode_detect(struct habar_decode_result *result,
    const char *buf, size_t len, int at_end);

/*
 * Receives converted UTF-8 text.  Returning anything but HABAR_OK stops
 * the conversion, which then returns that status.
 */
typedef enum habar_status habar_decode_sink_fn(void *arg, const char *utf8,
    size_t len);

/*
 * Is told of each invalid byte sequence: its byte offset from the start of
 * the input, the 1-based line it falls on (counted in the output), and the
 * bytes; the output holds U+FFFD in its place.  Returning anything but
 * HABAR_OK stops the conversion with that status (how --strict works).
 */
typedef enum habar_status habar_decode_invalid_fn(void *arg,
    unsigned long long offset, unsigned long line, const unsigned char *bytes,
    size_t len);


struct habar_decode;

/*
 * Creates a streaming converter from encoding from (HABAR_ENC_AUTO to
 * detect on the first HABAR_DECODE_SAMPLE bytes that are not ASCII).  The
 * converted text goes to sink(arg, ...).  Returns HABAR_OK,
 * HABAR_ERR_ARGUMENT for a bad encoding, or an error of
 * habar_decode_detect().
 */
enum habar_status habar_decode_new(struct habar_decode **decode_out,
    enum habar_encoding from, habar_decode_sink_fn *sink, void *arg);

/* Frees the converter; NULL is harmless. */
void habar_decode_free(struct habar_decode *decode);

/* Sets the function told of invalid bytes (none by default). */
void habar_decode_on_invalid(struct habar_decode *decode,
    habar_decode_invalid_fn *invalid, void *arg);

/*
 * Converts the next len bytes of the input.  Bytes may be held back
 * (while detecting, or a character cut at the end of the chunk) until the
 * next call or habar_decode_finish().  Returns HABAR_OK, a status of the
 * sink or the invalid-byte function, HABAR_ERR_LIBRARY, HABAR_ERR_NOMEM;
 * after an error the converter only accepts habar_decode_free().
 */
enum habar_status habar_decode_write(struct habar_decode *decode,
    const char *in, size_t len);

/*
 * Ends the input: converts what was held back (an incomplete character at
 * the end is invalid).  Returns as habar_decode_write().
 */
enum habar_status habar_decode_finish(struct habar_decode *decode);

/*
 * Returns what the converter decided, or, before it has decided, an
 * encoding of HABAR_ENC_AUTO.  Valid until habar_decode_free().
 */
const struct habar_decode_result *habar_decode_result(
    const struct habar_decode *decode);

/* Returns the number of invalid byte sequences replaced so far. */
unsigned long long habar_decode_invalid_count(const struct habar_decode *decode);

/* Returns a description of the last error, or "". */
const char *habar_decode_error(const struct habar_decode *decode);

/*
 * Converts the len bytes at in (encoding from, or HABAR_ENC_AUTO) into a
 * newly allocated NUL-terminated UTF-8 string *out of *out_len bytes, to be
 * released with free(); refuses (HABAR_ERR_LIMIT) to produce more than
 * max_out bytes (0: no cap beyond memory).  Invalid bytes become U+FFFD
 * and are counted in *invalid_out when it is not NULL.  result, when not
 * NULL, receives what was detected.  Returns as habar_decode_write(); on
 * failure *out is NULL.
 */
enum habar_status habar_decode_buffer(char **out, size_t *out_len,
    struct habar_decode_result *result, unsigned long long *invalid_out,
    const char *in, size_t len, enum habar_encoding from, size_t max_out);

#endif

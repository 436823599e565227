/*
 * decode.c: the names of the encodings habar-decode knows, and the
 * conversion of a whole memory buffer (for callers such as the batch tool
 * that hold an archive member in memory rather than a stream).  The ICU
 * side of the module is in decode_icu.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <habar/decode.h>

static const char *const names[HABAR_ENC_COUNT] = {
	[HABAR_ENC_AUTO] = "auto",
	[HABAR_ENC_ASCII] = "ASCII",
	[HABAR_ENC_UTF8] = "UTF-8",
	[HABAR_ENC_UTF16LE] = "UTF-16LE",
	[HABAR_ENC_UTF16BE] = "UTF-16BE",
	[HABAR_ENC_WINDOWS_1251] = "windows-1251",
	[HABAR_ENC_KOI8_R] = "KOI8-R",
	[HABAR_ENC_IBM866] = "IBM866",
	[HABAR_ENC_KZ1048] = "KZ-1048",
	[HABAR_ENC_PT154] = "PT154",
	[HABAR_ENC_MOJIBAKE_KZ1048] = "mojibake:KZ-1048",
	[HABAR_ENC_MOJIBAKE_PT154] = "mojibake:PT154",
	[HABAR_ENC_MOJIBAKE_UTF8] = "mojibake:UTF-8",
	[HABAR_ENC_MOJIBAKE_KOI8_R] = "mojibake:KOI8-R",
};

/* Aliases, compared after dropping case, '-' and '_'. */
static const struct {
	const char *alias;
	enum habar_encoding encoding;
} aliases[] = {
	{ "auto", HABAR_ENC_AUTO },
	{ "ascii", HABAR_ENC_ASCII },
	{ "usascii", HABAR_ENC_ASCII },
	{ "utf8", HABAR_ENC_UTF8 },
	{ "utf16le", HABAR_ENC_UTF16LE },
	{ "utf16be", HABAR_ENC_UTF16BE },
	{ "windows1251", HABAR_ENC_WINDOWS_1251 },
	{ "cp1251", HABAR_ENC_WINDOWS_1251 },
	{ "koi8r", HABAR_ENC_KOI8_R },
	{ "ibm866", HABAR_ENC_IBM866 },
	{ "cp866", HABAR_ENC_IBM866 },
	{ "kz1048", HABAR_ENC_KZ1048 },
	{ "rk1048", HABAR_ENC_KZ1048 },
	{ "strk10482002", HABAR_ENC_KZ1048 },
	{ "pt154", HABAR_ENC_PT154 },
	{ "ptcp154", HABAR_ENC_PT154 },
	{ "cp154", HABAR_ENC_PT154 },
	{ "mojibake:kz1048", HABAR_ENC_MOJIBAKE_KZ1048 },
	{ "mojibake:rk1048", HABAR_ENC_MOJIBAKE_KZ1048 },
	{ "mojibake:pt154", HABAR_ENC_MOJIBAKE_PT154 },
	{ "mojibake:utf8", HABAR_ENC_MOJIBAKE_UTF8 },
	{ "mojibake:koi8r", HABAR_ENC_MOJIBAKE_KOI8_R },
};

const char *
habar_encoding_name(enum habar_encoding encoding)
{
	if ((int)encoding < 0 || encoding >= HABAR_ENC_COUNT)
		return "unknown";
	return names[encoding];
}

enum habar_status
habar_encoding_from_name(enum habar_encoding *encoding_out, const char *name)
{
	char key[32];
	size_t n = 0, i;

	for (; *name != '\0'; name++) {
		if (*name == '-' || *name == '_')
			continue;
		if (n + 1 >= sizeof(key))
			return HABAR_ERR_NOTFOUND;
		key[n++] = (char)tolower((unsigned char)*name);
	}
	key[n] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(key, aliases[i].alias) == 0) {
			*encoding_out = aliases[i].encoding;
			return HABAR_OK;
		}
	return HABAR_ERR_NOTFOUND;
}

/* The growing output of habar_decode_buffer(). */
struct buffer {
	char *data;
	size_t len, cap, max;
};

static enum habar_status
buffer_append(void *arg, const char *utf8, size_t len)
{
	struct buffer *b = arg;

	if (b->max != 0 && (len > b->max || b->len > b->max - len))
		return HABAR_ERR_LIMIT;
	if (len >= b->cap - b->len) {
		size_t cap = b->cap;
		char *data;
		while (len >= cap - b->len) {
			if (cap > ((size_t)-1) / 2)
				return HABAR_ERR_NOMEM;
			cap *= 2;
		}
		if ((data = realloc(b->data, cap)) == NULL)
			return HABAR_ERR_NOMEM;
		b->data = data;
		b->cap = cap;
	}
	memcpy(b->data + b->len, utf8, len);
	b->len += len;
	b->data[b->len] = '\0';
	return HABAR_OK;
}

enum habar_status
habar_decode_buffer(char **out, size_t *out_len,
    struct habar_decode_result *result, unsigned long long *invalid_out,
    const char *in, size_t len, enum habar_encoding from, size_t max_out)
{
	struct buffer b = { NULL, 0, 256, max_out };
	struct habar_decode *decode = NULL;
	enum habar_status status;

	*out = NULL;
	*out_len = 0;
	if ((b.data = malloc(b.cap)) == NULL)
		return HABAR_ERR_NOMEM;
	b.data[0] = '\0';
	status = habar_decode_new(&decode, from, buffer_append, &b);
	if (status != HABAR_OK)
		goto done;
	if ((status = habar_decode_write(decode, in, len)) != HABAR_OK ||
	    (status = habar_decode_finish(decode)) != HABAR_OK)
		goto done;
	if (result != NULL)
		*result = *habar_decode_result(decode);
	if (invalid_out != NULL)
		*invalid_out = habar_decode_invalid_count(decode);
	*out = b.data;
	*out_len = b.len;
	b.data = NULL;
done:
	habar_decode_free(decode);
	free(b.data);
	return status;
}

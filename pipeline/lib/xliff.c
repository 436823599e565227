/*
 * xliff.c: the XLIFF converter's handle, its error and warning channel,
 * and the small helpers the other xliff*.c files share (buffers, language
 * tags).  Extraction is in xliff_extract.c, merging in xliff_merge.c, XML
 * reading in xliff_xml.c and xliff_tmx_xml.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <habar/recognise.h>

#include "grow_internal.h"
#include "xliff_internal.h"

/* Fields that name or date the release rather than say anything: they
 * stay in the skeleton whatever the options. */
static const char *const never_translated[] = {
	"id", "lang", "date", "attachments"
};

enum habar_status
habar_xliff_new(struct habar_xliff **xliff_out)
{
	*xliff_out = calloc(1, sizeof(**xliff_out));
	if (*xliff_out == NULL)
		return HABAR_ERR_NOMEM;
	(*xliff_out)->max_matches = 3;
	(*xliff_out)->min_match = 75;
	(*xliff_out)->fill_above = 100;
	return HABAR_OK;
}

void
habar_xliff_free(struct habar_xliff *xliff)
{
	size_t i;

	if (xliff == NULL)
		return;
	for (i = 0; i < xliff->keep_count; i++)
		free(xliff->keep[i]);
	habar__xl_memory_free(&xliff->memory);
	habar_recognise_free(xliff->recogniser);
	free(xliff);
}

void
habar_xliff_set_warn(struct habar_xliff *xliff, habar_xliff_warn_fn *fn,
    void *arg)
{
	xliff->warn = fn;
	xliff->warn_arg = arg;
}

void
habar_xliff_set_version(struct habar_xliff *xliff,
    enum habar_xliff_version version)
{
	xliff->version = version;
}

void
habar_xliff_set_copy_source(struct habar_xliff *xliff, int on)
{
	xliff->copy_source = on != 0;
}

enum habar_status
habar_xliff_keep_field(struct habar_xliff *xliff, const char *key)
{
	if (habar__xl_is_kept(xliff, key))
		return HABAR_OK;
	if (xliff->keep_count == XL_MAX_KEEP)
		return HABAR_ERR_LIMIT;
	if ((xliff->keep[xliff->keep_count] = strdup(key)) == NULL)
		return HABAR_ERR_NOMEM;
	xliff->keep_count++;
	return HABAR_OK;
}

int
habar__xl_is_kept(const struct habar_xliff *xliff, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(never_translated) / sizeof(*never_translated); i++)
		if (strcmp(key, never_translated[i]) == 0)
			return 1;
	for (i = 0; i < xliff->keep_count; i++)
		if (strcmp(key, xliff->keep[i]) == 0)
			return 1;
	return 0;
}

enum habar_status
habar_xliff_set_matching(struct habar_xliff *xliff, unsigned max_matches,
    unsigned min_match, unsigned fill_above)
{
	if (max_matches > XL_MAX_CANDIDATES || min_match > 100 ||
	    fill_above > 100)
		return HABAR_ERR_ARGUMENT;
	xliff->max_matches = max_matches;
	xliff->min_match = min_match;
	xliff->fill_above = fill_above;
	return HABAR_OK;
}

enum habar_status
habar_xliff_load_memory(struct habar_xliff *xliff, const char *data,
    size_t len)
{
	return habar_xliff_load_memory_from(xliff, data, len, NULL);
}

enum habar_status
habar_xliff_load_memory_from(struct habar_xliff *xliff, const char *data,
    size_t len, const char *origin)
{
	struct xl_memory *memory = &xliff->memory;
	enum habar_status status;
	const char *base;
	char **grown;
	int is_tmx;

	xliff->error[0] = '\0';
	xliff->error_line = 0;
	/* Units loaded next name this origin (its base name). */
	if (memory->origin_count >= 65535)
		return habar__xl_fail(xliff, 0, HABAR_ERR_LIMIT,
		    "too many memory files");
	if ((grown = realloc(memory->origins, (memory->origin_count + 1) *
	    sizeof(*grown))) == NULL)
		return HABAR_ERR_NOMEM;
	memory->origins = grown;
	if (origin == NULL || strcmp(origin, "-") == 0)
		origin = "";
	base = strrchr(origin, '/');
	if ((grown[memory->origin_count] = strdup(base ? base + 1 : origin)) ==
	    NULL)
		return HABAR_ERR_NOMEM;
	memory->origin_count++;
	status = habar__xl_load_tmx(xliff, data, len, &is_tmx);
	if (status != HABAR_OK || is_tmx)
		return status;
	return habar__xl_memory_load_parallel(xliff, data, len);
}

/* Reads the file at path whole (at most HABAR_XLIFF_MAX_INPUT bytes). */
static enum habar_status
slurp(struct habar_xliff *xliff, const char *path, char **data_out,
    size_t *len_out)
{
	struct xl_buf buf = { NULL, 0, 0 };
	enum habar_status status = HABAR_OK;
	char chunk[65536];
	size_t n;
	FILE *fp;

	*data_out = NULL;
	*len_out = 0;
	if ((fp = fopen(path, "rb")) == NULL)
		return habar__xl_fail(xliff, 0, HABAR_ERR_NOTFOUND, "%s",
		    strerror(errno));
	while (status == HABAR_OK && (n = fread(chunk, 1, sizeof(chunk),
	    fp)) > 0)
		status = habar__xl_buf_add(&buf, chunk, n);
	if (status == HABAR_OK && ferror(fp))
		status = habar__xl_fail(xliff, 0, HABAR_ERR_IO, "%s",
		    strerror(errno));
	else if (status == HABAR_ERR_LIMIT)
		status = habar__xl_fail(xliff, 0, status, "a memory read whole "
		    "holds at most %u MiB", HABAR_XLIFF_MAX_INPUT >> 20);
	fclose(fp);
	if (status != HABAR_OK) {
		habar__xl_buf_free(&buf);
		return status;
	}
	*data_out = buf.data;
	*len_out = buf.len;
	return HABAR_OK;
}

enum habar_status
habar_xliff_load_memory_file(struct habar_xliff *xliff, const char *path)
{
	struct xl_memory *memory = &xliff->memory;
	struct xl_tmindex *idx = NULL, **grown;
	enum habar_status status;
	char *data;
	size_t len;

	xliff->error[0] = '\0';
	xliff->error_line = 0;
	if (memory->index_count >= 65535)
		return habar__xl_fail(xliff, 0, HABAR_ERR_LIMIT,
		    "too many memory files");
	status = habar__xl_tmindex_get(xliff, path, 1, &idx, NULL);
	if (status != HABAR_OK)
		return status;
	if (idx != NULL) {
		if ((grown = realloc(memory->indexes, (memory->index_count + 1) *
		    sizeof(*grown))) == NULL) {
			habar__xl_tmindex_close(idx);
			return HABAR_ERR_NOMEM;
		}
		memory->indexes = grown;
		memory->indexes[memory->index_count++] = idx;
		return HABAR_OK;
	}
	/* A parallel document, or a memory without a cache: read whole. */
	if ((status = slurp(xliff, path, &data, &len)) != HABAR_OK)
		return status;
	status = habar_xliff_load_memory_from(xliff, data ? data : "", len,
	    path);
	free(data);
	return status;
}

enum habar_status
habar_xliff_index_memory(struct habar_xliff *xliff, const char *path,
    int *built_out)
{
	struct xl_tmindex *idx = NULL;
	enum habar_status status;

	xliff->error[0] = '\0';
	xliff->error_line = 0;
	status = habar__xl_tmindex_get(xliff, path, 2, &idx, built_out);
	habar__xl_tmindex_close(idx);
	return status;
}

size_t
habar_xliff_memory_size(const struct habar_xliff *xliff)
{
	size_t n = xliff->memory.tu_count, i;

	for (i = 0; i < xliff->memory.index_count; i++)
		n += habar__xl_tmindex_units(xliff->memory.indexes[i]);
	return n;
}

size_t
habar_xliff_untranslated(const struct habar_xliff *xliff)
{
	return xliff->untranslated;
}

const char *
habar_xliff_error(const struct habar_xliff *xliff)
{
	return xliff->error;
}

unsigned long
habar_xliff_error_line(const struct habar_xliff *xliff)
{
	return xliff->error_line;
}

/*
 * Records an error message and the line it concerns; returns status so
 * that callers can write "return habar__xl_fail(...)".  The first error
 * recorded wins: later ones are usually its consequences.
 */
enum habar_status
habar__xl_fail(struct habar_xliff *xliff, unsigned long line,
    enum habar_status status, const char *fmt, ...)
{
	va_list ap;

	if (xliff->error[0] != '\0')
		return status;
	va_start(ap, fmt);
	vsnprintf(xliff->error, sizeof(xliff->error), fmt, ap);
	va_end(ap);
	xliff->error_line = line;
	return status;
}

/* Formats a warning and passes it to the caller's function, if any. */
void
habar__xl_warn(struct habar_xliff *xliff, unsigned long line,
    const char *fmt, ...)
{
	char message[512];
	va_list ap;

	if (xliff->warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	xliff->warn(xliff->warn_arg, line, message);
}

/*
 * Appends len bytes to buf, keeping it NUL-terminated.  Returns HABAR_OK,
 * HABAR_ERR_LIMIT past HABAR_XLIFF_MAX_INPUT, HABAR_ERR_NOMEM; on failure
 * buf is unchanged.
 */
enum habar_status
habar__xl_buf_add(struct xl_buf *buf, const void *data, size_t len)
{
	enum habar_status status;

	if (len > HABAR_XLIFF_MAX_INPUT || buf->len > HABAR_XLIFF_MAX_INPUT - len)
		return HABAR_ERR_LIMIT;
	status = habar__grow((void **)&buf->data, &buf->cap, buf->len + len + 1,
	    1, 64);
	if (status != HABAR_OK)
		return status;
	if (len > 0)
		memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return HABAR_OK;
}

void
habar__xl_buf_free(struct xl_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

/* Whether subtag s (up to '-' or NUL) is a region: 2 letters, 3 digits. */
static int
is_region(const char *s)
{
	size_t n = strcspn(s, "-");

	if (n == 2)
		return isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]);
	return n == 3 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]);
}

int
habar__xl_is_habar(const char *tool)
{
	return tool != NULL && strncasecmp(tool, "habar", 5) == 0 &&
	    (tool[5] == '\0' || tool[5] == '-');
}

/*
 * Whether a memory's language tag stands for the language wanted: the same
 * tag ignoring case, or one of them is the other plus a region ("en-US"
 * for "en").  A script subtag is not ignored: kk-Latn is not kk.
 */
int
habar__xl_lang_matches(const char *tag, const char *want)
{
	size_t a = strlen(tag), b = strlen(want);

	if (a == b)
		return strcasecmp(tag, want) == 0;
	if (a > b)
		return strncasecmp(tag, want, b) == 0 && tag[b] == '-' &&
		    is_region(tag + b + 1) && tag[b + 1 + strcspn(tag + b + 1, "-")] == '\0';
	return habar__xl_lang_matches(want, tag);
}

/* Frees everything a parsed document holds (not doc itself). */
void
habar__xl_doc_free(struct xl_doc *doc)
{
	size_t i, j;

	free(doc->src_lang);
	free(doc->trg_lang);
	for (i = 0; i < doc->skel_count; i++) {
		habar__xl_buf_free(&doc->skel[i].text);
		free(doc->skel[i].ref);
		free(doc->skel[i].key);
	}
	free(doc->skel);
	for (i = 0; i < doc->unit_count; i++) {
		struct xl_unit *unit = &doc->units[i];
		for (j = 0; j < unit->part_count; j++) {
			free(unit->parts[j].id);
			habar__xl_buf_free(&unit->parts[j].source);
			habar__xl_buf_free(&unit->parts[j].target);
		}
		free(unit->parts);
		free(unit->id);
	}
	free(doc->units);
	memset(doc, 0, sizeof(*doc));
}

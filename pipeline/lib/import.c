/*
 * import.c: a Word or OpenDocument document as a release (habar/import.h).
 *
 * The package reader (import_archive.c) and the XML readers
 * (import_xml.c) fill the document with paragraphs, notes, properties and
 * language counts; this file decides what the release's front matter
 * says.  A word processor's properties are often stale (a title copied
 * from a template, a creation date months old), so the text a reader sees
 * comes first where it says the same thing: a first paragraph in a title
 * or heading style is the title, a dateline in the first paragraphs gives
 * the date and place; the properties fill what the text does not say.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <habar/date.h>
#include <habar/import.h>
#include <habar/release.h>

#include "grow_internal.h"
#include "import_internal.h"
#include "langguess.h"

#define MAX_TITLE 400		/* bytes of a first paragraph taken as title */
#define MAX_TITLE_WORDS 25
#define GUESS_SAMPLE 8192	/* bytes of text the language guess reads */

/* Copies s[0..len) with white space runs as one space, ends trimmed. */
static char *
squeezed(const char *s, size_t len, size_t *out_len)
{
	char *out = malloc(len + 1);
	size_t r, w = 0;
	int space = 1;

	if (out == NULL)
		return NULL;
	for (r = 0; r < len; r++) {
		unsigned char c = (unsigned char)s[r];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v' || c == '\0') {
			if (!space)
				out[w++] = ' ';
			space = 1;
		} else if (c == 0xC2 && r + 1 < len &&
		    (unsigned char)s[r + 1] == 0x85) {
			/* NEL: a line end in some exporters' output */
			if (!space)
				out[w++] = ' ';
			space = 1;
			r++;
		} else {
			out[w++] = (char)c;
			space = 0;
		}
	}
	if (w > 0 && out[w - 1] == ' ')
		w--;
	out[w] = '\0';
	if (out_len != NULL)
		*out_len = w;
	return out;
}

enum habar_status
habar__import_add(struct habar_import *imp, const char *text, size_t len,
    int heading, int note)
{
	enum habar_status status;
	size_t n;
	char *p = squeezed(text, len, &n);

	if (p == NULL)
		return HABAR_ERR_NOMEM;
	if (n == 0) {
		free(p);
		return HABAR_OK;
	}
	if (imp->paragraph_count + imp->note_count >= IMPORT_MAX_PARAGRAPHS) {
		free(p);
		return HABAR_ERR_LIMIT;
	}
	if (note) {
		if ((status = habar__grow((void **)&imp->notes, &imp->note_cap,
		    imp->note_count + 1, sizeof(*imp->notes), 8)) != HABAR_OK) {
			free(p);
			return status;
		}
		imp->notes[imp->note_count++] = p;
		return HABAR_OK;
	}
	if ((status = habar__grow((void **)&imp->paragraphs,
	    &imp->paragraph_cap, imp->paragraph_count + 1,
	    sizeof(*imp->paragraphs), 32)) != HABAR_OK) {
		free(p);
		return status;
	}
	/* heading grows alongside; its capacity is paragraph_cap. */
	{
		unsigned char *h = realloc(imp->heading, imp->paragraph_cap);
		if (h == NULL) {
			free(p);
			return HABAR_ERR_NOMEM;
		}
		imp->heading = h;
	}
	imp->heading[imp->paragraph_count] = heading != 0;
	imp->paragraphs[imp->paragraph_count++] = p;
	return HABAR_OK;
}

/* Whether key may be a front-matter key (the reader's rule), or is one
 * of the importer's own, '@'-prefixed. */
static int
valid_key(const char *key)
{
	const char *k = key[0] == '@' ? key + 1 : key;

	if (*k == '\0' || strlen(k) > 64)
		return 0;
	for (; *k != '\0'; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
		    (*k >= '0' && *k <= '9') || *k == '_' || *k == '-' ||
		    *k == '.'))
			return 0;
	return 1;
}

static ssize_t
field_index(const struct habar_import *imp, const char *key)
{
	size_t i;

	for (i = 0; i < imp->field_count; i++)
		if (strcmp(imp->keys[i], key) == 0)
			return (ssize_t)i;
	return -1;
}

enum habar_status
habar__import_field(struct habar_import *imp, const char *key, const char *s,
    size_t len)
{
	enum habar_status status;
	char *k, *v;
	size_t n;

	if (!valid_key(key) || field_index(imp, key) >= 0 ||
	    imp->field_count >= IMPORT_MAX_FIELDS)
		return HABAR_OK;
	if ((v = squeezed(s, len, &n)) == NULL)
		return HABAR_ERR_NOMEM;
	if (n == 0) {
		free(v);
		return HABAR_OK;
	}
	if ((k = strdup(key)) == NULL ||
	    (status = habar__grow((void **)&imp->keys, &imp->field_cap,
	    imp->field_count + 1, sizeof(*imp->keys), 16)) != HABAR_OK) {
		free(k);
		free(v);
		return HABAR_ERR_NOMEM;
	}
	{
		char **grown = realloc(imp->values, imp->field_cap *
		    sizeof(*imp->values));
		if (grown == NULL) {
			free(k);
			free(v);
			return HABAR_ERR_NOMEM;
		}
		imp->values = grown;
	}
	imp->keys[imp->field_count] = k;
	imp->values[imp->field_count++] = v;
	return HABAR_OK;
}

/* Replaces (or sets) field key, taking value. */
static enum habar_status
set_field(struct habar_import *imp, const char *key, char *value)
{
	ssize_t i = field_index(imp, key);
	enum habar_status status;

	if (i >= 0) {
		free(imp->values[i]);
		imp->values[i] = value;
		return HABAR_OK;
	}
	status = habar__import_field(imp, key, value, strlen(value));
	free(value);
	return status;
}

/* The primary language subtag of a mark, lower case: "ru-RU" is "ru",
 * the old "kz" of some systems "kk". */
static void
primary_tag(const char *tag, char out[16])
{
	size_t i;

	for (i = 0; i < 15 && tag[i] != '\0' && tag[i] != '-' &&
	    tag[i] != '_'; i++)
		out[i] = (char)((tag[i] >= 'A' && tag[i] <= 'Z') ?
		    tag[i] - 'A' + 'a' : tag[i]);
	out[i] = '\0';
	if (strcmp(out, "kz") == 0)
		strcpy(out, "kk");
}

void
habar__import_count_lang(struct habar_import *imp, const char *tag,
    size_t chars)
{
	char primary[16];
	size_t i;

	primary_tag(tag, primary);
	if (primary[0] == '\0')
		return;
	for (i = 0; i < imp->lang_count; i++)
		if (strcmp(imp->langs[i].tag, primary) == 0) {
			imp->langs[i].chars += chars;
			return;
		}
	if (imp->lang_count < IMPORT_MAX_LANGS) {
		memcpy(imp->langs[imp->lang_count].tag, primary,
		    sizeof(primary));
		imp->langs[imp->lang_count++].chars = chars;
	}
}

void
habar_import_free(struct habar_import *imp)
{
	size_t i;

	if (imp == NULL)
		return;
	for (i = 0; i < imp->field_count; i++) {
		free(imp->keys[i]);
		free(imp->values[i]);
	}
	free(imp->keys);
	free(imp->values);
	for (i = 0; i < imp->paragraph_count; i++)
		free(imp->paragraphs[i]);
	free(imp->paragraphs);
	free(imp->heading);
	for (i = 0; i < imp->note_count; i++)
		free(imp->notes[i]);
	free(imp->notes);
	free(imp->default_lang);
	free(imp);
}

static int
is_cyrillic_lang(const char *l)
{
	return strcmp(l, "kk") == 0 || strcmp(l, "ru") == 0;
}

/*
 * The language: the mark most of the text carries, else the document's
 * default mark, checked against the letters.  Word marks Kazakh typed
 * with a Russian keyboard layout ru-RU, and text pasted from elsewhere
 * keeps the mark of where it came from, so the letters win when they say
 * Kazakh against a Russian mark, or another script than the mark's; the
 * mark wins otherwise.
 */
static enum habar_status
choose_lang(struct habar_import *imp)
{
	char tag[16] = "", sample[GUESS_SAMPLE + 512];
	const char *guess, *v;
	size_t i, best = 0, used = 0;

	for (i = 0; i < imp->lang_count; i++)
		if (imp->langs[i].chars > best) {
			best = imp->langs[i].chars;
			memcpy(tag, imp->langs[i].tag, sizeof(tag));
		}
	if (tag[0] == '\0' && imp->default_lang != NULL)
		primary_tag(imp->default_lang, tag);
	if (tag[0] == '\0' && (v = habar_import_get(imp, "@language")) != NULL)
		primary_tag(v, tag);
	for (i = 0; i < imp->paragraph_count && used < GUESS_SAMPLE; i++) {
		size_t n = strlen(imp->paragraphs[i]);
		if (n > sizeof(sample) - used - 2)
			n = sizeof(sample) - used - 2;
		memcpy(sample + used, imp->paragraphs[i], n);
		used += n;
		sample[used++] = ' ';
	}
	guess = habar__guess_lang(sample, used);
	if (guess != NULL && (tag[0] == '\0' || (strcmp(tag, "ru") == 0 &&
	    strcmp(guess, "kk") == 0) || (strcmp(tag, "kk") != 0 &&
	    strcmp(tag, "ru") != 0 && strcmp(tag, "en") != 0) ||
	    is_cyrillic_lang(tag) != is_cyrillic_lang(guess)))
		snprintf(tag, sizeof(tag), "%s", guess);
	if (tag[0] == '\0')
		return HABAR_OK;
	return habar__import_field(imp, "lang", tag, strlen(tag));
}

/* Whether a first paragraph reads as a title: short, not ending like a
 * sentence of running text. */
static int
looks_like_title(const char *p)
{
	size_t len = strlen(p), words = 1, i;

	if (len == 0 || len > MAX_TITLE)
		return 0;
	for (i = 0; i < len; i++)
		words += p[i] == ' ';
	return words <= MAX_TITLE_WORDS && p[len - 1] != '.' &&
	    p[len - 1] != ',' && p[len - 1] != ';' && p[len - 1] != ':';
}

static void
drop_first(struct habar_import *imp)
{
	free(imp->paragraphs[0]);
	memmove(imp->paragraphs, imp->paragraphs + 1,
	    (imp->paragraph_count - 1) * sizeof(*imp->paragraphs));
	memmove(imp->heading, imp->heading + 1, imp->paragraph_count - 1);
	imp->paragraph_count--;
}

/* The title: a first paragraph in a title or heading style, else the
 * title property (the first paragraph dropped when it repeats it), else
 * a first paragraph that looks like one. */
static enum habar_status
choose_title(struct habar_import *imp)
{
	const char *prop = habar_import_get(imp, "title");
	enum habar_status status;
	char *first;

	if (imp->paragraph_count < 2)
		return HABAR_OK;
	first = imp->paragraphs[0];
	if (imp->heading[0] && strlen(first) <= MAX_TITLE) {
		if ((first = strdup(first)) == NULL)
			return HABAR_ERR_NOMEM;
		if ((status = set_field(imp, "title", first)) != HABAR_OK)
			return status;
		drop_first(imp);
	} else if (prop != NULL) {
		if (strcmp(prop, first) == 0)
			drop_first(imp);
	} else if (looks_like_title(first)) {
		if ((status = habar__import_field(imp, "title", first,
		    strlen(first))) != HABAR_OK)
			return status;
		drop_first(imp);
	}
	return HABAR_OK;
}

/* The date: a date property (custom.xml, meta:user-defined, front
 * matter), else a dateline in the first paragraphs, else the day the
 * document was created; the place: a place property, else the
 * dateline's. */
static enum habar_status
choose_date(struct habar_import *imp)
{
	struct habar_dates *dates = NULL;
	enum habar_status status;
	const char *created;
	size_t i, start, end;
	char iso[11], *place;

	if ((status = habar_dates_new(&dates)) != HABAR_OK)
		return status;
	for (i = 0; i < imp->paragraph_count && i < 3; i++) {
		const char *p = imp->paragraphs[i];
		if (!habar_dates_find(dates, p, strlen(p), iso, &start, &end))
			continue;
		/* A date property someone set says what the dateline
		 * only suggests (a range's first day, say). */
		if (habar_import_get(imp, "date") == NULL &&
		    (status = habar__import_field(imp, "date", iso,
		    strlen(iso))) != HABAR_OK)
			goto done;
		if (habar_import_get(imp, "place") == NULL &&
		    (place = habar_dates_dateline_place(p, start)) != NULL) {
			status = habar__import_field(imp, "place", place,
			    strlen(place));
			free(place);
			if (status != HABAR_OK)
				goto done;
		}
		break;
	}
	created = habar_import_get(imp, "@created");
	if (habar_import_get(imp, "date") == NULL && created != NULL &&
	    strlen(created) >= 10 && created[4] == '-' && created[7] == '-') {
		status = habar__import_field(imp, "date", created, 10);
		/* Said, as a file's creation day is a weak guess. */
		if (status == HABAR_OK)
			status = habar__import_field(imp, "@date-from",
			    "created", 7);
	}
done:
	habar_dates_free(dates);
	return status;
}

enum habar_status
habar__import_finish(struct habar_import *imp, int keep_date, char *err,
    size_t errlen)
{
	enum habar_status status;

	status = choose_title(imp);
	if (status == HABAR_OK && !(keep_date &&
	    habar_import_get(imp, "date") != NULL))
		status = choose_date(imp);
	if (status == HABAR_OK)
		status = choose_lang(imp);
	if (status == HABAR_ERR_NOTFOUND)
		snprintf(err, errlen, "the month names (locales/*/months) are "
		    "not installed");
	return status;
}

/* Lists the pictures in field "images". */
static enum habar_status
list_images(struct habar_import *imp, const struct import_package *pkg)
{
	enum habar_status status;
	char *list = NULL;
	size_t len = 0, i;
	FILE *fp;

	if (pkg->image_count == 0)
		return HABAR_OK;
	if ((fp = open_memstream(&list, &len)) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < pkg->image_count; i++)
		fprintf(fp, "%s%s", i ? ", " : "", pkg->images[i]);
	if (fclose(fp) != 0 || list == NULL) {
		free(list);
		return HABAR_ERR_NOMEM;
	}
	status = habar__import_field(imp, "images", list, len);
	free(list);
	return status;
}

/* The signature of an OLE2 compound file, the container of a .doc. */
static const unsigned char ole2_magic[] = {
	0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
};

/*
 * What a file that is neither a zip nor an OLE2 file is, said in a way
 * that tells its owner what to do: Word saves "Rich Text" and "Web page"
 * under a .doc name too, and old archives are full of both.
 */
static void
not_a_package(const unsigned char *data, size_t len, char *err,
    size_t errlen)
{
	size_t i = habar__import_skip_space(data, len);

	if (habar__import_is_rtf(data, len))
		snprintf(err, errlen, "%s", HABAR__IMPORT_RTF_REFUSED);
	else if (i < len && data[i] == '<')
		snprintf(err, errlen, "a web page or XML, not a Word or "
		    "OpenDocument file (habar make and habar-batch read web "
		    "pages)");
}

size_t
habar__import_skip_space(const void *data, size_t len)
{
	const unsigned char *s = data;
	size_t i = 0;

	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'))
		i++;
	return i;
}

int
habar__import_is_rtf(const void *data, size_t len)
{
	size_t i = habar__import_skip_space(data, len);

	return len - i >= 5 && memcmp((const char *)data + i, "{\\rtf", 5) ==
	    0;
}

/* What a package is, from its parts. */
static enum habar_import_kind
package_kind(const struct import_package *pkg, char *err, size_t errlen)
{
	const char *odf = "application/vnd.oasis.opendocument.";
	const char *mime = pkg->part[PART_ODT_MIMETYPE];

	if (pkg->part[PART_DOCX_DOCUMENT] != NULL)
		return HABAR_IMPORT_DOCX;
	if (mime != NULL && strncmp(mime, odf, strlen(odf)) == 0) {
		if (strncmp(mime + strlen(odf), "text", 4) == 0 &&
		    pkg->part[PART_ODT_CONTENT] != NULL)
			return HABAR_IMPORT_ODT;
		snprintf(err, errlen, "an OpenDocument %.60s, not a text "
		    "document", mime + strlen(odf));
		return HABAR_IMPORT_UNKNOWN;
	}
	snprintf(err, errlen, "a zip package, but neither a Word document "
	    "(no word/document.xml) nor an OpenDocument text");
	return HABAR_IMPORT_UNKNOWN;
}

enum habar_status
habar_import_read(struct habar_import **import_out, const void *data,
    size_t len, char *err, size_t errlen)
{
	struct import_package pkg = { 0 };
	struct habar_import *imp;
	enum habar_status status;

	*import_out = NULL;
	snprintf(err, errlen, "%s", "");
	if ((imp = calloc(1, sizeof(*imp))) == NULL)
		return HABAR_ERR_NOMEM;
	/* A legacy Word document: the text and nothing else. */
	if (len >= sizeof(ole2_magic) && memcmp(data, ole2_magic,
	    sizeof(ole2_magic)) == 0) {
		imp->kind = HABAR_IMPORT_DOC;
		status = habar__doc_read(imp, data, len, err, errlen);
		if (status == HABAR_OK)
			status = habar__import_finish(imp, 0, err, errlen);
		goto done;
	}
	if ((status = habar__import_unzip(&pkg, data, len, err, errlen)) !=
	    HABAR_OK) {
		if (status == HABAR_ERR_INPUT)
			not_a_package(data, len, err, errlen);
		goto done;
	}
	if ((imp->kind = package_kind(&pkg, err, errlen)) ==
	    HABAR_IMPORT_UNKNOWN) {
		status = HABAR_ERR_INPUT;
		goto done;
	}
	if (imp->kind == HABAR_IMPORT_DOCX) {
		status = habar__docx_body(imp, pkg.part[PART_DOCX_DOCUMENT],
		    pkg.part_len[PART_DOCX_DOCUMENT], pkg.part[PART_DOCX_STYLES],
		    pkg.part_len[PART_DOCX_STYLES], err, errlen);
		if (status == HABAR_OK && pkg.part[PART_DOCX_FOOTNOTES])
			status = habar__docx_notes(imp,
			    pkg.part[PART_DOCX_FOOTNOTES],
			    pkg.part_len[PART_DOCX_FOOTNOTES],
			    "word/footnotes.xml", err, errlen);
		if (status == HABAR_OK && pkg.part[PART_DOCX_ENDNOTES])
			status = habar__docx_notes(imp,
			    pkg.part[PART_DOCX_ENDNOTES],
			    pkg.part_len[PART_DOCX_ENDNOTES],
			    "word/endnotes.xml", err, errlen);
		if (status == HABAR_OK && pkg.part[PART_DOCX_CORE])
			status = habar__docx_properties(imp,
			    pkg.part[PART_DOCX_CORE], pkg.part_len[PART_DOCX_CORE],
			    "docProps/core.xml", err, errlen);
		if (status == HABAR_OK && pkg.part[PART_DOCX_CUSTOM])
			status = habar__docx_properties(imp,
			    pkg.part[PART_DOCX_CUSTOM],
			    pkg.part_len[PART_DOCX_CUSTOM],
			    "docProps/custom.xml", err, errlen);
	} else {
		status = habar__odt_body(imp, pkg.part[PART_ODT_CONTENT],
		    pkg.part_len[PART_ODT_CONTENT], pkg.part[PART_ODT_STYLES],
		    pkg.part_len[PART_ODT_STYLES], err, errlen);
		if (status == HABAR_OK && pkg.part[PART_ODT_META])
			status = habar__odt_meta(imp, pkg.part[PART_ODT_META],
			    pkg.part_len[PART_ODT_META], err, errlen);
	}
	if (status == HABAR_OK)
		status = habar__import_finish(imp, 0, err, errlen);
	if (status == HABAR_OK)
		status = list_images(imp, &pkg);
done:
	habar__import_package_free(&pkg);
	if (status != HABAR_OK) {
		habar_import_free(imp);
		return status;
	}
	*import_out = imp;
	return HABAR_OK;
}

enum habar_status
habar_import_stream(struct habar_import **import_out, FILE *fp, char *err,
    size_t errlen)
{
	enum habar_status status = HABAR_OK;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	*import_out = NULL;
	for (;;) {
		if (len == cap) {
			if (cap >= HABAR_IMPORT_MAX_FILE) {
				snprintf(err, errlen, "larger than %u MiB",
				    HABAR_IMPORT_MAX_FILE >> 20);
				status = HABAR_ERR_LIMIT;
				goto done;
			}
			if ((status = habar__grow((void **)&buf, &cap, len + 1,
			    1, 65536)) != HABAR_OK)
				goto done;
			if (cap > HABAR_IMPORT_MAX_FILE)
				cap = HABAR_IMPORT_MAX_FILE;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s", strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	status = habar_import_read(import_out, buf, len, err, errlen);
done:
	free(buf);
	return status;
}

enum habar_import_kind
habar_import_kind(const struct habar_import *imp)
{
	return imp->kind;
}

const char *
habar_import_encoding(const struct habar_import *imp)
{
	return imp->encoding ? imp->encoding : "";
}

const char *
habar_import_get(const struct habar_import *imp, const char *key)
{
	ssize_t i = field_index(imp, key);

	return i >= 0 ? imp->values[i] : NULL;
}

enum habar_status
habar_import_set(struct habar_import *imp, const char *key, const char *value)
{
	ssize_t i;
	char *copy;

	if (!valid_key(key) || key[0] == '@')
		return HABAR_ERR_ARGUMENT;
	if (value == NULL) {
		if ((i = field_index(imp, key)) >= 0) {
			free(imp->keys[i]);
			free(imp->values[i]);
			memmove(imp->keys + i, imp->keys + i + 1,
			    (imp->field_count - (size_t)i - 1) * sizeof(*imp->keys));
			memmove(imp->values + i, imp->values + i + 1,
			    (imp->field_count - (size_t)i - 1) *
			    sizeof(*imp->values));
			imp->field_count--;
		}
		return HABAR_OK;
	}
	if ((copy = strdup(value)) == NULL)
		return HABAR_ERR_NOMEM;
	return set_field(imp, key, copy);
}

size_t
habar_import_paragraph_count(const struct habar_import *imp)
{
	return imp->paragraph_count + imp->note_count;
}

const char *
habar_import_paragraph(const struct habar_import *imp, size_t i)
{
	if (i < imp->paragraph_count)
		return imp->paragraphs[i];
	i -= imp->paragraph_count;
	return i < imp->note_count ? imp->notes[i] : NULL;
}

/* Fields written in their own place, or never. */
static int
own_field(const char *key)
{
	static const char *const own[] = { "id", "lang", "title", "date",
	    "place", "author", "images", "source", NULL };
	size_t i;

	if (key[0] == '@')
		return 1;
	for (i = 0; own[i] != NULL; i++)
		if (strcmp(key, own[i]) == 0)
			return 1;
	return 0;
}

enum habar_status
habar_import_write(const struct habar_import *imp, FILE *fp, const char *id,
    const char *lang, const char *source)
{
	static const char *const head[] = { "title", "date", "place",
	    "author", NULL };
	enum habar_status status = HABAR_OK;
	const char *v;
	size_t i, n;

	if (fputs("---\n", fp) == EOF)
		return HABAR_ERR_IO;
	if (id != NULL && *id)
		status = habar_release_write_field(fp, "id", id);
	if (status == HABAR_OK && ((v = lang) != NULL ||
	    (v = habar_import_get(imp, "lang")) != NULL))
		status = habar_release_write_field(fp, "lang", v);
	for (i = 0; status == HABAR_OK && head[i] != NULL; i++)
		if ((v = habar_import_get(imp, head[i])) != NULL)
			status = habar_release_write_field(fp, head[i], v);
	for (i = 0; status == HABAR_OK && i < imp->field_count; i++)
		if (!own_field(imp->keys[i]))
			status = habar_release_write_field(fp, imp->keys[i],
			    imp->values[i]);
	if (status == HABAR_OK && (v = habar_import_get(imp, "images")) != NULL)
		status = habar_release_write_field(fp, "images", v);
	if (status == HABAR_OK && source != NULL)
		status = habar_release_write_field(fp, "source", source);
	if (status != HABAR_OK || fputs("---\n", fp) == EOF)
		return HABAR_ERR_IO;
	n = habar_import_paragraph_count(imp);
	for (i = 0; i < n; i++)
		if (fprintf(fp, "\n%s\n", habar_import_paragraph(imp, i)) < 0)
			return HABAR_ERR_IO;
	return HABAR_OK;
}

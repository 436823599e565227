/*
 * bundle.c: deciding the contents of a release pack (see habar/bundle.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/attach.h>
#include <habar/bundle.h>
#include <habar/data.h>
#include <habar/date.h>
#include <habar/docx.h>
#include <habar/html.h>
#include <habar/release.h>
#include <habar/tmx.h>

#include "bundle_internal.h"
#include "grow_internal.h"
#include "langguess.h"
#include "slide_langs_internal.h"

#define MEDIA_MARKDOWN "text/markdown; charset=utf-8"
#define MEDIA_MD "text/markdown"

/* A slide text added to the pack, for the pages to link to. */
struct slide_file {
	char *path;		/* "../slides/<name>.<lang>.md", from html/ */
	char *name;		/* the deck's file name */
	const char *lang;	/* static, or NULL */
};

struct bundle {
	struct habar_pack *pack;
	const struct habar_parallel *doc;
	const struct habar_bundle_options *opt;
	char *err;
	size_t errlen;
	struct slide_file *slides;
	size_t slide_count, slide_cap;
	struct habar_qa_stats qa;	/* the checks' counts */
	int qa_run;
};

/* Remembers a slide text of deck name in language lang at pack_path, for
 * the pages' links. */
static enum habar_status
remember_slides(struct bundle *b, const char *pack_path, const char *name,
    const char *lang)
{
	struct slide_file *f;
	enum habar_status status;
	size_t len = strlen(pack_path) + 4;

	status = habar__grow((void **)&b->slides, &b->slide_cap,
	    b->slide_count + 1, sizeof(*b->slides), 8);
	if (status != HABAR_OK)
		return status;
	f = &b->slides[b->slide_count];
	f->lang = lang;
	f->name = strdup(name);
	if ((f->path = malloc(len)) != NULL)
		snprintf(f->path, len, "../%s", pack_path);
	if (f->name == NULL || f->path == NULL) {
		free(f->name);
		free(f->path);
		return HABAR_ERR_NOMEM;
	}
	b->slide_count++;
	return HABAR_OK;
}

/* Writes doc's language li as release text into a new buffer. */
static enum habar_status
release_text(const struct habar_parallel *doc, size_t li, char **out,
    size_t *len)
{
	const struct habar_parallel_language *l = &doc->languages[li];
	FILE *fp = open_memstream(out, len);
	size_t f, p, s;

	if (fp == NULL)
		return HABAR_ERR_NOMEM;
	fputs("---\n", fp);
	for (f = 0; f < l->field_count; f++)
		habar_release_write_field(fp, l->fields[f].key,
		    l->fields[f].value);
	fputs("---\n", fp);
	for (p = 0; p < l->paragraph_count; p++) {
		const struct habar_parallel_paragraph *para = &l->paragraphs[p];
		putc('\n', fp);
		for (s = para->first; s < para->first + para->count; s++) {
			if (s > para->first)
				putc(' ', fp);
			fwrite(l->sentences[s].text, 1, l->sentences[s].len, fp);
		}
		putc('\n', fp);
	}
	if (fclose(fp) != 0) {
		free(*out);
		*out = NULL;
		return HABAR_ERR_NOMEM;
	}
	return HABAR_OK;
}

/* The slide text of a deck, one release per language: decks for a
 * bilingual or trilingual audience mix languages slide by slide, and each
 * language is spell-checked and translated on its own.  The paragraphs
 * are gathered first, as a short line's language depends on the lines
 * around it (slide_langs.c). */
#define SLIDE_LANGS 4	/* kk, ru, en, and text without letters */

struct slides {
	FILE *body[SLIDE_LANGS];
	char *text[SLIDE_LANGS];
	size_t len[SLIDE_LANGS];
	char title[SLIDE_LANGS][256];
	unsigned count;
	struct habar__slide_para *paras;
	size_t npara, cap;
	int failed;
};

static const char *const slide_langs[SLIDE_LANGS] = { "kk", "ru", "en", NULL };

static int
collect_slide(void *arg, unsigned slide, const char *text, size_t len)
{
	struct slides *s = arg;
	struct habar__slide_para *p;
	char *copy;

	if (habar__grow((void **)&s->paras, &s->cap, s->npara + 1,
	    sizeof(*s->paras), 64) != HABAR_OK ||
	    (copy = strndup(text, len)) == NULL) {
		s->failed = 1;
		return 1;
	}
	p = &s->paras[s->npara++];
	p->slide = slide;
	p->text = copy;
	p->len = len;
	s->count = slide;
	return 0;
}

/* Files each paragraph under its language. */
static int
file_slides(struct slides *s)
{
	const char **langs = NULL;
	size_t i;
	int k;

	if (s->npara > 0 &&
	    (langs = calloc(s->npara, sizeof(*langs))) == NULL)
		return -1;
	habar__slide_langs(s->paras, s->npara, langs);
	for (i = 0; i < s->npara; i++) {
		for (k = 0; k < SLIDE_LANGS - 1; k++)
			if (langs[i] != NULL &&
			    strcmp(langs[i], slide_langs[k]) == 0)
				break;
		if (s->body[k] == NULL && (s->body[k] =
		    open_memstream(&s->text[k], &s->len[k])) == NULL) {
			free(langs);
			return -1;
		}
		if (s->title[k][0] == '\0')
			snprintf(s->title[k], sizeof(s->title[k]), "%.*s",
			    (int)(s->paras[i].len < 200 ? s->paras[i].len : 200),
			    s->paras[i].text);
		fputc('\n', s->body[k]);
		fwrite(s->paras[i].text, 1, s->paras[i].len, s->body[k]);
		fputc('\n', s->body[k]);
	}
	free(langs);
	return 0;
}

/* Adds slides/<name>.<lang>.md for each language of a .pptx's slides. */
static enum habar_status
add_slide_text(struct bundle *b, const char *path, const char *name)
{
	struct slides s;
	enum habar_status status;
	char msg[256], id[512], pack_path[600];
	size_t i;
	int k;

	memset(&s, 0, sizeof(s));
	status = habar_attach_pptx_text(path, collect_slide, &s, msg,
	    sizeof(msg));
	if (status == HABAR_OK && !s.failed && file_slides(&s) != 0)
		s.failed = 1;
	for (k = 0; k < SLIDE_LANGS; k++)
		if (s.body[k] != NULL && fclose(s.body[k]) != 0)
			s.failed = 1;
	if (status == HABAR_OK && s.failed) {
		snprintf(msg, sizeof(msg), "out of memory");
		status = HABAR_ERR_NOMEM;
	}
	if (status != HABAR_OK)
		snprintf(b->err, b->errlen, "%s: %s", name, msg);
	for (k = 0; status == HABAR_OK && k < SLIDE_LANGS; k++) {
		const char *lang = slide_langs[k];
		char *release = NULL;
		size_t release_len = 0;
		FILE *fp;

		if (s.len[k] == 0)
			continue;
		snprintf(id, sizeof(id), "%s-slides-%s", b->doc->id, name);
		if ((fp = open_memstream(&release, &release_len)) == NULL) {
			status = HABAR_ERR_NOMEM;
			break;
		}
		fputs("---\n", fp);
		habar_release_write_field(fp, "id", id);
		if (lang != NULL)
			habar_release_write_field(fp, "lang", lang);
		habar_release_write_field(fp, "title", s.title[k]);
		if (b->doc->date != NULL)
			habar_release_write_field(fp, "date", b->doc->date);
		habar_release_write_field(fp, "source", name);
		fprintf(fp, "slides: %u\n---\n", s.count);
		fwrite(s.text[k], 1, s.len[k], fp);
		if (fclose(fp) != 0) {
			free(release);
			status = HABAR_ERR_NOMEM;
			break;
		}
		snprintf(pack_path, sizeof(pack_path), "slides/%s.%s.md", name,
		    lang ? lang : "und");
		status = habar_pack_add_memory(b->pack, pack_path, release,
		    release_len, MEDIA_MD, lang, "slides");
		free(release);
		if (status == HABAR_OK)
			status = remember_slides(b, pack_path, name, lang);
	}
	for (k = 0; k < SLIDE_LANGS; k++)
		free(s.text[k]);
	for (i = 0; i < s.npara; i++)
		free((char *)s.paras[i].text);
	free(s.paras);
	return status;
}

/* Checks one attachment and adds it (and its slide text). */
static enum habar_status
add_attachment(struct bundle *b, const char *path, const char *name)
{
	struct habar_attach_info info;
	enum habar_status status;
	char pack_path[600];

	if (*name == '\0' || strchr(name, '/') != NULL ||
	    strcmp(name, "..") == 0 || strcmp(name, ".") == 0) {
		snprintf(b->err, b->errlen, "attachment '%s': a name, not a "
		    "path, is expected", name);
		return HABAR_ERR_INPUT;
	}
	status = habar_attach_check(path, &info);
	if (status != HABAR_OK) {
		snprintf(b->err, b->errlen, "attachment %s: %s", path,
		    info.message);
		return status == HABAR_ERR_UNSUPPORTED || status == HABAR_ERR_LIMIT ?
		    HABAR_ERR_INPUT : status;
	}
	if (info.encrypted && b->opt->warn != NULL) {
		char msg[512];
		snprintf(msg, sizeof(msg), "attachment %s: %s", path,
		    info.message);
		b->opt->warn(b->opt->warn_arg, msg);
	}
	snprintf(pack_path, sizeof(pack_path), "attachments/%s", name);
	status = habar_pack_add_file(b->pack, pack_path, path, info.media_type,
	    NULL, "attachment");
	if (status == HABAR_ERR_ARGUMENT) {
		snprintf(b->err, b->errlen, "attachment '%s' is given twice",
		    name);
		return HABAR_ERR_INPUT;
	}
	if (status == HABAR_OK && info.kind == HABAR_ATTACH_PPTX &&
	    !info.encrypted)
		status = add_slide_text(b, path, name);
	return status;
}

/* The confidence a sentence link needs to count as sure: in the pack's
 * memory, and unmarked on its side-by-side page. */
static double
min_confidence(const struct habar_bundle_options *opt)
{
	if (opt->min_confidence == 0.0)
		return HABAR_TMX_MIN_CONFIDENCE;
	return opt->min_confidence < 0.0 ? 0.0 : opt->min_confidence;
}

/* Adds <id>.tmx: the sentence links of the release as a memory. */
static enum habar_status
add_tmx(struct bundle *b)
{
	struct habar_tmx *tmx = NULL;
	enum habar_status status;
	char path[600], *text = NULL;
	size_t len = 0;
	FILE *fp;

	if (b->doc->language_count < 2)
		return HABAR_OK;	/* nothing to pair */
	if ((status = habar_tmx_new(&tmx)) != HABAR_OK)
		return status;
	habar_tmx_set_min_confidence(tmx, min_confidence(b->opt));
	status = habar_tmx_add_parallel(tmx, b->doc);
	if (status == HABAR_OK) {
		if ((fp = open_memstream(&text, &len)) == NULL)
			status = HABAR_ERR_NOMEM;
		else {
			status = habar_tmx_write(tmx, fp);
			if (fclose(fp) != 0 && status == HABAR_OK)
				status = HABAR_ERR_NOMEM;
		}
	}
	snprintf(path, sizeof(path), "%s.tmx", b->doc->id);
	if (status == HABAR_OK)
		status = habar_pack_add_memory(b->pack, path, text, len,
		    "application/x-tmx+xml", NULL, "tmx");
	free(text);
	habar_tmx_free(tmx);
	return status;
}

static enum habar_status
add_html(struct bundle *b)
{
	const struct habar_parallel *doc = b->doc;
	struct habar_html_links links;
	struct habar_html_file *slides = NULL;
	char prefix[300], path[600], *html = NULL, *css_path = NULL;
	size_t len, li;
	enum habar_status status = HABAR_OK;

	snprintf(prefix, sizeof(prefix), "%s.", doc->id);
	links.stylesheet = "style.css";
	links.attachments_dir = "../attachments/";
	links.side_by_side = "index.html";
	links.page_prefix = prefix;
	links.page_suffix = ".html";
	links.min_confidence = min_confidence(b->opt);
	links.qa_page = b->qa_run ? "../qa.html" : NULL;
	links.qa_errors = b->qa.errors;
	links.qa_warnings = b->qa.warnings;
	links.slide_count = b->slide_count;
	if (b->slide_count > 0 &&
	    (slides = calloc(b->slide_count, sizeof(*slides))) == NULL)
		return HABAR_ERR_NOMEM;
	for (li = 0; li < b->slide_count; li++) {
		slides[li].path = b->slides[li].path;
		slides[li].name = b->slides[li].name;
		slides[li].lang = b->slides[li].lang;
	}
	links.slides = slides;
	for (li = 0; status == HABAR_OK && li < doc->language_count; li++) {
		status = habar_html_page(doc, li, &links, &html, &len);
		if (status != HABAR_OK)
			break;
		snprintf(path, sizeof(path), "html/%s.%s.html", doc->id,
		    doc->languages[li].lang);
		status = habar_pack_add_memory(b->pack, path, html, len,
		    "text/html", doc->languages[li].lang, "html");
		free(html);
	}
	if (status == HABAR_OK &&
	    (status = habar_html_side_by_side(doc, &links, &html, &len)) ==
	    HABAR_OK) {
		status = habar_pack_add_memory(b->pack, "html/index.html",
		    html, len, "text/html", NULL, "html");
		free(html);
	}
	free(slides);
	if (status != HABAR_OK)
		return status;
	status = habar_data_find(&css_path, "templates/pack.css");
	if (status != HABAR_OK) {
		snprintf(b->err, b->errlen, "the stylesheet templates/pack.css "
		    "is missing from the data directory");
		return status;
	}
	status = habar_pack_add_file(b->pack, "html/style.css", css_path,
	    "text/css", NULL, "style");
	free(css_path);
	return status;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The --attach path whose file name is name, or NULL. */
static const char *
extra_path(const struct habar_bundle_options *opt, const char *name)
{
	size_t i;

	for (i = 0; i < opt->extra_count; i++)
		if (strcmp(base_name(opt->extra_attachments[i]), name) == 0)
			return opt->extra_attachments[i];
	return NULL;
}

static int
named_by(const struct habar_parallel *doc, const char *name)
{
	size_t i;

	for (i = 0; i < doc->attachment_count; i++)
		if (strcmp(doc->attachments[i].name, name) == 0)
			return 1;
	return 0;
}

enum habar_status
habar_bundle_plan(struct habar_pack **pack_out,
    const struct habar_parallel *doc, const struct habar_bundle_options *opt,
    char *err, size_t errlen)
{
	struct bundle b = { NULL, doc, opt, err, errlen, NULL, 0, 0, { 0 },
	    0 };
	enum habar_status status;
	char path[4096], *text = NULL;
	size_t len, i;

	*pack_out = NULL;
	err[0] = '\0';
	if (doc->id == NULL || doc->language_count == 0) {
		snprintf(err, errlen, "the release has no id or no language");
		return HABAR_ERR_INPUT;
	}
	status = habar_pack_new(&b.pack, doc->id, doc->date, opt->generator);
	if (status == HABAR_ERR_ARGUMENT) {
		struct habar_date date;

		/* Say which of the two fields is at fault. */
		if (doc->date != NULL &&
		    (habar_date_parse(&date, doc->date) == HABAR_DATE_NONE ||
		    date.year < 1980))
			snprintf(err, errlen, "field 'date': '%.40s' cannot "
			    "date a pack (%s, from 1980)", doc->date,
			    HABAR_DATE_FORMS);
		else
			snprintf(err, errlen, "field 'id': '%.40s' cannot name "
			    "a pack (a file name: not empty, no '/', not '.' "
			    "or '..', under 200 bytes)", doc->id);
		return HABAR_ERR_INPUT;
	}
	for (i = 0; status == HABAR_OK && i < doc->language_count; i++) {
		const char *lang = doc->languages[i].lang;
		snprintf(path, sizeof(path), "%s.%s.md", doc->id, lang);
		if (opt->release_files != NULL && opt->release_files[i] != NULL)
			status = habar_pack_add_file(b.pack, path,
			    opt->release_files[i], MEDIA_MD, lang, "release");
		else if ((status = release_text(doc, i, &text, &len)) == HABAR_OK) {
			status = habar_pack_add_memory(b.pack, path, text, len,
			    MEDIA_MD, lang, "release");
			free(text);
			text = NULL;
		}
	}
	/* Each version also as a Word document, for readers who open
	 * releases in a word processor. */
	for (i = 0; status == HABAR_OK && i < doc->language_count; i++) {
		const char *lang = doc->languages[i].lang;
		snprintf(path, sizeof(path), "%s.%s.docx", doc->id, lang);
		if ((status = habar_docx_write(&text, &len, doc, i)) == HABAR_OK)
			status = habar_pack_add_memory(b.pack, path, text, len,
			    HABAR_DOCX_MEDIA_TYPE, lang, "document");
		free(text);
		text = NULL;
	}
	if (status == HABAR_OK) {
		FILE *fp = open_memstream(&text, &len);
		if (fp == NULL)
			status = HABAR_ERR_NOMEM;
		else {
			status = habar_parallel_write(doc, fp);
			if (fclose(fp) != 0 && status == HABAR_OK)
				status = HABAR_ERR_NOMEM;
		}
		snprintf(path, sizeof(path), "%s.xml", doc->id);
		if (status == HABAR_OK)
			status = habar_pack_add_memory(b.pack, path, text, len,
			    "application/xml", NULL, "parallel");
		free(text);
		text = NULL;
	}
	if (status == HABAR_OK)
		status = add_tmx(&b);
	for (i = 0; status == HABAR_OK && i < doc->attachment_count; i++) {
		const char *name = doc->attachments[i].name;
		const char *given = extra_path(opt, name);
		if (given != NULL)
			snprintf(path, sizeof(path), "%s", given);
		else
			snprintf(path, sizeof(path), "%s/%s",
			    opt->attachment_dir ? opt->attachment_dir : ".", name);
		status = add_attachment(&b, path, name);
	}
	for (i = 0; status == HABAR_OK && i < opt->extra_count; i++) {
		const char *name = base_name(opt->extra_attachments[i]);
		if (!named_by(doc, name))
			status = add_attachment(&b, opt->extra_attachments[i],
			    name);
	}
	/* The checks before the pages, whose index gives their count. */
	if (status == HABAR_OK && !opt->no_qa) {
		status = habar__bundle_qa(b.pack, doc, &b.qa, err, errlen);
		b.qa_run = status == HABAR_OK;
		if (opt->qa_stats != NULL)
			*opt->qa_stats = b.qa;
	}
	/* The pages last: they link to the slide texts just made.  The
	 * archive sorts its members, so the order of adding is free. */
	if (status == HABAR_OK)
		status = add_html(&b);
	for (i = 0; i < b.slide_count; i++) {
		free(b.slides[i].path);
		free(b.slides[i].name);
	}
	free(b.slides);
	if (status != HABAR_OK) {
		if (err[0] == '\0')
			snprintf(err, errlen, "%s", habar_status_string(status));
		habar_pack_free(b.pack);
		return status;
	}
	*pack_out = b.pack;
	return HABAR_OK;
}

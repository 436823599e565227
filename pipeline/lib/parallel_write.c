/*
 * parallel_write.c: writing a parallel document as XML (the format is in
 * docs/parallel-xml.md and schemas/habar-parallel.rng).
 *
 * The writer needs no XML library: the format is small and fixed, and
 * printing it directly keeps the output byte-stable across libxml2
 * versions.  Escaping is shared with the TMX writer.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <habar/parallel.h>

#include "parallel_internal.h"
#include "utf8_internal.h"

/*
 * Returns the length of the valid UTF-8 character XML 1.0 allows at s
 * (n bytes left), or 0 when the bytes there are not one.
 */
static size_t
xml_char_len(const unsigned char *s, size_t n)
{
	unsigned long c;
	size_t len;

	/* Strict UTF-8 (no overlong form, no surrogate) from utf8.c; XML
	 * then also refuses most C0 controls and U+FFFE, U+FFFF. */
	if ((len = habar__utf8_decode(s, n, &c)) == 0)
		return 0;
	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
		return 0;
	if (c == 0xFFFE || c == 0xFFFF)
		return 0;
	return len;
}

enum habar_status
habar__xml_escape(FILE *fp, const char *s, size_t len, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, clen;

	/* Runs of bytes that stand for themselves go out in one write. */
	while (i < len) {
		if (p[i] >= 0x20 && p[i] < 0x80 && p[i] != '&' && p[i] != '<' &&
		    p[i] != '>' && p[i] != '"') {
			i++;
			continue;
		}
		/* Two bytes well formed (Cyrillic): U+0080..U+07FF, all
		 * allowed, without the decoder's call. */
		if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < len &&
		    (p[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		clen = p[i] < 0x80 ? 1 : xml_char_len(p + i, len - i);
		if (clen > 1) {
			i += clen;
			continue;
		}
		fwrite(p + run, 1, i - run, fp);
		if (clen == 0 || (p[i] < 0x20 && xml_char_len(p + i, 1) == 0))
			fputs("\xEF\xBF\xBD", fp);
		else {
			switch (p[i]) {
			case '&':
				fputs("&amp;", fp);
				break;
			case '<':
				fputs("&lt;", fp);
				break;
			case '>':
				fputs("&gt;", fp);
				break;
			case '"':
				fputs(attr ? "&quot;" : "\"", fp);
				break;
			case '\t':
				fputs(attr ? "&#9;" : "\t", fp);
				break;
			case '\n':
				fputs(attr ? "&#10;" : "\n", fp);
				break;
			case '\r':
				fputs("&#13;", fp);
				break;
			}
		}
		run = ++i;
	}
	fwrite(p + run, 1, i - run, fp);
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

static void
write_attr(FILE *fp, const char *name, const char *value)
{
	fprintf(fp, " %s=\"", name);
	habar__xml_escape(fp, value, strlen(value), 1);
	putc('"', fp);
}

static void
write_language(FILE *fp, const struct habar_parallel_language *l)
{
	const struct habar_parallel_paragraph *p;
	const struct habar_parallel_sentence *s;
	size_t i, j;

	fputs("  <text", fp);
	write_attr(fp, "lang", l->lang);
	fputs(">\n    <meta>\n", fp);
	for (i = 0; i < l->field_count; i++) {
		fputs("      <field", fp);
		write_attr(fp, "key", l->fields[i].key);
		putc('>', fp);
		habar__xml_escape(fp, l->fields[i].value,
		    strlen(l->fields[i].value), 0);
		fputs("</field>\n", fp);
	}
	fputs("    </meta>\n", fp);
	for (i = 0; i < l->paragraph_count; i++) {
		p = &l->paragraphs[i];
		if (p->count == 0)
			continue;
		fputs("    <p", fp);
		write_attr(fp, "id", p->id);
		fputs(">\n", fp);
		for (j = p->first; j < p->first + p->count; j++) {
			s = &l->sentences[j];
			fputs("      <s", fp);
			write_attr(fp, "id", s->id);
			putc('>', fp);
			habar__xml_escape(fp, s->text, s->len, 0);
			fputs("</s>\n", fp);
		}
		fputs("    </p>\n", fp);
	}
	fputs("  </text>\n", fp);
}

static void
write_links(FILE *fp, const struct habar_parallel *doc,
    enum habar_parallel_level level)
{
	const struct habar_parallel_link *link;
	const struct habar_parallel_language *l;
	size_t i, k, j;
	const char *id;

	fputs(level == HABAR_PARALLEL_PARAGRAPHS ? "    <paragraphs>\n" :
	    "    <sentences>\n", fp);
	for (i = 0; i < doc->link_count[level]; i++) {
		link = &doc->links[level][i];
		fprintf(fp, "      <link type=\"%s\" confidence=\"%.3f\">\n",
		    link->type, link->confidence);
		for (k = 0; k < doc->language_count; k++) {
			l = &doc->languages[k];
			fputs("        <side", fp);
			write_attr(fp, "lang", l->lang);
			fputs(" refs=\"", fp);
			for (j = 0; j < link->sides[k].count; j++) {
				id = level == HABAR_PARALLEL_PARAGRAPHS ?
				    l->paragraphs[link->sides[k].first + j].id :
				    l->sentences[link->sides[k].first + j].id;
				if (j > 0)
					putc(' ', fp);
				habar__xml_escape(fp, id, strlen(id), 1);
			}
			fputs("\"/>\n", fp);
		}
		fputs("      </link>\n", fp);
	}
	fputs(level == HABAR_PARALLEL_PARAGRAPHS ? "    </paragraphs>\n" :
	    "    </sentences>\n", fp);
}

enum habar_status
habar_parallel_write(const struct habar_parallel *doc, FILE *fp)
{
	size_t k, i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	fputs("<parallel xmlns=\"" HABAR_PARALLEL_NS "\" version=\"1\"", fp);
	if (doc->id != NULL)
		write_attr(fp, "id", doc->id);
	if (doc->date != NULL)
		write_attr(fp, "date", doc->date);
	fputs(">\n", fp);
	for (k = 0; k < doc->language_count; k++)
		write_language(fp, &doc->languages[k]);
	fputs("  <attachments>\n", fp);
	for (i = 0; i < doc->attachment_count; i++) {
		fputs("    <attachment", fp);
		write_attr(fp, "name", doc->attachments[i].name);
		fputs("/>\n", fp);
	}
	fputs("  </attachments>\n  <alignment", fp);
	if (doc->method != NULL)
		write_attr(fp, "method", doc->method);
	fputs(">\n", fp);
	write_links(fp, doc, HABAR_PARALLEL_PARAGRAPHS);
	write_links(fp, doc, HABAR_PARALLEL_SENTENCES);
	fputs("  </alignment>\n</parallel>\n", fp);
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

/*
 * qa_glossary.c: reading the glossary of habar-qa's "terms" check (see
 * habar_qa_load_glossary() in habar/qa.h): a TSV whose first line names
 * the languages of its columns, or TBX (qa_glossary_xml.c), told by its
 * first character.  Terms are kept case folded, as the
 * check compares them with case-folded text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qa_internal.h"
#include "recognise_internal.h"

static enum habar_status
bad(struct habar_qa *qa, unsigned long line, const char *what)
{
	snprintf(qa->error, sizeof(qa->error), "%s", what);
	qa->error_line = line;
	return HABAR_ERR_INPUT;
}

enum habar_status
habar_qa_load_glossary(struct habar_qa *qa, FILE *fp)
{
	char line[4096], folded[4096 * 3];
	unsigned long lineno = 0;
	enum habar_status status = HABAR_OK;
	int c;

	/* TBX is XML: markup first (white space may come before). */
	while ((c = getc(fp)) == ' ' || c == '\t' || c == '\r' || c == '\n')
		if (c == '\n')
			lineno++;
	if (c == '<') {
		ungetc(c, fp);
		return habar__qa_load_tbx(qa, fp);
	}
	if (c != EOF)
		ungetc(c, fp);

	while (fgets(line, sizeof(line), fp) != NULL) {
		char *p = line, *cell;
		size_t col = 0, len = strlen(line);
		struct qa_term *t = NULL;
		lineno++;
		if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
			qa->error_line = lineno;
			snprintf(qa->error, sizeof(qa->error), "line longer "
			    "than %zu bytes", sizeof(line) - 2);
			return HABAR_ERR_LIMIT;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		if (qa->lang_count == 0) {
			/* The header: a language tag a column. */
			while ((cell = strsep(&p, "\t")) != NULL &&
			    col < QA_MAX_SEGS) {
				if (cell[0] == '\0' || strlen(cell) > 15 ||
				    strchr(cell, ' ') != NULL)
					return bad(qa, lineno, "the first line "
					    "must name a language a column");
				if ((qa->langs[col++] = strdup(cell)) == NULL)
					return HABAR_ERR_NOMEM;
				qa->lang_count = col;
			}
			if (qa->lang_count < 2)
				return bad(qa, lineno, "a glossary needs two "
				    "languages or more");
			continue;
		}
		if (qa->term_count == qa->term_size) {
			size_t size = qa->term_size ? qa->term_size * 2 : 64;
			struct qa_term *terms;
			if (qa->term_size >= QA_MAX_TERMS) {
				qa->error_line = lineno;
				snprintf(qa->error, sizeof(qa->error),
				    "more than %d terms", QA_MAX_TERMS);
				return HABAR_ERR_LIMIT;
			}
			if ((terms = realloc(qa->terms, size *
			    sizeof(*terms))) == NULL)
				return HABAR_ERR_NOMEM;
			qa->terms = terms;
			qa->term_size = size;
		}
		t = &qa->terms[qa->term_count++];
		memset(t, 0, sizeof(*t));
		while ((cell = strsep(&p, "\t")) != NULL) {
			size_t n;
			if (col >= qa->lang_count) {
				status = bad(qa, lineno, "more cells than "
				    "languages");
				break;
			}
			cell += strspn(cell, " ");
			n = strlen(cell);
			while (n > 0 && cell[n - 1] == ' ')
				cell[--n] = '\0';
			if (n > 0 && habar__recognise_fold(qa->rec, cell, n,
			    folded, sizeof(folded)) > 0 &&
			    (t->terms[col] = strdup(folded)) == NULL) {
				status = HABAR_ERR_NOMEM;
				break;
			}
			col++;
		}
		if (status != HABAR_OK)
			return status;
	}
	if (ferror(fp))
		return HABAR_ERR_IO;
	if (qa->lang_count == 0)
		return bad(qa, lineno, "an empty glossary");
	return HABAR_OK;
}

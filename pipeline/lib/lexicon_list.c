/*
 * lexicon_list.c: the project's own trilingual word lists (the files
 * .tsv of dictionaries/lexicon) read into the lexicon, as the aligner's
 * word evidence where no memory is given.
 *
 * A memory's lexicon is learnt (lexicon.c), but most releases come
 * without a memory, and then the aligner had only lengths, numbers and
 * names to go by.  The words news writes most (said, year, police,
 * government) are what a memory's lexicon mostly learns, and they can be
 * written down once.  Each line of a list is one concept: its English,
 * Russian and Kazakh forms, each cut to the stems the memory's learning
 * uses; every stem of one language and every stem of another become pairs
 * of that concept, which the aligner reads as one word (every form of
 * "say" shares a key with every form of «сказать»).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>
#include <habar/lexicon.h>

#include "lexicon_internal.h"

/* The languages of a list's columns, in order. */
static const char *const column_lang[3] = { "en", "ru", "kk" };
/* The pairs of columns, each with its languages in byte order (as the
 * learnt tables have them). */
static const int pair_cols[3][2] = { { 0, 2 }, { 0, 1 }, { 2, 1 } };
#define FORMS_MAX 16
#define LINE_MAX_BYTES 4096
/*
 * A listed pair's counts, as if a memory of LIST_UNITS units had held
 * each word LIST_SEEN times and the two together LIST_BOTH times: a
 * translation keeps the word about half the time, and it is a word of
 * middling frequency (docs/habar-align.md, "The project's word lists").
 */
#define LIST_UNITS 1000
#define LIST_SEEN 20
#define LIST_BOTH 10

/* The entries of the three pairs of languages, growing. */
struct pairs {
	struct habar__lexicon_entry *e[3];
	size_t n[3], cap[3];
};

/*
 * The distinct stems of the comma-separated forms of field[0..len) in
 * out (FORMS_MAX at most); a form of more than one word (a hyphenated
 * one) is left out.  Returns their number.
 */
static size_t
field_stems(const struct habar__stemmer *st, const char *field, size_t len,
    uint32_t *out)
{
	uint32_t stem[2];
	size_t n = 0, i, k, end;

	for (i = 0; i < len; i = end + 1) {
		for (end = i; end < len && field[end] != ','; end++)
			continue;
		if (habar__stem_words(st, NULL, field + i, end - i, stem,
		    2) != 1)
			continue;
		for (k = 0; k < n && out[k] != stem[0]; k++)
			continue;
		if (k == n && n < FORMS_MAX)
			out[n++] = stem[0];
	}
	return n;
}

/* Appends the pairs of stems a[na] x b[nb] of concept to pair p. */
static enum habar_status
add_pairs(struct pairs *ps, int p, const uint32_t *a, size_t na,
    const uint32_t *b, size_t nb, uint32_t concept)
{
	struct habar__lexicon_entry *grown, *e;
	size_t i, j;

	if (ps->n[p] + na * nb > ps->cap[p]) {
		ps->cap[p] = (ps->n[p] + na * nb) * 2 + 64;
		grown = realloc(ps->e[p], ps->cap[p] * sizeof(*grown));
		if (grown == NULL)
			return HABAR_ERR_NOMEM;
		ps->e[p] = grown;
	}
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++) {
			e = &ps->e[p][ps->n[p]++];
			e->a = a[i];
			e->b = b[j];
			e->ab = e->ba = (float)LIST_BOTH / LIST_SEEN;
			e->both = LIST_BOTH;
			e->na = e->nb = LIST_SEEN;
			e->concept = concept;
		}
	return HABAR_OK;
}

/*
 * Reads one list, numbering its concepts from *concept on.  Returns
 * HABAR_OK, HABAR_ERR_INPUT (a malformed line, error set), HABAR_ERR_IO,
 * HABAR_ERR_NOMEM.
 */
static enum habar_status
read_list(struct habar_lexicon *lex, const char *path, struct pairs *ps,
    uint32_t *concept)
{
	const struct habar__stemmer *st[3];
	char line[LINE_MAX_BYTES];
	const char *field[3], *tab[2];
	size_t flen[3], nstems[3], len, k;
	uint32_t stems[3][FORMS_MAX];
	unsigned long lineno = 0;
	enum habar_status status = HABAR_OK;
	FILE *fp;
	int p;

	if ((fp = fopen(path, "r")) == NULL) {
		habar__lexicon_fail(lex, "%s: %s", path, strerror(errno));
		return HABAR_ERR_IO;
	}
	for (k = 0; k < 3; k++)
		st[k] = habar__lexicon_stemmer(lex, column_lang[k]);
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		len = strlen(line);
		if (len + 1 == sizeof(line) && line[len - 1] != '\n') {
			habar__lexicon_fail(lex, "%s:%lu: line too long", path,
			    lineno);
			status = HABAR_ERR_INPUT;
			goto done;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		tab[0] = memchr(line, '\t', len);
		tab[1] = tab[0] == NULL ? NULL : memchr(tab[0] + 1, '\t',
		    len - (size_t)(tab[0] + 1 - line));
		if (tab[1] == NULL || memchr(tab[1] + 1, '\t',
		    len - (size_t)(tab[1] + 1 - line)) != NULL) {
			habar__lexicon_fail(lex, "%s:%lu: three fields "
			    "separated by tabs expected (English, Russian, "
			    "Kazakh)", path, lineno);
			status = HABAR_ERR_INPUT;
			goto done;
		}
		field[0] = line;
		flen[0] = (size_t)(tab[0] - line);
		field[1] = tab[0] + 1;
		flen[1] = (size_t)(tab[1] - field[1]);
		field[2] = tab[1] + 1;
		flen[2] = len - (size_t)(field[2] - line);
		++*concept;
		for (k = 0; k < 3; k++)
			nstems[k] = field_stems(st[k], field[k], flen[k],
			    stems[k]);
		for (p = 0; p < 3; p++) {
			int ca = pair_cols[p][0], cb = pair_cols[p][1];

			if (nstems[ca] == 0 || nstems[cb] == 0)
				continue;
			if ((status = add_pairs(ps, p, stems[ca], nstems[ca],
			    stems[cb], nstems[cb], *concept)) != HABAR_OK)
				goto done;
		}
	}
	if (ferror(fp)) {
		habar__lexicon_fail(lex, "%s: %s", path, strerror(errno));
		status = HABAR_ERR_IO;
	}
done:
	fclose(fp);
	return status;
}

static int
is_list(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return d->d_name[0] != '.' && len > 4 &&
	    strcmp(d->d_name + len - 4, ".tsv") == 0;
}

enum habar_status
habar_lexicon_add_lists(struct habar_lexicon *lex, const char *dir)
{
	struct dirent **names = NULL;
	struct pairs ps;
	char *found = NULL, path[4096];
	uint32_t concept = 0;
	enum habar_status status = HABAR_OK;
	int n = 0, i, p;

	memset(&ps, 0, sizeof(ps));
	habar__lexicon_fail(lex, "%s", "");
	if (dir == NULL) {
		status = habar_data_find(&found, "dictionaries/lexicon");
		if (status == HABAR_ERR_NOTFOUND)
			return HABAR_OK;
		if (status != HABAR_OK)
			return status;
		dir = found;
	}
	/* In name order, so that the concepts are numbered alike on every
	 * system. */
	if ((n = scandir(dir, &names, is_list, alphasort)) < 0) {
		/* Before the message is formatted, which may set errno. */
		status = errno == ENOMEM ? HABAR_ERR_NOMEM : HABAR_ERR_IO;
		habar__lexicon_fail(lex, "%s: %s", dir, strerror(errno));
		n = 0;
		goto done;
	}
	for (i = 0; i < n && status == HABAR_OK; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    names[i]->d_name) >= sizeof(path)) {
			habar__lexicon_fail(lex, "%s: path too long", dir);
			status = HABAR_ERR_IO;
			break;
		}
		status = read_list(lex, path, &ps, &concept);
	}
	for (p = 0; p < 3 && status == HABAR_OK; p++) {
		if (ps.n[p] == 0)
			continue;
		status = habar__lexicon_add_table(lex,
		    column_lang[pair_cols[p][0]], column_lang[pair_cols[p][1]],
		    ps.e[p], ps.n[p], LIST_UNITS, 1);
		if (status == HABAR_OK)
			ps.e[p] = NULL;
	}
done:
	for (p = 0; p < 3; p++)
		free(ps.e[p]);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(found);
	return status;
}

/*
 * recognise_load.c: reading the recogniser's language data (see
 * habar/recognise.h) from locales/: month and weekday names with their
 * columns of grammatical forms, number, scale, percent and ordinal words,
 * currency words, the words of dates and times, the separators of
 * numbers, the forms a noun takes after a number, how a number sounds
 * at its end, and the letters of name skeletons.  Kept apart from the
 * matching so that the data formats are described in one place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data_internal.h"
#include "grow_internal.h"
#include "recognise_internal.h"

static const char *const lang_tags[REC_LANGS] = { "root", "en", "ru", "kk" };

static int
word_cmp(const void *a, const void *b)
{
	const struct rec_word *x = a, *y = b;
	int c = strcmp(x->text, y->text);

	return c != 0 ? c : (int)x->kind - (int)y->kind;
}

/* The first two bytes of s as one key, in the order strcmp() sorts. */
static unsigned
key2(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return u[0] == 0 ? 0 : (unsigned)u[0] << 8 | u[1];
}

/* Fills l->first2 from the sorted words. */
static enum habar_status
index_words(struct rec_lang *l)
{
	size_t k, w = 0;

	free(l->first2);
	if ((l->first2 = malloc(65537 * sizeof(*l->first2))) == NULL)
		return HABAR_ERR_NOMEM;
	for (k = 0; k <= 65536; k++) {
		while (w < l->count && key2(l->words[w].text) < k)
			w++;
		l->first2[k] = (uint32_t)w;
	}
	return HABAR_OK;
}

static enum habar_status
add_word(struct habar_recogniser *rec, struct rec_lang *l, const char *text,
    const struct rec_word *proto)
{
	struct rec_word *w;
	enum habar_status status;

	if ((status = habar__grow((void **)&l->words, &l->size, l->count + 1,
	    sizeof(*l->words), 256)) != HABAR_OK)
		return status;
	w = &l->words[l->count];
	*w = *proto;
	if (habar__recognise_fold(rec, text, strlen(text), w->text,
	    sizeof(w->text)) == 0)
		return HABAR_OK;	/* too long to ever match: left out */
	l->count++;
	return HABAR_OK;
}

/* Sets rec->error to "locales/<tag>/<name>:<line>: what". */
static enum habar_status
bad_line(struct habar_recogniser *rec, const char *tag, const char *name,
    unsigned long line, const char *what)
{
	snprintf(rec->error, sizeof(rec->error), "locales/%s/%s:%lu: %s", tag,
	    name, line, what);
	return HABAR_ERR_INPUT;
}

/*
 * Opens locales/<tag>/<name> of exactly that tag (no fallback, as root's
 * data is read separately); *fp_out is NULL when there is none.
 */
static enum habar_status
open_exact(FILE **fp_out, const char *tag, const char *name)
{
	char rel[128];
	enum habar_status status;

	snprintf(rel, sizeof(rel), "locales/%s/%s", tag, name);
	status = habar__data_open(fp_out, NULL, rel);
	if (status == HABAR_ERR_NOTFOUND) {
		*fp_out = NULL;
		return HABAR_OK;
	}
	return status;
}

/* Whether a word is a stem (matches the longer words beginning so). */
static int
stem_of(const char *word)
{
	/* Three letters or more: count code points, not bytes. */
	size_t n = 0;

	for (; *word != '\0'; word++)
		if (((unsigned char)*word & 0xC0) != 0x80)
			n++;
	return n >= 3;
}

/* The most words of a line of a word file. */
#define LINE_WORDS 32

/* A word file being read, for its line functions and their messages. */
struct word_file {
	const char *tag, *name;
	unsigned long lineno;
	const char *raw;		/* the line, before it was split */
	int kind, items, item;		/* months, weekdays */
	size_t least;			/* months, weekdays: fewest forms */
	char first[REC_WORD_MAX];
	int columns[RP_COUNT];		/* plural-words: category of column */
	size_t ncolumns;
};

static enum habar_status
bad(struct habar_recogniser *rec, const struct word_file *f, const char *what)
{
	return bad_line(rec, f->tag, f->name, f->lineno, what);
}

/* Takes one line of a word file, split at white space into w[0..n). */
typedef enum habar_status word_line_fn(struct habar_recogniser *rec,
    struct rec_lang *l, struct word_file *f, char **w, size_t n);

/*
 * The one reader of the word files of locales/<tag>/ (months, weekdays,
 * number-words, currency-words, date-words, measure-words): '#' starts a
 * comment line, blank lines are skipped, each other line goes split into
 * words to fn.  A file the locale does not have is no error.
 */
static enum habar_status
read_word_file(struct habar_recogniser *rec, struct rec_lang *l,
    struct word_file *f, word_line_fn *fn)
{
	char line[1024], raw[1024];
	char *w[LINE_WORDS], *save = NULL, *word;
	FILE *fp = NULL;
	enum habar_status status;

	if ((status = open_exact(&fp, f->tag, f->name)) != HABAR_OK ||
	    fp == NULL)
		return status;
	f->lineno = 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		size_t n = 0;
		f->lineno++;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		memcpy(raw, line, strlen(line) + 1);
		f->raw = raw;
		for (word = strtok_r(line, " \t", &save); word != NULL;
		    word = strtok_r(NULL, " \t", &save)) {
			if (n == LINE_WORDS) {
				status = bad(rec, f, "too many words");
				goto done;
			}
			w[n++] = word;
		}
		if ((status = fn(rec, l, f, w, n)) != HABAR_OK)
			goto done;
	}
	if (ferror(fp))
		status = HABAR_ERR_IO;
done:
	fclose(fp);
	return status;
}

/* Months or weekdays: one item a line, its forms in columns. */
static enum habar_status
name_line(struct habar_recogniser *rec, struct rec_lang *l,
    struct word_file *f, char **w, size_t n)
{
	enum habar_status status;
	size_t k;

	if (++f->item > f->items)
		return bad(rec, f, "too many lines");
	if (f->item == 1 || n < f->least)
		f->least = n;
	if (n > REC_FORMS)
		return bad(rec, f, "too many or too long forms");
	for (k = 0; k < n; k++) {
		struct rec_word proto;
		size_t wl = strlen(w[k]);
		if (wl >= REC_WORD_MAX)
			return bad(rec, f, "too many or too long forms");
		memset(&proto, 0, sizeof(proto));
		proto.kind = (unsigned char)f->kind;
		proto.form = (unsigned char)(k + 1);
		proto.value = f->item;
		if (k == 0)
			memcpy(f->first, w[k], wl + 1);
		else
			proto.abbrev = strncmp(f->first, w[k], wl) == 0;
		if (f->kind == RW_MONTH)
			memcpy(l->months[f->item - 1][k], w[k], wl + 1);
		if ((status = add_word(rec, l, w[k], &proto)) != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

static enum habar_status
load_names(struct habar_recogniser *rec, struct rec_lang *l, const char *tag,
    const char *name, int kind, int items)
{
	struct word_file f;
	enum habar_status status;

	memset(&f, 0, sizeof(f));
	f.tag = tag;
	f.name = name;
	f.kind = kind;
	f.items = items;
	size_t k;

	status = read_word_file(rec, l, &f, name_line);
	/* A locale without the file has no names of that kind. */
	if (status == HABAR_OK && f.lineno > 0 && f.item != items)
		status = bad(rec, &f, items == 12 ? "twelve months wanted" :
		    "seven weekdays wanted");
	/* An abbreviation begins the first form and stands in a column
	 * past those every line fills: Russian «август» (nominative, in
	 * a column every month has) is a month on its own though it begins
	 * «августа»; «авг» is not. */
	for (k = 0; status == HABAR_OK && k < l->count; k++)
		if (l->words[k].kind == kind && l->words[k].form <= f.least)
			l->words[k].abbrev = 0;
	return status;
}

/* The keyword that opens a line of number-words, date-words or
 * measure-words, and the kind of word the line gives. */
static const struct {
	const char *keyword;
	int kind;
} line_kinds[] = {
	{ "am", RW_AM },
	{ "clock", RW_CLOCK },
	{ "hour", RW_HOUR },
	{ "imperial", RW_IMPERIAL },
	{ "metric", RW_METRIC },
	{ "number", RW_NUMBER },
	{ "ordinal", RW_ORDINAL },
	{ "part", RW_PART },
	{ "percent", RW_PERCENT },
	{ "pm", RW_PM },
	{ "scale", RW_SCALE },
	{ "year", RW_YEAR },
};

/* The bit of a kind in the allowed argument of line_kind(). */
#define KIND_BIT(k) (1u << (k))

/*
 * The kind the keyword names, when it is one of the kinds allowed (a
 * sum of KIND_BIT()) in the file being read, else 0: one mapping for
 * every word file, so that a keyword means the same in each.
 */
static int
line_kind(const char *keyword, unsigned allowed)
{
	size_t i;

	for (i = 0; i < sizeof(line_kinds) / sizeof(line_kinds[0]); i++)
		if (strcmp(keyword, line_kinds[i].keyword) == 0)
			return (allowed & KIND_BIT(line_kinds[i].kind)) ?
			    line_kinds[i].kind : 0;
	return 0;
}

/*
 * Starts *proto, the word of a line "KEYWORD WORD...", with the kind the
 * keyword w[0] names, which must be one of allowed (a sum of
 * KIND_BIT()).  Returns HABAR_OK, or the line's error when it has no
 * word or its keyword is not one of them.
 */
static enum habar_status
line_start(struct habar_recogniser *rec, struct word_file *f, char **w,
    size_t n, unsigned allowed, struct rec_word *proto)
{
	memset(proto, 0, sizeof(*proto));
	if (n < 2)
		return bad(rec, f, "no word");
	if ((proto->kind = (unsigned char)line_kind(w[0], allowed)) == 0)
		return bad(rec, f, "unknown kind");
	return HABAR_OK;
}

/* number-words: "number WORD VALUE", "scale WORD VALUE", "percent WORD
 * [WORD]", "ordinal SUFFIX". */
static enum habar_status
number_line(struct habar_recogniser *rec, struct rec_lang *l,
    struct word_file *f, char **w, size_t n)
{
	struct rec_word proto;
	char *end = NULL;
	enum habar_status status;

	if ((status = line_start(rec, f, w, n, KIND_BIT(RW_NUMBER) |
	    KIND_BIT(RW_SCALE) | KIND_BIT(RW_PERCENT) | KIND_BIT(RW_ORDINAL),
	    &proto)) != HABAR_OK)
		return status;
	if (proto.kind == RW_NUMBER || proto.kind == RW_SCALE) {
		if (n > 2)
			proto.number = strtod(w[2], &end);
		if (n < 3 || *end != '\0' || proto.number <= 0)
			return bad(rec, f, "no value");
	}
	if (proto.kind == RW_PERCENT && n == 3) {
		/* Two words ("per cent"): kept joined by one space, matched
		 * whole, never as a stem. */
		char phrase[REC_WORD_MAX];
		if ((size_t)snprintf(phrase, sizeof(phrase), "%s %s", w[1],
		    w[2]) >= sizeof(phrase))
			return bad(rec, f, "percent words too long");
		return add_word(rec, l, phrase, &proto);
	}
	if (n > 3 || (n == 3 && proto.kind != RW_NUMBER &&
	    proto.kind != RW_SCALE))
		return bad(rec, f, "too many words");
	proto.stem = (proto.kind == RW_SCALE || proto.kind == RW_PERCENT) &&
	    stem_of(w[1]);
	return add_word(rec, l, w[1], &proto);
}

/* currency-words: "CODE WORD...". */
static enum habar_status
currency_line(struct habar_recogniser *rec, struct rec_lang *l,
    struct word_file *f, char **w, size_t n)
{
	struct rec_word proto;
	enum habar_status status;
	size_t k;

	if (strlen(w[0]) != 3)
		return bad(rec, f, "not a currency code");
	memset(&proto, 0, sizeof(proto));
	proto.kind = RW_CURRENCY;
	memcpy(proto.code, w[0], 4);
	for (k = 1; k < n; k++) {
		proto.stem = stem_of(w[k]);
		if ((status = add_word(rec, l, w[k], &proto)) != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

/* date-words: "year WORD", "hour WORD", "am WORD", "pm WORD", "clock
 * WORD", "part WORD FIRST LAST", "date FORMAT" (the rest of the line). */
static enum habar_status
date_line(struct habar_recogniser *rec, struct rec_lang *l,
    struct word_file *f, char **w, size_t n)
{
	struct rec_word proto;
	enum habar_status status;

	if (strncmp(f->raw, "date ", 5) == 0) {
		if (strlen(f->raw + 5) >= sizeof(l->date_format))
			return bad(rec, f, "format too long");
		strcpy(l->date_format, f->raw + 5);
		return HABAR_OK;
	}
	if ((status = line_start(rec, f, w, n, KIND_BIT(RW_YEAR) |
	    KIND_BIT(RW_HOUR) | KIND_BIT(RW_AM) | KIND_BIT(RW_PM) |
	    KIND_BIT(RW_CLOCK) | KIND_BIT(RW_PART), &proto)) != HABAR_OK)
		return status;
	if (proto.kind == RW_PART) {
		char *end1 = NULL, *end2 = NULL;
		long first = n == 4 ? strtol(w[2], &end1, 10) : -1;
		long last = n == 4 ? strtol(w[3], &end2, 10) : -1;
		if (n != 4 || *end1 != '\0' || *end2 != '\0' || first < 0 ||
		    first > 23 || last < 0 || last > 23)
			return bad(rec, f, "not 'part WORD FIRST LAST' (hours "
			    "0-23)");
		proto.value = (int)first;
		proto.number = (double)last;
	} else if (n != 2)
		return bad(rec, f, "one word wanted");
	/* A clock noun or a part of the day is matched whole. */
	proto.stem = proto.kind == RW_CLOCK || proto.kind == RW_PART ? 0 :
	    stem_of(w[1]);
	return add_word(rec, l, w[1], &proto);
}

/* measure-words: "imperial WORD QUANTITY FACTOR", "metric WORD ...". */
static enum habar_status
measure_line(struct habar_recogniser *rec, struct rec_lang *l,
    struct word_file *f, char **w, size_t n)
{
	struct rec_word proto;
	char *end = NULL;

	memset(&proto, 0, sizeof(proto));
	if (n > 3)
		proto.number = strtod(w[3], &end);
	proto.kind = (unsigned char)line_kind(w[0], KIND_BIT(RW_IMPERIAL) |
	    KIND_BIT(RW_METRIC));
	if (n < 2 || proto.kind == 0 || n == 3 || n > 4 ||
	    (n == 4 && (*end != '\0' || !(proto.number > 0))))
		return bad(rec, f, "not 'imperial|metric WORD [QUANTITY "
		    "FACTOR]'");
	if (n == 4)
		snprintf(proto.code, sizeof(proto.code), "%.3s", w[2]);
	proto.stem = stem_of(w[1]);
	return add_word(rec, l, w[1], &proto);
}

/* The category of ICU's name, or RP_COUNT when it names none. */
static size_t
plural_category(const char *name)
{
	static const char *const names[RP_COUNT] = { "zero", "one", "two",
	    "few", "many", "other" };
	size_t c;

	for (c = 0; c < RP_COUNT && strcmp(name, names[c]) != 0; c++)
		;
	return c;
}

/*
 * plural-words: "categories CATEGORY..." first (ICU's names: zero, one,
 * two, few, many, other), then one word a line, its forms in those
 * columns ("день дня дней дня"), lines "= WORD..." of words that follow
 * a number without changing (и, млн), a line "genitive CATEGORY..." (for
 * each column, the column whose form the noun takes in the genitive) and
 * lines "genitive-after WORD..." of the words before a number that put
 * its noun in the genitive (около, более).
 */
static enum habar_status
plural_line(struct habar_recogniser *rec, struct rec_lang *l,
    struct word_file *f, char **w, size_t n)
{
	struct rec_plural_word *p;
	struct rec_word proto;
	size_t k, c;
	int same = strcmp(w[0], "=") == 0;
	enum habar_status status;

	if (strcmp(w[0], "categories") == 0) {
		if (f->ncolumns > 0 || n < 2 || n > RP_COUNT + 1)
			return bad(rec, f, "one 'categories' line of up to six "
			    "names wanted");
		for (c = 0; c < RP_COUNT; c++)
			l->genitive[c] = -1;
		for (k = 1; k < n; k++) {
			if ((c = plural_category(w[k])) == RP_COUNT)
				return bad(rec, f, "unknown plural category");
			f->columns[f->ncolumns++] = (int)c;
			l->plural_has[c] = 1;
		}
		return HABAR_OK;
	}
	if (f->ncolumns == 0)
		return bad(rec, f, "no 'categories' line before the words");
	if (strcmp(w[0], "genitive") == 0) {
		if (n != f->ncolumns + 1)
			return bad(rec, f, "not one category for each column");
		for (k = 1; k < n; k++) {
			if ((c = plural_category(w[k])) == RP_COUNT ||
			    !l->plural_has[c])
				return bad(rec, f, "not a category of the "
				    "'categories' line");
			l->genitive[f->columns[k - 1]] = (signed char)c;
		}
		return HABAR_OK;
	}
	if (strcmp(w[0], "genitive-after") == 0) {
		memset(&proto, 0, sizeof(proto));
		proto.kind = RW_GENITIVE;
		for (k = 1; k < n; k++)
			if ((status = add_word(rec, l, w[k], &proto)) !=
			    HABAR_OK)
				return status;
		return HABAR_OK;
	}
	if (!same && n != f->ncolumns)
		return bad(rec, f, "not one form for each category");
	for (k = same ? 1 : 0; k < (same ? n : 1); k++) {
		if ((status = habar__grow((void **)&l->plurals,
		    &l->plural_size, l->plural_count + 1, sizeof(*l->plurals),
		    64)) != HABAR_OK)
			return status;
		p = &l->plurals[l->plural_count];
		memset(p, 0, sizeof(*p));
		for (c = 0; c < RP_COUNT; c++) {
			/* An unchanging word: its one form for every
			 * category; else the form of the column. */
			const char *form = NULL;
			size_t col;
			if (same)
				form = w[k];
			for (col = 0; !same && col < f->ncolumns; col++)
				if (f->columns[col] == (int)c)
					form = w[col];
			if (form != NULL && habar__recognise_fold(rec, form,
			    strlen(form), p->forms[c], sizeof(p->forms[c])) ==
			    0)
				return bad(rec, f, "word too long");
		}
		l->plural_count++;
	}
	return HABAR_OK;
}

/* number-sounds: "VALUE WORD CLASS", the class of a number's last word. */
static enum habar_status
sound_line(struct habar_recogniser *rec, struct rec_lang *l,
    struct word_file *f, char **w, size_t n)
{
	struct rec_sound *snd;
	enum habar_status status;
	char *end = NULL;
	double value;

	if (n != 3)
		return bad(rec, f, "not 'VALUE WORD CLASS'");
	value = strtod(w[0], &end);
	if (*end != '\0' || value < 0 || strlen(w[2]) >= sizeof(snd->cls))
		return bad(rec, f, "not 'VALUE WORD CLASS'");
	if ((status = habar__grow((void **)&l->sounds, &l->sound_size,
	    l->sound_count + 1, sizeof(*l->sounds), 32)) != HABAR_OK)
		return status;
	snd = &l->sounds[l->sound_count++];
	snd->value = value;
	memcpy(snd->cls, w[2], strlen(w[2]) + 1);
	return HABAR_OK;
}

/* Reads the word file name of tag with fn. */
static enum habar_status
load_words(struct habar_recogniser *rec, struct rec_lang *l, const char *tag,
    const char *name, word_line_fn *fn)
{
	struct word_file f;

	memset(&f, 0, sizeof(f));
	f.tag = tag;
	f.name = name;
	return read_word_file(rec, l, &f, fn);
}

/* number-format: "decimal = SEPARATORS", "group = SEPARATORS". */
static enum habar_status
load_number_format(struct habar_recogniser *rec, struct rec_lang *l,
    const char *tag)
{
	static const char name[] = "number-format";
	char line[256];
	FILE *fp = NULL;
	unsigned long lineno = 0;
	enum habar_status status;

	if ((status = habar__data_open(&fp, tag, name)) != HABAR_OK)
		return status;
	while (fgets(line, sizeof(line), fp) != NULL) {
		const char *key, *value;
		size_t key_len, value_len, i, n = 0;
		char *dst, *save = NULL, *sep, buf[256];
		int r;
		lineno++;
		r = habar__data_key_value(line, strlen(line), &key, &key_len,
		    &value, &value_len);
		if (r == 0)
			continue;
		if (r < 0 || value_len >= sizeof(buf)) {
			status = bad_line(rec, tag, name, lineno, "no '='");
			goto done;
		}
		if (key_len == 7 && memcmp(key, "decimal", 7) == 0)
			dst = l->decimal;
		else if (key_len == 5 && memcmp(key, "group", 5) == 0)
			dst = l->group;
		else {
			status = bad_line(rec, tag, name, lineno,
			    "unknown key");
			goto done;
		}
		memcpy(buf, value, value_len);
		buf[value_len] = '\0';
		for (sep = strtok_r(buf, " \t", &save); sep != NULL;
		    sep = strtok_r(NULL, " \t", &save)) {
			char c = strcmp(sep, "space") == 0 ? ' ' : sep[0];
			if ((strlen(sep) != 1 && c != ' ') ||
			    (unsigned char)c >= 0x80 || n + 1 >= 8) {
				status = bad_line(rec, tag, name, lineno,
				    "not a separator");
				goto done;
			}
			for (i = 0; i < n && dst[i] != c; i++)
				;
			if (i == n)
				dst[n++] = c;
		}
		dst[n] = '\0';
	}
done:
	fclose(fp);
	return status;
}

static int
letter_cmp(const void *a, const void *b)
{
	const struct rec_letter *x = a, *y = b;

	/* By first byte, then longer spellings first, so that digraphs win
	 * over their letters. */
	size_t lx = strlen(x->from), ly = strlen(y->from);
	unsigned char bx = (unsigned char)x->from[0];
	unsigned char by = (unsigned char)y->from[0];

	if (bx != by)
		return bx < by ? -1 : 1;
	return lx != ly ? (lx < ly ? 1 : -1) : strcmp(x->from, y->from);
}

static enum habar_status
load_letters(struct habar_recogniser *rec)
{
	static const char name[] = "name-letters";
	char line[256];
	FILE *fp = NULL;
	unsigned long lineno = 0;
	size_t size = 0, i;
	enum habar_status status;

	if ((status = habar__data_open(&fp, "root", name)) != HABAR_OK)
		return status;
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *save = NULL, *from, *to;
		struct rec_letter *l;
		lineno++;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
			continue;
		from = strtok_r(line, " \t\r\n", &save);
		to = strtok_r(NULL, " \t\r\n", &save);
		if (to == NULL || strlen(to) >= sizeof(l->to)) {
			status = bad_line(rec, "root", name, lineno,
			    "no skeleton");
			goto done;
		}
		if (rec->letter_count == 4096) {
			status = bad_line(rec, "root", name, lineno,
			    "more than 4096 letters");
			goto done;
		}
		if ((status = habar__grow((void **)&rec->letters, &size,
		    rec->letter_count + 1, sizeof(*rec->letters), 128)) !=
		    HABAR_OK)
			goto done;
		l = &rec->letters[rec->letter_count];
		if (habar__recognise_fold(rec, from, strlen(from), l->from,
		    sizeof(l->from)) == 0) {
			status = bad_line(rec, "root", name, lineno,
			    "letter too long");
			goto done;
		}
		strcpy(l->to, strcmp(to, "-") == 0 ? "" : to);
		rec->letter_count++;
	}
	qsort(rec->letters, rec->letter_count, sizeof(*rec->letters),
	    letter_cmp);
	{
		size_t b, k = 0;
		for (b = 0; b <= 256; b++) {
			while (k < rec->letter_count && (unsigned char)
			    rec->letters[k].from[0] < b)
				k++;
			rec->letter_at[b] = (uint16_t)k;
		}
	}
	for (i = 0; i < rec->letter_count; i++) {
		const unsigned char *f = (const unsigned char *)
		    rec->letters[i].from;
		size_t cl = f[0] < 0x80 ? 1 : f[0] < 0xE0 ? 2 : f[0] < 0xF0 ?
		    3 : 4;
		if (strlen(rec->letters[i].from) > cl)
			rec->digraphs = i + 1;
	}
done:
	fclose(fp);
	return status;
}

enum habar_status
habar__recognise_load(struct habar_recogniser *rec)
{
	enum habar_status status = HABAR_OK;
	size_t i;

	for (i = 0; status == HABAR_OK && i < REC_LANGS; i++) {
		struct rec_lang *l = &rec->langs[i];
		const char *tag = lang_tags[i];
		snprintf(l->tag, sizeof(l->tag), "%s", tag);
		if ((status = load_words(rec, l, "root", "number-words",
		    number_line)) != HABAR_OK ||
		    (status = load_words(rec, l, "root", "currency-words",
		    currency_line)) != HABAR_OK)
			break;
		if (i > 0 &&
		    ((status = load_words(rec, l, tag, "number-words",
		    number_line)) != HABAR_OK ||
		    (status = load_words(rec, l, tag, "currency-words",
		    currency_line)) != HABAR_OK ||
		    (status = load_names(rec, l, tag, "months", RW_MONTH, 12)) !=
		    HABAR_OK ||
		    (status = load_names(rec, l, tag, "weekdays", RW_WEEKDAY,
		    7)) != HABAR_OK ||
		    (status = load_words(rec, l, tag, "date-words",
		    date_line)) != HABAR_OK ||
		    (status = load_words(rec, l, tag, "measure-words",
		    measure_line)) != HABAR_OK ||
		    (status = load_words(rec, l, tag, "plural-words",
		    plural_line)) != HABAR_OK ||
		    (status = load_words(rec, l, tag, "number-sounds",
		    sound_line)) != HABAR_OK))
			break;
		if ((status = load_number_format(rec, l, tag)) != HABAR_OK)
			break;
		qsort(l->words, l->count, sizeof(*l->words), word_cmp);
		if ((status = index_words(l)) != HABAR_OK)
			break;
	}
	if (status == HABAR_OK)
		status = load_letters(rec);
	return status;
}

const struct rec_lang *
habar__recognise_lang(const struct habar_recogniser *rec, const char *tag)
{
	size_t i;

	for (i = 1; tag != NULL && i < REC_LANGS; i++) {
		size_t n = strlen(rec->langs[i].tag);
		if (strncmp(tag, rec->langs[i].tag, n) == 0 &&
		    (tag[n] == '\0' || tag[n] == '-' || tag[n] == '_'))
			return &rec->langs[i];
	}
	return &rec->langs[0];
}

/*
 * The first of l's words in [lo, hi) that does not sort below the word
 * folded[0..len) (a longer word with those first bytes sorts after it).
 */
static size_t
first_not_below(const struct rec_lang *l, size_t lo, size_t hi,
    const char *folded, size_t len)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(l->words[mid].text, folded, len);
		if (c == 0 && l->words[mid].text[len] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct rec_word *
habar__recognise_word(const struct rec_lang *l, const char *folded,
    size_t len, int kind, int stems)
{
	size_t lo;

	if (len == 0 || len >= REC_WORD_MAX)
		return NULL;
	/* Exact: the first entry not below the word, then its equals. */
	lo = first_not_below(l, 0, l->count, folded, len);
	for (; lo < l->count && strlen(l->words[lo].text) == len &&
	    memcmp(l->words[lo].text, folded, len) == 0; lo++)
		if (l->words[lo].kind == kind)
			return &l->words[lo];
	if (!stems)
		return NULL;
	/* A stem: some shorter prefix of the word, tried longest first. */
	while (--len >= 3) {
		const struct rec_word *w;
		if (((unsigned char)folded[len] & 0xC0) == 0x80)
			continue;
		w = habar__recognise_word(l, folded, len, kind, 0);
		if (w != NULL && w->stem)
			return w;
	}
	return NULL;
}

void
habar__recognise_lookup(const struct rec_lang *l, struct rec_token *t,
    int stems)
{
	size_t len = strlen(t->fold), n, floor, top;
	unsigned key = key2(t->fold);
	size_t lo;

	if (!(t->looked & 1)) {
		t->looked |= 1;
		t->exact_first = 0;
		t->exact_count = 0;
		/* Among the words of the same first two bytes: where any
		 * match is. */
		lo = first_not_below(l, l->first2[key], l->first2[key + 1],
		    t->fold, len);
		t->exact_first = (uint32_t)lo;
		for (n = lo; n < l->count && len > 0 &&
		    strcmp(l->words[n].text, t->fold) == 0; n++)
			;
		t->exact_count = (uint32_t)(n - lo);
	}
	if (!stems || (t->looked & 2))
		return;
	t->looked |= 2;
	t->nstems = 0;
	if (len <= 3)
		return;
	/*
	 * Stems: shorter prefixes, longest first.  Each is sought only
	 * between the first entry not below the word's first three bytes
	 * (which no prefix sorts before) and where the longer prefix before
	 * it was found (which no shorter one sorts after): a few entries,
	 * not the whole list, for each of a word's many prefixes.
	 */
	floor = first_not_below(l, l->first2[key], l->first2[key + 1],
	    t->fold, 3);
	top = t->exact_first;
	if (floor >= top)
		return;		/* no word between: no prefix of fold */
	while (--len >= 3 && t->nstems < 4) {
		if (((unsigned char)t->fold[len] & 0xC0) == 0x80)
			continue;
		lo = first_not_below(l, floor, top, t->fold, len);
		top = lo;
		for (; lo < l->count && t->nstems < 4 &&
		    strncmp(l->words[lo].text, t->fold, len) == 0 &&
		    l->words[lo].text[len] == '\0'; lo++)
			if (l->words[lo].stem)
				t->stems[t->nstems++] = (uint32_t)lo;
	}
}

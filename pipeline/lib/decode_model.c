/*
 * decode_model.c: the letter models that tell one reading of a byte string
 * from another, and the scorer built on them.
 *
 * A wrong encoding does not make random noise: it swaps letters for other
 * letters, for Serbian or Tajik ones, for box-drawing signs, and it turns
 * the case of whole words upside down.  So a candidate decoding is rated
 * by how likely its characters are under a bigram model of Kazakh and one
 * of Russian text, plus a model of how letter case changes from one
 * character to the next.  The models are data (locales/<lang>/letter-model,
 * built by scripts/make-letter-model.py, whose character classes this file
 * mirrors); no ICU is needed here.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data_internal.h"
#include "decode_internal.h"

/* The class symbols follow the letters, in this order. */
enum {
	SYM_SPACE, SYM_PUNCT, SYM_DIGIT, SYM_LATIN, SYM_CYRILLIC, SYM_OTHER,
	SYM_CLASSES
};
static const char class_chars[SYM_CLASSES + 1] = "_.0LC?";

enum { CASE_UPPER, CASE_LOWER, CASE_NONE };

/* How much a bigram count is pulled towards the unigram distribution: the
 * smaller the count of the first symbol, the more it is. */
#define SMOOTHING 20.0

/* Extra log-probability charged for a character no text contains. */
#define BAD_PENALTY 8.0

/* The biggest model file accepted. */
#define MAX_MODEL_BYTES (1u << 20)

static const char *model_langs[HABAR__DECODE_LANGS] = { "kk", "ru" };

/* Lower-cases a Cyrillic code point by the layout of the block (the same
 * arithmetic as fold() in scripts/make-letter-model.py). */
static uint32_t
fold_cyrillic(uint32_t cp)
{
	if (cp >= 0x0410 && cp <= 0x042F)
		return cp + 0x20;
	if (cp >= 0x0400 && cp <= 0x040F)
		return cp + 0x50;
	if (((cp >= 0x0460 && cp <= 0x04BF) || (cp >= 0x04D0 && cp <= 0x04FF)) &&
	    cp % 2 == 0)
		return cp + 1;
	if (cp >= 0x04C1 && cp <= 0x04CE && cp % 2 == 1)
		return cp + 1;
	return cp;
}

static int
is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 0x21 && cp <= 0x7E &&
		    !(cp >= '0' && cp <= '9') && !(cp >= 'A' && cp <= 'Z') &&
		    !(cp >= 'a' && cp <= 'z');
	return (cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2010 && cp <= 0x205E) ||
	    cp == 0x2116 || cp == 0x20AC || cp == 0x2122;
}

static int
case_of(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return CASE_UPPER;
	if (cp >= 'a' && cp <= 'z')
		return CASE_LOWER;
	if (cp >= 0x0400 && cp <= 0x04FF)
		return fold_cyrillic(cp) != cp ? CASE_UPPER : CASE_LOWER;
	return CASE_NONE;
}

/* The symbol of cp under model. */
static int
symbol_of(const struct habar__letter_model *model, uint32_t cp)
{
	int base = model->letters;

	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f')
		return base + SYM_SPACE;
	if (cp >= '0' && cp <= '9')
		return base + SYM_DIGIT;
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		return base + SYM_LATIN;
	if (cp >= 0x0400 && cp <= 0x04FF) {
		int s = model->cyrillic[fold_cyrillic(cp) - 0x0400];
		return s >= 0 ? s : base + SYM_CYRILLIC;
	}
	if (is_punct(cp))
		return base + SYM_PUNCT;
	return base + SYM_OTHER;
}

/* Characters that no text of ours contains. */
static int
is_bad(uint32_t cp)
{
	if (cp == 0xFFFD || (cp >= 0x80 && cp <= 0x9F))
		return 1;
	return cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' &&
	    cp != '\f';
}

/* Decodes one UTF-8 character of a model file (well-formed by contract of
 * the file; anything else is an error).  Returns its length or 0. */
static size_t
utf8_char(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (len >= 1 && p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (len >= 2 && (p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	return 0;
}

/* Reads a symbol name (a letter of the alphabet or a class character)
 * from *s, advancing it.  Returns the symbol or -1. */
static int
parse_symbol(const struct habar__letter_model *model, const char **s,
    const char *end)
{
	uint32_t cp;
	size_t n = utf8_char(*s, (size_t)(end - *s), &cp);
	const char *c;

	if (n == 0)
		return -1;
	*s += n;
	if (cp < 0x80) {
		if (cp == 0 || (c = strchr(class_chars, (int)cp)) == NULL)
			return -1;
		return model->letters + (int)(c - class_chars);
	}
	if (cp < 0x0400 || cp > 0x04FF)
		return -1;
	return model->cyrillic[cp - 0x0400];
}

enum habar_status
habar__letter_model_parse(struct habar__letter_model *model, const char *text,
    size_t len)
{
	static double counts[HABAR__DECODE_MAX_SYMBOLS][HABAR__DECODE_MAX_SYMBOLS];
	double case_counts[3][3] = { { 0 } };
	double unigram[HABAR__DECODE_MAX_SYMBOLS], total = 0;
	const char *p = text, *end = text + len;
	int symbols, a, b, have_letters = 0;
	enum habar_status status = HABAR_ERR_INPUT;
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	/* counts is large for a stack; the mutex makes it safe to share. */
	pthread_mutex_lock(&lock);
	memset(model, 0, sizeof(*model));
	memset(model->cyrillic, -1, sizeof(model->cyrillic));
	memset(counts, 0, sizeof(counts));
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *line = p, *q;
		if (eol == NULL)
			eol = end;
		p = eol + 1;
		if (line == eol || *line == '#')
			continue;
		if (eol - line > 8 && memcmp(line, "letters ", 8) == 0) {
			uint32_t cp;
			size_t n;
			if (have_letters)
				goto done;
			for (q = line + 8; q < eol; q += n) {
				n = utf8_char(q, (size_t)(eol - q), &cp);
				if (n == 0 || cp < 0x0400 || cp > 0x04FF ||
				    fold_cyrillic(cp) != cp ||
				    model->cyrillic[cp - 0x0400] >= 0 ||
				    model->letters >= HABAR__DECODE_MAX_LETTERS)
					goto done;
				model->cyrillic[cp - 0x0400] =
				    (signed char)model->letters++;
			}
			have_letters = 1;
		} else if (have_letters && eol - line > 7 &&
		    memcmp(line, "bigram ", 7) == 0) {
			char *num_end;
			double n;
			q = line + 7;
			if ((a = parse_symbol(model, &q, eol)) < 0 || q >= eol ||
			    *q++ != ' ' ||
			    (b = parse_symbol(model, &q, eol)) < 0 || q >= eol ||
			    *q++ != ' ')
				goto done;
			n = strtod(q, &num_end);
			if (num_end != eol || !(n >= 0) || n > 1e15)
				goto done;
			counts[a][b] += n;
		} else if (eol - line > 5 && memcmp(line, "case ", 5) == 0) {
			static const char cases[] = "Ul-";
			const char *ca, *cb;
			char *num_end;
			double n;
			if (eol - line < 10 || line[6] != ' ' || line[8] != ' ' ||
			    (ca = memchr(cases, line[5], 3)) == NULL ||
			    (cb = memchr(cases, line[7], 3)) == NULL)
				goto done;
			n = strtod(line + 9, &num_end);
			if (num_end != eol || !(n >= 0) || n > 1e15)
				goto done;
			case_counts[ca - cases][cb - cases] += n;
		} else
			goto done;
	}
	if (!have_letters || model->letters == 0)
		goto done;
	symbols = model->letters + SYM_CLASSES;
	for (b = 0; b < symbols; b++) {
		unigram[b] = 0;
		for (a = 0; a < symbols; a++)
			unigram[b] += counts[a][b];
		total += unigram[b];
	}
	if (total <= 0)
		goto done;
	for (b = 0; b < symbols; b++)
		unigram[b] = (unigram[b] + 0.5) / (total + 0.5 * symbols);
	for (a = 0; a < symbols; a++) {
		double sum = 0;
		for (b = 0; b < symbols; b++)
			sum += counts[a][b];
		for (b = 0; b < symbols; b++)
			model->bigram[a][b] = (float)log(
			    (counts[a][b] + SMOOTHING * unigram[b]) /
			    (sum + SMOOTHING));
	}
	/* Foreign letters and signs come one at a time in real text, but a
	 * wrong encoding makes whole words of them; learnt from the few in
	 * the training text, a run of them would look cheap.  Charge each
	 * its plain frequency, whatever came before. */
	for (a = 0; a < symbols; a++) {
		model->bigram[a][model->letters + SYM_CYRILLIC] =
		    (float)log(unigram[model->letters + SYM_CYRILLIC]);
		model->bigram[a][model->letters + SYM_OTHER] =
		    (float)log(unigram[model->letters + SYM_OTHER]);
	}
	for (a = 0; a < 3; a++) {
		double sum = case_counts[a][0] + case_counts[a][1] +
		    case_counts[a][2];
		for (b = 0; b < 3; b++)
			model->letter_case[a][b] = (float)log(
			    (case_counts[a][b] + 1.0) / (sum + 3.0));
	}
	status = HABAR_OK;
done:
	pthread_mutex_unlock(&lock);
	return status;
}

/* Reads the model of lang from the data directory into model. */
static enum habar_status
load_model(struct habar__letter_model *model, const char *lang)
{
	char *text = NULL;
	FILE *fp = NULL;
	size_t len;
	enum habar_status status;

	status = habar__data_open(&fp, lang, "letter-model");
	if (status != HABAR_OK)
		goto done;
	/* A model of MAX_MODEL_BYTES or more is refused. */
	status = habar__read_all(&text, &len, fp, MAX_MODEL_BYTES - 1);
	if (status != HABAR_OK)
		goto done;
	status = habar__letter_model_parse(model, text, len);
done:
	if (fp != NULL)
		fclose(fp);
	free(text);
	return status;
}

static struct habar__decode_models loaded_models;
static enum habar_status loaded_status;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void
load_all(void)
{
	int i;

	for (i = 0; i < HABAR__DECODE_LANGS; i++) {
		loaded_status = load_model(&loaded_models.lang[i],
		    model_langs[i]);
		if (loaded_status != HABAR_OK)
			return;
	}
}

enum habar_status
habar__decode_models_get(const struct habar__decode_models **models_out)
{
	pthread_once(&load_once, load_all);
	*models_out = loaded_status == HABAR_OK ? &loaded_models : NULL;
	return loaded_status;
}

void
habar__score_init(struct habar__score *score,
    const struct habar__decode_models *models)
{
	int i;

	memset(score, 0, sizeof(*score));
	score->models = models;
	for (i = 0; i < HABAR__DECODE_LANGS; i++)
		score->prev_symbol[i] = models->lang[i].letters + SYM_SPACE;
	score->prev_case = CASE_NONE;
}

void
habar__score_add(struct habar__score *score, uint32_t cp)
{
	int i, c = case_of(cp);

	for (i = 0; i < HABAR__DECODE_LANGS; i++) {
		const struct habar__letter_model *m = &score->models->lang[i];
		int s = symbol_of(m, cp);
		score->sum[i] += m->bigram[score->prev_symbol[i]][s] +
		    m->letter_case[score->prev_case][c];
		score->prev_symbol[i] = s;
	}
	score->prev_case = c;
	score->chars++;
	if (is_bad(cp))
		score->bad++;
}

double
habar__score_value(const struct habar__score *score, int *lang)
{
	double best = -HUGE_VAL;
	int i, best_lang = 0;

	if (score->chars == 0) {
		if (lang != NULL)
			*lang = 0;
		return 0;
	}
	for (i = 0; i < HABAR__DECODE_LANGS; i++)
		if (score->sum[i] > best) {
			best = score->sum[i];
			best_lang = i;
		}
	if (lang != NULL)
		*lang = best_lang;
	return (best - BAD_PENALTY * (double)score->bad) / (double)score->chars;
}

/*
 * seg_eval_icu.c: measures sentence segmentation against text whose
 * sentences are known, for tests/bench/seg.sh and the corpus test in
 * tests/bench.cmake.  Not part of the library or the installed programs.
 *
 * The input has one sentence a line (the gold).  Consecutive sentences of
 * one document (--docs gives a document id a line) are joined by a space
 * into paragraphs of at most --group sentences; a sentence without final
 * punctuation (a headline, a caption, a list line) ends its paragraph, as
 * it would stand on a line of its own in a release.  Each paragraph is
 * segmented either by habar_seg_paragraph() (--lang) or by ICU's sentence
 * BreakIterator alone (--icu LOCALE, such as "en@ss=standard"); every
 * boundary inside a paragraph is scored (the paragraph ends are given, so
 * they are not counted).  Prints precision, recall, F1 and the processor
 * time spent segmenting (the thread's CPU time, which the load of other
 * processes on the machine disturbs far less than the wall clock; --repeat
 * passes over the text); with --min-f1, exits 1 below it; exits 77 when the input is
 * missing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <habar/seg.h>

struct paragraph {
	char *text;
	size_t len;
	size_t *gold;		/* starts of sentences 2.. */
	size_t ngold;
};

struct counts {
	size_t tp, fp, fn;
};

static char *
read_file(const char *path, size_t *len_out)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, len = 0, n;

	if (fp == NULL)
		return NULL;
	for (;;) {
		if (len + 65536 + 1 > cap) {
			char *p;
			cap = cap ? cap * 2 : 1 << 20;
			if ((p = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = p;
		}
		n = fread(buf + len, 1, 65536, fp);
		len += n;
		if (n < 65536)
			break;
	}
	fclose(fp);
	buf[len] = '\0';
	*len_out = len;
	return buf;
}

/* Splits buf into lines in place (CR LF or LF); returns them. */
static char **
split_lines(char *buf, size_t len, size_t *count)
{
	char **lines = NULL;
	size_t n = 0, cap = 0, i = 0;

	while (i < len) {
		char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - buf) : len;

		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			lines = realloc(lines, cap * sizeof(*lines));
			if (lines == NULL) {
				perror("seg_eval");
				exit(2);
			}
		}
		/* The gold sentences, trimmed as the segmenter trims. */
		buf[end] = '\0';
		while (end > i && strchr(" \t\r", buf[end - 1]) != NULL)
			buf[--end] = '\0';
		while (i < end && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		lines[n++] = buf + i;
		if (nl != NULL)
			end = (size_t)(nl - buf);
		i = end + 1;
	}
	*count = n;
	return lines;
}

/* Whether a sentence ends with final punctuation, maybe inside quotes or
 * brackets. */
static int
ends_sentence(const char *s)
{
	size_t len = strlen(s);

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	for (;;) {
		if (len > 0 && strchr("\"')]", s[len - 1]) != NULL) {
			len--;
			continue;
		}
		/* » ” “ ’ */
		if (len >= 2 && memcmp(s + len - 2, "\xC2\xBB", 2) == 0) {
			len -= 2;
			continue;
		}
		if (len >= 3 && (memcmp(s + len - 3, "\xE2\x80\x9D", 3) == 0 ||
		    memcmp(s + len - 3, "\xE2\x80\x9C", 3) == 0 ||
		    memcmp(s + len - 3, "\xE2\x80\x99", 3) == 0)) {
			len -= 3;
			continue;
		}
		break;
	}
	if (len > 0 && strchr(".!?", s[len - 1]) != NULL)
		return 1;
	return len >= 3 && memcmp(s + len - 3, "\xE2\x80\xA6", 3) == 0;
}

static struct paragraph *
make_paragraphs(char **lines, size_t nlines, char **docs, size_t ndocs,
    size_t group, size_t *count)
{
	struct paragraph *paras = calloc(nlines + 1, sizeof(*paras));
	size_t n = 0, i = 0;

	if (paras == NULL) {
		perror("seg_eval");
		exit(2);
	}
	while (i < nlines) {
		size_t j = i, len = 0, k;
		struct paragraph *p;

		if (lines[i][0] == '\0') {
			i++;
			continue;
		}
		/* Sentences i..j-1 make one paragraph. */
		for (;;) {
			len += strlen(lines[j]) + 1;
			j++;
			if (!ends_sentence(lines[j - 1]) || j - i >= group ||
			    j >= nlines || lines[j][0] == '\0')
				break;
			if (docs != NULL && j < ndocs &&
			    strcmp(docs[j], docs[j - 1]) != 0)
				break;
		}
		p = &paras[n++];
		p->text = malloc(len);
		p->gold = malloc((j - i) * sizeof(*p->gold));
		if (p->text == NULL || p->gold == NULL) {
			perror("seg_eval");
			exit(2);
		}
		for (k = i; k < j; k++) {
			size_t l = strlen(lines[k]);
			if (k > i) {
				p->text[p->len++] = ' ';
				p->gold[p->ngold++] = p->len;
			}
			memcpy(p->text + p->len, lines[k], l);
			p->len += l;
		}
		i = j;
	}
	*count = n;
	return paras;
}

/* Scores the predicted starts pred[0..npred) against p's gold. */
static void
score(const struct paragraph *p, const size_t *pred, size_t npred,
    struct counts *c, int show)
{
	size_t i = 0, j = 0;

	while (i < p->ngold || j < npred) {
		if (i < p->ngold && j < npred && p->gold[i] == pred[j]) {
			c->tp++;
			i++;
			j++;
		} else if (j >= npred || (i < p->ngold && p->gold[i] < pred[j])) {
			c->fn++;
			if (show)
				printf("MISSED: %.*s|| %.*s\n",
				    (int)(p->gold[i] > 60 ? 60 : p->gold[i]),
				    p->text + (p->gold[i] > 60 ?
				    p->gold[i] - 60 : 0), 40,
				    p->text + p->gold[i]);
			i++;
		} else {
			c->fp++;
			if (show)
				printf("EXTRA:  %.*s|| %.*s\n",
				    (int)(pred[j] > 60 ? 60 : pred[j]),
				    p->text + (pred[j] > 60 ? pred[j] - 60 : 0),
				    40, p->text + pred[j]);
			j++;
		}
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
usage(void)
{
	fprintf(stderr, "usage: seg_eval_icu (--lang L | --icu LOCALE) "
	    "[--docs IDS] [--group N] [--repeat N] [--min-f1 X] "
	    "[--errors] FILE\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "icu", required_argument, NULL, 'i' },
		{ "docs", required_argument, NULL, 'd' },
		{ "group", required_argument, NULL, 'g' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "min-f1", required_argument, NULL, 'm' },
		{ "errors", no_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	const char *lang = NULL, *icu_locale = NULL, *docs_path = NULL;
	size_t group = 4, repeat = 1, nlines, ndocs = 0, npara, i, r, bytes = 0;
	double min_f1 = -1, t0, elapsed = 0, prec, rec, f1;
	char *buf, *dbuf = NULL, **lines, **docs = NULL;
	struct paragraph *paras;
	struct counts c = { 0, 0, 0 };
	struct habar_seg *seg = NULL;
	UBreakIterator *bi = NULL;
	UText *ut = NULL;
	size_t *pred = NULL, pred_cap = 0;
	int show = 0, ch;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l': lang = optarg; break;
		case 'i': icu_locale = optarg; break;
		case 'd': docs_path = optarg; break;
		case 'g': group = strtoul(optarg, NULL, 10); break;
		case 'r': repeat = strtoul(optarg, NULL, 10); break;
		case 'm': min_f1 = strtod(optarg, NULL); break;
		case 'e': show = 1; break;
		default: usage();
		}
	}
	if (optind + 1 != argc || (lang == NULL) == (icu_locale == NULL) ||
	    group == 0 || repeat == 0)
		usage();
	if ((buf = read_file(argv[optind], &nlines)) == NULL) {
		fprintf(stderr, "seg_eval: %s: %s (skipped)\n", argv[optind],
		    strerror(errno));
		return 77;
	}
	lines = split_lines(buf, nlines, &nlines);
	if (docs_path != NULL) {
		size_t dlen;
		if ((dbuf = read_file(docs_path, &dlen)) == NULL) {
			fprintf(stderr, "seg_eval: %s: %s (skipped)\n",
			    docs_path, strerror(errno));
			return 77;
		}
		docs = split_lines(dbuf, dlen, &ndocs);
	}
	paras = make_paragraphs(lines, nlines, docs, ndocs, group, &npara);

	if (lang != NULL) {
		enum habar_status st = habar_seg_new(&seg, lang);
		if (st != HABAR_OK) {
			fprintf(stderr, "seg_eval: %s\n", habar_status_string(st));
			return 2;
		}
	} else {
		UErrorCode uerr = U_ZERO_ERROR;
		bi = ubrk_open(UBRK_SENTENCE, icu_locale, NULL, 0, &uerr);
		if (U_FAILURE(uerr)) {
			fprintf(stderr, "seg_eval: %s\n", u_errorName(uerr));
			return 2;
		}
	}
	for (r = 0; r < repeat; r++) {
		for (i = 0; i < npara; i++) {
			struct paragraph *p = &paras[i];
			size_t npred = 0;

			if (pred_cap < p->len + 1) {
				pred_cap = p->len + 1;
				pred = realloc(pred, pred_cap * sizeof(*pred));
				if (pred == NULL) {
					perror("seg_eval");
					return 2;
				}
			}
			t0 = now();
			if (seg != NULL) {
				const struct habar_span *spans;
				size_t count, k;
				if (habar_seg_paragraph(seg, p->text, p->len,
				    &spans, &count) != HABAR_OK) {
					fprintf(stderr, "seg_eval: %s\n",
					    habar_seg_error(seg));
					return 2;
				}
				for (k = 1; k < count; k++)
					pred[npred++] = spans[k].start;
			} else {
				UErrorCode uerr = U_ZERO_ERROR;
				int32_t b;
				ut = utext_openUTF8(ut, p->text,
				    (int64_t)p->len, &uerr);
				ubrk_setUText(bi, ut, &uerr);
				while ((b = ubrk_next(bi)) != UBRK_DONE)
					if ((size_t)b < p->len)
						pred[npred++] = (size_t)b;
			}
			elapsed += now() - t0;
			bytes += p->len;
			if (r == 0)
				score(p, pred, npred, &c, show);
		}
	}
	prec = c.tp + c.fp ? (double)c.tp / (c.tp + c.fp) : 1;
	rec = c.tp + c.fn ? (double)c.tp / (c.tp + c.fn) : 1;
	f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
	printf("f1 %.4f precision %.4f recall %.4f boundaries %zu "
	    "paragraphs %zu seconds %.4f mb_per_s %.1f\n", f1, prec, rec,
	    c.tp + c.fn, npara, elapsed, bytes / 1e6 / (elapsed > 0 ?
	    elapsed : 1e-9));
	for (i = 0; i < npara; i++) {
		free(paras[i].text);
		free(paras[i].gold);
	}
	free(paras);
	free(pred);
	free(lines);
	free(docs);
	free(buf);
	free(dbuf);
	habar_seg_free(seg);
	if (bi != NULL)
		ubrk_close(bi);
	utext_close(ut);
	if (min_f1 >= 0 && f1 < min_f1) {
		fprintf(stderr, "seg_eval: F1 %.4f is below %.4f\n", f1, min_f1);
		return 1;
	}
	return 0;
}

/*
 * test_align.c: the aligner: anchors that survive translation (names
 * through transliteration, numbers, telephone numbers, URLs, cognates),
 * the banded dynamic programme on drops and merges, loading releases with
 * their errors, three-way links that partition every language and
 * agree with the pair view, the cost reconciliation compares, a
 * sentence the pivot dropped linked between the other two, and two
 * languages each dropping a different sentence, and the words of a
 * memory's lexicon that a bead of two sides is expected to translate,
 * and what a link's anchors say for its confidence, with two languages
 * and with three; and a Cyrillic word rendered in Latin letters from its
 * letters as ICU renders the whole word.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/align.h>
#include <habar/recognise.h>
#include <habar/seg.h>
#include <habar/parallel.h>

#include "align_internal.h"
#include "align_private.h"
#include "check.h"

static struct habar__align_icu *icu;
static struct habar__anchor_cache *cache;
static struct habar_recogniser *rec;

/* The language of a test text: Kazakh by its own letters, Russian by
 * Cyrillic, else English. */
static const char *
lang_of(const char *text)
{
	static const char *const kazakh[] = { "ә", "ғ", "қ", "ң", "ө", "ұ",
	    "ү", "һ", "і", "Ә", "Қ", "Ө", "Ұ", "Ү" };
	size_t i;

	for (i = 0; i < sizeof(kazakh) / sizeof(kazakh[0]); i++)
		if (strstr(text, kazakh[i]) != NULL)
			return "kk";
	for (i = 0; text[i] != '\0'; i++)
		if ((unsigned char)text[i] >= 0xD0 &&
		    (unsigned char)text[i] <= 0xD3)
			return "ru";
	return "en";
}

/* Whether texts a and b share an anchor of kind kind (or
 * HABAR__ANCHOR_VALUE, a month or weekday). */
static int
share(const char *a, const char *b, int kind)
{
	uint32_t ka[HABAR__ANCHOR_MAX], kb[HABAR__ANCHOR_MAX];
	size_t na, nb, i, j;

	CHECK(habar__anchor_extract(cache, lang_of(a), a, strlen(a), ka,
	    &na, NULL) == HABAR_OK);
	CHECK(habar__anchor_extract(cache, lang_of(b), b, strlen(b), kb,
	    &nb, NULL) == HABAR_OK);
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (ka[i] == kb[j] && (kind == HABAR__ANCHOR_VALUE ?
			    HABAR__ANCHOR_IS_VALUE(ka[i]) :
			    !HABAR__ANCHOR_IS_VALUE(ka[i]) &&
			    (int)HABAR__ANCHOR_KIND(ka[i]) == kind))
				return 1;
	return 0;
}

/* How many anchors of kind kind text has. */
static size_t
anchors_of(const char *text, int kind)
{
	uint32_t k[HABAR__ANCHOR_MAX];
	size_t n, i, count = 0;

	CHECK(habar__anchor_extract(cache, lang_of(text), text, strlen(text),
	    k, &n, NULL) == HABAR_OK);
	for (i = 0; i < n; i++)
		count += !HABAR__ANCHOR_IS_VALUE(k[i]) &&
		    (int)HABAR__ANCHOR_KIND(k[i]) == kind;
	return count;
}

static void
test_anchors(void)
{
	char err[200];

	CHECK(habar__align_icu_new(&icu, err, sizeof(err)) == HABAR_OK);
	CHECK(habar_recognise_new(&rec, err, sizeof(err)) == HABAR_OK);
	CHECK(habar__anchor_cache_new(&cache, icu, rec) == HABAR_OK);
	CHECK(share("in Astana today", "сегодня в Астане", HABAR__ANCHOR_NAME));
	CHECK(share("Mr Zouev said", "сказал Зуев", HABAR__ANCHOR_NAME));
	CHECK(share("President Trump", "Президент Трамп", HABAR__ANCHOR_NAME));
	CHECK(share("in Washington", "в Вашингтоне", HABAR__ANCHOR_NAME));
	CHECK(share("Астанада өтті", "held in Astana", HABAR__ANCHOR_NAME));
	CHECK(!share("in Astana", "в Берлине", HABAR__ANCHOR_NAME));
	/* An English W that Cyrillic writes У before a vowel; a first U
	 * before a consonant is still a vowel. */
	CHECK(share("in Wales", "в Уэльсе", HABAR__ANCHOR_NAME));
	CHECK(share("Senator Warren", "сенатор Уоррен", HABAR__ANCHOR_NAME));
	CHECK(share("William said", "Уильям айтты", HABAR__ANCHOR_NAME));
	CHECK(!share("the Urals", "Вирал", HABAR__ANCHOR_NAME));
	/* A first H that Cyrillic writes Г or Х. */
	CHECK(share("in Harlem", "в Гарлеме", HABAR__ANCHOR_NAME));
	CHECK(share("Hillary", "Хиллари", HABAR__ANCHOR_NAME));
	CHECK(!share("Harlem", "Арлем", HABAR__ANCHOR_NAME));
	/* An English J or dg and Cyrillic дж; й stays no consonant. */
	CHECK(share("Mr Jones", "Джонс мырза", HABAR__ANCHOR_NAME));
	CHECK(share("the Rangers", "«Рейнджерс»", HABAR__ANCHOR_NAME));
	CHECK(share("Bridget", "Бриджит", HABAR__ANCHOR_NAME));
	CHECK(share("Mayorga", "Майорга", HABAR__ANCHOR_NAME));
	CHECK(!share("Jonas", "Йонас", HABAR__ANCHOR_NAME));
	/* x is ks. */
	CHECK(share("in Mexico", "в Мексике", HABAR__ANCHOR_NAME));
	CHECK(share("Alexander", "Александр", HABAR__ANCHOR_NAME));
	CHECK(!share("Mexico", "Мекке", HABAR__ANCHOR_NAME));
	/* Russian Евр- is Eur- and Kazakh Еур-; Ев- before another letter
	 * keeps its v. */
	CHECK(share("in Europe", "в Европе", HABAR__ANCHOR_NAME));
	CHECK(share("Европа", "Еуропа", HABAR__ANCHOR_NAME));
	CHECK(share("Evgeny", "Евгений", HABAR__ANCHOR_NAME));
	CHECK(!share("Europe", "Евгений", HABAR__ANCHOR_NAME));
	CHECK(share("on 12 May 2026", "12 мая 2026 года", HABAR__ANCHOR_NUMBER));
	CHECK(!share("on 12 May", "13 мая", HABAR__ANCHOR_NUMBER));
	CHECK(share("call +7 (7172) 32-83-07", "тел. +7 7172 32 83 07",
	    HABAR__ANCHOR_PHONE));
	CHECK(share("see https://Example.kz/a.", "на сайте https://example.kz/a",
	    HABAR__ANCHOR_LINK));
	CHECK(share("write to press@gov.example.kz", "press@gov.example.kz.",
	    HABAR__ANCHOR_LINK));
	CHECK(share("the president said", "президента", HABAR__ANCHOR_WORD));
	CHECK(share("a referendum", "референдумда", HABAR__ANCHOR_WORD));
	CHECK(share("Why?", "Почему?", HABAR__ANCHOR_MARK));
	/* Thousands written three ways are one number. */
	CHECK(share("More than 1,100 people", "1100-ден астам адам",
	    HABAR__ANCHOR_NUMBER));
	CHECK(share("5 000 человек", "5,000 people", HABAR__ANCHOR_NUMBER));
	CHECK(share("1\xc2\xa0" "250\xc2\xa0" "000 тонн", "1,250,000 tonnes",
	    HABAR__ANCHOR_NUMBER));
	CHECK(!share("7.5 magnitude", "75 баллдық", HABAR__ANCHOR_NUMBER));
	CHECK(!share("in 2019 100 people", "2019100", HABAR__ANCHOR_NUMBER));
	/* Months, weekdays and spelled numbers, recognised, are anchors
	 * by their value in every language; an English one is no name. */
	CHECK(share("in September", "в сентябре", HABAR__ANCHOR_VALUE));
	CHECK(share("в сентябре", "қыркүйекте", HABAR__ANCHOR_VALUE));
	CHECK(!share("in September", "в октябре", HABAR__ANCHOR_VALUE));
	CHECK(share("on Tuesday", "во вторник", HABAR__ANCHOR_VALUE));
	CHECK(share("во вторник", "сейсенбіде", HABAR__ANCHOR_VALUE));
	CHECK(!share("on Tuesday", "в среду", HABAR__ANCHOR_VALUE));
	CHECK(anchors_of("on Tuesday", HABAR__ANCHOR_NAME) == 0);
	CHECK(share("two people", "два человека", HABAR__ANCHOR_NUMBER));
	CHECK(share("екі адам", "2 people", HABAR__ANCHOR_NUMBER));
	CHECK(share("three million tenge", "3 млн теңге", HABAR__ANCHOR_NUMBER));
	CHECK(!share("two people", "три человека", HABAR__ANCHOR_NUMBER));
	/* The day of a date stays a number, the month is added. */
	CHECK(share("November 24", "24 ноября", HABAR__ANCHOR_NUMBER));
	CHECK(share("November 24", "24 ноября", HABAR__ANCHOR_VALUE));
	/* A cue word the recogniser takes for no value stays a name (Sun,
	 * which English writes for Sunday only in a date). */
	CHECK(anchors_of("The Sun reported it", HABAR__ANCHOR_NAME) == 1);
	CHECK(share("The Sun reported it", "сообщила The Sun",
	    HABAR__ANCHOR_NAME));
	/* A weekday missed costs less than a number missed. */
	CHECK(habar__anchor_miss(habar__anchor_key(HABAR__ANCHOR_VALUE, "w2",
	    2)) < habar__anchor_miss(habar__anchor_key(HABAR__ANCHOR_NUMBER,
	    "2", 1)));
	/* Cognates are weak: shared they help, missing they cost nothing. */
	CHECK(habar__anchor_miss((uint32_t)HABAR__ANCHOR_WORD << 29) == 0);
	CHECK(habar__anchor_miss((uint32_t)HABAR__ANCHOR_NUMBER << 29) > 0);
}

/*
 * A closed-class word that opens a sentence (However, Однако, Бұл) is no
 * name once its language's list is read; elsewhere it is, and so is any
 * other word that opens one.
 */
static void
test_closed_words(void)
{
	CHECK(anchors_of("However, they said", HABAR__ANCHOR_NAME) == 1);
	CHECK(anchors_of("Однако они сказали", HABAR__ANCHOR_NAME) == 1);
	CHECK(habar__anchor_cache_words(cache, "en") == HABAR_OK);
	CHECK(habar__anchor_cache_words(cache, "ru") == HABAR_OK);
	CHECK(habar__anchor_cache_words(cache, "kk") == HABAR_OK);
	CHECK(habar__anchor_cache_words(cache, "kk") == HABAR_OK);
	CHECK(anchors_of("However, they said", HABAR__ANCHOR_NAME) == 0);
	CHECK(anchors_of("Однако они сказали", HABAR__ANCHOR_NAME) == 0);
	CHECK(anchors_of("Бұл туралы айтты", HABAR__ANCHOR_NAME) == 0);
	CHECK(anchors_of("«Бұл туралы» айтты", HABAR__ANCHOR_NAME) == 0);
	CHECK(anchors_of("Ол: «Бұл туралы» айтты", HABAR__ANCHOR_NAME) == 1);
	CHECK(anchors_of("Trump said", HABAR__ANCHOR_NAME) == 1);
	CHECK(anchors_of("Трамп сказал", HABAR__ANCHOR_NAME) == 1);
	CHECK(share("Astana, However", "Астана", HABAR__ANCHOR_NAME));
}

/* A sequence of n items of the given lengths and no anchors. */
static struct habar__align_seq
seq(const uint32_t *len, size_t n, size_t *kfirst)
{
	static const uint32_t none[1] = { 0 };
	struct habar__align_seq s;
	size_t i;

	for (i = 0; i <= n; i++)
		kfirst[i] = 0;
	s.n = n;
	s.len = len;
	s.keys = none;
	s.kfirst = kfirst;
	s.bounds = NULL;
	s.pstart = NULL;
	s.names = NULL;
	s.lang = 0;
	s.memory = 0;
	return s;
}

static void
test_pair(void)
{
	/* b drops a's third sentence and merges its sixth and seventh. */
	static const uint32_t la[9] = { 80, 120, 60, 150, 90, 40, 70, 110, 95 };
	static const uint32_t lb[7] = { 82, 118, 149, 93, 112, 108, 97 };
	size_t ka[10], kb[8], n = 0, i;
	struct habar__align_seq a = seq(la, 9, ka), b = seq(lb, 7, kb);
	struct habar__bead *beads = NULL;
	uint32_t big_a[3000], big_b[3000];
	size_t kba[3001], kbb[3001];

	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 8);
	if (n == 8) {
		CHECK(beads[2].a == 2 && beads[2].na == 1 && beads[2].nb == 0);
		CHECK(beads[5].a == 5 && beads[5].na == 2 && beads[5].nb == 1 &&
		    beads[5].b == 4);
		for (i = 0; i < n; i++)
			CHECK(beads[i].confidence > 0 && beads[i].confidence <= 1);
	}
	free(beads);

	/* Long sequences go through the band; an empty side is all 0-1. */
	for (i = 0; i < 3000; i++)
		big_a[i] = big_b[i] = (uint32_t)(40 + (i * 37) % 150);
	a = seq(big_a, 3000, kba);
	b = seq(big_b, 3000, kbb);
	CHECK(habar__align_pair(&a, &b, 0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 3000);
	free(beads);
	a = seq(big_a, 0, kba);
	b = seq(big_b, 3, kbb);
	CHECK(habar__align_pair(&a, &b, 0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 3 && beads != NULL && beads[0].na == 0 && beads[0].nb == 1);
	free(beads);
}

/*
 * A translator who joins three sentences into one: a 3-1 bead, and the
 * other way round a 1-3, where 2-1 beside a drop or a 1-1 beside two
 * drops would fit worse.
 */
static void
test_merge_of_three(void)
{
	/* b joins a's fourth, fifth and sixth sentences. */
	static const uint32_t la[9] = { 80, 120, 60, 150, 90, 40, 70, 110, 95 };
	static const uint32_t lb[7] = { 82, 118, 61, 284, 72, 108, 97 };
	size_t ka[10], kb[8], n = 0, i;
	struct habar__align_seq a = seq(la, 9, ka), b = seq(lb, 7, kb);
	struct habar__bead *beads = NULL;

	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 7);
	if (n == 7) {
		CHECK(beads[3].a == 3 && beads[3].na == 3 && beads[3].b == 3 &&
		    beads[3].nb == 1);
		for (i = 0; i < n; i++)
			CHECK(i == 3 || (beads[i].na == 1 && beads[i].nb == 1));
	}
	free(beads);
	/* The same seen from the other side. */
	CHECK(habar__align_pair(&b, &a, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 7);
	if (n == 7)
		CHECK(beads[3].a == 3 && beads[3].na == 1 && beads[3].b == 3 &&
		    beads[3].nb == 3);
	free(beads);
	/* Its cost for comparing alignments is the programme's. */
	CHECK(habar__align_cost(&a, 3, 3, &b, 3, 1, 1.0) <
	    habar__align_cost(&a, 3, 2, &b, 3, 1, 1.0) +
	    habar__align_cost(&a, 5, 1, &b, 4, 0, 1.0));
}

static enum habar_status
load(struct habar_align *al, struct habar_parallel *doc, const char *text,
    enum habar_align_input input)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	enum habar_status status;

	CHECK(fp != NULL);
	status = habar_align_load(al, doc, fp, input);
	fclose(fp);
	return status;
}

static const char en[] =
    "---\nid: t\nlang: en\ndate: 2026-01-02\nattachments: a.pptx, b.pdf\n---\n\n"
    "The minister arrived in Astana on Monday.\nHe met 25 students.\n\n"
    "Prices rose by 3.5% in April.\nThe bank expects lower inflation.\n"
    "Questions?\n";
static const char ru[] =
    "---\nid: t\nlang: ru\nattachments: b.pdf\n---\n\n"
    "Министр прибыл в Астану в понедельник и встретился с 25 студентами.\n\n"
    "Цены в апреле выросли на 3,5%.\nБанк ожидает снижения инфляции.\n"
    "Вопросы?\n";
static const char kk[] =
    "---\nid: t\nlang: kk\n---\n\n"
    "Министр дүйсенбі күні Астанаға келді.\nОл 25 студентпен кездесті.\n"
    "Кездесу екі сағатқа созылды.\n\n"
    "Сәуірде бағалар 3,5%-ға өсті.\nБанк инфляцияның төмендеуін күтеді.\n"
    "Сұрақтар бар ма?\n";

static void
test_load_errors(void)
{
	struct habar_align *al;
	struct habar_parallel *doc;

	CHECK(habar_align_new(&al) == HABAR_OK);
	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	CHECK(load(al, doc, en, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(load(al, doc, en, HABAR_ALIGN_SEGMENTED) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_align_error(al), "given twice") != NULL);
	CHECK(load(al, doc, "---\nid: t\n---\n\nText.\n", HABAR_ALIGN_SEGMENTED) ==
	    HABAR_ERR_INPUT);
	CHECK(strstr(habar_align_error(al), "no 'lang'") != NULL);
	CHECK(load(al, doc, "---\nid: t\nlang: ru\n---\n\n\n",
	    HABAR_ALIGN_SEGMENTED) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_align_error(al), "no text") != NULL);
	CHECK(load(al, doc, "", HABAR_ALIGN_SEGMENTED) == HABAR_ERR_INPUT);
	CHECK(load(al, doc, "---\nid: u\nlang: ru\n---\n\nТекст.\n",
	    HABAR_ALIGN_SEGMENTED) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_align_error(al), "differs") != NULL);
	CHECK(load(al, doc, "---\nlang: r u\n---\n\nТекст.\n",
	    HABAR_ALIGN_SEGMENTED) == HABAR_ERR_INPUT);
	CHECK(load(al, doc, "---\nlang: ru\nbroken\n---\n\nТекст.\n",
	    HABAR_ALIGN_SEGMENTED) == HABAR_ERR_INPUT);
	CHECK(habar_align_error_line(al) == 3);
	/* Attachments as a YAML flow list, quoted names unquoted. */
	{
		struct habar_parallel *d2;

		CHECK(habar_parallel_new(&d2) == HABAR_OK);
		CHECK(load(al, d2, "---\nlang: de\nattachments: [c.ppt, 'd e.pdf']"
		    "\n---\n\nText.\n", HABAR_ALIGN_SEGMENTED) == HABAR_OK);
		CHECK(d2->attachment_count == 2);
		if (d2->attachment_count == 2) {
			CHECK_STR(d2->attachments[0].name, "c.ppt");
			CHECK_STR(d2->attachments[1].name, "d e.pdf");
		}
		habar_parallel_free(d2);
	}
	/* Failures leave the document as it was. */
	CHECK(doc->language_count == 1);
	CHECK(habar_align_document(al, doc) == HABAR_ERR_ARGUMENT);
	habar_parallel_free(doc);
	habar_align_free(al);
}

/* Every language's runs follow each other and cover all its sentences. */
static void
check_partition(const struct habar_parallel *doc, int level)
{
	size_t k, i, pos;

	for (k = 0; k < doc->language_count; k++) {
		pos = 0;
		for (i = 0; i < doc->link_count[level]; i++) {
			CHECK(doc->links[level][i].sides[k].first == pos);
			pos += doc->links[level][i].sides[k].count;
		}
		CHECK(pos == (level == HABAR_PARALLEL_SENTENCES ?
		    doc->languages[k].sentence_count :
		    doc->languages[k].paragraph_count));
	}
}

/*
 * Checks the pair view of languages a and b of doc against want, the
 * links without their confidence; each line's third column must be a
 * confidence, 0.00 to 1.00.
 */
static void
check_pair(struct habar_align *al, const struct habar_parallel *doc,
    size_t a, size_t b, const char *want)
{
	char *out = NULL, *links, *line, *tab, *end, *save = NULL;
	size_t len = 0, n = 0;
	double conf;
	FILE *fp;

	CHECK((fp = open_memstream(&out, &len)) != NULL);
	if (fp == NULL)
		return;
	CHECK(habar_align_write_pair(al, doc, a, b, fp) == HABAR_OK);
	fclose(fp);
	CHECK((links = calloc(1, len + 1)) != NULL);
	for (line = strtok_r(out, "\n", &save); line != NULL && links != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		tab = strchr(line, '\t');
		CHECK(tab != NULL && (tab = strchr(tab + 1, '\t')) != NULL);
		if (tab == NULL)
			break;
		*tab = '\0';
		conf = strtod(tab + 1, &end);
		CHECK(*end == '\0' && end - (tab + 1) == 4 && conf >= 0 &&
		    conf <= 1);
		n += (size_t)sprintf(links + n, "%s\n", line);
	}
	if (links != NULL)
		CHECK_STR(links, want);
	free(links);
	free(out);
}

/*
 * Russian merged the first two sentences that English and Kazakh keep
 * apart: the kk-en pair's links inside that three-way link are each
 * judged on their own and kept; the three-way link takes the least sure
 * one's confidence for the pair, and the pair view prints each one's.
 * The pairs with Russian (one sentence against two) are aligned inside
 * it too, and keep what they found (here the merge, 2-1).
 */
static void
check_subs(struct habar_align *al, const struct habar_parallel *doc)
{
	const struct habar__align_sub *s;
	const struct habar_parallel_link *lk;
	char *out = NULL, want[64];
	size_t len = 0, i, n = 0, first = 0;
	double least = 2;
	FILE *fp;

	CHECK((fp = open_memstream(&out, &len)) != NULL);
	if (fp == NULL)
		return;
	CHECK(habar_align_write_pair(al, doc, 0, 1, fp) == HABAR_OK);
	fclose(fp);
	for (i = 0; i < al->nsub; i++) {
		s = &al->sub[i];
		lk = &doc->links[HABAR_PARALLEL_SENTENCES][s->link];
		CHECK(s->confidence >= lk->pair[s->pair] - 1e-6);
		if (s->pair != HABAR_PARALLEL_PAIR(0, 1)) {
			CHECK((s->pair == HABAR_PARALLEL_PAIR(0, 2) ||
			    s->pair == HABAR_PARALLEL_PAIR(1, 2)) &&
			    s->na == 2 && s->nb == 1);
			continue;
		}
		CHECK(s->na == 1 && s->nb == 1);
		if (n++ == 0)
			first = i;
		if (s->confidence < least)
			least = s->confidence;
		snprintf(want, sizeof(want), "%zu\t%zu\t%.2f\n", s->a + 1,
		    s->b + 1, s->confidence);
		CHECK(out != NULL && strstr(out, want) != NULL);
	}
	CHECK(n == 2);
	lk = &doc->links[HABAR_PARALLEL_SENTENCES][al->sub[first].link];
	CHECK(least > lk->pair[al->sub[first].pair] - 1e-6 &&
	    least < lk->pair[al->sub[first].pair] + 1e-6);
	free(out);
}

static void
test_three_way(void)
{
	struct habar_align *al;
	struct habar_parallel *doc, *back = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	CHECK(habar_align_new(&al) == HABAR_OK);
	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	CHECK(load(al, doc, kk, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(load(al, doc, en, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(load(al, doc, ru, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK_STR(doc->id, "t");
	CHECK_STR(doc->date, "2026-01-02");
	CHECK(doc->attachment_count == 2);
	CHECK(load(al, doc, "---\nid: t\nlang: de\nattachments: [c.ppt, 'd e.pdf', "
	    "a.pptx]\n---\n\nText.\n", HABAR_ALIGN_SEGMENTED) ==
	    HABAR_ERR_LIMIT);	/* a fourth language */
	CHECK(doc->attachment_count == 2);
	CHECK(doc->languages[1].paragraph_count == 2);
	CHECK(doc->languages[2].sentence_count == 4);
	CHECK(habar_align_document(al, doc) == HABAR_OK);
	check_partition(doc, HABAR_PARALLEL_PARAGRAPHS);
	check_partition(doc, HABAR_PARALLEL_SENTENCES);
	CHECK(doc->link_count[HABAR_PARALLEL_PARAGRAPHS] == 2);
	CHECK(doc->method != NULL && strstr(doc->method, "pivot en") != NULL);

	/* The pair view: kk (0) against ru (2). */
	check_pair(al, doc, 0, 2, "1,2\t1\n3\t\n4\t2\n5\t3\n6\t4\n");
	check_pair(al, doc, 1, 0, "1\t1\n2\t2\n\t3\n3\t4\n4\t5\n5\t6\n");
	check_subs(al, doc);
	/* A three-way link is as sure as its least sure pair. */
	{
		const struct habar_parallel_link *lk;
		size_t i, p;

		for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
			lk = &doc->links[HABAR_PARALLEL_SENTENCES][i];
			for (p = 0; p < 3; p++)
				CHECK(lk->pair[p] >= lk->confidence &&
				    lk->pair[p] <= 1.0);
		}
	}

	/* Written and read back, the document is the same. */
	fp = open_memstream(&out, &len);
	CHECK(habar_parallel_write(doc, fp) == HABAR_OK);
	fclose(fp);
	CHECK(habar_parallel_read(&back, out, len, NULL) == HABAR_OK);
	if (back != NULL) {
		CHECK(back->link_count[1] == doc->link_count[1]);
		check_partition(back, HABAR_PARALLEL_SENTENCES);
	}
	habar_parallel_free(back);
	free(out);
	habar_parallel_free(doc);
	habar_align_free(al);
}

/* The cost of a group of items, which reconciliation compares. */
static void
test_cost(void)
{
	static const uint32_t la[4] = { 100, 100, 30, 200 };
	static const uint32_t lb[4] = { 102, 130, 98, 201 };
	size_t ka[5], kb[5];
	struct habar__align_seq a = seq(la, 4, ka), b = seq(lb, 4, kb);
	double one, merged;

	CHECK(habar__align_cost(&a, 0, 0, &b, 0, 0, 1.0) == 0);
	/* The confidence of a link: a probability, surer for a 1-1 of
	 * matching lengths than for one whose lengths disagree. */
	one = habar__align_confidence(&a, 0, 1, &b, 0, 1, 1.0);
	merged = habar__align_confidence(&a, 2, 1, &b, 2, 1, 1.0);
	CHECK(one > 0 && one <= 1 && merged >= 0 && merged < one);
	one = habar__align_cost(&a, 0, 1, &b, 0, 1, 1.0);
	CHECK(one >= 0 && one < 1);
	/* A 2-1 of matching lengths is a merge, dearer than a 1-1. */
	merged = habar__align_cost(&a, 1, 2, &b, 1, 1, 1.0);
	CHECK(merged > one && merged < 6);
	/* Lengths that disagree cost more than lengths that agree. */
	CHECK(habar__align_cost(&a, 0, 1, &b, 3, 1, 1.0) > one + 3);
	/* Groups beyond the programme's beads grow dearer with size. */
	CHECK(habar__align_cost(&a, 0, 3, &b, 0, 2, 1.0) >
	    habar__align_cost(&a, 0, 2, &b, 0, 2, 1.0));
	CHECK(habar__align_cost(&a, 0, 2, &b, 0, 0, 1.0) >
	    habar__align_cost(&a, 0, 1, &b, 0, 0, 1.0));
}

/*
 * The length model: the log ratio of the lengths, with a variance that
 * shrinks with the length.  A sentence one side added beside one the other
 * dropped, 60 characters against 170, is two sentences without a
 * counterpart; Gale and Church's difference of lengths (variance 13 per
 * character) made them a 1-1 link (2.9 standard deviations, cheaper than
 * two drops).
 */
static void
test_length_model(void)
{
	static const uint32_t la[3] = { 80, 60, 110 };
	static const uint32_t lb[3] = { 81, 170, 109 };
	size_t ka[4], kb[4], n = 0, i;
	struct habar__align_seq a = seq(la, 3, ka), b = seq(lb, 3, kb);
	struct habar__bead *beads = NULL;

	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 4);
	for (i = 0; i < n; i++)
		CHECK(!(beads[i].a == 1 && beads[i].na == 1 &&
		    beads[i].nb == 1));
	free(beads);
	/* The same difference is surer evidence on longer sentences. */
	CHECK(habar__align_cost(&a, 0, 1, &b, 0, 1, 1.0) <
	    habar__align_cost(&a, 1, 1, &b, 1, 1, 1.0));
	CHECK(habar__align_cost(&a, 1, 1, &b, 1, 1, 1.0) >
	    habar__align_cost(&a, 1, 1, &b, 1, 0, 1.0) +
	    habar__align_cost(&a, 1, 0, &b, 1, 1, 1.0));
}

/*
 * Two sentences that share no anchor though both carry some (here two
 * numbers each, none the same) are not linked on lengths that only
 * roughly agree (80 characters against 120): the miss costs charge those
 * numbers whether the sentences are linked or not, so they alone linked
 * an added and a dropped sentence.  The same lengths with a number in
 * common are one link.
 */
/*
 * Whether the pairwise alignment of a and b holds the bead of a's na items
 * from x against b's nb items from y.
 */
static int
has_bead(const struct habar__align_seq *a, const struct habar__align_seq *b,
    size_t x, size_t na, size_t y, size_t nb)
{
	struct habar__bead *beads = NULL;
	size_t n = 0, i;
	int found = 0;

	CHECK(habar__align_pair(a, b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	for (i = 0; i < n; i++)
		found += beads[i].a == x && beads[i].na == na &&
		    beads[i].b == y && beads[i].nb == nb;
	free(beads);
	return found;
}

/* Whether the pairwise alignment of a and b links item x of a with item y
 * of b alone. */
static int
links_11(const struct habar__align_seq *a, const struct habar__align_seq *b,
    uint32_t x, uint32_t y)
{
	return has_bead(a, b, x, 1, y, 1);
}

static void
test_nothing_shared(void)
{
	static const uint32_t la[3] = { 100, 80, 90 };
	static const uint32_t lb[3] = { 101, 120, 91 };
	/* Numbers (kind 1 in the top three bits), sorted per item. */
	static const uint32_t keys_a[2] = { 0x20000011u, 0x20000012u };
	static const uint32_t keys_b[2] = { 0x20000021u, 0x20000022u };
	static const uint32_t keys_c[2] = { 0x20000011u, 0x20000022u };
	static const size_t kf[4] = { 0, 0, 2, 2 };
	struct habar__align_seq a, b;
	struct habar__bead *beads = NULL;
	size_t n = 0, i;
	int linked = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.n = b.n = 3;
	a.len = la;
	b.len = lb;
	a.kfirst = b.kfirst = kf;
	a.keys = keys_a;
	b.keys = keys_b;
	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	for (i = 0; i < n; i++)
		linked += beads[i].a == 1 && beads[i].na == 1 &&
		    beads[i].b == 1 && beads[i].nb == 1;
	CHECK(n == 4 && linked == 0);
	free(beads);
	b.keys = keys_c;
	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 3);
	free(beads);
	/* The cost reconciliation compares says the same. */
	b.keys = keys_b;
	CHECK(habar__align_cost(&a, 1, 1, &b, 1, 1, 1.0) >
	    habar__align_cost(&a, 1, 1, &b, 1, 0, 1.0) +
	    habar__align_cost(&a, 1, 0, &b, 1, 1, 1.0));
}

/*
 * A sentence with numbers beside one without any, 80 characters against
 * 150: lengths that disagree that much still cost less than a drop on
 * each side, and the numbers' miss costs are paid either way, so the
 * two were linked; a translation keeps its numbers, so they are an
 * added and a dropped sentence.  Numbers on both sides, none shared (a
 * conversion: 1 to 4 inches, 2,5 to 10 cm), are not charged as lost.
 */
static void
test_numbers_lost(void)
{
	static const uint32_t la[3] = { 100, 80, 90 };
	static const uint32_t lb[3] = { 101, 150, 91 };
	static const uint32_t lb2[3] = { 101, 100, 91 };
	static const uint32_t keys_a[2] = { 0x20000011u, 0x20000012u };
	static const uint32_t keys_b[3] = { 0x20000021u, 0x20000022u,
	    0x20000023u };
	static const size_t kfa[4] = { 0, 0, 2, 2 };
	static const size_t kfb0[4] = { 0, 0, 0, 0 };
	static const size_t kfb[4] = { 0, 0, 3, 3 };
	struct habar__align_seq a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.n = b.n = 3;
	a.len = la;
	b.len = lb;
	a.kfirst = kfa;
	a.keys = keys_a;
	b.kfirst = kfb0;
	b.keys = keys_b;
	CHECK(habar__align_cost(&a, 1, 1, &b, 1, 1, 1.0) >
	    habar__align_cost(&a, 1, 1, &b, 1, 0, 1.0) +
	    habar__align_cost(&a, 1, 0, &b, 1, 1, 1.0));
	CHECK(links_11(&a, &b, 1, 1) == 0);
	/* Three numbers against two, none the same, 80 characters against
	 * 100: one link. */
	b.kfirst = kfb;
	b.len = lb2;
	CHECK(links_11(&a, &b, 1, 1) == 1);
}

/* The names past the first word habar__anchor_extract() counts in s. */
static size_t
names_of(const char *s)
{
	uint32_t k[HABAR__ANCHOR_MAX];
	size_t n, names = 99;

	CHECK(habar__anchor_extract(cache, lang_of(s), s, strlen(s), k, &n,
	    &names) == HABAR_OK);
	return names;
}

/*
 * A sentence with names beside one without any, 80 characters against
 * 145: the names' miss costs are paid whether the two are linked or left
 * alone, and lengths that disagree that much still cost less than a drop
 * on each side, so the two were linked; a translation keeps its names,
 * so they are an added and a dropped sentence.  A capital that opens a
 * sentence is not a name here, and a name written twice counts once.
 */
static void
test_names_lost(void)
{
	static const uint32_t la[3] = { 100, 80, 90 };
	static const uint32_t lb[3] = { 101, 145, 91 };
	/* Names (kind 4 in the top three bits), sorted per item. */
	static const uint32_t keys_a[2] = { 0x80000011u, 0x80000012u };
	static const uint32_t keys_b[1] = { 0x80000021u };
	static const uint8_t names_a[3] = { 0, 2, 0 };
	static const uint8_t names_b[3] = { 0, 0, 0 };
	static const uint8_t names_b1[3] = { 0, 1, 0 };
	static const size_t kfa[4] = { 0, 0, 2, 2 };
	static const size_t kfb[4] = { 0, 0, 1, 1 };
	struct habar__align_seq a, b;

	CHECK(names_of("Nobody could believe what was happening.") == 0);
	CHECK(names_of("For readers outside of Wales: in Welsh twp means "
	    "daft, says Gareth Bale.") == 3);
	CHECK(names_of("Trump said that Trump would win.") == 1);
	CHECK(names_of("Для наших читателей не из Уэльса.") == 1);
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.n = b.n = 3;
	a.len = la;
	b.len = lb;
	a.kfirst = kfa;
	a.keys = keys_a;
	b.kfirst = kfb;
	b.keys = keys_b;
	/* Without the names counted, as before: one link. */
	CHECK(links_11(&a, &b, 1, 1) == 1);
	/* b's name opens its sentence: b has none past it. */
	a.names = names_a;
	b.names = names_b;
	CHECK(habar__align_cost(&a, 1, 1, &b, 1, 1, 1.0) >
	    habar__align_cost(&a, 1, 1, &b, 1, 0, 1.0) +
	    habar__align_cost(&a, 1, 0, &b, 1, 1, 1.0));
	CHECK(links_11(&a, &b, 1, 1) == 0);
	/* A name past b's first word, not a's: one link again. */
	b.names = names_b1;
	CHECK(links_11(&a, &b, 1, 1) == 1);
}

/*
 * Whether the beads of a against b hold a 2-1 of a's items x and x + 1
 * against b's item y.
 */
static int
merges_21(const struct habar__align_seq *a, const struct habar__align_seq *b,
    size_t x, size_t y)
{
	return has_bead(a, b, x, 2, y, 1);
}

/*
 * A sentence with names of its own, added beside one whose names the
 * other side shares, 60 characters beside 100 against 150: the lengths
 * add up, and the merge's union of anchors shares the neighbour's names,
 * so the added sentence was absorbed into a 2-1.  Each part of a merge
 * keeps its names as a sentence does, so it is a link and a drop; and
 * when its names are shared, a merge again.
 */
static void
test_parts_lost(void)
{
	static const uint32_t la[4] = { 100, 100, 60, 90 };
	static const uint32_t lb[3] = { 101, 150, 91 };
	static const uint32_t keys_a[4] = { 0x80000011u, 0x80000012u,
	    0x80000013u, 0x80000014u };
	static const uint32_t keys_b[2] = { 0x80000011u, 0x80000012u };
	static const uint32_t keys_b4[4] = { 0x80000011u, 0x80000012u,
	    0x80000013u, 0x80000014u };
	static const uint8_t names_a[4] = { 0, 2, 2, 0 };
	static const uint8_t names_b[3] = { 0, 2, 0 };
	static const uint8_t names_b4[3] = { 0, 4, 0 };
	static const size_t kfa[5] = { 0, 0, 2, 4, 4 };
	static const size_t kfb[4] = { 0, 0, 2, 2 };
	static const size_t kfb4[4] = { 0, 0, 4, 4 };
	struct habar__align_seq a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.n = 4;
	b.n = 3;
	a.len = la;
	b.len = lb;
	a.kfirst = kfa;
	a.keys = keys_a;
	b.kfirst = kfb;
	b.keys = keys_b;
	/* Without the names counted, as before: a merge. */
	CHECK(merges_21(&a, &b, 1, 1) == 1);
	a.names = names_a;
	b.names = names_b;
	CHECK(merges_21(&a, &b, 1, 1) == 0);
	CHECK(links_11(&a, &b, 1, 1) == 1);
	CHECK(habar__align_cost(&a, 1, 2, &b, 1, 1, 1.0) >
	    habar__align_cost(&a, 1, 1, &b, 1, 1, 1.0) +
	    habar__align_cost(&a, 2, 1, &b, 2, 0, 1.0));
	/* Both parts' names across: a merge. */
	b.kfirst = kfb4;
	b.keys = keys_b4;
	b.names = names_b4;
	CHECK(merges_21(&a, &b, 1, 1) == 1);
}

/*
 * Loads three releases given a sentence a line and aligns them, checking
 * that the sentence links partition each language.
 */
static void
align_three(struct habar_align *al, struct habar_parallel *doc,
    const char *first, const char *second, const char *third)
{
	CHECK(load(al, doc, first, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(load(al, doc, second, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(load(al, doc, third, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(habar_align_document(al, doc) == HABAR_OK);
	check_partition(doc, HABAR_PARALLEL_SENTENCES);
}

/*
 * English drops a sentence that Russian and Kazakh both keep: the two link
 * it with each other, and the links around it stay 1-1.
 */
static const char en_drop[] =
    "---\nid: d\nlang: en\n---\n\n"
    "The government met in Astana on Tuesday to discuss the budget.\n"
    "The finance minister presented a plan for the next three years.\n"
    "Deputies asked about spending on schools and hospitals.\n";
static const char ru_drop[] =
    "---\nid: d\nlang: ru\n---\n\n"
    "Правительство собралось во вторник в Астане, чтобы обсудить бюджет.\n"
    "Министр финансов представил план на следующие три года.\n"
    "Заседание длилось 4 часа.\n"
    "Депутаты спрашивали о расходах на школы и больницы.\n";
static const char kk_drop[] =
    "---\nid: d\nlang: kk\n---\n\n"
    "Үкімет сейсенбі күні Астанада бюджетті талқылау үшін жиналды.\n"
    "Қаржы министрі алдағы үш жылға арналған жоспарды ұсынды.\n"
    "Отырыс 4 сағатқа созылды.\n"
    "Депутаттар мектептер мен ауруханаларға жұмсалатын шығындар туралы "
    "сұрады.\n";

static void
test_dropped_by_pivot(void)
{
	struct habar_align *al;
	struct habar_parallel *doc;

	CHECK(habar_align_new(&al) == HABAR_OK);
	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	align_three(al, doc, en_drop, ru_drop, kk_drop);
	check_pair(al, doc, 1, 2, "1\t1\n2\t2\n3\t3\n4\t4\n");
	check_pair(al, doc, 0, 1, "1\t1\n2\t2\n\t3\n3\t4\n");
	habar_parallel_free(doc);
	habar_align_free(al);
}

/*
 * English lacks the third sentence and Russian the fourth: two drops side
 * by side, which the pairs alone would read as English's fourth sentence
 * translating Russian's third, leaving the Kazakh third sentence with no
 * counterpart in either language.
 */
static const char en_two[] =
    "---\nid: w\nlang: en\n---\n\n"
    "A new school opened in Astana on Monday.\n"
    "It will teach 600 pupils from the autumn of 2026.\n"
    "The building has 2 swimming pools, a sports hall and a large "
    "library of 5000 books.\n"
    "The mayor Kairat Nurlanov attended the opening ceremony.\n";
static const char ru_two[] =
    "---\nid: w\nlang: ru\n---\n\n"
    "В понедельник в Астане открылась новая школа.\n"
    "С осени 2026 года в ней будут учиться 600 учеников.\n"
    "Директор Айгуль Серикова встретилась с родителями Жанибека.\n"
    "На церемонии открытия присутствовал аким Кайрат Нурланов.\n";
static const char kk_two[] =
    "---\nid: w\nlang: kk\n---\n\n"
    "Дүйсенбі күні Астанада жаңа мектеп ашылды.\n"
    "2026 жылдың күзінен бастап онда 600 оқушы білім алады.\n"
    "Директор Айгүл Серікова Жәнібектің ата-аналарымен кездесті.\n"
    "Ғимаратта 2 жүзу бассейні, спорт залы және 5000 кітабы бар үлкен "
    "кітапхана орналасқан.\n"
    "Ашылу салтанатына әкім Қайрат Нұрланов қатысты.\n";

static void
test_two_drops(void)
{
	struct habar_align *al;
	struct habar_parallel *doc;

	CHECK(habar_align_new(&al) == HABAR_OK);
	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	align_three(al, doc, en_two, ru_two, kk_two);
	check_pair(al, doc, 0, 1, "1\t1\n2\t2\n\t3\n3\t\n4\t4\n");
	check_pair(al, doc, 1, 2, "1\t1\n2\t2\n3\t3\n\t4\n4\t5\n");
	habar_parallel_free(doc);
	habar_align_free(al);
}

/*
 * English left out the third sentence, the director's meeting, and added
 * one of its own, about the weather, of about the same length: each pair
 * through English links the two, as lengths fit and a drop on each side
 * costs more than two sentences sharing nothing, so all three pairs agree
 * on a group of three.  Russian and Kazakh share the director's name and
 * the 12 of that group, and English holds neither: English's sentence
 * stands alone, and the other two stay linked.
 */
static const char en_added[] =
    "---\nid: x\nlang: en\n---\n\n"
    "A new school opened in Astana on Monday.\n"
    "It will teach 600 pupils from the autumn of 2026.\n"
    "It rained all week in Paris, where 7 millimetres fell on Sunday.\n"
    "The mayor Kairat Nurlanov attended the opening ceremony.\n";
static const char ru_added[] =
    "---\nid: x\nlang: ru\n---\n\n"
    "В понедельник в Астане открылась новая школа.\n"
    "С осени 2026 года в ней будут учиться 600 учеников.\n"
    "Директор Айгуль Серикова встретилась с 12 родителями.\n"
    "На церемонии открытия присутствовал аким Кайрат Нурланов.\n";
static const char kk_added[] =
    "---\nid: x\nlang: kk\n---\n\n"
    "Дүйсенбі күні Астанада жаңа мектеп ашылды.\n"
    "2026 жылдың күзінен бастап онда 600 оқушы білім алады.\n"
    "Директор Айгүл Серікова 12 ата-анамен кездесті.\n"
    "Ашылу салтанатына әкім Қайрат Нұрланов қатысты.\n";

static void
test_added_for_dropped(void)
{
	struct habar_align *al;
	struct habar_parallel *doc;

	CHECK(habar_align_new(&al) == HABAR_OK);
	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	align_three(al, doc, en_added, ru_added, kk_added);
	check_pair(al, doc, 0, 1, "1\t1\n2\t2\n3\t\n\t3\n4\t4\n");
	check_pair(al, doc, 1, 2, "1\t1\n2\t2\n3\t3\n4\t4\n");
	check_pair(al, doc, 0, 2, "1\t1\n2\t2\n3\t\n\t3\n4\t4\n");
	habar_parallel_free(doc);
	habar_align_free(al);
}

/*
 * English added a sentence of its own beside the one Russian translates,
 * whose length fits the Russian better: the weekday the translation keeps
 * («во вторник», on Tuesday) is what links the right one, as the
 * recogniser names it in both languages (an English weekday used to be a
 * name Russian lacked).  A number written as a figure in Russian and in
 * words in English is one number, no longer a number Russian has and
 * English lacks, which made the right link doubtful.
 */
static const char en_weekday[] =
    "---\nid: v\nlang: en\n---\n\n"
    "The regional court heard the case of the former mayor of Karaganda.\n"
    "Nobody in the town could believe what the man was accused of.\n"
    "The verdict was finally announced on Tuesday.\n"
    "His lawyer Aidar Bekov said that he would appeal.\n";
static const char ru_weekday[] =
    "---\nid: v\nlang: ru\n---\n\n"
    "Областной суд рассмотрел дело бывшего мэра Караганды.\n"
    "Приговор был наконец оглашён во вторник.\n"
    "Его адвокат Айдар Беков заявил, что подаст апелляцию.\n";
static const char en_spelled[] =
    "---\nid: v\nlang: en\n---\n\n"
    "The regional court heard the case of the former mayor of Karaganda.\n"
    "Many in the town were shocked by all of it.\n"
    "The court heard three witnesses over the day.\n"
    "His lawyer Aidar Bekov said that he would appeal.\n";
static const char ru_spelled[] =
    "---\nid: v\nlang: ru\n---\n\n"
    "Областной суд рассмотрел дело бывшего мэра Караганды.\n"
    "За день суд выслушал 3 свидетелей.\n"
    "Его адвокат Айдар Беков заявил, что подаст апелляцию.\n";

/* The confidence of the link of sentence a + 1 of doc's first language
 * with sentence b + 1 of its second, or -1 when there is none. */
static double
link_confidence(const struct habar_parallel *doc, size_t a, size_t b)
{
	const struct habar_parallel_link *lk;
	size_t i;

	for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
		lk = &doc->links[HABAR_PARALLEL_SENTENCES][i];
		if (lk->sides[0].first == a && lk->sides[0].count == 1 &&
		    lk->sides[1].first == b && lk->sides[1].count == 1)
			return lk->pair[HABAR_PARALLEL_PAIR(0, 1)];
	}
	return -1;
}

static void
test_value_anchors(void)
{
	struct habar_align *al;
	struct habar_parallel *doc;

	CHECK(habar_align_new(&al) == HABAR_OK);
	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	CHECK(load(al, doc, en_weekday, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(load(al, doc, ru_weekday, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(habar_align_document(al, doc) == HABAR_OK);
	check_pair(al, doc, 0, 1, "1\t1\n2\t\n3\t2\n4\t3\n");
	habar_parallel_free(doc);
	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	CHECK(load(al, doc, en_spelled, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(load(al, doc, ru_spelled, HABAR_ALIGN_SEGMENTED) == HABAR_OK);
	CHECK(habar_align_document(al, doc) == HABAR_OK);
	check_pair(al, doc, 0, 1, "1\t1\n2\t\n3\t2\n4\t3\n");
	CHECK(link_confidence(doc, 2, 1) >= 0.5);
	habar_parallel_free(doc);
	habar_align_free(al);
}

/* The boundaries that show in a line of segmented input. */
static void
test_line_boundaries(void)
{
	static const struct {
		const char *lang, *text;
		unsigned want;
	} lines[] = {
		{ "ru", "Школа открылась в понедельник. В ней 600 мест.",
		    1 | HABAR__LINE_ENDS },
		{ "ru", "Он сказал: «Мы готовы.» Затем ушёл…",
		    1 | HABAR__LINE_ENDS },
		{ "ru", "В г. Астане открылась школа на 600 мест", 0 },
		{ "en", "Prices rose by 3.5% in the U.S. in April.",
		    HABAR__LINE_ENDS },
		{ "en", "\"We are ready,\" he said. \"Are you?\"",
		    1 | HABAR__LINE_ENDS },
		{ "en", "Here are the key facts (as of May)", 0 },
		{ "en", "Here are the key facts:", 0 },
		/* Read from the end: the last stop or letter decides, past
		 * quotes, brackets, dashes and spaces; a malformed byte is a
		 * character that ends the marks. */
		{ "ru", "Итоги года\u00BB", 0 },
		{ "ru", "Итоги года.\u00BB \u2014", HABAR__LINE_ENDS },
		{ "ru", "Итоги\u2026\u00BB", HABAR__LINE_ENDS },
		{ "ru", "Конец!)", HABAR__LINE_ENDS },
		{ "ru", "Сумма 5", 0 },
		{ "en", "\u201CYes.\u201D", HABAR__LINE_ENDS },
		{ "en", "Done.\xC3", 0 },
		{ "en", "Done.\xE2\x80", 0 },
		{ "en", "", 0 }
	};
	struct habar_seg *seg;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		CHECK(habar_seg_new(&seg, lines[i].lang) == HABAR_OK);
		if (seg == NULL)
			continue;
		CHECK(habar__align_line_boundaries(seg, lines[i].text,
		    strlen(lines[i].text)) == lines[i].want);
		habar_seg_free(seg);
	}
}

/*
 * An item that holds two sentences (a line of segmented input that the
 * segmenter cuts in two) is read as a merge of two items of the other
 * side, where lengths alone would call the short one dropped.  A headline
 * (a line that does not end like a sentence) run into the next sentence
 * shows no boundary, and costs nothing for it.
 */
static void
test_line_merge(void)
{
	static const uint32_t la[4] = { 100, 30, 100, 100 };
	static const uint32_t lb[3] = { 100, 100, 100 };
	static const uint8_t ends[4] = { HABAR__LINE_ENDS, HABAR__LINE_ENDS,
	    HABAR__LINE_ENDS, HABAR__LINE_ENDS };
	static const uint8_t two_first[3] = { 1 | HABAR__LINE_ENDS,
	    HABAR__LINE_ENDS, HABAR__LINE_ENDS };
	static const uint8_t headline_first[4] = { 0, HABAR__LINE_ENDS,
	    HABAR__LINE_ENDS, HABAR__LINE_ENDS };
	static const uint8_t one_first[3] = { HABAR__LINE_ENDS,
	    HABAR__LINE_ENDS, HABAR__LINE_ENDS };
	size_t ka[5], kb[4], n = 0;
	struct habar__align_seq a = seq(la, 4, ka), b = seq(lb, 3, kb);
	struct habar__bead *beads = NULL;
	double merged, headline;

	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 4 && beads[1].na == 1 && beads[1].nb == 0);
	free(beads);
	a.bounds = ends;
	b.bounds = two_first;
	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 3 && beads[0].na == 2 && beads[0].nb == 1);
	CHECK(habar__align_cost(&a, 0, 2, &b, 0, 1, 1.0) <
	    habar__align_cost(&a, 0, 1, &b, 0, 1, 1.0) +
	    habar__align_cost(&a, 1, 1, &b, 1, 0, 1.0));
	free(beads);

	/* Two sentences against a line that shows one boundary fewer. */
	b.bounds = one_first;
	merged = habar__align_cost(&a, 0, 2, &b, 0, 1, 1.0);
	a.bounds = headline_first;
	headline = habar__align_cost(&a, 0, 2, &b, 0, 1, 1.0);
	CHECK(headline < merged - 1.0);
	a.bounds = b.bounds = NULL;
	CHECK(habar__align_cost(&a, 0, 2, &b, 0, 1, 1.0) == headline);
}


/*
 * Words of a memory's lexicon expected in a bead of two sides: a and b
 * each add a sentence of their own at the same place, of lengths close
 * enough for a 1-1, each with twelve words the lexicon knows and none of
 * their translations across.  Their absence makes the 1-1 dearer than a
 * 1-0 and a 0-1; a sentence with no counterpart pays nothing for its
 * words, and a 1-1 whose words are translated gains.  Words the lexicon
 * knows for another pair of languages (a's with a third language) expect
 * nothing across: with them alone the two are linked.  With a memory the
 * length term weighs less.
 */
static void
test_memory_words(void)
{
	static const uint32_t la[5] = { 80, 120, 100, 150, 90 };
	static const uint32_t lb[5] = { 82, 118, 112, 149, 93 };
	uint32_t ka[64], kb[64];
	size_t fa[6], fb[6], n = 0, i, k, m;
	struct habar__align_seq a = seq(la, 5, fa), b = seq(lb, 5, fb);
	struct habar__bead *beads = NULL;
	double plain, lone;

	/* The pair of the languages 0 and 1: its words carry tag 1. */
	b.lang = 1;
	CHECK(habar__align_tag(&a, &b) == 1);

	plain = habar__align_cost(&a, 2, 1, &b, 2, 1, 1.0);
	lone = habar__align_cost(&a, 2, 1, &b, 2, 0, 1.0) +
	    habar__align_cost(&a, 3, 0, &b, 2, 1, 1.0);
	/* Sentence i of a and of b share key 0x100 + 16 i (a word and its
	 * translation); the third of each holds twelve words of its own,
	 * whose translations are expected (their class's weight 0.35). */
	for (i = 0, m = 0; i < 5; i++) {
		fa[i] = m;
		if (i == 2)
			for (k = 0; k < 12; k++)
				ka[m++] = 4u << 26 | 1u << 21 |
				    (0x1000 + (uint32_t)k);
		else
			ka[m++] = 0x100 + 16 * (uint32_t)i;
	}
	fa[5] = m;
	for (i = 0, m = 0; i < 5; i++) {
		fb[i] = m;
		if (i == 2)
			for (k = 0; k < 12; k++)
				kb[m++] = 4u << 26 | 1u << 21 |
				    (0x2000 + (uint32_t)k);
		else
			kb[m++] = 0x100 + 16 * (uint32_t)i;
	}
	fb[5] = m;
	CHECK(HABAR__ANCHOR_KIND(ka[0]) == HABAR__ANCHOR_MEMORY);
	a.keys = ka;
	b.keys = kb;
	CHECK(habar__align_cost(&a, 2, 1, &b, 2, 1, 1.0) > plain);
	CHECK(habar__align_cost(&a, 2, 1, &b, 2, 1, 1.0) > lone);
	CHECK(habar__align_cost(&a, 2, 1, &b, 2, 0, 1.0) +
	    habar__align_cost(&a, 3, 0, &b, 2, 1, 1.0) == lone);
	CHECK(habar__align_cost(&a, 1, 1, &b, 1, 1, 1.0) <
	    habar__align_cost(&a, 1, 1, &b, 0, 1, 1.0));
	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 6);
	for (i = 0; i < n; i++)
		CHECK(beads[i].na + beads[i].nb == 2 ?
		    beads[i].a == beads[i].b && beads[i].a != 2 :
		    beads[i].na + beads[i].nb == 1);
	free(beads);
	/* Words of the pairs of a and of b with a third language (tags 2
	 * and 3): nothing expected across, the two are linked. */
	for (k = fa[2]; k < fa[3]; k++)
		ka[k] = (ka[k] & ~(3u << 21)) | 2u << 21;
	for (k = fb[2]; k < fb[3]; k++)
		kb[k] = (kb[k] & ~(3u << 21)) | 3u << 21;
	CHECK(habar__align_cost(&a, 2, 1, &b, 2, 1, 1.0) < lone);
	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 5);
	free(beads);
	/* Without the words, the two are linked. */
	a = seq(la, 5, fa);
	b = seq(lb, 5, fb);
	CHECK(habar__align_pair(&a, &b, 1.0, NULL, 0, &beads, &n) == HABAR_OK);
	CHECK(n == 5);
	free(beads);
	/* With a memory's lexicon for the pair, lengths that disagree (80
	 * characters against 149) weigh less; a lone sentence costs the
	 * same. */
	b.lang = 1;
	plain = habar__align_cost(&a, 0, 1, &b, 3, 1, 1.0);
	lone = habar__align_cost(&a, 0, 1, &b, 3, 0, 1.0);
	a.memory = b.memory = 1u << 1;
	CHECK(habar__align_memory(&a, &b));
	CHECK(habar__align_cost(&a, 0, 1, &b, 3, 1, 1.0) < plain - 0.5);
	CHECK(habar__align_cost(&a, 0, 1, &b, 3, 0, 1.0) == lone);
	/* Not for the pair of b with a third language. */
	a.lang = 2;
	CHECK(!habar__align_memory(&a, &b));
}

/*
 * What a link's anchors say for its confidence: a number both sides
 * share, a name each side has and the other lacks (each counted against
 * the link), and of the learnt word pairs one of two found across.  The
 * third items hold words of a lexicon (a word list's, every pair's) none
 * of which is found across.
 */
static void
test_evidence(void)
{
	static const uint32_t la[3] = { 90, 60, 60 }, lb[3] = { 92, 61, 61 };
	const uint32_t number = (uint32_t)HABAR__ANCHOR_NUMBER << 29,
	    name = (uint32_t)HABAR__ANCHOR_NAME << 29,
	    lex = (uint32_t)HABAR__ANCHOR_LEX << 29,
	    word = (uint32_t)HABAR__ANCHOR_MEMORY << 29 | 3u << 26 | 3u << 23;
	uint32_t ka[8] = { number | 1, name | 2, lex | 3, lex | 4, word | 6,
	    word | 7, word | 8, word | 9 };
	uint32_t kb[6] = { number | 1, name | 5, lex | 3, word | 10, word | 11,
	    word | 12 };
	size_t fa[4], fb[4];
	struct habar__align_seq a = seq(la, 3, fa), b = seq(lb, 3, fb);
	struct habar__align_evidence ev;
	struct habar__align_near sure = { 1, 1, 1, 8.0 }, end = { 0, 0, 0, 0 },
	    alone = { 1, 0, 1, 0.0 };
	double pair, three, lost;

	a.keys = ka;
	fa[1] = fa[2] = 4;
	fa[3] = 8;
	b.keys = kb;
	fb[1] = fb[2] = 3;
	fb[3] = 6;
	habar__align_evidence(&a, 0, 1, &b, 0, 1, &ev);
	CHECK(ev.shared == habar__anchor_weight(number | 1));
	CHECK(ev.unmatched > 1.19 && ev.unmatched < 1.21);
	CHECK(ev.words_shared == 1 && ev.words_most == 2);
	/* The second items have no anchors: nothing either way. */
	habar__align_evidence(&a, 1, 1, &b, 1, 1, &ev);
	CHECK(ev.shared == 0 && ev.unmatched == 0 && ev.words_most == 0);

	/*
	 * A sure 1-1 link (its posterior 0.999, its neighbours sure) of a
	 * document in two languages is confident on the model of a pair
	 * alone, as it is with three languages whose third is as sure; a
	 * link whose posterior is 0.1, its own log-odds -3, beside a
	 * sentence with no counterpart, and whose words find none of their
	 * translations across, is doubtful on either.
	 */
	pair = habar__align_confidence_near(&a, 1, 1, &b, 1, 1, 1.0, 8.0,
	    0.999, -1, 0, 1, &end, &sure, NULL);
	three = habar__align_confidence_near(&a, 1, 1, &b, 1, 1, 1.0, 8.0,
	    0.999, 0.999, 0, 0, &end, &sure, NULL);
	CHECK(pair >= 0.5 && pair <= 1 && three >= 0.5 && three <= 1);
	lost = habar__align_confidence_near(&a, 2, 1, &b, 2, 1, 1.0, -3.0,
	    0.1, -1, 0, 1, &alone, &sure, NULL);
	CHECK(lost >= 0 && lost < 0.5);
	lost = habar__align_confidence_near(&a, 2, 1, &b, 2, 1, 1.0, -3.0,
	    0.1, 0.1, 0, 0, &alone, &sure, NULL);
	CHECK(lost >= 0 && lost < 0.5);

	/*
	 * Those were judged as a pair whose words the lexicon does not
	 * know (no bit in words): where it knows them, a wrong link would
	 * have paid for its missing translations, so the same numbers say
	 * more, in either model.
	 */
	a.words = b.words = 1u << habar__align_tag(&a, &b);
	CHECK(habar__align_confidence_near(&a, 1, 1, &b, 1, 1, 1.0, 8.0,
	    0.999, -1, 0, 1, &end, &sure, NULL) > pair);
	CHECK(habar__align_confidence_near(&a, 1, 1, &b, 1, 1, 1.0, 8.0,
	    0.999, 0.999, 0, 0, &end, &sure, NULL) > three);
}

/*
 * Names that one side of a link has and the other lacks count against it
 * more when they are all on one side: a sentence with two names against
 * one with none are no translation of each other, where a name on each
 * side that the other lacks is often one name written two ways.  Both
 * links have the same unmatched weight in all, which is all the
 * confidence saw before; the same links, posteriors and neighbours.
 */
static void
test_one_sided_names(void)
{
	static const uint32_t la[1] = { 90 }, lb[1] = { 92 };
	const uint32_t name = (uint32_t)HABAR__ANCHOR_NAME << 29;
	uint32_t two[2] = { name | 2, name | 6 }, one_a[1] = { name | 2 },
	    one_b[1] = { name | 5 };
	size_t fa[2], fb[2];
	struct habar__align_seq a = seq(la, 1, fa), b = seq(lb, 1, fb);
	struct habar__align_evidence lop, even;
	struct habar__align_near end = { 0, 0, 0, 0 };
	double conf_lop, conf_even, miss = habar__anchor_miss(name | 2);
	int alone;

	/* Two names on a's side, none on b's. */
	a.keys = two;
	fa[1] = 2;
	habar__align_evidence(&a, 0, 1, &b, 0, 1, &lop);
	CHECK(lop.miss_a > 2 * miss - 1e-9 && lop.miss_a < 2 * miss + 1e-9);
	CHECK(lop.miss_b == 0);
	/* A name on each side, not the same. */
	a.keys = one_a;
	fa[1] = 1;
	b.keys = one_b;
	fb[1] = 1;
	habar__align_evidence(&a, 0, 1, &b, 0, 1, &even);
	CHECK(even.miss_a > miss - 1e-9 && even.miss_a < miss + 1e-9);
	CHECK(even.miss_b > miss - 1e-9 && even.miss_b < miss + 1e-9);
	CHECK(even.unmatched > lop.unmatched - 1e-9 &&
	    even.unmatched < lop.unmatched + 1e-9);
	for (alone = 0; alone <= 1; alone++) {
		a.keys = two;
		fa[1] = 2;
		b.keys = seq(lb, 1, fb).keys;
		conf_lop = habar__align_confidence_near(&a, 0, 1, &b, 0, 1,
		    1.0, 1.0, 0.8, alone ? -1 : 0.8, 0, alone, &end, &end,
		    NULL);
		a.keys = one_a;
		fa[1] = 1;
		b.keys = one_b;
		fb[1] = 1;
		conf_even = habar__align_confidence_near(&a, 0, 1, &b, 0, 1,
		    1.0, 1.0, 0.8, alone ? -1 : 0.8, 0, alone, &end, &end,
		    NULL);
		/* In log-odds: a sure link's confidence is near 1 either
		 * way. */
		CHECK(log(conf_lop / (1 - conf_lop)) <
		    log(conf_even / (1 - conf_even)) - 0.1);
	}
}

/* Whether the word renders the same from its letters as through ICU. */
static int
same_latin(const char *word, size_t outsize)
{
	char fast[160], slow[160];
	size_t nf, ns;

	nf = habar__align_icu_latin(icu, word, strlen(word), fast, outsize);
	ns = habar__align_icu_latin_icu(icu, word, strlen(word), slow, outsize);
	if (nf != ns || strcmp(fast, slow) != 0) {
		fprintf(stderr, "%s: \"%s\" against ICU's \"%s\"\n", word,
		    fast, slow);
		return 0;
	}
	return 1;
}

/*
 * The Cyrillic block rendered letter by letter: every letter and every
 * pair of letters as ICU renders them together, so that no letter's
 * rendering depends on its neighbour; words, a word mixing scripts, a
 * byte that is no UTF-8, a word too long to be a name and output cut to
 * fit are rendered as ICU renders them.
 */
static void
test_latin_letters(void)
{
	static const char *const words[] = {
		"Астана", "Қазақстан", "Өскемен", "Ұлытау", "Шымкент",
		"Щучинск", "Жезқазған", "Ақтөбе", "Съезд", "объявил",
		"ЦЕНТР", "Һәм", "Үкімет", "Ёлка", "Київ", "Ђорђе",
		"Kазахстан", "Астана2026", "Аст\xffана", "Аст\xd0",
		"Абвгдеёжзийклмнопрстуфхцчшщъыьэюяабвгдеёжзий",
	};
	char w[8];
	unsigned a, b, ok = 1;
	size_t k;

	for (a = 0x400; a < 0x500 && ok; a++) {
		w[0] = (char)(0xC0 | a >> 6);
		w[1] = (char)(0x80 | (a & 0x3F));
		w[2] = '\0';
		ok = same_latin(w, 160);
		for (b = 0x400; b < 0x500 && ok; b++) {
			w[2] = (char)(0xC0 | b >> 6);
			w[3] = (char)(0x80 | (b & 0x3F));
			w[4] = '\0';
			ok = same_latin(w, 160);
		}
	}
	CHECK(ok);
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		CHECK(same_latin(words[k], 160));
		CHECK(same_latin(words[k], 4));
		CHECK(same_latin(words[k], 1));
	}
}

/* A bead of a sentences from a0 against b of nb from b0. */
static struct habar__bead
bead(uint32_t a0, uint8_t na, uint32_t b0, uint8_t nb)
{
	struct habar__bead b;

	memset(&b, 0, sizeof(b));
	b.a = a0;
	b.na = na;
	b.b = b0;
	b.nb = nb;
	return b;
}

/*
 * Inside a three-way link, Russian merged two English sentences and
 * Kazakh kept them apart: English (0) 0, 1; Russian (1) 0; Kazakh (2) 0,
 * 1.  Each English sentence is linked with one Russian and one Kazakh
 * sentence alone, so the pair ru-kk, which read its Kazakh sentence 0 as
 * having no counterpart, links Russian 0 with both.  Where English merged
 * the two sentences (one English sentence against two Russian ones), it
 * says nothing of which Russian sentence the Kazakh one matches, and the
 * pair's links stay as they are.
 */
static void
test_join_third(void)
{
	struct habar__bead zx[2], zy[2], xy[3];
	size_t n;

	zx[0] = bead(0, 2, 0, 1);		/* en 0, 1 : ru 0 */
	zy[0] = bead(0, 1, 0, 1);		/* en 0 : kk 0 */
	zy[1] = bead(1, 1, 1, 1);		/* en 1 : kk 1 */
	xy[0] = bead(0, 0, 0, 1);		/* kk 0 alone */
	xy[1] = bead(0, 1, 1, 1);		/* ru 0 : kk 1 */
	n = 2;
	CHECK(habar__align_join_third(2, 1, 2, zx, 1, zy, 2, xy, &n) ==
	    HABAR_OK);
	CHECK(n == 1);
	CHECK(xy[0].a == 0 && xy[0].na == 1 && xy[0].b == 0 && xy[0].nb == 2);

	zx[0] = bead(0, 1, 0, 2);		/* en 0 : ru 0, 1 */
	zy[0] = bead(0, 1, 0, 1);		/* en 0 : kk 0 */
	xy[0] = bead(0, 1, 0, 0);		/* ru 0 alone */
	xy[1] = bead(1, 1, 0, 1);		/* ru 1 : kk 0 */
	n = 2;
	CHECK(habar__align_join_third(1, 1, 2, zx, 1, zy, 1, xy, &n) ==
	    HABAR_OK);
	CHECK(n == 2);
	CHECK(xy[0].na == 1 && xy[0].nb == 0 && xy[1].a == 1);
}

int
main(void)
{
	test_anchors();
	test_value_anchors();
	test_closed_words();
	test_latin_letters();
	test_pair();
	test_merge_of_three();
	test_load_errors();
	test_three_way();
	test_cost();
	test_length_model();
	test_nothing_shared();
	test_numbers_lost();
	test_names_lost();
	test_parts_lost();
	test_dropped_by_pivot();
	test_two_drops();
	test_added_for_dropped();
	test_line_merge();
	test_line_boundaries();
	test_memory_words();
	test_evidence();
	test_one_sided_names();
	test_join_third();
	habar__anchor_cache_free(cache);
	habar__align_icu_free(icu);
	habar_recognise_free(rec);
	return CHECK_DONE();
}

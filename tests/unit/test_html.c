/*
 * test_html.c: the HTML pages of a release pack (html.c, labels.c) and
 * the dates on them (date_format_icu.c): every label of kk, ru and en in
 * its own language, with no fallback; dates as each language writes them
 * whatever their precision; the press contact, organisation and slide
 * links on a language's page; the marks of doubtful and unlinked
 * sentences and their legend on the side-by-side page, following the
 * threshold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/date.h>
#include <habar/html.h>
#include <habar/parallel.h>

#include "check.h"
#include "labels_internal.h"

static const char *const langs[] = { "kk", "ru", "en" };
/* Every language with labels of its own. */
static const char *const labelled[] = { "kk", "ru", "en", "kk-Latn" };

/* Every key of root/labels has a value in each language's own file: a
 * page in kk, ru or en never shows an English word in place of its own. */
static void
test_labels(void)
{
	struct habar__labels root, l;
	size_t i, k;

	habar__labels_load(&root, "und");
	CHECK(root.count >= 13);
	for (i = 0; i < root.count; i++)
		CHECK(root.items[i].fallback);
	for (k = 0; k < sizeof(labelled) / sizeof(labelled[0]); k++) {
		habar__labels_load(&l, labelled[k]);
		CHECK(l.count == root.count);
		for (i = 0; i < l.count; i++) {
			if (l.items[i].fallback)
				fprintf(stderr, "label '%s' of %s falls back "
				    "to root/labels\n", l.items[i].key,
				    labelled[k]);
			CHECK(!l.items[i].fallback);
			CHECK(l.items[i].value[0] != '\0');
		}
	}
	/* A tag without a file of its own: root's values, its tag for its
	 * name, and a key no file has answers itself. */
	habar__labels_load(&l, "de");
	CHECK_STR(habar__label(&l, "language"), "de");
	CHECK_STR(habar__label(&l, "attachments"), "Attachments");
	CHECK_STR(habar__label(&l, "no-such-key"), "no-such-key");
	habar__labels_load(&l, "kk-KZ");
	CHECK_STR(habar__label(&l, "attachments"), "Тіркемелер");
	habar__labels_load(&l, "kk-Latn");
	CHECK_STR(habar__label(&l, "attachments"), "Tırkemeler");
}

static void
check_date(const char *iso, const char *lang, const char *want)
{
	struct habar_date d;
	char out[128];

	CHECK(habar_date_parse(&d, iso) != HABAR_DATE_NONE);
	CHECK(habar_date_format(out, sizeof(out), &d, lang) == HABAR_OK);
	CHECK_STR(out, want);
}

static void
test_dates(void)
{
	struct habar_date d;
	char small[8];

	check_date("2024-12-06", "kk", "2024 жылғы 6 желтоқсан");
	check_date("2024-12-06", "ru", "6 декабря 2024 года");
	check_date("2024-12-06", "en", "6 December 2024");
	check_date("2024-12", "kk", "2024 жылғы желтоқсан");
	check_date("2024-12", "ru", "декабрь 2024 года");
	check_date("2024-12", "en", "December 2024");
	check_date("2024", "kk", "2024 жыл");
	check_date("2024", "ru", "2024 год");
	check_date("2024", "en", "2024");
	check_date("2026-03-01T10:30+05:00", "ru", "1 марта 2026 года, 10:30");
	check_date("2026-03-01", "kk", "2026 жылғы 1 наурыз");
	/* Month names from the data file, where ICU has none. */
	check_date("2024-12-06", "kk-Latn", "2024 jylğy 6 jeltoqsan");
	check_date("2024-03", "kk-Latn", "2024 jylğy nauryz");
	/* No date-patterns for German: ICU's own pattern. */
	check_date("2024-12-06", "de", "6. Dezember 2024");
	memset(&d, 0, sizeof(d));
	CHECK(habar_date_format(small, sizeof(small), &d, "ru") ==
	    HABAR_ERR_ARGUMENT);
	CHECK(habar_date_parse(&d, "2024-12-06") == HABAR_DATE_DAY);
	CHECK(habar_date_format(small, sizeof(small), &d, "ru") ==
	    HABAR_ERR_LIMIT);
	CHECK_STR(small, "");
}

/* Three languages, three paragraphs each: a sure 1-1-1 link, a doubtful
 * one (0.3), and a Kazakh sentence the others lack. */
static struct habar_parallel *
make_doc(void)
{
	static const char *const text[3][3] = {
		{ "Бірінші сөйлем.", "Екінші сөйлем.", "Тек қазақша сөйлем." },
		{ "Первое предложение.", "Второе предложение.", NULL },
		{ "First sentence.", "Second sentence.", NULL }
	};
	static const char *const titles[3] = { "Тақырып", "Заголовок",
	    "Title" };
	static const char *const contacts[3] = { "Баспасөз хатшысы",
	    "Пресс-секретарь", "Press officer" };
	struct habar_parallel *doc = NULL;
	struct habar_parallel_run runs[3];
	size_t k, s, li;

	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	habar_parallel_set(doc, "id", "r");
	habar_parallel_set(doc, "date", "2024-12-06");
	for (k = 0; k < 3; k++) {
		CHECK(habar_parallel_add_language(doc, langs[k], &li) ==
		    HABAR_OK);
		habar_parallel_add_field(doc, li, "title", titles[k]);
		habar_parallel_add_field(doc, li, "date", "2024-12-06");
		habar_parallel_add_field(doc, li, "place", "Астана");
		habar_parallel_add_field(doc, li, "contact", contacts[k]);
		habar_parallel_add_field(doc, li, "organisation", "Org");
		for (s = 0; s < 3 && text[k][s] != NULL; s++) {
			habar_parallel_add_paragraph(doc, li, NULL);
			habar_parallel_add_sentence(doc, li, text[k][s],
			    strlen(text[k][s]), NULL);
		}
	}
	habar_parallel_add_attachment(doc, "deck.pptx");
	for (s = 0; s < 3; s++) {
		for (k = 0; k < 3; k++) {
			runs[k].first = s;
			runs[k].count = s < 2 || k == 0 ? 1 : 0;
		}
		CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_PARAGRAPHS,
		    runs, 1.0) == HABAR_OK);
		CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES,
		    runs, s == 1 ? 0.3 : s == 0 ? 0.9 : 1.0) == HABAR_OK);
	}
	return doc;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
links_init(struct habar_html_links *links)
{
	static const struct habar_html_file slides[] = {
		{ "../slides/deck.pptx.kk.md", "deck.pptx", "kk" },
		{ "../slides/deck.pptx.ru.md", "deck.pptx", "ru" },
		{ "../slides/chart.pptx.ru.md", "chart.pptx", "ru" }
	};

	memset(links, 0, sizeof(*links));
	links->stylesheet = "style.css";
	links->attachments_dir = "../attachments/";
	links->side_by_side = "index.html";
	links->page_prefix = "r.";
	links->page_suffix = ".html";
	links->slides = slides;
	links->slide_count = 3;
	links->min_confidence = 0.5;
}

/* No label of another language on a language's page: each other
 * language's label that differs from every label of the page's own. */
static void
check_own_labels(const char *html, size_t li)
{
	struct habar__labels own, other;
	size_t k, i, j;

	habar__labels_load(&own, langs[li]);
	for (k = 0; k < 3; k++) {
		if (k == li)
			continue;
		habar__labels_load(&other, langs[k]);
		for (i = 0; i < other.count; i++) {
			int shared = 0;
			/* The name of a language stands on links to its
			 * page, in that language, by design. */
			if (strcmp(other.items[i].key, "language") == 0)
				continue;
			for (j = 0; j < own.count; j++)
				if (strcmp(own.items[j].value,
				    other.items[i].value) == 0)
					shared = 1;
			if (!shared && strstr(html, other.items[i].value)) {
				fprintf(stderr, "%s page shows the %s label "
				    "'%s'\n", langs[li], langs[k],
				    other.items[i].key);
				CHECK(0);
			}
		}
	}
}

static void
test_pages(void)
{
	struct habar_parallel *doc = make_doc();
	struct habar_html_links links;
	char *html = NULL;
	size_t len, li;

	links_init(&links);
	for (li = 0; li < 3; li++) {
		CHECK(habar_html_page(doc, li, &links, &html, &len) ==
		    HABAR_OK);
		if (html == NULL)
			continue;
		CHECK(strlen(html) == len);
		check_own_labels(html, li);
		CHECK(strstr(html, "<p class=\"organisation\">Org</p>"));
		/* The doubtful marks are for the side-by-side page. */
		CHECK(strstr(html, "doubtful") == NULL);
		free(html);
	}
	CHECK(habar_html_page(doc, 2, &links, &html, &len) == HABAR_OK);
	CHECK(strstr(html, "<time datetime=\"2024-12-06\">6 December "
	    "2024</time>") != NULL);
	CHECK(strstr(html, "<h2>Press contact</h2>\n<p>Press officer</p>"));
	CHECK(strstr(html, "<h2>Attachments</h2>"));
	/* No English slide text: every language of each deck, named. */
	CHECK(strstr(html, "<h2>Slide text</h2>"));
	CHECK(strstr(html, "href=\"../slides/deck.pptx.kk.md\" hreflang=\"kk\""
	    ">deck.pptx</a> (<span lang=\"kk\">Қазақша</span>)"));
	CHECK(count(html, "../slides/") == 3);
	free(html);
	CHECK(habar_html_page(doc, 1, &links, &html, &len) == HABAR_OK);
	CHECK(strstr(html, ">6 декабря 2024 года</time>") != NULL);
	CHECK(strstr(html, "<h2>Контакты для СМИ</h2>"));
	CHECK(strstr(html, "<h2>Вложения</h2>"));
	/* Its own language only, without a name after it. */
	CHECK(count(html, "../slides/") == 2);
	CHECK(strstr(html, "hreflang=\"ru\">deck.pptx</a></li>"));
	free(html);
	CHECK(habar_html_page(doc, 0, &links, &html, &len) == HABAR_OK);
	CHECK(strstr(html, ">2024 жылғы 6 желтоқсан</time>") != NULL);
	CHECK(strstr(html, "<h2>Тіркемелер</h2>"));
	CHECK(strstr(html, "<h2>БАҚ үшін байланыс</h2>"));
	free(html);
	habar_parallel_free(doc);
}

static void
test_side_by_side(void)
{
	struct habar_parallel *doc = make_doc();
	struct habar_html_links links;
	char *html = NULL;
	size_t len;

	links_init(&links);
	CHECK(habar_html_side_by_side(doc, &links, &html, &len) == HABAR_OK);
	if (html == NULL)
		return;
	/* The second sentence of each language is doubtful (0.3 < 0.5),
	 * the third Kazakh one unlinked; the sure first one unmarked. */
	CHECK(count(html, "<span class=\"doubtful\" data-confidence=\"0.30\">")
	    == 3);
	CHECK(strstr(html, "<span class=\"doubtful\" data-confidence=\"0.30\">"
	    "Второе предложение.<sup class=\"mark\" title=\"сомнительное "
	    "соответствие 1\">?1</sup></span>"));
	CHECK(strstr(html, "<span class=\"doubtful\" data-confidence=\"0.30\">"
	    "Second sentence.<sup class=\"mark\" title=\"doubtful link 1\">?1"
	    "</sup></span>"));
	CHECK(count(html, "<span class=\"unlinked\">") == 1);
	CHECK(strstr(html, "<span class=\"unlinked\">Тек қазақша сөйлем.<sup "
	    "class=\"mark\" title=\"сәйкесі жоқ\">∅</sup></span>"));
	CHECK(strstr(html, "<td lang=\"ru\">Первое предложение.</td>"));
	/* The legend, in each language, with the threshold. */
	CHECK(strstr(html, "<section class=\"legend\""));
	CHECK(strstr(html, "<dl lang=\"kk\">") && strstr(html,
	    "<dl lang=\"ru\">") && strstr(html, "<dl lang=\"en\">"));
	CHECK(strstr(html, "confidence under 50%"));
	CHECK(strstr(html, "ниже 50 %"));
	CHECK(strstr(html, "50 пайыздан"));
	CHECK(strstr(html, "<span lang=\"kk\">Тіркемелер</span> / <span "
	    "lang=\"ru\">Вложения</span> / <span lang=\"en\">Attachments"
	    "</span>"));
	CHECK(count(html, "<td") == count(html, "<td lang=\"") +
	    count(html, "<td class=\"missing\" lang=\""));
	free(html);

	/* A higher one: the 0.9 link is doubtful too, numbered first, in
	 * every column. */
	links.min_confidence = 0.95;
	CHECK(habar_html_side_by_side(doc, &links, &html, &len) == HABAR_OK);
	CHECK(count(html, "class=\"doubtful\"") == 6);
	CHECK(strstr(html, "First sentence.<sup class=\"mark\" title=\""
	    "doubtful link 1\">?1</sup>"));
	CHECK(strstr(html, "Бірінші сөйлем.<sup class=\"mark\" title=\""
	    "күмәнді сәйкестік 1\">?1</sup>"));
	CHECK(strstr(html, "Second sentence.<sup class=\"mark\" title=\""
	    "doubtful link 2\">?2</sup>"));
	CHECK(strstr(html, "confidence under 95%"));
	free(html);

	/* A lower threshold: the 0.3 link is sure, the legend stays for
	 * the unlinked sentence and says the new threshold. */
	links.min_confidence = 0.25;
	CHECK(habar_html_side_by_side(doc, &links, &html, &len) == HABAR_OK);
	CHECK(count(html, "class=\"doubtful\"") == 0);
	CHECK(count(html, "<span class=\"unlinked\">") == 1);
	CHECK(strstr(html, "confidence under 25%"));
	free(html);
	habar_parallel_free(doc);

	/* Nothing to mark: no legend. */
	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	{
		struct habar_parallel_run runs[2] = { { 0, 1 }, { 0, 1 } };
		size_t li;
		habar_parallel_set(doc, "id", "r");
		habar_parallel_add_language(doc, "ru", &li);
		habar_parallel_add_sentence(doc, li, "Да.", strlen("Да."),
		    NULL);
		habar_parallel_add_language(doc, "en", &li);
		habar_parallel_add_sentence(doc, li, "Yes.", 4, NULL);
		habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES, runs,
		    0.99);
	}
	links.min_confidence = 0.5;
	CHECK(habar_html_side_by_side(doc, &links, &html, &len) == HABAR_OK);
	CHECK(strstr(html, "legend") == NULL);
	CHECK(strstr(html, "class=\"mark") == NULL);
	free(html);
	habar_parallel_free(doc);
}

int
main(void)
{
	test_labels();
	test_dates();
	test_pages();
	test_side_by_side();
	return CHECK_DONE();
}

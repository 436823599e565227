/*
 * test_lexicon.c: the lexicon learnt from a translation memory: stems,
 * Model 1's pairs, the cache file and its invalidation; and the word
 * lists read into it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <habar/lexicon.h>

#include "lexicon_internal.h"
#include "check.h"

/* A small memory of our own: the same words in varied company. */
static const char tmx[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\""
    " segtype=\"sentence\" o-tmf=\"none\" adminlang=\"en\" srclang=\"en\""
    " datatype=\"plaintext\"/><body>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The minister opened the school.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Министр открыл школу.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The school is new.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Школа новая.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The minister visited the hospital.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Министр посетил больницу.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The hospital is old.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Больница старая.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Ministers met in the city.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Министры встретились в городе.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The city is old.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Город старый.</seg></tuv></tu>\n"
    "</body></tmx>\n";

static uint32_t
stem(struct habar_lexicon *lex, const char *lang, const char *word)
{
	uint32_t out[4];

	if (habar__stem_words(habar__lexicon_stemmer(lex, lang), NULL, word,
	    strlen(word), out, 4) != 1)
		return 0;
	return out[0];
}

/*
 * Whether the lexicon pairs English en with Russian ru; the units that
 * hold both, en and ru in *counts (when not NULL).
 */
static int
paired_counts(struct habar_lexicon *lex, const char *en, const char *ru,
    unsigned *counts)
{
	const struct habar__lexicon_entry *e;
	uint32_t a = stem(lex, "en", en), b = stem(lex, "ru", ru), x, y;
	size_t k, n, i;
	int swapped;

	for (k = 0; (e = habar__lexicon_table(lex, k, "en", "ru", &n,
	    &swapped)) != NULL; k++)
		for (i = 0; i < n; i++) {
			x = swapped ? e[i].b : e[i].a;
			y = swapped ? e[i].a : e[i].b;
			if (x == a && y == b) {
				if (counts != NULL) {
					counts[0] = e[i].both;
					counts[1] = swapped ? e[i].nb : e[i].na;
					counts[2] = swapped ? e[i].na : e[i].nb;
				}
				return 1;
			}
		}
	return 0;
}

static int
paired(struct habar_lexicon *lex, const char *en, const char *ru)
{
	return paired_counts(lex, en, ru, NULL);
}

static void
test_stems(void)
{
	struct habar_lexicon *lex;

	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	/* A case form counts as its word. */
	CHECK(stem(lex, "ru", "Министра") == stem(lex, "ru", "министр"));
	CHECK(stem(lex, "ru", "больницу") == stem(lex, "ru", "больница"));
	CHECK(stem(lex, "en", "ministers") == stem(lex, "en", "Minister"));
	CHECK(stem(lex, "kk", "облыстары") == stem(lex, "kk", "облыс"));
	CHECK(stem(lex, "kk", "Астанада") == stem(lex, "kk", "Астана"));
	CHECK(stem(lex, "ru", "министр") != stem(lex, "ru", "школа"));
	/* A word and the words made from it, united by the prefix
	 * (locales' @prefix): the noun and the verb of a report. */
	CHECK(stem(lex, "ru", "сообщение") == stem(lex, "ru", "сообщили"));
	CHECK(stem(lex, "kk", "қаласында") == stem(lex, "kk", "қалалық"));
	CHECK(stem(lex, "ru", "сообщение") != stem(lex, "ru", "собрание"));
	/* English keeps whole stems: no prefix there. */
	CHECK(stem(lex, "en", "government") != stem(lex, "en", "governor"));
	/* A language without rules keeps whole words. */
	CHECK(stem(lex, "xx", "abcd") != stem(lex, "xx", "abc"));
	habar_lexicon_free(lex);
}

static void
test_learn(void)
{
	struct habar_lexicon *lex, *back;
	unsigned counts[3];
	char *buf = NULL;
	size_t len = 0, pairs;
	FILE *fp;

	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	fp = fmemopen((void *)tmx, sizeof(tmx) - 1, "r");
	CHECK(fp != NULL);
	if (fp == NULL)
		return;
	CHECK(habar_lexicon_learn(lex, fp) == HABAR_OK);
	fclose(fp);
	pairs = habar_lexicon_pairs(lex, "en", "ru");
	CHECK(pairs > 0 && pairs == habar_lexicon_pairs(lex, "ru", "en"));
	CHECK(paired(lex, "minister", "министр"));
	CHECK(paired(lex, "hospital", "больница"));
	CHECK(!paired(lex, "minister", "больница"));
	/* How often each word's translation is there: the minister of all
	 * three units is министр in all three; of the memory's six units. */
	CHECK(paired_counts(lex, "minister", "министр", counts) &&
	    counts[0] == 3 && counts[1] == 3 && counts[2] == 3);
	CHECK(habar__lexicon_units(lex, 0, "ru", "en") == 6);
	CHECK(habar__lexicon_units(lex, 1, "ru", "en") == 0);

	/* Written and read back: the same pairs, for the same source only. */
	fp = open_memstream(&buf, &len);
	CHECK(habar_lexicon_write(lex, "10 20", fp) == HABAR_OK);
	fclose(fp);
	CHECK(habar_lexicon_new(&back) == HABAR_OK);
	fp = fmemopen(buf, len, "r");
	CHECK(habar_lexicon_read(back, "10 21", fp) == HABAR_ERR_INPUT);
	rewind(fp);
	CHECK(habar_lexicon_read(back, "10 20", fp) == HABAR_OK);
	fclose(fp);
	CHECK(habar_lexicon_pairs(back, "en", "ru") == pairs);
	CHECK(paired(back, "hospital", "больница"));
	CHECK(paired_counts(back, "hospital", "больница", counts) &&
	    counts[0] == 2 && counts[1] == 2 && counts[2] == 2);
	CHECK(habar__lexicon_units(back, 0, "en", "ru") == 6);
	/* A cache cut short adds nothing whole. */
	fp = fmemopen(buf, len / 2, "r");
	CHECK(habar_lexicon_read(back, NULL, fp) == HABAR_ERR_INPUT);
	fclose(fp);
	free(buf);
	habar_lexicon_free(back);
	habar_lexicon_free(lex);
}

static void
test_cache(void)
{
	char dir[] = "/tmp/test_lexicon.XXXXXX", path[256], cache[300],
	    source[64];
	struct habar_lexicon *lex;
	struct stat sb;
	size_t pairs;
	FILE *fp;

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof(path), "%s/memory.tmx", dir);
	snprintf(cache, sizeof(cache), "%s.lex", path);
	fp = fopen(path, "w");
	CHECK(fp != NULL && fputs(tmx, fp) >= 0);
	if (fp != NULL)
		fclose(fp);
	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	CHECK(habar_lexicon_add_memory(lex, path) == HABAR_OK);
	pairs = habar_lexicon_pairs(lex, "en", "ru");
	CHECK(pairs > 0);
	CHECK(stat(cache, &sb) == 0 && sb.st_size > 0);
	/* From the cache the second time: the same pairs again. */
	CHECK(habar_lexicon_add_memory(lex, path) == HABAR_OK);
	CHECK(habar_lexicon_pairs(lex, "en", "ru") == 2 * pairs);
	habar_lexicon_free(lex);
	/* A cache of another version of the memory is not used. */
	fp = fopen(cache, "w");
	CHECK(fp != NULL && fputs("habar-lexicon 3\nsource 1 2\nend\n", fp) >= 0);
	if (fp != NULL)
		fclose(fp);
	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	CHECK(habar_lexicon_add_memory(lex, path) == HABAR_OK);
	CHECK(habar_lexicon_pairs(lex, "en", "ru") == pairs);
	habar_lexicon_free(lex);
	CHECK(stat(path, &sb) == 0);
	snprintf(source, sizeof(source), "source %lld %lld\n",
	    (long long)sb.st_size, (long long)sb.st_mtime);
	/* Nor one of the second format, whose stems were cut otherwise. */
	fp = fopen(cache, "w");
	CHECK(fp != NULL && fprintf(fp, "habar-lexicon 2\n%spair en ru 1 6\n"
	    "0000abcd 0000dcba 0.5000 0.5000 1 1 1\nend\n", source) > 0);
	if (fp != NULL)
		fclose(fp);
	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	CHECK(habar_lexicon_add_memory(lex, path) == HABAR_OK);
	CHECK(habar_lexicon_pairs(lex, "en", "ru") == pairs);
	habar_lexicon_free(lex);
	/* Nor one of the first format, without the units (learnt again). */
	fp = fopen(cache, "w");
	CHECK(fp != NULL && fprintf(fp, "habar-lexicon 1\n%spair en ru 1\n"
	    "0000abcd 0000dcba 0.5000 0.5000\nend\n", source) > 0);
	if (fp != NULL)
		fclose(fp);
	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	CHECK(habar_lexicon_add_memory(lex, path) == HABAR_OK);
	CHECK(habar_lexicon_pairs(lex, "en", "ru") == pairs);
	CHECK(habar_lexicon_add_memory(lex, "/nonexistent/memory.tmx") ==
	    HABAR_ERR_NOTFOUND);
	habar_lexicon_free(lex);
	unlink(cache);
	unlink(path);
	rmdir(dir);
}

/* The concept of the pair of English en and Russian ru, or 0. */
static uint32_t
concept_of(struct habar_lexicon *lex, const char *en, const char *ru)
{
	const struct habar__lexicon_entry *e;
	uint32_t a = stem(lex, "en", en), b = stem(lex, "ru", ru);
	size_t k, n, i;
	int swapped;

	for (k = 0; (e = habar__lexicon_table(lex, k, "en", "ru", &n,
	    &swapped)) != NULL; k++)
		for (i = 0; i < n; i++)
			if ((swapped ? e[i].b : e[i].a) == a &&
			    (swapped ? e[i].a : e[i].b) == b)
				return e[i].concept;
	return 0;
}

static void
test_lists(void)
{
	char dir[] = "/tmp/test_lexicon.XXXXXX", path[256];
	struct habar_lexicon *lex;
	FILE *fp;
	char *buf = NULL;
	size_t len = 0;

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	check_write_file(dir, "a.tsv", "# news words\n"
	    "say, said\tсказать,сказал\tайту,айтты,деді\n"
	    "\n"
	    "hospital\tбольница\tаурухана\n"
	    "well-known\tизвестный\t\n");
	check_write_file(dir, "b.tsv", "school\tшкола\tмектеп\n");
	check_write_file(dir, "notes.txt", "not\ta\tlist\textra\n");
	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	CHECK(habar_lexicon_add_lists(lex, dir) == HABAR_OK);
	/* Every form of one language with every form of the other, under
	 * the line's concept: say and said are two stems, сказать and
	 * сказал one. */
	CHECK(concept_of(lex, "said", "сказал") != 0);
	CHECK(concept_of(lex, "say", "сказать") ==
	    concept_of(lex, "said", "сказал"));
	CHECK(concept_of(lex, "hospital", "больница") != 0 &&
	    concept_of(lex, "hospital", "больница") !=
	    concept_of(lex, "said", "сказал"));
	/* The files in name order, numbered on: b.tsv's concept is the
	 * fourth. */
	CHECK(concept_of(lex, "school", "школа") == 4);
	/* A hyphenated form is left out; its line has no English then. */
	CHECK(habar_lexicon_pairs(lex, "en", "ru") == 2 + 1 + 1);
	CHECK(habar_lexicon_pairs(lex, "ru", "kk") == 3 + 1 + 1);
	CHECK(habar_lexicon_pairs(lex, "kk", "en") == 6 + 1 + 1);
	/* A lexicon's cache never holds what the lists gave. */
	fp = open_memstream(&buf, &len);
	CHECK(fp != NULL && habar_lexicon_write(lex, "1 2", fp) == HABAR_OK);
	if (fp != NULL)
		fclose(fp);
	CHECK(buf != NULL && strcmp(buf, "habar-lexicon 3\nsource 1 2\nend\n")
	    == 0);
	free(buf);
	habar_lexicon_free(lex);

	/* A line of two fields is an error naming the file and the line. */
	check_write_file(dir, "c.tsv", "# one\nschool\tшкола\n");
	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	CHECK(habar_lexicon_add_lists(lex, dir) == HABAR_ERR_INPUT);
	snprintf(path, sizeof(path), "%s/c.tsv:2: ", dir);
	CHECK(strncmp(habar_lexicon_error(lex), path, strlen(path)) == 0);
	habar_lexicon_free(lex);
	/* A directory that does not exist is an error too. */
	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	CHECK(habar_lexicon_add_lists(lex, "/nonexistent/lists") ==
	    HABAR_ERR_IO);
	habar_lexicon_free(lex);
	snprintf(path, sizeof(path), "%s/a.tsv", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.tsv", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.tsv", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	unlink(path);
	rmdir(dir);
}

/* The project's own lists load, and pair many words in each pair. */
static void
test_project_lists(void)
{
	struct habar_lexicon *lex;

	CHECK(habar_lexicon_new(&lex) == HABAR_OK);
	CHECK(habar_lexicon_add_lists(lex, NULL) == HABAR_OK);
	CHECK(habar_lexicon_pairs(lex, "en", "ru") > 2000);
	CHECK(habar_lexicon_pairs(lex, "en", "kk") > 2000);
	CHECK(habar_lexicon_pairs(lex, "ru", "kk") > 2000);
	CHECK(concept_of(lex, "said", "сказал") != 0);
	habar_lexicon_free(lex);
}

int
main(void)
{
	test_stems();
	test_learn();
	test_cache();
	test_lists();
	test_project_lists();
	return check_failures ? 1 : 0;
}

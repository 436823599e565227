/*
 * test_spell.c: unit tests of the spell-checker (habar/spell.h): the
 * tokeniser's words, skips and columns; verdicts by script and language;
 * the Kazakh suffix rules; British and ё variants; word lists; the pool's
 * ordering.  Skips (77) when the Hunspell dictionaries are not installed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <habar/spell.h>

#include "check.h"

/* Tokenises line and writes "word@column" (or "~skip@column", or
 * "^word@column" for the words of a compound with a number) joined by
 * spaces into out. */
static void
tokens(const char *line, char *out, size_t cap)
{
	struct habar_spell_token tok;
	size_t pos = 0, column = 1, n = 0;

	out[0] = '\0';
	while (habar_spell_token_next(line, strlen(line), &pos, &column,
	    &tok)) {
		n += (size_t)snprintf(out + n, cap - n, "%s%s%.*s@%zu",
		    n ? " " : "", tok.skip == 1 ? "~" : tok.skip ? "^" : "",
		    (int)tok.len,
		    line + tok.offset, tok.column);
		if (n >= cap)
			break;
	}
}

static void
test_tokens(void)
{
	char out[1024];

	tokens("Hello, world!", out, sizeof(out));
	CHECK_STR(out, "Hello@1 world@8");
	/* Columns count characters, not bytes. */
	tokens("Сәлем, әлем", out, sizeof(out));
	CHECK_STR(out, "Сәлем@1 әлем@8");
	tokens("see https://example.org/a-b?x=1 now", out, sizeof(out));
	CHECK_STR(out, "see@1 ~https://example.org/a-b?x=1@5 now@33");
	tokens("mail press@unicef.org.", out, sizeof(out));
	CHECK_STR(out, "mail@1 ~press@unicef.org.@6");
	tokens("#Astana2024 @unicef_kz ok", out, sizeof(out));
	CHECK_STR(out, "~#Astana2024@1 ~@unicef_kz@13 ok@24");
	tokens("COVID-19 on 24.11.2024, 2018-ден", out, sizeof(out));
	CHECK_STR(out, "^COVID@1 ~19@7 on@10 ~24@13 ~11@16 ~2024@19 ~2018@25 "
	    "^ден@30");
	/* A compound with a number is cut at its hyphens, its words kept
	 * together up to the next number; "_" keeps it whole. */
	tokens("a 20-year-old, 6-foot-6 x_1-2 mp3-файл", out, sizeof(out));
	CHECK_STR(out, "a@1 ~20@3 ^year-old@6 ~6@16 ^foot@18 ~6@23 ~x_1-2@25 "
	    "~mp3@31 ^файл@35");
	/* ʼ is a letter as well as a joiner (found by fuzz_spell). */
	tokens("c \xca\xbc" "ая2 x", out, sizeof(out));
	CHECK_STR(out, "c@1 ~\xca\xbc" "ая2@3 x@8");
	tokens("Kavanaugh's Нью-Йорк 'quoted' -dash-", out, sizeof(out));
	CHECK_STR(out, "Kavanaugh's@1 Нью-Йорк@13 quoted@23 dash@32");
	tokens("see www.gov.kz and akorda.kz.", out, sizeof(out));
	CHECK_STR(out, "see@1 ~www.gov.kz@5 and@16 ~akorda.kz.@20");
	/* Invalid UTF-8 separates words and counts one column a byte. */
	tokens("ab\xff" "cd", out, sizeof(out));
	CHECK_STR(out, "ab@1 cd@4");
	tokens("", out, sizeof(out));
	CHECK_STR(out, "");
}

static enum habar_spell_verdict
verdict_of(struct habar_spell *spell, const char *word)
{
	enum habar_spell_verdict v = HABAR_SPELL_SKIPPED;

	if (habar_spell_check(spell, word, strlen(word), &v) != HABAR_OK)
		return (enum habar_spell_verdict)-1;
	return v;
}

static void
test_english(void)
{
	struct habar_spell_options opt = { NULL, 0, 1 };
	struct habar_spell *spell = NULL;
	char **list = NULL;
	size_t n = 0, i;
	int found = 0;

	CHECK(habar_spell_new(&spell, "en", &opt, NULL, 0) == HABAR_OK);
	if (spell == NULL)
		return;
	CHECK(verdict_of(spell, "release") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "relase") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "Release") == HABAR_SPELL_OK);
	/* Twice: the second answer comes from the cache. */
	CHECK(verdict_of(spell, "relase") == HABAR_SPELL_UNKNOWN);
	/* A capitalised form: good after its good lower case (from the
	 * cache), judged on its own after a bad one; all capitals are no
	 * capitalised form. */
	CHECK(verdict_of(spell, "Relase") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "statement") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "Statement") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "Paris") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "paris") == HABAR_SPELL_UNKNOWN);
	/* British spellings and the project's lists. */
	CHECK(verdict_of(spell, "colour") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "organisation") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "centre") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "theatres") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "anaemia") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "foetus") == HABAR_SPELL_OK);
	/* Not British: typos that the variant rules must not excuse. */
	CHECK(verdict_of(spell, "longre") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "mothre") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "includoed") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "maed") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "UNICEF") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "Astana") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "Astana's") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "Almaty") == HABAR_SPELL_OK);
	/* Rare words that are mostly typos in a release. */
	CHECK(verdict_of(spell, "thee") == HABAR_SPELL_UNKNOWN);
	/* Cyrillic words in English text: Russian, then Kazakh. */
	CHECK(verdict_of(spell, "Москва") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "Москвва") == HABAR_SPELL_UNKNOWN);
	/* Look-alike letters: Cyrillic р and а in a Latin word. */
	CHECK(verdict_of(spell, "Рrеss") == HABAR_SPELL_MIXED);
	CHECK(verdict_of(spell, "Google-дың") != HABAR_SPELL_MIXED);
	/* Other scripts and single letters are not judged. */
	CHECK(verdict_of(spell, "東京") == HABAR_SPELL_SKIPPED);
	CHECK(verdict_of(spell, "x") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "") == HABAR_SPELL_SKIPPED);
	/* Acronyms. */
	CHECK(verdict_of(spell, "KZT") == HABAR_SPELL_OK);
	CHECK(habar_spell_suggest(spell, &list, &n, "relase", 6, 5) ==
	    HABAR_OK);
	CHECK(n > 0 && n <= 5);
	for (i = 0; i < n; i++)
		found |= strcmp(list[i], "release") == 0;
	CHECK(found);
	habar_spell_list_free(list, n);
	/* The ispell "@" command: what was said of the word before is
	 * forgotten, here and in the dictionary's memo. */
	CHECK(verdict_of(spell, "Qazsnab") == HABAR_SPELL_UNKNOWN);
	CHECK(habar_spell_accept(spell, "Qazsnab", 7) == HABAR_OK);
	CHECK(verdict_of(spell, "Qazsnab") == HABAR_SPELL_OK);
	habar_spell_free(spell);
}

static void
test_kazakh(void)
{
	struct habar_spell_options opt = { NULL, 0, 1 };
	struct habar_spell *spell = NULL;

	CHECK(habar_spell_new(&spell, "kk", &opt, NULL, 0) == HABAR_OK);
	if (spell == NULL)
		return;
	/* Inflected forms the dictionary lacks: stem + suffix chain. */
	CHECK(verdict_of(spell, "мәлімдеді") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "хабарлады") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "сайлауға") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "мәлімдемесінде") == HABAR_SPELL_OK);
	/* к/г alternation: қыркүйек, қыркүйегінде. */
	CHECK(verdict_of(spell, "қыркүйегінде") == HABAR_SPELL_OK);
	/* A list stem with suffixes; Russian loans with Kazakh suffixes. */
	CHECK(verdict_of(spell, "Астанада") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "Қазақстанның") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "парламентіне") == HABAR_SPELL_OK);
	/* Acronym, hyphen, case ending. */
	CHECK(verdict_of(spell, "БҰҰ-ның") == HABAR_SPELL_OK);
	/* Vowel harmony: a back stem takes no front suffix. */
	CHECK(verdict_of(spell, "Астанаде") == HABAR_SPELL_UNKNOWN);
	/* Assimilation: -дар after a vowel is wrong (-лар). */
	CHECK(verdict_of(spell, "мәлімдемедер") == HABAR_SPELL_UNKNOWN);
	/* Typos in the stem stay unknown. */
	CHECK(verdict_of(spell, "мәлімддеді") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "хабарлдаы") == HABAR_SPELL_UNKNOWN);
	/* A noun takes no verb ending (пікір is no verb). */
	CHECK(verdict_of(spell, "пікірер") == HABAR_SPELL_UNKNOWN);
	/* Latin words in Kazakh text are English. */
	CHECK(verdict_of(spell, "government") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "govrenment") == HABAR_SPELL_UNKNOWN);
	habar_spell_free(spell);
}

/*
 * The constraints on a stem and on a suffix chain that keep typos out of
 * the Kazakh rules, each with a real form it must still accept.
 */
static void
test_kazakh_chains(void)
{
	struct habar_spell_options opt = { NULL, 0, 1 };
	struct habar_spell *spell = NULL;

	CHECK(habar_spell_new(&spell, "kk", &opt, NULL, 0) == HABAR_OK);
	if (spell == NULL)
		return;
	/* A stem Hunspell knows only as a form of an entry takes only what
	 * may follow that form (locales/kk/spell-affixes): Hunspell's
	 * ablative қаладан takes no dative, its imperative жазайын no
	 * genitive; the entries take their chains. */
	CHECK(verdict_of(spell, "қаладанға") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "жазайынның") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "қалаларымыздан") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "жауынның") == HABAR_SPELL_OK);
	/* Hunspell's штаты (штат + ы) takes the possessive's case endings
	 * (-нан), not a bare stem's (-дан). */
	CHECK(verdict_of(spell, "штатынан") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "штатыдан") == HABAR_SPELL_UNKNOWN);
	/* The dative after the plural persons' possessives is -ға, after
	 * the singular ones -а; no possessive follows another. */
	CHECK(verdict_of(spell, "бағдарламамызға") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "бағдарламаңа") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "бағдарламамыза") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "бағдарламаңы") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "ойласаңыздар") == HABAR_SPELL_OK);
	/* An entry that is a lexicalised possessive (басы, with басында)
	 * takes the possessive's case endings; a plain noun in -і (кісі)
	 * takes a bare stem's. */
	CHECK(verdict_of(spell, "басындағы") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "басыдағы") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "ортасыдағы") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "кісідегі") == HABAR_SPELL_OK);
	/* Between vowels a final к қ п voices before a vowel (-лығы), in
	 * native words; after a consonant it stays (қорқ-ып). */
	CHECK(verdict_of(spell, "спорттығына") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "спорттықына") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "қорқыпты") == HABAR_SPELL_OK);
	/* -ғы/-гі follows a locative, or an entry that is one (сыртта,
	 * елордада), not any noun. */
	CHECK(verdict_of(spell, "сырттағы") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "елордадағы") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "мектепкі") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "қаламғы") == HABAR_SPELL_UNKNOWN);
	/* A suffix's final к voices before a vowel inside the chain too
	 * (келген-дік-і), but only there. */
	CHECK(verdict_of(spell, "келгендігі") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "болғандығдан") == HABAR_SPELL_UNKNOWN);
	/* -дық/-дік follows a participle, with -д- after its н. */
	CHECK(verdict_of(spell, "хабарлағандығы") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "мәлімдегендігін") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "хабарлағанлығы") == HABAR_SPELL_UNKNOWN);
	/* Person endings after a participle and a noun: -мын but -быз
	 * after a nasal, -бын after з, -пын after a voiceless consonant. */
	CHECK(verdict_of(spell, "хабарлағанмын") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "хабарлағанбыз") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "хабарлағанмыз") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "дайынбыз") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "студентпін") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "студентмін") == HABAR_SPELL_UNKNOWN);
	/* A compound written as one word: a head of spell-compounds and a
	 * word, which the rules still check. */
	CHECK(verdict_of(spell, "көпбалалы") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "тікұшақтар") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "көпбалаоы") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "көптікұшақ") == HABAR_SPELL_UNKNOWN);
	habar_spell_free(spell);
}

static void
test_russian(void)
{
	struct habar_spell_options opt = { NULL, 0, 1 };
	struct habar_spell *spell = NULL;

	CHECK(habar_spell_new(&spell, "ru-KZ", &opt, NULL, 0) == HABAR_OK);
	if (spell == NULL)
		return;
	CHECK(verdict_of(spell, "заявил") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "заявли") == HABAR_SPELL_UNKNOWN);
	CHECK(verdict_of(spell, "ещё") == HABAR_SPELL_OK);
	/* List words inflected like their model word. */
	CHECK(verdict_of(spell, "Токаева") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "Астаны") == HABAR_SPELL_OK);
	CHECK(verdict_of(spell, "ЮНИСЕФ") == HABAR_SPELL_OK);
	habar_spell_free(spell);
}

/* Writes text to a new temporary file named from the template path;
 * returns 1, or 0 after a failed check. */
static int
write_word_list(char *path, const char *text)
{
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		CHECK(!"cannot create a temporary file");
		return 0;
	}
	fputs(text, fp);
	fclose(fp);
	return 1;
}

static void
test_personal(void)
{
	char path[] = "/tmp/habar-spell-test-XXXXXX";
	const char *files[1];
	struct habar_spell_options opt = { NULL, 0, 1 };
	struct habar_spell *spell = NULL;
	char err[512];

	if (!write_word_list(path, "# a comment\n\nQazsnab\nЖаңасөз\n"))
		return;
	files[0] = path;
	opt.personal = files;
	opt.personal_count = 1;
	CHECK(habar_spell_new(&spell, "kk", &opt, err, sizeof(err)) ==
	    HABAR_OK);
	if (spell != NULL) {
		CHECK(verdict_of(spell, "Qazsnab") == HABAR_SPELL_OK);
		CHECK(verdict_of(spell, "Жаңасөз") == HABAR_SPELL_OK);
		CHECK(verdict_of(spell, "Жаңасөзі") == HABAR_SPELL_OK);
		habar_spell_free(spell);
	}
	/* The same list through $HABAR_PERSONAL_DICT, with HOME pointing
	 * where no ~/.config/habar/words.kk exists. */
	opt.personal_count = 0;
	opt.no_default_personal = 0;
	setenv("HABAR_PERSONAL_DICT", path, 1);
	setenv("HOME", "/nonexistent", 1);
	unsetenv("XDG_CONFIG_HOME");
	CHECK(habar_spell_new(&spell, "kk", &opt, err, sizeof(err)) ==
	    HABAR_OK);
	if (spell != NULL) {
		CHECK(verdict_of(spell, "Qazsnab") == HABAR_SPELL_OK);
		habar_spell_free(spell);
	}
	unsetenv("HABAR_PERSONAL_DICT");
	CHECK(habar_spell_new(&spell, "kk", &opt, err, sizeof(err)) ==
	    HABAR_OK);
	if (spell != NULL) {
		CHECK(verdict_of(spell, "Qazsnab") == HABAR_SPELL_UNKNOWN);
		habar_spell_free(spell);
	}
	opt.personal_count = 1;
	opt.no_default_personal = 1;
	unlink(path);
	/* A missing list is an error that names the file. */
	CHECK(habar_spell_new(&spell, "kk", &opt, err, sizeof(err)) ==
	    HABAR_ERR_NOTFOUND);
	CHECK(spell == NULL);
	CHECK(strstr(err, path) != NULL);
	/* Unsupported languages. */
	opt.personal_count = 0;
	CHECK(habar_spell_new(&spell, "de", &opt, err, sizeof(err)) ==
	    HABAR_ERR_ARGUMENT);
	CHECK(habar_spell_new(&spell, "e", &opt, err, sizeof(err)) ==
	    HABAR_ERR_ARGUMENT);
	CHECK(habar_spell_new(&spell, "english", &opt, err, sizeof(err)) ==
	    HABAR_ERR_ARGUMENT);
}

/*
 * A stem of fewer than five letters takes Kazakh suffixes only when a
 * list holds it (the dictionary holds many short fragments), and a word
 * listed as an abbreviation ("/-") only after a hyphen.
 */
static void
test_listed_stems(void)
{
	char path[] = "/tmp/habar-spell-test-XXXXXX";
	const char *files[1] = { path };
	struct habar_spell_options opt = { files, 0, 1 };
	struct habar_spell *spell = NULL;

	if (!write_word_list(path, "тарп\nжмб/-\nқлм\n"))
		return;
	CHECK(habar_spell_new(&spell, "kk", &opt, NULL, 0) == HABAR_OK);
	if (spell != NULL) {
		/* тарп: a fragment of the dictionary's; жер: a listed stem. */
		CHECK(verdict_of(spell, "тарптарында") == HABAR_SPELL_UNKNOWN);
		CHECK(verdict_of(spell, "жерлерінде") == HABAR_SPELL_OK);
		CHECK(verdict_of(spell, "Жерлерінде") == HABAR_SPELL_OK);
		habar_spell_free(spell);
	}
	opt.personal_count = 1;
	CHECK(habar_spell_new(&spell, "kk", &opt, NULL, 0) == HABAR_OK);
	if (spell != NULL) {
		CHECK(verdict_of(spell, "тарптарында") == HABAR_SPELL_OK);
		CHECK(verdict_of(spell, "жмб") == HABAR_SPELL_OK);
		CHECK(verdict_of(spell, "жмб-та") == HABAR_SPELL_OK);
		CHECK(verdict_of(spell, "жмбта") == HABAR_SPELL_UNKNOWN);
		CHECK(verdict_of(spell, "қлмда") == HABAR_SPELL_OK);
		habar_spell_free(spell);
	}
	unlink(path);
}

struct collected {
	char text[8192];
	size_t n;
};

static int
collect(const struct habar_spell_finding *f, void *arg)
{
	struct collected *c = arg;

	c->n += (size_t)snprintf(c->text + c->n, sizeof(c->text) - c->n,
	    "%lu:%zu:%s%s\n", f->line, f->column,
	    f->verdict == HABAR_SPELL_MIXED ? "mixed:" : "", f->word);
	return c->n >= sizeof(c->text);
}

static void
test_pool(void)
{
	struct habar_spell_options opt = { NULL, 0, 1 };
	struct habar_spell_pool *pool = NULL;
	struct collected got;
	char line[256], want[8192];
	size_t wn = 0;
	unsigned long i;

	memset(&got, 0, sizeof(got));
	CHECK(habar_spell_pool_new(&pool, "en", &opt, 2, NULL, 0) == HABAR_OK);
	if (pool == NULL)
		return;
	/* Enough lines for several threads and batches; findings must
	 * come back in input order. */
	for (i = 1; i <= 5000; i++) {
		snprintf(line, sizeof(line), "The report number %lu%s", i,
		    i % 997 == 0 ? " has a tpyo" : " is fine");
		CHECK(habar_spell_pool_add(pool, line, strlen(line), i, 0,
		    collect, &got) == HABAR_OK);
		if (i % 997 == 0)
			wn += (size_t)snprintf(want + wn, sizeof(want) - wn,
			    "%lu:%zu:tpyo\n", i, strlen(line) - 3);
	}
	snprintf(line, sizeof(line), "title Рrеss");
	CHECK(habar_spell_pool_add(pool, line, strlen(line), 9999, 10,
	    collect, &got) == HABAR_OK);
	CHECK(habar_spell_pool_flush(pool, collect, &got) == HABAR_OK);
	wn += (size_t)snprintf(want + wn, sizeof(want) - wn,
	    "9999:17:mixed:Рrеss\n");
	CHECK_STR(got.text, want);
	CHECK(habar_spell_pool_checker(pool) != NULL);
	habar_spell_pool_free(pool);
	pool = NULL;

	/* Kazakh on two threads: the second checker loads English and the
	 * Russian lemmas ahead and starts from the first one's verdicts;
	 * its findings must be the same, in input order, whenever it
	 * joins.  Columns count characters: the typo stands after 12 of
	 * them, the number and a space. */
	memset(&got, 0, sizeof(got));
	wn = 0;
	CHECK(habar_spell_pool_new(&pool, "kk", &opt, 2, NULL, 0) == HABAR_OK);
	if (pool == NULL)
		return;
	for (i = 1; i <= 12000; i++) {
		snprintf(line, sizeof(line), "Есеп нөмірі %lu%s hello", i,
		    i % 1499 == 0 ? " тпыо" : " дайын");
		CHECK(habar_spell_pool_add(pool, line, strlen(line), i, 0,
		    collect, &got) == HABAR_OK);
		if (i % 1499 == 0)
			wn += (size_t)snprintf(want + wn, sizeof(want) - wn,
			    "%lu:%d:тпыо\n", i,
			    14 + snprintf(NULL, 0, "%lu", i));
	}
	CHECK(habar_spell_pool_flush(pool, collect, &got) == HABAR_OK);
	CHECK_STR(got.text, want);
	habar_spell_pool_free(pool);
	habar_spell_pool_free(NULL);
	habar_spell_free(NULL);
	habar_spell_list_free(NULL, 0);
}

/* The name rule: a capitalised word spelled the same way twice, once
 * inside a sentence, is a name; typos opening sentences are not. */
static void
test_names(void)
{
	static const char *const lines[] = {
		"The minister met Zhunusbekova in Astana.",
		"Thsi was the first visit.",
		"Later Zhunusbekova spoke; Qwertyk spoke once.",
		"Thsi was announced.",
	};
	struct habar_spell_options opt = { NULL, 0, 1 };
	struct habar_spell_pool *pool = NULL;
	struct collected got;
	size_t i;

	memset(&got, 0, sizeof(got));
	CHECK(habar_spell_pool_new(&pool, "en", &opt, 1, NULL, 0) == HABAR_OK);
	if (pool == NULL)
		return;
	habar_spell_pool_set_names(pool, 1);
	for (i = 0; i < 4; i++)
		CHECK(habar_spell_pool_add(pool, lines[i], strlen(lines[i]),
		    i + 1, 0, collect, &got) == HABAR_OK);
	CHECK(habar_spell_pool_flush(pool, collect, &got) == HABAR_OK);
	CHECK_STR(got.text, "2:1:Thsi\n3:27:Qwertyk\n4:1:Thsi\n");
	/* A new document forgets the names; without the rule all show. */
	habar_spell_pool_reset(pool);
	habar_spell_pool_set_names(pool, 0);
	memset(&got, 0, sizeof(got));
	CHECK(habar_spell_pool_add(pool, lines[2], strlen(lines[2]), 1, 0,
	    collect, &got) == HABAR_OK);
	CHECK(habar_spell_pool_flush(pool, collect, &got) == HABAR_OK);
	CHECK_STR(got.text, "1:7:Zhunusbekova\n1:27:Qwertyk\n");
	habar_spell_pool_free(pool);
}

int
main(void)
{
	struct habar_spell_options opt = { NULL, 0, 1 };
	struct habar_spell *probe = NULL;
	const char *langs[] = { "en", "ru", "kk" };
	size_t i;

	test_tokens();
	for (i = 0; i < 3; i++) {
		if (habar_spell_new(&probe, langs[i], &opt, NULL, 0) ==
		    HABAR_ERR_NOTFOUND) {
			printf("skipped: Hunspell dictionary for %s missing\n",
			    langs[i]);
			return check_failures ? 1 : 77;
		}
		habar_spell_free(probe);
	}
	test_english();
	test_kazakh();
	test_kazakh_chains();
	test_russian();
	test_personal();
	test_listed_stems();
	test_pool();
	test_names();
	return CHECK_DONE();
}

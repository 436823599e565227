/*
 * test_translit.c: habar-translit's library: the letter table of the 2021
 * Kazakh Latin alphabet in both directions, Turkic casing, all-capital and
 * title-case words, loan letters, round trips of native Kazakh words, mixed
 * Kazakh, Russian and English text, and releases with front matter.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <habar/habar.h>
#include <habar/translit.h>

#include "check.h"

static struct habar_translit *to_latn, *to_cyrl, *to_latn_all, *to_cyrl_all;

/* Converts text with t; returns a static copy of the result. */
static const char *
conv(struct habar_translit *t, const char *text)
{
	static char buf[8192];
	const char *out;
	size_t len;

	if (habar_translit_line(t, &out, &len, text, strlen(text)) != HABAR_OK) {
		fprintf(stderr, "conversion failed: %s\n",
		    habar_translit_error(t));
		return NULL;
	}
	if (len >= sizeof(buf))
		return NULL;
	memcpy(buf, out, len);
	buf[len] = '\0';
	return buf;
}

/*
 * The official alphabet of 2021: each Cyrillic letter of the Kazakh
 * alphabet and its Latin letter, small and capital (И and Й share İ i, Х
 * and Һ share H h; І і is I ı).
 */
static const char *const letter_table[][4] = {
	{ "а", "a", "А", "A" }, { "ә", "ä", "Ә", "Ä" },
	{ "б", "b", "Б", "B" }, { "в", "v", "В", "V" },
	{ "г", "g", "Г", "G" }, { "ғ", "ğ", "Ғ", "Ğ" },
	{ "д", "d", "Д", "D" }, { "е", "e", "Е", "E" },
	{ "ж", "j", "Ж", "J" }, { "з", "z", "З", "Z" },
	{ "и", "i", "И", "İ" }, { "й", "i", "Й", "İ" },
	{ "к", "k", "К", "K" }, { "қ", "q", "Қ", "Q" },
	{ "л", "l", "Л", "L" }, { "м", "m", "М", "M" },
	{ "н", "n", "Н", "N" }, { "ң", "ñ", "Ң", "Ñ" },
	{ "о", "o", "О", "O" }, { "ө", "ö", "Ө", "Ö" },
	{ "п", "p", "П", "P" }, { "р", "r", "Р", "R" },
	{ "с", "s", "С", "S" }, { "т", "t", "Т", "T" },
	{ "у", "u", "У", "U" }, { "ұ", "ū", "Ұ", "Ū" },
	{ "ү", "ü", "Ү", "Ü" }, { "ф", "f", "Ф", "F" },
	{ "х", "h", "Х", "H" }, { "һ", "h", "Һ", "H" },
	{ "ш", "ş", "Ш", "Ş" }, { "ы", "y", "Ы", "Y" },
	{ "і", "ı", "І", "I" },
	/* Loan letters: the project's choices (docs/habar-translit.md). */
	{ "ц", "ts", "Ц", "Ts" }, { "ч", "ch", "Ч", "Ch" },
	{ "щ", "ş", "Щ", "Ş" }, { "ю", "iu", "Ю", "İu" },
	{ "я", "ia", "Я", "İa" }, { "ё", "io", "Ё", "İo" },
	{ "э", "e", "Э", "E" }, { "ъ", "", "Ъ", "" }, { "ь", "", "Ь", "" },
};

/* The 31 letters of the alphabet back to Cyrillic, alone. */
static const char *const latin_letters[][2] = {
	{ "a", "а" }, { "ä", "ә" }, { "b", "б" }, { "d", "д" }, { "e", "е" },
	{ "f", "ф" }, { "g", "г" }, { "ğ", "ғ" }, { "h", "х" }, { "ı", "і" },
	{ "i", "и" }, { "j", "ж" }, { "k", "к" }, { "l", "л" }, { "m", "м" },
	{ "n", "н" }, { "ñ", "ң" }, { "o", "о" }, { "ö", "ө" }, { "p", "п" },
	{ "q", "қ" }, { "r", "р" }, { "s", "с" }, { "ş", "ш" }, { "t", "т" },
	{ "u", "у" }, { "ū", "ұ" }, { "ü", "ү" }, { "v", "в" }, { "y", "ы" },
	{ "z", "з" },
	{ "A", "А" }, { "Ä", "Ә" }, { "B", "Б" }, { "D", "Д" }, { "E", "Е" },
	{ "F", "Ф" }, { "G", "Г" }, { "Ğ", "Ғ" }, { "H", "Х" }, { "I", "І" },
	{ "İ", "И" }, { "J", "Ж" }, { "K", "К" }, { "L", "Л" }, { "M", "М" },
	{ "N", "Н" }, { "Ñ", "Ң" }, { "O", "О" }, { "Ö", "Ө" }, { "P", "П" },
	{ "Q", "Қ" }, { "R", "Р" }, { "S", "С" }, { "Ş", "Ш" }, { "T", "Т" },
	{ "U", "У" }, { "Ū", "Ұ" }, { "Ü", "Ү" }, { "V", "В" }, { "Y", "Ы" },
	{ "Z", "З" },
};

static void
test_letter_table(void)
{
	size_t i;
	char word[64];

	for (i = 0; i < sizeof(letter_table) / sizeof(letter_table[0]); i++) {
		CHECK_STR(conv(to_latn_all, letter_table[i][0]),
		    letter_table[i][1]);
		CHECK_STR(conv(to_latn_all, letter_table[i][2]),
		    letter_table[i][3]);
		/* Inside a word, between Kazakh letters. */
		snprintf(word, sizeof(word), "қ%sқ", letter_table[i][0]);
		{
			char want[64];
			snprintf(want, sizeof(want), "q%sq",
			    letter_table[i][1]);
			CHECK_STR(conv(to_latn, word), want);
		}
	}
	for (i = 0; i < sizeof(latin_letters) / sizeof(latin_letters[0]); i++)
		CHECK_STR(conv(to_cyrl_all, latin_letters[i][0]),
		    latin_letters[i][1]);
	/* Variants seen in other keyboards and drafts. */
	CHECK_STR(conv(to_cyrl, "meŋ Ŋ șaș"), "мең Ң шаш");
	/* Decomposed input is composed first. */
	CHECK_STR(conv(to_latn, "ж\xD0\xB8\xCC\x86"), "ji");
	CHECK_STR(conv(to_cyrl, "o\xCC\x88ner"), "өнер");
}

static void
test_casing(void)
{
	/* Turkic pairs: I/ı, İ/i. */
	CHECK_STR(conv(to_latn, "Іле Ілияс ИТ Ит іні"), "Ile Iliias İT İt ını");
	CHECK_STR(conv(to_latn, "ҚАЗАҚСТАН"), "QAZAQSTAN");
	CHECK_STR(conv(to_latn, "ІЛИЯС"), "ILİİAS");
	CHECK_STR(conv(to_latn, "Қазақстан Республикасы"),
	    "Qazaqstan Respublikasy");
	/* Multi-letter values: capitals inside all-capital words only. */
	CHECK_STR(conv(to_latn_all, "ЦЕНТР Центр ЧАЙ Шай ЮРИСТ Юрист"),
	    "TSENTR Tsentr CHAİ Şai İURİST İurist");
	CHECK_STR(conv(to_latn_all, "ПАЦ ЧЧ Ч"), "PATS CHCH Ch");
	/* Back. */
	CHECK_STR(conv(to_cyrl, "QAZAQSTAN Qazaqstan"), "ҚАЗАҚСТАН Қазақстан");
	CHECK_STR(conv(to_cyrl, "İLİİAS Iliias İle"), "ИЛИЯС Ілияс Иле");
	CHECK_STR(conv(to_cyrl, "AİAQ Aiaq Üİ"), "АЯҚ Аяқ ҮЙ");
	CHECK_STR(conv(to_cyrl, "CHEMPİON Chempion"), "ЧЕМПИОН Чемпион");
}

/* Native Kazakh words (and settled loans without loan letters) that must
 * survive Cyrillic -> Latin -> Cyrillic exactly. */
static const char *const native_words[] = {
	"ана", "ата", "бала", "әке", "әже", "аға", "іні", "қыз", "ұл", "келін",
	"үй", "ауыл", "қала", "дала", "тау", "су", "көл", "өзен", "теңіз",
	"жер", "ел", "халық", "мемлекет", "Қазақстан", "Астана", "Алматы",
	"Шымкент", "Ақтөбе", "Атырау", "Қарағанды", "Павлодар", "Жезқазған",
	"Түркістан", "Тараз", "Өскемен", "Көкшетау", "Семей", "Ақтау",
	"Қызылорда", "Талдықорған", "Байқоңыр", "Балқаш", "Ертіс", "Есіл",
	"жиі", "ірі", "қиын", "сиыр", "киім", "биік", "тиіс", "жиын", "ие",
	"ия", "дария", "аяқ", "саяси", "қою", "жию", "ою", "тию", "қия",
	"ай", "үйіне", "ойын", "ұйым", "сый", "сыйлық", "әйел", "түйе",
	"дүние", "бүйрек", "құйрық", "тай", "қой", "жайлау", "айтса", "кетсе",
	"бітсе", "отсыз", "жаңа", "жаңалық", "оқу", "оқушы", "мұғалім",
	"мектеп", "университет", "ғылым", "ғылыми", "білім", "өнер", "өнеркәсіп",
	"шаруашылық", "ауылшаруашылығы", "кәсіпкерлік", "саясат",
	"қаржы", "банк", "бағдарлама", "жоба", "жобалар", "мерзім", "уақыт",
	"жыл", "ай", "күн", "апта", "сағат", "минут", "бүгін", "ертең", "кеше",
	"мерейтой", "тәуелсіздік", "бейбітшілік", "ынтымақтастық", "келісім",
	"кездесу", "отырыс", "үкімет", "министрлік", "әкімдік", "әкім",
	"президент", "парламент", "мәжіліс", "сенат", "сайлау", "заң",
	"құқық", "бостандық", "теңдік", "адам", "азамат", "қоғам", "ұлт",
	"тіл", "мәдениет", "тарих", "әдебиет", "ақын", "жазушы", "кітап",
	"газет", "хабар", "хат", "хабарлама", "шаһар", "жаһандық", "жиһаз",
	"қаһарман", "гауһар", "айдаһар", "һәм", "Шаһар", "ЖАҺАН", "ауа",
	"райы", "қауіпсіздік", "денсаулық", "аурухана", "дәрігер", "емхана",
	"спорт", "жарыс", "чемпион", "чемпионат", "шешім", "ұсыныс",
	"жұмыс", "жұмысшы", "кәсіп", "өндіріс", "зауыт", "көлік", "жол",
	"теміржол", "әуежай", "бекет", "көше", "алаң", "саябақ", "орталық",
	"облыс", "аудан", "ауылдық", "округ", "тұрғын", "тұрғындар",
	"жастар", "балалар", "ұстаз", "шәкірт", "түлек", "ғалым", "зерттеу",
	"нәтиже", "мақсат", "міндет", "бағыт", "даму", "өсу", "төмендеу",
	"ҚАЗАҚСТАН", "ӘЙЕЛ", "ЖИІ", "АЯҚ", "ҚОЮ", "Ия", "Үйіне",
};

static void
test_round_trip(void)
{
	size_t i;
	char *latin;

	for (i = 0; i < sizeof(native_words) / sizeof(native_words[0]); i++) {
		const char *l = conv(to_latn_all, native_words[i]);
		CHECK(l != NULL);
		/* conv() reuses its buffer: keep a copy to convert back. */
		if (l == NULL || (latin = strdup(l)) == NULL)
			continue;
		CHECK_STR(conv(to_cyrl_all, latin), native_words[i]);
		free(latin);
	}
	/* Whole sentences, punctuation and digits kept. */
	CHECK_STR(conv(to_latn,
	    "Бүгін, 12 наурызда, Астанада «Жаңа Қазақстан» форумы өтті."),
	    "Bügın, 12 nauryzda, Astanada «Jaña Qazaqstan» forumy öttı.");
	CHECK_STR(conv(to_cyrl,
	    "Bügın, 12 nauryzda, Astanada «Jaña Qazaqstan» forumy öttı."),
	    "Бүгін, 12 наурызда, Астанада «Жаңа Қазақстан» форумы өтті.");
}

static void
test_loan_letters(void)
{
	/* One-way losses, documented: ц, щ, э, ё, ъ, ь. */
	CHECK_STR(conv(to_latn_all, "цирк щетка экран ёлка съезд компьютер"),
	    "tsirk şetka ekran iolka sezd kompiuter");
	CHECK_STR(conv(to_cyrl_all, "tsirk ekran"), "тсирк екран");
	/* ю after a consonant comes back, я after a consonant does not. */
	CHECK_STR(conv(to_cyrl_all, "biudjet valiuta Cheliabı materialdar"),
	    "бюджет валюта Челиабі материалдар");
	/* ч comes back through "ch". */
	CHECK_STR(conv(to_cyrl, "chempionat"), "чемпионат");
}

static void
test_mixed(void)
{
	/* A Russian name in quotes stays; the Kazakh words around it move. */
	CHECK_STR(conv(to_latn, "«Новая газета» басылымы жазды."),
	    "«Новая газета» basylymy jazdy.");
	CHECK_STR(conv(to_latn, "Министр сказал, что программа будет."),
	    "Министр сказал, что программа будет.");
	/* Latin words are not touched going to Latin. */
	CHECK_STR(conv(to_latn, "Google мен Microsoft компаниялары"),
	    "Google men Microsoft kompaniialary");
	/* English words are not touched going back. */
	CHECK_STR(conv(to_cyrl,
	    "Forum «The Future of Work» taqyrybymen öttı."),
	    "Форум «The Future of Work» тақырыбымен өтті.");
	CHECK_STR(conv(to_cyrl, "Microsoft pen Facebook"),
	    "Microsoft пен Facebook");
	/* --all converts them too. */
	CHECK_STR(conv(to_latn_all, "«Новая газета»"), "«Novaia gazeta»");
	/* Addresses are no words. */
	CHECK_STR(conv(to_cyrl, "Baspasöz: press@info.kz, www.gov.kz, "
	    "https://qazaq.kz/jañalyq, e-mail"),
	    "Баспасөз: press@info.kz, www.gov.kz, "
	    "https://qazaq.kz/jañalyq, e-mail");
	CHECK_STR(conv(to_latn, "Пошта: хабар@мысал.кз т.б."),
	    "Poşta: хабар@мысал.кз t.b.");
	/* Cyrillic of other languages is left alone. */
	CHECK_STR(conv(to_latn, "Київ қаласы"), "Київ qalasy");
	/* Nothing to do. */
	CHECK_STR(conv(to_latn, ""), "");
	CHECK_STR(conv(to_latn, "plain ASCII, 123."), "plain ASCII, 123.");
}

static void
test_bad_input(void)
{
	const char *out;
	size_t len;
	struct habar_translit_stats st;
	static const char nul[] = "қ\0а";

	CHECK_STR(conv(to_latn, "қ\xFF\xC0ы"), "q\xEF\xBF\xBD\xEF\xBF\xBDy");
	habar_translit_get_stats(to_latn, &st);
	CHECK(st.invalid >= 2);
	CHECK(habar_translit_line(to_latn, &out, &len, nul, sizeof(nul) - 1) ==
	    HABAR_OK);
	CHECK(len == 3 && memcmp(out, "q\0a", 3) == 0);
}

/* Lines longer than a piece (64 KiB) and longer than the cap. */
static void
test_long_lines(void)
{
	size_t reps = 40000, i, len;
	char *line = malloc(reps * 12 + 1), *want = malloc(reps * 7 + 1);
	const char *out;
	size_t out_len;

	/* "қазақ " is 11 bytes; "qazaq " 6. */
	for (i = 0; i < reps; i++) {
		memcpy(line + i * 11, "қазақ ", 11);
		memcpy(want + i * 6, "qazaq ", 6);
	}
	CHECK(habar_translit_line(to_latn, &out, &out_len, line, reps * 11) ==
	    HABAR_OK);
	CHECK(out_len == reps * 6 && memcmp(out, want, reps * 6) == 0);
	/* No space at all: one huge word, cut at character boundaries. */
	for (i = 0; i < reps; i++)
		memcpy(line + i * 10, "қазақ", 10);
	CHECK(habar_translit_line(to_latn, &out, &out_len, line, reps * 10) ==
	    HABAR_OK);
	CHECK(out_len == reps * 5);
	CHECK(memchr(out, 0xEF, out_len) == NULL);	/* no U+FFFD */
	free(line);
	free(want);

	len = HABAR_TRANSLIT_MAX_LINE + 1;
	line = malloc(len);
	memset(line, 'a', len);
	CHECK(habar_translit_line(to_cyrl, &out, &out_len, line, len) ==
	    HABAR_ERR_LIMIT);
	CHECK(strstr(habar_translit_error(to_cyrl), "longer") != NULL);
	free(line);
}

static void
test_release(void)
{
	static const char in[] =
	    "---\n"
	    "id: forum-2025\n"
	    "lang: kk\n"
	    "title: \"Астана: жаңа форум\"\n"
	    "date: 2025-03-12\n"
	    "place: Астана\n"
	    "attachments: forum.pptx\n"
	    "---\n"
	    "\n"
	    "Форум өтті.\n"
	    "Соңғы жол";
	static const char want[] =
	    "---\n"
	    "id: forum-2025\n"
	    "lang: kk-Latn\n"
	    "title: \"Astana: jaña forum\"\n"
	    "date: 2025-03-12\n"
	    "place: Astana\n"
	    "attachments: forum.pptx\n"
	    "---\n"
	    "\n"
	    "Forum öttı.\n"
	    "Soñğy jol";
	static const char no_lang[] = "---\ntitle: Хабар\n---\nМәтін\n";
	static const char no_lang_want[] =
	    "---\ntitle: Habar\nlang: kk-Latn\n---\nMätın\n";
	static const char russian[] = "---\nlang: ru\n---\nНовости дня\n";
	static const char back_in[] =
	    "---\nid: x\nlang: kk-Latn\nplace: Astana\n---\nForum öttı.\n";
	static const char back_want[] =
	    "---\nid: x\nlang: kk\nplace: Астана\n---\nФорум өтті.\n";
	static const char open_fm[] = "---\ntitle: x\n";
	char *buf = NULL;
	size_t size = 0;
	FILE *fin, *fout;
	int skipped;

#define RUN(t, text) do { \
	fin = fmemopen((void *)(text), sizeof(text) - 1, "r"); \
	fout = open_memstream(&buf, &size); \
	CHECK(habar_translit_release((t), fin, fout, &skipped) == HABAR_OK); \
	fclose(fout); \
	fclose(fin); \
} while (0)

	RUN(to_latn, in);
	CHECK_STR(buf, want);
	CHECK(!skipped);
	free(buf);
	RUN(to_latn, no_lang);
	CHECK_STR(buf, no_lang_want);
	free(buf);
	RUN(to_latn, russian);
	CHECK_STR(buf, russian);
	CHECK(skipped);
	free(buf);
	RUN(to_cyrl, back_in);
	CHECK_STR(buf, back_want);
	free(buf);
#undef RUN

	fin = fmemopen((void *)open_fm, sizeof(open_fm) - 1, "r");
	fout = open_memstream(&buf, &size);
	CHECK(habar_translit_release(to_latn, fin, fout, NULL) ==
	    HABAR_ERR_INPUT);
	CHECK(habar_translit_line_number(to_latn) > 0);
	CHECK(strstr(habar_translit_error(to_latn), "front matter") != NULL);
	fclose(fout);
	fclose(fin);
	free(buf);
}

static void
test_bad_rules(void)
{
	struct habar_translit *t = NULL;
	static const char rules[] = "а → a ; б → ;; [ ;";
	static const char words[] = "cyrl-kazakh = [ә\nnonsense\n";
	static const char words2[] = "cyrl-unknown = x\n";

	CHECK(habar_translit_new_from(&t, HABAR_TRANSLIT_KK_LATN, 0, rules,
	    sizeof(rules) - 1, NULL, 0) == HABAR_ERR_INPUT);
	CHECK(t != NULL && *habar_translit_error(t) != '\0');
	habar_translit_free(t);
	CHECK(habar_translit_new_from(&t, HABAR_TRANSLIT_KK_LATN, 0, "a > b;",
	    6, words, sizeof(words) - 1) == HABAR_ERR_INPUT);
	habar_translit_free(t);
	CHECK(habar_translit_new_from(&t, HABAR_TRANSLIT_KK_LATN, 0, "a > b;",
	    6, words2, sizeof(words2) - 1) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_translit_error(t), "unknown key") != NULL);
	habar_translit_free(t);
	habar_translit_free(NULL);
}

/* Writes text to a new temporary file; returns its name (static) or NULL. */
static const char *
temp_file(const char *text)
{
	static char name[] = "/tmp/test_translit_XXXXXX";
	int fd;
	FILE *fp;

	strcpy(name, "/tmp/test_translit_XXXXXX");
	if ((fd = mkstemp(name)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		return NULL;
	fputs(text, fp);
	fclose(fp);
	return name;
}

static void
test_exceptions(void)
{
	struct habar_translit *t = NULL, *back = NULL, *bare = NULL;
	const char *path;

	/* The shipped list: acronyms with a hyphenated ending, a name of
	 * two words and its capitals, an ending written on. */
	CHECK_STR(conv(to_latn, "ЮНИСЕФ-тің өкілі, ЮНЕСКО-ға"),
	    "UNICEF-tıñ ökılı, UNESCO-ğa");
	CHECK_STR(conv(to_latn, "Эйр Астана мен ЭЙР АСТАНА, Эйр Астананың"),
	    "Air Astana men AIR ASTANA, Air Astananyñ");
	CHECK_STR(conv(to_latn, "Би-Би-Си тілшісі"), "BBC tılşısı");
	/* Only whole words, and only the forms of the entry: a word that
	 * begins like a name without an ending after it stays a word. */
	CHECK_STR(conv(to_latn, "Гуглдан Гуглмоб Юнисеф"),
	    "Googledan Guglmob İunisef");
	/* The letter rules alone, on request. */
	CHECK(habar_translit_new(&bare, HABAR_TRANSLIT_KK_LATN,
	    HABAR_TRANSLIT_NO_EXCEPTIONS) == HABAR_OK);
	CHECK_STR(conv(bare, "ЮНИСЕФ-тің"), "İUNİSEF-tıñ");

	/* A person's own spelling from a file; a later file wins. */
	CHECK(habar_translit_new(&t, HABAR_TRANSLIT_KK_LATN, 0) == HABAR_OK);
	CHECK((path = temp_file("# people\nРашед Сарвар = Rashed Sarwar\n"
	    "ЮНИСЕФ = UNICEF Kazakhstan\n")) != NULL);
	CHECK(path != NULL && habar_translit_add_exceptions(t, path) ==
	    HABAR_OK);
	if (path != NULL)
		unlink(path);
	CHECK_STR(conv(t, "Рашед Сарвар мен Рашед Сарварға, РАШЕД САРВАР"),
	    "Rashed Sarwar men Rashed Sarwarğa, RASHED SARWAR");
	CHECK_STR(conv(t, "ЮНИСЕФ-тің"), "UNICEF Kazakhstan-tıñ");
	/* Spaces of any kind between the words; not another character. */
	CHECK_STR(conv(t, "Рашед\xC2\xA0Сарвар, Рашед-Сарвар"),
	    "Rashed Sarwar, Raşed-Sarvar");
	/* Inside an address, no word is converted. */
	CHECK_STR(conv(t, "www.ЮНИСЕФ.kz"), "www.ЮНИСЕФ.kz");
	/* Converting back, the file is read right to left. */
	CHECK(habar_translit_new(&back, HABAR_TRANSLIT_KK_CYRL, 0) ==
	    HABAR_OK);
	CHECK((path = temp_file("Рашед Сарвар = Rashed Sarwar\n")) != NULL);
	CHECK(path != NULL && habar_translit_add_exceptions(back, path) ==
	    HABAR_OK);
	if (path != NULL)
		unlink(path);
	CHECK_STR(conv(back, "Rashed Sarwar keldı, Microsoft"),
	    "Рашед Сарвар келді, Microsoft");

	/* Bad files: the line and what is wrong. */
	CHECK((path = temp_file("ЮНИСЕФ = UNICEF\nno sign here\n")) != NULL);
	CHECK(path != NULL && habar_translit_add_exceptions(t, path) ==
	    HABAR_ERR_INPUT);
	CHECK(strstr(habar_translit_error(t), ":2: expected") != NULL);
	if (path != NULL)
		unlink(path);
	CHECK((path = temp_file("Фонд = -x\n")) != NULL);
	CHECK(path != NULL && habar_translit_add_exceptions(t, path) ==
	    HABAR_ERR_INPUT);
	CHECK(strstr(habar_translit_error(t), ":1: a side must begin") !=
	    NULL);
	if (path != NULL)
		unlink(path);
	CHECK(habar_translit_add_exceptions(t, "/nonexistent/x") ==
	    HABAR_ERR_NOTFOUND);
	habar_translit_free(t);
	habar_translit_free(back);
	habar_translit_free(bare);
}

int
main(void)
{
	if (habar_translit_new(&to_latn, HABAR_TRANSLIT_KK_LATN, 0) != HABAR_OK ||
	    habar_translit_new(&to_cyrl, HABAR_TRANSLIT_KK_CYRL, 0) != HABAR_OK ||
	    habar_translit_new(&to_latn_all, HABAR_TRANSLIT_KK_LATN,
	    HABAR_TRANSLIT_ALL) != HABAR_OK ||
	    habar_translit_new(&to_cyrl_all, HABAR_TRANSLIT_KK_CYRL,
	    HABAR_TRANSLIT_ALL) != HABAR_OK) {
		fprintf(stderr, "cannot load the rules: %s %s\n",
		    to_latn ? habar_translit_error(to_latn) : "",
		    to_cyrl ? habar_translit_error(to_cyrl) : "");
		return 1;
	}
	test_letter_table();
	test_casing();
	test_round_trip();
	test_loan_letters();
	test_mixed();
	test_bad_input();
	test_long_lines();
	test_release();
	test_bad_rules();
	test_exceptions();
	habar_translit_free(to_latn);
	habar_translit_free(to_cyrl);
	habar_translit_free(to_latn_all);
	habar_translit_free(to_cyrl_all);
	return CHECK_DONE();
}

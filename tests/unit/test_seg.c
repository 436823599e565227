/*
 * test_seg.c: unit tests of the sentence segmenter (habar/seg.h): the
 * awkward cases of press releases in each language, and the contract of
 * the spans (trimmed, in order, covering every non-space byte) on hostile
 * input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/seg.h>

#include "check.h"

/* A paragraph and its sentences, separated by " | " in want. */
struct seg_case {
	const char *lang;
	const char *text;
	const char *want;
};

static const struct seg_case cases[] = {
	/* Abbreviations. */
	{ "en", "Mr. Smith met Dr. Jones. They spoke.",
	  "Mr. Smith met Dr. Jones. | They spoke." },
	{ "en", "Prices rose, e.g. for bread. Wages did not.",
	  "Prices rose, e.g. for bread. | Wages did not." },
	{ "en", "It opened in the U.S. The office is small.",
	  "It opened in the U.S. | The office is small." },
	{ "en", "The U.S. President arrived. He spoke.",
	  "The U.S. President arrived. | He spoke." },
	{ "en", "See No. 5 Downing Street. It is old.",
	  "See No. 5 Downing Street. | It is old." },
	{ "en", "They met on Nov. 24 in Astana. Talks went on.",
	  "They met on Nov. 24 in Astana. | Talks went on." },
	{ "en", "Books, pens, etc. The rest was sold.",
	  "Books, pens, etc. | The rest was sold." },
	{ "en", "The meeting starts at 10 a.m. Kazakh time. It ends at 5 p.m. The press may attend.",
	  "The meeting starts at 10 a.m. Kazakh time. | It ends at 5 p.m. | The press may attend." },
	{ "ru", "В г. Астане прошла встреча. Она была долгой.",
	  "В г. Астане прошла встреча. | Она была долгой." },
	{ "ru", "Он родился в 1950 г. Затем переехал.",
	  "Он родился в 1950 г. | Затем переехал." },
	{ "ru", "Бюджет составил 10 млрд. тенге. Это много.",
	  "Бюджет составил 10 млрд. тенге. | Это много." },
	{ "ru", "Овощи, фрукты и т.д. Всё продано.",
	  "Овощи, фрукты и т.д. | Всё продано." },
	{ "ru", "Кольца, серьги и т. д. Позднее появились броши.",
	  "Кольца, серьги и т. д. | Позднее появились броши." },
	{ "ru", "Это, т. е. Проект, готово.", "Это, т. е. Проект, готово." },
	{ "ru", "Это, т.е. проект, готово. Срок прошёл.",
	  "Это, т.е. проект, готово. | Срок прошёл." },
	{ "ru", "Сумма 37 млрд. долл. США выделена. Работа идёт.",
	  "Сумма 37 млрд. долл. США выделена. | Работа идёт." },
	{ "ru", "Офис на пр. Абая, в с. Каскелен и на Кирова и пр. В офисе тихо.",
	  "Офис на пр. Абая, в с. Каскелен и на Кирова и пр. | В офисе тихо." },
	{ "en", "The shop is on Main St. The owner lives on St. Mark's Ave. nearby.",
	  "The shop is on Main St. | The owner lives on St. Mark's Ave. nearby." },
	{ "kk", "Форум 2005 ж. Астанада өтті. Оған 500 адам қатысты.",
	  "Форум 2005 ж. Астанада өтті. | Оған 500 адам қатысты." },
	{ "kk", "Кітаптар, дәптерлер т.б. Бәрі сатылды.",
	  "Кітаптар, дәптерлер т.б. | Бәрі сатылды." },
	{ "kk", "Бұл б.з.д. III ғасырда болған. Ол ескерткіш.",
	  "Бұл б.з.д. III ғасырда болған. | Ол ескерткіш." },
	{ "kk", "Бюджет 10 млрд. теңге болды. Бұл көп.",
	  "Бюджет 10 млрд. теңге болды. | Бұл көп." },
	{ "ru", "Это было в XX в. Теперь всё иначе.",
	  "Это было в XX в. | Теперь всё иначе." },
	{ "ru", "С 1 по 5 сент. 2023 г. пройдёт выставка. Вход свободный.",
	  "С 1 по 5 сент. 2023 г. пройдёт выставка. | Вход свободный." },
	{ "kk", "Іс-шара сағ. 10.30-да басталады. Кіру тегін.",
	  "Іс-шара сағ. 10.30-да басталады. | Кіру тегін." },
	{ "kk", "Жоспар 1 млрд. АҚШ долларын құрады. Бұл көп.",
	  "Жоспар 1 млрд. АҚШ долларын құрады. | Бұл көп." },
	/* Initials before a surname. */
	{ "ru", "Встречу открыл А. Зуев. Он говорил долго.",
	  "Встречу открыл А. Зуев. | Он говорил долго." },
	{ "ru", "Доклад сделал Ю. В. Зуев. В зале было тихо.",
	  "Доклад сделал Ю. В. Зуев. | В зале было тихо." },
	{ "kk", "Жиынды Н.Ә. Назарбаев ашты. Ол сөз сөйледі.",
	  "Жиынды Н.Ә. Назарбаев ашты. | Ол сөз сөйледі." },
	{ "en", "The report by A. Zouev was read. It was short.",
	  "The report by A. Zouev was read. | It was short." },
	{ "ru", "Её открыл проф. Иванов И.И. Затем выступили гости.",
	  "Её открыл проф. Иванов И.И. | Затем выступили гости." },
	{ "kk", "Оны ҚР Президенті Қ.К. Тоқаев ашты. Бүгін жиын бітті.",
	  "Оны ҚР Президенті Қ.К. Тоқаев ашты. | Бүгін жиын бітті." },
	{ "en", "Puff Daddy, P. Diddy or Diddy. The names changed.",
	  "Puff Daddy, P. Diddy or Diddy. | The names changed." },
	/* Numbers and dates. */
	{ "en", "The forum was held on 24–25 November 2005. It closed.",
	  "The forum was held on 24–25 November 2005. | It closed." },
	{ "en", "Growth was 1.5 percent. Inflation fell.",
	  "Growth was 1.5 percent. | Inflation fell." },
	{ "en", "Everyone has left now. 18 holes remain.",
	  "Everyone has left now. | 18 holes remain." },
	{ "kk", "Хабарласуға болады. «103» нөмірі тегін.",
	  "Хабарласуға болады. | «103» нөмірі тегін." },
	{ "kk", "Тергеу басталды. 44 жастағы әйел ұсталды.",
	  "Тергеу басталды. | 44 жастағы әйел ұсталды." },
	{ "ru", "Рост составил 3,5 млн. Это рекорд.",
	  "Рост составил 3,5 млн. | Это рекорд." },
	/* Ellipses. */
	{ "ru", "Мы ждали… Никто не пришёл.",
	  "Мы ждали… | Никто не пришёл." },
	{ "en", "We waited... and waited. Nobody came.",
	  "We waited... and waited. | Nobody came." },
	/* Closing quotes and brackets go with their sentence. */
	{ "en", "He said: \"We agree.\" Then he left.",
	  "He said: \"We agree.\" | Then he left." },
	{ "ru", "Он сказал: «Мы согласны.» Потом ушёл.",
	  "Он сказал: «Мы согласны.» | Потом ушёл." },
	{ "kk", "«Бала бере көрме?!» – деп тілейтін еді. Ол үндемеді.",
	  "«Бала бере көрме?!» – деп тілейтін еді. | Ол үндемеді." },
	{ "kk", "Ол бізге келді. » Біз қуандық.",
	  "Ол бізге келді. » | Біз қуандық." },
	{ "en", "\"Are you ready?\" CNN reported. Nobody was.",
	  "\"Are you ready?\" CNN reported. | Nobody was." },
	{ "en", "\"Are you ready?\" The crowd cheered.",
	  "\"Are you ready?\" | The crowd cheered." },
	{ "en", "She asked: 'Why now?' She said nobody knew.",
	  "She asked: 'Why now?' | She said nobody knew." },
	{ "kk", "«Бұл маңызды», – деп мәлімдеді. ”6-шы қарашадан соң” жаңа ереже.",
	  "«Бұл маңызды», – деп мәлімдеді. | ”6-шы қарашадан соң” жаңа ереже." },
	{ "en", "(The vote was close.) The bill passed.",
	  "(The vote was close.) | The bill passed." },
	/* Emoji close a paragraph but open a sentence. */
	{ "ru", "Стало тепло. Безумно красиво! 😍😍😍",
	  "Стало тепло. | Безумно красиво! 😍😍😍" },
	{ "ru", "Безумно красиво! ✔ К середине зимы стало тепло. 👍",
	  "Безумно красиво! | ✔ К середине зимы стало тепло. 👍" },
	{ "ru", "Нам повезло с погодой. 😁 все были рады. Призы готовы. 🎁 1 место получит книгу.",
	  "Нам повезло с погодой. | 😁 все были рады. | Призы готовы. | 🎁 1 место получит книгу." },
	/* List items. */
	{ "en", "1. Register online. 2. Come on time.",
	  "1. Register online. | 2. Come on time." },
	{ "en", "  1. Register online.  2. Come on time.  ",
	  "1. Register online. | 2. Come on time." },
	{ "ru", "а) подать заявку; б) прийти вовремя.",
	  "а) подать заявку; б) прийти вовремя." },
	/* Addresses, mail, telephones. */
	{ "en", "Details are at www.example.kz/news?id=5. Write to press@example.kz. Call (+7 7172) 32 83 07.",
	  "Details are at www.example.kz/news?id=5. | Write to press@example.kz. | Call (+7 7172) 32 83 07." },
	{ "en", "See https://example.kz/a.b?c=d!e for more. Thanks.",
	  "See https://example.kz/a.b?c=d!e for more. | Thanks." },
	{ "ru", "Пресс-служба. Тел. +7 (7172) 60-40-00. Факс нет.",
	  "Пресс-служба. | Тел. +7 (7172) 60-40-00. | Факс нет." },
	/* Dialogue and attribution lines, list items after a dash. */
	{ "ru", "Он ушёл. – Куда? – спросила она.",
	  "Он ушёл. | – Куда? – спросила она." },
	{ "ru", "Тесто замесить. -Сахар: 5 ложек. -Мука: 2 стакана. Холод: -5 градусов.",
	  "Тесто замесить. | -Сахар: 5 ложек. | -Мука: 2 стакана. | Холод: -5 градусов." },
	/* Text written without capitals. */
	{ "en", "where did you grow up? india? i grew up here. call me.",
	  "where did you grow up? | india? | i grew up here. | call me." },
	{ "en", "iPhone sales grew. \"Why?\" he asked. The approx. figure is secret.",
	  "iPhone sales grew. | \"Why?\" he asked. | The approx. figure is secret." },
	/* A full stop after a whole word and a word in lower case: a
	 * sentence that lost its capital, but not after an abbreviation
	 * and not inside a web address broken by a space. */
	{ "en", "Call me at noon. i will be at the office. Thanks.",
	  "Call me at noon. | i will be at the office. | Thanks." },
	{ "en", "It costs approx. ten dollars, est. in May. ok.",
	  "It costs approx. ten dollars, est. in May. | ok." },
	{ "ru", "Дождь шёл весь день. вечером стало тихо.",
	  "Дождь шёл весь день. | вечером стало тихо." },
	{ "ru", "Собралось 5 тыс. человек и др. гости.",
	  "Собралось 5 тыс. человек и др. гости." },
	{ "ru", "Открылся драм. театр и гос. музей.",
	  "Открылся драм. театр и гос. музей." },
	{ "ru", "Мы долго спорили о деле. впрочем, потом помирились.",
	  "Мы долго спорили о деле. | впрочем, потом помирились." },
	{ "kk", "Бүгін күн жылы болды. ертең жаңбыр жауады.",
	  "Бүгін күн жылы болды. | ертең жаңбыр жауады." },
	/* ...but a quotation or a bracket closed after the full stop goes
	 * on in lower case: the words of the one who said it. */
	{ "kk", "Ол “сен келдің бе.” деді. Біз күттік.",
	  "Ол “сен келдің бе.” деді. | Біз күттік." },
	{ "en", "They came (all of them, etc.) and stayed. We left.",
	  "They came (all of them, etc.) and stayed. | We left." },
	{ "en", "\"Nothing is ready.\" said the chef. Dinner waited.",
	  "\"Nothing is ready.\" said the chef. | Dinner waited." },
	{ "kk", "Ақпарат enbek. kz порталында берілген. Оны оқыңыз.",
	  "Ақпарат enbek. kz порталында берілген. | Оны оқыңыз." },
	{ "en", "Read it at example. com today. It is free.",
	  "Read it at example. com today. | It is free." },
	{ "en", "Thanks again. PS. Love the new website!",
	  "Thanks again. | PS. Love the new website!" },
	/* A company's suffix before a title or a sentence starter. */
	{ "en", "Globex Inc. Chief Executive Jane Roe signed. The deal went to Initech Corp. The price was secret.",
	  "Globex Inc. Chief Executive Jane Roe signed. | The deal went to Initech Corp. | The price was secret." },
	/* A word in capitals, a long number or a detached full stop before
	 * a word in lower case; a list number is no sentence end. */
	{ "en", "Great show, LOL. see you there. Call 01634 710033. thank you.",
	  "Great show, LOL. | see you there. | Call 01634 710033. | thank you." },
	{ "en", "The staff was friendly . and the food was good . Do this: 1. read it 2. sign it.",
	  "The staff was friendly . | and the food was good . | Do this: 1. read it 2. sign it." },
	{ "en", "See section 15.4.1.3. lintian checks it. Press ESC . xx ends it.",
	  "See section 15.4.1.3. lintian checks it. | Press ESC . xx ends it." },
	{ "ru", "ну и красота. никогда не была в горах. они меня пугают.",
	  "ну и красота. | никогда не была в горах. | они меня пугают." },
	/* Lower-case abbreviations of informal English. */
	{ "en", "He is 6 ft. tall and the govt. office agreed. ok.",
	  "He is 6 ft. tall and the govt. office agreed. | ok." },
	{ "en", "The pipe is 12 cm. wide. Come in. the door is open.",
	  "The pipe is 12 cm. wide. | Come in. | the door is open." },
	/* Initials in one script, a word in another: no name. */
	{ "ru", "Иск подан в суд округа D.C. Судья его принял.",
	  "Иск подан в суд округа D.C. | Судья его принял." },
	{ "ru", "Доклад прочёл J. Smith. Зал молчал.",
	  "Доклад прочёл J. Smith. | Зал молчал." },
	/* "им." is "имени" before a name, the pronoun before a sentence. */
	{ "ru", "Парк им. Горького открыт. Мы будем верить им. По плану всё готово.",
	  "Парк им. Горького открыт. | Мы будем верить им. | По плану всё готово." },
	{ "kk", "Барлығы бес мың. Егер керек болса, тағы береміз.",
	  "Барлығы бес мың. | Егер керек болса, тағы береміз." },
	/* A user name opens a reply. */
	{ "ru", "Спасибо за отзыв. @anna_k ждём вас снова!",
	  "Спасибо за отзыв. | @anna_k ждём вас снова!" },
	{ "en", "Write to press@example.kz. We answer fast.",
	  "Write to press@example.kz. | We answer fast." },
	/* Line breaks inside a paragraph count as spaces. */
	{ "en", "The first\nsentence.\r\nThe second.",
	  "The first\nsentence. | The second." },
	/* A language without data of its own uses the root rules. */
	{ "de", "Mr. Smith kam. Er ging.", "Mr. Smith kam. | Er ging." },
	{ "ru_RU", "Это было в XX в. Теперь всё иначе.",
	  "Это было в XX в. | Теперь всё иначе." },
	{ "kk-Latn", "Bul 2005 j. boldy. Ol keldi.",
	  "Bul 2005 j. boldy. | Ol keldi." },
};

/* Segments text and compares the sentences with want. */
static void
check_case(const struct seg_case *c)
{
	struct habar_seg *seg = NULL;
	const struct habar_span *spans;
	size_t count, i;
	char got[1024];
	size_t glen = 0;

	if (habar_seg_new(&seg, c->lang) != HABAR_OK) {
		fprintf(stderr, "cannot make a segmenter for %s\n", c->lang);
		check_failures++;
		return;
	}
	CHECK(habar_seg_paragraph(seg, c->text, strlen(c->text), &spans,
	    &count) == HABAR_OK);
	got[0] = '\0';
	for (i = 0; i < count && glen + spans[i].len + 4 < sizeof(got); i++) {
		if (i > 0) {
			memcpy(got + glen, " | ", 3);
			glen += 3;
		}
		memcpy(got + glen, c->text + spans[i].start, spans[i].len);
		glen += spans[i].len;
		got[glen] = '\0';
	}
	if (strcmp(got, c->want) != 0) {
		fprintf(stderr, "[%s] %s\n  got:  %s\n  want: %s\n", c->lang,
		    c->text, got, c->want);
		check_failures++;
	}
	habar_seg_free(seg);
}

static int
is_space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

/*
 * Checks the contract of the spans on text: in order, not overlapping,
 * not empty, not starting or ending with ASCII white space, and every
 * byte outside them ASCII white space or part of a Unicode space.
 */
static void
check_contract(struct habar_seg *seg, const char *text, size_t len)
{
	const struct habar_span *spans;
	size_t count, i, j, pos = 0;

	if (habar_seg_paragraph(seg, text, len, &spans, &count) != HABAR_OK) {
		CHECK(!"habar_seg_paragraph failed");
		return;
	}
	for (i = 0; i < count; i++) {
		CHECK(spans[i].len > 0);
		CHECK(spans[i].start >= pos);
		CHECK(spans[i].start + spans[i].len <= len);
		CHECK(!is_space_byte((unsigned char)text[spans[i].start]));
		CHECK(!is_space_byte((unsigned char)
		    text[spans[i].start + spans[i].len - 1]));
		for (j = pos; j < spans[i].start; j++)
			CHECK(is_space_byte((unsigned char)text[j]) ||
			    (unsigned char)text[j] >= 0x80);
		pos = spans[i].start + spans[i].len;
	}
	for (j = pos; j < len; j++)
		CHECK(is_space_byte((unsigned char)text[j]) ||
		    (unsigned char)text[j] >= 0x80);
}

static void
test_contract(void)
{
	static const char *const texts[] = {
		"", "   ", "\n\r\n", "A.", ". . .", "?!?! ?!", "x",
		"\xff\xfe. \xc3. \xe2\x80. Next.", "a\0b. C\0d.",
		"\xc2\xa0Nbsp.\xc2\xa0 Next.\xc2\xa0",
		"\xe2\x80\xa6 \xe2\x80\xa6 \xe2\x80\xa6", "1. 2. 3. 4.",
		"\xe2\x80\xa8Line separator.\xe2\x80\xa8Next.",
		"Mr. Mr. Mr. Mr.", "» » » »", "😍😍 . 😍 ! 😍",
		"word.\xe2\x80\xa6\xe2\x80\xa6 A. B. C.",
	};
	struct habar_seg *seg = NULL;
	const struct habar_span *spans;
	size_t count, i;

	CHECK(habar_seg_new(&seg, "kk") == HABAR_OK);
	if (seg == NULL)
		return;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		check_contract(seg, texts[i], strlen(texts[i]));
	check_contract(seg, "a\0b. C\0d.", 9);
	/* Blank paragraphs have no sentence. */
	CHECK(habar_seg_paragraph(seg, " \n\t ", 4, &spans, &count) ==
	    HABAR_OK);
	CHECK(count == 0);
	/* Too long a paragraph is refused, and the handle still works. */
	CHECK(habar_seg_paragraph(seg, "x", HABAR_SEG_MAX_PARAGRAPH + 1,
	    &spans, &count) == HABAR_ERR_LIMIT);
	CHECK(count == 0);
	CHECK(strlen(habar_seg_error(seg)) > 0);
	CHECK(habar_seg_paragraph(seg, "Бір. Екі.", strlen("Бір. Екі."),
	    &spans, &count) == HABAR_OK);
	CHECK(count == 2);
	CHECK_STR(habar_seg_error(seg), "");
	habar_seg_free(seg);
}

static void
test_long_paragraph(void)
{
	struct habar_seg *seg = NULL;
	const struct habar_span *spans;
	size_t count, i, len = 0, n = 20000;
	const char *sentence = "Бұл сөйлем т.б. қысқа. ";
	size_t slen = strlen(sentence);
	char *text = malloc(n * slen);

	CHECK(text != NULL);
	if (text == NULL)
		return;
	for (i = 0; i < n; i++) {
		memcpy(text + len, sentence, slen);
		len += slen;
	}
	CHECK(habar_seg_new(&seg, "kk") == HABAR_OK);
	CHECK(habar_seg_paragraph(seg, text, len, &spans, &count) ==
	    HABAR_OK);
	CHECK(count == n);
	if (count == n)
		CHECK(spans[n - 1].start == (n - 1) * slen &&
		    spans[n - 1].len == slen - 1);
	habar_seg_free(seg);
	free(text);
}

static void
test_arguments(void)
{
	struct habar_seg *seg = (struct habar_seg *)1;

	CHECK(habar_seg_new(&seg, "../etc") == HABAR_ERR_ARGUMENT);
	CHECK(seg == NULL);
	CHECK(habar_seg_new(&seg, "") == HABAR_ERR_ARGUMENT);
	habar_seg_free(NULL);
	CHECK_STR(habar_seg_error(NULL), "");
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
	test_contract();
	test_long_paragraph();
	test_arguments();
	return CHECK_DONE();
}

/*
 * test_recognise.c: the recogniser of numbers, dates, times, sums,
 * addresses and names in Kazakh, Russian and English, the comparison of
 * values across languages, and the writing of a value in the form of an
 * old translation (as translation memory adapts a match).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/habar.h>
#include <habar/recognise.h>

#include "check.h"

static struct habar_recogniser *rec;
static struct habar_values *vals;

/* The values of text, one "kind:value" each, separated by " | ". */
static const char *
show(const char *lang, const char *text)
{
	static char buf[4096];
	size_t i, n = 0;

	buf[0] = '\0';
	if (habar_recognise(rec, vals, lang, text, strlen(text),
	    HABAR_RECOGNISE_ALL) != HABAR_OK)
		return "(failed)";
	for (i = 0; i < habar_values_count(vals) && n < sizeof(buf) - 200; i++) {
		const struct habar_value *v = habar_values_get(vals, i);
		if (i > 0)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, " | ");
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s:",
		    habar_value_kind_name(v->kind));
		switch (v->kind) {
		case HABAR_VALUE_NUMBER:
		case HABAR_VALUE_MONEY:
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%g",
			    v->number);
			if (v->number_to != v->number ||
			    (v->flags & HABAR_VALUE_SCORE))
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				    "%s%g", v->flags & HABAR_VALUE_SCORE ?
				    ":" : "-", v->number_to);
			if (v->flags & HABAR_VALUE_PERCENT)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				    "%%");
			if (v->flags & HABAR_VALUE_ORDINAL)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				    "th");
			if (v->currency[0] != '\0')
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				    " %s", v->currency);
			break;
		case HABAR_VALUE_DATE:
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "%04d-%02d-%02d", v->year, v->month, v->day);
			if (v->day_to != v->day)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				    "..%02d", v->day_to);
			if (v->weekday)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				    " w%d", v->weekday);
			break;
		case HABAR_VALUE_TIME:
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "%02d:%02d", v->hour, v->minute);
			break;
		default:
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s",
			    v->key);
			break;
		}
	}
	return buf;
}

static void
test_numbers(void)
{
	CHECK_STR(show("en", "costs 1,500.5 or 2 500"),
	    "number:1500.5 | number:2 | number:500");
	CHECK_STR(show("ru", "стоит 1 500,5 и 1,5"), "number:1500.5 | number:1.5");
	CHECK_STR(show("ru", "1,5 млн и 3 тыс. человек"),
	    "number:1.5e+06 | number:3000");
	CHECK_STR(show("en", "1.5 million and 15 bn"),
	    "number:1.5e+06 | number:1.5e+10");
	CHECK_STR(show("kk", "1,5 миллионнан астам"), "number:1.5e+06");
	CHECK_STR(show("en", "up 5% or 5 percent, 24-25"),
	    "number:5% | number:5% | number:24-25");
	CHECK_STR(show("kk", "5 пайызға, 7 процент"), "number:5% | number:7%");
	CHECK_STR(show("ru", "на 12 процентов"), "number:12%");
	CHECK_STR(show("en", "the 1st and 22nd"), "number:1th | number:22th");
	CHECK_STR(show("ru", "1-й и 2-го"), "number:1th | number:2th");
	CHECK_STR(show("kk", "1-ші орын"), "number:1th");
	CHECK_STR(show("en", "three reports"), "number:3");
	CHECK_STR(show("kk", "үш баяндама"), "number:3");
	CHECK_STR(show("en", "72 per cent of them"), "number:72%");
	/* A score is one value, whichever side is greater; a range only
	 * runs upwards. */
	CHECK_STR(show("en", "Livingston 1 - 0 Rangers"),
	    "name:lavangstan | number:1:0 | name:rangars");
	CHECK_STR(show("en", "beat Dundee 3-5 in"), "name:dandaa | number:3-5");
	CHECK_STR(show("ru", "со счетом 2:1 в"), "number:2:1");
	CHECK_STR(show("kk", "1 – 1 болды"), "number:1:1");
	CHECK_STR(show("en", "at 10:30"), "time:10:30");
}

static void
test_dates(void)
{
	CHECK_STR(show("en", "on 24–25 November 2005 in"),
	    "date:2005-11-24..25");
	CHECK_STR(show("en", "November 24, 2005"), "date:2005-11-24");
	CHECK_STR(show("ru", "24–25 ноября 2005 года"), "date:2005-11-24..25");
	CHECK_STR(show("ru", "24 ноября 2005 г."), "date:2005-11-24");
	/* A day with an ordinal ending before its month. */
	CHECK_STR(show("en", "of 30th September"), "date:0000-09-30");
	CHECK_STR(show("en", "on 1st May 2026"), "date:2026-05-01");
	CHECK_STR(show("ru", "от 29-го сентября"), "date:0000-09-29");
	CHECK_STR(show("en", "the 30th runner"), "number:30th");
	CHECK_STR(show("kk", "2005 жылғы 24–25 қараша"),
	    "date:2005-11-24..25");
	CHECK_STR(show("kk", "2026 жылғы 25 қарашада"), "date:2026-11-25");
	CHECK_STR(show("kk", "24 қараша 2005 ж."), "date:2005-11-24");
	CHECK_STR(show("ru", "в ноябре 2005 года"), "date:2005-11-00");
	CHECK_STR(show("kk", "қарашада өтеді"), "date:0000-11-00");
	CHECK_STR(show("en", "2005-11-24 and 24.11.2005"),
	    "date:2005-11-24 | date:2005-11-24");
	CHECK_STR(show("ru", "в 2019 году"), "date:2019-00-00");
	CHECK_STR(show("kk", "2019 жылы"), "date:2019-00-00");
	CHECK_STR(show("en", "in 2019"), "number:2019");
	CHECK_STR(show("en", "you may go"), "");
	CHECK_STR(show("en", "on Monday, 3 March 2025"),
	    "date:2025-03-03 w1");
	CHECK_STR(show("kk", "сәрсенбіде"), "date:0000-00-00 w3");
	/* A month alone, also a Russian nominative that begins the
	 * genitive (август, августа), but not an abbreviation. */
	CHECK_STR(show("ru", "что август, принеся"), "date:0000-08-00");
	CHECK_STR(show("ru", "и март тоже"), "date:0000-03-00");
	CHECK_STR(show("ru", "и авг тоже"), "");
	CHECK_STR(show("kk", "шілде айында"), "date:0000-07-00");
	CHECK_STR(show("en", "in July it"), "date:0000-07-00");
	CHECK_STR(show("ru", "5 авг. 2020 года"), "date:2020-08-05");
	/* A year in the genitive, its month in the possessive. */
	CHECK_STR(show("kk", "1971 жылдың 7 қазанында"), "date:1971-10-07");
	CHECK_STR(show("kk", "2026 жылдың қаңтары"), "date:2026-01-00");
}

static void
test_times_money(void)
{
	CHECK_STR(show("en", "at 10:00 or 3 pm"), "time:10:00 | time:15:00");
	CHECK_STR(show("kk", "сағат 10-да басталады"), "time:10:00");
	/* A form of the hour word is no clock: "2 to 3 inches an hour". */
	CHECK_STR(show("kk", "сағатына 2-3 жауады"), "number:2-3");
	CHECK_STR(show("ru", "в 10.00 часов"), "time:10:00");
	CHECK_STR(show("en", "$1.5 million"), "money:1.5e+06 USD");
	CHECK_STR(show("ru", "1,5 млн долларов"), "money:1.5e+06 USD");
	CHECK_STR(show("kk", "500 мың теңге"), "money:500000 KZT");
	CHECK_STR(show("en", "KZT 500"), "money:500 KZT");
	CHECK_STR(show("ru", "5 000 ₸"), "money:5000 KZT");
}

static void
test_addresses(void)
{
	CHECK_STR(show("en", "See https://Example.kz/news/. Or www.gov.kz!"),
	    "name:saa | url:example.kz/news | name:ar | url:gov.kz");
	CHECK_STR(show("ru", "пишите на press@mfa.kz."),
	    "email:press@mfa.kz");
	CHECK_STR(show("kk", "#Астана2025 @MFA_KZ"),
	    "hashtag:#астана2025 | handle:@mfa_kz");
	CHECK_STR(show("ru", "тел.: +7 (7172) 72-05-00"),
	    "phone:77172720500");
	CHECK_STR(show("ru", "тел. 8 (7172) 72-05-00"), "phone:77172720500");
}

static const struct habar_value *
first(const char *lang, const char *text, enum habar_value_kind kind,
    struct habar_value *copy)
{
	size_t i;

	if (habar_recognise(rec, vals, lang, text, strlen(text),
	    HABAR_RECOGNISE_ALL) != HABAR_OK)
		return NULL;
	for (i = 0; i < habar_values_count(vals); i++)
		if (habar_values_get(vals, i)->kind == kind) {
			*copy = *habar_values_get(vals, i);
			return copy;
		}
	return NULL;
}

/* Units of measure: what they measure and their factor to SI units
 * (measure-words), also when a word is both a unit and a currency. */
static void
test_units(void)
{
	struct habar_value a;

	CHECK_STR(show("ru", "25-тысячная толпа"), "number:25000");
	CHECK(first("en", "4 inches of snow", HABAR_VALUE_NUMBER, &a));
	CHECK(strcmp(a.quantity, "len") == 0 && a.unit > 0.025 &&
	    a.unit < 0.026 && (a.flags & HABAR_VALUE_IMPERIAL));
	CHECK(first("ru", "300-килограммовое животное", HABAR_VALUE_NUMBER,
	    &a));
	CHECK(strcmp(a.quantity, "mas") == 0 && a.unit == 1 &&
	    (a.flags & HABAR_VALUE_METRIC));
	CHECK(first("ru", "было 27° тепла", HABAR_VALUE_NUMBER, &a));
	CHECK(strcmp(a.quantity, "tem") == 0);
	CHECK(first("en", "a 550 pound bell", HABAR_VALUE_MONEY, &a));
	CHECK(strcmp(a.quantity, "mas") == 0 && a.number == 550);
	CHECK(first("en", "150 people", HABAR_VALUE_NUMBER, &a));
	CHECK(a.quantity[0] == '\0' && a.unit == 0);
}

static void
test_names(void)
{
	struct habar_value a, b;
	char upper[256];

	CHECK(first("kk", "бұл Омаровтың сөзі", HABAR_VALUE_NAME, &a) != NULL);
	CHECK(first("en", "it is Omarov's word", HABAR_VALUE_NAME, &b) != NULL);
	CHECK(habar_value_name_match(&a, &b) == 2);
	CHECK(first("kk", "Жақсылықова айтты", HABAR_VALUE_NAME, &a) != NULL);
	CHECK(a.flags & HABAR_VALUE_INITIAL);
	CHECK(first("en", "said Zhaksylykova", HABAR_VALUE_NAME, &b) != NULL);
	CHECK(habar_value_name_match(&a, &b) == 2);
	CHECK(first("en", "said Zhaskylykova", HABAR_VALUE_NAME, &b) != NULL);
	CHECK(habar_value_name_match(&a, &b) == 1);
	CHECK(first("ru", "сказал Джексон", HABAR_VALUE_NAME, &a) != NULL);
	CHECK(first("en", "said Jackson", HABAR_VALUE_NAME, &b) != NULL);
	CHECK(habar_value_equal(&a, &b));
	CHECK(first("ru", "сказал Назарбаев", HABAR_VALUE_NAME, &a) != NULL);
	CHECK(first("en", "said Nazarbayev", HABAR_VALUE_NAME, &b) != NULL);
	CHECK(habar_value_equal(&a, &b));
	CHECK(first("en", "said Smith", HABAR_VALUE_NAME, &b) != NULL);
	CHECK(!habar_value_equal(&a, &b));
	/* Case folding as ICU folds: letter by letter from a table where
	 * a letter is one letter folded, ICU's own where not (ß, ss). */
	CHECK(first("en", "said Strauß", HABAR_VALUE_NAME, &a) != NULL);
	CHECK(first("en", "said Strauss", HABAR_VALUE_NAME, &b) != NULL);
	CHECK(habar_value_equal(&a, &b));
	CHECK(first("kk", "ЖАҚСЫЛЫҚОВА айтты", HABAR_VALUE_NAME, &a) != NULL);
	CHECK(first("kk", "Жақсылықова айтты", HABAR_VALUE_NAME, &b) != NULL);
	CHECK(strcmp(a.key, b.key) == 0);
	snprintf(upper, sizeof(upper), "%s", show("kk", "24 ҚАРАШАДА"));
	CHECK_STR(upper, show("kk", "24 қарашада"));
	CHECK(strstr(upper, "date:") != NULL);
}

static void
test_equal(void)
{
	struct habar_value a, b;

	CHECK(first("kk", "2005 жылғы 24–25 қараша", HABAR_VALUE_DATE, &a));
	CHECK(first("en", "24–25 November 2005", HABAR_VALUE_DATE, &b));
	CHECK(habar_value_equal(&a, &b));
	CHECK(first("ru", "24–26 ноября 2005 года", HABAR_VALUE_DATE, &b));
	CHECK(!habar_value_equal(&a, &b));
	CHECK(first("ru", "1,5 млн", HABAR_VALUE_NUMBER, &a));
	CHECK(first("en", "1.5 million", HABAR_VALUE_NUMBER, &b));
	CHECK(habar_value_equal(&a, &b));
	CHECK(first("ru", "15 млн", HABAR_VALUE_NUMBER, &a));
	CHECK(!habar_value_equal(&a, &b));
}

/* Adapts old (in lang) to the value of the first value of kind in src. */
static const char *
adapt(const char *src_lang, const char *src, const char *lang,
    const char *old, enum habar_value_kind kind)
{
	static char out[256];
	struct habar_value v, like;
	size_t len;

	if (first(src_lang, src, kind, &v) == NULL ||
	    first(lang, old, kind, &like) == NULL)
		return "(not found)";
	if (habar_recognise_render(rec, out, sizeof(out), &len, lang, &v,
	    &like, old) != HABAR_OK)
		return "(failed)";
	return out;
}

static void
test_render(void)
{
	struct habar_value v;
	char out[64];
	size_t len;

	CHECK_STR(adapt("en", "25 December 2026", "kk",
	    "2025 жылғы 24 қарашада", HABAR_VALUE_DATE),
	    "2026 жылғы 25 желтоқсанда");
	CHECK_STR(adapt("en", "25 November 2026", "ru", "24 мая 2025 года",
	    HABAR_VALUE_DATE), "25 ноября 2026 года");
	/* An hour written with a leading zero keeps it. */
	CHECK_STR(adapt("en", "04:15", "ru", "в 02:30", HABAR_VALUE_TIME),
	    "04:15");
	CHECK_STR(adapt("en", "4:15", "ru", "в 2:30", HABAR_VALUE_TIME),
	    "4:15");
	CHECK_STR(adapt("en", "3 March 2026", "ru", "в ноябре 2025 года",
	    HABAR_VALUE_DATE), "(failed)");
	CHECK_STR(adapt("en", "1–2 March 2026", "en", "November 24, 2025",
	    HABAR_VALUE_DATE), "March 1\xe2\x80\x93" "2, 2026");
	CHECK_STR(adapt("en", "2.5 million", "ru", "1,5 млн", HABAR_VALUE_NUMBER),
	    "2,5 млн");
	CHECK_STR(adapt("en", "12,500", "ru", "1 500", HABAR_VALUE_NUMBER),
	    "12 500");
	CHECK_STR(adapt("en", "at 11:30", "kk", "сағат 10.00-де",
	    HABAR_VALUE_TIME), "11.30");
	CHECK(first("en", "25 November 2026", HABAR_VALUE_DATE, &v) != NULL);
	CHECK(habar_recognise_render(rec, out, sizeof(out), &len, "kk", &v,
	    NULL, NULL) == HABAR_OK);
	CHECK_STR(out, "2026 жылғы 25 қараша");
	CHECK(habar_recognise_render(rec, out, sizeof(out), &len, "en", &v,
	    NULL, NULL) == HABAR_OK);
	CHECK_STR(out, "25 November 2026");
	CHECK(habar_recognise_render(rec, out, 4, &len, "en", &v, NULL,
	    NULL) == HABAR_ERR_LIMIT);
	CHECK_STR(out, "");
}

/*
 * Whether the first value of kind in text (lang) may take the number n
 * (a time: the hour n) as habar_recognise_agree() sees it: 1 yes, with
 * nothing to change, 0 refused, -1 something else.
 */
static int
agrees(const char *lang, const char *text, enum habar_value_kind kind,
    double n)
{
	struct habar_value v, like;
	struct habar_agreement a;
	enum habar_status status;

	if (first(lang, text, kind, &like) == NULL)
		return -1;
	v = like;
	if (kind == HABAR_VALUE_TIME)
		v.hour = (int)n;
	else
		v.number = v.number_to = n * (like.scale > 0 ? like.scale : 1);
	status = habar_recognise_agree(rec, &a, lang, &v, &like, text,
	    strlen(text));
	if (status == HABAR_ERR_ARGUMENT)
		return 0;
	return status == HABAR_OK && a.end == a.start ? 1 : -1;
}

/*
 * The word after the first number of text (lang) as it is written after
 * the number n instead (habar_recognise_agree()): its new form, "" when
 * it stays, "(refused)" when no form is right.
 */
static const char *
agreed(const char *lang, const char *text, double n)
{
	static char out[64];
	struct habar_value v, like;
	struct habar_agreement a;

	if (first(lang, text, HABAR_VALUE_NUMBER, &like) == NULL)
		return "(not found)";
	v = like;
	v.number = v.number_to = n * (like.scale > 0 ? like.scale : 1);
	if (habar_recognise_agree(rec, &a, lang, &v, &like, text,
	    strlen(text)) != HABAR_OK)
		return "(refused)";
	snprintf(out, sizeof(out), "%s", a.text);
	return out;
}

/* A time on the 12-hour clock with a word for the part of the day
 * (date-words "part", "clock"): read as the hour it names, and written
 * anew on the same clock, the part word and the noun for hours agreeing
 * with the new hour. */
static void
test_day_part(void)
{
	struct habar_value a, b;

	CHECK_STR(show("ru", "в 2 часа дня"), "time:14:00");
	CHECK_STR(show("ru", "в 10 часов утра и в 11 часов вечера"),
	    "time:10:00 | time:23:00");
	CHECK_STR(show("ru", "в 12 часов ночи"), "time:00:00");
	CHECK_STR(show("kk", "Түскі 2 шамасында"), "time:14:00");
	CHECK_STR(show("kk", "кешкі сағат 7-де"), "time:19:00");
	/* Not a time: a span of hours, days after a number. */
	CHECK_STR(show("ru", "24 часа в сутки, за 2 дня"),
	    "number:24 | number:2");
	CHECK_STR(show("ru", "в 5 часов утра дня"), "time:05:00");
	CHECK(first("en", "at 2pm", HABAR_VALUE_TIME, &a));
	CHECK(first("ru", "в 2 часа дня", HABAR_VALUE_TIME, &b));
	CHECK(habar_value_equal(&a, &b));
	CHECK(first("kk", "түскі 2", HABAR_VALUE_TIME, &b));
	CHECK(habar_value_equal(&a, &b));

	CHECK_STR(adapt("en", "at 4pm", "ru", "в 2 часа дня", HABAR_VALUE_TIME),
	    "4 часа дня");
	CHECK_STR(adapt("en", "at 5pm", "ru", "в 2 часа дня", HABAR_VALUE_TIME),
	    "5 часов дня");
	CHECK_STR(adapt("en", "at 6pm", "ru", "в 2 часа дня", HABAR_VALUE_TIME),
	    "6 часов вечера");
	CHECK_STR(adapt("en", "at 1pm", "ru", "в 2 часа дня", HABAR_VALUE_TIME),
	    "1 час дня");
	CHECK_STR(adapt("en", "at 11 am", "ru", "в 10 часов утра",
	    HABAR_VALUE_TIME), "11 часов утра");
	CHECK_STR(adapt("en", "at 4pm", "kk", "Түскі 2 шамасында",
	    HABAR_VALUE_TIME), "Түскі 4");
	CHECK_STR(adapt("en", "at 6pm", "kk", "Түскі 2 шамасында",
	    HABAR_VALUE_TIME), "Кешкі 6");
	CHECK_STR(adapt("en", "at 4pm", "en", "at 2pm", HABAR_VALUE_TIME),
	    "4pm");
	CHECK_STR(adapt("en", "at 9am", "en", "at 2pm", HABAR_VALUE_TIME),
	    "(failed)");
	/* Minutes the old time does not write are not lost. */
	CHECK_STR(adapt("en", "at 6:30 pm", "ru", "в 2 часа дня",
	    HABAR_VALUE_TIME), "(failed)");
	CHECK_STR(adapt("en", "at 18:00", "ru", "в 2 часа дня",
	    HABAR_VALUE_TIME), "6 часов вечера");
	CHECK_STR(adapt("ru", "в 6 часов вечера", "en", "at 14:00",
	    HABAR_VALUE_TIME), "18:00");
}

/* In the genitive a Russian noun takes the genitive plural after every
 * number but those ending in 1: «около 2 дней», «более 5 процентов»,
 * «из 21 дня»; the old noun's form, or the word before the number where
 * the form is the nominative's too, says the sentence used it. */
static void
test_agree_genitive(void)
{
	CHECK_STR(agreed("ru", "около 2 дней", 5), "");
	CHECK_STR(agreed("ru", "около 2 дней", 21), "дня");
	CHECK_STR(agreed("ru", "около 5 дней", 2), "");
	CHECK_STR(agreed("ru", "около 5 дней", 31), "дня");
	CHECK_STR(agreed("ru", "из 21 дня", 5), "дней");
	CHECK_STR(agreed("ru", "из 21 дня", 3), "дней");
	CHECK_STR(agreed("ru", "«Около 80 процентов", 84), "");
	CHECK_STR(agreed("ru", "(около 80 процентов", 81), "процента");
	CHECK_STR(agreed("ru", "в течение 5 лет", 3), "");
	CHECK_STR(agreed("ru", "в течение 24 лет", 21), "года");
	CHECK_STR(agreed("ru", "не более\xc2\xa0" "5 недель", 2), "");
	CHECK_STR(adapt("en", "2 per cent", "ru", "более 5 процентов",
	    HABAR_VALUE_NUMBER), "2 процентов");
	CHECK_STR(adapt("en", "21 per cent", "ru", "более 5 процентов",
	    HABAR_VALUE_NUMBER), "21 процента");
	/* Without a word of the genitive before it, the form the old
	 * number takes is the nominative's or the accusative's. */
	CHECK_STR(agreed("ru", "за 5 дней", 2), "дня");
	CHECK_STR(agreed("ru", "прошло 5 дней", 21), "день");
	CHECK_STR(agreed("ru", "на 2 дня", 21), "день");
	CHECK_STR(agreed("ru", "по 74 школам", 81), "(refused)");
}

/* A Russian noun after a changed number takes its form
 * (plural-words); one it cannot take is refused. */
static void
test_agree(void)
{
	struct habar_value v, like;
	struct habar_agreement a;
	static const char days[] = "на 2 дня раньше";
	static const char schools[] = "по 74 школам";

	CHECK_STR(adapt("en", "77 per cent", "ru", "72 процента",
	    HABAR_VALUE_NUMBER), "77 процентов");
	CHECK_STR(adapt("en", "21 percent", "ru", "25 процентов",
	    HABAR_VALUE_NUMBER), "21 процент");
	CHECK_STR(adapt("en", "5 million", "ru", "2 миллиона",
	    HABAR_VALUE_NUMBER), "5 миллионов");
	CHECK_STR(adapt("en", "2.5 million", "ru", "1,5 млн",
	    HABAR_VALUE_NUMBER), "2,5 млн");
	/* A score keeps its mark. */
	CHECK_STR(adapt("en", "3 - 7", "kk", "1 – 0", HABAR_VALUE_NUMBER),
	    "3 – 7");
	CHECK_STR(adapt("en", "3-5", "ru", "2:1", HABAR_VALUE_NUMBER), "3:5");
	/* A month alone in its own form. */
	CHECK_STR(adapt("en", "in July", "ru", "август", HABAR_VALUE_DATE),
	    "июль");
	CHECK_STR(adapt("en", "Oct. 7, 1971", "kk", "1968 жылдың 2 қазанында",
	    HABAR_VALUE_DATE), "1971 жылдың 7 қазанында");

	CHECK(first("ru", days, HABAR_VALUE_NUMBER, &like) != NULL);
	v = like;
	v.number = v.number_to = 5;
	CHECK(habar_recognise_agree(rec, &a, "ru", &v, &like, days,
	    strlen(days)) == HABAR_OK);
	CHECK(a.end > a.start && strcmp(a.text, "дней") == 0 &&
	    strncmp(days + a.start, "дня", a.end - a.start) == 0);
	v.number = v.number_to = 3;
	CHECK(habar_recognise_agree(rec, &a, "ru", &v, &like, days,
	    strlen(days)) == HABAR_OK && a.end == a.start);
	/* An oblique case the list does not give. */
	CHECK(first("ru", schools, HABAR_VALUE_NUMBER, &like) != NULL);
	v = like;
	v.number = v.number_to = 81;
	CHECK(habar_recognise_agree(rec, &a, "ru", &v, &like, schools,
	    strlen(schools)) == HABAR_ERR_ARGUMENT);
	CHECK_STR(adapt("en", "81", "ru", "72 процентам", HABAR_VALUE_NUMBER),
	    "(failed)");
	/* Kazakh nouns do not change after a number. */
	CHECK_STR(adapt("en", "5", "kk", "2 күн", HABAR_VALUE_NUMBER), "5");
	CHECK(first("kk", "2 күн", HABAR_VALUE_NUMBER, &like) != NULL);
	v = like;
	v.number = v.number_to = 5;
	CHECK(habar_recognise_agree(rec, &a, "kk", &v, &like, "2 күн",
	    strlen("2 күн")) == HABAR_OK && a.end == a.start);
	/* But a suffix after Kazakh figures follows how the number ends
	 * (number-sounds): 5-ке (бес) fits 15, not 6 (алты: 6-ға);
	 * 350-ден (елу) fits 400 (жүз); an ordinal ending the harmony
	 * alone: 1-ші, 2-ші, not 6-ші. */
	CHECK(agrees("kk", "бұл 5-ке жетті", HABAR_VALUE_NUMBER, 6) == 0);
	CHECK(agrees("kk", "бұл 5-ке жетті", HABAR_VALUE_NUMBER, 15) == 1);
	CHECK(agrees("kk", "350-ден астам", HABAR_VALUE_NUMBER, 400) == 1);
	CHECK(agrees("kk", "350-ден астам", HABAR_VALUE_NUMBER, 360) == 0);
	CHECK_STR(adapt("en", "the 2nd", "kk", "1-ші орын", HABAR_VALUE_NUMBER),
	    "2-ші");
	CHECK_STR(adapt("en", "the 6th", "kk", "1-ші орын", HABAR_VALUE_NUMBER),
	    "(failed)");
	CHECK(agrees("kk", "сағат 15-те", HABAR_VALUE_TIME, 16) == 0);
	CHECK(agrees("kk", "сағат 15-те", HABAR_VALUE_TIME, 13) == 1);
}

static void
test_name_set(void)
{
	static const char en[] = "Rashed Sarwar met Ms Zhaksylykova.";
	struct habar_names *names = NULL;

	CHECK(habar_names_new(&names, rec) == HABAR_OK);
	CHECK(!habar_names_confirm(names, "Сарвар", strlen("Сарвар")));
	CHECK(habar_names_add(names, en, strlen(en)) == HABAR_OK);
	CHECK(habar_names_confirm(names, "Сарварға", strlen("Сарварға")));
	CHECK(habar_names_confirm(names, "Рашед", strlen("Рашед")));
	CHECK(habar_names_confirm(names, "Жақсылықованың",
	    strlen("Жақсылықованың")));
	CHECK(!habar_names_confirm(names, "сарвар", strlen("сарвар")));
	CHECK(!habar_names_confirm(names, "Омаров", strlen("Омаров")));
	habar_names_free(names);
	CHECK(habar_recognise_capitals(rec, "ЮНФПА", strlen("ЮНФПА")) == 2);
	CHECK(habar_recognise_capitals(rec, "Омаров", strlen("Омаров")) == 1);
	CHECK(habar_recognise_capitals(rec, "омаров", strlen("омаров")) == 0);
	CHECK(habar_recognise_capitals(rec, "РК 5", strlen("РК 5")) == 0);
}

static void
test_robust(void)
{
	static const char junk[] = "\xff\xfe 12\xe2\x80 \xd0 @ # + www. 8 (";
	char big[70000];
	size_t i;

	CHECK(habar_recognise(rec, vals, "kk", junk, sizeof(junk) - 1,
	    HABAR_RECOGNISE_ALL) == HABAR_OK);
	for (i = 0; i < sizeof(big); i++)
		big[i] = "1 a. "[i % 5];
	CHECK(habar_recognise(rec, vals, "ru", big, sizeof(big),
	    HABAR_RECOGNISE_ALL) == HABAR_ERR_LIMIT);
	CHECK(habar_recognise(rec, vals, "en", "", 0, HABAR_RECOGNISE_ALL) ==
	    HABAR_OK);
	CHECK(habar_values_count(vals) == 0);
}

int
main(void)
{
	char msg[256];

	if (habar_recognise_new(&rec, msg, sizeof(msg)) != HABAR_OK ||
	    habar_values_new(&vals) != HABAR_OK) {
		fprintf(stderr, "cannot load the recogniser: %s\n", msg);
		return 1;
	}
	test_numbers();
	test_dates();
	test_times_money();
	test_addresses();
	test_names();
	test_units();
	test_equal();
	test_render();
	test_agree();
	test_agree_genitive();
	test_day_part();
	test_name_set();
	test_robust();
	habar_values_free(vals);
	habar_recognise_free(rec);
	return CHECK_DONE();
}

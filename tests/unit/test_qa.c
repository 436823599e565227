/*
 * test_qa.c: habar-qa's checks over units of two and three languages:
 * each check finds the error it is for and stays quiet on a faithful
 * translation written in each language's own way; the selection of
 * checks; telling TMX, XLIFF and parallel XML apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/habar.h>
#include <habar/qa.h>

#include "check.h"

static struct habar_qa *qa;

/* The names of the checks that fired, space-separated. */
static char fired[1024];

static int
collect(void *arg, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count)
{
	size_t i;

	(void)arg;
	(void)unit;
	for (i = 0; i < count; i++) {
		const char *name = habar_qa_check_name(findings[i].check);
		if (strstr(fired, name) == NULL)
			snprintf(fired + strlen(fired), sizeof(fired) -
			    strlen(fired), "%s%s", fired[0] ? " " : "", name);
	}
	return 0;
}

/* Checks a unit of up to three texts ("lang:text") and returns what
 * fired. */
static const char *
run(const char *a, const char *b, const char *c)
{
	struct habar_qa_segment segs[3];
	struct habar_qa_unit unit;
	const char *in[3] = { a, b, c };
	size_t n = 0, i;

	for (i = 0; i < 3 && in[i] != NULL; i++, n++) {
		const char *colon = strchr(in[i], ':');
		static char langs[3][8];
		memset(&segs[i], 0, sizeof(segs[i]));
		snprintf(langs[i], sizeof(langs[i]), "%.*s",
		    (int)(colon - in[i]), in[i]);
		segs[i].lang = langs[i];
		segs[i].text = colon + 1;
		segs[i].len = strlen(colon + 1);
	}
	unit.id = "u";
	unit.segs = segs;
	unit.count = n;
	fired[0] = '\0';
	if (habar_qa_check(qa, &unit, collect, NULL) != HABAR_OK)
		return "(failed)";
	return fired;
}

static void
test_faithful(void)
{
	CHECK_STR(run("en:On 24–25 November 2005, 1.5 million people came.",
	    "ru:24–25 ноября 2005 года пришли 1,5 млн человек.",
	    "kk:2005 жылғы 24–25 қарашада 1,5 миллион адам келді."), "");
	CHECK_STR(run("en:Omarov's speech at 3 p.m. cost $5.",
	    "kk:Омаровтың сөзі сағат 15:00-де 5 доллар тұрды.", NULL), "");
	CHECK_STR(run("en:Write to press@forum.example.kz.",
	    "ru:Пишите на press@forum.example.kz.", NULL), "");
	CHECK_STR(run("en:It is 10 miles long.", "ru:Его длина 16 км.", NULL),
	    "");
	CHECK_STR(run("en:Call 0800 555 111.", "ru:Звоните 0800 555111.",
	    NULL), "");
}

static void
test_errors(void)
{
	CHECK_STR(run("en:1.5 million people came.",
	    "ru:Пришли 15 млн человек.", NULL), "numbers");
	CHECK_STR(run("en:It ends on 25 November.", "ru:Он завершится 25 "
	    "октября.", NULL), "dates");
	CHECK_STR(run("en:It costs $5 million.", "ru:Это стоит 5 млн евро.",
	    NULL), "money");
	CHECK_STR(run("ru:Выступил министр Даниияр Омаров.",
	    "kk:Министр Даниияр Омраов сөз сөйледі.", NULL), "names");
	CHECK_STR(run("en:See www.forum.kz now.", "ru:См. www.forum.ru.",
	    NULL), "urls");
	CHECK_STR(run("en:He said: \"Be open.\"", "ru:Он сказал: «Будьте "
	    "открыты.", NULL), "quotes");
	/* A second quotation that closes with nothing open lost its
	 * opening mark; a doubled mark at the end loses nothing. */
	CHECK_STR(run("en:They call it \"open\" and \"fair\" today.",
	    "kk:Олар оны “ашық” және әділ” деп атайды.", NULL), "quotes");
	CHECK_STR(run("en:They call it \"open\" and \"fair\" today.",
	    "kk:Олар оны “ашық” және “әділ” деп атайды.", NULL), "");
	CHECK_STR(run("en:He called it \"open.\"",
	    "ru:Он назвал его «открытым».»", NULL), "");
	/* An apostrophe is no mark: against it, the one quotation of the
	 * unit left open is reported. */
	CHECK_STR(run("en:Smith restored the Giants' lead.",
	    "ru:Смит вывел «Джайантс вперед.", NULL), "quotes");
	CHECK_STR(run("en:Smith restored the Giants' lead.",
	    "ru:Смит вывел «Джайантс» вперед.", NULL), "");
	/* One » closes a quotation in speech and the speech with it only
	 * where the speech ends there, not interrupted by the author's
	 * words before the inner quotation. */
	CHECK_STR(run("en:\"More than one,\" Walton said on the Lakers' site.",
	    "ru:«Больше одного, — сказал Уолтон на сайте «Лейкерс».", NULL),
	    "quotes");
	CHECK_STR(run("en:\"It is,\" he said, \"a one trick pony\" now.",
	    "ru:«Это так, — сказал он, называя ее «пони», теперь.", NULL),
	    "quotes");
	CHECK_STR(run("en:\"We read the 'notices',\" he says.",
	    "ru:«Мы читали «объявления», — говорит он.", NULL), "");
	/* Not where another version writes two quotations one after
	 * the other and none nests: the first « was left open. */
	CHECK_STR(run("en:She called it: \"A treasure\" and \"an "
	    "instrument.\"", "ru:Она назвала его: «сокровище и "
	    "«инструмент».", NULL), "quotes");
	CHECK_STR(run("en:She called it: \"A treasure\" and \"an "
	    "instrument.\"", "ru:Она назвала его: «сокровище» и "
	    "«инструмент».", NULL), "");
	CHECK_STR(run("en:She said: \"They would say 'hysterical.'\"",
	    "ru:Она сказала: «Сказали бы «истерично».",
	    "kk:Ол: «Олар» истерик «дейді»."), "");
	CHECK_STR(run("en:Teachers from fourteen countries met today.",
	    "kk:Teachers from fourteen countries met today.", NULL),
	    "untranslated");
	CHECK_STR(run("en:Teachers from many countries met in the capital.",
	    "ru:Teachers from many countries met in the capital city.", NULL),
	    "untranslated");
	CHECK_STR(run("en:Teachers met.", "ru:", NULL), "empty");
}

/* The numbers check over three versions: what a third version says of
 * the figures two leave over. */
static void
test_numbers(void)
{
	/* A number word no third version has is no count: «екі ... де» is
	 * "both", against the 10 of "a decade later". */
	CHECK_STR(run("en:Both were built by 1870, the other a decade later.",
	    "ru:Обе построены к 1870 г., вторая на 10 лет позже.",
	    "kk:Екі шіркеу де 1870 жылы салынды, екіншісі кейін."), "");
	/* A number word the third version writes in figures stands
	 * against a changed figure, as it does between two versions. */
	CHECK_STR(run("en:Eight people came.", "ru:Пришли восемь человек.",
	    "kk:5 адам келді."), "numbers");
	CHECK_STR(run("en:Eight people came.", "kk:5 адам келді.", NULL),
	    "numbers");
	/* A decade without its century is the year's. */
	CHECK_STR(run("en:They moved out in the 1930s.",
	    "ru:Они ушли в 30-е годы.", "kk:Олар 1930 жылы көшті."), "");
	CHECK_STR(run("en:They moved out in the 1930s.",
	    "ru:Они ушли в 40-е годы.", NULL), "numbers");
	/* A third version joins a figure to its conversion: the 80s
	 * (Fahrenheit, no unit said) and 27 degrees through «80 градус»;
	 * not a figure in another unit (30 yards is no «30 метр»). */
	CHECK_STR(run("en:Expect widespread 80s on Monday.",
	    "ru:В понедельник ожидается до 27 градусов.",
	    "kk:Дүйсенбіде 80 градус шамасында болады."), "");
	CHECK_STR(run("en:He was about 30 yards out.",
	    "ru:Он был примерно в 27 метрах.",
	    "kk:Ол шамамен 30 метр жерде болды."), "numbers");
	/* Figures are matched with figures before words: the word «екі»
	 * (of «екі есе», twofold) does not take the 2 of Nord Stream 2
	 * that the changed figure left. */
	CHECK_STR(run("en:The $11 billion Nord Stream 2 pipeline will double "
	    "capacity.", "kk:Қуатты екі есе ұлғайтатын 11 миллиард "
	    "долларлық Норд Стрим 9 құбыры.", NULL), "numbers");
	CHECK_STR(run("en:The $11 billion Nord Stream 2 pipeline will double "
	    "capacity.", "kk:Қуатты екі есе ұлғайтатын 11 миллиард "
	    "долларлық Норд Стрим 2 құбыры.", NULL), "");
	/* Minutes written :00 are a figure; an hour without them has
	 * none. */
	CHECK_STR(run("en:He came at 4.40 am.", "ru:Он пришел в 4:00 утра.",
	    NULL), "numbers");
	CHECK_STR(run("en:He came at 4 am.", "ru:Он пришел в 4:00 утра.",
	    NULL), "");
	/* Minutes of one digit are no time: «15:0», read as a score,
	 * lost a digit of 15:00. */
	CHECK_STR(run("ru:Матч начнется в 15:0.",
	    "kk:Матч сағат 15:00-де басталады.", NULL), "numbers");
	CHECK_STR(run("ru:Они выиграли 2:0 в воскресенье.",
	    "kk:Олар жексенбіде 2:0 есебімен жеңді.", NULL), "");
	/* A conversion in brackets that does not hold, though the other
	 * version has neither figure left over. */
	CHECK_STR(run("en:The 550 pound hog was found.",
	    "kk:Салмағы 550 фунт (49 кг) қабан табылды.", NULL), "numbers");
	CHECK_STR(run("en:The 550 pound hog was found.",
	    "kk:Салмағы 550 фунт (249 кг) қабан табылды.", NULL), "");
	CHECK_STR(run("en:It moved at 80 kph (497 mph).",
	    "ru:Оно двигалось со скоростью 497 миль в час.", NULL),
	    "numbers");
	CHECK_STR(run("en:Waves as high as six meters (18 feet) came.",
	    "ru:Пришли волны высотой шесть метров.", NULL), "");
}

/* The length check on a checker of its own, after twenty units that set
 * the ratios: a version is reported when it is the odd one out. */
static void
test_length(void)
{
	struct habar_qa *saved = qa;
	int i;

	if (habar_qa_new(&qa) != HABAR_OK) {
		CHECK(0);
		qa = saved;
		return;
	}
	habar_qa_select_none(qa);
	CHECK(habar_qa_select(qa, "length", 1) == HABAR_OK);
	for (i = 0; i < 20; i++)
		run("en:The council met in the capital today to discuss it.",
		    "ru:Совет собрался сегодня в столице, чтобы это обсудить.",
		    "kk:Кеңес бүгін елордада мұны талқылау үшін жиналды.");
	/* Long against the English only: the Russian is as long, the
	 * abbreviation spelled out in both. */
	CHECK_STR(run("en:Arrest made in shooting death of LSU's Sims",
	    "ru:Арестован подозреваемый в гибели Симса, игрока университета "
	    "штата Луизиана",
	    "kk:Луизиана мемлекеттік университетінің ойыншысы Симс атыс "
	    "салдарынан қайтыс болғаннан кейін, күдікті тұтқынға алынды"), "");
	/* Long against both: a sentence more than the others. */
	CHECK_STR(run("en:I got bit!", "ru:Меня укусили!",
	    "kk:Мені тістеп алды деп айқайлап жатқанын түсінгенін айтты ол "
	    "кейін бізге."), "length");
	habar_qa_free(qa);
	qa = saved;
}

/* The names check: a swap of two neighbouring letters it reports, beside
 * the spelling it leaves alone. */
static void
test_names(void)
{
	/* A swap that undoes a doubled consonant, across scripts (the
	 * skeletons count a doubled letter once), and within one script. */
	CHECK_STR(run("en:The award went to Tom Brtet yesterday.",
	    "ru:Награду вчера получил Том Бретт.", NULL), "names");
	CHECK_STR(run("en:The award went to Tom Brett yesterday.",
	    "ru:Награду вчера получил Том Бретт.", NULL), "");
	CHECK_STR(run("ru:Выступил министр Ержан Асасдов.",
	    "kk:Министр Ержан Ассадов сөз сөйледі.", NULL), "names");
	/* A Cyrillic spelling that does not double what English doubles
	 * is no swap (Committee, Комитет). */
	CHECK_STR(run("en:The Committee met in Vienna on Monday.",
	    "kk:Комитет дүйсенбіде Венада жиналды.", NULL), "");
	/* A Kazakh case ending with two letters swapped: the endings each
	 * are endings, but the suffix rules make no form of them. */
	CHECK_STR(run("ru:Это слова Айдара Ахмета.",
	    "kk:Бұл Айдар Ахметітң сөзі.", NULL), "names");
	CHECK_STR(run("ru:Это слова Айдара Ахмета.",
	    "kk:Бұл Айдар Ахметтің сөзі.", NULL), "");
	/* A foreign name's last syllable chooses its harmony (Мартиннің,
	 * though а is a back vowel): a swap in its front ending is found. */
	CHECK_STR(run("ru:Это слова Луи Мартина.",
	    "kk:Бұл Луи Мартинінң сөзі.", NULL), "names");
	CHECK_STR(run("ru:Это слова Луи Мартина.",
	    "kk:Бұл Луи Мартиннің сөзі.", NULL), "");
	/* A Kazakh stem that goes on past the letters it shares with the
	 * Russian one (Ливерпуль, Ливерпулем), its ending swapped. */
	CHECK_STR(run("ru:Клуб сыграл вничью с Ливерпулем.",
	    "kk:Клуб Ливерпулмьен тең ойнады.", NULL), "names");
	CHECK_STR(run("ru:Клуб сыграл вничью с Ливерпулем.",
	    "kk:Клуб Ливерпульмен тең ойнады.", NULL), "");
	/* Spelled right once and wrong once in one version, once in the
	 * other: within one script the swap is still reported. */
	CHECK_STR(run("ru:Сессия Ассамблеи открылась, и глава Асасмблеи "
	    "выступил.", "kk:Ассамблея сессиясы ашылды.", NULL), "names");
	/* A swap of a vowel across scripts, which the skeletons leave in
	 * doubt, confirmed by the dictionary of the misspelled version: the
	 * swapped word is one it knows, the name as written is not. */
	CHECK_STR(run("en:Yesterday the Genreal Assembly met in New York.",
	    "ru:Вчера Генеральная Ассамблея собралась в Нью-Йорке.", NULL),
	    "names");
	CHECK_STR(run("en:Yesterday the General Assembly met in New York.",
	    "ru:Вчера Генеральная Ассамблея собралась в Нью-Йорке.", NULL),
	    "");
	CHECK_STR(run("ru:Визит в Киатй отложен.",
	    "kk:Қытайға сапар кейінге қалдырылды.", NULL), "names");
	CHECK_STR(run("ru:Визит в Китай отложен.",
	    "kk:Қытайға сапар кейінге қалдырылды.", NULL), "");
	/* A glide between vowels is written or not (Боливию, Bolivia: both
	 * "balavaa"), so the misspelled name still finds its counterpart. */
	CHECK_STR(run("en:The team flew to Bolviia on Monday.",
	    "ru:В понедельник команда улетела в Боливию.", NULL), "names");
	CHECK_STR(run("en:The team flew to Bolivia on Monday.",
	    "ru:В понедельник команда улетела в Боливию.", NULL), "");
	/* An English name is not a short Kazakh word with a swap and a
	 * long ending (Example, Іске: "aksampla", "aska"). */
	CHECK_STR(run("en:If enabled, Example opens in the editor.",
	    "kk:Іске қосылған болса, Мысал редакторда ашылады.", NULL), "");
	/* Two vowels swapped, which the skeletons do not see: the
	 * dictionary knows the name with them swapped back, and not as
	 * written. */
	CHECK_STR(run("ru:Полиция штата Луизаина благодарит жителей.",
	    "kk:Луизиана штатының полициясы тұрғындарға алғыс айтты.",
	    NULL), "names");
	CHECK_STR(run("ru:Полиция штата Луизиана благодарит жителей.",
	    "kk:Луизиана штатының полициясы тұрғындарға алғыс айтты.",
	    NULL), "");
	/* A name no version has, which a swap makes a name the dictionary
	 * knows, where another version has a name that begins with its
	 * consonants (Британияның). */
	CHECK_STR(run("en:The heat helped Briatin's pubs.",
	    "ru:Жара помогла британским пабам.",
	    "kk:Ыстық Британияның пабтарына көмектесті."), "names");
	CHECK_STR(run("en:The heat helped Britain's pubs.",
	    "ru:Жара помогла британским пабам.",
	    "kk:Ыстық Британияның пабтарына көмектесті."), "");
	/* Кристиан is Кристина swapped, a name the dictionary knows, but
	 * the Kazakh version has it as Кристи: no finding. */
	CHECK_STR(run("en:Christion Abercrombie had surgery.",
	    "ru:Кристиан Аберкромби перенес операцию.",
	    "kk:Кристи Аберкромби операция жасатты."), "");
	/* A swap across the end of the stem the two spellings then share
	 * (Трамтпы, Трампты, against Трампа), when a version writes the
	 * name as the swap makes it (Trump); not two transliterations that
	 * end a stem otherwise (Париджегі against Париже). */
	CHECK_STR(run("en:He met President Trump on Friday.",
	    "ru:В пятницу он встретил президента Трампа.",
	    "kk:Ол жұма күні президент Трамтпы кездестірді."), "names");
	CHECK_STR(run("en:He met President Trump on Friday.",
	    "ru:В пятницу он встретил президента Трампа.",
	    "kk:Ол жұма күні президент Трампты кездестірді."), "");
	CHECK_STR(run("en:The talks in Paris ended.",
	    "ru:Переговоры в Париже закончились.",
	    "kk:Париджегі келіссөздер аяқталды."), "");
	/* One name by the skeletons (Диддидің), another by the letters of
	 * the same script with two letters swapped (Дадди). */
	CHECK_STR(run("ru:Он идет по стопам Дидди, известного как Пафф "
	    "Ддади.", "kk:Ол Диддидің, Пафф Дадди деген атпен белгілі "
	    "болған, ізін қуып келеді.", NULL), "names");
	CHECK_STR(run("ru:Он идет по стопам Дидди, известного как Пафф "
	    "Дадди.", "kk:Ол Диддидің, Пафф Дадди деген атпен белгілі "
	    "болған, ізін қуып келеді.", NULL), "");
	/* A vowel moved past a consonant across scripts, the same vowel in
	 * Latin letters (Плеоси, Pelosi: е and e); not a vowel another
	 * transliteration writes otherwise (Лэдброукс, Ladbrokes). */
	CHECK_STR(run("en:On Friday Speaker Pelosi spoke.",
	    "ru:В пятницу выступила спикер Плеоси.", NULL), "names");
	CHECK_STR(run("en:On Friday Speaker Pelosi spoke.",
	    "ru:В пятницу выступила спикер Пелоси.", NULL), "");
	CHECK_STR(run("en:Bets were taken by Ladbrokes.",
	    "ru:Ставки принимала компания Лэдброукс.", NULL), "");
	/* A swap the skeletons lose, seen in Latin letters: a double the
	 * other script writes single (Мрирен, "mriren", against Mirren);
	 * not a name whose
	 * transliterations differ by a swap at its end (Британия,
	 * "britaniya", against Britain). */
	CHECK_STR(run("en:He joined St Mirren in the summer.",
	    "kk:Ол жазда Сент Мрирен клубына қосылды.", NULL), "names");
	CHECK_STR(run("en:He joined St Mirren in the summer.",
	    "kk:Ол жазда Сент Миррен клубына қосылды.", NULL), "");
	CHECK_STR(run("en:Pubs in Britain are closing.",
	    "ru:Пабы в Британии закрываются.", NULL), "");
	/* A Kazakh ending swapped after a stem whose last vowel alternates
	 * with the Russian one's (Боливияынң, Боливияның, against
	 * Боливии). */
	CHECK_STR(run("ru:Администрация Боливии использовала проблему.",
	    "kk:Мәселені Боливияынң басшылығы қолданды.", NULL), "names");
	CHECK_STR(run("ru:Администрация Боливии использовала проблему.",
	    "kk:Мәселені Боливияның басшылығы қолданды.", NULL), "");
	/* A swap across the end of the stem both then share, the
	 * ending no form until the swap (Мексикнаың, Мексиканың, against
	 * Мексика). */
	CHECK_STR(run("ru:Вчера страна Мексика выступила.",
	    "kk:Кеше Мексикнаың президенті сөйледі.", NULL), "names");
	CHECK_STR(run("ru:Вчера страна Мексика выступила.",
	    "kk:Кеше Мексиканың президенті сөйледі.", NULL), "");
	/* Not one stem as written, but one with the ending swapped into
	 * the stem's last vowel (Австраляидағы, Австралиядағы, against
	 * Австралии; Париджегі, Париждегі, against Париже). */
	CHECK_STR(run("ru:Вчера выступил премьер Австралии.",
	    "kk:Кеше Австраляидағы премьер сөйледі.", NULL), "names");
	CHECK_STR(run("ru:Вчера выступил премьер Австралии.",
	    "kk:Кеше Австралиядағы премьер сөйледі.", NULL), "");
	CHECK_STR(run("ru:Неделя моды в Париже прошла.",
	    "kk:Кеше Париджегі сән аптасы өтті.", NULL), "names");
	CHECK_STR(run("ru:Неделя моды в Париже прошла.",
	    "kk:Кеше Париждегі сән аптасы өтті.", NULL), "");
	/* The stem the swap makes goes on by a soft sign the other
	 * version's leaves out (Феттлеьді, Феттельді, against Феттеля). */
	CHECK_STR(run("ru:Победа Феттеля была ясной.",
	    "kk:Кеше Феттлеьді жеңіс күтті.", NULL), "names");
	CHECK_STR(run("ru:Победа Феттеля была ясной.",
	    "kk:Кеше Феттельді жеңіс күтті.", NULL), "");
	/* A name of four letters with an ending, swapped inside the four
	 * (Тдода, Тодда, against Тодд); not a swap at the short name's end,
	 * as often another transliteration (Гроув against Гров). */
	CHECK_STR(run("ru:В декабре муж Тдода Пэйлин подал на развод.",
	    "kk:Желтоқсанда Тодд Пэйлин ажырасуға арыз берді.", NULL),
	    "names");
	CHECK_STR(run("ru:В декабре муж Тодда Пэйлин подал на развод.",
	    "kk:Желтоқсанда Тодд Пэйлин ажырасуға арыз берді.", NULL), "");
	CHECK_STR(run("ru:Матч прошел на стадионе Гроув.",
	    "kk:Матч Гров стадионында өтті.", NULL), "");
	/* One name by the skeletons, which do not see a letter swapped
	 * with its double (Ссесион, "sasaan", against Sessions), but
	 * not by the letters in Latin, which one swap makes agree. */
	CHECK_STR(run("en:Attorney General Jeff Sessions spoke.",
	    "kk:Бас прокурор Джефф Ссесион сөйледі.", NULL), "names");
	CHECK_STR(run("en:Attorney General Jeff Sessions spoke.",
	    "kk:Бас прокурор Джефф Сессион сөйледі.", NULL), "");
	/* A name no version matches that the dictionary knows with two
	 * letters swapped, a common word with a capital too, where the
	 * swap brings its skeleton nearer another version's name (Minister,
	 * Министрі; Graham, Грэм); not a name whose swap is a word but goes
	 * away from the other version's name (Haris, Hairs, against Харис),
	 * nor, where the skeletons cannot tell, a word that is no proper
	 * name (Haeder, Header, against Хедер). */
	CHECK_STR(run("en:Yesterday the Foreign Minitser spoke.",
	    "kk:Кеше Сыртқы істер Министрі сөйледі.", NULL), "names");
	CHECK_STR(run("en:Yesterday the Foreign Minister spoke.",
	    "kk:Кеше Сыртқы істер Министрі сөйледі.", NULL), "");
	CHECK_STR(run("en:Yesterday Lindsey Garham spoke.",
	    "ru:Вчера выступил Линдси Грэм.", NULL), "names");
	CHECK_STR(run("en:Yesterday Lindsey Graham spoke.",
	    "ru:Вчера выступил Линдси Грэм.", NULL), "");
	CHECK_STR(run("en:Yesterday Ali Haris spoke.",
	    "ru:Вчера выступил Али Харис.", NULL), "");
	CHECK_STR(run("en:Said Simon Haeder, a scientist.",
	    "ru:Говорит Саймон Хедер, политолог.", NULL), "");
	/* h swapped with a consonant, which the skeletons do not see
	 * either (Birminhgam, Birmingham, against Бирмингему). */
	CHECK_STR(run("en:They marched through Birminhgam yesterday.",
	    "ru:Вчера они прошли по Бирмингему.", NULL), "names");
	CHECK_STR(run("en:They marched through Birmingham yesterday.",
	    "ru:Вчера они прошли по Бирмингему.", NULL), "");
	/* The name twice in one version, once misspelled. */
	CHECK_STR(run("ru:Лорд Дарнли сказал, что Дарнли приедет.",
	    "kk:Лорд Дарнли Дранли келетінін айтты.", NULL), "names");
}

/* The terms check finds a Kazakh term in its inflected forms, a verbal
 * noun's included (беру, беруді), and misses it when it is absent. */
static void
test_terms(void)
{
	static const char glossary[] = "en\tkk\nto grant\tберу\n";
	struct habar_qa *saved = qa, *terms = NULL;
	FILE *fp;

	CHECK(habar_qa_new(&terms) == HABAR_OK);
	CHECK((fp = fmemopen((void *)glossary, sizeof(glossary) - 1, "r")) !=
	    NULL);
	if (terms == NULL || fp == NULL) {
		if (fp != NULL)
			fclose(fp);
		habar_qa_free(terms);
		return;
	}
	CHECK(habar_qa_load_glossary(terms, fp) == HABAR_OK);
	fclose(fp);
	qa = terms;
	CHECK_STR(run("en:The ministry goes on to grant the money.",
	    "kk:Министрлік қаржы беруді жалғастырады.", NULL), "");
	CHECK_STR(run("en:The ministry goes on to grant the money.",
	    "kk:Министрлік қаржы беру туралы шешті.", NULL), "");
	CHECK_STR(run("en:The ministry goes on to grant the money.",
	    "kk:Министрлік қаржы алуды жалғастырады.", NULL), "terms");
	qa = saved;
	habar_qa_free(terms);
}

static void
test_select(void)
{
	CHECK(habar_qa_select(qa, "numbers,nosuch", 0) == HABAR_ERR_ARGUMENT);
	CHECK(strstr(habar_qa_error(qa), "nosuch") != NULL);
	CHECK(habar_qa_select(qa, "numbers", 0) == HABAR_OK);
	CHECK_STR(run("en:1.5 million people came.",
	    "ru:Пришли 15 млн человек.", NULL), "");
	habar_qa_select_none(qa);
	CHECK(habar_qa_select(qa, "all", 1) == HABAR_OK);
	CHECK_STR(run("en:1.5 million people came.",
	    "ru:Пришли 15 млн человек.", NULL), "numbers");
}

/* Collects "id:check " for each finding of a document, in order. */
static int
collect_ids(void *arg, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count)
{
	char *out = arg;
	size_t i;

	for (i = 0; i < count; i++)
		snprintf(out + strlen(out), 1024 - strlen(out), "%s:%s ",
		    unit->id, habar_qa_check_name(findings[i].check));
	if (count == 0)
		snprintf(out + strlen(out), 1024 - strlen(out), "%s ",
		    unit->id);
	return 0;
}

/* Reads a TMX of units "en|ru|kk" and returns what collect_ids saw. */
static const char *
read_tmx(const char *const *units, size_t n)
{
	static char doc[4096], out[1024];
	size_t i, k;
	FILE *fp;

	snprintf(doc, sizeof(doc), "<tmx version=\"1.4\"><body>");
	for (i = 0; i < n; i++) {
		const char *p = units[i];
		static const char *const langs[3] = { "en", "ru", "kk" };
		snprintf(doc + strlen(doc), sizeof(doc) - strlen(doc),
		    "<tu tuid=\"%zu\">", i + 1);
		for (k = 0; k < 3; k++) {
			size_t w = strcspn(p, "|");
			snprintf(doc + strlen(doc), sizeof(doc) - strlen(doc),
			    "<tuv xml:lang=\"%s\"><seg>%.*s</seg></tuv>",
			    langs[k], (int)w, p);
			p += w + (p[w] == '|');
		}
		snprintf(doc + strlen(doc), sizeof(doc) - strlen(doc), "</tu>");
	}
	snprintf(doc + strlen(doc), sizeof(doc) - strlen(doc), "</body></tmx>");
	out[0] = '\0';
	if ((fp = fmemopen(doc, strlen(doc), "r")) == NULL)
		return "(no stream)";
	if (habar_qa_read_xml(qa, NULL, 0, fp, "t.tmx", collect_ids, out) !=
	    HABAR_OK)
		snprintf(out, sizeof(out), "(failed)");
	fclose(fp);
	return out;
}

/* A quotation every version leaves open is judged with the next unit:
 * the version that does not end it there, with no mark of its own and
 * no author's words, dropped its closing mark; the units are reported
 * in order. */
static void
test_quotes_after(void)
{
	static const char *const dropped[] = {
		"\"We went in.|«Мы пришли.|“Біз бардық.",
		"It was fair.\"|Это было честно.»|Бұл әділ.",
		"He left.|Он ушел.|Ол кетті."
	};
	static const char *const closed[] = {
		"\"We went in.|«Мы пришли.|“Біз бардық.”",
		"It was fair.\"|Это было честно.»|Бұл әділ."
	};
	/* The Kazakh speech goes on with the author's words: no unit
	 * tells where its mark was dropped. */
	static const char *const speech[] = {
		"\"We went in.|«Мы пришли.|“Біз бардық.",
		"Fair,\" he said.|Честно», — сказал он.|Әділ, – деді ол."
	};
	/* The English opens the quotation again at the next paragraph. */
	static const char *const reopened[] = {
		"\"We went in.|«Мы пришли.|“Біз бардық.",
		"\"It was fair.\"|Это было честно.»|Бұл әділ.”"
	};

	CHECK_STR(read_tmx(dropped, 3), "1:quotes 2 3 ");
	CHECK_STR(read_tmx(closed, 2), "1 2 ");
	CHECK_STR(read_tmx(speech, 2), "1 2 ");
	CHECK_STR(read_tmx(reopened, 2), "1 2 ");
	/* Alone, the unit cannot tell. */
	CHECK_STR(run("en:\"We went into the game believing.",
	    "ru:«Мы пришли в игру с верой.", "kk:“Біз бардық."), "");
}

static void
test_kind(void)
{
	static const char tmx[] = "\xef\xbb\xbf<?xml version=\"1.0\"?>\n"
	    "<!-- memory -->\n<tmx version=\"1.4\">";
	static const char xliff[] = "<xliff version=\"2.0\">";
	static const char par[] = "<?xml version=\"1.0\"?><parallel>";

	CHECK(habar_qa_input_kind(tmx, sizeof(tmx) - 1) ==
	    HABAR_QA_INPUT_STREAM);
	CHECK(habar_qa_input_kind(xliff, sizeof(xliff) - 1) ==
	    HABAR_QA_INPUT_STREAM);
	CHECK(habar_qa_input_kind(par, sizeof(par) - 1) ==
	    HABAR_QA_INPUT_PARALLEL);
	CHECK(habar_qa_input_kind("---\nlang: en", 12) ==
	    HABAR_QA_INPUT_OTHER);
	CHECK(habar_qa_input_kind("", 0) == HABAR_QA_INPUT_OTHER);
	CHECK(habar_qa_input_kind("<?xml", 5) == HABAR_QA_INPUT_OTHER);
}

int
main(void)
{
	if (habar_qa_new(&qa) != HABAR_OK) {
		fprintf(stderr, "cannot load the checker: %s\n",
		    habar_qa_error(qa));
		return 1;
	}
	test_faithful();
	test_errors();
	test_numbers();
	test_length();
	test_names();
	test_terms();
	test_select();
	test_quotes_after();
	test_kind();
	habar_qa_free(qa);
	return CHECK_DONE();
}

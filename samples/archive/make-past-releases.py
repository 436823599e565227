#!/usr/bin/env python3
"""make-past-releases.py: writes samples/archive/past-releases.zip, a small
archive of past releases in the layouts and encodings habar-batch reads
(standard library only; the same bytes on every run).

  2009/park-2009_ru.htm, _kz.htm, _eng.htm   web pages with the site's
      menu, share links and footer around the release: windows-1251 (ru),
      KZ-1048 (kk), ASCII (en)
  2012/ru/marathon-2012.txt, kz/..., en/...   a folder per language:
      KOI8-R (ru), PT154 (kk), UTF-8 with CRLF (en)
  2015/библиотеки-2015/ru.txt, kk.txt, en.txt, slides.pptx
      a folder per release whose name the zip stores in CP866, as old
      Windows tools did: IBM866 (ru), UTF-16LE (kk), UTF-8 (en), and a
      presentation
  2018/solar-2018.kk.md, .ru.md, .en.md, solar-2018.pptx
      release text with front matter, UTF-8, naming its presentation

usage: make-past-releases.py [OUT.zip]   (default: beside this script)
"""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PPTX = os.path.join(HERE, "..", "road-safety-2026", "road-safety-2026.pptx")

PARK = {
    "ru": ("В Павлодаре открылся новый детский парк",
           ["Павлодар, 14 мая 2009 г. На левом берегу Иртыша открылся "
            "детский парк площадью 6 гектаров. В нём есть игровые площадки, "
            "велосипедные дорожки и летний театр на 300 мест.",
            "Парк построен за 11 месяцев на средства городского бюджета и "
            "двух местных предприятий. Строители посадили 1 200 деревьев и "
            "проложили 3 км дорожек.",
            "«Мы хотели, чтобы у каждого района было место, куда можно прийти "
            "с детьми пешком», — сказал аким города Ерлан Сапаров."]),
    "kk": ("Павлодарда жаңа балалар саябағы ашылды",
           ["Павлодар, 2009 жылғы 14 мамыр. Ертістің сол жағалауында "
            "ауданы 6 гектар балалар саябағы ашылды. Онда ойын алаңдары, "
            "велосипед жолдары және 300 орындық жазғы театр бар.",
            "Саябақ қалалық бюджет пен екі жергілікті кәсіпорынның қаражатына "
            "11 айда салынды. Құрылысшылар 1 200 ағаш отырғызып, 3 км жол "
            "төседі.",
            "«Әр ауданда балалармен жаяу баруға болатын орын болғанын "
            "қаладық», — деді қала әкімі Ерлан Сапаров."]),
    "en": ("A new children's park opens in Pavlodar",
           ["Pavlodar, 14 May 2009. A children's park of 6 hectares has "
            "opened on the left bank of the Irtysh. It has playgrounds, "
            "cycle paths and a summer theatre with 300 seats.",
            "The park was built in 11 months with money from the city "
            "budget and two local companies. The builders planted 1,200 "
            "trees and laid 3 km of paths.",
            "\"We wanted every district to have a place you can walk to with "
            "your children,\" said the mayor, Yerlan Saparov."]),
}

MARATHON = {
    "ru": ("Зимний марафон в Астане собрал 2 000 бегунов",
           ["Астана, 19 февраля 2012 г. Несмотря на мороз в минус 18 "
            "градусов, на старт зимнего марафона вышли 2 000 человек из 9 "
            "стран.",
            "Победителем стал бегун из Караганды Асхат Жумабаев, пробежавший "
            "дистанцию за 2 часа 41 минуту. Среди женщин первой была Ольга "
            "Ким из Алматы.",
            "Трасса проходила по набережной Есиля. На пунктах питания "
            "волонтёры раздали 4 000 стаканов горячего чая."]),
    "kk": ("Астанадағы қысқы марафонға 2 000 жүгіруші қатысты",
           ["Астана, 2012 жылғы 19 ақпан. Минус 18 градус аязға қарамастан, "
            "қысқы марафонның мәресіне 9 елден 2 000 адам шықты.",
            "Қарағандылық жүгіруші Асхат Жұмабаев қашықтықты 2 сағат 41 "
            "минутта жүгіріп, жеңімпаз атанды. Әйелдер арасында алматылық "
            "Ольга Ким бірінші болды.",
            "Трасса Есіл жағалауы бойымен өтті. Тамақтану бекеттерінде "
            "еріктілер 4 000 стақан ыстық шай таратты."]),
    "en": ("Winter marathon in Astana draws 2,000 runners",
           ["Astana, 19 February 2012. Despite a frost of minus 18 degrees, "
            "2,000 people from 9 countries started the winter marathon.",
            "The winner was Askhat Zhumabayev from Karaganda, who ran the "
            "distance in 2 hours 41 minutes. Olga Kim from Almaty was the "
            "first among women.",
            "The course ran along the Yesil embankment. At the food points "
            "volunteers handed out 4,000 cups of hot tea."]),
}

LIBRARIES = {
    "ru": ("Сельские библиотеки получили 40 000 новых книг",
           ["Кызылорда, 3 сентября 2015 г. В 120 сельских библиотек области "
            "поступили 40 000 новых книг: учебники, детская литература и "
            "словари.",
            "Каждая библиотека также получила два компьютера с доступом в "
            "интернет. Библиотекари прошли двухнедельные курсы в областном "
            "центре.",
            "До конца года книги получат ещё 35 библиотек в отдалённых "
            "аулах."]),
    "kk": ("Ауылдық кітапханаларға 40 000 жаңа кітап келді",
           ["Қызылорда, 2015 жылғы 3 қыркүйек. Облыстың 120 ауылдық "
            "кітапханасына 40 000 жаңа кітап келді: оқулықтар, балалар "
            "әдебиеті және сөздіктер.",
            "Әр кітапхана интернетке қосылған екі компьютер де алды. "
            "Кітапханашылар облыс орталығында екі апталық курстан өтті.",
            "Жыл соңына дейін шалғай ауылдардағы тағы 35 кітапхана кітап "
            "алады."]),
    "en": ("Village libraries receive 40,000 new books",
           ["Kyzylorda, 3 September 2015. 120 village libraries of the "
            "region have received 40,000 new books: textbooks, children's "
            "literature and dictionaries.",
            "Each library also received two computers connected to the "
            "internet. The librarians took a two-week course in the "
            "regional centre.",
            "Another 35 libraries in remote villages will receive books "
            "before the end of the year."]),
}

SOLAR = {
    "ru": ("В Кызылординской области запущена солнечная электростанция",
           ["Кызылорда, 21 июня 2018 г. Солнечная электростанция мощностью "
            "50 мегаватт начала работу в Шиелийском районе.",
            "Станция будет вырабатывать около 90 миллионов киловатт-часов "
            "в год, что покроет потребности 30 000 домов.",
            "На строительстве работали 400 человек, на станции останется "
            "60 постоянных рабочих мест."]),
    "kk": ("Қызылорда облысында күн электр станциясы іске қосылды",
           ["Қызылорда, 2018 жылғы 21 маусым. Шиелі ауданында қуаты 50 "
            "мегаватт күн электр станциясы жұмысын бастады.",
            "Станция жылына шамамен 90 миллион киловатт-сағат энергия "
            "өндіреді, бұл 30 000 үйдің қажетін өтейді.",
            "Құрылыста 400 адам жұмыс істеді, станцияда 60 тұрақты жұмыс "
            "орны қалады."]),
    "en": ("Solar power station starts in Kyzylorda region",
           ["Kyzylorda, 21 June 2018. A solar power station of 50 megawatts "
            "has started work in Shieli district.",
            "The station will produce about 90 million kilowatt-hours a "
            "year, enough for 30,000 homes.",
            "400 people worked on the construction, and the station will "
            "keep 60 permanent jobs."]),
}

MENU = {
    "ru": ("Главная", "Новости", "Пресс-центр", "Контакты",
           "Поделиться ВКонтакте", "Все права защищены"),
    "kk": ("Басты бет", "Жаңалықтар", "Баспасөз орталығы", "Байланыс",
           "ВКонтакте бөлісу", "Барлық құқықтар қорғалған"),
    "en": ("Home", "News", "Press centre", "Contacts", "Share on VKontakte",
           "All rights reserved"),
}


def page(lang, title, paras, charset):
    m = MENU[lang]
    body = "\n".join("<p>%s</p>" % p.replace("&", "&amp;") for p in paras)
    return ("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n"
            "<html><head>\n<meta http-equiv=\"Content-Type\" "
            "content=\"text/html; charset=%s\">\n<title>%s | Pavlodar akimat"
            "</title>\n</head><body>\n<table width=\"100%%\"><tr><td "
            "class=\"topmenu\"><a href=\"/\">%s</a> | <a href=\"/news/\">%s"
            "</a> | <a href=\"/press/\">%s</a> | <a href=\"/contacts/\">%s"
            "</a></td></tr>\n<tr><td class=\"text\">\n<h1>%s</h1>\n%s\n"
            "<div class=\"share\"><a href=\"#\">%s</a></div>\n</td></tr>\n"
            "<tr><td class=\"footer\">&copy; 2009 %s</td></tr></table>\n"
            "</body></html>\n" % (charset, title, m[0], m[1], m[2], m[3],
                                  title, body, m[4], m[5]))


def text(title, paras, eol="\n"):
    return title + eol + eol + (eol + eol).join(paras) + eol


def md(rid, lang, title, date, paras, attachment):
    return ("---\nid: %s\nlang: %s\ntitle: %s\ndate: %s\nattachments: %s\n"
            "---\n\n%s\n" % (rid, lang, title, date, attachment,
                             "\n\n".join(paras)))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        HERE, "past-releases.zip")
    pptx = open(PPTX, "rb").read()
    # The CP866 folder name goes in over an ASCII placeholder of the same
    # length: Python's zipfile would flag a Cyrillic name as UTF-8.
    folder = "библиотеки-2015"
    placeholder = "Q" * len(folder)
    members = []
    for lang, tag, codec in (("ru", "ru", "cp1251"), ("kk", "kz", "kz1048"),
                             ("en", "eng", "ascii")):
        t, p = PARK[lang]
        members.append(("2009/park-2009_%s.htm" % tag,
                        page(lang, t, p, codec).encode(codec)))
    for lang, tag, codec, eol in (("ru", "ru", "koi8_r", "\n"),
                                  ("kk", "kz", "ptcp154", "\n"),
                                  ("en", "en", "utf-8", "\r\n")):
        t, p = MARATHON[lang]
        members.append(("2012/%s/marathon-2012.txt" % tag,
                        text(t, p, eol).encode(codec)))
    for lang, codec in (("ru", "cp866"), ("kk", "utf-16"), ("en", "utf-8")):
        t, p = LIBRARIES[lang]
        members.append(("2015/%s/%s.txt" % (placeholder, lang),
                        text(t, p).encode(codec)))
    members.append(("2015/%s/slides.pptx" % placeholder, pptx))
    for lang in ("kk", "ru", "en"):
        t, p = SOLAR[lang]
        members.append(("2018/solar-2018.%s.md" % lang,
                        md("solar-2018", lang, t, "2018-06-21", p,
                           "solar-2018.pptx").encode("utf-8")))
    members.append(("2018/solar-2018.pptx", pptx))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, (2019, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0    # MS-DOS, as the old tools wrote
            z.writestr(info, data)
    data = open(out, "rb").read()
    data = data.replace(placeholder.encode("ascii"), folder.encode("cp866"))
    open(out, "wb").write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""make-archive.py: writes an archive of N trilingual past releases for
habar-batch's benchmark and tests (standard library only).

Each release is about 3 KB per language (Kazakh, Russian, English), made
from sentence templates written for this script, with varied numbers,
names, places and dates.  The releases are laid out the ways habar-batch
recognises, in the encodings of their time, as text and as web pages with
site navigation around them, some with a presentation beside them:

  layout 0  YYYY/MM/<id>.<lang>.md      release text, UTF-8
  layout 1  YYYY/MM/<id>_<lang>.htm     web pages: windows-1251 (ru),
                                        KZ-1048 (kk), ASCII (en)
  layout 2  YYYY/<lang>/<id>.txt        a folder per language: KOI8-R (ru),
                                        PT154 (kk), UTF-8 (en)
  layout 3  YYYY/<id>/<lang>.txt        a folder per release: UTF-8 read as
                                        windows-1251 (ru mojibake), KZ-1048
                                        read as windows-1251 (kk), UTF-8
  layout 4  YYYY/MM/<id>.{txt,htm,md}   no language in the name: IBM866 (ru
                                        .txt), UTF-8 (kk .htm, en .md)

usage: make-archive.py [-n N] [--seed S] [--pptx FILE] OUT.zip|OUT.tar.gz
"""
import argparse
import io
import os
import random
import sys
import tarfile
import zipfile

CITIES = [("Astana", "Астана", "Астана"), ("Almaty", "Алматы", "Алматы"),
          ("Shymkent", "Шымкент", "Шымкент"),
          ("Karaganda", "Караганда", "Қарағанды"),
          ("Aktobe", "Актобе", "Ақтөбе"), ("Pavlodar", "Павлодар", "Павлодар"),
          ("Kostanay", "Костанай", "Қостанай"), ("Atyrau", "Атырау", "Атырау")]
ORGS = [("Ministry of Energy", "Министерство энергетики",
         "Энергетика министрлігі"),
        ("Ministry of Health", "Министерство здравоохранения",
         "Денсаулық сақтау министрлігі"),
        ("Ministry of Enlightenment", "Министерство просвещения",
         "Оқу-ағарту министрлігі"),
        ("Youth Affairs Agency", "Агентство по делам молодёжи",
         "Жастар ісі агенттігі")]
PROGRAMMES = [("Clean Water", "Чистая вода", "Таза су"),
              ("Warm School", "Тёплая школа", "Жылы мектеп"),
              ("Green Roads", "Зелёные дороги", "Жасыл жолдар"),
              ("Digital Village", "Цифровое село", "Цифрлы ауыл"),
              ("Healthy Family", "Здоровая семья", "Сау отбасы")]
PEOPLE = [("Aigerim Nurlanova", "Айгерим Нурланова", "Айгерім Нұрланова"),
          ("Daniyar Seitkali", "Данияр Сейткали", "Данияр Сейітқали"),
          ("Marat Abenov", "Марат Абенов", "Марат Әбенов"),
          ("Saule Tokhtarova", "Сауле Тохтарова", "Сәуле Тоқтарова")]
MONTHS = [("January", "января", "қаңтар"), ("February", "февраля", "ақпан"),
          ("March", "марта", "наурыз"), ("April", "апреля", "сәуір"),
          ("May", "мая", "мамыр"), ("June", "июня", "маусым"),
          ("July", "июля", "шілде"), ("August", "августа", "тамыз"),
          ("September", "сентября", "қыркүйек"),
          ("October", "октября", "қазан"), ("November", "ноября", "қараша"),
          ("December", "декабря", "желтоқсан")]

# Sentence templates: (en, ru, kk), the same sentence in each language.
OPENING = (
    "{city0}, {date0}. The {org0} presented the results of the programme "
    "“{prog0}” at a press conference today.",
    "{city1}, {date1}. {org1} сегодня представило итоги программы «{prog1}» "
    "на пресс-конференции.",
    "{city2}, {date2}. {org2} бүгін баспасөз мәслихатында «{prog2}» "
    "бағдарламасының қорытындысын таныстырды.")
SENTENCES = [
    ("Over the past year {n1} families in {n2} districts took part in it.",
     "За прошедший год в ней приняли участие {n1} семей из {n2} районов.",
     "Өткен жылы оған {n2} ауданнан {n1} отбасы қатысты."),
    ("The budget of the programme amounted to {n3} million tenge.",
     "Бюджет программы составил {n3} млн тенге.",
     "Бағдарламаның бюджеті {n3} млн теңге болды."),
    ("According to the organisers, {pct} per cent of the planned work has "
     "been completed.",
     "По словам организаторов, выполнено {pct} процентов запланированных "
     "работ.",
     "Ұйымдастырушылардың айтуынша, жоспарланған жұмыстың {pct} пайызы "
     "орындалды."),
    ("“We have seen that people are ready to take part when they are asked "
     "early,” said {person0}, head of the working group.",
     "«Мы увидели, что люди готовы участвовать, если их спрашивают заранее», "
     "— сказала руководитель рабочей группы {person1}.",
     "«Адамдар алдын ала сұралса, қатысуға дайын екенін көрдік», — деді "
     "жұмыс тобының жетекшісі {person2}."),
    ("In {city0}, {n4} new sites were opened, and {n5} more will open "
     "before the end of the year.",
     "В городе {city1} открыто {n4} новых объектов, ещё {n5} откроются до "
     "конца года.",
     "{city2} қаласында {n4} жаңа нысан ашылды, жыл соңына дейін тағы {n5} "
     "нысан ашылады."),
    ("Volunteers from {n2} universities helped to collect the data.",
     "Собирать данные помогали волонтёры из {n2} университетов.",
     "Деректерді жинауға {n2} университеттің еріктілері көмектесті."),
    ("The next stage of the programme will start on 1 {month0}.",
     "Следующий этап программы начнётся 1 {month1}.",
     "Бағдарламаның келесі кезеңі 1 {month2} басталады."),
    ("Residents can send their proposals by telephone 8 800 {n6} 00 00.",
     "Жители могут направить свои предложения по телефону 8 800 {n6} 00 00.",
     "Тұрғындар ұсыныстарын 8 800 {n6} 00 00 телефоны арқылы жібере алады."),
    ("The reports of the regional offices will be published on the "
     "website.",
     "Отчёты региональных отделений будут опубликованы на сайте.",
     "Өңірлік бөлімшелердің есептері сайтта жарияланады."),
    ("Schools and clinics in small villages remain the main priority.",
     "Главным приоритетом остаются школы и поликлиники в малых сёлах.",
     "Шағын ауылдардағы мектептер мен емханалар басты басымдық болып "
     "қала береді."),
    ("Last year the figure was only {n7}.",
     "В прошлом году этот показатель составлял всего {n7}.",
     "Өткен жылы бұл көрсеткіш небәрі {n7} болған."),
    ("Representatives of {n8} public associations also spoke at the "
     "meeting.",
     "На встрече также выступили представители {n8} общественных "
     "объединений.",
     "Кездесуде {n8} қоғамдық бірлестіктің өкілдері де сөз сөйледі."),
]
CLOSING = ("For more information: press service, tel. (+7 7172) {n6} 12 34, "
           "press@example.kz.",
           "Подробная информация: пресс-служба, тел. (+7 7172) {n6} 12 34, "
           "press@example.kz.",
           "Толығырақ ақпарат: баспасөз қызметі, тел. (+7 7172) {n6} 12 34, "
           "press@example.kz.")
TITLES = ("Results of the programme “{prog0}” in {year}",
          "Итоги программы «{prog1}» за {year} год",
          "«{prog2}» бағдарламасының {year} жылғы қорытындысы")

NAV = {
    "en": ("Home", "News", "About us", "Contacts", "Share on Facebook",
           "All rights reserved"),
    "ru": ("Главная", "Новости", "О нас", "Контакты", "Поделиться в Facebook",
           "Все права защищены"),
    "kk": ("Басты бет", "Жаңалықтар", "Біз туралы", "Байланыс",
           "Facebook-те бөлісу", "Барлық құқықтар қорғалған"),
}
LANGS = ("en", "ru", "kk")


def release(rng, i):
    """The three language versions of release i: title, date, paragraphs."""
    year = 2003 + i % 22
    month = rng.randrange(12)
    day = rng.randrange(1, 29)
    city, org, prog, person = (rng.choice(CITIES), rng.choice(ORGS),
                               rng.choice(PROGRAMMES), rng.choice(PEOPLE))
    slots = {"year": year}
    for k in range(3):
        slots["city%d" % k] = city[k]
        slots["org%d" % k] = org[k]
        slots["prog%d" % k] = prog[k]
        slots["person%d" % k] = person[k]
        slots["month%d" % k] = MONTHS[(month + 1) % 12][k]
    slots["date0"] = "%d %s %d" % (day, MONTHS[month][0], year)
    slots["date1"] = "%d %s %d г." % (day, MONTHS[month][1], year)
    slots["date2"] = "%d жылғы %d %s" % (year, day, MONTHS[month][2])
    order = list(range(len(SENTENCES)))
    paragraphs = [[OPENING]]
    for _ in range(7):
        rng.shuffle(order)
        paragraphs.append([SENTENCES[k] for k in order[:4]])
    paragraphs.append([CLOSING])
    out = {}
    numbers = []
    for p in paragraphs:
        numbers.append([{"n%d" % k: rng.randrange(2, 999) for k in range(1, 9)}
                        for _ in p])
        for d in numbers[-1]:
            d["pct"] = rng.randrange(40, 99)
    for k, lang in enumerate(LANGS):
        paras = []
        for p, nums in zip(paragraphs, numbers):
            paras.append(" ".join(s[k].format(**slots, **n)
                                  for s, n in zip(p, nums)))
        out[lang] = (TITLES[k].format(**slots),
                     "%d-%02d-%02d" % (year, month + 1, day), paras)
    return year, month + 1, out


def as_md(rid, lang, title, date, paras, attachment=None):
    head = ["---", "id: %s" % rid, "lang: %s" % lang,
            'title: "%s"' % title.replace('"', '\\"'), "date: %s" % date]
    if attachment:
        head.append("attachments: %s" % attachment)
    head.append("---")
    return "\n".join(head) + "\n\n" + "\n\n".join(paras) + "\n"


def as_txt(title, paras):
    return title + "\r\n\r\n" + "\r\n\r\n".join(paras) + "\r\n"


def as_html(lang, title, paras, charset):
    nav = NAV[lang]
    body = "\n".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"%s\">"
            "<title>%s | Press office</title></head><body>\n"
            "<div id=\"top-menu\"><a href=\"/\">%s</a> | <a href=\"/news\">%s"
            "</a> | <a href=\"/about\">%s</a> | <a href=\"/contacts\">%s</a>"
            "</div>\n<div class=\"content\"><h1>%s</h1>\n%s\n"
            "<div class=\"share\"><a href=\"#\">%s</a></div></div>\n"
            "<div id=\"footer\">© 2024 Press office. %s.</div>\n"
            "</body></html>\n" % (charset, title, nav[0], nav[1], nav[2],
                                  nav[3], title, body, nav[4], nav[5]))


def enc(text, codec):
    """text in codec; characters old code pages lack (guillemets, dashes in
    KOI8-R and IBM866) written the way typists of the time did."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        for a, b in (("«", '"'), ("»", '"'), ("“", '"'), ("”", '"'),
                     ("—", "-"), ("–", "-"), ("№", "N")):
            text = text.replace(a, b)
        return text.encode(codec, errors="replace")


def misread(text, codec):
    """text saved in codec, then read as windows-1251 and saved as UTF-8
    (0x98, undefined in windows-1251, read as U+0098)."""
    raw = enc(text, codec)
    return raw.decode("cp1251", errors="surrogateescape").replace(
        "\udc98", "\x98").encode("utf-8")


def members(n, seed, pptx):
    """Yields (name, bytes) for every member of the archive."""
    rng = random.Random(seed)
    for i in range(n):
        year, month, rel = release(rng, i)
        rid = "release-%05d" % i
        layout = i % 5
        att = None
        if pptx is not None and i % 7 == 0:
            att = rid + ".pptx"
        if layout == 0:
            d = "%d/%02d/" % (year, month)
            for lang in LANGS:
                t, date, paras = rel[lang]
                yield d + "%s.%s.md" % (rid, lang), as_md(
                    rid, lang, t, date, paras, att).encode("utf-8")
        elif layout == 1:
            d = "%d/%02d/" % (year, month)
            for lang, codec in (("en", "ascii"), ("ru", "cp1251"),
                                ("kk", "kz1048")):
                t, date, paras = rel[lang]
                html = as_html(lang, t, paras, codec)
                yield d + "%s_%s.htm" % (rid, lang), enc(html, codec)
        elif layout == 2:
            d = "%d/" % year
            for lang, codec in (("en", "utf-8"), ("ru", "koi8_r"),
                                ("kk", "ptcp154")):
                t, date, paras = rel[lang]
                yield d + "%s/%s.txt" % (lang, rid), enc(as_txt(t, paras), codec)
        elif layout == 3:
            d = "%d/%s/" % (year, rid)
            t, date, paras = rel["ru"]
            yield d + "ru.txt", misread(as_txt(t, paras), "utf-8")
            t, date, paras = rel["kk"]
            yield d + "kk.txt", misread(as_txt(t, paras), "kz1048")
            t, date, paras = rel["en"]
            yield d + "en.txt", as_txt(t, paras).encode("utf-8")
        else:
            d = "%d/%02d/" % (year, month)
            t, date, paras = rel["ru"]
            yield d + rid + ".txt", enc(as_txt(t, paras), "cp866")
            t, date, paras = rel["kk"]
            yield d + rid + ".htm", as_html("kk", t, paras, "utf-8").encode(
                "utf-8")
            t, date, paras = rel["en"]
            yield d + rid + ".md", as_md(rid, "en", t, date, paras,
                                          att).encode("utf-8")
        if att is not None:
            folder = d if layout != 2 else d + "en/"
            yield folder + att, pptx


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="releases")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--pptx", help="a presentation to attach now and then")
    ap.add_argument("out")
    args = ap.parse_args()
    pptx = open(args.pptx, "rb").read() if args.pptx else None
    if args.out.endswith(".zip"):
        with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members(args.n, args.seed, pptx):
                info = zipfile.ZipInfo("archive/" + name, (2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, data)
    else:
        mode = "w:gz" if args.out.endswith(".gz") else "w"
        with tarfile.open(args.out, mode) as t:
            for name, data in members(args.n, args.seed, pptx):
                info = tarfile.TarInfo("archive/" + name)
                info.size = len(data)
                info.mtime = 1704067200
                t.addfile(info, io.BytesIO(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())

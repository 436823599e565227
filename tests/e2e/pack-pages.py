#!/usr/bin/env python3
"""pack-pages.py: checks the structure of the HTML pages of an extracted
release pack with Python's own HTML parser (no browser needed), as
tests/e2e/pack-pages.sh runs it.

usage: pack-pages.py PACKDIR [--expect-doubtful N|+|0]

For each html/*.html: the doctype first; <html lang>, <meta charset>, a
non-empty <title>; every element one of HTML5's and every non-void one
closed in order; no style attribute and no presentational attribute
(colour, bgcolor, font), so that no meaning rests on inline colour;
every <td> and <th> with a lang; ids unique and aria-labelledby pointing
at one; every relative link leading to a file of the pack; every <time
datetime> an ISO date; no Cyrillic letter in text whose language is
English; each doubtful or unlinked sentence carrying a visible mark, and
a legend in each language of the page wherever a mark stands.  Prints
one line per problem and exits 1 when there is any.
"""
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
KNOWN = VOID | {
    "html", "head", "title", "body", "nav", "main", "article", "header",
    "footer", "section", "aside", "h1", "h2", "h3", "p", "a", "span", "sup",
    "ul", "ol", "li", "dl", "dt", "dd", "div", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "caption", "time", "em", "strong", "small",
}
PRESENTATIONAL = {"style", "color", "bgcolor", "font", "face", "align"}
CYRILLIC = re.compile("[\u0400-\u04ff]")
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?"
                 r"(Z|[+-]\d{2}:\d{2})?)?)?)?$")


class Page(HTMLParser):
    def __init__(self, path, packdir):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.packdir = packdir
        self.problems = []
        self.stack = []          # (tag, attrs, lang)
        self.ids = set()
        self.labelledby = []
        self.title = ""
        self.in_title = False
        self.html_lang = None
        self.charset = False
        self.marks = {"doubtful": 0, "unlinked": 0}
        self.open_marks = []     # [kind, found_sup_text]
        self.legend_langs = set()
        self.in_legend = False
        self.saw_doctype = False
        self.first = True

    def problem(self, what):
        self.problems.append("%s: %s" % (self.path, what))

    def lang(self):
        for _, _, lang in reversed(self.stack):
            if lang is not None:
                return lang
        return None

    def handle_decl(self, decl):
        if self.first and decl.lower() == "doctype html":
            self.saw_doctype = True
        self.first = False

    def handle_starttag(self, tag, attrs):
        if self.first:
            self.first = False
        a = dict(attrs)
        if tag not in KNOWN:
            self.problem("unknown element <%s>" % tag)
        for name in a:
            if name in PRESENTATIONAL:
                self.problem("<%s %s=...>: presentation in the markup"
                             % (tag, name))
        if "id" in a:
            if a["id"] in self.ids:
                self.problem("id %r twice" % a["id"])
            self.ids.add(a["id"])
        if "aria-labelledby" in a:
            self.labelledby.append(a["aria-labelledby"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta" and a.get("charset", "").lower() == "utf-8":
            self.charset = True
        if tag in ("td", "th") and not a.get("lang"):
            self.problem("<%s> without lang" % tag)
        for attr in ("href", "src"):
            if attr in a:
                self.check_link(a[attr])
        if tag == "time":
            if not ISO.match(a.get("datetime", "")):
                self.problem("<time datetime=%r>" % a.get("datetime"))
        classes = a.get("class", "").split()
        if tag == "span" and "mark" not in classes and \
                ("doubtful" in classes or "unlinked" in classes):
            kind = "doubtful" if "doubtful" in classes else "unlinked"
            self.marks[kind] += 1
            self.open_marks.append([kind, len(self.stack), ""])
        if tag == "section" and "legend" in classes:
            self.in_legend = True
        if self.in_legend and tag == "dl" and a.get("lang"):
            self.legend_langs.add(a["lang"])
        if tag == "title":
            self.in_title = True
        if tag not in VOID:
            self.stack.append((tag, a, a.get("lang")))
            if tag == "sup" and "mark" in classes and self.open_marks:
                self.open_marks[-1].append("sup")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problem("end tag of void </%s>" % tag)
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problem("</%s> closes %s" % (
                tag, self.stack[-1][0] if self.stack else "nothing"))
            return
        self.stack.pop()
        if tag == "title":
            self.in_title = False
        if tag == "section" and self.in_legend:
            self.in_legend = False
        if self.open_marks and self.open_marks[-1][1] == len(self.stack):
            m = self.open_marks.pop()
            if len(m) < 4 or not m[2].strip():
                self.problem("a %s sentence without a visible mark" % m[0])

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.open_marks and self.stack and self.stack[-1][0] == "sup":
            self.open_marks[-1][2] += data
        lang = self.lang()
        if lang is not None and lang.split("-")[0] == "en" and \
                CYRILLIC.search(data):
            self.problem("Cyrillic in English text: %r" % data.strip()[:60])

    def check_link(self, url):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            self.problem("a link out of the pack: %s" % url)
            return
        if not parts.path:
            return
        target = os.path.normpath(os.path.join(
            os.path.dirname(self.path), unquote(parts.path)))
        if not target.startswith(self.packdir) or not os.path.exists(target):
            self.problem("a link to nothing: %s" % url)

    def finish(self):
        if not self.saw_doctype:
            self.problem("no <!DOCTYPE html> first")
        if not self.html_lang:
            self.problem("<html> without lang")
        if not self.charset:
            self.problem("no <meta charset=\"utf-8\">")
        if not self.title.strip():
            self.problem("no title")
        if self.stack:
            self.problem("unclosed: %s" % ", ".join(t for t, _, _ in
                                                    self.stack))
        for ref in self.labelledby:
            if ref not in self.ids:
                self.problem("aria-labelledby=%r names no id" % ref)


def main():
    packdir = os.path.abspath(sys.argv[1])
    expect = None
    if len(sys.argv) > 3 and sys.argv[2] == "--expect-doubtful":
        expect = sys.argv[3]
    problems = []
    pages = sorted(f for f in os.listdir(os.path.join(packdir, "html"))
                   if f.endswith(".html"))
    if "index.html" not in pages or len(pages) < 2:
        problems.append("%s: no side-by-side page or no language page"
                        % packdir)
    langs = [p.split(".")[-2] for p in pages if p != "index.html"]
    for name in pages:
        path = os.path.join(packdir, "html", name)
        page = Page(path, packdir)
        with open(path, encoding="utf-8") as f:
            page.feed(f.read())
        page.close()
        page.finish()
        problems += page.problems
        marked = page.marks["doubtful"] + page.marks["unlinked"]
        if name == "index.html":
            if marked and set(langs) - page.legend_langs:
                problems.append("%s: marks, but no legend in %s" % (
                    path, ", ".join(sorted(set(langs) -
                                           page.legend_langs))))
            if not marked and page.legend_langs:
                problems.append("%s: a legend without marks" % path)
            n = page.marks["doubtful"]
            if expect == "0" and n != 0:
                problems.append("%s: %d doubtful, none expected" % (path, n))
            elif expect == "+" and n == 0:
                problems.append("%s: no doubtful sentence" % path)
            print("%s: %d doubtful, %d unlinked sentences" % (
                name, n, page.marks["unlinked"]))
        elif marked:
            problems.append("%s: marks on a language's page" % path)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

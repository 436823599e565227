#!/bin/sh
# pack-pages.sh (test): the HTML pages of release packs, read without a
# browser.  Each page's structure is checked by pack-pages.py (HTML5,
# lang on every cell, no colour-only meaning, links that lead somewhere,
# a visible mark on every marked sentence, a legend in each language); the
# pages of the sample say their labels and dates in their own language and
# link the slide texts; a parallel XML whose confidences are set by hand
# gets exactly the doubtful and unlinked marks they call for, and
# --min-confidence moves them (and the pack's TMX) as documented; month-
# and year-only dates are written as such; a Kazakh version in Latin
# letters has labels and month names of its own.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.  Exit 0 when all
# holds, 1 on a failed check.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-pages.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() { printf 'pack-pages test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
# check PACKDIR [--expect-doubtful N]: the structure of its pages, and
# HTML Tidy's HTML5 checks where it is installed (not one warning).
check() {
	python3 "$src/tests/e2e/pack-pages.py" "$@" || return 1
	command -v tidy > /dev/null || return 0
	for page in "$1"/html/*.html; do
		t=$(tidy -errors -quiet --show-warnings yes "$page" 2>&1)
		[ -z "$t" ] || { echo "tidy: $page: $t"; return 1; }
	done
}
# unpack ARCHIVE DIR: extracts a pack into DIR.
unpack() { mkdir -p "$2" && (cd "$2" && bsdtar -xf "$1"); }
# has FILE TEXT: FILE holds TEXT.
has() { grep -qF "$2" "$1" || fail "$(basename "$1"): no '$2'"; }

id=inclusive-forum-2026
r=$src/samples/$id/$id

# The sample as habar-pack makes it.
"$bin/habar-pack" -o "$tmp/a.zip" "$r.en.md" "$r.ru.md" "$r.kk.md" ||
    fail "habar-pack of the sample"
unpack "$tmp/a.zip" "$tmp/a"
h=$tmp/a/$id/html
check "$tmp/a/$id" > "$tmp/a.out" || fail "sample pages: $(cat "$tmp/a.out")"
has "$h/$id.en.html" '<h2>Press contact</h2>'
has "$h/$id.ru.html" '<h2>Контакты для СМИ</h2>'
has "$h/$id.kk.html" '<h2>БАҚ үшін байланыс</h2>'
has "$h/$id.en.html" '<h2>Attachments</h2>'
has "$h/$id.ru.html" '<h2>Вложения</h2>'
has "$h/$id.kk.html" '<h2>Тіркемелер</h2>'
has "$h/$id.en.html" '<time datetime="2026-11-25">25 November 2026</time>'
has "$h/$id.ru.html" '<time datetime="2026-11-25">25 ноября 2026 года</time>'
has "$h/$id.kk.html" '<time datetime="2026-11-25">2026 жылғы 25 қараша</time>'
has "$h/$id.en.html" '<p class="organisation">Alliance for Inclusive Schools</p>'
for lang in en ru kk; do
	has "$h/$id.$lang.html" "href=\"../slides/$id.pptx.$lang.md\" hreflang=\"$lang\""
done
has "$h/index.html" '<span lang="kk">Тіркемелер</span> / <span lang="ru">Вложения</span> / <span lang="en">Attachments</span>'

# Confidences set by hand: every sentence link sure (0.9) but the one of
# the second English sentence (0.3); the link of the third dropped, so
# its sentences have no counterpart.
"$bin/habar-align" "$r.en.md" "$r.ru.md" "$r.kk.md" > "$tmp/aligned.xml" ||
    fail "habar-align"
mkdir "$tmp/x"
cp "$r.pptx" "$r.ppt" "$tmp/x/"
python3 - "$tmp/aligned.xml" "$tmp/x/$id.xml" > "$tmp/dropped" <<'PY' ||
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
links = re.findall(r'<link [^>]*>.*?</link>', text, re.S)
sentence = [l for l in links if re.search(r'refs="[^"]*\.s[0-9]', l)]
en = [l for l in sentence if re.search(r'lang="en" refs="[^"]+"', l)]
doubtful, dropped = en[1], en[2]
for l in sentence:
    c = "0.300" if l is doubtful else "0.900"
    text = text.replace(l, re.sub(r'confidence="[^"]*"',
                                  'confidence="%s"' % c, l), 1)
text = text.replace(re.sub(r'confidence="[^"]*"', 'confidence="0.900"',
                           dropped), "", 1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
# The sentences left without a link, every language.
print(sum(len(refs.split()) for refs in
          re.findall(r'refs="([^"]*)"', dropped)))
PY
    fail "rewriting the confidences"
dropped=$(cat "$tmp/dropped")
for min in default 0.2 0 0.95; do
	opt=
	[ "$min" = default ] || opt="--min-confidence $min"
	# shellcheck disable=SC2086
	"$bin/habar-pack" $opt -o "$tmp/$min.zip" "$tmp/x/$id.xml" ||
	    { fail "habar-pack $opt"; continue; }
	unpack "$tmp/$min.zip" "$tmp/$min"
	case $min in
	default) expect=+ ;;
	0.95) expect=+ ;;
	*) expect=0 ;;
	esac
	check "$tmp/$min/$id" --expect-doubtful $expect > "$tmp/$min.out" ||
	    fail "--min-confidence $min: $(cat "$tmp/$min.out")"
	grep -q "index.html: .* doubtful, $dropped unlinked sentences" \
	    "$tmp/$min.out" ||
	    fail "--min-confidence $min: not $dropped unlinked: $(cat "$tmp/$min.out")"
done
# The one doubtful link marks its sentence in each of the three languages.
grep -q "index.html: 3 doubtful" "$tmp/default.out" ||
    fail "default threshold: $(cat "$tmp/default.out")"
has "$tmp/default/$id/html/index.html" 'confidence under 50%'
has "$tmp/0.95/$id/html/index.html" 'confidence under 95%'
# The pack's memory obeys the same threshold: the 0.3 link is a unit
# only under --min-confidence 0 (and 0.2).
units() { grep -c '<tu[ >]' "$1/$id/$id.tmx"; }
[ "$(units "$tmp/0")" -eq $(($(units "$tmp/default") + 1)) ] ||
    fail "TMX: $(units "$tmp/0") units at 0, $(units "$tmp/default") at 0.5"
[ "$(units "$tmp/0.95")" -eq 0 ] || fail "TMX: units under 0.95"
"$bin/habar-pack" --min-confidence 1.5 -o "$tmp/bad.zip" "$tmp/x/$id.xml" \
    2>/dev/null
[ $? -eq 2 ] || fail "--min-confidence 1.5 accepted"
[ -e "$tmp/bad.zip" ] && fail "an archive left by a refused run"

# A month-only and a year-only date.
for date in 2026-11 2026; do
	mkdir "$tmp/d$date"
	for lang in en ru kk; do
		sed -e "s/^date: .*/date: $date/" -e '/^attachments:/d' \
		    "$r.$lang.md" > "$tmp/d$date/$id.$lang.md"
	done
	"$bin/habar-pack" -o "$tmp/d$date.zip" "$tmp/d$date/$id.en.md" \
	    "$tmp/d$date/$id.ru.md" "$tmp/d$date/$id.kk.md" ||
	    { fail "habar-pack, date $date"; continue; }
	unpack "$tmp/d$date.zip" "$tmp/d$date/x"
	check "$tmp/d$date/x/$id" > /dev/null || fail "pages, date $date"
done
h=$tmp/d2026-11/x/$id/html
has "$h/$id.en.html" '<time datetime="2026-11">November 2026</time>'
has "$h/$id.ru.html" '<time datetime="2026-11">ноябрь 2026 года</time>'
has "$h/$id.kk.html" '<time datetime="2026-11">2026 жылғы қараша</time>'
h=$tmp/d2026/x/$id/html
has "$h/$id.ru.html" '<time datetime="2026">2026 год</time>'
has "$h/$id.kk.html" '<time datetime="2026">2026 жыл</time>'

# Kazakh in Latin letters: its own labels and month names.
mkdir "$tmp/latn"
sed '/^attachments:/d' "$r.kk.md" | "$bin/habar-translit" --to kk-Latn \
    > "$tmp/latn/$id.kk-Latn.md" || fail "habar-translit"
sed '/^attachments:/d' "$r.en.md" > "$tmp/latn/$id.en.md"
"$bin/habar-pack" -o "$tmp/latn.zip" "$tmp/latn/$id.en.md" \
    "$tmp/latn/$id.kk-Latn.md" || fail "habar-pack, kk-Latn"
unpack "$tmp/latn.zip" "$tmp/latn/x"
check "$tmp/latn/x/$id" > /dev/null || fail "pages, kk-Latn"
h=$tmp/latn/x/$id/html
has "$h/$id.kk-Latn.html" '<time datetime="2026-11-25">2026 jylğy 25 qaraşa</time>'
has "$h/$id.kk-Latn.html" '<h2>BAQ üşın bailanys</h2>'
has "$h/$id.en.html" '<a href="inclusive-forum-2026.kk-Latn.html" hreflang="kk-Latn" lang="kk-Latn">Qazaqşa</a>'

# A parallel XML of three short versions, one without a title, dates of
# every precision, a doubtful 1-1-1 link and a Russian sentence alone
# (1-0-0).
mkdir "$tmp/small"
cat > "$tmp/small/x.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<parallel xmlns="urn:habar:parallel:1" version="1" id="x" date="2026-02">
  <text lang="ru">
    <meta>
      <field key="title">Т</field>
      <field key="date">2026-02</field>
      <field key="place">Алматы</field>
      <field key="contact">Пресс-служба</field>
      <field key="organisation">Фонд</field>
    </meta>
    <p id="ru.p1">
      <s id="ru.p1.s1">Один.</s>
      <s id="ru.p1.s2">Два.</s>
    </p>
  </text>
  <text lang="kk-Latn">
    <meta>
      <field key="date">2026-02-06T10:30+05:00</field>
    </meta>
    <p id="kk-Latn.p1">
      <s id="kk-Latn.p1.s1">Bır.</s>
    </p>
  </text>
  <text lang="en">
    <meta>
      <field key="date">2026</field>
    </meta>
    <p id="en.p1">
      <s id="en.p1.s1">One.</s>
    </p>
  </text>
  <attachments/>
  <alignment>
    <paragraphs>
      <link type="1-1-1" confidence="1.000"><side lang="ru" refs="ru.p1"/><side lang="kk-Latn" refs="kk-Latn.p1"/><side lang="en" refs="en.p1"/></link>
    </paragraphs>
    <sentences>
      <link type="1-1-1" confidence="0.200"><side lang="ru" refs="ru.p1.s1"/><side lang="kk-Latn" refs="kk-Latn.p1.s1"/><side lang="en" refs="en.p1.s1"/></link>
      <link type="1-0-0" confidence="0.900"><side lang="ru" refs="ru.p1.s2"/><side lang="kk-Latn" refs=""/><side lang="en" refs=""/></link>
    </sentences>
  </alignment>
</parallel>
XML
"$bin/habar-pack" -o "$tmp/small.zip" "$tmp/small/x.xml" || fail "habar-pack, small"
unpack "$tmp/small.zip" "$tmp/small/x"
check "$tmp/small/x/x" --expect-doubtful + > "$tmp/small.out" ||
    fail "small: $(cat "$tmp/small.out")"
grep -q "index.html: 3 doubtful, 1 unlinked sentences" "$tmp/small.out" ||
    fail "small: $(cat "$tmp/small.out")"
h=$tmp/small/x/x/html
has "$h/x.en.html" '<title>x</title>'
has "$h/x.ru.html" '<p class="dateline">Алматы, <time datetime="2026-02">февраль 2026 года</time></p>'
has "$h/x.kk-Latn.html" '>2026 jylğy 6 aqpan, 10:30</time>'
has "$h/index.html" '<span class="unlinked">Два.<sup class="mark" title="нет соответствия">∅</sup></span>'

cat "$tmp"/*.out; [ $failures -eq 0 ] || exit 1
echo "pack-pages test: all pages hold"

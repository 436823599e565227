#!/bin/sh
# import.sh (test): habar-import on Word and OpenDocument files written at
# test time: in Word's manner and LibreOffice's by tests/import/make-word.py
# (runs split mid-word, proofing marks, bookmarks, fields, tracked
# changes, comments, hidden text, footnotes, lists, tables, pictures), by
# pandoc, and by LibreOffice where it is installed; every paragraph's text
# must come out right and in order.  Then the damaged and hostile ones.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.
# Exit 0 when all holds, 1 on a failed check.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
make_word=$src/tests/import/make-word.py

fail() { printf 'import test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
imp() { "$bin/habar-import" "$@"; }
# The body of a release: its non-blank lines after the front matter.
body() { awk 'fm >= 2 && NF { print } /^---$/ { fm++ }' "$1"; }
field() { sed -n "s/^$1: //p" "$2" | sed 's/^"\(.*\)"$/\1/; s/\\"/"/g'; }

command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 77; }

# Word's manner and LibreOffice's, on every sample release, with and
# without the extras (heading, list, table, footnote, comment, picture).
seed=1
for id in inclusive-forum-2026 road-safety-2026; do
	for lang in kk ru en; do
		for kind in docx odt; do
			for extras in "" --extras; do
				seed=$((seed + 1))
				opt=
				[ $kind = odt ] && opt=--odt
				f=$tmp/$id.$lang$extras.$kind
				echo "$opt $extras --seed $seed" \
				    "$src/samples/$id/$id.$lang.md $f $f.expected"
			done
		done
	done
done > "$tmp/jobs"
python3 "$make_word" --jobs "$tmp/jobs" || fail "make-word.py"
for id in inclusive-forum-2026 road-safety-2026; do
	for lang in kk ru en; do
		r=$src/samples/$id/$id.$lang.md
		for kind in docx odt; do
			for extras in "" --extras; do
				f=$tmp/$id.$lang$extras.$kind
				imp -o "$f.md" "$f" || { fail "habar-import $f"; continue; }
				body "$f.md" > "$f.got"
				cmp -s "$f.expected" "$f.got" || {
					fail "$id.$lang$extras.$kind: paragraphs differ"
					diff "$f.expected" "$f.got" | head -5 >&2
				}
				[ "$(field lang "$f.md")" = "$lang" ] ||
				    fail "$id.$lang$extras.$kind: lang $(field lang "$f.md")"
				[ "$(field title "$f.md")" = "$(field title "$r")" ] ||
				    fail "$id.$lang$extras.$kind: title '$(field title "$f.md")'"
				[ "$(field id "$f.md")" = "$id" ] ||
				    fail "$id.$lang$extras.$kind: id"
				[ "$(field author "$f.md")" = "Пресс-служба" ] ||
				    fail "$id.$lang$extras.$kind: author"
				if grep -q -e 'УДАЛЁННЫЙ' -e 'СКРЫТЫЙ' -e 'COMMENT' \
				    -e HYPERLINK -e DOCPROPERTY "$f.md"; then
					fail "$id.$lang$extras.$kind: deleted, hidden, comment or field code text"
				fi
				if [ -n "$extras" ]; then
					field images "$f.md" | grep -q 'png$' ||
					    fail "$id.$lang$extras.$kind: picture not listed"
				fi
			done
		done
	done
done
# The dateline gives the date and place where the date finder reads it.
f=$tmp/inclusive-forum-2026.ru.docx.md
[ "$(field date "$f")" = 2026-11-24 ] || fail "ru: date $(field date "$f")"
[ "$(field place "$f")" = Астана ] || fail "ru: place $(field place "$f")"
# OpenDocument user-defined properties become fields.
grep -q '^contact: ' "$tmp/road-safety-2026.en.odt.md" || fail "odt: no contact field"
# The output goes through the release reader of the other programs.
"$bin/habar-norm" "$tmp/road-safety-2026.kk.docx.md" >/dev/null ||
    fail "habar-norm refuses habar-import's output"

# pandoc's Word and OpenDocument writers.
if command -v pandoc >/dev/null 2>&1; then
	for lang in kk ru en; do
		r=$src/samples/road-safety-2026/road-safety-2026.$lang.md
		body "$r" > "$tmp/p.$lang.expected"
		awk 'fm >= 2 { print } /^---$/ { fm++ }' "$r" > "$tmp/p.$lang.md"
		for kind in docx odt; do
			f=$tmp/pandoc.$lang.$kind
			pandoc -f markdown-smart -t $kind --metadata \
			    title="$(field title "$r")" --metadata lang=$lang \
			    -o "$f" "$tmp/p.$lang.md" || fail "pandoc -t $kind"
			imp -o "$f.md" "$f" || { fail "habar-import $f"; continue; }
			body "$f.md" | cmp -s "$tmp/p.$lang.expected" - ||
			    fail "pandoc $lang.$kind: paragraphs differ"
			[ "$(field lang "$f.md")" = "$lang" ] ||
			    fail "pandoc $lang.$kind: lang $(field lang "$f.md")"
			[ "$(field title "$f.md")" = "$(field title "$r")" ] ||
			    fail "pandoc $lang.$kind: title"
		done
	done
else
	echo "pandoc not installed: its documents not tried"
fi

# LibreOffice's own writers, on what it reads of the Word-manner file;
# its legacy Word writer (.doc) on one with every extra (tracked changes,
# hidden text, fields, a table, a footnote).
if command -v soffice >/dev/null 2>&1; then
	for kind in docx odt; do
		f=$tmp/inclusive-forum-2026.ru.docx
		mkdir -p "$tmp/lo-$kind"
		HOME=$tmp soffice --headless --convert-to "$kind" --outdir \
		    "$tmp/lo-$kind" "$f" >/dev/null 2>&1 || fail "soffice -> $kind"
		imp -o "$tmp/lo.$kind.md" "$tmp/lo-$kind/inclusive-forum-2026.ru.$kind" ||
		    { fail "habar-import of LibreOffice's $kind"; continue; }
		body "$tmp/lo.$kind.md" | cmp -s "$f.expected" - ||
		    fail "LibreOffice $kind: paragraphs differ"
	done
	f=$tmp/inclusive-forum-2026.kk--extras.docx
	mkdir -p "$tmp/lo-doc-extras"
	HOME=$tmp soffice --headless --convert-to doc --outdir \
	    "$tmp/lo-doc-extras" "$f" >/dev/null 2>&1 || fail "soffice -> doc"
	g=$tmp/lo-doc-extras/inclusive-forum-2026.kk--extras.doc
	if imp -o "$tmp/lo.extras.md" "$g"; then
		body "$tmp/lo.extras.md" | cmp -s "$f.expected" - ||
		    fail "LibreOffice doc with extras: paragraphs differ"
		[ "$(field lang "$tmp/lo.extras.md")" = kk ] ||
		    fail "LibreOffice doc: lang $(field lang "$tmp/lo.extras.md")"
	else
		fail "habar-import of LibreOffice's doc with extras"
	fi
	# Text hidden by its style (a character style, a paragraph style:
	# tests/import/hidden-style.ru.fodt) is left out of Word and
	# OpenDocument files as of the .doc LibreOffice made of it.
	for kind in docx odt; do
		mkdir -p "$tmp/lo-hidden"
		HOME=$tmp soffice --headless --convert-to "$kind" --outdir \
		    "$tmp/lo-hidden" "$src/tests/import/hidden-style.ru.fodt" \
		    >/dev/null 2>&1 || fail "soffice hidden-style -> $kind"
		imp -o "$tmp/hidden.$kind.md" \
		    "$tmp/lo-hidden/hidden-style.ru.$kind" ||
		    { fail "habar-import of hidden-style.ru.$kind"; continue; }
		grep -q 'черновик\|Заметка редактора' "$tmp/hidden.$kind.md" &&
		    fail "$kind: text hidden by its style was kept"
		grep -q 'две недели' "$tmp/hidden.$kind.md" ||
		    fail "$kind: text of a visible character style lost"
	done
else
	echo "LibreOffice not installed: its documents not tried"
fi

# A legacy Word file made by hand (tests/import/make-doc.py): an 8-bit
# piece in code page 1252 beside UTF-16 ones, deleted and hidden runs, a
# field, table cells, a footnote.  The title is its first paragraph.
python3 "$src/tests/import/make-doc.py" "$tmp/hand.doc" "$tmp/hand.expected" ||
    fail "make-doc.py"
if imp -o "$tmp/hand.md" "$tmp/hand.doc"; then
	{ field title "$tmp/hand.md"; body "$tmp/hand.md"; } |
	    cmp -s "$tmp/hand.expected" - || {
		fail "hand-made doc: paragraphs differ"
		{ field title "$tmp/hand.md"; body "$tmp/hand.md"; } |
		    diff "$tmp/hand.expected" - | head -5 >&2
	}
else
	fail "habar-import of the hand-made doc"
fi
for case in fast-saved:fast-saved encrypted:encrypted word95:'Word 95' \
    bad-pieces:'piece table'; do
	opt=${case%%:*} want=${case#*:}
	python3 "$src/tests/import/make-doc.py" --$opt "$tmp/$opt.doc" \
	    "$tmp/$opt.expected" || fail "make-doc.py --$opt"
	imp -o "$tmp/out.md" "$tmp/$opt.doc" 2> "$tmp/err"
	st=$?
	[ $st -eq 2 ] || fail "$opt.doc: exit $st, not 2"
	grep -q "^habar-import: .*$opt.doc: .*$want" "$tmp/err" ||
	    fail "$opt.doc: message lacks '$want': $(cat "$tmp/err")"
	[ ! -e "$tmp/out.md" ] || fail "$opt.doc: output file left"
done

# Damaged and hostile documents: exit 2, a message, no output file.
printf 'plain text\n' > "$tmp/text.docx"
python3 - "$tmp" <<'PY' || fail "making the hostile documents"
import sys, zipfile
d = sys.argv[1]
ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"/>')
w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(name, document):
    with zipfile.ZipFile(d + "/" + name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("word/document.xml", document)
# 80 MB of spaces in a few kilobytes: past the limit of one part.
docx("bomb.docx", "<w:document %s><w:body>%s</w:body></w:document>"
     % (w, " " * (65 << 20)))
docx("entity.docx", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
     '<w:document %s><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body>'
     '</w:document>' % w)
docx("malformed.docx", "<w:document %s><w:body><w:p>" % w)
docx("empty.docx", "<w:document %s><w:body/></w:document>" % w)
with zipfile.ZipFile(d + "/sheet.ods", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", "<x/>")
PY
# Word saves Rich Text and web pages under a .doc name too.
printf '{\\rtf1\\ansi Press release\\par}\n' > "$tmp/rich.doc"
printf '<html><body><p>Press release.</p></body></html>\n' > "$tmp/page.doc"
for case in text.docx:zip bomb.docx:limit entity.docx:entit \
    malformed.docx:malformed empty.docx:'no text' sheet.ods:spreadsheet \
    rich.doc:'an RTF document' page.doc:'a web page'; do
	f=${case%%:*} want=${case#*:}
	imp -o "$tmp/out.md" "$tmp/$f" 2> "$tmp/err"
	st=$?
	[ $st -eq 2 ] || fail "$f: exit $st, not 2"
	grep -q "^habar-import: .*$f.*$want" "$tmp/err" ||
	    fail "$f: message lacks '$want': $(cat "$tmp/err")"
	[ ! -e "$tmp/out.md" ] || fail "$f: output file left"
done
# Standard input works as a file does.
imp < "$tmp/road-safety-2026.en.docx" | body /dev/stdin |
    cmp -s "$tmp/road-safety-2026.en.docx.expected" - || fail "standard input"

# habar-batch reads .docx and .odt members named with a language; a
# .docx named without one stays the release's attachment.
mkdir -p "$tmp/archive/forum" "$tmp/batch"
s=$src/samples/inclusive-forum-2026/inclusive-forum-2026
cp "$tmp/inclusive-forum-2026.kk--extras.docx" "$tmp/archive/forum/forum_kaz.docx"
cp "$tmp/inclusive-forum-2026.ru.odt" "$tmp/archive/forum/forum_rus.odt"
cp "$tmp/inclusive-forum-2026.en.docx" "$tmp/archive/forum/programme.docx"
cp "$s.en.md" "$tmp/archive/forum/forum_eng.md"
mkdir -p "$tmp/archive/water"
cp "$src/tests/import/water-week-2026.ru.doc" "$tmp/archive/water/water_rus.doc"
(cd "$tmp/archive" && bsdtar -a -cf ../archive.zip forum water) || fail "zip"
"$bin/habar-batch" -o "$tmp/batch" "$tmp/archive.zip" 2> "$tmp/batch.err" ||
    fail "habar-batch on Word members: $(cat "$tmp/batch.err")"
for lang in kk ru; do
	f=$(ls "$tmp"/batch/releases/*/*."$lang".md 2>/dev/null | head -1)
	[ -n "$f" ] || { fail "habar-batch: no $lang text from the document"; continue; }
	[ "$(body "$f" | wc -l)" -eq "$(wc -l < "$tmp/inclusive-forum-2026.$lang$([ $lang = kk ] && echo --extras).$([ $lang = kk ] && echo docx || echo odt).expected")" ] ||
	    fail "habar-batch: $lang paragraphs differ in number"
done
cut -f3 "$tmp/batch/report.tsv" | grep -q docx || fail "report.tsv: docx not named"
cut -f3 "$tmp/batch/report.tsv" | grep -qw doc || fail "report.tsv: doc not named"
f=$(grep -l 'Неделя чистой воды' "$tmp"/batch/releases/*/*.ru.md 2>/dev/null | head -1)
[ -n "$f" ] && [ "$(body "$f" | wc -l)" -eq 12 ] ||
    fail "habar-batch: the .doc member's text is not its 12 paragraphs"
bsdtar -tf "$(ls "$tmp"/batch/packs/*.zip | head -1)" | grep -q 'attachments/programme.docx$' ||
    fail "habar-batch: the .docx without a language is not an attachment"

[ $failures -eq 0 ] || exit 1
echo "import test: all checks passed"

#!/bin/sh
# docx.sh (test): the Word version of each language in a release pack.
# pandoc converts it back (where installed) and LibreOffice too (where
# installed), and habar-import reads it back: the text must be the
# release's, paragraph for paragraph; every run is marked with the
# language; the title, date and contact are in the document's properties.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.
# Exit 0 when all holds, 1 on a failed check.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-docx.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() { printf 'docx test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
body() { awk 'fm >= 2 && NF { print } /^---$/ { fm++ }' "$1"; }
field() { sed -n "s/^$1: //p" "$2" | sed 's/^"\(.*\)"$/\1/; s/\\"/"/g'; }

for id in inclusive-forum-2026 road-safety-2026; do
	r=$src/samples/$id/$id
	"$bin/habar-pack" -o "$tmp/$id.zip" "$r.kk.md" "$r.ru.md" "$r.en.md" ||
	    { fail "$id: habar-pack"; continue; }
	mkdir "$tmp/$id"
	(cd "$tmp/$id" && bsdtar -xf "$tmp/$id.zip") || fail "$id: extract"
	d=$tmp/$id/$id
	"$bin/habar-verify" --list "$tmp/$id.zip" > "$tmp/$id.list"
	for lang in kk ru en; do
		x=$d/$id.$lang.docx
		[ -f "$x" ] || { fail "$id: no $lang.docx in the pack"; continue; }
		grep -q "wordprocessingml.document $lang  $id.$lang.docx\$" \
		    "$tmp/$id.list" || fail "$id.$lang.docx: not in the manifest"
		body "$d/$id.$lang.md" > "$tmp/want"
		mkdir "$tmp/$id.$lang"
		(cd "$tmp/$id.$lang" && bsdtar -xf "$x") || fail "$x: not a zip"
		for part in '[Content_Types].xml' _rels/.rels word/document.xml \
		    word/styles.xml docProps/core.xml docProps/custom.xml; do
			xmllint --noout --nonet "$tmp/$id.$lang/$part" 2>/dev/null ||
			    fail "$id.$lang.docx: $part is not well-formed"
		done
		doc=$tmp/$id.$lang/word/document.xml
		case $lang in kk) tag=kk-KZ ;; ru) tag=ru-RU ;; en) tag=en-US ;; esac
		runs=$(grep -o '<w:r>' "$doc" | wc -l)
		marked=$(grep -o "<w:r><w:rPr><w:lang w:val=\"$tag\"/></w:rPr>" "$doc" | wc -l)
		[ "$runs" -gt 0 ] && [ "$runs" -eq "$marked" ] ||
		    fail "$id.$lang.docx: $marked of $runs runs marked $tag"
		core=$tmp/$id.$lang/docProps/core.xml
		title=$(field title "$d/$id.$lang.md")
		python3 - "$core" "$title" "$(field date "$d/$id.$lang.md")" <<'PY' ||
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1]).getroot()
ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
ok = (t.findtext("dc:title", namespaces=ns) == sys.argv[2] and
      t.findtext("dcterms:created", namespaces=ns) == sys.argv[3] + "T00:00:00Z")
sys.exit(0 if ok else 1)
PY
		    fail "$id.$lang.docx: title or date not in core.xml"
		grep -q '<property [^>]*name="contact"><vt:lpwstr>' \
		    "$tmp/$id.$lang/docProps/custom.xml" ||
		    fail "$id.$lang.docx: no contact in custom.xml"
		# habar-import reads it back: the same text and fields.
		"$bin/habar-import" -o "$tmp/back.md" "$x" ||
		    fail "$id.$lang.docx: habar-import"
		body "$tmp/back.md" | cmp -s "$tmp/want" - ||
		    fail "$id.$lang.docx: habar-import's text differs"
		[ "$(field title "$tmp/back.md")" = "$title" ] &&
		[ "$(field lang "$tmp/back.md")" = "$lang" ] &&
		[ "$(field contact "$tmp/back.md")" = \
		    "$(field contact "$d/$id.$lang.md")" ] ||
		    fail "$id.$lang.docx: habar-import's fields differ"
		# pandoc's reading of it.
		if command -v pandoc >/dev/null 2>&1; then
			pandoc -f docx -t plain --wrap=none "$x" |
			    awk 'NF' > "$tmp/pandoc" || fail "$x: pandoc refuses it"
			cmp -s "$tmp/want" "$tmp/pandoc" || {
				fail "$id.$lang.docx: pandoc's text differs"
				diff "$tmp/want" "$tmp/pandoc" | head -4 >&2
			}
			pandoc -f docx -t markdown -s "$x" | grep -q '^title:' ||
			    fail "$id.$lang.docx: pandoc finds no title"
		fi
		# LibreOffice's reading of it, where installed.
		if command -v soffice >/dev/null 2>&1; then
			HOME=$tmp soffice --headless --convert-to txt:Text \
			    --outdir "$tmp/lo" "$x" >/dev/null 2>&1 ||
			    fail "$x: LibreOffice refuses it"
			awk 'NF' "$tmp/lo/$id.$lang.txt" | sed 1d | sed 's/^\xef\xbb\xbf//' |
			    cmp -s "$tmp/want" - ||
			    fail "$id.$lang.docx: LibreOffice's text differs"
		fi
	done
done
command -v pandoc >/dev/null 2>&1 || echo "pandoc not installed: not tried"
command -v soffice >/dev/null 2>&1 || echo "LibreOffice not installed: not tried"

[ $failures -eq 0 ] || exit 1
echo "docx test: all checks passed"

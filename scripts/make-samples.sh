#!/bin/sh
# make-samples.sh: regenerate what samples/ derives from the releases.
#
#   scripts/make-samples.sh [attachments] [legacy]     (default: both)
#
# The releases samples/<id>/<id>.<lang>.md are written by hand; everything
# else in samples/ is made here and committed, so that building and testing
# habar never needs the tools below:
#
#   attachments   samples/<id>/<id>.pptx and <id>.ppt: a few slides (title,
#                 key figures in each language, contacts) written as a flat
#                 ODF presentation (.fodp, plain XML) from the releases' front
#                 matter and samples/slides/<id>.<lang>.txt (first line the
#                 slide heading, then one figure a line), then converted by
#                 LibreOffice.  Needs soffice: on Debian 12,
#                     apt-get install --no-install-recommends libreoffice-impress
#                 (deliberately in no package list of ./bootstrap: only this
#                 script needs it).
#   legacy        samples/legacy/: the releases in the legacy encodings that
#                 habar-decode reads, the two classic corruptions, and
#                 samples/legacy/MANIFEST.tsv saying which file is which.
#                 Needs iconv (libc-bin) and uconv (icu-devtools).
#
# KOI8-R and IBM866 have no « » “ ” — – and KOI8-R no №; a Russian text
# typed in those encodings used straight quotes and hyphens instead.  The
# copies in them are therefore made from samples/legacy/<id>.ru.plain.txt,
# the release with that punctuation, which is their original in the manifest.
#
# The corruptions are made the way they happen: bytes in one encoding are
# read as windows-1251 by a program that then saves UTF-8.  uconv does the
# reading because, like Windows, ICU's windows-1251 turns the unassigned
# byte 0x98 into U+0098 instead of failing (glibc iconv fails on it, and
# UTF-8 "И" is D0 98).
set -eu
cd "$(dirname "$0")/.."

say() { printf 'make-samples: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

# field FILE KEY: the front-matter value of KEY, without YAML quotes.
field() {
	awk 'NR == 1 && $0 != "---" { exit } NR > 1 && $0 == "---" { exit }
	    NR > 1 { print }' "$1" | sed -n "s/^$2: *//p" | sed 's/^"\(.*\)"$/\1/; s/\\"/"/g' | head -n 1
}

# xml: escape stdin for XML character data.
xml() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }

# frame X Y W H SIZE BOLD: opens a text frame; paragraphs follow on stdin.
frame() {
	printf '    <draw:frame draw:style-name="gr" svg:x="%s" svg:y="%s" svg:width="%s" svg:height="%s"><draw:text-box>\n' \
	    "$1" "$2" "$3" "$4"
	xml | while IFS= read -r line; do
		printf '     <text:p text:style-name="%s"><text:span text:style-name="%s">%s</text:span></text:p>\n' \
		    "$6" "$5" "$line"
	done
	printf '    </draw:text-box></draw:frame>\n'
}

# fodp ID: writes the flat ODF presentation of release ID to stdout.
fodp() {
	id=$1
	cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
  office:version="1.3"
  office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:meta>
EOF
	printf '  <dc:title>%s</dc:title>\n' "$(field "samples/$id/$id.en.md" title | xml)"
	cat <<'EOF'
 </office:meta>
 <office:automatic-styles>
  <style:page-layout style:name="pm"><style:page-layout-properties fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout>
  <style:style style:name="gr" style:family="graphic"><style:graphic-properties draw:stroke="none" draw:fill="none" draw:auto-grow-height="false" draw:textarea-vertical-align="top"/></style:style>
  <style:style style:name="h" style:family="text"><style:text-properties fo:font-size="26pt" fo:font-weight="bold" fo:color="#1c4e80"/></style:style>
  <style:style style:name="m" style:family="text"><style:text-properties fo:font-size="20pt" fo:color="#333333"/></style:style>
  <style:style style:name="s" style:family="text"><style:text-properties fo:font-size="15pt" fo:color="#333333"/></style:style>
  <style:style style:name="p" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.25cm"/></style:style>
  <style:style style:name="c" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/></style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="plain" style:page-layout-name="pm"/>
 </office:master-styles>
 <office:body>
  <office:presentation>
EOF
	# Slide 1: the title in the three languages, place and date.
	printf '   <draw:page draw:name="%s" draw:master-page-name="plain">\n' "$id"
	for lang in kk ru en; do
		field "samples/$id/$id.$lang.md" title
	done | frame 1.5cm 1.5cm 25cm 9cm h c
	for lang in kk ru en; do
		printf '%s' "$(field "samples/$id/$id.$lang.md" place)"
		[ "$lang" = en ] || printf ' · '
	done | { cat; echo; } | frame 1.5cm 11cm 25cm 1.5cm m c
	field "samples/$id/$id.en.md" date | frame 1.5cm 12.8cm 25cm 1.5cm m c
	printf '   </draw:page>\n'
	# Slides 2-4: the key figures, one slide per language.
	for lang in kk ru en; do
		src=samples/slides/$id.$lang.txt
		[ -s "$src" ] || die "$src: missing"
		printf '   <draw:page draw:name="%s" draw:master-page-name="plain">\n' "$lang"
		head -n 1 "$src" | frame 1.5cm 1cm 25cm 2cm h p
		tail -n +2 "$src" | sed 's/^/• /' | frame 1.5cm 3.5cm 25cm 11cm m p
		printf '   </draw:page>\n'
	done
	# Slide 5: who to contact, in the three languages.
	printf '   <draw:page draw:name="contact" draw:master-page-name="plain">\n'
	printf 'Байланыс · Контакты · Contacts\n' | frame 1.5cm 1cm 25cm 2cm h p
	for lang in kk ru en; do
		f=samples/$id/$id.$lang.md
		field "$f" organisation
		field "$f" contact
	done | frame 1.5cm 3.5cm 25cm 11cm s p
	printf '   </draw:page>\n'
	cat <<'EOF'
  </office:presentation>
 </office:body>
</office:document>
EOF
}

attachments() {
	command -v soffice >/dev/null ||
	    die "soffice not found: apt-get install libreoffice-impress"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	for dir in samples/*/; do
		id=$(basename "$dir")
		[ -f "samples/$id/$id.en.md" ] || continue
		fodp "$id" >"$tmp/$id.fodp"
		for fmt in pptx ppt; do
			# A private profile: a running LibreOffice or a
			# concurrent run must not share it.
			soffice -env:UserInstallation="file://$tmp/profile" \
			    --headless --convert-to "$fmt" --outdir "$tmp" \
			    "$tmp/$id.fodp" >/dev/null 2>&1 ||
			    die "$id: soffice failed to make .$fmt"
			[ -s "$tmp/$id.$fmt" ] || die "$id: no .$fmt made"
		done
		unzip -l "$tmp/$id.pptx" ppt/presentation.xml >/dev/null 2>&1 ||
		    die "$id.pptx: not a PowerPoint 2007 zip"
		[ "$(od -An -tx1 -N4 "$tmp/$id.ppt" | tr -d ' ')" = d0cf11e0 ] ||
		    die "$id.ppt: not an OLE2 compound file"
		mv "$tmp/$id.pptx" "$tmp/$id.ppt" "samples/$id/"
		say "samples/$id/$id.pptx, samples/$id/$id.ppt"
	done
}

# copy SRC ENCODING NAME: samples/legacy/NAME from SRC re-encoded by iconv,
# and its manifest line.
copy() {
	iconv -f UTF-8 -t "$2" "$1" >"samples/legacy/$3"
	printf '%s\t%s\t%s\n' "$3" "$2" "${1#samples/}" >>"$manifest"
}

# misread SRC ENCODING NAME: SRC's bytes in ENCODING (UTF-8 when ENCODING
# is UTF-8), read as windows-1251 and saved as UTF-8.
misread() {
	if [ "$2" = UTF-8 ]; then
		cat "$1"
	else
		iconv -f UTF-8 -t "$2" "$1"
	fi | uconv -f windows-1251 -t UTF-8 >"samples/legacy/$3"
	printf '%s\t%s\t%s\n' "$3" "$2 read as windows-1251, saved as UTF-8" \
	    "${1#samples/}" >>"$manifest"
}

legacy() {
	command -v iconv >/dev/null || die "iconv not found"
	command -v uconv >/dev/null ||
	    die "uconv not found: apt-get install icu-devtools"
	mkdir -p samples/legacy
	rm -f samples/legacy/*.txt
	manifest=samples/legacy/MANIFEST.tsv
	printf 'file\tencoding\toriginal\n' >"$manifest"
	for dir in samples/*/; do
		id=$(basename "$dir")
		kk=samples/$id/$id.kk.md
		ru=samples/$id/$id.ru.md
		[ -f "$kk" ] && [ -f "$ru" ] || continue
		plain=samples/legacy/$id.ru.plain.txt
		# A front-matter value in double quotes that holds quotation
		# marks goes in single quotes first, so that it is still
		# YAML once the marks are ASCII ones.
		sed "2,/^---\$/ s/^\([a-z_]*\): \"\(.*[«»“”„].*\)\"\$/\1: '\2'/" \
		    "$ru" | sed 's/[«»“”„]/"/g; s/[—–]/-/g; s/№/N/g' >"$plain"

		copy "$kk" RK1048 "$id.kk.rk1048.txt"
		copy "$kk" PT154 "$id.kk.pt154.txt"
		copy "$ru" windows-1251 "$id.ru.cp1251.txt"
		copy "$plain" KOI8-R "$id.ru.koi8r.txt"
		copy "$plain" IBM866 "$id.ru.ibm866.txt"
		misread "$ru" UTF-8 "$id.ru.utf8-as-cp1251.txt"
		case $id in
		inclusive-*)
			copy "$kk" UTF-16LE "$id.kk.utf16le.txt"
			misread "$kk" RK1048 "$id.kk.rk1048-as-cp1251.txt" ;;
		*)
			copy "$kk" UTF-16BE "$id.kk.utf16be.txt"
			misread "$kk" PT154 "$id.kk.pt154-as-cp1251.txt" ;;
		esac
	done
	# The UTF-16 copies open with a byte order mark, as Windows writes
	# them (iconv's UTF-16LE and UTF-16BE write none), and one Russian
	# copy is UTF-8 with a byte order mark.
	for f in samples/legacy/*.utf16le.txt; do
		{ printf '\377\376'; cat "$f"; } >"$f.tmp" && mv "$f.tmp" "$f"
	done
	for f in samples/legacy/*.utf16be.txt; do
		{ printf '\376\377'; cat "$f"; } >"$f.tmp" && mv "$f.tmp" "$f"
	done
	sed -i 's/\tUTF-16\([LB]E\)\t/\tUTF-16\1 with BOM\t/' "$manifest"
	for ru in samples/road-safety-*/*.ru.md; do
		id=$(basename "$ru" .ru.md)
		{ printf '\357\273\277'; cat "$ru"; } >"samples/legacy/$id.ru.utf8bom.txt"
		printf '%s\t%s\t%s\n' "$id.ru.utf8bom.txt" "UTF-8 with BOM" \
		    "${ru#samples/}" >>"$manifest"
	done
	# Every copy must decode back to its original; prove it here.
	tail -n +2 "$manifest" | while IFS='	' read -r file enc orig; do
		f=samples/legacy/$file
		case $enc in
		*"read as"*)
			continue ;;
		"UTF-8 with BOM")
			tail -c +4 "$f" ;;
		*" with BOM")
			iconv -f UTF-16 -t UTF-8 "$f" ;;
		*)
			iconv -f "$enc" -t UTF-8 "$f" ;;
		esac >"$f.check"
		cmp -s "$f.check" "samples/$orig" ||
		    die "$file: does not decode to $orig"
		rm -f "$f.check"
	done
	say "samples/legacy/: $(($(wc -l <"$manifest") - 1)) copies, MANIFEST.tsv"
}

[ $# -gt 0 ] || set -- attachments legacy
for what in "$@"; do
	case $what in
	attachments|legacy) "$what" ;;
	*) die "usage: scripts/make-samples.sh [attachments] [legacy]" ;;
	esac
done

#!/bin/sh
# samples.sh: checks samples/ against the release format (docs/release-format.md) and against what scripts/make-samples.sh promises.
#
#   sh tests/e2e/samples.sh format    each release is read by pandoc as it
#                                     is: its YAML metadata gives the same
#                                     title, id and lang as the front matter
#                                     (skipped, 77, without pandoc)
#   sh tests/e2e/samples.sh files     front matter fields and file names
#                                     agree; the language versions have the
#                                     same number of paragraphs; attachments
#                                     exist and are what they claim; every
#                                     legacy copy decodes (by iconv) to its
#                                     original in samples/legacy/MANIFEST.tsv
#
# Environment: HABAR_SOURCE (the source tree).  Exit 0, 1 on a failed check.
set -eu

src=${HABAR_SOURCE:?}
samples=$src/samples
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-samples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() { printf 'samples: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }

# field FILE KEY: KEY's value in FILE's front matter, YAML quotes removed.
field() {
	awk -v key="$2" '
	    NR == 1 && $0 != "---" { exit }
	    NR > 1 && $0 == "---" { exit }
	    NR > 1 && index($0, key ": ") == 1 { print substr($0, length(key) + 3); exit }
	' "$1" | sed 's/^"\(.*\)"$/\1/; s/\\"/"/g'
}

for f in "$samples"/*/*.md; do
	case $f in
	"$samples"/legacy/*|"$samples"/slides/*) ;;
	*) if [ -f "$f" ]; then printf '%s\n' "$f"; fi ;;
	esac
done >"$tmp/releases"
[ -s "$tmp/releases" ] || { echo "samples: no release found" >&2; exit 1; }

format() {
	command -v pandoc >/dev/null || { echo "samples: no pandoc: skipped"; exit 77; }
	# shellcheck disable=SC2016
	printf '$title$\n$id$\n$lang$\n$date$\n' >"$tmp/meta.tpl"
	while read -r f; do
		name=$(basename "$f")
		if ! pandoc -f markdown -t plain --wrap=none \
		    --template="$tmp/meta.tpl" "$f" >"$tmp/meta" 2>"$tmp/err"; then
			fail "$name: pandoc: $(cat "$tmp/err")"
			continue
		fi
		[ ! -s "$tmp/err" ] || fail "$name: pandoc warns: $(cat "$tmp/err")"
		for key in title id lang date; do
			want=$(field "$f" "$key")
			case $key in
			title) got=$(sed -n 1p "$tmp/meta") ;;
			id) got=$(sed -n 2p "$tmp/meta") ;;
			lang) got=$(sed -n 3p "$tmp/meta") ;;
			date) got=$(sed -n 4p "$tmp/meta") ;;
			esac
			[ -n "$want" ] && [ "$got" = "$want" ] ||
			    fail "$name: pandoc reads $key '$got', the front matter says '$want'"
		done
		# The body is paragraphs only: no list, heading or code block
		# that a stray line start could make.
		pandoc -f markdown -t native "$f" |
		    sed -n 's/^[[,] \([A-Z][A-Za-z]*\).*/\1/p' | sort -u >"$tmp/blocks"
		if grep -v -x 'Para' "$tmp/blocks" >/dev/null; then
			fail "$name: body has blocks other than paragraphs: $(tr '\n' ' ' <"$tmp/blocks")"
		fi
	done <"$tmp/releases"
}

# paragraphs FILE: the number of body paragraphs.
paragraphs() {
	awk 'NR == 1 && $0 == "---" { fm = 1; next }
	    fm && $0 == "---" { fm = 0; next }
	    fm { next }
	    /^[ \t]*$/ { gap = 1; next }
	    { if (gap || !seen) n++; gap = 0; seen = 1 }
	    END { print n + 0 }' "$1"
}

files() {
	while read -r f; do
		name=$(basename "$f")
		dir=$(dirname "$f")
		id=$(field "$f" id)
		lang=$(field "$f" lang)
		[ "$name" = "$id.$lang.md" ] ||
		    fail "$name: front matter says id '$id', lang '$lang'"
		[ "$(basename "$dir")" = "$id" ] || fail "$name: not in samples/$id/"
		for key in title place attachments; do
			[ -n "$(field "$f" "$key")" ] || fail "$name: no $key"
		done
		field "$f" date | grep -Eqx '[0-9]{4}-[0-9]{2}-[0-9]{2}' ||
		    fail "$name: date is not ISO 8601 (YYYY-MM-DD)"
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || fail "$name: not UTF-8"
		! grep -q "$(printf '\r')" "$f" || fail "$name: CRLF line ends"
		# Every language version has as many paragraphs as the English.
		en=$dir/$id.en.md
		[ -f "$en" ] || fail "$id: no English version"
		[ ! -f "$en" ] || [ "$(paragraphs "$f")" -eq "$(paragraphs "$en")" ] ||
		    fail "$name: $(paragraphs "$f") paragraphs, $id.en.md has $(paragraphs "$en")"
		for a in $(field "$f" attachments | tr ',' ' '); do
			p=$dir/$a
			[ -s "$p" ] || { fail "$name: attachment $a missing"; continue; }
			case $a in
			*.pptx)
				# A zip (PK\3\4) holding ppt/presentation.xml.
				[ "$(od -An -tx1 -N4 "$p" | tr -d ' ')" = 504b0304 ] ||
				    fail "$a: not a zip"
				if command -v unzip >/dev/null; then
					unzip -l "$p" | grep -q ' ppt/presentation\.xml$' ||
					    fail "$a: no ppt/presentation.xml"
					# Its title slide carries this release's title.
					t=$(field "$f" title | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')
					# (A paragraph's text may be split into runs.)
					unzip -p "$p" ppt/slides/slide1.xml |
					    sed 's|</a:p>|\n|g' |
					    sed 's/<[^>]*>//g; s/^[[:space:]]*//' | grep -qFx "$t" ||
					    fail "$a: the title slide lacks the title of $name"
				fi ;;
			*.ppt)
				[ "$(od -An -tx1 -N8 "$p" | tr -d ' ')" = d0cf11e0a1b11ae1 ] ||
				    fail "$a: not an OLE2 compound file" ;;
			esac
		done
	done <"$tmp/releases"

	# The legacy copies.
	manifest=$samples/legacy/MANIFEST.tsv
	[ -s "$manifest" ] || { fail "no samples/legacy/MANIFEST.tsv"; return; }
	tail -n +2 "$manifest" >"$tmp/manifest"
	while IFS='	' read -r file enc orig; do
		f=$samples/legacy/$file
		[ -s "$f" ] || { fail "legacy/$file: missing"; continue; }
		[ -s "$samples/$orig" ] || { fail "legacy/$file: original $orig missing"; continue; }
		case $enc in
		*"read as windows-1251"*)
			# Corrupted: valid UTF-8, but not the original.
			iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 ||
			    fail "legacy/$file: not UTF-8"
			! cmp -s "$f" "$samples/$orig" ||
			    fail "legacy/$file: identical to its original"
			continue ;;
		"UTF-8 with BOM")
			[ "$(od -An -tx1 -N3 "$f" | tr -d ' ')" = efbbbf ] ||
			    fail "legacy/$file: no BOM"
			tail -c +4 "$f" >"$tmp/decoded" ;;
		"UTF-16LE with BOM"|"UTF-16BE with BOM")
			bom=$(od -An -tx1 -N2 "$f" | tr -d ' ')
			case $enc in
			*LE*) [ "$bom" = fffe ] || fail "legacy/$file: no UTF-16LE BOM" ;;
			*) [ "$bom" = feff ] || fail "legacy/$file: no UTF-16BE BOM" ;;
			esac
			iconv -f UTF-16 -t UTF-8 "$f" >"$tmp/decoded" ;;
		*)
			iconv -f "$enc" -t UTF-8 "$f" >"$tmp/decoded" 2>/dev/null ||
			    { fail "legacy/$file: not $enc"; continue; } ;;
		esac
		cmp -s "$tmp/decoded" "$samples/$orig" ||
		    fail "legacy/$file: does not decode to $orig"
	done <"$tmp/manifest"
	# Every copy is in the manifest.
	for f in "$samples"/legacy/*.txt; do
		b=$(basename "$f")
		case $b in *.plain.txt) continue ;; esac
		grep -q "^$b	" "$manifest" || fail "legacy/$b: not in MANIFEST.tsv"
	done
}

case ${1:-} in
format) format ;;
files) files ;;
*) echo "usage: samples.sh format|files" >&2; exit 2 ;;
esac
if [ "$failures" -gt 0 ]; then
	echo "samples: $failures checks failed" >&2
	exit 1
fi
echo "samples: $1: ok"

#!/bin/sh
# front-matter.sh (test): releases whose front matter pandoc wrote
# (pandoc -s -t markdown of each sample: keys sorted, long values folded
# over two lines) and one whose attachments are a YAML list go through
# every program, and every program reads the same fields as from the
# original.  Skipped (77) without pandoc.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
command -v pandoc >/dev/null 2>&1 || { echo "skipped: no pandoc"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-fm.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() { printf 'front-matter test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
# The front matter habar-norm and habar-seg hand on, one field a line,
# sorted (normalised: pandoc makes straight quotes curly, as habar-norm).
fields() {
	"$bin/habar-norm" "$1" | "$bin/habar-seg" - |
	    awk 'NR > 1 && /^---$/ { exit } NR > 1' | sort
}

for id in inclusive-forum-2026 road-safety-2026; do
	mkdir -p "$tmp/$id"
	cp "$src/samples/$id/$id.pptx" "$src/samples/$id/$id.ppt" "$tmp/$id/"
	for lang in kk ru en; do
		orig=$src/samples/$id/$id.$lang.md
		new=$tmp/$id/$id.$lang.md
		pandoc -s -t markdown -o "$new" "$orig" ||
		    { fail "$id.$lang: pandoc"; continue; }
		# The case this is about: pandoc folded a value.
		[ "$id.$lang" = road-safety-2026.ru ] &&
		    ! grep -q '^  ' "$new" && fail "$id.$lang: pandoc folded nothing"
		fields "$orig" > "$tmp/want" || fail "$id.$lang: habar-seg original"
		fields "$new" > "$tmp/got" || fail "$id.$lang: habar-seg pandoc's"
		cmp -s "$tmp/want" "$tmp/got" ||
		    fail "$id.$lang: fields differ: $(diff "$tmp/want" "$tmp/got" | head -4)"
		"$bin/habar-norm" -o "$tmp/$id.$lang.norm.md" "$new" ||
		    fail "$id.$lang: habar-norm"
		"$bin/habar-spell" "$new" > /dev/null
		[ $? -le 1 ] || fail "$id.$lang: habar-spell"
		target=en
		[ $lang = en ] && target=ru
		"$bin/habar-xliff" extract --target $target \
		    -o "$tmp/$id.$lang.xlf" "$new" ||
		    fail "$id.$lang: habar-xliff extract"
		"$bin/habar-xliff" merge -o "$tmp/$id.$lang.back.md" \
		    "$tmp/$id.$lang.xlf" 2> /dev/null ||
		    fail "$id.$lang: habar-xliff merge"
	done
	"$bin/habar-translit" --to kk-Latn -o "$tmp/$id.latn.md" \
	    "$tmp/$id/$id.kk.md" || fail "$id: habar-translit"
	grep -q '^title: .*[A-Za-z]' "$tmp/$id.latn.md" ||
	    fail "$id: habar-translit left the title alone"
	"$bin/habar-align" -o "$tmp/$id.xml" "$tmp/$id/$id.kk.md" \
	    "$tmp/$id/$id.ru.md" "$tmp/$id/$id.en.md" || fail "$id: habar-align"
	"$bin/habar-tmx" -o "$tmp/$id.tmx" "$tmp/$id.xml" || fail "$id: habar-tmx"
	"$bin/habar-pack" -o "$tmp/$id.zip" "$tmp/$id/$id.kk.md" \
	    "$tmp/$id/$id.ru.md" "$tmp/$id/$id.en.md" || fail "$id: habar-pack"
	"$bin/habar-verify" --quiet "$tmp/$id.zip" || fail "$id: habar-verify"
	unzip -l "$tmp/$id.zip" | grep -q "$id.pptx" ||
	    fail "$id: the attachment is not in the pack"
done

# Attachments as a YAML list, as an editor writes them.
id=road-safety-2026
mkdir -p "$tmp/list"
cp "$src/samples/$id/$id.pptx" "$src/samples/$id/$id.ppt" "$tmp/list/"
for lang in kk ru en; do
	awk '/^attachments: / { print "attachments:"; n = split(substr($0, 14), a, ", ");
	    for (i = 1; i <= n; i++) print "  - " a[i]; next } { print }' \
	    "$src/samples/$id/$id.$lang.md" > "$tmp/list/$id.$lang.md"
done
grep -q '^  - road-safety-2026.ppt$' "$tmp/list/$id.en.md" ||
    fail "list: the attachments were not made a list"
fields "$tmp/list/$id.en.md" | grep -q "^attachments: $id.pptx, $id.ppt\$" ||
    fail "list: attachments not read as a list"
"$bin/habar-pack" -o "$tmp/list.zip" "$tmp/list/$id.kk.md" \
    "$tmp/list/$id.ru.md" "$tmp/list/$id.en.md" || fail "list: habar-pack"
unzip -l "$tmp/list.zip" | grep -q "$id.ppt\$" ||
    fail "list: the second attachment is not in the pack"

# Bad YAML: the line and column, exit 2, at the first program.
printf -- '---\nid: x\nattachments:\n  - a\n - b\n---\n\nText.\n' > "$tmp/bad.md"
"$bin/habar-norm" "$tmp/bad.md" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] || fail "bad YAML: habar-norm did not exit 2"
grep -q 'bad.md:5: column 2: ' "$tmp/err" ||
    fail "bad YAML: no line and column: $(cat "$tmp/err")"

[ $failures -eq 0 ] && echo "front matter: pandoc's and lists go through every program"
[ $failures -eq 0 ]

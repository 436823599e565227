#!/bin/sh
# pack.sh (test): habar-pack and habar-verify on the samples and on the
# real and broken presentations of the shared corpus.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN, HABAR_SHARED.
# Exit 0 when all holds, 1 on a failed check.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
shared=${HABAR_SHARED:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-pack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() { printf 'pack test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
pack() { "$bin/habar-pack" "$@"; }
verify() { "$bin/habar-verify" "$@"; }
# No file but the expected ones may be left in a folder (no temporary).
only() { # only DIR FILE...
	dir=$1
	shift
	for f in "$dir"/* "$dir"/.[!.]*; do
		[ -e "$f" ] || continue
		keep=0
		for want in "$@"; do
			[ "$(basename "$f")" = "$want" ] && keep=1
		done
		[ $keep -eq 1 ] || fail "left behind in $dir: $(basename "$f")"
	done
}

for id in inclusive-forum-2026 road-safety-2026; do
	r=$src/samples/$id/$id
	for fmt in zip tar.gz tar.xz; do
		a=$tmp/$id.a.$fmt b=$tmp/$id.b.$fmt
		pack -o "$a" "$r.en.md" "$r.ru.md" "$r.kk.md" ||
		    fail "$id: habar-pack $fmt"
		pack -o "$b" "$r.kk.md" "$r.en.md" "$r.ru.md" ||
		    fail "$id: habar-pack $fmt (second run)"
		cmp -s "$a" "$b" || fail "$id.$fmt: two runs differ"
		verify -q "$a" || fail "$id.$fmt: habar-verify finds problems"
		bsdtar -tf "$a" >/dev/null 2>&1 || fail "$id.$fmt: bsdtar -t refuses it"
		[ "$fmt" = zip ] && { unzip -t "$a" >/dev/null 2>&1 ||
		    fail "$id.zip: unzip -t refuses it"; }
		bsdtar -tf "$a" | grep -q "^$id/manifest.xml\$" ||
		    fail "$id.$fmt: no manifest"
		for lang in en ru kk; do
			bsdtar -tf "$a" | grep -q "^$id/html/$id.$lang.html\$" ||
			    fail "$id.$fmt: no $lang page"
		done
	done
	verify --list "$tmp/$id.a.zip" | grep -q "attachments/$id.pptx\$" ||
	    fail "$id: the manifest does not list the presentation"
	# The pack's memory is valid TMX with a unit per aligned sentence.
	bsdtar -xOf "$tmp/$id.a.zip" "$id/$id.tmx" > "$tmp/$id.tmx" ||
	    fail "$id: no TMX in the pack"
	if [ -f "$shared/schemas/tmx-1.4/tmx14.dtd" ]; then
		xmllint --noout --nonet --dtdvalid "$shared/schemas/tmx-1.4/tmx14.dtd" \
		    "$tmp/$id.tmx" 2>/dev/null || fail "$id: the TMX is not valid"
	fi
	[ "$(grep -c '<tu[ >]' "$tmp/$id.tmx")" -gt 10 ] || fail "$id: too few TMX units"
done

# The zip flags its Cyrillic names as UTF-8 (general purpose bit 11).
r=$src/samples/road-safety-2026/road-safety-2026
cp "$src/samples/road-safety-2026/road-safety-2026.pptx" "$tmp/Жол қауіпсіздігі.pptx"
pack -o "$tmp/cyrillic.zip" -a "$tmp/Жол қауіпсіздігі.pptx" "$r.en.md" "$r.kk.md" ||
    fail "habar-pack with a Cyrillic attachment name"
python3 - "$tmp/cyrillic.zip" <<'PY' || fail "Cyrillic zip names not flagged UTF-8"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [i for i in z.infolist() if "Жол қауіпсіздігі.pptx" in i.filename]
sys.exit(0 if names and all(i.flag_bits & 0x800 for i in names) else 1)
PY

# Tampering is found: a changed member, a removed one, an added one.
r=$src/samples/inclusive-forum-2026/inclusive-forum-2026
mkdir "$tmp/x"
(cd "$tmp/x" && bsdtar -xf "$tmp/inclusive-forum-2026.a.zip") || fail "extract"
d=$tmp/x/inclusive-forum-2026
printf 'changed\n' >> "$d/inclusive-forum-2026.en.md"
(cd "$tmp/x" && bsdtar -cf "$tmp/changed.tar" inclusive-forum-2026/manifest.xml \
    inclusive-forum-2026/*.md inclusive-forum-2026/html)
verify "$tmp/changed.tar" > "$tmp/findings"
[ $? -eq 1 ] || fail "a changed pack does not exit 1"
grep -q 'inclusive-forum-2026.en.md: size differs' "$tmp/findings" ||
    fail "the changed member is not reported"
grep -q 'attachments/inclusive-forum-2026.pptx: missing' "$tmp/findings" ||
    fail "the missing member is not reported"
echo extra > "$d/extra.txt"
(cd "$tmp/x" && bsdtar -cf "$tmp/extra.tar" inclusive-forum-2026/manifest.xml \
    inclusive-forum-2026/extra.txt)
verify "$tmp/extra.tar" | grep -q 'extra.txt: extra' ||
    fail "an extra member is not reported"
(cd "$tmp/x" && bsdtar -cf "$tmp/twice.tar" inclusive-forum-2026/manifest.xml \
    inclusive-forum-2026/extra.txt inclusive-forum-2026/extra.txt)
verify "$tmp/twice.tar" | grep -q 'extra.txt: extra (a second member' ||
    fail "a member stored twice is not reported"
# Cut short: reported as truncated, exit 1.
head -c 20000 "$tmp/inclusive-forum-2026.a.tar.xz" > "$tmp/cut.tar.xz"
verify "$tmp/cut.tar.xz" > "$tmp/findings"
[ $? -eq 1 ] || fail "a cut pack does not exit 1"
grep -q truncated "$tmp/findings" || fail "a cut pack is not reported truncated"
# Not a pack at all: exit 2.
verify "$r.en.md" 2>/dev/null
[ $? -eq 2 ] || fail "a text file given as pack does not exit 2"

# Bad input: an error, exit 2, and nothing left behind.
mkdir "$tmp/out" "$tmp/rel"
cp "$r.en.md" "$r.ru.md" "$tmp/rel/"
pack -o "$tmp/out/p.zip" "$tmp/rel/inclusive-forum-2026.en.md" 2>"$tmp/err"
[ $? -eq 2 ] || fail "a missing attachment does not exit 2"
grep -q 'inclusive-forum-2026.pptx' "$tmp/err" || fail "the missing attachment is not named"
cp "$src/samples/inclusive-forum-2026/inclusive-forum-2026.ppt" "$tmp/rel/inclusive-forum-2026.pptx"
cp "$src/samples/inclusive-forum-2026/inclusive-forum-2026.ppt" "$tmp/rel/"
pack -o "$tmp/out/p.zip" "$tmp/rel/inclusive-forum-2026.en.md" 2>"$tmp/err"
[ $? -eq 2 ] || fail "a .ppt named .pptx does not exit 2"
grep -q 'not an OOXML package' "$tmp/err" || fail "the mislabelled file is not explained"
only "$tmp/out"
pack -o "$tmp/no/such/dir/p.zip" "$r.en.md" 2>/dev/null
[ $? -eq 2 ] || fail "an unwritable output does not exit 2"
# A disk that fills up: the file size limit stands in for it.
(
	trap '' XFSZ
	ulimit -f 64
	pack -o "$tmp/out/full.zip" "$r.en.md" "$r.ru.md" "$r.kk.md" 2>"$tmp/err"
	echo $? > "$tmp/status"
)
[ "$(cat "$tmp/status")" = 2 ] || fail "a full disk does not exit 2"
only "$tmp/out"
# Interrupted: the temporary file goes with the signal.
pack -o "$tmp/out/int.zip" "$r.en.md" "$r.ru.md" "$r.kk.md" &
kill -INT $! 2>/dev/null
wait $! 2>/dev/null
[ -e "$tmp/out/int.zip" ] && [ ! -s "$tmp/out/int.zip" ] && fail "an empty pack after an interruption"
for f in "$tmp"/out/.habar-tmp-*; do
	[ -e "$f" ] && fail "a temporary file survives an interruption"
done
rm -f "$tmp/out/int.zip"

# The real presentations of the shared corpus are accepted (the
# password-protected one with a warning), the broken ones refused, and
# nothing crashes.
att=$shared/corpus/attachments
if [ -d "$att" ]; then
	for f in "$att"/*.ppt "$att"/*.pptx; do
		name=$(basename "$f")
		pack -o "$tmp/out/a.zip" -a "$f" "$r.en.md" "$r.ru.md" "$r.kk.md" 2>"$tmp/err"
		status=$?
		case $name in
		clusterfuzz-*)
			[ $status -eq 2 ] || fail "$name: broken, yet accepted (status $status)"
			grep -q "$name" "$tmp/err" || fail "$name: refused without naming it" ;;
		Password_Protected-*)
			[ $status -eq 0 ] || fail "$name: refused"
			grep -q 'password' "$tmp/err" || fail "$name: no warning" ;;
		*)
			[ $status -eq 0 ] || { fail "$name: refused"; cat "$tmp/err" >&2; } ;;
		esac
		rm -f "$tmp/out/a.zip"
	done
	only "$tmp/out"
else
	echo "pack test: no shared corpus: the real attachments are not tried"
fi

[ $failures -eq 0 ] || exit 1
echo "pack test: all checks passed"

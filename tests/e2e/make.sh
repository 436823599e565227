#!/bin/sh
# make.sh (test): `habar make` on release folders as press officers have
# them: Word and OpenDocument versions written at test time
# (tests/import/make-word.py, in Word's and LibreOffice's manner), a
# windows-1251 text file, a presentation; a verified pack in one command.
# Then `habar VERB` dispatching, and the folders that must be refused.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.
# Exit 0 when all holds, 1 on a failed check.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-make.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
make_word=$src/tests/import/make-word.py

fail() { printf 'make test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 77; }

# Three Word versions (two in Word's manner, one with a heading, list,
# table and footnote; one by habar's own writer) and the presentation.
id=inclusive-forum-2026
s=$src/samples/$id/$id
d=$tmp/Форум
mkdir "$d"
python3 "$make_word" --extras "$s.kk.md" "$d/$id.kk.docx" "$tmp/kk.expected" &&
python3 "$make_word" --seed 4 "$s.ru.md" "$d/$id.ru.docx" "$tmp/ru.expected" ||
    fail "make-word.py"
body() { awk 'fm >= 2 && NF { print } /^---$/ { fm++ }' "$1"; }
# The English one by habar's own Word writer: the .docx of a pack.
"$bin/habar-pack" -o "$tmp/en.zip" "$s.en.md" &&
    bsdtar -xOf "$tmp/en.zip" "$id/$id.en.docx" > "$d/$id.en.docx" &&
    body "$s.en.md" > "$tmp/en.expected" || fail "the English .docx"
cp "$s.pptx" "$d/"
"$bin/habar" make "$d" > "$tmp/summary" 2> "$tmp/err"
st=$?
[ $st -le 1 ] || fail "habar make: exit $st: $(cat "$tmp/err")"
pack=$d/out/$id.zip
[ -f "$pack" ] || fail "no pack at $pack"
"$bin/habar-verify" -q "$pack" || fail "the pack does not verify"
for lang in kk ru en; do
	bsdtar -tf "$pack" | grep -q "^$id/$id.$lang.md\$" ||
	    fail "no $lang version in the pack"
	# Every paragraph of the version reached the pack's text.
	n=$(awk 'fm >= 2 && NF { n++ } /^---$/ { fm++ } END { print n + 0 }' \
	    "$d/out/$id.$lang.md")
	[ "$n" -eq "$(wc -l < "$tmp/$lang.expected")" ] ||
	    fail "$lang: $n paragraphs, expected $(wc -l < "$tmp/$lang.expected")"
done
bsdtar -tf "$pack" | grep -q "^$id/attachments/$id.pptx\$" ||
    fail "the presentation is not in the pack"
grep -q "pack: $pack (verified)" "$tmp/summary" || fail "summary lacks the pack"
grep -q "kk  $id.kk.docx: Word document" "$tmp/summary" ||
    fail "summary lacks the kk version: $(cat "$tmp/summary")"
grep -q "ru  $id.ru.docx: Word document" "$tmp/summary" ||
    fail "summary lacks the ru version"
[ -z "$(ls -A "$d/out" | grep '^\.work')" ] || fail "work folder left behind"
# What needs a person is said, and makes the exit status 1.
if [ $st -eq 1 ]; then
	grep -q -e 'to fix' -e 'to check' "$tmp/summary" ||
	    fail "exit 1 without a reason in the summary"
fi

# A legacy text file, a page of the site, -o and --id.
d2=$tmp/road
mkdir "$d2"
r=$src/samples/road-safety-2026/road-safety-2026
cp "$src/samples/legacy/road-safety-2026.ru.cp1251.txt" "$d2/press_rus.txt"
python3 "$make_word" --odt "$r.kk.md" "$d2/press_kaz.odt" /dev/null ||
    fail "make-word.py"
cp "$r.en.md" "$d2/press_eng.md"
"$bin/habar" make -o "$tmp/out2" --id road-2026 "$d2" > "$tmp/summary2" 2>&1
st=$?
[ $st -le 1 ] || fail "habar make -o: exit $st: $(cat "$tmp/summary2")"
"$bin/habar-verify" -q "$tmp/out2/road-2026.zip" || fail "-o: no verified pack"
grep -q 'ru  press_rus.txt: release text (windows-1251)' "$tmp/summary2" ||
    fail "the windows-1251 text not named: $(cat "$tmp/summary2")"
grep -q 'kk  press_kaz.odt: OpenDocument text' "$tmp/summary2" ||
    fail "the OpenDocument version not named"

# Refused: no folder, a folder with no version, a stray argument.
"$bin/habar" make "$tmp/none" >/dev/null 2>&1; st=$?
[ $st -eq 2 ] || fail "a missing folder: exit $st"
mkdir "$tmp/empty"
"$bin/habar" make "$tmp/empty" >/dev/null 2> "$tmp/err"; st=$?
[ $st -eq 2 ] && grep -q 'no language version' "$tmp/err" ||
    fail "an empty folder: exit $st"
"$bin/habar" make a b >/dev/null 2>&1; st=$?
[ $st -eq 2 ] || fail "two folders: exit $st"

# Versions as release text: the id comes from their names, whatever the
# folder is called; --dash reaches habar-norm; --strict makes no pack
# when the versions disagree on a figure (3 412 against 3 421).
road=$src/samples/road-safety-2026/road-safety-2026
mkdir "$tmp/folder-name"
cp "$road.en.md" "$tmp/folder-name/"
python3 - "$road.ru.md" "$tmp/folder-name/road-safety-2026.ru.md" <<'PY' ||
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r"3(\W)412", r"3\g<1>421", s, count=1)
assert t != s
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY
    fail "making the disagreeing version"
"$bin/habar" make --dash en -o "$tmp/fn-out" "$tmp/folder-name" \
    > "$tmp/summary" 2>&1
[ -f "$tmp/fn-out/road-safety-2026.zip" ] ||
    fail "release id not taken from the .md names: $(cat "$tmp/summary")"
grep -q ' — ' "$tmp/fn-out/road-safety-2026.ru.md" &&
    fail "--dash en: an em dash left in the Russian text"
grep -q ' – ' "$tmp/fn-out/road-safety-2026.ru.md" ||
    fail "--dash en: no en dash in the Russian text"
"$bin/habar" make --strict -o "$tmp/strict-out" "$tmp/folder-name" \
    > "$tmp/summary" 2>&1; st=$?
[ $st -eq 1 ] || fail "--strict on disagreeing versions: exit $st"
[ ! -e "$tmp/strict-out/road-safety-2026.zip" ] ||
    fail "--strict: a pack was made"
grep -q 'pack: none (--strict' "$tmp/summary" ||
    fail "--strict: summary lacks the refusal: $(cat "$tmp/summary")"
# --latin writes the Kazakh version in Latin letters beside the pack;
# --exceptions reaches habar-translit (a name spelt as the file says, and
# it implies --latin), --no-exceptions too (ЮНИСЕФ, which the default list
# makes UNICEF, is then transliterated letter by letter).
mkdir "$tmp/latin"
cp "$road.en.md" "$tmp/latin/"
cp "$road.kk.md" "$tmp/latin/road-safety-2026.kk.md"
printf '\nДана Мұхаметова ЮНИСЕФ өкілдерімен кездесті.\n' \
    >> "$tmp/latin/road-safety-2026.kk.md"
printf 'Дана Мұхаметова = Dana Mukhametova\n' > "$tmp/names.txt"
"$bin/habar" make --exceptions "$tmp/names.txt" -o "$tmp/latin-out" \
    "$tmp/latin" > "$tmp/summary" 2>&1
latin=$tmp/latin-out/road-safety-2026.kk-Latn.md
grep -q 'Dana Mukhametova UNICEF' "$latin" 2>/dev/null ||
    fail "--exceptions: no 'Dana Mukhametova UNICEF' in $latin: $(cat "$tmp/summary")"
grep -q '^lang: kk-Latn' "$latin" 2>/dev/null || fail "--latin: lang not kk-Latn"
grep -q "kk-Latn: $latin" "$tmp/summary" || fail "--latin: not in the summary"
"$bin/habar" make --no-exceptions -o "$tmp/latin-out2" "$tmp/latin" \
    > "$tmp/summary" 2>&1
grep -q 'UNICEF' "$tmp/latin-out2/road-safety-2026.kk-Latn.md" 2>/dev/null &&
    fail "--no-exceptions: UNICEF from the default list"
grep -q 'Dana M' "$tmp/latin-out2/road-safety-2026.kk-Latn.md" 2>/dev/null ||
    fail "--no-exceptions: no Latin version written"
"$bin/habar" make -o "$tmp/latin-out3" "$tmp/latin" > /dev/null 2>&1
[ ! -e "$tmp/latin-out3/road-safety-2026.kk-Latn.md" ] ||
    fail "a Latin version written without --latin"

for bad in "--dash xx" "--min-confidence 2" "--exceptions $tmp/no-such-file"; do
	# shellcheck disable=SC2086
	"$bin/habar" make $bad -o "$tmp/bad-out" "$tmp/folder-name" \
	    > /dev/null 2>&1; st=$?
	[ $st -eq 2 ] || fail "habar make $bad: exit $st"
	[ ! -e "$tmp/bad-out" ] || fail "habar make $bad: wrote before refusing"
done

# Word's Rich Text and web pages under a .doc name: the RTF is named as
# such and not read as text; the web page is read as one.
mkdir "$tmp/word-kinds"
printf '{\\rtf1\\ansi Press release\\par}\n' > "$tmp/word-kinds/note.en.doc"
printf '<html><head><title>Su aptasy</title></head><body><p>Astana, 3 March 2026.</p><p>Water week opens.</p></body></html>\n' \
    > "$tmp/word-kinds/note.ru.doc"
"$bin/habar" make -o "$tmp/word-kinds-out" "$tmp/word-kinds" \
    > "$tmp/summary" 2>&1; st=$?
[ $st -eq 1 ] || fail "RTF and web page .doc: exit $st"
grep -q 'note.en.doc: not read: an RTF document' "$tmp/summary" ||
    fail "RTF .doc not named: $(cat "$tmp/summary")"
grep -q 'ru  note.ru.doc: web page' "$tmp/summary" ||
    fail "web page .doc not read as one: $(cat "$tmp/summary")"
grep -q 'rtf1' "$tmp/word-kinds-out/"*.md 2>/dev/null &&
    fail "RTF control words in a text"

# Dispatch: the program beside habar, then PATH; --help lists them.
"$bin/habar" decode --version | grep -q '^habar-decode ' || fail "habar decode"
"$bin/habar" --help | grep -q '^  import$' || fail "--help lacks import"
"$bin/habar" --help | grep -q '^  make$' || fail "--help lacks make"
mkdir "$tmp/path"
printf '#!/bin/sh\necho "extra $*"\n' > "$tmp/path/habar-extra"
chmod +x "$tmp/path/habar-extra"
[ "$(PATH=$tmp/path:$PATH "$bin/habar" extra a b)" = "extra a b" ] ||
    fail "a habar- program on PATH not run"
"$bin/habar" no-such-thing >/dev/null 2>&1; st=$?
[ $st -eq 2 ] || fail "an unknown command: exit $st"
"$bin/habar" ../habar-decode >/dev/null 2>&1; st=$?
[ $st -eq 2 ] || fail "a path as a command: exit $st"

[ $failures -eq 0 ] || exit 1
echo "make test: all checks passed"

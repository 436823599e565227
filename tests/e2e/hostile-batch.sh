#!/bin/sh
# hostile-batch.sh (test): habar-batch against the hostile inputs and
# outputs of a red-team pass, each a reproduction that failed before its
# fix (the items of issue 17 each section names): a run turned away by
# the lock, links planted inside OUTDIR, silent drops, exit statuses of
# broken archives, bomb members, OUTDIR equal to the input, size options,
# links and FIFOs in folders, member names with escape sequences.
#
# Environment (set by ctest): HABAR_BIN.
# Exit 0 when all holds, 1 on a failed check, 77 without python3 or flock.
set -u

bin=${HABAR_BIN:?}
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 77; }
command -v flock >/dev/null 2>&1 || { echo "skipped: no flock"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-hostile-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() { printf 'hostile-batch: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
batch() { "$bin/habar-batch" "$@"; }
# status CMD...: runs CMD, prints its exit status.
status() { "$@" >/dev/null 2>&1; echo $?; }

# A small release in two languages, of our own writing.
release() { # release DIR ID
	mkdir -p "$1"
	printf 'Новая библиотека открылась\n\nАстана, 3 марта 2021 года. Сегодня в городе открылась новая библиотека. В ней десять тысяч книг.\n' >"$1/$2.ru.txt"
	printf 'A new library opens\n\nAstana, 3 March 2021. A new library opened in the city today. It holds ten thousand books.\n' >"$1/$2.en.txt"
}
release "$tmp/in" lib-2021

# Item 1: a run turned away by the lock leaves the running run's work
# folder alone, and keeps the lock, so that a third run is turned away too.
mkdir -p "$tmp/lock/.work/tmp"
: >"$tmp/lock/.work/tmp/running"
flock "$tmp/lock/.work/lock" sleep 3 &
holder=$!
sleep 0.5
s=$(status batch -o "$tmp/lock" "$tmp/in")
[ "$s" -eq 2 ] || fail "lock: a second run exits $s, not 2"
[ -e "$tmp/lock/.work/tmp/running" ] ||
    fail "lock: the turned-away run removed the running run's files"
batch -o "$tmp/lock" "$tmp/in" 2>"$tmp/lock.err"
s=$?
[ "$s" -eq 2 ] || fail "lock: a third run exits $s, not 2"
grep -q "in use by another habar-batch run" "$tmp/lock.err" ||
    fail "lock: no message for the third run"
wait "$holder"
s=$(status batch -o "$tmp/lock" "$tmp/in")
[ "$s" -eq 0 ] || fail "lock: the run after the lock is free exits $s"

# Item 2: links planted inside OUTDIR never lead a write outside it.
outside=$tmp/outside
mkdir -p "$outside/dir"
printf 'keep\n' >"$outside/file"
check_outside() { # check_outside WHAT
	[ "$(cat "$outside/file")" = keep ] ||
	    fail "$1: a file outside OUTDIR was written"
	[ -z "$(ls -A "$outside/dir")" ] ||
	    fail "$1: a file was written into a folder outside OUTDIR"
}
for planted in .work/spool batch.log; do
	o=$tmp/planted-$(echo "$planted" | tr ./ __)
	mkdir -p "$o/.work"
	ln -s "$outside/file" "$o/$planted"
	batch -o "$o" "$tmp/in" >/dev/null 2>"$o.err"
	check_outside "$planted as a link"
done
grep -q "batch.log: a symbolic link: refused" \
    "$tmp/planted-batch_log.err" || fail "batch.log as a link: no message"
for planted in packs releases releases/lib-2021 .work .work/tmp; do
	o=$tmp/planted-$(echo "$planted" | tr ./ __)
	mkdir -p "$o/$(dirname "$planted")"
	ln -s "$outside/dir" "$o/$planted"
	s=$(status batch -o "$o" "$tmp/in")
	[ "$s" -eq 2 ] || fail "$planted as a link: exit $s, not 2"
	check_outside "$planted as a link"
done
# A link in place of an output file is replaced, not followed.
o=$tmp/planted-md
mkdir -p "$o/releases/lib-2021"
ln -s "$outside/file" "$o/releases/lib-2021/lib-2021.ru.md"
ln -s "$outside/file" "$o/report.tsv"
batch -o "$o" "$tmp/in" 2>/dev/null
check_outside "an output file as a link"
[ -L "$o/releases/lib-2021/lib-2021.ru.md" ] &&
    fail "an output file as a link: still a link"

# refused OUT ERRFILE TEXT WHAT: the report names TEXT and so does stderr.
reported() {
	grep -qF -- "$3" "$1/report.tsv" || fail "$4: not in report.tsv"
	grep -qF -- "$3" "$2" || fail "$4: not on standard error"
}
# pyarchive FILE: writes the archive the Python on standard input makes.
pyarchive() { python3 - "$1"; }

# Item 4: no member vanishes: a dotfile, a name of 256 bytes, a folder
# path of more than 1023 bytes are reported; two releases in different
# deep folders stay two.
d=$tmp/drops
release "$d/in/ok" ok-2021
printf 'Hidden.\n' >"$d/in/ok/.hidden.en.txt"
deep1=$d/in/$(python3 -c "print('/'.join(['d' * 200] * 6))")
deep2=$d/in/$(python3 -c "print('/'.join(['e' * 200] * 6))")
release "$deep1" deep
release "$deep2" deep
batch -o "$d/out" "$d/in" 2>"$d/err"
s=$?
[ "$s" -eq 1 ] || fail "drops: exit $s, not 1"
reported "$d/out" "$d/err" ".hidden.en.txt: skipped: a hidden file" "drops: a dotfile"
[ "$(grep -c '	ru,en	' "$d/out/report.tsv")" -eq 3 ] ||
    fail "drops: two releases in deep folders are not two"
# A file name longer than a folder may hold comes in an archive.
pyarchive "$d/long.tar" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w', format=tarfile.PAX_FORMAT) as t:
    i = tarfile.TarInfo('ok/' + 'a' * 250 + '.en.txt'); i.size = 6
    t.addfile(i, io.BytesIO(b'Long.\n'))
PY
batch -o "$d/long" "$d/long.tar" 2>"$d/long.err"
reported "$d/long" "$d/long.err" "skipped: a file name of 257 bytes" "drops: a long name"

# A web page nested 200,000 deep loses its body past libxml2's element
# stack: reported with the limit, once; one nested 200 deep is read.
pyarchive "$d/deep.tar" <<'PY'
import io, sys, tarfile
def page(n):
    return ('<html><head><title>A new library opens</title></head><body>' +
        '<div>' * n + '<p>Astana, 3 March 2021. A new library opened in the'
        ' city today. It holds ten thousand books.</p>' + '</div>' * n +
        '</body></html>').encode()
with tarfile.open(sys.argv[1], 'w') as t:
    for name, data in [('a/deep-2021.en.htm', page(200000)),
                       ('a/fine-2021.en.htm', page(200))]:
        i = tarfile.TarInfo(name); i.size = len(data)
        t.addfile(i, io.BytesIO(data))
PY
batch -o "$d/deep" "$d/deep.tar" 2>"$d/deep.err"
s=$?
[ "$s" -eq 1 ] || fail "a deep page: exit $s, not 1"
grep -qF "deep-2021.en.htm: line 1: elements nested more than 256 deep (the limit)" \
    "$d/deep/report.tsv" || fail "a deep page: not in report.tsv"
grep -q "deep-2021.en.htm: no text" "$d/deep/report.tsv" &&
    fail "a deep page: said twice"
grep -q '^fine-2021	en	.*	1	' "$d/deep/report.tsv" ||
    fail "a page nested 200 deep was not read"

# A zip member whose name holds a NUL (libarchive reads the name up to
# it) is reported with its whole name, never read as the member named by
# the part before the NUL, which stays the one used.
pyarchive "$d/nul.zip" <<'PY'
import io, sys, zipfile
text = 'A new %s opens\n\nAstana, 3 March 2021. A new %s opened today.\n'
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('a/x-2021.en.txtQone', text % ('park', 'park'))
    z.writestr('a/x-2021.en.txt', text % ('library', 'library'))
    z.writestr('a/x-2021.en.txtQtwo', text % ('museum', 'museum'))
    z.writestr('Qa/y-2021.en.txt', text % ('road', 'road'))
data = buf.getvalue().replace(b'a/x-2021.en.txtQ', b'a/x-2021.en.txt\0')
open(sys.argv[1], 'wb').write(data.replace(b'Qa/y-', b'\0a/y-'))
PY
batch -o "$d/nul" "$d/nul.zip" 2>"$d/nul.err"
s=$?
[ "$s" -eq 1 ] || fail "zip names with a NUL: exit $s, not 1"
for n in 'a/x-2021.en.txt\x00one' 'a/x-2021.en.txt\x00two' '\x00a/y-2021.en.txt'; do
	reported "$d/nul" "$d/nul.err" "$n: skipped: the name holds a NUL byte" \
	    "zip names with a NUL"
done
grep -q 'library' "$d/nul/releases/x-2021/x-2021.en.md" ||
    fail "zip names with a NUL: the member of the plain name was not used"
grep -q 'park\|museum' "$d/nul/releases/x-2021/x-2021.en.md" &&
    fail "zip names with a NUL: a member was read under another's name"

# Operating-system files (.DS_Store, __MACOSX/, Thumbs.db, desktop.ini)
# are no release and no problem: skipped, named in batch.log only.
pyarchive "$d/mac.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('a/lib-2021.ru.txt', 'Новая библиотека открылась\n\nАстана, 3 марта 2021 года. Сегодня открылась новая библиотека.\n')
    z.writestr('a/lib-2021.en.txt', 'A new library opens\n\nAstana, 3 March 2021. A new library opened today.\n')
    z.writestr('a/.DS_Store', b'\0\0\0\1Bud1')
    z.writestr('__MACOSX/a/._lib-2021.en.txt', b'\0\5\26\7')
    z.writestr('__MACOSX/a/notes.en.txt', b'Not a release.\n')
    z.writestr('a/Thumbs.db', b'\xd0\xcf')
    z.writestr('a/Desktop.ini', b'[.ShellClassInfo]\n')
PY
batch -o "$d/mac" "$d/mac.zip" 2>"$d/mac.err"
s=$?
[ "$s" -eq 0 ] || fail "operating-system files: exit $s, not 0: $(cat "$d/mac.err")"
for f in a/.DS_Store __MACOSX/a/._lib-2021.en.txt __MACOSX/a/notes.en.txt \
    a/Thumbs.db a/Desktop.ini; do
	grep -qF "skipped: $f: operating-system file" "$d/mac/batch.log" ||
	    fail "operating-system files: $f not in batch.log"
done
grep -q 'DS_Store\|MACOSX\|Thumbs' "$d/mac/report.tsv" "$d/mac.err" &&
    fail "operating-system files: reported as problems"
grep -q '^lib-2021	ru,en	' "$d/mac/report.tsv" ||
    fail "operating-system files: the release beside them is lost"
# A folder copied from a Mac: the same.
release "$d/macdir/a" lib-2021
printf 'Bud1' >"$d/macdir/a/.DS_Store"
s=$(status batch -o "$d/macdir.out" "$d/macdir")
[ "$s" -eq 0 ] || fail "a .DS_Store in a folder: exit $s, not 0"

# Item 5: a broken archive is a problem; nothing read is an error.
d=$tmp/exit
mkdir -p "$d"
for i in 1 2 3 4 5 6 7 8; do release "$d/tree/r$i" "r$i"; done
(cd "$d/tree" && tar cf "$d/whole.tar" .)
head -c "$(($(wc -c <"$d/whole.tar") / 2))" "$d/whole.tar" >"$d/half.tar"
batch -o "$d/half" "$d/half.tar" 2>"$d/half.err"
s=$?
[ "$s" -eq 1 ] || fail "truncated tar: exit $s, not 1"
grep -q "the archive is broken" "$d/half/report.tsv" ||
    fail "truncated tar: not in the report"
head -c 1000 "$d/whole.tar" >"$d/start.tar"
s=$(status batch -o "$d/start" "$d/start.tar")
[ "$s" -eq 2 ] || fail "a tar cut before any release: exit $s, not 2"
: >"$d/empty.tar"
batch -o "$d/empty" "$d/empty.tar" 2>"$d/empty.err"
s=$?
[ "$s" -eq 2 ] || fail "empty input: exit $s, not 2"
grep -q "empty" "$d/empty.err" || fail "empty input: no message"
# A 7z on a pipe cannot be read (libarchive seeks in one): an error that
# says so, not "0 with problems" and exit 0.
if command -v bsdtar >/dev/null 2>&1; then
	(cd "$d/tree" && bsdtar --format 7zip -cf "$d/whole.7z" .)
	s=$(cat "$d/whole.7z" | { batch -o "$d/pipe7z" - 2>"$d/pipe7z.err"; echo $?; })
	[ "$s" -eq 2 ] || fail "a 7z on a pipe: exit $s, not 2"
	grep -q "not seekable" "$d/pipe7z.err" || fail "a 7z on a pipe: no message"
fi
# Fixed bytes, not random ones: random bytes now and then open with the
# magic of a format libarchive reads (compress, gzip...), and the run then
# fails otherwise.
printf '\377\376\375\374garbage, not a zip archive' >"$d/z30.zip"
s=$(status batch -o "$d/z30" "$d/z30.zip")
[ "$s" -eq 2 ] || fail "a zip of 30 bytes: exit $s, not 2"

# Item 6 and 16: one member past a limit costs itself only, said once; a
# bomb as a whole is refused, said once.
d=$tmp/bomb
mkdir -p "$d"
pyarchive "$d/one.tar.gz" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w:gz') as t:
    def add(name, data):
        i = tarfile.TarInfo(name); i.size = len(data)
        t.addfile(i, io.BytesIO(data))
    add('a/zeros.en.txt', b'\0' * (48 << 20))
    for k in range(3):
        add('a/r%d.en.txt' % k, b'A text in English, number %d. It is short.\n' % k)
        add('a/r%d.ru.txt' % k, ('Текст по-русски, номер %d. Он короткий.\n' % k).encode())
PY
batch -o "$d/one" "$d/one.tar.gz" 2>"$d/one.err"
s=$?
[ "$s" -eq 1 ] || fail "a bomb member: exit $s, not 1"
[ "$(grep -c '^r[0-9]	ru,en	' "$d/one/report.tsv")" -eq 3 ] ||
    fail "a bomb member: the other releases were not processed"
[ "$(grep -c 'zeros.en.txt: skipped: unpacks to more than' "$d/one.err")" -eq 1 ] ||
    fail "a bomb member: not said exactly once"
batch --max-total 1M -o "$d/whole" "$d/one.tar.gz" 2>"$d/whole.err"
s=$?
[ "$s" -eq 2 ] || fail "a bomb as a whole: exit $s, not 2"
[ "$(grep -c 'the archive as a whole' "$d/whole.err")" -eq 1 ] ||
    fail "a bomb as a whole: not said exactly once"

# Item 11: a member streams through the spool in pieces: memory does not
# grow with its size (a 192 MiB member costs less than 48 MB more than a
# run without it; held whole, it cost its size and more).
if [ -x /usr/bin/time ]; then
	d=$tmp/big
	release "$d/in/a" lib-2021
	(cd "$d/in" && tar cf "$d/small.tar" a)
	truncate -s 192M "$d/in/a/big.en.txt"
	(cd "$d/in" && tar cf "$d/big.tar" a)
	rm -f "$d/in/a/big.en.txt"
	/usr/bin/time -f %M -o "$d/small.rss" "$bin/habar-batch" -j 1 \
	    -o "$d/small" "$d/small.tar" 2>/dev/null
	/usr/bin/time -f %M -o "$d/big.rss" "$bin/habar-batch" -j 1 \
	    --max-member 1G -o "$d/big" "$d/big.tar" 2>/dev/null
	base=$(tail -n 1 "$d/small.rss") rss=$(tail -n 1 "$d/big.rss")
	[ $((rss - base)) -lt 49152 ] ||
	    fail "a 192 MiB member: $rss KiB, $((rss - base)) KiB over a run without it"
	rm -rf "$d"
fi

# Item 8: the output folder is not the input folder.
batch -o "$tmp/in" "$tmp/in" 2>"$tmp/same.err"
s=$?
[ "$s" -eq 2 ] || fail "-o DIR DIR: exit $s, not 2"
[ ! -e "$tmp/in/releases" ] || fail "-o DIR DIR: wrote into the input"

# Item 13: sizes are parsed strictly.
for bad in "--max-member 17179869184G" "--max-member 0" "--max-ratio -1" \
    "--max-total 1X" "--max-member 99999999999999999999999"; do
	s=$(status batch $bad -o "$tmp/size" "$tmp/in")
	[ "$s" -eq 2 ] || fail "$bad: exit $s, not 2"
done

# Item 14: in a folder, links, FIFOs and hard links are reported, a hard
# link's other name never read; a tree too deep is reported, not fatal.
d=$tmp/tree
release "$d/in/ok" ok-2021
printf 'Secret text outside.\n' >"$d/secret.en.txt"
ln "$d/secret.en.txt" "$d/in/ok/secret.en.txt"
ln -s "$d/secret.en.txt" "$d/in/ok/link.en.txt"
mkfifo "$d/in/ok/fifo.en.txt"
deep=$d/in/$(python3 -c "print('/'.join(['x'] * 70))")
release "$deep" deep-2021
batch -o "$d/out" "$d/in" 2>"$d/err"
s=$?
[ "$s" -eq 1 ] || fail "folder input: exit $s, not 1"
reported "$d/out" "$d/err" "secret.en.txt: skipped: a hard link" "a hard link"
reported "$d/out" "$d/err" "link.en.txt: skipped: a symbolic link" "a link"
reported "$d/out" "$d/err" "fifo.en.txt: skipped: a FIFO" "a FIFO"
reported "$d/out" "$d/err" "skipped: a folder nested more than 64 deep" "a deep tree"
grep -rq "Secret text" "$d/out/releases" && fail "a hard link was read"

# Item 16: member names reach neither stderr nor the report raw; a
# corrupt tar.gz is said to be broken once, not as members without names.
d=$tmp/names
mkdir -p "$d"
pyarchive "$d/names.tar" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w', format=tarfile.PAX_FORMAT) as t:
    for name in ['x/\x1b]0;title\x07\x1b[2J.xyz', 'x/forged\nhabar-batch: ok.lnk']:
        i = tarfile.TarInfo(name); i.size = 2
        t.addfile(i, io.BytesIO(b'x\n'))
PY
batch -o "$d/out" "$d/names.tar" 2>"$d/err"
if LC_ALL=C grep -q "$(printf '\033')" "$d/err" "$d/out/report.tsv"; then
	fail "names: an escape character reached stderr or the report"
fi
grep -qF '\x1B]0;title\x07\x1B[2J' "$d/err" || fail "names: not shown escaped"
grep -q '^habar-batch: ok.lnk' "$d/err" && fail "names: a forged line on stderr"
(cd "$tmp/exit/tree" && tar czf "$d/good.tar.gz" .)
python3 - "$d/good.tar.gz" "$d/corrupt.tar.gz" <<'PY'
import random, sys
d = bytearray(open(sys.argv[1], 'rb').read())
random.seed(3)
for k in range(40):
    i = random.randrange(200, len(d))
    d[i] ^= 0xff
open(sys.argv[2], 'wb').write(d)
PY
batch -o "$d/corrupt" "$d/corrupt.tar.gz" 2>"$d/corrupt.err"
grep -q ': : skipped' "$d/corrupt.err" && fail "corrupt tar.gz: members with empty names"
[ "$(grep -c 'broken' "$d/corrupt.err")" -le 1 ] ||
    fail "corrupt tar.gz: broken said more than once"

# Item 7: a release's versions in different folders are one release when
# that is unambiguous (each language once); otherwise they stay apart.
d=$tmp/folders
mkdir -p "$d/in/kk" "$d/in/пресс-релизы" "$d/in/2009" "$d/in/2010"
for id in roads-2020 parks-2021; do
	printf 'Жаңа жол ашылды\n\nАстана, 2020 жылғы 3 наурыз. Бүгін қалада жаңа жол ашылды. Ол он шақырым.\n' >"$d/in/kk/$id.txt"
	printf 'Открылась новая дорога\n\nАстана, 3 марта 2020 года. Сегодня в городе открылась новая дорога. Её длина десять километров.\n' >"$d/in/пресс-релизы/$id.ru.txt"
	printf 'A new road opens\n\nAstana, 3 March 2020. A new road opened in the city today. It is ten kilometres long.\n' >"$d/in/$id.en.txt"
done
release "$d/in/2009" news
release "$d/in/2010" news
batch -o "$d/out" "$d/in" 2>"$d/err"
s=$?
[ "$s" -eq 0 ] || fail "folders: exit $s, not 0: $(cat "$d/err")"
for id in roads-2020 parks-2021; do
	grep -q "^$id	kk,ru,en	" "$d/out/report.tsv" ||
	    fail "folders: $id not one trilingual release"
done
grep -q "пресс-релизы" "$d/out/report.tsv" &&
    fail "folders: a release named after its folder"
[ "$(grep -c '^2009-news	ru,en	\|^2010-news	ru,en	' "$d/out/report.tsv")" -eq 2 ] ||
    fail "folders: two releases of one name in two years were joined"

# Issue 13: the report counts each release's doubtful sentence links
# (confidence under 0.5): a Russian text that is not the English one's
# translation gives some, the report's header names the column.
d=$tmp/doubt
mkdir -p "$d/in"
printf 'Budget news\n\nAstana, 5 May 2022. The city council approved the budget for next year. Spending on schools grows by a tenth. Roads get less than before. The vote was unanimous.\n' >"$d/in/budget.en.txt"
printf 'Погода на неделю\n\nАстана, 5 мая 2022 года. Завтра ожидается сильный дождь, ветер, гроза, а ночью похолодает до нуля градусов, поэтому синоптики советуют всем жителям столицы взять с собой зонт и тёплую одежду, а водителям быть осторожнее на дорогах.\n' >"$d/in/budget.ru.txt"
batch -o "$d/out" "$d/in" 2>"$d/err"
head -1 "$d/out/report.tsv" | grep -q "	sentences_aligned	doubtful_links	" ||
    fail "doubtful links: no column in the report"
n=$(awk -F '\t' '$1 == "budget" { print $6 }' "$d/out/report.tsv")
[ "${n:-0}" -gt 0 ] 2>/dev/null || fail "doubtful links: none counted for unrelated texts ($n)"
grep -q "doubtful" "$d/err" || fail "doubtful links: not in the summary"

if [ "$failures" -ne 0 ]; then
	echo "hostile-batch: $failures failure(s)" >&2
	exit 1
fi
echo "hostile-batch: all checks passed"
exit 0

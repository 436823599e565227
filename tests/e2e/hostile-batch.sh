#!/bin/sh
# hostile-batch.sh (test): habar-batch against the hostile inputs and
# outputs of a red-team pass, each a reproduction that failed before its
# fix: a run turned away by the lock, links planted inside OUTDIR, ...
# (the items of each section say which).
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

if [ "$failures" -ne 0 ]; then
	echo "hostile-batch: $failures failure(s)" >&2
	exit 1
fi
echo "hostile-batch: all checks passed"
exit 0

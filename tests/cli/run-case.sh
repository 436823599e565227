#!/bin/sh
# run-case.sh PROGRAM CASE_DIR LOCALE: runs one command-line case.
#
# A case folder holds:
#   args      the arguments, one per line ("@SHARED@", "@SOURCE@" and
#             "@CASE@" are replaced by the shared corpus, the source tree
#             and the case folder)
#   stdin     (optional) standard input; /dev/null without it
#   expected  (optional) the exact expected standard output
#   status    (optional) the expected exit status, 0 without it
#   stderr    (optional) a fixed string standard error must contain
#   output    (optional) the exact expected contents of @TMP@/output, the
#             file an "-o @TMP@/output" case writes
#   needs     (optional) "shared": skip (77) when the shared corpus is absent
# The case runs under LC_ALL=LOCALE, as both "C" and "C.UTF-8" must work.
set -u
program=$1 case=$2 locale=$3
shared=${HABAR_SHARED:-}
source=${HABAR_SOURCE:-}

if [ -f "$case/needs" ] && grep -q shared "$case/needs" && [ ! -d "$shared/corpus" ]; then
	echo "skipped: the shared corpus is not at $shared"
	exit 77
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# Build the argument list, one line an argument, placeholders replaced.
set --
while IFS= read -r arg || [ -n "$arg" ]; do
	arg=$(printf '%s' "$arg" | sed -e "s|@SHARED@|$shared|g" \
	    -e "s|@SOURCE@|$source|g" -e "s|@CASE@|$case|g" -e "s|@TMP@|$tmp|g")
	set -- "$@" "$arg"
done < "$case/args"

input=/dev/null
[ -f "$case/stdin" ] && input=$case/stdin
LC_ALL=$locale "$program" "$@" < "$input" > "$tmp/out" 2> "$tmp/err"
got=$?
want=0
[ -f "$case/status" ] && want=$(cat "$case/status")

failed=0
if [ "$got" != "$want" ]; then
	echo "exit status $got, expected $want"
	failed=1
fi
if [ -f "$case/expected" ] && ! cmp -s "$case/expected" "$tmp/out"; then
	echo "standard output differs from $case/expected:"
	diff -u "$case/expected" "$tmp/out" | head -40
	failed=1
fi
if [ -f "$case/output" ] && ! cmp -s "$case/output" "$tmp/output"; then
	echo "@TMP@/output differs from $case/output:"
	diff -u "$case/output" "$tmp/output" 2>&1 | head -40
	failed=1
fi
if [ -f "$case/stderr" ] && ! grep -qF -- "$(cat "$case/stderr")" "$tmp/err"; then
	echo "standard error lacks: $(cat "$case/stderr")"
	failed=1
fi
if grep -q -e 'runtime error:' -e 'AddressSanitizer' -e 'LeakSanitizer' \
    -e 'ThreadSanitizer' "$tmp/err"; then
	echo "sanitizer report:"
	failed=1
fi
if [ $failed -ne 0 ]; then
	echo "--- stderr:"
	cat "$tmp/err"
fi
exit $failed

#!/bin/sh
# readme-tours.sh (test): runs the commands of README.md's two tours, for a
# press officer and for a translator, exactly as README.md writes them, in
# a folder holding a copy of samples/, with the built programs first on
# PATH.  Every indented line of the sections "## Five minutes ..." is a
# command, run in order.  A command may exit 0 or 1 (1: something to look
# at, as habar make and habar-qa say); 2 or a signal fails the test, as
# does a tour that lost its commands or an output the text promises.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.
# Exit 0 when all holds, 1 on a failed check.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-tours.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() { printf 'readme tours: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }

awk '/^## / { tour = ($0 ~ /^## Five minutes/) }
    tour && /^    [^ ]/ { sub(/^    /, ""); print }' "$src/README.md" \
    > "$tmp/commands"
n=$(wc -l < "$tmp/commands")
# Two tours of several steps each: fewer lines means the extraction or
# the README lost them.
[ "$n" -ge 10 ] || fail "only $n commands found in README.md's tours"

cp -R "$src/samples" "$tmp/samples"
cd "$tmp" || exit 2
PATH=$bin:$PATH
export PATH
i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	sh -c "$cmd" > "$tmp/out.$i" 2> "$tmp/err.$i" < /dev/null
	st=$?
	if [ $st -gt 1 ]; then
		fail "exit $st: $cmd"
		head -5 "$tmp/err.$i" >&2
	fi
done < "$tmp/commands"

# What the tours say they make.
for f in road/road-safety-2026.zip road/spelling.kk.txt ru.md kk-Latn.md \
    ru.seg.md ru-en.xlf road-safety-2026.en.md road.xml memory.tmx next.xlf; do
	[ -s "$f" ] || fail "no $f"
done
grep -q 'Dana Mukhametova' kk-Latn.md ||
    fail "the exceptions file did not spell the name"
grep -q '^lang: kk-Latn' kk-Latn.md || fail "kk-Latn.md is not in Latin"

[ $failures -eq 0 ] || exit 1
echo "readme tours: $n commands ran"

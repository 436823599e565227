#!/bin/sh
# man-pages.sh (test): every page of pipeline/tools/*.1 formats without a
# warning under groff -ww, as man(1) would show it.  A page is ASCII: a
# Kazakh or Russian example is written with groff's escapes (\[u04D8] for
# Ә), because groff reads its input as Latin-1 unless preconv runs first,
# and a raw UTF-8 letter then gives one "invalid input character" warning
# a byte (man-db runs preconv, groff -man alone does not).
#
# Environment (set by ctest): HABAR_SOURCE.
# Exit 0 clean, 1 when a page warns or holds a byte past ASCII, 77 when
# groff is not installed.
set -u

src=${HABAR_SOURCE:?}
if ! command -v groff >/dev/null 2>&1; then
	echo "man-pages: groff not installed: skipped"
	exit 77
fi
failures=0
pages=0
for page in "$src"/pipeline/tools/*.1; do
	pages=$((pages + 1))
	name=${page##*/}
	# The line of the first byte past ASCII, with a hint.
	line=$(LC_ALL=C grep -n '[^ -~	]' "$page" | head -n 1 | cut -d: -f1)
	if [ -n "$line" ]; then
		echo "man-pages: FAIL: $name:$line: a byte past ASCII (write" \
		    "the letter as \\[uXXXX])" >&2
		failures=$((failures + 1))
	fi
	warnings=$(LC_ALL=C groff -man -Tutf8 -ww -z "$page" 2>&1)
	if [ -n "$warnings" ]; then
		printf 'man-pages: FAIL: %s: groff says:\n%s\n' "$name" \
		    "$warnings" >&2
		failures=$((failures + 1))
	fi
done
# Fourteen programs at least: fewer means the glob lost them.
if [ "$pages" -lt 14 ]; then
	echo "man-pages: FAIL: only $pages pages found" >&2
	failures=$((failures + 1))
fi
[ "$failures" -eq 0 ] || exit 1
echo "man-pages: $pages pages clean"

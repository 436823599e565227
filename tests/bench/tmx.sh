#!/bin/sh
# tmx.sh (benchmark): habar-tmx merging a large memory.  Generates a
# three-language TMX of SIZE MB (tests/bench/make-tmx.py: habar-like units,
# one in ten a duplicate), merges it with habar-tmx and prints wall time,
# peak resident memory and its share of the input; beside it, the anchors
# run on the same file: libxml2's own tree parse (xmllint --noout, what a
# DOM reader costs) and its streaming parse (xmllint --stream --noout).
#
# usage: tests/bench/tmx.sh [BINDIR] [SIZE_MB]   (default: build/bin 200)
# The goal (issue 17): a 200 MB TMX merged in memory under half its size.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${1:-$src/build/bin}
mb=${2:-200}
[ -x /usr/bin/time ] || { echo "tmx.sh: GNU time (package time) missing" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-tmx-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 "$here/make-tmx.py" --mb "$mb" "$tmp/in.tmx"
size=$(wc -c < "$tmp/in.tmx")
units=$(grep -c '<tu ' "$tmp/in.tmx" || true)
printf 'input: %s bytes, %s units\n' "$size" "$units"
printf '%-28s %8s %12s %8s\n' program seconds peak_MB of_input

# run NAME COMMAND...: one line of figures.
run() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err" ||
	    { printf '%-28s failed: %s\n' "$name" "$(head -c 200 "$tmp/err")"; return 0; }
	read -r secs kib < "$tmp/time"
	awk -v n="$name" -v s="$secs" -v k="$kib" -v b="$size" 'BEGIN {
		printf "%-28s %8.2f %12.1f %7.1f%%\n", n, s, k / 1024, 100 * k * 1024 / b }'
}

run "habar-tmx" "$bin/habar-tmx" -o "$tmp/out.tmx" "$tmp/in.tmx"
printf 'output: %s units\n' "$(grep -c '<tu[ >]' "$tmp/out.tmx" || true)"
run "habar-tmx --pair en-kk" "$bin/habar-tmx" --pair en-kk -o "$tmp/out.tmx" \
    "$tmp/in.tmx"
if command -v xmllint > /dev/null; then
	run "xmllint --noout (tree)" xmllint --noout --huge "$tmp/in.tmx"
	run "xmllint --stream --noout" xmllint --stream --noout "$tmp/in.tmx"
fi

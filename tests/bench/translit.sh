#!/bin/sh
# translit.sh: habar-translit's throughput and memory, side by side with
# ICU's uconv running the very same rule files (and, for scale, ICU's own
# Kazakh-Latin/BGN transform, a different romanisation).
#
# usage: tests/bench/translit.sh [--quick] [MEGABYTES]
#   MEGABYTES  size of the test text, made by repeating the Kazakh corpus
#              ($HABAR_SHARED/corpus/kk, read in place; default 30)
#   --quick    skip the 500 MB streaming run that measures peak memory
# Environment: HABAR_BIN (default <source>/build/bin), HABAR_SHARED
# (default <source>/../shared).  Times are CPU seconds (user + system), so
# that other work on the machine disturbs them less; MB/s = input MB / CPU s.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${HABAR_BIN:-$src/build/bin}
shared=${HABAR_SHARED:-$src/../shared}
quick=0
[ "${1:-}" = --quick ] && { quick=1; shift; }
mb=${1:-30}
kk=$shared/corpus/kk
[ -d "$kk" ] || { echo "no Kazakh corpus at $kk" >&2; exit 77; }
command -v uconv > /dev/null || { echo "uconv (icu-devtools) is missing" >&2; exit 77; }
[ -x "$bin/habar-translit" ] || { echo "no $bin/habar-translit" >&2; exit 2; }
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The text: the corpus repeated to about MEGABYTES.
want=$((mb * 1000000))
: > "$tmp/cyrl"
while [ "$(wc -c < "$tmp/cyrl")" -lt "$want" ]; do
	cat "$kk"/*.txt >> "$tmp/cyrl"
done
size=$(wc -c < "$tmp/cyrl")
rules_latn=$(cat "$src/locales/kk/cyrl-latn.txt")
rules_cyrl=$(cat "$src/locales/kk/latn-cyrl.txt")

# run LABEL INPUT OUTPUT COMMAND...: CPU seconds and peak RSS of one run.
run() {
	label=$1 input=$2 output=$3
	shift 3
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" < "$input" > "$output"
	read -r user sys rss < "$tmp/time"
	awk -v l="$label" -v u="$user" -v s="$sys" -v r="$rss" -v b="$size" 'BEGIN {
		t = u + s; if (t < 0.01) t = 0.01
		printf "  %-44s %7.2f s %8.1f MB/s %7.1f MB RSS\n", l, t, b / 1e6 / t, r / 1024
	}'
}

printf 'habar-translit benchmark: %.1f MB of Kazakh text (corpus/kk repeated)\n' \
    "$(echo "$size" | awk '{print $1 / 1e6}')"
echo "Cyrillic to Latin:"
run "habar-translit --to kk-Latn" "$tmp/cyrl" "$tmp/latn" \
    "$bin/habar-translit" --to kk-Latn
run "habar-translit --all --to kk-Latn" "$tmp/cyrl" "$tmp/latn-all" \
    "$bin/habar-translit" --all --to kk-Latn
run "uconv -x cyrl-latn.txt (same rules)" "$tmp/cyrl" "$tmp/latn-icu" \
    uconv -f utf-8 -t utf-8 -x "$rules_latn"
if uconv -L 2>/dev/null | tr ' ' '\n' | grep -qx 'Kazakh-Latin/BGN'; then
	run "uconv -x Kazakh-Latin/BGN (ICU's own)" "$tmp/cyrl" "$tmp/bgn" \
	    uconv -f utf-8 -t utf-8 -x Kazakh-Latin/BGN
fi
echo "Latin to Cyrillic:"
run "habar-translit --to kk-Cyrl" "$tmp/latn-all" "$tmp/back" \
    "$bin/habar-translit" --to kk-Cyrl
run "habar-translit --all --to kk-Cyrl" "$tmp/latn-all" "$tmp/back-all" \
    "$bin/habar-translit" --all --to kk-Cyrl
run "uconv -x latn-cyrl.txt (same rules)" "$tmp/latn-all" "$tmp/back-icu" \
    uconv -f utf-8 -t utf-8 -x "$rules_cyrl"

same() { cmp -s "$1" "$2" && echo identical || echo DIFFERENT; }
echo "Output of --all against uconv with the same rules:"
echo "  to kk-Latn: $(same "$tmp/latn-all" "$tmp/latn-icu")"
echo "  to kk-Cyrl: $(same "$tmp/back-all" "$tmp/back-icu")"
lines=$(wc -l < "$tmp/cyrl")
back_same=$(paste -d '\n' "$tmp/cyrl" "$tmp/back" | awk 'NR % 2 { a = $0; next } a == $0' | wc -l)
echo "Lines back unchanged after kk-Latn then kk-Cyrl (default mode): $back_same of $lines"

if [ "$quick" -eq 0 ]; then
	# Flat memory: 500 MB streamed through a pipe, never stored.
	echo "Streaming 500 MB through habar-translit --to kk-Latn:"
	reps=$((500000000 / size + 1))
	# The generator runs outside /usr/bin/time, which measures
	# habar-translit alone.
	sh -c 'i=0; while [ "$i" -lt "$1" ]; do cat "$2"; i=$((i + 1)); done |
	    head -c 500000000' sh "$reps" "$tmp/cyrl" |
	    /usr/bin/time -f '%U %S %M' -o "$tmp/time" \
	    "$bin/habar-translit" --to kk-Latn > /dev/null
	read -r user sys rss < "$tmp/time"
	awk -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
		printf "  500 MB: %.1f CPU s, %.1f MB/s, peak RSS %.1f MB (limit 32 MB)\n",
		    u + s, 500 / (u + s), r / 1024
	}'
fi

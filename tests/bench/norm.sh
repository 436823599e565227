#!/bin/sh
# norm.sh: habar-norm beside `uconv -x any-nfc` (its anchor), `cat` and
# `iconv -f UTF-8 -t UTF-8` on the shared corpus: speed, memory, parity.
#
#   tests/bench/norm.sh [BUILD_DIR]      (default: build)
#
# 1. Speed: every .txt file of $HABAR_SHARED/corpus that is valid UTF-8,
#    concatenated (the few legacy 8-bit files are left out: uconv stops at
#    their first byte), NORM_REPEAT times over, read from a file; best of
#    three runs; MB/s by wall clock and by CPU time.  The goal is
#    habar-norm >= 5x uconv.
# 2. Memory: the same text repeated to about NORM_STREAM_MB (default 500)
#    MB and piped through habar-norm; peak RSS (goal: < 32 MB).
# 3. Parity: the lines where habar-norm's output differs from uconv's.
#    Each must be explained by a rule: the script runs habar-norm once
#    per rule with only that rule on, and counts the differing lines that
#    no single rule produces (goal: 0).  With every rule off
#    (--skip all) the output must equal uconv's byte for byte.
# Environment: HABAR_SHARED (default: ../shared beside the source tree),
# NORM_LANG (default ru), NORM_STREAM_MB, NORM_REPEAT.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source=$(cd "$here/../.." && pwd)
build=${1:-$source/build}
shared=${HABAR_SHARED:-$source/../shared}
lang=${NORM_LANG:-ru}
stream_mb=${NORM_STREAM_MB:-500}
norm=$build/bin/habar-norm

[ -x "$norm" ] || { echo "norm.sh: $norm not built" >&2; exit 2; }
[ -d "$shared/corpus" ] || { echo "norm.sh: no corpus at $shared/corpus" >&2; exit 77; }
command -v uconv >/dev/null || { echo "norm.sh: uconv (icu-devtools) missing" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "norm.sh: GNU time (package time) missing" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
all=$tmp/corpus.txt
: > "$all"
skipped=0
for f in $(find "$shared/corpus" -name '*.txt' | LC_ALL=C sort); do
	if iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then
		cat "$f" >> "$all"
	else
		skipped=$((skipped + 1))
	fi
done
bytes=$(wc -c < "$all")
echo "corpus: $bytes bytes of valid UTF-8 .txt ($skipped non-UTF-8 files left out)"
# The speed runs read the corpus NORM_REPEAT times over (default 4), so
# that the CPU times, counted in hundredths, mean something.
repeat=${NORM_REPEAT:-4}
speed=$tmp/speed.txt
i=0
while [ $i -lt "$repeat" ]; do cat "$all"; i=$((i + 1)); done > "$speed"
speed_bytes=$(wc -c < "$speed")

# best_of_3 CMD...: prints the best wall time and the best CPU time
# (user + system) in seconds of three runs.  The machine may be shared:
# CPU time is the steadier figure when it is busy.
best_of_3() {
	for i in 1 2 3; do
		/usr/bin/time -f '%e %U %S' -o "$tmp/t" "$@" < "$speed" > /dev/null 2>&1 || true
		cat "$tmp/t"
	done | awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 + $3 < c { c = $2 + $3 }
	    END { printf "%.3f %.3f", w, c }'
}

mbs() {
	echo "$speed_bytes $1" | awk '{ printf "%.1f", $1 / 1e6 / ($2 > 0 ? $2 : 0.001) }'
}

echo
echo "speed: the corpus $repeat times over, $speed_bytes bytes, --lang $lang"
printf '%-34s %8s %8s %9s %9s\n' "" "wall s" "cpu s" "MB/s wall" "MB/s cpu"
for tool in cat iconv uconv norm norm-nfc; do
	case $tool in
	cat)	  r=$(best_of_3 cat); label="cat" ;;
	iconv)	  r=$(best_of_3 iconv -f UTF-8 -t UTF-8); label="iconv -f UTF-8 -t UTF-8" ;;
	uconv)	  r=$(best_of_3 uconv -x any-nfc); u=$r; label="uconv -x any-nfc" ;;
	norm)	  r=$(best_of_3 "$norm" --lang "$lang"); n=$r; label="habar-norm --lang $lang" ;;
	norm-nfc) r=$(best_of_3 "$norm" --lang "$lang" --skip all); label="habar-norm --skip all (NFC only)" ;;
	esac
	set -- $r
	printf '%-34s %8.3f %8.3f %9s %9s\n' "$label" "$1" "$2" "$(mbs "$1")" "$(mbs "$2")"
done
echo "$u $n" | awk '{ printf "habar-norm / uconv speed ratio: %.1fx wall, %.1fx cpu (goal >= 5x)\n",
    $1 / ($3 > 0 ? $3 : 0.001), $2 / ($4 > 0 ? $4 : 0.001) }'

echo
# Peak RSS from GNU time (a measurement from inside Python would count
# the interpreter's memory copied into the child before it runs).
reps=$(( (stream_mb * 1000000 + bytes - 1) / bytes ))
i=0
t0=$(date +%s.%N)
while [ $i -lt $reps ]; do cat "$all"; i=$((i + 1)); done |
    /usr/bin/time -v "$norm" --lang "$lang" > /dev/null 2> "$tmp/time.txt" || true
t1=$(date +%s.%N)
rss=$(awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }' "$tmp/time.txt")
echo "$reps $bytes $t0 $t1 $rss" | awk '{ mb = $1 * $2 / 1e6; t = $4 - $3;
    printf "memory: %.0f MB piped through habar-norm in %.1f s (%.0f MB/s): " \
    "peak RSS %s MB (goal < 32 MB)\n", mb, t, mb / t, $5 }'

echo
rules="lookalike quotes apostrophes dashes spaces invisible controls trailing eol"
uconv -x any-nfc < "$all" > "$tmp/uconv.out"
"$norm" --lang "$lang" < "$all" > "$tmp/all.out" || true
"$norm" --lang "$lang" --skip all < "$all" > "$tmp/none.out" || true
for r in $rules; do
	others=$(echo $rules | tr ' ' '\n' | grep -vx "$r" | paste -sd, -)
	"$norm" --lang "$lang" --skip "$others" < "$all" > "$tmp/only-$r.out" || true
done
python3 - "$tmp" $rules <<'PY'
import sys
tmp, rules = sys.argv[1], sys.argv[2:]
def lines(name):
    return open('%s/%s' % (tmp, name), 'rb').read().split(b'\n')
ref = lines('uconv.out')
def differing(name):
    out = lines(name)
    if len(out) != len(ref):
        print('%s: %d lines, uconv %d: line structure changed!' % (name, len(out), len(ref)))
    return {i for i, (a, b) in enumerate(zip(out, ref)) if a != b}
none = differing('none.out')
alld = differing('all.out')
print('parity with uconv -x any-nfc: %d lines' % len(ref))
print('  all rules on:  %d lines differ' % len(alld))
print('  all rules off: %d lines differ (goal 0)' % len(none))
union = set()
for r in rules:
    d = differing('only-%s.out' % r)
    union |= d
    print('  only %-12s %7d lines differ' % (r + ':', len(d)))
print('  differing lines that no single rule explains: %d (goal 0)' % len(alld - union))
PY

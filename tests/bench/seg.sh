#!/bin/sh
# seg.sh: sentence segmentation, habar-seg's rules beside ICU's own
# BreakIterator, on the shared corpus: F1 of the boundaries and speed.
#
#   tests/bench/seg.sh [BUILD_DIR]      (default: build)
#
# Texts: NTREX news (one sentence a line, grouped into paragraphs of up to
# four sentences of one document by ntrex.document-ids.tsv) and the UD
# treebanks' sentences (grouped the same way, in order); KazNERD's test
# sentences (Kazakh news and broadcast transcripts) as text the rules were
# not tuned on.  A sentence without
# final punctuation ends its paragraph, as a headline would.  The lines are
# the gold; only the boundaries inside paragraphs are scored.  See
# tests/bench/seg_eval_icu.c.
#
# Columns: habar's F1; ICU with the locale's "@ss=standard" suppressions;
# plain ICU; then the speed of habar and of plain ICU (MB/s of processor
# time, the best of three runs of SEG_REPEAT passes each) and the ratio of
# habar's time to ICU's.  The goal is
# F1 >= 0.995 and a ratio within 1.5.
# Environment: HABAR_SHARED (default: ../shared beside the source tree),
# SEG_REPEAT (default 20).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source=$(cd "$here/../.." && pwd)
build=${1:-$source/build}
shared=${HABAR_SHARED:-$source/../shared}
repeat=${SEG_REPEAT:-20}
eval_bin=$build/tests/seg_eval_icu
corpus=$shared/corpus

if [ ! -x "$eval_bin" ]; then
	echo "seg.sh: $eval_bin not built (cmake --build $build --target seg_eval_icu)" >&2
	exit 2
fi
if [ ! -d "$corpus" ]; then
	echo "seg.sh: no shared corpus at $shared" >&2
	exit 77
fi

# field NAME LINE: the value after NAME in seg_eval_icu's output line.
field() {
	printf '%s\n' "$2" | awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'
}

# best_speed ARGS...: the highest MB/s of three timed runs.
best_speed() {
	best=0
	for _ in 1 2 3; do
		out=$("$eval_bin" --repeat "$repeat" "$@")
		speed=$(field mb_per_s "$out")
		best=$(awk -v a="$best" -v b="$speed" 'BEGIN { print (b > a) ? b : a }')
	done
	echo "$best"
}

printf '%-7s %-4s %10s %10s %10s %10s %10s %6s\n' corpus lang habar-F1 \
    ICU@ss-F1 ICU-F1 habar-MB/s ICU-MB/s ratio
docs=$corpus/parallel-news/ntrex.document-ids.tsv
for row in "ntrex en parallel-news/ntrex.eng.txt" \
    "ntrex ru parallel-news/ntrex.rus.txt" \
    "ntrex kk parallel-news/ntrex.kaz.txt" \
    "ud en en/ud-ewt.en.txt" "ud ru ru/ud-taiga.ru.txt" "ud kk kk/ud-ktb.txt" \
    "kaznerd kk kk/kaznerd-test.txt"; do
	set -- $row
	name=$1 lang=$2 file=$corpus/$3
	if [ "$name" = ntrex ]; then
		set -- --docs "$docs" "$file"
	else
		set -- "$file"
	fi
	habar=$("$eval_bin" --lang "$lang" "$@")
	icu_ss=$("$eval_bin" --icu "$lang@ss=standard" "$@")
	icu=$("$eval_bin" --icu "$lang" "$@")
	habar_speed=$(best_speed --lang "$lang" "$@")
	icu_speed=$(best_speed --icu "$lang" "$@")
	ratio=$(awk -v a="$habar_speed" -v b="$icu_speed" 'BEGIN { printf "%.2f", (a > 0) ? b / a : 0 }')
	printf '%-7s %-4s %10s %10s %10s %10s %10s %6s\n' "$name" "$lang" \
	    "$(field f1 "$habar")" "$(field f1 "$icu_ss")" "$(field f1 "$icu")" \
	    "$habar_speed" "$icu_speed" "$ratio"
done

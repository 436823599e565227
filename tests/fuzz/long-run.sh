#!/bin/sh
# long-run.sh: every fuzz target for a long, open-ended run from its seeds
# (ctest gives each a fixed budget of inputs; this is the run before a
# release, or after a change to a reader).
#
#   tests/fuzz/long-run.sh BUILD [SECONDS] [TARGET...]
#
# BUILD is a clang sanitizer build (cmake -DHABAR_SANITIZE=ON
# -DCMAKE_C_COMPILER=clang), whose fuzz_* programs are libFuzzer targets.
# Each target runs SECONDS (default 600, ten minutes) from
# tests/fuzz/seeds/<target>/ into BUILD/fuzz-long/<target>/, a corpus kept
# between runs; a crash, leak, timeout or out-of-memory input is saved in
# BUILD/fuzz-long/artifacts/ and named.  Prints one line a target: inputs
# run, coverage (edges), corpus size and the verdict; exit 1 when any
# target found something.
set -u

build=${1:?usage: long-run.sh BUILD [SECONDS] [TARGET...]}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift $#
here=$(cd "$(dirname "$0")" && pwd)
out=$build/fuzz-long
mkdir -p "$out/artifacts"

targets=$*
if [ -z "$targets" ]; then
	for f in "$build"/tests/fuzz_*; do
		[ -x "$f" ] && targets="$targets ${f##*/fuzz_}"
	done
fi
[ -n "$targets" ] || { echo "long-run: no fuzz targets in $build/tests" >&2; exit 2; }

found=0
for t in $targets; do
	prog=$build/tests/fuzz_$t
	if ! "$prog" -help=1 2>&1 | grep -q libFuzzer; then
		echo "long-run: $prog is not a libFuzzer target (build with clang)" >&2
		exit 2
	fi
	mkdir -p "$out/$t"
	log=$out/$t.log
	# The environment ctest gives the targets: data files and the corpus.
	# The data directories are named too, so that targets copied out of
	# their build tree (or run under another name) still find the
	# dictionaries, rules and converters: without them some targets
	# (spell, decode, align, import, manifest) quietly test less.
	HABAR_DATADIR=${HABAR_DATADIR:-$(cd "$here/../.." && pwd):$(cd "$build" && pwd)/share/habar} \
	HABAR_SOURCE=${HABAR_SOURCE:-$(cd "$here/../.." && pwd)} \
	HABAR_SHARED=${HABAR_SHARED:-$here/../../../shared} \
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	LSAN_OPTIONS=suppressions=$here/../lsan.supp \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    "$prog" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
	    -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" \
	    "$out/$t" "$here/seeds/$t" > "$log" 2>&1
	status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	files=$(ls "$out/$t" | wc -l)
	if [ $status -eq 0 ]; then
		verdict=clean
	else
		verdict="FOUND (exit $status): $(ls -t "$out/artifacts" | head -1)"
		found=1
	fi
	printf '%-10s %8s runs %6s edges %6s corpus  %s\n' "$t" \
	    "${runs:-?}" "${edges:-?}" "$files" "$verdict"
done
exit $found

#!/bin/sh
# qa.sh: habar-qa against injected errors in NTREX triples, pofilter beside
# it (see qa_bench.py for what is measured and how).  Run from anywhere:
#   tests/bench/qa.sh [--quick] [--speed MB] [--seed S] [--show-misses]
# HABAR_BIN (the built programs, default build/bin), HABAR_SHARED (the
# shared corpus, default ../shared beside the source tree) and POFILTER_PYTHON
# (a Python with Translate Toolkit; found when unset, "none" to leave
# pofilter out) may be set.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source=$(cd "$here/../.." && pwd)
bin=${HABAR_BIN:-$source/build/bin}
shared=${HABAR_SHARED:-$source/../shared}
if [ ! -x "$bin/habar-qa" ]; then
	echo "qa.sh: $bin/habar-qa not built (set HABAR_BIN)" >&2
	exit 2
fi
if [ ! -d "$shared/corpus/parallel-news" ]; then
	echo "qa.sh: no shared corpus at $shared (set HABAR_SHARED)" >&2
	exit 77
fi
py=${POFILTER_PYTHON:-}
if [ -z "$py" ]; then
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import translate.filters.pofilter' 2>/dev/null; then
			py=$p
			break
		fi
	done
fi
if [ -n "$py" ] && [ "$py" != none ]; then
	set -- --pofilter "$py" "$@"
else
	echo "qa.sh: no Translate Toolkit: pofilter left out" >&2
fi
exec python3 "$here/qa_bench.py" "$bin/habar-qa" "$shared" "$@"

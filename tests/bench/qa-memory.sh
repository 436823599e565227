#!/bin/sh
# qa-memory.sh [SIZE_MB]: habar-qa's peak memory on a large TMX, made of
# the NTREX-128 sentence triples (../shared/corpus/parallel-news) written
# again and again (qa_bench.py's writer) up to SIZE_MB megabytes (1000 by
# default) and on a tenth of it: flat memory means the two peaks are
# close.  The anchor, in the same run: xmllint --stream reading the same
# file (libxml2's reader alone).  Measured with /usr/bin/time -v; prints
# figures, checks nothing; the files are made under TMPDIR and removed.
# HABAR_BIN (default build/bin) and HABAR_SHARED (default ../shared
# beside the source tree) may be set.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source=$(cd "$here/../.." && pwd)
bin=${HABAR_BIN:-$source/build/bin}
shared=${HABAR_SHARED:-$source/../shared}
size=${1:-1000}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)"; exit 77; }
[ -d "$shared/corpus/parallel-news" ] || { echo "no shared corpus at $shared"; exit 77; }
[ -x "$bin/habar-qa" ] || { echo "qa-memory.sh: $bin/habar-qa not built" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-qa-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 - "$here" "$shared" "$size" "$tmp" <<'PY'
import os, sys
sys.path.insert(0, sys.argv[1])
import qa_bench
units = qa_bench.read_units(sys.argv[2])
one = os.path.join(sys.argv[4], "one.tmx")
qa_bench.write_tmx(one, units)
reps = max(1, int(float(sys.argv[3]) * 1e6 / os.path.getsize(one)))
qa_bench.write_tmx(os.path.join(sys.argv[4], "big.tmx"), units, reps)
qa_bench.write_tmx(os.path.join(sys.argv[4], "small.tmx"), units,
                   max(1, reps // 10))
PY

. "$here/peak.sh"
for f in small big; do
	mb=$(($(wc -c <"$tmp/$f.tmx") / 1000000))
	peak "habar-qa, $mb MB TMX" "$bin/habar-qa" --format tsv "$tmp/$f.tmx"
	if command -v xmllint >/dev/null 2>&1; then
		peak "xmllint --stream, $mb MB TMX" xmllint --stream --noout \
		    "$tmp/$f.tmx"
	fi
done

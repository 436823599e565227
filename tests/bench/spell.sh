#!/bin/sh
# spell.sh: habar-spell side by side with hunspell -l (see spell_bench.py
# for what is measured and how).  Run from anywhere:
#   tests/bench/spell.sh [--quick] [--no-speed] [--lang=kk]...
# HABAR_BIN (the built programs, default build/bin) and HABAR_SHARED (the
# shared corpus, default ../shared beside the source tree) may be set.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source=$(cd "$here/../.." && pwd)
bin=${HABAR_BIN:-$source/build/bin}
shared=${HABAR_SHARED:-$source/../shared}
if [ ! -x "$bin/habar-spell" ]; then
	echo "spell.sh: $bin/habar-spell not built (set HABAR_BIN)" >&2
	exit 2
fi
if [ ! -d "$shared/corpus/parallel-news" ]; then
	echo "spell.sh: no shared corpus at $shared (set HABAR_SHARED)" >&2
	exit 77
fi
command -v hunspell >/dev/null || { echo "spell.sh: hunspell missing" >&2; exit 77; }
exec python3 "$here/spell_bench.py" "$bin/habar-spell" "$shared" "$@"

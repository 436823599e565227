#!/bin/sh
# batch.sh (benchmark): habar-batch end to end on generated archives of
# trilingual releases (tests/bench/make-archive.py: about 3 KB per
# language, five layouts, eight encodings, web pages, presentations).
#
# Prints, for 1,000 and for 2,000 releases: wall time, releases per
# second and peak resident memory (flat memory: the second figure should
# not grow with the archive), and beside them the anchor: the same
# releases through the single-purpose programs one process per release
# (habar-pack on the texts habar-batch wrote: aligning and packing only),
# on the first 100 releases.
#
# usage: tests/bench/batch.sh [BINDIR] [COUNTS...]   (default: build/bin 1000 2000)
# The goal (docs/habar-batch.md): 1,000 releases in under 30 s on 2 cores.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${1:-$src/build/bin}
[ $# -gt 0 ] && shift
counts=${*:-1000 2000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-batch-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Runs a command, prints "wall_seconds peak_rss_kib" (children's rusage).
measure() {
	python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
t0 = time.monotonic()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
wall = time.monotonic() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("%.2f %d %d" % (wall, rss, rc))
EOF
}

# A warm-up run, not reported: the first run after a build pays for
# loading the dictionaries and data from disk.
python3 "$here/make-archive.py" -n 50 "$tmp/warm.zip"
"$bin/habar-batch" -o "$tmp/warm" "$tmp/warm.zip" 2>/dev/null || true

echo "habar-batch benchmark: $(nproc) cores, $(date -u +%Y-%m-%d)"
printf '%-9s %-10s %-9s %-12s %-10s %s\n' releases archive wall_s releases/s peak_RSS_MiB exit
for n in $counts; do
	python3 "$here/make-archive.py" -n "$n" \
	    --pptx "$src/samples/road-safety-2026/road-safety-2026.pptx" \
	    "$tmp/a$n.zip"
	size=$(du -k "$tmp/a$n.zip" | cut -f1)
	set -- $(measure "$bin/habar-batch" -o "$tmp/out$n" "$tmp/a$n.zip")
	printf '%-9s %-10s %-9s %-12s %-10s %s\n' "$n" "${size}K" "$1" \
	    "$(python3 -c "print('%.1f' % ($n / $1))")" \
	    "$(python3 -c "print('%.1f' % ($2 / 1024))")" "$3"
	last=$tmp/out$n
done

# The anchor: one habar-pack process per release, 100 releases.
ids=$(ls "$last/releases" | head -100)
t0=$(python3 -c 'import time; print(time.monotonic())')
k=0
for id in $ids; do
	"$bin/habar-pack" -o "$tmp/anchor-$id.zip" "$last/releases/$id/$id".*.md \
	    >/dev/null 2>&1 || true
	rm -f "$tmp/anchor-$id.zip"
	k=$((k + 1))
done
python3 -c "
import time
wall = time.monotonic() - $t0
print('anchor: habar-pack, a process per release (align + pack only): '
      '%d releases in %.2f s, %.1f releases/s' % ($k, wall, $k / wall))"

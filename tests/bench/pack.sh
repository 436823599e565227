#!/bin/sh
# pack.sh (benchmark): habar-pack against bsdtar writing the same files
# into the same format, side by side.  The release is a sample with a
# presentation grown to about 40 MB (photos of a forum weigh that much) by
# adding incompressible and compressible media to it.
#
#   tests/bench/pack.sh [BUILD_DIR]     (default: build)
#
# Prints, per format, the best of 5 runs of each and their ratio (the
# goal: habar-pack within 1.2 times bsdtar).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
bin=$build/bin
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-bench-pack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

id=inclusive-forum-2026
mkdir "$tmp/rel"
cp "$top/samples/$id/$id".*.md "$tmp/rel/"
cp "$top/samples/$id/$id.ppt" "$tmp/rel/"
# A big presentation: the sample deck with 30 MB of random "photos" and
# 10 MB of repetitive XML.
python3 - "$top/samples/$id/$id.pptx" "$tmp/rel/$id.pptx" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        zout.writestr(item, zin.read(item.filename))
    for i in range(6):
        zout.writestr(f"ppt/media/photo{i}.jpeg", os.urandom(5 << 20), zipfile.ZIP_STORED)
    zout.writestr("ppt/media/notes.xml", b"<a>forum</a>" * (10 << 20 // 12))
PY

best() { # best CMD...: the best wall time of 5 runs, in seconds
	python3 - "$@" <<'PY'
import subprocess, sys, time
times = []
for _ in range(5):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"{min(times):.3f}")
PY
}

printf '%-8s %12s %12s %8s %10s\n' format habar-pack bsdtar ratio size
for fmt in zip tar.gz tar.xz; do
	out=$tmp/pack.$fmt
	"$bin/habar-pack" -o "$out" "$tmp/rel/$id.en.md" "$tmp/rel/$id.ru.md" \
	    "$tmp/rel/$id.kk.md"
	rm -rf "$tmp/files" && mkdir "$tmp/files"
	(cd "$tmp/files" && bsdtar -xf "$out")
	case $fmt in
	zip) opt="--format zip" ;;
	tar.gz) opt="--format pax -z" ;;
	tar.xz) opt="--format pax -J" ;;
	esac
	h=$(best "$bin/habar-pack" -o "$out" "$tmp/rel/$id.en.md" \
	    "$tmp/rel/$id.ru.md" "$tmp/rel/$id.kk.md")
	# shellcheck disable=SC2086
	b=$(best bsdtar -C "$tmp/files" $opt -cf "$tmp/bsdtar.$fmt" "$id")
	printf '%-8s %11ss %11ss %8.2f %9sK\n' "$fmt" "$h" "$b" \
	    "$(echo "$h / $b" | bc -l)" "$(( $(stat -c %s "$out") / 1024 ))"
done

#!/bin/sh
# batch.sh (test): habar-batch end to end on samples/archive and on small
# generated archives: outputs, determinism, resuming after kill -9, shards
# merged with habar-tmx, hostile member names, links, a zip bomb and a
# corrupt member.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.
# Exit 0 when all holds, 1 on a failed check, 77 without python3.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() { printf 'batch test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
batch() { "$bin/habar-batch" "$@"; }
# Two output folders hold the same files, byte for byte (batch.log, the
# lock, which holds the last run's process id, and the memory's index,
# which records the memory's modification time, aside).
same_output() { # same_output A B what
	diff -r -x batch.log -x lock -x memory.tmx.idx "$1" "$2" >/dev/null 2>&1 ||
	    fail "$3: $1 and $2 differ"
}

# 1. The sample archive: four releases, every layout and encoding.
zip=$src/samples/archive/past-releases.zip
batch -o "$tmp/s1" "$zip" 2>"$tmp/s1.err" || fail "samples: exit $?"
grep -q "4 releases" "$tmp/s1.err" || fail "samples: no summary on stderr"
[ "$(wc -l < "$tmp/s1/report.tsv")" -eq 5 ] || fail "samples: report lines"
for id in park-2009 marathon-2012 solar-2018 библиотеки-2015; do
	[ -f "$tmp/s1/packs/$id.zip" ] || fail "samples: no pack $id"
	for lang in kk ru en; do
		[ -f "$tmp/s1/releases/$id/$id.$lang.md" ] ||
		    fail "samples: no $id.$lang.md"
	done
	grep -q "^$id	kk,ru,en	" "$tmp/s1/report.tsv" ||
	    fail "samples: $id not trilingual in the report"
	"$bin/habar-verify" -q "$tmp/s1/packs/$id.zip" ||
	    fail "samples: habar-verify refuses $id.zip"
done
for enc in windows-1251 KZ-1048 KOI8-R PT154 IBM866 UTF-16LE; do
	grep -q "$enc" "$tmp/s1/report.tsv" || fail "samples: $enc not found"
done
# The web page without its menu, share link and footer.
ru=$tmp/s1/releases/park-2009/park-2009.ru.md
grep -q "^title: В Павлодаре открылся новый детский парк" "$ru" ||
    fail "samples: title of the windows-1251 page"
grep -q "^date: 2009-05-14" "$ru" || fail "samples: date of the page"
grep -q -e Главная -e Поделиться -e "права защищены" "$ru" &&
    fail "samples: site navigation left in the release"
# The presentations travel in the packs.
bsdtar -tf "$tmp/s1/packs/solar-2018.zip" | grep -q "attachments/solar-2018.pptx" ||
    fail "samples: solar-2018 pack lacks its presentation"
bsdtar -tf "$tmp/s1/packs/библиотеки-2015.zip" | grep -q "attachments/slides.pptx" ||
    fail "samples: the CP866 folder's pack lacks its presentation"
# The texts written can be packed again as they stand: their attachment
# lies beside them.
[ -f "$tmp/s1/releases/solar-2018/solar-2018.pptx" ] ||
    fail "samples: solar-2018's presentation not beside its texts"
"$bin/habar-pack" -o "$tmp/repack.zip" "$tmp/s1"/releases/solar-2018/*.md \
    2>"$tmp/repack.err" || fail "samples: habar-pack on the texts written: $(cat "$tmp/repack.err")"
grep -q "<tu" "$tmp/s1/memory.tmx" || fail "samples: empty memory"
grep -q "^[0-9T:-]*Z end: 4 releases" "$tmp/s1/batch.log" ||
    fail "samples: batch.log"
# The work folder keeps its lock file (a run turned away must not remove
# it) and nothing else.
[ "$(cd "$tmp/s1/.work" && find . | sort | tr '\n' ' ')" = ". ./lock ./tmp " ] ||
    fail "samples: the work folder holds more than its lock"

# Text saved from an old web page (the shared corpus's seed, read in
# place): the menu, the photo credit and the links around it go.
seed=$(ls "${HABAR_SHARED:-$src/../shared}"/seeds/*.txt 2>/dev/null | head -1)
if [ -n "$seed" ]; then
	mkdir -p "$tmp/web/2005"
	cp "$seed" "$tmp/web/2005/page.en.txt"
	batch -o "$tmp/web-out" "$tmp/web" 2>/dev/null
	md=$tmp/web-out/releases/page/page.en.md
	grep -q "^title: .*conference on protection of child rights" "$md" ||
	    fail "web text: title"
	grep -q "^date: 2005-11-24" "$md" || fail "web text: date"
	grep -q -e "Media centre" -e "Email this article" -e "^©" "$md" &&
	    fail "web text: the page's menu or links left in"
fi

# 2. Deterministic: another run, one job, another folder: the same bytes.
batch -j 1 -o "$tmp/s2" "$zip" 2>"$tmp/s2.err" ||
    fail "samples -j1: exit $?: $(cat "$tmp/s2.err")"
same_output "$tmp/s1" "$tmp/s2" "two runs"
# ... and a rerun on a finished folder resumes everything.
batch -o "$tmp/s2" "$zip" 2>"$tmp/s2.err" || fail "rerun: exit $?"
grep -q "(4 resumed)" "$tmp/s2.err" || fail "rerun: releases not resumed"
same_output "$tmp/s1" "$tmp/s2" "rerun"
# ... and the archive read from standard input gives the same bytes.
batch -o "$tmp/s3" - < "$zip" 2>"$tmp/s3.err" ||
    fail "standard input: exit $?: $(cat "$tmp/s3.err")"
same_output "$tmp/s1" "$tmp/s3" "standard input"

# 3. A generated archive: killed with -9 midway, then resumed.
python3 "$src/tests/bench/make-archive.py" -n 30 \
    --pptx "$src/samples/road-safety-2026/road-safety-2026.pptx" \
    "$tmp/gen.zip" || fail "make-archive.py"
batch -o "$tmp/full" "$tmp/gen.zip" 2>"$tmp/full.err" ||
    fail "generated: exit $?: $(cat "$tmp/full.err")"
[ "$(grep -c '^release-' "$tmp/full/report.tsv")" -eq 30 ] ||
    fail "generated: 30 releases expected"
"$bin/habar-batch" -j 1 -o "$tmp/killed" "$tmp/gen.zip" 2>/dev/null &
pid=$!
# Killed once a few releases are done: the rest, and one half-written,
# are left for the rerun.
i=0
while [ $i -lt 300 ]; do
	n=$(ls "$tmp"/killed/releases/*/.done 2>/dev/null | wc -l)
	[ "$n" -ge 3 ] && break
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
batch -o "$tmp/killed" "$tmp/gen.zip" 2>"$tmp/killed.err" ||
    fail "resumed after kill -9: exit $?: $(cat "$tmp/killed.err")"
same_output "$tmp/full" "$tmp/killed" "resumed after kill -9"

# ... and the same releases from a tar.gz.
python3 "$src/tests/bench/make-archive.py" -n 30 \
    --pptx "$src/samples/road-safety-2026/road-safety-2026.pptx" \
    "$tmp/gen.tar.gz" || fail "make-archive.py tar.gz"
batch -o "$tmp/tar" "$tmp/gen.tar.gz" 2>"$tmp/tar.err" ||
    fail "tar.gz: exit $?: $(cat "$tmp/tar.err")"
diff -r "$tmp/full/packs" "$tmp/tar/packs" >/dev/null ||
    fail "tar.gz: packs differ from the zip's"

# 4. Shards: their union is the whole, their memories merge into it.
for k in 1 2 3; do
	batch --shard $k/3 -o "$tmp/shard$k" "$tmp/gen.zip" 2>"$tmp/shard$k.err" ||
	    fail "shard $k/3: exit $?: $(cat "$tmp/shard$k.err")"
done
mkdir "$tmp/union" "$tmp/union/releases" "$tmp/union/packs"
for k in 1 2 3; do
	cp -r "$tmp/shard$k/releases/." "$tmp/union/releases/"
	cp "$tmp/shard$k/packs/"* "$tmp/union/packs/" 2>/dev/null
done
diff -r "$tmp/full/releases" "$tmp/union/releases" >/dev/null ||
    fail "shards: the releases differ from the whole"
diff -r "$tmp/full/packs" "$tmp/union/packs" >/dev/null ||
    fail "shards: the packs differ from the whole"
n=0
for k in 1 2 3; do
	n=$((n + $(grep -c '^release-' "$tmp/shard$k/report.tsv")))
done
[ $n -eq 30 ] || fail "shards: $n releases in all, 30 expected"
"$bin/habar-tmx" "$tmp"/shard*/memory.tmx > "$tmp/merged.tmx" ||
    fail "habar-tmx cannot merge the shards' memories"
python3 - "$tmp/full/memory.tmx" "$tmp/merged.tmx" <<'EOF' || fail "shards: merged memory differs"
import sys, xml.etree.ElementTree as ET
X = "{http://www.w3.org/XML/1998/namespace}lang"
def units(path):
    return sorted(tuple(sorted((v.get(X), v.find("seg").text or "")
                               for v in tu.findall("tuv")))
                  for tu in ET.parse(path).iter("tu"))
a, b = units(sys.argv[1]), units(sys.argv[2])
sys.exit(0 if a == b and a else 1)
EOF

# The recipe of docs/habar-batch.md itself, with GNU parallel when it is installed.
if command -v parallel >/dev/null 2>&1; then
	(cd "$tmp" && parallel --will-cite "$bin/habar-batch" -o par-{} \
	    --shard {}/3 gen.zip ::: 1 2 3 2>/dev/null)
	[ $? -le 1 ] && [ -f "$tmp/par-3/report.tsv" ] ||
	    fail "GNU parallel recipe: the shards did not run"
	"$bin/habar-tmx" "$tmp"/par-*/memory.tmx > "$tmp/par.tmx" ||
	    fail "GNU parallel recipe: habar-tmx"
	cmp -s "$tmp/merged.tmx" "$tmp/par.tmx" ||
	    fail "GNU parallel recipe: a memory other than the shards'"
fi

# 5. Hostile members: climbing names, an absolute path, a link.
python3 - "$tmp/evil.zip" <<'EOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("../../escaped.kk.md", "---\nid: x\nlang: kk\n---\n\nЖоқ.\n")
z.writestr("/tmp/habar-batch-absolute.en.md", "---\nlang: en\n---\n\nNo.\n")
i = zipfile.ZipInfo("news/link.en.md"); i.external_attr = 0o120777 << 16
z.writestr(i, "/etc/passwd")
z.writestr("news/ok.en.md", "---\nlang: en\n---\n\nThe hall opens on Monday.\n")
z.writestr("news/ok.ru.md", "---\nlang: ru\n---\n\nЗал откроется в понедельник.\n")
z.close()
EOF
mkdir -p "$tmp/evil/a/b"
(cd "$tmp/evil/a/b" && batch -o out "$tmp/evil.zip" 2>"$tmp/evil.err")
[ $? -eq 1 ] || fail "hostile names: exit 1 expected"
[ -e "$tmp/evil/escaped.kk.md" ] || [ -e "$tmp/evil/a/escaped.kk.md" ] ||
    [ -e /tmp/habar-batch-absolute.en.md ] && fail "a member escaped"
find "$tmp/evil" -name 'escaped*' | grep -q . && fail "a member escaped"
grep -q "leaves the archive" "$tmp/evil.err" || fail "hostile names not reported"
grep -q "not a regular file" "$tmp/evil.err" || fail "link not reported"
grep -q "^ok	ru,en	" "$tmp/evil/a/b/out/report.tsv" ||
    fail "hostile names: the good release was not processed"
grep -q "^-	.*escaped" "$tmp/evil/a/b/out/report.tsv" ||
    fail "hostile names: not in the report"
# A directory with a symbolic link: never followed.
mkdir -p "$tmp/tree/news"
printf -- '---\nlang: en\n---\n\nThe hall opens.\n' > "$tmp/tree/news/ok.en.md"
ln -s /etc/passwd "$tmp/tree/news/ok.ru.md"
batch -o "$tmp/tree-out" "$tmp/tree" 2>/dev/null
grep -q "root:" "$tmp/tree-out/releases/ok/"* 2>/dev/null &&
    fail "a symbolic link was followed"

# 6. A zip bomb member is skipped with a clear message, exit 1; the rest
# goes on.
python3 - "$tmp/bomb.zip" <<'EOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
z.writestr("news/a.en.md", "---\nlang: en\n---\n\nHello.\n")
z.writestr("news/a.ru.txt", b"0" * (40 << 20))
z.close()
EOF
batch -o "$tmp/bomb-out" "$tmp/bomb.zip" 2>"$tmp/bomb.err"
[ $? -eq 1 ] || fail "zip bomb: exit 1 expected"
grep -q "zip bomb" "$tmp/bomb.err" || fail "zip bomb: no clear message"
# One member over --max-member is skipped and the rest goes on.
batch --max-member 1M --max-ratio 100000 -o "$tmp/big-out" "$tmp/bomb.zip" \
    2>"$tmp/big.err"
[ $? -eq 1 ] || fail "large member: exit 1 expected"
grep -q "limit of a member" "$tmp/big.err" || fail "large member: message"

# 7. A corrupt member is reported and skipped; the rest goes on.
cp "$zip" "$tmp/corrupt.zip"
python3 - "$tmp/corrupt.zip" <<'EOF'
import sys, zipfile
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
z = zipfile.ZipFile(path)
info = z.getinfo("2012/en/marathon-2012.txt")
z.close()
# Flip bytes in the compressed data of one member: its CRC fails.
start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
for k in range(start + 5, start + 25):
    data[k] ^= 0x55
open(path, "wb").write(bytes(data))
EOF
batch -o "$tmp/corrupt-out" "$tmp/corrupt.zip" 2>"$tmp/corrupt.err"
[ $? -eq 1 ] || fail "corrupt member: exit 1 expected"
grep -q "marathon-2012.txt" "$tmp/corrupt.err" ||
    fail "corrupt member: not reported"
[ "$(grep -c 'kk,ru,en' "$tmp/corrupt-out/report.tsv")" -ge 3 ] ||
    fail "corrupt member: the other releases did not go on"

# No sanitizer report in any run.
if grep -l -e 'runtime error:' -e 'AddressSanitizer' -e 'LeakSanitizer' \
    -e 'ThreadSanitizer' "$tmp"/*.err >/dev/null 2>&1; then
	fail "sanitizer report: $(grep -l -e 'runtime error:' -e Sanitizer "$tmp"/*.err)"
fi

if [ $failures -ne 0 ]; then
	echo "batch test: $failures failure(s)"
	exit 1
fi
echo "batch test: all checks passed"

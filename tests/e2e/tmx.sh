#!/bin/sh
# tmx.sh MODE (test): habar-tmx and the memories of habar-batch end to end.
#
#   toolkit-pair  habar-tmx --pair en-kk read by Translate Toolkit: every
#                 unit's source is the English, its target the Kazakh
#                 (the three-language memory gives it Russian as target)
#   confidence    habar-batch's memories hold links of confidence 0.5 or
#                 more (--min-confidence moves the threshold) and carry
#                 each unit's confidence
#   memory        a generated 8 MB TMX merged with itself: the memory
#                 grows by less than an eighth of the input (skipped in sanitizer builds, whose shadow memory
#                 is not the program's)
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN, HABAR_SANITIZE.
# Exit 0 when all holds, 1 on a failed check, 77 when a tool is missing.
set -u

mode=$1
src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
fix=$src/tests/cli/habar-align/fixtures
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-tmx.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

case $mode in
toolkit-pair)
	py=
	for p in python3 /usr/bin/python3; do
		command -v "$p" >/dev/null 2>&1 || continue
		"$p" -c 'import translate.storage.tmx' 2>/dev/null && { py=$p; break; }
	done
	[ -n "$py" ] || { echo "skipped: Translate Toolkit not installed"; exit 77; }
	"$bin/habar-align" -o "$tmp/expo.xml" "$fix/expo.en.md" \
	    "$fix/expo.ru.md" "$fix/expo.kk.md" 2>/dev/null || exit 1
	"$bin/habar-tmx" -o "$tmp/all.tmx" "$tmp/expo.xml" || exit 1
	"$bin/habar-tmx" -o "$tmp/en-kk.tmx" --pair en-kk "$tmp/all.tmx" || exit 1
	"$py" - "$tmp/all.tmx" "$tmp/en-kk.tmx" <<'PY'
import sys
import xml.etree.ElementTree as ET
from translate.storage import tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

def texts(path, lang):
    return {tuv.find("seg").text or "" for tuv in ET.parse(path).iter("tuv")
            if tuv.get(XML_LANG) == lang}

en, ru, kk = (texts(sys.argv[1], l) for l in ("en", "ru", "kk"))
def read(path):
    return [u for u in tmx.tmxfile.parsefile(path).units if u.source]
three, two = read(sys.argv[1]), read(sys.argv[2])
wrong = sum(1 for u in three if u.target in ru)
print("three languages: %d units, %d read with Russian as the target"
      % (len(three), wrong))
right = sum(1 for u in two if u.source in en and u.target in kk)
print("--pair en-kk: %d units, %d read as English to Kazakh"
      % (len(two), right))
ok = len(two) > 0 and right == len(two) and len(two) <= len(three)
sys.exit(0 if ok else 1)
PY
	;;
confidence)
	zip=$src/samples/archive/past-releases.zip
	for c in default 0 1; do
		opt=
		[ $c = default ] || opt="--min-confidence $c"
		# shellcheck disable=SC2086
		"$bin/habar-batch" -o "$tmp/$c" $opt "$zip" 2>"$tmp/$c.err"
		[ $? -le 1 ] || { cat "$tmp/$c.err"; exit 1; }
	done
	python3 - "$tmp" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

def confidences(path):
    out = []
    for tu in ET.parse(path).iter("tu"):
        c = [p.text for p in tu.findall("prop")
             if p.get("type") == "x-habar-confidence"]
        out.append(float(c[0]) if c else None)
    return out

tmp = sys.argv[1]
ok = True
runs = {}
for run in ("default", "0", "1"):
    conf = confidences(os.path.join(tmp, run, "memory.tmx"))
    parts = sum((confidences(p) for p in sorted(glob.glob(
        os.path.join(tmp, run, "releases", "*", "*.tmx")))), [])
    runs[run] = conf
    print("%-7s memory.tmx: %d units, lowest confidence %s; releases: %d"
          % (run, len(conf), min((c for c in conf if c is not None),
                                 default="-"), len(parts)))
    if None in conf or None in parts:
        print("a unit without x-habar-confidence"); ok = False
    floor = {"default": 0.5, "0": 0.0, "1": 1.0}[run]
    if any(c < floor for c in conf + parts):
        print("a unit below %s" % floor); ok = False
if not (len(runs["0"]) >= len(runs["default"]) >= len(runs["1"])):
    print("the thresholds do not nest"); ok = False
if any(c < 0.5 for c in runs["0"]) and len(runs["0"]) == len(runs["default"]):
    print("links below 0.5 kept by default"); ok = False
sys.exit(0 if ok else 1)
PY
	;;
memory)
	case ${HABAR_SANITIZE:-OFF} in
	ON|1|TRUE|true) echo "skipped: sanitizer build"; exit 77 ;;
	esac
	[ -x /usr/bin/time ] || { echo "skipped: no GNU time"; exit 77; }
	python3 "$src/tests/bench/make-tmx.py" --mb 8 "$tmp/big.tmx" || exit 1
	# GNU time's %M: the peak resident memory of the program alone (a
	# fork of python would count python's own pages too).
	/usr/bin/time -f %M -o "$tmp/base" "$bin/habar-tmx" -o "$tmp/out.tmx" \
	    "$src/tests/cli/habar-tmx/fixtures/extra.tmx" || exit 1
	/usr/bin/time -f %M -o "$tmp/rss" "$bin/habar-tmx" -o "$tmp/out.tmx" \
	    "$tmp/big.tmx" "$tmp/big.tmx" || exit 1
	size=$(($(wc -c < "$tmp/big.tmx") * 2 / 1024))
	base=$(tail -n 1 "$tmp/base") rss=$(tail -n 1 "$tmp/rss")
	echo "input $size KiB (one file twice): peak resident $rss KiB," \
	    "$((rss - base)) KiB over a run on a small file"
	# The texts are not held: what grows is 32 to 64 bytes a unit (of
	# about 300 bytes of input), far under an eighth of the input.
	[ $((rss - base)) -lt $((size / 8)) ]
	;;
*)
	echo "unknown mode $mode" >&2
	exit 2
	;;
esac

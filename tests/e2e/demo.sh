#!/bin/sh
# demo.sh (test): runs the main job, scripts/demo.sh, on samples/ into a
# temporary directory and checks that each stage whose program is built
# left its outputs, non-empty and of the right shape.  Stages append their
# own checks below, one block each, like the script they test.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.  Exit 0 when all
# holds, 1 on a failed check, 77 (skip) when no program is built yet.
set -eu

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
build=$(dirname "$bin")
samples=$src/samples
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
out=$tmp/out
failures=0

fail() { printf 'demo test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
built() { [ -x "$bin/$1" ]; }

if ! built habar-decode && ! built habar-norm && ! built habar-translit; then
	echo "demo test: no pipeline program built yet: skipped"
	exit 77
fi

if ! sh "$src/scripts/demo.sh" "$build" "$out" >"$tmp/stdout" 2>"$tmp/stderr"; then
	cat "$tmp/stderr" >&2
	echo "demo test: scripts/demo.sh failed" >&2
	exit 1
fi
cat "$tmp/stderr"
out_abs=$(cd "$out" && pwd)
grep -qx "demo: output in $out_abs" "$tmp/stdout" ||
    fail "the demo does not say where its output went: $(cat "$tmp/stdout")"

# No output is empty, except reports and lists of findings (*.report,
# *.spell): a clean input has nothing to report.
find "$out" -type f ! -name '*.report' ! -name '*.spell' -size 0 >"$tmp/empty"
[ ! -s "$tmp/empty" ] || fail "empty outputs: $(tr '\n' ' ' <"$tmp/empty")"

# The releases, one a line: samples/<id>/<id>.<lang>.md.
for f in "$samples"/*/*.md; do
	case $f in
	"$samples"/legacy/*|"$samples"/slides/*) ;;
	*) if [ -f "$f" ]; then printf '%s\n' "$f"; fi ;;
	esac
done >"$tmp/releases"
[ -s "$tmp/releases" ] || fail "no releases in samples/"

# ---- decode ---------------------------------------------------------------
if built habar-decode; then
	tail -n +2 "$samples/legacy/MANIFEST.tsv" | cut -f 1 >"$tmp/copies"
	[ -s "$tmp/copies" ] || fail "samples/legacy/MANIFEST.tsv lists no copy"
	while read -r copy; do
		d=$out/decoded/${copy%.txt}.md
		[ -s "$d" ] || fail "decode: no $d"
		[ -f "$out/decoded/${copy%.txt}.report" ] ||
		    fail "decode: no report for $copy"
		# UTF-8 out, whatever came in.
		iconv -f UTF-8 -t UTF-8 "$d" >/dev/null 2>&1 ||
		    fail "decode: $copy: output is not UTF-8"
	done <"$tmp/copies"
fi

# ---- norm -----------------------------------------------------------------
if built habar-norm; then
	while read -r f; do
		name=$(basename "$f")
		id=${name%%.*}
		n=$out/$id/$name
		if [ ! -s "$n" ]; then
			fail "norm: no $n"
			continue
		fi
		# Line structure kept, front matter passed through.
		[ "$(wc -l <"$n")" -eq "$(wc -l <"$f")" ] ||
		    fail "norm: $name: $(wc -l <"$n") lines, the sample has $(wc -l <"$f")"
		grep -qx "id: $id" "$n" || fail "norm: $name: front matter lost"
		[ -f "$out/$id/${name%.md}.report" ] || fail "norm: no report for $name"
	done <"$tmp/releases"
fi

# ---- translit -------------------------------------------------------------
if built habar-translit; then
	grep '\.kk\.md$' "$tmp/releases" >"$tmp/kk" || fail "no Kazakh release"
	while read -r f; do
		name=$(basename "$f")
		id=${name%%.*}
		l=$out/$id/$id.kk-Latn.md
		if [ ! -s "$l" ]; then
			fail "translit: no $l"
			continue
		fi
		[ "$(wc -l <"$l")" -eq "$(wc -l <"$f")" ] ||
		    fail "translit: $id.kk-Latn.md: line count differs from the release"
		# No Kazakh-only Cyrillic letter survives in the body.
		# (An alternation, not a bracket: this also runs in the C locale.)
		if sed '1,/^---$/d' "$l" |
		    grep -Eq 'ә|ғ|қ|ң|ө|ұ|ү|һ|і|Ә|Ғ|Қ|Ң|Ө|Ұ|Ү|Һ|І'; then
			fail "translit: $id.kk-Latn.md still has Kazakh Cyrillic letters"
		fi
	done <"$tmp/kk"
fi

# ---- pack -----------------------------------------------------------------
if built habar-pack; then
	for d in "$samples"/*/; do
		id=$(basename "$d")
		[ -f "$d/$id.en.md" ] || continue
		p=$out/packs/$id.zip
		[ -s "$p" ] || { fail "pack: no $id.zip"; continue; }
		if built habar-verify; then
			"$bin/habar-verify" -q "$p" || fail "pack: $id.zip does not verify"
			grep -q "attachments/$id.pptx" "$out/packs/$id.verify" ||
			    fail "pack: $id.zip lacks its presentation"
		fi
	done
fi

# Later stages add their checks here, one block each.

if [ "$failures" -gt 0 ]; then
	echo "demo test: $failures checks failed" >&2
	exit 1
fi
echo "demo test: ok"

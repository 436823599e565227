#!/bin/sh
# demo.sh: the main job.  Runs the whole pipeline that exists so far on
# samples/ and prints where its output went.
#
#   scripts/demo.sh BUILD_DIR OUT_DIR
#
# BUILD_DIR is a build tree (its programs are in BUILD_DIR/bin); OUT_DIR is
# created if needed and its files are overwritten.  `./bootstrap demo` runs
# `scripts/demo.sh build out`.
#
# The pipeline grows as its programs land, so the script is a sequence of
# stages, each a delimited block that runs only when its program exists in
# BUILD_DIR/bin and otherwise says it was skipped: the script works at every
# stage of the project.  A stage that reads releases takes each one's latest
# version through latest(): the output of an earlier stage when there is one,
# the sample otherwise.  A program exiting 1 (findings) is not a failure; a
# program exiting 2 (or crashing) stops the demo with its message.
#
# Layout of OUT_DIR:
#   decoded/<copy>.md          samples/legacy/<copy>, decoded to UTF-8
#   decoded/<copy>.report      what habar-decode --report found
#   <id>/<id>.<lang>.md        the release, normalised
#   <id>/<id>.<lang>.report    the repairs habar-norm --report made
#   <id>/<id>.kk-Latn.md       the Kazakh release in the Latin alphabet
#   <id>/<id>.xml              the language versions aligned (parallel XML)
#   samples.tmx                a TMX translation memory of every sample
#   packs/<id>.zip             the release pack; packs/<id>.verify its manifest
#   <id>/<id>.<lang>.spell     what habar-spell reported
#   batch/                     habar-batch's run on samples/archive
#   ... and what later stages add (see their blocks).
set -eu

prog=demo.sh
say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { say "$*"; exit 2; }

[ $# -eq 2 ] || { echo "usage: scripts/demo.sh BUILD_DIR OUT_DIR" >&2; exit 2; }
BUILD=$1
OUT=$2
SRC=$(cd "$(dirname "$0")/.." && pwd)
SAMPLES=$SRC/samples
[ -d "$BUILD/bin" ] || die "$BUILD/bin: no such directory (build first)"
BIN=$(cd "$BUILD/bin" && pwd)
[ -d "$SAMPLES" ] || die "$SAMPLES: no such directory"
mkdir -p "$OUT" || die "$OUT: cannot create"
OUT=$(cd "$OUT" && pwd)

# Release paths are split on newlines only.
IFS='
'

# The programs run with this build's data, whatever the caller's
# environment says.
unset HABAR_DATADIR

stages_run=
stages_skipped=

# have PROGRAM: true if BUILD_DIR/bin/PROGRAM exists; else records the skip.
have() {
	if [ -x "$BIN/$1" ]; then
		stages_run="$stages_run ${1#habar-}"
		return 0
	fi
	stages_skipped="$stages_skipped ${1#habar-}"
	return 1
}

# run STDOUT STDERR PROGRAM ARG...: runs BUILD_DIR/bin/PROGRAM with its
# output in the two files (STDERR "-" leaves stderr alone).  Exit 0 and 1
# (findings) are success; anything else stops the demo, showing stderr.
run() {
	out=$1 err=$2 p=$3
	shift 3
	status=0
	if [ "$err" = - ]; then
		"$BIN/$p" "$@" >"$out" || status=$?
	else
		"$BIN/$p" "$@" >"$out" 2>"$err" || status=$?
	fi
	# A log with nothing in it is no output.
	[ "$err" = - ] || [ -s "$err" ] || rm -f "$err"
	case $status in
	0|1) return 0 ;;
	esac
	[ "$err" = - ] || [ ! -f "$err" ] || sed 's/^/  /' "$err" >&2
	die "$p $* exited with status $status"
}

# field FILE KEY: the value of KEY in FILE's front matter (quotes kept).
field() {
	awk -v key="$2" '
	    NR == 1 && $0 != "---" { exit }
	    NR > 1 && ($0 == "---" || $0 == "...") { exit }
	    NR > 1 && index($0, key ": ") == 1 { print substr($0, length(key) + 3); exit }
	' "$1"
}

# The releases: samples/<id>/<id>.<lang>.md, one a line.
releases() {
	for f in "$SAMPLES"/*/*.md; do
		[ -f "$f" ] || continue
		case $f in
		"$SAMPLES"/legacy/*|"$SAMPLES"/slides/*) continue ;;
		esac
		printf '%s\n' "$f"
	done
}

# latest ID LANG: the newest version of a release: OUT_DIR's copy once a
# stage has written it, the sample otherwise.
latest() {
	if [ -s "$OUT/$1/$1.$2.md" ]; then
		printf '%s\n' "$OUT/$1/$1.$2.md"
	else
		printf '%s\n' "$SAMPLES/$1/$1.$2.md"
	fi
}

[ -n "$(releases)" ] || die "$SAMPLES: no releases found"

# ---- stage: decode (habar-decode) -----------------------------------------
# Each legacy-encoded copy back to UTF-8, compared with its original.
if have habar-decode; then
	mkdir -p "$OUT/decoded"
	same=0 total=0
	for f in "$SAMPLES"/legacy/*.txt; do
		name=$(basename "$f" .txt)
		case $name in
		*.plain) continue ;;	# an original, not a copy
		esac
		run "$OUT/decoded/$name.md" "$OUT/decoded/$name.report" \
		    habar-decode --report "$f"
		total=$((total + 1))
		orig=$(awk -F '\t' -v f="$name.txt" '$1 == f { print $3 }' \
		    "$SAMPLES/legacy/MANIFEST.tsv")
		if [ -n "$orig" ] && cmp -s "$OUT/decoded/$name.md" "$SAMPLES/$orig"
		then
			same=$((same + 1))
		fi
	done
	say "decode: $total legacy copies, $same identical to their originals"
fi
# ---- end of stage: decode --------------------------------------------------

# ---- stage: norm (habar-norm) ---------------------------------------------
# Every release normalised for its language (from its front matter).
if have habar-norm; then
	n=0
	for f in $(releases); do
		id=$(field "$f" id)
		lang=$(field "$f" lang)
		if [ -z "$id" ] || [ -z "$lang" ]; then
			die "$f: no id or lang in front matter"
		fi
		mkdir -p "$OUT/$id"
		# Written beside, then renamed: latest() may point at the target.
		run "$OUT/$id/$id.$lang.md.new" "$OUT/$id/$id.$lang.report" \
		    habar-norm --lang "$lang" --report "$(latest "$id" "$lang")"
		mv "$OUT/$id/$id.$lang.md.new" "$OUT/$id/$id.$lang.md"
		n=$((n + 1))
	done
	say "norm: $n releases"
fi
# ---- end of stage: norm ----------------------------------------------------

# ---- stage: translit (habar-translit) -------------------------------------
# The Kazakh releases in the Latin alphabet of 2021, and back to Cyrillic
# (<id>.kk-Cyrl.md) to show how many lines survive the round trip (loan
# letters such as ц and ь do not: see docs/habar-translit.md).
if have habar-translit; then
	n=0 lines=0 same=0
	for f in $(releases); do
		[ "$(field "$f" lang)" = kk ] || continue
		id=$(field "$f" id)
		mkdir -p "$OUT/$id"
		src=$(latest "$id" kk)
		run "$OUT/$id/$id.kk-Latn.md" "$OUT/$id/$id.kk-Latn.report" \
		    habar-translit --report --to kk-Latn "$src"
		run "$OUT/$id/$id.kk-Cyrl.md" - \
		    habar-translit --to kk-Cyrl "$OUT/$id/$id.kk-Latn.md"
		lines=$((lines + $(wc -l < "$src")))
		same=$((same + $(paste -d '\n' "$src" "$OUT/$id/$id.kk-Cyrl.md" |
		    awk 'NR % 2 { a = $0; next } a == $0' | wc -l)))
		n=$((n + 1))
	done
	say "translit: $n Kazakh releases to kk-Latn; back to Cyrillic, $same of $lines lines unchanged"
fi
# ---- end of stage: translit ------------------------------------------------

# ---- stage: seg (habar-seg) ------------------------------------------------
# Every release split into sentences, one a line: <id>/<id>.<lang>.seg.md.
# The check: the text without white space is the same before and after.
if have habar-seg; then
	n=0 sentences=0 intact=0
	for f in $(releases); do
		id=$(field "$f" id)
		lang=$(field "$f" lang)
		src=$(latest "$id" "$lang")
		mkdir -p "$OUT/$id"
		run "$OUT/$id/$id.$lang.seg.md" - habar-seg "$src"
		body=$(awk 'NR == 1 && $0 == "---" { fm = 1; next }
		    fm && ($0 == "---" || $0 == "...") { fm = 0; next }
		    !fm' "$OUT/$id/$id.$lang.seg.md")
		sentences=$((sentences + $(printf '%s\n' "$body" | grep -c . || true)))
		if [ "$(tr -d ' \t\r\n' <"$src")" = \
		    "$(tr -d ' \t\r\n' <"$OUT/$id/$id.$lang.seg.md")" ]; then
			intact=$((intact + 1))
		fi
		n=$((n + 1))
	done
	say "seg: $n releases, $sentences sentences, $intact of $n with every character kept"
fi
# ---- end of stage: seg -----------------------------------------------------

# ---- stage: align and tmx (habar-align, habar-tmx) -----------------------
# Each release's language versions aligned into one parallel XML document,
# <id>/<id>.xml (checked against schemas/habar-parallel.rng when xmllint is
# there), then one translation memory of every sample, samples.tmx.
if have habar-align; then
	n=0 valid=0 links=0
	for id in $(releases | sed -e 's|.*/||' -e 's|\.[^.]*\.md$||' | sort -u); do
		set --
		for l in en ru kk; do
			[ -f "$SAMPLES/$id/$id.$l.md" ] && set -- "$@" "$(latest "$id" "$l")"
		done
		[ $# -ge 2 ] || continue
		mkdir -p "$OUT/$id"
		run /dev/null "$OUT/$id/$id.align.log" habar-align \
		    -o "$OUT/$id/$id.xml" "$@"
		links=$((links + $(grep -c '<link ' "$OUT/$id/$id.xml" || true)))
		if command -v xmllint >/dev/null 2>&1 && xmllint --noout --relaxng \
		    "$SRC/schemas/habar-parallel.rng" "$OUT/$id/$id.xml" 2>/dev/null; then
			valid=$((valid + 1))
		fi
		n=$((n + 1))
	done
	say "align: $n releases aligned, $links links, $valid valid against the schema"
	if [ $n -gt 0 ] && have habar-tmx; then
		set --
		for x in "$OUT"/*/*.xml; do
			id=$(basename "$x" .xml)
			[ "$x" = "$OUT/$id/$id.xml" ] && set -- "$@" "$x"
		done
		run /dev/null - habar-tmx -o "$OUT/samples.tmx" "$@"
		say "tmx: $(grep -c '<tu[ >]' "$OUT/samples.tmx" || true) units in samples.tmx"
	fi
fi
# ---- end of stage: align and tmx -------------------------------------------

# ---- stage: xliff (habar-xliff) ------------------------------------------
# Each English release as XLIFF 2.0 for translation into Kazakh and Russian,
# <id>/<id>.en-kk.xlf and <id>/<id>.en-ru.xlf, with targets filled from the
# release's aligned parallel XML (the align stage's <id>/<id>.xml, or
# habar-align run here when that stage has not written it).  Each untranslated
# extraction is also merged back and compared with its source.
if have habar-xliff; then
	n=0 same=0 filled=0
	for f in $(releases); do
		[ "$(field "$f" lang)" = en ] || continue
		id=$(field "$f" id)
		src=$(latest "$id" en)
		mkdir -p "$OUT/$id"
		fill=
		for x in "$OUT/$id/$id.xml" "$OUT/$id/$id.parallel.xml"; do
			[ -s "$x" ] && { fill=$x; break; }
		done
		if [ -z "$fill" ] && [ -x "$BIN/habar-align" ]; then
			set -- "$(latest "$id" en)"
			for l in kk ru; do
				[ -f "$SAMPLES/$id/$id.$l.md" ] && set -- "$@" "$(latest "$id" "$l")"
			done
			if [ $# -ge 2 ] && "$BIN/habar-align" "$@" \
			    >"$OUT/$id/$id.xliff-fill.xml" 2>/dev/null; then
				fill=$OUT/$id/$id.xliff-fill.xml
			fi
		fi
		for t in kk ru; do
			if [ -n "$fill" ]; then
				run "$OUT/$id/$id.en-$t.xlf" - habar-xliff extract \
				    --target "$t" --fill "$fill" "$src"
				filled=$((filled + $(grep -c 'state="translated"' \
				    "$OUT/$id/$id.en-$t.xlf" || true)))
			else
				run "$OUT/$id/$id.en-$t.xlf" - habar-xliff extract \
				    --target "$t" "$src"
			fi
			run "$OUT/$id/$id.en-$t.plain.xlf" - habar-xliff extract \
			    --target "$t" "$src"
			run "$OUT/$id/$id.en-$t.back.md" "$OUT/$id/$id.en-$t.back.log" \
			    habar-xliff merge "$OUT/$id/$id.en-$t.plain.xlf"
			cmp -s "$src" "$OUT/$id/$id.en-$t.back.md" && same=$((same + 1))
			rm -f "$OUT/$id/$id.en-$t.plain.xlf" "$OUT/$id/$id.en-$t.back.md" \
			    "$OUT/$id/$id.en-$t.back.log"
			n=$((n + 1))
		done
	done
	say "xliff: $n XLIFF files, $filled segments filled as translated, $same of $n extract-merge round trips identical"
fi
# ---- end of stage: xliff ---------------------------------------------------

# ---- stage: pack (habar-pack, habar-verify) -------------------------------
# Each release, as the stages above left it, packed with its attachments
# into packs/<id>.zip (every language, parallel XML, TMX, HTML pages,
# presentations and their slide text, manifest), then verified against its
# manifest.
if have habar-pack; then
	n=0 verified=0 can_verify=0
	have habar-verify && can_verify=1
	mkdir -p "$OUT/packs"
	for id in $(releases | sed -e 's|.*/||' -e 's|\.[^.]*\.md$||' | sort -u); do
		set --
		for l in kk ru en; do
			[ -f "$SAMPLES/$id/$id.$l.md" ] && set -- "$@" "$(latest "$id" "$l")"
		done
		[ $# -ge 1 ] || continue
		# The attachments stay beside the samples; the releases may be
		# the normalised copies in OUT_DIR.
		for a in "$SAMPLES/$id"/*.ppt "$SAMPLES/$id"/*.pptx; do
			[ -f "$a" ] && set -- --attach "$a" "$@"
		done
		run /dev/null "$OUT/packs/$id.pack.log" habar-pack \
		    -o "$OUT/packs/$id.zip" "$@"
		if [ $can_verify -eq 1 ]; then
			run "$OUT/packs/$id.verify" - habar-verify --list \
			    "$OUT/packs/$id.zip"
			"$BIN/habar-verify" -q "$OUT/packs/$id.zip" &&
			    verified=$((verified + 1))
		fi
		n=$((n + 1))
	done
	say "pack: $n release packs in packs/, $verified verified whole"
fi
# ---- end of stage: pack ----------------------------------------------------

# ---- stage: batch (habar-batch) -------------------------------------------
# The archive of past releases, samples/archive/past-releases.zip (four
# releases in four layouts and six encodings, web pages with their site's
# menus, a folder name stored in CP866, presentations), turned in one run
# into batch/packs/<id>.zip, batch/releases/<id>/<id>.<lang>.md,
# batch/memory.tmx and batch/report.tsv; the summary in batch.stderr.
if have habar-batch; then
	run /dev/null "$OUT/batch.stderr" habar-batch -o "$OUT/batch" \
	    "$SAMPLES/archive/past-releases.zip"
	n=$(($(wc -l <"$OUT/batch/report.tsv") - 1))
	say "batch: $n past releases from samples/archive in batch/ (report.tsv, memory.tmx, packs/)"
fi
# ---- end of stage: batch ---------------------------------------------------

# ---- stage: spell (habar-spell) -------------------------------------------
# Every release spell-checked in its language: <id>/<id>.<lang>.spell holds
# the reports ("file:line:column: unknown word 'X'").  Findings are not a
# failure; the count is printed.
if have habar-spell; then
	n=0 found=0
	for f in $(releases); do
		id=$(field "$f" id)
		lang=$(field "$f" lang)
		mkdir -p "$OUT/$id"
		run "$OUT/$id/$id.$lang.spell" - habar-spell --no-personal \
		    "$(latest "$id" "$lang")"
		found=$((found + $(wc -l < "$OUT/$id/$id.$lang.spell")))
		n=$((n + 1))
	done
	say "spell: $n releases checked, $found words reported (names used once, new words)"
fi
# ---- end of stage: spell ---------------------------------------------------

# Later stages go here, each in its own block like those above, in
# pipeline order.

[ -n "$stages_run" ] || say "no stage ran: no program in $BIN yet"
[ -z "$stages_skipped" ] || say "skipped (not built):$stages_skipped"
say "ran:${stages_run:- nothing}"
echo "demo: output in $OUT"

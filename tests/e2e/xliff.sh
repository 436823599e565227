#!/bin/sh
# xliff.sh MODE: habar-xliff on every sample release and fixture.
#
#   roundtrip  extract into each other language (kk, ru, en), as XLIFF 2.0
#              and as XLIFF 1.2, merge the untranslated document back: the
#              release must come back byte for byte; a second extraction
#              must be identical to the first
#   schema     every document extracted (plain, filled from the fixture TMX,
#              filled from habar-align's parallel XML of the samples when
#              habar-align exists and from habar-tmx's memory of it when
#              habar-tmx exists, translated CLI fixtures) is valid against
#              the OASIS XLIFF 2.0 core schema, read in place from
#              $HABAR_SHARED/schemas/xliff-2.0 with xmllint --nonet (its
#              import of xml.xsd resolves to the copy beside it, offline);
#              exit 77 (skipped) when the schema or xmllint is missing
#              The same documents as XLIFF 1.2 are checked against the
#              OASIS 1.2 strict schema in $HABAR_SHARED/schemas/xliff-1.2
#              (its import of xml.xsd points into the 2.0 folder).
#   toolkit    Translate Toolkit (python3-translate, run with the system's
#              /usr/bin/python3) reads the 1.2 document of every sample
#              release: one unit per sentence and field; targets written
#              with its API are merged back, each target in its place;
#              exit 77 when the toolkit is missing
#   omegat     OmegaT's console mode translates a project holding the 1.2
#              documents from a TMX of its own making, and merge reads
#              what OmegaT wrote back; exit 77 without omegat
#   atomic     a failing merge or extract with -o leaves an existing output
#              file as it was and no temporary file behind
#   corpus     the round trip on every text of the shared corpus
#              ($HABAR_SHARED/corpus/{en,ru,kk}, read in place: plain text
#              with no front matter, long paragraphs, odd characters);
#              exit 77 (skipped) without it
set -u
mode=${1:?usage: xliff.sh roundtrip|schema|toolkit|omegat|atomic|corpus}
bin=${HABAR_BIN:?HABAR_BIN is not set}
src=${HABAR_SOURCE:?HABAR_SOURCE is not set}
shared=${HABAR_SHARED:-}
xliff=$bin/habar-xliff
fixtures=$src/tests/cli/habar-xliff/fixtures
schema=$shared/schemas/xliff-2.0/xliff_core_2.0.xsd
schema12=$shared/schemas/xliff-1.2/xliff-core-1.2-strict.xsd
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
failed=0 checked=0

fail() {
	echo "FAIL: $*"
	failed=1
}

# The releases to try, and the language of each from its file name
# (<id>.<lang>.md), "en" when the name does not say.
releases() {
	ls "$src"/samples/*/*.md "$fixtures"/*.md 2>/dev/null
}

lang_of() {
	base=$(basename "$1" .md)
	case $base in
	*.*) echo "${base##*.}" ;;
	*) echo en ;;
	esac
}

valid() { # valid FILE: checks FILE against the schema of its version
	checked=$((checked + 1))
	s=$schema v=2.0
	if grep -q 'urn:oasis:names:tc:xliff:document:1.2' "$1"; then
		s=$schema12 v=1.2
	fi
	if ! xmllint --noout --nonet --schema "$s" "$1" 2> "$tmp/xmllint"; then
		fail "$1 is not valid XLIFF $v:"
		head -5 "$tmp/xmllint"
	fi
}

case $mode in
roundtrip)
	for r in $(releases); do
		lang=$(lang_of "$r")
		for t in kk ru en; do
			[ "$t" = "$lang" ] && continue
			for v in 2.0 1.2; do
			out=$tmp/$(basename "$r").$t.$v.xlf
			if ! "$xliff" extract --source "$lang" --target "$t" \
			    --xliff-version $v "$r" > "$out" 2> "$tmp/err"; then
				fail "extract $r -> $t ($v): $(cat "$tmp/err")"
				continue
			fi
			"$xliff" extract --source "$lang" --target "$t" \
			    --xliff-version $v "$r" > "$out.again" 2>/dev/null
			cmp -s "$out" "$out.again" || fail "extract $r -> $t ($v) differs between runs"
			if ! "$xliff" merge "$out" > "$tmp/back" 2> "$tmp/err"; then
				fail "merge $out: $(cat "$tmp/err")"
				continue
			fi
			cmp -s "$r" "$tmp/back" || fail "$r -> $t ($v) -> back is not the same"
			checked=$((checked + 1))
			done
		done
	done
	;;
schema)
	if [ ! -f "$schema" ] || [ ! -f "$schema12" ] ||
	    ! command -v xmllint > /dev/null; then
		echo "skipped: no XLIFF schemas at '$schema' and '$schema12' or no xmllint"
		exit 77
	fi
	for r in $(releases); do
		lang=$(lang_of "$r")
		for t in kk ru en; do
			[ "$t" = "$lang" ] && continue
			out=$tmp/$(basename "$r").$t.xlf
			"$xliff" extract -s "$lang" -t "$t" "$r" > "$out" 2>/dev/null ||
			    fail "extract $r -> $t"
			valid "$out"
			"$xliff" extract -s "$lang" -t "$t" --fill "$fixtures/memory.tmx" \
			    "$r" > "$out.tmx.xlf" 2>/dev/null || fail "extract --fill $r"
			valid "$out.tmx.xlf"
			"$xliff" extract -s "$lang" -t "$t" --xliff-version 1.2 "$r" \
			    > "$out.12.xlf" 2>/dev/null || fail "extract 1.2 $r -> $t"
			valid "$out.12.xlf"
			"$xliff" extract -s "$lang" -t "$t" --xliff-version 1.2 \
			    --fill "$fixtures/memory.tmx" "$r" > "$out.12.tmx.xlf" \
			    2>/dev/null || fail "extract 1.2 --fill $r"
			valid "$out.12.tmx.xlf"
		done
	done
	# Filled from the aligned samples, when the aligner is built.
	if [ -x "$bin/habar-align" ]; then
		for d in "$src"/samples/*/; do
			id=$(basename "$d")
			[ -f "$d/$id.en.md" ] || continue
			"$bin/habar-align" "$d/$id".*.md > "$tmp/$id.xml" 2>/dev/null ||
			    { fail "habar-align $id"; continue; }
			for t in kk ru; do
				"$xliff" extract -t "$t" --fill "$tmp/$id.xml" \
				    "$d/$id.en.md" > "$tmp/$id.$t.xlf" 2> "$tmp/err" ||
				    { fail "extract --fill $id -> $t: $(cat "$tmp/err")"; continue; }
				valid "$tmp/$id.$t.xlf"
				"$xliff" extract -t "$t" --fill "$tmp/$id.xml" \
				    --xliff-version 1.2 "$d/$id.en.md" \
				    > "$tmp/$id.$t.12.xlf" 2>/dev/null ||
				    fail "extract 1.2 --fill $id -> $t"
				valid "$tmp/$id.$t.12.xlf"
				grep -q 'state="translated"' "$tmp/$id.$t.xlf" ||
				    fail "$id -> $t: nothing filled from the alignment"
				"$xliff" merge "$tmp/$id.$t.xlf" > "$tmp/$id.$t.md" 2>/dev/null ||
				    fail "merge $id -> $t"
			done
			# The same sentences through a TMX memory, when habar-tmx
			# is built.
			[ -x "$bin/habar-tmx" ] || continue
			"$bin/habar-tmx" "$tmp/$id.xml" > "$tmp/$id.tmx" 2>/dev/null ||
			    { fail "habar-tmx $id"; continue; }
			"$xliff" extract -t kk --fill "$tmp/$id.tmx" "$d/$id.en.md" \
			    > "$tmp/$id.tmx.xlf" 2> "$tmp/err" ||
			    { fail "extract --fill $id.tmx: $(cat "$tmp/err")"; continue; }
			valid "$tmp/$id.tmx.xlf"
			# Links with a confidence of 0.5 or more are translated;
			# a memory of habar's without confidences is only a
			# suggestion (initial).
			if grep -q 'x-habar-confidence' "$tmp/$id.tmx"; then
				grep -q 'state="translated"' "$tmp/$id.tmx.xlf" ||
				    fail "$id: nothing filled from habar-tmx's memory"
			else
				grep -q 'state="initial"' "$tmp/$id.tmx.xlf" ||
				    fail "$id: nothing filled from habar-tmx's memory"
				grep -q 'state="translated"' "$tmp/$id.tmx.xlf" &&
				    fail "$id: a link of unknown confidence is translated"
			fi
		done
	fi
	for f in "$src"/tests/cli/habar-xliff/*/*.xlf "$src"/tests/cli/habar-xliff/*/expected; do
		grep -q 'urn:oasis:names:tc:xliff:document:\(2\.0\|1\.2\)' "$f" 2>/dev/null || continue
		case $f in */merge-no-target-lang/*|*/merge-no-skeleton/*|*/merge-mismatched-ids/*|*/merge-missing-unit/*|*/merge-malformed/*) continue ;; esac
		valid "$f"
	done
	;;
toolkit)
	py=/usr/bin/python3
	if [ ! -x $py ] || ! $py -c 'import translate.storage.xliff' 2>/dev/null; then
		echo "skipped: Translate Toolkit (python3-translate) is not installed"
		exit 77
	fi
	for r in "$src"/samples/*/*.md; do
		lang=$(lang_of "$r")
		t=kk
		[ "$lang" = kk ] && t=ru
		out=$tmp/$(basename "$r").xlf
		"$xliff" extract -s "$lang" -t $t --xliff-version 1.2 "$r" > "$out" ||
		    { fail "extract 1.2 $r"; continue; }
		want=$(grep -c '<trans-unit ' "$out")
		# Read with the toolkit, count its units, give each a target
		# that names its id, and write the file back the toolkit's way.
		got=$($py - "$out" "$out.tt" <<'PY'
import sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
for u in units:
    u.target = "[" + u.xmlelement.get("id") + "] " + u.source
    u.markfuzzy(False)
with open(sys.argv[2], "wb") as f:
    f.write(bytes(store))
print(len(units))
PY
) || { fail "Translate Toolkit cannot read $out"; continue; }
		[ "$got" = "$want" ] ||
		    fail "$r: Translate Toolkit reads $got units, the file has $want"
		[ "$want" -gt 0 ] || fail "$r: no unit"
		if ! "$xliff" merge "$out.tt" > "$tmp/back.md" 2> "$tmp/err"; then
			fail "merge of Translate Toolkit's $out.tt: $(cat "$tmp/err")"
			continue
		fi
		grep -q "^lang: $t\$" "$tmp/back.md" || fail "$r: lang is not $t"
		# Every sentence came back behind its own id, in order.
		n=$(grep -o '\[p[0-9]*-s[0-9]*\]' "$tmp/back.md" | wc -l)
		s=$(grep -c '<trans-unit id="p' "$out")
		[ "$n" = "$s" ] || fail "$r: $n of $s sentences merged back"
		grep -o '\[p[0-9]*-s[0-9]*\]' "$tmp/back.md" | tr -d '[]' > "$tmp/ids"
		grep -o '<trans-unit id="p[0-9]*-s[0-9]*"' "$out" |
		    sed 's/.*id="\(.*\)"/\1/' | cmp -s - "$tmp/ids" ||
		    fail "$r: sentences merged out of order"
		checked=$((checked + 1))
	done
	;;
omegat)
	if ! command -v omegat > /dev/null; then
		echo "skipped: OmegaT is not installed"
		exit 77
	fi
	sh "$src/tests/e2e/xliff-omegat.sh" "$tmp" || failed=1
	checked=1
	;;
atomic)
	echo "old contents" > "$tmp/out.md"
	printf '<xliff version="2.0"><file>' > "$tmp/bad.xlf"
	"$xliff" merge -o "$tmp/out.md" "$tmp/bad.xlf" 2>/dev/null
	[ $? -eq 2 ] || fail "merge of malformed XML did not exit 2"
	echo "old contents" | cmp -s - "$tmp/out.md" || fail "merge -o clobbered its output"
	"$xliff" extract -t kk -o "$tmp/out.md" "$fixtures/plain.en.md" 2>/dev/null
	[ $? -eq 2 ] || fail "extract without a source language did not exit 2"
	echo "old contents" | cmp -s - "$tmp/out.md" || fail "extract -o clobbered its output"
	ls -A "$tmp" | grep -q habar-tmp && fail "a temporary file was left behind"
	"$xliff" extract -s en -t kk -o "$tmp/out.xlf" "$fixtures/plain.en.md" ||
	    fail "extract -o"
	"$xliff" merge -o "$tmp/out.md" "$tmp/out.xlf" 2>/dev/null || fail "merge -o"
	cmp -s "$fixtures/plain.en.md" "$tmp/out.md" || fail "merge -o wrote something else"
	checked=5
	;;
corpus)
	if [ -z "$shared" ] || [ ! -d "$shared/corpus/en" ]; then
		echo "skipped: no shared corpus at '$shared/corpus'"
		exit 77
	fi
	bytes=0
	start=$(date +%s)
	for lang in en ru kk; do
		target=kk
		[ $lang = kk ] && target=ru
		for f in "$shared/corpus/$lang"/*.txt; do
			[ -f "$f" ] || continue
			for v in 2.0 1.2; do
			if ! "$xliff" extract -s $lang -t $target --xliff-version $v \
			    "$f" > "$tmp/c.xlf" 2> "$tmp/err"; then
				fail "extract $f ($v): $(head -1 "$tmp/err")"
				continue
			fi
			"$xliff" merge "$tmp/c.xlf" 2>/dev/null | cmp -s - "$f" ||
			    fail "$f -> $target ($v) -> back is not the same"
			bytes=$((bytes + $(wc -c < "$f")))
			checked=$((checked + 1))
			done
		done
	done
	echo "corpus: $bytes bytes extracted and merged back in $(($(date +%s) - start)) s"
	;;
*)
	echo "usage: xliff.sh roundtrip|schema|toolkit|omegat|atomic|corpus" >&2
	exit 2
	;;
esac
echo "$mode: $checked checks, $([ $failed -eq 0 ] && echo all passed || echo some FAILED)"
exit $failed

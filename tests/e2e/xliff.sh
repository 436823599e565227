#!/bin/sh
# xliff.sh MODE: habar-xliff on every sample release and fixture.
#
#   roundtrip  extract into each other language (kk, ru, en), merge the
#              untranslated document back: the release must come back byte
#              for byte; a second extraction must be identical to the first
#   schema     every document extracted (plain, filled from the fixture TMX,
#              filled from habar-align's parallel XML of the samples when
#              habar-align exists and from habar-tmx's memory of it when
#              habar-tmx exists, translated CLI fixtures) is valid against
#              the OASIS XLIFF 2.0 core schema, read in place from
#              $HABAR_SHARED/schemas/xliff-2.0 with xmllint --nonet (its
#              import of xml.xsd resolves to the copy beside it, offline);
#              exit 77 (skipped) when the schema or xmllint is missing
#   atomic     a failing merge or extract with -o leaves an existing output
#              file as it was and no temporary file behind
#   corpus     the round trip on every text of the shared corpus
#              ($HABAR_SHARED/corpus/{en,ru,kk}, read in place: plain text
#              with no front matter, long paragraphs, odd characters);
#              exit 77 (skipped) without it
set -u
mode=${1:?usage: xliff.sh roundtrip|schema|atomic|corpus}
bin=${HABAR_BIN:?HABAR_BIN is not set}
src=${HABAR_SOURCE:?HABAR_SOURCE is not set}
shared=${HABAR_SHARED:-}
xliff=$bin/habar-xliff
fixtures=$src/tests/cli/habar-xliff/fixtures
schema=$shared/schemas/xliff-2.0/xliff_core_2.0.xsd
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

valid() { # valid FILE: checks FILE against the schema
	checked=$((checked + 1))
	if ! xmllint --noout --nonet --schema "$schema" "$1" 2> "$tmp/xmllint"; then
		fail "$1 is not valid XLIFF 2.0:"
		head -5 "$tmp/xmllint"
	fi
}

case $mode in
roundtrip)
	for r in $(releases); do
		lang=$(lang_of "$r")
		for t in kk ru en; do
			[ "$t" = "$lang" ] && continue
			out=$tmp/$(basename "$r").$t.xlf
			if ! "$xliff" extract --source "$lang" --target "$t" "$r" \
			    > "$out" 2> "$tmp/err"; then
				fail "extract $r -> $t: $(cat "$tmp/err")"
				continue
			fi
			"$xliff" extract --source "$lang" --target "$t" "$r" \
			    > "$out.again" 2>/dev/null
			cmp -s "$out" "$out.again" || fail "extract $r -> $t differs between runs"
			if ! "$xliff" merge "$out" > "$tmp/back" 2> "$tmp/err"; then
				fail "merge $out: $(cat "$tmp/err")"
				continue
			fi
			cmp -s "$r" "$tmp/back" || fail "$r -> $t -> back is not the same"
			checked=$((checked + 1))
		done
	done
	;;
schema)
	if [ ! -f "$schema" ] || ! command -v xmllint > /dev/null; then
		echo "skipped: no XLIFF 2.0 schema at '$schema' or no xmllint"
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
			grep -q 'state="translated"' "$tmp/$id.tmx.xlf" ||
			    fail "$id: nothing filled from habar-tmx's memory"
		done
	fi
	for f in "$src"/tests/cli/habar-xliff/*/*.xlf "$src"/tests/cli/habar-xliff/*/expected; do
		grep -q 'urn:oasis:names:tc:xliff:document:2.0' "$f" 2>/dev/null || continue
		case $f in */merge-no-target-lang/*|*/merge-no-skeleton/*|*/merge-mismatched-ids/*|*/merge-missing-unit/*|*/merge-malformed/*) continue ;; esac
		valid "$f"
	done
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
			if ! "$xliff" extract -s $lang -t $target "$f" > "$tmp/c.xlf" \
			    2> "$tmp/err"; then
				fail "extract $f: $(head -1 "$tmp/err")"
				continue
			fi
			"$xliff" merge "$tmp/c.xlf" 2>/dev/null | cmp -s - "$f" ||
			    fail "$f -> $target -> back is not the same"
			bytes=$((bytes + $(wc -c < "$f")))
			checked=$((checked + 1))
		done
	done
	echo "corpus: $bytes bytes extracted and merged back in $(($(date +%s) - start)) s"
	;;
*)
	echo "usage: xliff.sh roundtrip|schema|atomic|corpus" >&2
	exit 2
	;;
esac
echo "$mode: $checked checks, $([ $failed -eq 0 ] && echo all passed || echo some FAILED)"
exit $failed

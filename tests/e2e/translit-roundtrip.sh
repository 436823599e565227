#!/bin/sh
# translit-roundtrip.sh: how many words of real Kazakh text survive
# habar-translit Cyrillic -> Latin -> Cyrillic unchanged.
#
# Reads every Kazakh text of the shared corpus ($HABAR_SHARED/corpus/kk,
# read in place), takes each Cyrillic word as a line of its own, converts
# it to Latin and back (--all, so that no word is kept as foreign) and
# counts the words that come back identical: all of them, and those
# without the loan letters ё ц щ ъ ь э that the 2021 alphabet cannot carry
# back (docs/habar-translit.md).  Fails when fewer than 99.5% of these
# "native" words or 97.5% of all words come back.  Exit 77 (skipped)
# without the corpus.
#
# Then measures the word heuristic on whole texts: the Kazakh corpus must
# be converted (99.5% of its words to Latin, 99% back), the Russian and
# English ones kept (85%).
#
# Also checks, when uconv is installed, that habar-translit --all gives
# exactly what ICU's uconv gives with the same rule files over the whole
# text: habar-translit converts word by word and caches words, which is only
# right while no rule looks past the letters of a word.
set -u
bin=${HABAR_BIN:?HABAR_BIN is not set}
shared=${HABAR_SHARED:-}
dir=$shared/corpus/kk
if [ -z "$shared" ] || [ ! -d "$dir" ]; then
	echo "skipped: no Kazakh corpus at '$dir'"
	exit 77
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8

cat "$dir"/*.txt | grep -oE '[[:alpha:]]+' |
    grep -E '[абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ]' \
    > "$tmp/words" || exit 2
"$bin/habar-translit" --all --no-exceptions --to kk-Latn "$tmp/words" > "$tmp/latn" || exit 2
"$bin/habar-translit" --all --to kk-Cyrl "$tmp/latn" > "$tmp/back" || exit 2
paste -d ' ' "$tmp/words" "$tmp/back" > "$tmp/pairs"
grep -vE '^[^ ]*[ёцщъьэЁЦЩЪЬЭ]' "$tmp/pairs" > "$tmp/native"

all=$(wc -l < "$tmp/pairs")
all_ok=$(awk '$1 == $2' "$tmp/pairs" | wc -l)
native=$(wc -l < "$tmp/native")
native_ok=$(awk '$1 == $2' "$tmp/native" | wc -l)
[ "$all" -gt 0 ] && [ "$native" -gt 0 ] || { echo "no words found"; exit 1; }

awk -v a="$all" -v ao="$all_ok" -v n="$native" -v no="$native_ok" 'BEGIN {
	printf "round trip Cyrl->Latn->Cyrl on corpus/kk: %d of %d words (%.2f%%)\n", ao, a, 100 * ao / a
	printf "  without loan letters ё ц щ ъ ь э:        %d of %d words (%.2f%%)\n", no, n, 100 * no / n
}'
echo "most frequent words that do not come back (word, result):"
awk '$1 != $2' "$tmp/native" | sort | uniq -c | sort -rn | head -10

if command -v uconv > /dev/null 2>&1; then
	src=${HABAR_SOURCE:?HABAR_SOURCE is not set}
	cat "$dir"/*.txt > "$tmp/text"
	for pass in "kk-Latn cyrl-latn text" "kk-Cyrl latn-cyrl latin"; do
		set -- $pass
		[ "$1" = kk-Cyrl ] && cp "$tmp/mine" "$tmp/latin"
		"$bin/habar-translit" --all --no-exceptions --to "$1" "$tmp/$3" > "$tmp/mine" || exit 2
		uconv -f utf-8 -t utf-8 -x "$(cat "$src/locales/kk/$2.txt")" \
		    "$tmp/$3" > "$tmp/icu" || exit 2
		if ! cmp -s "$tmp/mine" "$tmp/icu"; then
			echo "FAIL: --all --to $1 differs from uconv -x $2.txt:"
			diff "$tmp/icu" "$tmp/mine" | head -10
			exit 1
		fi
		echo "--all --to $1 equals uconv -x $2.txt on the whole corpus"
	done
fi

# The word heuristic on whole texts of one language (--report counts):
# Kazakh must be converted, Russian and English kept.
# report FILE...: "words converted kept" summed over the --report lines.
report() {
	awk '{ w += $(NF - 5); c += $(NF - 3); k += $(NF - 1) }
	    END { print w, c, k }' "$@"
}
cat "$dir"/*.txt | "$bin/habar-translit" --report --to kk-Latn \
    > "$tmp/kk-latn" 2> "$tmp/r1" || exit 2
"$bin/habar-translit" --report --to kk-Cyrl "$tmp/kk-latn" > /dev/null \
    2> "$tmp/r2" || exit 2
ok_mixed=1
set -- $(report "$tmp/r1")
awk -v w="$1" -v c="$2" 'BEGIN { printf "Kazakh corpus to kk-Latn: %d of %d words converted (%.2f%%)\n", c, w, 100 * c / w }'
awk -v w="$1" -v c="$2" 'BEGIN { exit !(c * 1000 >= w * 995) }' || ok_mixed=0
set -- $(report "$tmp/r2")
awk -v w="$1" -v c="$2" 'BEGIN { printf "  and back to kk-Cyrl:     %d of %d words converted (%.2f%%)\n", c, w, 100 * c / w }'
awk -v w="$1" -v c="$2" 'BEGIN { exit !(c * 1000 >= w * 990) }' || ok_mixed=0
for lang in ru en; do
	[ -d "$shared/corpus/$lang" ] || continue
	to=kk-Latn
	[ $lang = en ] && to=kk-Cyrl
	cat "$shared/corpus/$lang"/*.txt | "$bin/habar-translit" --report \
	    --to $to > /dev/null 2> "$tmp/r3" || exit 2
	set -- $(report "$tmp/r3")
	awk -v w="$1" -v k="$3" -v l=$lang -v t=$to 'BEGIN { printf "%s corpus to %s: %d of %d words kept as they are (%.2f%%)\n", l, t, k, w, 100 * k / w }'
	awk -v w="$1" -v k="$3" 'BEGIN { exit !(k * 100 >= w * 85) }' || ok_mixed=0
done
[ $ok_mixed -eq 1 ] || { echo "FAIL: Kazakh below 99.5%/99% converted or Russian/English below 85% kept"; exit 1; }

awk -v a="$all" -v ao="$all_ok" -v n="$native" -v no="$native_ok" 'BEGIN {
	exit !(no * 1000 >= n * 995 && ao * 1000 >= a * 975)
}' || { echo "FAIL: below 99.5% (native) or 97.5% (all)"; exit 1; }
exit 0

#!/bin/sh
# translit-roundtrip.sh: how many words of real Kazakh text survive
# habar-translit Cyrillic -> Latin -> Cyrillic unchanged.
#
# Reads every Kazakh text of the shared corpus ($HABAR_SHARED/corpus/kk,
# read in place), takes each Cyrillic word as a line of its own, converts
# it to Latin and back (--all, so that no word is kept as foreign) and
# counts the words that come back identical: all of them, and those
# without the loan letters ё ц щ ъ ь э that the 2021 alphabet cannot carry
# back (README, "habar-translit").  Fails when fewer than 99.5% of these
# "native" words or 97.5% of all words come back.  Exit 77 (skipped)
# without the corpus.
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
"$bin/habar-translit" --all --to kk-Latn "$tmp/words" > "$tmp/latn" || exit 2
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

awk -v a="$all" -v ao="$all_ok" -v n="$native" -v no="$native_ok" 'BEGIN {
	exit !(no * 1000 >= n * 995 && ao * 1000 >= a * 975)
}' || { echo "FAIL: below 99.5% (native) or 97.5% (all)"; exit 1; }
exit 0

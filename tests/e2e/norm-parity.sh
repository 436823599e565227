#!/bin/sh
# norm-parity.sh: habar-norm's output against `uconv -x any-nfc`.
#
# 1. Text of our own in kk, ru and en that needs NFC (decomposed letters)
#    but no other rule: with every rule on, habar-norm must write exactly
#    what uconv writes.
# 2. Every valid UTF-8 .txt of $HABAR_SHARED/corpus with --skip all: the
#    two outputs must be identical byte for byte (CRLF files included).
# Skipped (77) without uconv; part 2 is skipped without the corpus.
set -u
bin=${HABAR_BIN:?HABAR_BIN is not set}/habar-norm
shared=${HABAR_SHARED:-}
command -v uconv >/dev/null 2>&1 || { echo "uconv not installed: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
failed=0

# Part 1.  e + U+0301, и + U+0306, Е + U+0308, К + U+0326 (no precomposed
# form: stays), і + U+0308; typographic marks already right are kept.
printf '%b' \
    'Cafe\0314\0201 au lait, nai\0314\0210ve: 10 000 guests \0342\0200\0224 \0342\0200\0234welcome\0342\0200\0235.\n' \
    '\n' \
    '\0320\0270\0314\0206\0320\0276\0320\0264, \0320\0225\0314\0210\0320\0273\0320\0272\0320\0260 \0302\0253\0321\0215\0321\0202\0320\0276\0302\0273 \0342\0200\0224 \0321\0202\0320\0260\0320\0272.\n' \
    '\0320\0232\0314\0246\0320\0260\0320\0267\0320\0260\0322\0233 \0321\0226\0314\0210\n' \
    '\tindented line, 24-25 May, ISO 8859-5, C:\\path\n' > "$tmp/fixture.txt"
uconv -x any-nfc < "$tmp/fixture.txt" > "$tmp/want" || exit 2
cmp -s "$tmp/fixture.txt" "$tmp/want" && { echo "the fixture needs no NFC: fix it"; exit 1; }
for lang in kk ru en; do
	"$bin" --lang "$lang" < "$tmp/fixture.txt" > "$tmp/got" || failed=1
	if ! cmp -s "$tmp/got" "$tmp/want"; then
		echo "fixture ($lang): habar-norm differs from uconv -x any-nfc:"
		diff "$tmp/want" "$tmp/got" | head -10
		failed=1
	fi
done
echo "fixture: habar-norm and uconv agree in kk, ru, en"

# Part 2.
if [ -n "$shared" ] && [ -d "$shared/corpus" ]; then
	n=0
	for f in $(find "$shared/corpus" -name '*.txt' | LC_ALL=C sort); do
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || continue
		uconv -x any-nfc < "$f" > "$tmp/want" || { failed=1; continue; }
		"$bin" --lang ru --skip all < "$f" > "$tmp/got" || failed=1
		if ! cmp -s "$tmp/got" "$tmp/want"; then
			echo "$f: habar-norm --skip all differs from uconv -x any-nfc"
			failed=1
		fi
		n=$((n + 1))
	done
	echo "corpus: $n files compared with --skip all"
else
	echo "corpus absent: part 2 skipped"
fi
exit $failed

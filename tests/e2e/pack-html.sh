#!/bin/sh
# pack-html.sh (test): the HTML pages of a release pack open in headless
# Chromium, started with no network: a screenshot of each page is taken,
# and the rendered DOM must hold the text of every language (the title and
# the first words of the body) with its lang attribute.
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.  Exit 0 when all
# holds, 1 on a failed check, 77 (skip) without Chromium.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "pack-html test: no chromium: skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-html.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
fail() { printf 'pack-html test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }

# Nothing may be fetched: the proxy goes nowhere and background services
# are off, so a page that needed the network would show it.
browse() { # browse MODE PAGE OUTPUT
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --proxy-server=127.0.0.1:9 --user-data-dir="$tmp/profile" \
	    --window-size=1280,1600 "$@" 2>>"$tmp/chromium.log"
}

id=inclusive-forum-2026
r=$src/samples/$id/$id
"$bin/habar-pack" -o "$tmp/$id.zip" "$r.en.md" "$r.ru.md" "$r.kk.md" ||
    { fail "habar-pack"; exit 1; }
mkdir "$tmp/x"
(cd "$tmp/x" && bsdtar -xf "$tmp/$id.zip") || { fail "extract"; exit 1; }
html=$tmp/x/$id/html

# The title and the opening words of each language, from the releases.
for lang in en ru kk; do
	sed -n 's/^title: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$r.$lang.md" | head -1 \
	    > "$tmp/title.$lang"
	awk 'BEGIN{n=0} /^---$/{n++; next} n>=2 && NF {print; exit}' "$r.$lang.md" |
	    cut -d' ' -f1-4 > "$tmp/words.$lang"
done

for page in index.html $id.en.html $id.ru.html $id.kk.html; do
	browse --screenshot="$tmp/$page.png" "file://$html/$page" ||
	    fail "$page: chromium failed"
	[ -s "$tmp/$page.png" ] || fail "$page: no screenshot"
	browse --dump-dom "file://$html/$page" > "$tmp/$page.dom" ||
	    fail "$page: chromium could not render it"
	case $page in
	index.html) langs="en ru kk" ;;
	*) langs=$(echo "$page" | sed 's/.*\.\([a-z]*\)\.html$/\1/') ;;
	esac
	for lang in $langs; do
		grep -qF "$(cat "$tmp/title.$lang")" "$tmp/$page.dom" ||
		    fail "$page: the $lang title is not on the page"
		grep -qF "$(cat "$tmp/words.$lang")" "$tmp/$page.dom" ||
		    fail "$page: the $lang text is not on the page"
		grep -q "lang=\"$lang\"" "$tmp/$page.dom" ||
		    fail "$page: no lang=\"$lang\""
	done
done
# The screenshot is a real picture, not an error page: a PNG of the size
# asked for.
python3 - "$tmp/index.html.png" <<'PY' || fail "the screenshot is not a 1280-wide PNG"
import struct, sys
data = open(sys.argv[1], "rb").read(32)
ok = data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", data[16:20])[0] == 1280
sys.exit(0 if ok else 1)
PY

[ $failures -eq 0 ] || { cat "$tmp/chromium.log" >&2; exit 1; }
echo "pack-html test: all pages rendered"

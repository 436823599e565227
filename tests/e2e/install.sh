#!/bin/sh
# install.sh: `cmake --install` into a temporary prefix, then check that the
# installed tree works on its own: every program runs from prefix/bin and
# finds libhabar and its data there (HABAR_DATADIR unset, the build tree out
# of reach), and the headers, man pages, libhabar.so and .a and habar.pc are
# in place and good enough to build a program against.
#
#   sh tests/e2e/install.sh BUILD_DIR [CMAKE [CC [CFLAGS]]]
#
# CC and CFLAGS are the build's compiler and its sanitizer flags, if any,
# for the program built against the installed tree.
#
# Exit 0 when all holds, 1 with a message per failed check.
set -eu

build=${1:?usage: install.sh BUILD_DIR [CMAKE [CC [CFLAGS]]]}
src=${HABAR_SOURCE:-$(dirname "$0")/../..}
cmake=${2:-cmake}
cc=${3:-cc}
cflags=${4:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
prefix=$tmp/prefix
failures=0

fail() { printf 'install.sh: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
ok() { printf 'install.sh: ok: %s\n' "$*"; }

"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || {
	cat "$tmp/install.log" >&2
	echo "install.sh: cmake --install failed" >&2
	exit 1
}
ok "cmake --install $build --prefix <tmp>"

# The programs must not reach back into the build or source tree, nor into
# another installed copy named by the environment.
unset HABAR_DATADIR HABAR_SHARED HABAR_SOURCE HABAR_BIN
libdir=
for d in lib lib64 lib/*-linux-gnu; do
	[ -e "$prefix/$d/libhabar.so" ] && libdir=$prefix/$d && break
done

# Library, static library, pkg-config file.
[ -n "$libdir" ] || fail "no libhabar.so under prefix/lib"
if [ -n "$libdir" ]; then
	[ -f "$libdir/libhabar.a" ] || fail "no libhabar.a beside libhabar.so"
	[ -f "$libdir/pkgconfig/habar.pc" ] || fail "no habar.pc in $libdir/pkgconfig"
	ls "$libdir"/libhabar.so.* >/dev/null 2>&1 || fail "no versioned libhabar.so.N"
fi

# Headers: the umbrella header and everything it includes.
inc=$prefix/include/habar
[ -f "$inc/habar.h" ] || fail "no include/habar/habar.h"
for h in $(sed -n 's/^#include <habar\/\([^>]*\)>.*/\1/p' "$inc/habar.h" 2>/dev/null); do
	[ -f "$inc/$h" ] || fail "habar.h includes <habar/$h>, not installed"
done

# Programs: each runs from prefix/bin, says its version, has a man page.
n=0
for p in "$prefix"/bin/habar-*; do
	[ -x "$p" ] || continue
	name=$(basename "$p")
	n=$((n + 1))
	if ! out=$(cd "$tmp" && "$p" --version 2>&1); then
		fail "$name --version: $out"
	elif [ -z "$out" ]; then
		fail "$name --version printed nothing"
	fi
	if ldd "$p" 2>/dev/null | grep -q 'libhabar.so.*not found'; then
		fail "$name: libhabar.so not found from prefix/bin"
	fi
	ls "$prefix"/share/man/man1/"$name".1* >/dev/null 2>&1 ||
	    fail "$name: no man page in share/man/man1"
done
[ "$n" -gt 0 ] || fail "no program in prefix/bin"
ok "$n programs run from prefix/bin"

# Data: installed under share/habar, and found there.
data=$prefix/share/habar
[ -d "$data/locales" ] || fail "no share/habar/locales"
# (dictionaries/ may be empty, so absent from a fresh clone.)
if [ -n "$(ls "$src/dictionaries" 2>/dev/null)" ]; then
	[ -d "$data/dictionaries" ] || fail "no share/habar/dictionaries"
fi
if ls "$build"/share/habar/encodings/*.cnv >/dev/null 2>&1; then
	ls "$data"/encodings/*.cnv >/dev/null 2>&1 ||
	    fail "compiled encodings (.cnv) not installed in share/habar/encodings"
fi

# run_data NAME INPUT EXPECTED ARG...: the installed program turns INPUT
# into EXPECTED with its data, and fails once that data is moved away
# (proving it was the prefix's data it used, not another copy).
run_data() {
	name=$1 input=$2 expected=$3
	shift 3
	p=$prefix/bin/$name
	[ -x "$p" ] || return 0
	got=$(cd "$tmp" && printf '%s\n' "$input" | "$p" "$@" 2>"$tmp/err") || {
		fail "$name $*: exit $?: $(cat "$tmp/err")"
		return 0
	}
	if [ "$got" != "$expected" ]; then
		fail "$name $*: got '$got', expected '$expected'"
		return 0
	fi
	ok "$name $* finds its data in the prefix"
	[ -d /usr/local/share/habar ] && return 0	# another copy could answer
	mv "$data" "$data.away"
	if (cd "$tmp" && printf '%s\n' "$input" | "$p" "$@") >"$tmp/out" 2>&1 &&
	    [ "$(cat "$tmp/out")" = "$expected" ]; then
		fail "$name $* still works without share/habar: not the prefix's data"
	fi
	mv "$data.away" "$data"
}

# Kazakh to Latin needs locales/kk; Russian sentences need locales/ru's
# abbreviations; KZ-1048 needs its compiled .cnv.
run_data habar-translit 'Қазақстан' 'Qazaqstan' --to kk-Latn
run_data habar-seg 'Д-р Новак приехала. Она рада.' \
    "$(printf 'Д-р Новак приехала.\nОна рада.')" --lang ru
if [ -x "$prefix/bin/habar-decode" ]; then
	# "Қазақ" in KZ-1048: Қ is 0x8D, а 0xE0, з 0xE7, қ 0x9D.
	printf '\215\340\347\340\235\n' >"$tmp/kz1048"
	got=$(cd "$tmp" && "$prefix/bin/habar-decode" --from KZ-1048 "$tmp/kz1048" 2>"$tmp/err") ||
	    fail "habar-decode --from KZ-1048: $(cat "$tmp/err")"
	if [ "$got" = 'Қазақ' ]; then
		ok "habar-decode --from KZ-1048 finds its encodings"
	else
		fail "habar-decode --from KZ-1048: got '$got'"
	fi
fi

# A program built against the installed headers and library, shared and
# static, through habar.pc.
if [ -n "$libdir" ] && command -v pkg-config >/dev/null && command -v "$cc" >/dev/null; then
	cat >"$tmp/use.c" <<'EOF'
#include <stdio.h>
#include <habar/habar.h>

int
main(void)
{
	printf("%s %s\n", habar_version(), habar_status_string(HABAR_OK));
	return 0;
}
EOF
	export PKG_CONFIG_PATH="$libdir/pkgconfig"
	pc="pkg-config --define-variable=prefix=$prefix"
	# shellcheck disable=SC2086,SC2046
	if "$cc" $cflags -o "$tmp/use" "$tmp/use.c" $($pc --cflags --libs habar) \
	    -Wl,-rpath,"$libdir" 2>"$tmp/err"; then
		if "$tmp/use" >/dev/null; then
			ok "a program links with the installed libhabar.so"
		else
			fail "program linked with libhabar.so does not run"
		fi
	else
		fail "cannot build against the installed tree: $(cat "$tmp/err")"
	fi
	# libhabar.a itself, with the libraries it needs (habar.pc's
	# Requires.private) linked as shared ones.
	private=$($pc --print-requires-private habar | sed 's/[ <>=].*//')
	# shellcheck disable=SC2086,SC2046
	if "$cc" $cflags -o "$tmp/use-static" "$tmp/use.c" $($pc --cflags habar) \
	    "$libdir/libhabar.a" $(pkg-config --libs $private) -lm -lpthread \
	    2>"$tmp/err"; then
		if "$tmp/use-static" >/dev/null; then
			ok "a program links with the installed libhabar.a"
		else
			fail "program linked with libhabar.a does not run"
		fi
	else
		fail "cannot link libhabar.a: $(cat "$tmp/err")"
	fi
fi

if [ "$failures" -gt 0 ]; then
	echo "install.sh: $failures checks failed" >&2
	exit 1
fi
echo "install.sh: the installed tree works"

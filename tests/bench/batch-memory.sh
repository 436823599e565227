#!/bin/sh
# batch-memory.sh [BIN_DIR]: habar-batch's peak memory with a 2 GiB member
# (zeros, so the archive stays small) among 40 two-language releases, in a
# tar.gz, measured with /usr/bin/time -v: once with the default limits
# (the member is skipped by its ratio), once with limits raised so that
# the whole member streams through the spool and is left out as a text
# too large.  The anchor, in the same run: bsdtar extracting the same
# archive to /dev/null.  Prints figures; checks nothing.  Needs about
# 2 GiB of free space under TMPDIR.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-build/bin}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-batch-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir -p "$tmp/in/news"
i=1
while [ $i -le 40 ]; do
	printf 'A new school opens\n\nAstana, 1 September 2020. School number %d opened today. It has room for a thousand pupils.\n' $i >"$tmp/in/news/school-$i.en.txt"
	printf 'Открылась новая школа\n\nАстана, 1 сентября 2020 года. Сегодня открылась школа номер %d. В ней могут учиться тысяча учеников.\n' $i >"$tmp/in/news/school-$i.ru.txt"
	i=$((i + 1))
done
truncate -s 2G "$tmp/in/news/huge.en.txt"
(cd "$tmp/in" && tar czf "$tmp/archive.tar.gz" news)
rm -f "$tmp/in/news/huge.en.txt"
echo "archive: $(wc -c <"$tmp/archive.tar.gz") bytes, 81 members, one of 2 GiB"

. "$here/peak.sh"
peak "habar-batch, default limits" \
    "$bin/habar-batch" -j 2 -o "$tmp/out1" "$tmp/archive.tar.gz"
peak "habar-batch, the 2 GiB member spooled whole" \
    "$bin/habar-batch" -j 2 --max-member 4G --max-total 8G \
    --max-ratio 100000000 -o "$tmp/out2" "$tmp/archive.tar.gz"
peak "anchor: bsdtar -xOf (to /dev/null)" \
    bsdtar -xOf "$tmp/archive.tar.gz"

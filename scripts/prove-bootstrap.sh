#!/bin/sh
# prove-bootstrap.sh: proves the README's two commands on a machine where
# none of habar's packages is installed: a minimal Debian 12 made by
# debootstrap, a fresh clone of this repository and the shared corpus
# beside it (as ../shared, read-only), then `./bootstrap test` and
# `./bootstrap demo` run in it as root.
#
#   scripts/prove-bootstrap.sh WORKDIR [MIRROR]
#
# WORKDIR (outside the repository; about 3 GB) keeps a pristine minimal
# system in WORKDIR/pristine, made once by debootstrap --variant=minbase,
# and copies it to WORKDIR/root for each run, so every run starts with
# none of the packages.  MIRROR defaults to http://deb.debian.org/debian
# (the security suite comes from the matching debian-security).  Both
# runs use the HEAD commit of this repository when the script starts; the
# shared corpus is $HABAR_SHARED or ../shared beside the repository.  The
# log goes to WORKDIR/proof.log and stdout; the exit status is 0 when both
# commands succeed.
#
# Needs root, debootstrap and git on the host.
set -eu

[ $# -ge 1 ] || { echo "usage: scripts/prove-bootstrap.sh WORKDIR [MIRROR]" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "prove-bootstrap: run as root" >&2; exit 2; }
command -v debootstrap >/dev/null ||
    { echo "prove-bootstrap: apt-get install debootstrap" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${HABAR_SHARED:-$repo/../shared}
[ -d "$shared" ] || { echo "prove-bootstrap: $shared: no shared corpus" >&2; exit 2; }
shared=$(cd "$shared" && pwd)
mkdir -p "$1"
work=$(cd "$1" && pwd)
case $work/ in
"$repo"/*) echo "prove-bootstrap: WORKDIR must be outside the repository" >&2; exit 2 ;;
esac
mirror=${2:-http://deb.debian.org/debian}
security=$(printf '%s\n' "$mirror" | sed 's,/debian/*$,/debian-security,')
pristine=$work/pristine
root=$work/root
log=$work/proof.log
# Both commands run on the same commit, however the repository moves on.
commit=$(git -C "$repo" rev-parse HEAD)

mounted() { grep -q " $root/" /proc/mounts; }
unmount_all() {
	for m in root/work/shared dev/pts dev sys proc; do
		if mountpoint -q "$root/$m" 2>/dev/null; then
			umount "$root/$m" || umount -l "$root/$m"
		fi
	done
}

if [ ! -x "$pristine/bin/sh" ]; then
	rm -rf "$pristine"
	debootstrap --variant=minbase bookworm "$pristine" "$mirror"
fi
# fresh: a new copy of the pristine system with the clone and the shared
# corpus in it, and /proc, /sys, /dev mounted.
fresh() {
	unmount_all
	if mounted; then
		echo "prove-bootstrap: something is still mounted in $root" >&2
		exit 2
	fi
	rm -rf "$root"
	cp -a "$pristine" "$root"
	printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
	    "$mirror" "$mirror" "$security" >"$root/etc/apt/sources.list"
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	for m in proc sys dev dev/pts; do
		mount --bind "/$m" "$root/$m"
	done
	mkdir -p "$root/root/work/shared"
	git clone -q "$repo" "$root/root/work/habar"
	git -C "$root/root/work/habar" checkout -q "$commit"
	mount --bind "$shared" "$root/root/work/shared"
	mount -o remount,bind,ro "$root/root/work/shared"
}

# in_root COMMAND: runs COMMAND in the clone, as root, with a clean
# environment.
in_root() {
	chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
	    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	    ${JOBS:+JOBS=$JOBS} sh -c "cd /root/work/habar && $1"
}

trap unmount_all EXIT INT TERM
# Each command starts from its own fresh system: `./bootstrap demo` must
# not rely on what `./bootstrap test` installed, nor the other way round.
{
	for cmd in "./bootstrap test" "./bootstrap demo"; do
		fresh
		echo "== $cmd, in a fresh system"
		echo "== commit: $(git -C "$root/root/work/habar" log --oneline -1)"
		echo "== packages before: $(in_root 'dpkg-query -W | wc -l')"
		for p in gcc clang cmake libicu-dev libxml2-dev libhunspell-dev \
		    libarchive-dev hunspell-kk pandoc python3; do
			in_root "dpkg-query -W -f='\${Status}' $p 2>/dev/null |
			    grep -q 'install ok' && echo '  $p: installed' ||
			    echo '  $p: absent'"
		done
		echo "== started: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
		rc=0
		in_root "$cmd" || rc=$?
		echo "== $cmd: exit $rc ($(date -u '+%Y-%m-%d %H:%M:%S UTC'))"
		echo "== packages after: $(in_root 'dpkg-query -W | wc -l')"
		if [ "$cmd" = "./bootstrap demo" ]; then
			echo "== out/: $(in_root 'find out -type f | wc -l') files"
		fi
	done
} 2>&1 | tee "$log"
unmount_all
if grep -q ': exit [1-9]' "$log"; then
	exit 1
fi

#!/bin/sh
# hostile.sh (test): the programs other than habar-batch against input and
# output targets built to hurt them; each check is the reproduction of a
# defect found in a red-team pass, kept so that it cannot come back.
# habar-batch's own reproductions are in hostile-batch.sh.
#
#   hostile.sh [SECTION...]   output tmpfile attributes messages slides
#                             (all of them without arguments)
#
# Environment (set by ctest): HABAR_SOURCE, HABAR_BIN.
# Exit 0 when all holds, 1 on a failed check, 77 without python3.
set -u

src=${HABAR_SOURCE:?}
bin=${HABAR_BIN:?}
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/habar-hostile.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
chmod 755 "$tmp"	# readable by the unprivileged runs below
failures=0
wrap=
rel=$src/samples/road-safety-2026/road-safety-2026

fail() { printf 'hostile test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }

# No temporary file may be left in a folder.
no_leftovers() { # no_leftovers DIR WHAT
	for f in "$1"/.habar-tmp-*; do
		[ -e "$f" ] && fail "$2: $(basename "$f") left behind"
	done
}

# Every program with -o, with the arguments that make it write.
writers() {
	printf '%s\n' "norm|$rel.ru.md" "translit|--to|kk-Latn|$rel.kk.md" \
	    "decode|$src/samples/legacy/road-safety-2026.ru.cp1251.txt" \
	    "seg|$rel.ru.md" "align|$rel.ru.md|$rel.kk.md" \
	    "tmx|$tmp/par.xml" "xliff|extract|--target|kk|$rel.ru.md" \
	    "pack|$rel.ru.md|$rel.kk.md" \
	    "import|--id|x|$src/tests/cli/habar-import/word-manner/stdin"
}

# run_writer LINE OUT: runs one line of writers() with -o OUT.
run_writer() {
	line=$1 out=$2
	prog=${line%%|*} rest=${line#*|}
	old_ifs=$IFS
	IFS='|'
	# shellcheck disable=SC2086
	set -- $rest
	IFS=$old_ifs
	# $wrap: a command to run the program under, or nothing.
	if [ "$prog" = xliff ]; then
		sub=$1
		shift
		$wrap "$bin/habar-xliff" "$sub" -o "$out" "$@"
	else
		$wrap "$bin/habar-$prog" -o "$out" "$@"
	fi
}

# Item 3: -o over what is not a regular file.
section_output() {
	"$bin/habar-align" -o "$tmp/par.xml" "$rel.ru.md" "$rel.kk.md" ||
	    fail "align for the parallel XML"
	writers > "$tmp/writers"
	while IFS= read -r line; do
		prog=${line%%|*}
		d=$tmp/out-$prog
		mkdir -p "$d"
		# A FIFO is written into, and stays a FIFO.
		mkfifo "$d/fifo"
		cat "$d/fifo" > "$d/from-fifo" &
		reader=$!
		run_writer "$line" "$d/fifo" 2> "$d/err" ||
		    fail "$prog -o FIFO: $(cat "$d/err")"
		if [ -p "$d/fifo" ]; then
			wait $reader
		else
			# Renamed over: the reader waits on a FIFO gone.
			fail "$prog -o FIFO: no longer a FIFO"
			kill $reader 2>/dev/null
			wait $reader 2>/dev/null
		fi
		[ -s "$d/from-fifo" ] || fail "$prog -o FIFO: nothing written"
		# /dev/stdout is standard output, whoever runs the program.
		# Root runs it as nobody: a program that renames over its
		# output must not replace the system's /dev/stdout.
		wrap=
		if [ "$(id -u)" = 0 ]; then
			wrap="setpriv --reuid=65534 --regid=65534 --clear-groups"
			command -v setpriv >/dev/null 2>&1 || wrap=skip
		fi
		if [ "$wrap" != skip ]; then
			run_writer "$line" /dev/stdout > "$d/stdout" 2> "$d/err" ||
			    fail "$prog -o /dev/stdout: $(cat "$d/err")"
			cmp -s "$d/stdout" "$d/from-fifo" ||
			    fail "$prog -o /dev/stdout differs from -o FIFO"
		fi
		wrap=
		# A device stays a device, also for root.  As root, a private
		# copy of /dev/null stands in, so that a program that renames
		# over its output cannot replace the system's.
		null=/dev/null
		if [ "$(id -u)" = 0 ] && mknod "$d/null" c 1 3 2>/dev/null; then
			null=$d/null
		elif [ "$(id -u)" = 0 ]; then
			null=
		fi
		if [ -n "$null" ]; then
			run_writer "$line" "$null" 2> "$d/err" ||
			    fail "$prog -o $null: $(cat "$d/err")"
			[ -c "$null" ] || fail "$prog -o $null: no longer a device"
		fi
		# A regular file keeps its mode.
		echo old > "$d/private"
		chmod 600 "$d/private"
		run_writer "$line" "$d/private" 2> "$d/err" ||
		    fail "$prog -o 0600 file: $(cat "$d/err")"
		[ "$(stat -c %a "$d/private")" = 600 ] ||
		    fail "$prog -o 0600 file: mode $(stat -c %a "$d/private")"
		cmp -s "$d/private" "$d/from-fifo" ||
		    fail "$prog -o 0600 file: not replaced"
		# A symbolic link is followed: its target is replaced.
		echo old > "$d/target"
		ln -s target "$d/link"
		run_writer "$line" "$d/link" 2> "$d/err" ||
		    fail "$prog -o LINK: $(cat "$d/err")"
		[ -L "$d/link" ] || fail "$prog -o LINK: the link was replaced"
		cmp -s "$d/target" "$d/from-fifo" ||
		    fail "$prog -o LINK: the target was not written"
		# A dangling link is refused: nothing is created through it.
		ln -s nowhere "$d/dangling"
		run_writer "$line" "$d/dangling" 2> "$d/err"
		[ $? -eq 2 ] || fail "$prog -o dangling link: not exit 2"
		grep -q 'dangling symbolic link' "$d/err" ||
		    fail "$prog -o dangling link: message: $(cat "$d/err")"
		[ -e "$d/nowhere" ] && fail "$prog -o dangling link: created"
		no_leftovers "$d" "$prog -o"
	done < "$tmp/writers"
	if [ "$(id -u)" = 0 ]; then
		# As root, the file keeps its owner as well.
		echo old > "$tmp/owned"
		chown 1:1 "$tmp/owned"
		"$bin/habar-norm" -o "$tmp/owned" "$rel.ru.md" ||
		    fail "norm -o a file of another owner"
		[ "$(stat -c %u:%g "$tmp/owned")" = 1:1 ] ||
		    fail "root's -o changed the owner to $(stat -c %u:%g "$tmp/owned")"
	fi
}

# Item 9: a program killed outright leaves no temporary file behind.
section_tmpfile() {
	d=$tmp/killed
	mkdir -p "$d"
	for prog in norm pack; do
		if [ $prog = pack ]; then
			(sleep 3; cat "$rel.ru.md") |
			    "$bin/habar-pack" -o "$d/out.zip" - &
		else
			(sleep 3; cat "$rel.ru.md") |
			    "$bin/habar-norm" -o "$d/out.md" - &
		fi
		sleep 1
		# $! is the last command of the pipeline: the program.
		kill -9 $! 2>/dev/null
		wait $! 2>/dev/null
		no_leftovers "$d" "habar-$prog killed with SIGKILL"
		[ -e "$d/out.md" ] || [ -e "$d/out.zip" ] &&
		    fail "habar-$prog killed: a partial output"
	done
	# A failed run leaves nothing either.
	"$bin/habar-norm" -o "$d/out.md" "$d/missing.md" 2>/dev/null
	no_leftovers "$d" "habar-norm on a missing input"
}

# Item 10: an element of 100,000 attributes, refused within a second by
# every reader of XML.
section_attributes() {
	d=$tmp/attributes
	mkdir -p "$d"
	python3 - "$d" "$rel" <<'EOF'
import io, sys, tarfile, zipfile
d, rel = sys.argv[1], sys.argv[2]
many = " ".join('a%d="1"' % i for i in range(100000))
head = '<?xml version="1.0" encoding="UTF-8"?>\n'
open(d + "/par.xml", "w").write(head +
    '<parallel xmlns="urn:habar:parallel:1" %s/>\n' % many)
open(d + "/mem.tmx", "w").write(head +
    '<tmx version="1.4"><header srclang="ru"/><body><tu %s/></body></tmx>\n'
    % many)
open(d + "/doc.xlf", "w").write(head +
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
    'srcLang="ru" trgLang="kk"><file id="f" %s/></xliff>\n' % many)
with zipfile.ZipFile(rel + ".pptx") as z, \
    zipfile.ZipFile(d + "/slides.pptx", "w") as out:
    for i in z.infolist():
        data = z.read(i.filename)
        if i.filename == "ppt/slides/slide1.xml":
            data = (head + '<p:sld xmlns:p="http://schemas.openxmlformats.'
                'org/presentationml/2006/main" %s/>' % many).encode()
        out.writestr(i, data)
with zipfile.ZipFile(d + "/pack.zip", "w") as z:
    z.writestr("r/manifest.xml", head +
        '<manifest xmlns="urn:habar:manifest:1" %s/>\n' % many)
page = ('<html><head><title>x</title></head><body><p %s>text</p>'
    '</body></html>\n' % many).encode()
with tarfile.open(d + "/pages.tar", "w") as t:
    info = tarfile.TarInfo("site/release-2026.ru.htm")
    info.size = len(page)
    t.addfile(info, io.BytesIO(page))
open(d + "/doc12.xlf", "w").write(head +
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
    '<file source-language="ru" target-language="kk" datatype="plaintext" '
    'original="x" %s/></xliff>\n' % many)
w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
with zipfile.ZipFile(d + "/doc.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", head + '<Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", head + '<w:document %s><w:body><w:p %s>'
        '<w:r><w:t>Text.</w:t></w:r></w:p></w:body></w:document>' % (w, many))
with zipfile.ZipFile(d + "/doc.odt", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text",
        compress_type=zipfile.ZIP_STORED)
    z.writestr("content.xml", head + '<office:document-content xmlns:office='
        '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:'
        'oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:'
        'text><text:p %s>Text.</text:p></office:text></office:body></office:'
        'document-content>' % many)
with tarfile.open(d + "/docs.tar", "w") as t:
    for name in ("doc.docx", "doc.odt"):
        t.add(d + "/" + name, "site/release-2026.%s.%s" %
            ("ru" if name.endswith("docx") else "kk", name[4:]))
EOF
	# within NAME TIMEOUT COMMAND...: the command ends within TIMEOUT s
	# with exit 2 (1 for habar-batch, which goes on after the page) and
	# names the limit.
	within() {
		name=$1 want=$2
		shift 2
		start=$(date +%s%N)
		timeout 20 "$@" > "$d/out" 2> "$d/err"
		got=$?
		ms=$(( ($(date +%s%N) - start) / 1000000 ))
		[ "$got" = "$want" ] || fail "$name: exit $got, not $want"
		[ $ms -lt 1000 ] || fail "$name: took $ms ms"
		printf 'attributes: %-36s %5d ms\n' "$name" "$ms"
		cat "$d/err" "$d/out" "$d/batch/report.tsv" 2>/dev/null |
		    grep -q 'more than 256 attributes' ||
		    fail "$name: no message naming the limit: $(head -c 300 "$d/err")"
	}
	within habar-pack 2 "$bin/habar-pack" -o "$d/p.zip" "$d/par.xml"
	within habar-tmx 2 "$bin/habar-tmx" "$d/mem.tmx"
	within "habar-tmx (parallel XML)" 2 "$bin/habar-tmx" "$d/par.xml"
	within "habar-xliff merge" 2 "$bin/habar-xliff" merge "$d/doc.xlf"
	within "habar-xliff --fill" 2 "$bin/habar-xliff" extract --target kk \
	    --fill "$d/mem.tmx" "$rel.ru.md"
	within habar-verify 2 "$bin/habar-verify" "$d/pack.zip"
	within "habar-pack --attach .pptx" 2 "$bin/habar-pack" -o "$d/a.zip" \
	    -a "$d/slides.pptx" "$rel.ru.md"
	within "habar-batch web page" 1 "$bin/habar-batch" -o "$d/batch" \
	    --jobs 1 "$d/pages.tar"
	within "habar-xliff merge (XLIFF 1.2)" 2 "$bin/habar-xliff" merge \
	    "$d/doc12.xlf"
	within "habar-qa TMX" 2 "$bin/habar-qa" "$d/mem.tmx"
	within "habar-qa XLIFF 2.0" 2 "$bin/habar-qa" "$d/doc.xlf"
	within "habar-qa XLIFF 1.2" 2 "$bin/habar-qa" "$d/doc12.xlf"
	within "habar-qa parallel XML" 2 "$bin/habar-qa" "$d/par.xml"
	within "habar-import .docx" 2 "$bin/habar-import" "$d/doc.docx"
	within "habar-import .odt" 2 "$bin/habar-import" "$d/doc.odt"
	rm -rf "$d/batch"
	within "habar-batch .docx and .odt" 1 "$bin/habar-batch" -o "$d/batch" \
	    --jobs 1 "$d/docs.tar"
}

# Item 16: messages name one line and the limit, carry the system's
# reason, and a bad option comes before any output.
section_messages() {
	d=$tmp/messages
	mkdir -p "$d"
	# Line 8 is 17 MiB long: over every program's line limit.
	python3 - "$d/long.md" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: x\nlang: kk\n---\n\nБірінші.\n\n")
    f.write("а" * (17 << 19) + "\n")
EOF
	for cmd in "norm" "seg" "spell" "translit --to kk-Latn" \
	    "xliff extract --target ru" "pack -o $d/long.zip"; do
		# shellcheck disable=SC2086
		"$bin/habar-"$cmd "$d/long.md" > /dev/null 2> "$d/err"
		[ $? -eq 2 ] || fail "habar-$cmd on a long line: not exit 2"
		grep -q "^habar-[a-z]*: $d/long.md:8: line longer than 4194304 bytes (the limit)\$" \
		    "$d/err" || fail "habar-$cmd on a long line: $(head -c 200 "$d/err")"
	done
	# One limit for all (HABAR_MAX_LINE, docs/limits.md): a line of
	# 1.5 MiB, over what habar-norm once took, goes through every stage.
	python3 - "$d/wide.md" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\nid: wide\ntitle: x\nlang: kk\n---\n\nБірінші.\n\n")
    s = "Мектеп маңында көлік жылдамдығы төмендейді. "
    f.write(s * ((3 << 19) // len(s.encode())) + "\n")
EOF
	for cmd in "norm" "seg" "spell" "translit --to kk-Latn" \
	    "xliff extract --target ru" "pack -o $d/wide.zip"; do
		# shellcheck disable=SC2086
		"$bin/habar-"$cmd "$d/wide.md" > /dev/null 2> "$d/err"
		[ $? -le 1 ] || fail "habar-$cmd on a 1.5 MiB line: $(head -c 200 "$d/err")"
	done
	# A full disk is named as such, whatever the format.
	for fmt in zip tar.gz tar.xz; do
		"$bin/habar-pack" -f $fmt -o /dev/full "$rel.ru.md" "$rel.kk.md" \
		    2> "$d/err"
		[ $? -eq 2 ] || fail "habar-pack -f $fmt -o /dev/full: not exit 2"
		grep -q 'No space left on device' "$d/err" ||
		    fail "habar-pack -f $fmt -o /dev/full: $(cat "$d/err")"
	done
	# A malformed data file is named with its line, by the program that
	# loads the recognisers (habar-qa) as by the library's other readers.
	mkdir -p "$d/data"
	cp -R "$src/locales" "$d/data/"
	printf 'decimal = , .\nseparator = space\n' > "$d/data/locales/ru/number-format"
	HABAR_DATADIR=$d/data "$bin/habar-qa" "$rel.ru.md" "$rel.kk.md" \
	    > /dev/null 2> "$d/err"
	[ $? -eq 2 ] || fail "habar-qa with a malformed number-format: not exit 2"
	grep -q 'locales/ru/number-format:2: unknown key' "$d/err" ||
	    fail "habar-qa with a malformed number-format: $(cat "$d/err")"
	# habar-seg --lang: refused before a byte is written.
	"$bin/habar-seg" --lang ../../etc "$rel.ru.md" > "$d/out" 2> "$d/err"
	[ $? -eq 2 ] || fail "habar-seg --lang ../../etc: not exit 2"
	[ -s "$d/out" ] && fail "habar-seg --lang ../../etc: wrote output first"
}

# Item 17: the legacy copies of the samples, decoded, have front matter
# that YAML (pandoc, PyYAML) reads.
section_samples() {
	python3 -c 'import yaml' 2>/dev/null || {
		echo "samples: no PyYAML, skipped"
		return
	}
	for f in "$src"/samples/legacy/*.txt; do
		"$bin/habar-decode" "$f" > "$tmp/decoded" 2>/dev/null || continue
		python3 - "$tmp/decoded" <<'EOF' ||
import sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
if text.startswith("---\n"):
    yaml.safe_load(text[4:text.index("\n---\n", 4)])
EOF
		    fail "$(basename "$f"): front matter is not YAML"
	done
}

# Item 17: short slide lines are filed under the language of the lines
# around them, and an e-mail address does not make a Kazakh name English.
section_slides() {
	d=$tmp/slides
	mkdir -p "$d"
	python3 - "$rel.pptx" "$d/deck.pptx" <<'EOF'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
slides = {
    # A Kazakh slide: its two-word heading has no letter only Kazakh has.
    "ppt/slides/slide2.xml": ["Негізгі көрсеткіштер", "Мектептер саны",
        "7 600 мектептің жанындағы өткелдер тексеріледі"],
    # Three languages: the short Russian heading stays Russian.
    "ppt/slides/slide3.xml": ["Негізгі көрсеткіштер", "Основные цифры",
        "Key figures"],
    # A Kazakh name with an e-mail address, alone on its slide.
    "ppt/slides/slide4.xml": ["Асқар Жұмабаев: askar.zhumabayev@safe-road.example.kz"],
}
def slide(paras):
    ps = "".join("<a:p><a:r><a:t>%s</a:t></a:r></a:p>" % p for p in paras)
    return ('<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:a="http://'
        'schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://'
        'schemas.openxmlformats.org/presentationml/2006/main"><p:cSld>'
        '<p:spTree><p:sp><p:txBody>%s</p:txBody></p:sp></p:spTree>'
        '</p:cSld></p:sld>' % ps)
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as out:
    for i in z.infolist():
        data = z.read(i.filename)
        if i.filename in slides:
            data = slide(slides[i.filename]).encode()
        out.writestr(i, data)
EOF
	"$bin/habar-pack" -o "$d/pack.zip" -a "$d/deck.pptx" "$rel.ru.md" \
	    "$rel.kk.md" 2> "$d/err" || fail "habar-pack of the deck: $(cat "$d/err")"
	python3 - "$d/pack.zip" > "$d/langs" <<'EOF' || fail "reading the pack"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if "/slides/deck.pptx." in n:
            lang = n.rsplit(".", 2)[-2]
            for line in z.read(n).decode().split("\n"):
                print(lang + "\t" + line)
EOF
	for want in "kk	Мектептер саны" "ru	Основные цифры" "en	Key figures" \
	    "kk	Асқар Жұмабаев: askar.zhumabayev@safe-road.example.kz"; do
		grep -qxF "$want" "$d/langs" ||
		    fail "slides: not filed as '$want': $(grep -F "${want#*	}" "$d/langs")"
	done
}

sections=${*:-output tmpfile attributes messages samples slides}
for s in $sections; do
	"section_$s"
done
[ $failures -eq 0 ] || exit 1
echo "hostile: all checks passed ($sections)"

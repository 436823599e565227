#!/bin/sh
# xliff-omegat.sh TMPDIR: OmegaT's console mode on habar-xliff's XLIFF 1.2
# (run by "xliff.sh omegat", which skips without omegat).
#
# A project holds the 1.2 documents of the Russian sample releases for
# Kazakh, extracted with --copy-source (OmegaT's XLIFF filter translates
# what it finds in <target>), and a project memory that gives every
# sentence the translation "[OMT] " + its source; OmegaT's own sentence
# segmentation is off, as each trans-unit is a sentence already.  OmegaT
# writes the translated documents; habar-xliff merge must read them, and
# give the same release as the same targets put into the documents by
# hand.  One project only: the Java start-up is most of the time.
set -u
tmp=${1:?usage: xliff-omegat.sh TMPDIR}
bin=${HABAR_BIN:?HABAR_BIN is not set}
src=${HABAR_SOURCE:?HABAR_SOURCE is not set}
py=/usr/bin/python3
xliff=$bin/habar-xliff
failed=0

fail() {
	echo "FAIL: $*"
	failed=1
}

[ -x $py ] || { echo "skipped: no $py"; exit 77; }
for pair in ru:kk; do
	s=${pair%:*} t=${pair#*:}
	p=$tmp/omegat-$s-$t
	mkdir -p "$p/source" "$p/target" "$p/tm" "$p/glossary" \
	    "$p/dictionary" "$p/omegat" "$p/config" || exit 2
	cat > "$p/omegat.project" <<PROJECT
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
<project version="1.0">
<source_dir>__DEFAULT__</source_dir>
<target_dir>__DEFAULT__</target_dir>
<tm_dir>__DEFAULT__</tm_dir>
<glossary_dir>__DEFAULT__</glossary_dir>
<glossary_file>__DEFAULT__</glossary_file>
<dictionary_dir>__DEFAULT__</dictionary_dir>
<source_lang>$s</source_lang>
<target_lang>$t</target_lang>
<source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
<sentence_seg>false</sentence_seg>
<support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags>
</project>
</omegat>
PROJECT
	for r in "$src"/samples/*/*."$s".md; do
		"$xliff" extract -t "$t" --xliff-version 1.2 --copy-source \
		    -o "$p/source/$(basename "$r" .md).xlf" "$r" ||
		    fail "extract $r"
	done
	# The project memory, and the documents as OmegaT should write them.
	$py - "$p" "$s" "$t" <<'PY' || fail "cannot prepare the $s-$t project"
import glob, os, sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape
p, s, t = sys.argv[1:4]
ns = "urn:oasis:names:tc:xliff:document:1.2"
ET.register_namespace("", ns)
seen = {}
for f in sorted(glob.glob(os.path.join(p, "source", "*.xlf"))):
    tree = ET.parse(f)
    for tu in tree.iter("{%s}trans-unit" % ns):
        source = tu.find("{%s}source" % ns).text or ""
        seen[source] = "[OMT] " + source
        tu.find("{%s}target" % ns).text = seen[source]
    tree.write(os.path.join(p, os.path.basename(f) + ".expected"),
               encoding="UTF-8", xml_declaration=True)
with open(os.path.join(p, "omegat", "project_save.tmx"), "w") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
              '<header creationtool="test" creationtoolversion="1" '
              'segtype="sentence" o-tmf="test" adminlang="en" srclang="%s" '
              'datatype="plaintext"/>\n<body>\n' % s)
    for source, target in seen.items():
        out.write('<tu><tuv xml:lang="%s"><seg>%s</seg></tuv><tuv xml:lang="%s">'
                  '<seg>%s</seg></tuv></tu>\n' % (s, escape(source), t,
                                                  escape(target)))
    out.write("</body>\n</tmx>\n")
PY
	if ! timeout 300 omegat --mode=console-translate --quiet \
	    --config-dir="$p/config" --disable-project-locking "$p" \
	    > "$tmp/omegat.log" 2>&1; then
		fail "OmegaT failed on the $s-$t project:"
		tail -5 "$tmp/omegat.log"
		continue
	fi
	for f in "$p"/source/*.xlf; do
		name=$(basename "$f")
		out=$p/target/$name
		if [ ! -f "$out" ]; then
			fail "OmegaT wrote no $name"
			continue
		fi
		grep -q '\[OMT\]' "$out" || fail "OmegaT translated nothing in $name"
		if ! "$xliff" merge "$out" > "$tmp/omegat.md" 2> "$tmp/err"; then
			fail "merge of OmegaT's $name: $(cat "$tmp/err")"
			continue
		fi
		[ -s "$tmp/err" ] && fail "merge of OmegaT's $name warns: $(head -2 "$tmp/err")"
		"$xliff" merge "$p/$name.expected" > "$tmp/expected.md" 2>/dev/null ||
		    fail "merge of the expected $name"
		cmp -s "$tmp/expected.md" "$tmp/omegat.md" ||
		    fail "$name: OmegaT's translation merges into another release"
		grep -q "^lang: $t\$" "$tmp/omegat.md" || fail "$name: lang is not $t"
	done
done
exit $failed

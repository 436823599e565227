#!/usr/bin/env python3
"""align_names.py: the names habar-align fails to match across a translation.

Names are the aligner's strongest evidence without a memory, and a name
that finds no partner is worse than none: two sentences that both hold
names and share none pay a penalty.  This script runs habar-align once
over the NTREX parallel sentences (read in place from
$HABAR_SHARED/corpus: the gold 1-1 links of the loose set are these
sentences), with HABAR_ALIGN_SKELETONS set in its environment so that it
writes each sentence's words and the skeletons it computed for them on
stderr, and then, for each pair of languages and each parallel sentence,
looks up each capitalised word's skeleton among the other side's.

Usage:
  align_names.py [--bin DIR] [--top N] [--words] [--latin]

It prints per pair and direction: the capitalised words, how many found
no partner, and the sentences with names on both sides that share none;
then the unmatched words, most frequent first, each with its skeleton and
the names of the other side of one sentence where it was missed (with
theirs), which is where a rule is missing.  --words does the same for
the lower-case words compared as cognates (how many of them find a
partner is what a cognate rule is judged by, beside the F1).  --latin
lists the words in Latin letters inside Russian and Kazakh sentences,
and whether the English sentence holds the same word.
"""
import collections
import os
import subprocess
import sys
import tempfile

# The corpus, its languages and pairs, as the loose set reads them.
from align_loose import LANGS, PAIRS, read_ntrex


def skeletons(binary, text):
    """{sentence text: [(word, kind, skeleton)]} as habar-align computes
    them."""
    words = {}
    with tempfile.TemporaryDirectory() as d:
        files = []
        for lang, _ in LANGS:
            name = os.path.join(d, "%s.txt" % lang)
            with open(name, "w", encoding="utf-8") as f:
                f.write("---\nid: ntrex\nlang: %s\ndate: 2019-01-01\n---\n"
                        % lang)
                for line in text[lang]:
                    f.write(line + "\n")
            files.append(name)
        env = dict(os.environ)
        env["HABAR_ALIGN_SKELETONS"] = "1"
        res = subprocess.run([binary, "--segmented"] + files,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             universal_newlines=True, env=env)
        if res.returncode != 0:
            sys.stderr.write("habar-align failed: %s" % res.stderr[-2000:])
            sys.exit(2)
    for line in res.stderr.splitlines():
        cols = line.split("\t")
        if cols[0] != "skeletons" or len(cols) < 2:
            continue
        ws = []
        for c in cols[2:]:
            p = c.split(" ")
            if len(p) == 3:
                ws.append((p[0], p[1], p[2]))
        words[cols[1].strip()] = ws
    return words


def is_latin(word):
    return all(ord(ch) < 0x250 for ch in word)


def main():
    binary = "build/bin"
    top = 40
    kind = "N"
    latin = False
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == "--bin":
            binary = args.pop(0)
        elif a == "--top":
            top = int(args.pop(0))
        elif a == "--words":
            kind = "W"
        elif a == "--latin":
            latin = True
        else:
            sys.stderr.write(__doc__)
            sys.exit(2)
    binary = os.path.join(binary, "habar-align")
    text = read_ntrex()[0]
    words = skeletons(binary, text)

    def of(lang, i):
        return words.get(text[lang][i].replace("\t", " ").strip(), [])

    n = len(text["en"])
    if latin:
        seen = collections.Counter()
        shared_ = collections.Counter()
        anchored = collections.Counter()
        for lang in ("ru", "kk"):
            for i in range(n):
                en = set(w.lower() for w, _, _ in of("en", i))
                en_raw = text["en"][i].lower()
                toks = [t.strip(".,;:!?()\"'«»“”") for t in text[lang][i].split()]
                got = set(w for w, _, _ in of(lang, i))
                for t in toks:
                    if t and is_latin(t) and any(ch.isalpha() for ch in t):
                        seen[(lang, t)] += 1
                        if t.lower() in en_raw:
                            shared_[(lang, t)] += 1
                        if t in got and t.lower() in en:
                            anchored[(lang, t)] += 1
        print("Latin words in Cyrillic sentences: %d (%d distinct); in the "
              "English sentence too: %d; an anchor shared with it: %d"
              % (sum(seen.values()), len(seen), sum(shared_.values()),
                 sum(anchored.values())))
        for (lang, t), c in seen.most_common(top):
            print("  %s %-20s %3d  in English %3d  anchored %3d"
                  % (lang, t, c, shared_[(lang, t)], anchored[(lang, t)]))
        return
    for a, b in PAIRS:
        for x, y in ((a, b), (b, a)):
            total = 0
            missed = collections.Counter()
            example = {}
            none_shared = 0
            both = 0
            for i in range(n):
                wx = [w for w in of(x, i) if w[1] == kind]
                wy = [w for w in of(y, i) if w[1] == kind]
                sy = set(w[2] for w in wy)
                sx = set(w[2] for w in wx)
                if x == a and wx and wy:
                    both += 1
                    if not sx & sy:
                        none_shared += 1
                for w, _, sk in wx:
                    total += 1
                    if sk not in sy:
                        missed[(w, sk)] += 1
                        example.setdefault((w, sk), " ".join(
                            "%s:%s" % (v, s) for v, _, s in wy) or "-")
            line = "%s-%s  %s words %5d  no partner %5d (%.1f%%)" % (
                x, y, x, total, sum(missed.values()),
                100.0 * sum(missed.values()) / max(total, 1))
            if x == a:
                line += ("  sentences with %s on both sides %d, sharing "
                         "none %d" % ("names" if kind == "N" else "words",
                                      both, none_shared))
            print(line)
            for (w, sk), c in missed.most_common(top):
                print("    %3d %-18s %-4s  other side: %s"
                      % (c, w, sk, example[(w, sk)]))


if __name__ == "__main__":
    main()

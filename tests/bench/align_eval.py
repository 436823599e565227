#!/usr/bin/env python3
"""align_eval.py: test data and scores for habar-align (standard library only).

Used by tests/bench/align.sh and by the ctest tests in tests/align.cmake.
The corpus is read in place from $HABAR_SHARED/corpus; nothing of it is
copied into the project.

  udhr OUTDIR
      Turns udhr/{eng,rus,kaz}.txt into releases OUTDIR/udhr.{en,ru,kk}.md
      (a paragraph per non-blank line) and OUTDIR/udhr.LANG.map (the line
      number of each paragraph).
  udhr-score XML OUTDIR
      Checks the paragraph links of habar-align's XML against
      udhr/gold-para.tsv for en-ru, en-kk and ru-kk.  A gold row is right
      when the links touching its lines cover exactly its lines in both
      languages; the preamble, which the gold keeps as one group because its
      paragraph counts differ, may be linked more finely inside.  Exit 1
      unless every row of every pair is right.
  ntrex OUTDIR [--seed N] [--copies N] [--no-paragraphs]
      Makes releases OUTDIR/ntrex.{en,ru,kk}.txt (segmented: a sentence a
      line, an article a paragraph unless --no-paragraphs) from the NTREX
      files, perturbed deterministically: in each language independently,
      a sentence is dropped with probability 2% or merged with the next
      one of its article with probability 3% (never dropped in all three).
      Writes the gold alignment as OUTDIR/gold.json.
  ntrex-score OUTDIR A B LINKS
      Scores links "A_numbers<TAB>B_numbers[<TAB>confidence]" (habar-align
      --links A-B) and
      prints precision, recall and F1 against the pair's gold: the
      smallest groups of sentences that the merges and drops in A and B
      allow.
  ladder2links LADDER
      Turns hunalign's ladder output into the same link format.
"""
import json
import os
import random
import sys

import align_score

LANGS = (("en", "eng"), ("ru", "rus"), ("kk", "kaz"))


def shared():
    root = os.environ.get("HABAR_SHARED") or os.path.join(
        os.environ.get("HABAR_SOURCE", "."), "..", "shared")
    return os.path.join(root, "corpus")


def udhr(outdir):
    os.makedirs(outdir, exist_ok=True)
    for lang, code in LANGS:
        path = os.path.join(shared(), "udhr", code + ".txt")
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        numbers = []
        with open(os.path.join(outdir, "udhr.%s.md" % lang), "w",
                  encoding="utf-8") as out:
            out.write("---\nid: udhr\nlang: %s\ndate: 1948-12-10\n"
                      "title: Universal Declaration of Human Rights\n---\n\n"
                      % lang)
            for i, line in enumerate(lines, 1):
                if line.strip():
                    out.write(line + "\n\n")
                    numbers.append(i)
        with open(os.path.join(outdir, "udhr.%s.map" % lang), "w") as out:
            out.write("\n".join(map(str, numbers)) + "\n")


def parse_cell(cell):
    if cell == "-":
        return frozenset()
    if "-" in cell:
        a, b = cell.split("-")
        return frozenset(range(int(a), int(b) + 1))
    return frozenset([int(cell)])


def read_links(xml, level):
    import xml.etree.ElementTree as ET
    ns = "{urn:habar:parallel:1}"
    root = ET.parse(xml).getroot()
    langs = [t.get("lang") for t in root.findall(ns + "text")]
    links = []
    for link in root.findall("%salignment/%s%s/%slink" % (ns, ns, level, ns)):
        sides = {}
        for side in link.findall(ns + "side"):
            sides[side.get("lang")] = side.get("refs").split()
        links.append(sides)
    return langs, links


def udhr_score(xml, outdir):
    maps = {}
    for lang, _ in LANGS:
        with open(os.path.join(outdir, "udhr.%s.map" % lang)) as f:
            maps[lang] = [int(x) for x in f.read().split()]
    langs, links = read_links(xml, "paragraphs")

    def lines_of(lang, refs):
        # "en.p12" is the 12th paragraph, i.e. line maps[en][11].
        return frozenset(maps[lang][int(r.rsplit("p", 1)[1]) - 1] for r in refs)

    gold = []
    with open(os.path.join(shared(), "udhr", "gold-para.tsv"),
              encoding="utf-8") as f:
        next(f)
        for row in f:
            cols = row.rstrip("\n").split("\t")
            gold.append({l: parse_cell(cols[2 + k])
                         for k, (l, _) in enumerate(LANGS)})
    ok_all = True
    for a, b in (("en", "ru"), ("en", "kk"), ("ru", "kk")):
        ours = [(lines_of(a, l.get(a, [])), lines_of(b, l.get(b, [])))
                for l in links]
        ours = [x for x in ours if x[0] or x[1]]
        right = 0
        rows = [g for g in gold if g[a] or g[b]]
        for g in rows:
            touching = [x for x in ours if (x[0] & g[a]) or (x[1] & g[b])]
            ua = frozenset().union(*[x[0] for x in touching]) if touching else frozenset()
            ub = frozenset().union(*[x[1] for x in touching]) if touching else frozenset()
            if ua == g[a] and ub == g[b]:
                right += 1
            else:
                print("  %s-%s wrong: gold %s/%s, ours %s/%s" % (
                    a, b, sorted(g[a]), sorted(g[b]), sorted(ua), sorted(ub)))
        print("udhr paragraphs %s-%s: %d of %d gold links right (%.3f)" % (
            a, b, right, len(rows), right / len(rows)))
        ok_all &= right == len(rows)
    return 0 if ok_all else 1


def read_ntrex():
    base = os.path.join(shared(), "parallel-news")
    text = {}
    for lang, code in LANGS:
        with open(os.path.join(base, "ntrex.%s.txt" % code), encoding="utf-8",
                  newline="") as f:
            text[lang] = [l.rstrip("\r\n") for l in f.read().split("\n")]
            if text[lang] and text[lang][-1] == "":
                text[lang].pop()
    with open(os.path.join(base, "ntrex.document-ids.tsv"), encoding="utf-8") as f:
        docs = [l.strip() for l in f if l.strip()]
    return text, docs


def ntrex(outdir, seed=1, copies=1, paragraphs=True):
    text, docs = read_ntrex()
    n = len(docs)
    rng = random.Random(seed)
    units = []          # (copy, index)
    article = []        # article id of each unit
    for c in range(copies):
        for i in range(n):
            units.append(i)
            article.append((c, docs[i]))
    total = len(units)
    # Per language: the sentences, each a list of unit numbers.
    out = {}
    dropped = {l: set() for l, _ in LANGS}
    for lang, _ in LANGS:
        i = 0
        sents = []
        while i < total:
            r = rng.random()
            if r < 0.02 and not all(i in dropped[o] for o, _ in LANGS if o != lang):
                dropped[lang].add(i)
                i += 1
                continue
            if r < 0.05 and i + 1 < total and article[i + 1] == article[i]:
                sents.append([i, i + 1])
                i += 2
                continue
            sents.append([i])
            i += 1
        out[lang] = sents
    os.makedirs(outdir, exist_ok=True)
    for lang, _ in LANGS:
        with open(os.path.join(outdir, "ntrex.%s.txt" % lang), "w",
                  encoding="utf-8") as f:
            f.write("---\nid: ntrex\nlang: %s\ndate: 2019-01-01\n---\n\n" % lang)
            prev = None
            for s in out[lang]:
                if paragraphs and prev is not None and article[s[0]] != prev:
                    f.write("\n")
                prev = article[s[0]]
                f.write(" ".join(text[lang][units[u]].strip() for u in s) + "\n")
    gold = {lang: out[lang] for lang, _ in LANGS}
    gold["total"] = total
    with open(os.path.join(outdir, "gold.json"), "w") as f:
        json.dump(gold, f)


def pair_gold(gold, a, b):
    """The smallest links that the merges and drops of a and b allow."""
    return align_score.pair_gold(gold[a], gold[b])


def ntrex_score(outdir, a, b, path):
    with open(os.path.join(outdir, "gold.json")) as f:
        gold = json.load(f)
    want = pair_gold(gold, a, b)
    with open(path) as f:
        got = align_score.parse_links(f.read())
    p, r, f1 = align_score.score(want, got)
    print("%s-%s precision %.4f recall %.4f F1 %.4f" % (a, b, p, r, f1))
    return f1


def ladder2links(path):
    with open(path) as f:
        links = align_score.ladder_links(f.read())
    for sa, sb in links:
        print("%s\t%s" % (",".join(map(str, sa)), ",".join(map(str, sb))))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "udhr":
        udhr(argv[2])
        return 0
    if cmd == "udhr-score":
        return udhr_score(argv[2], argv[3])
    if cmd == "ntrex":
        seed, copies, paras = 1, 1, True
        rest = argv[3:]
        while rest:
            if rest[0] == "--seed":
                seed = int(rest[1])
                rest = rest[2:]
            elif rest[0] == "--copies":
                copies = int(rest[1])
                rest = rest[2:]
            elif rest[0] == "--no-paragraphs":
                paras = False
                rest = rest[1:]
            else:
                print("unknown option " + rest[0], file=sys.stderr)
                return 2
        ntrex(argv[2], seed, copies, paras)
        return 0
    if cmd == "ntrex-score":
        f1 = ntrex_score(argv[2], argv[3], argv[4], argv[5])
        if len(argv) > 6:
            return 0 if f1 >= float(argv[6]) else 1
        return 0
    if cmd == "ladder2links":
        ladder2links(argv[2])
        return 0
    print("unknown command " + cmd, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

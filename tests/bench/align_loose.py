#!/usr/bin/env python3
"""align_loose.py: habar-align on loosely translated, re-paragraphed releases.

Each NTREX article becomes a release in English, Russian and Kazakh
(a sentence a line, `--segmented` input), perturbed the way press offices
edit their language versions, independently in each language:

  - cut into paragraphs of its own (a break after a sentence with
    probability 0.3), so paragraphs do not correspond;
  - about 4% of the sentences dropped (never in all three languages);
  - about 6% merged with the next sentence of the article, one merge in
    seven with the next two (a translator joining three sentences);
  - about 4% added: a sentence of another article, in that language only.

The gold of a pair is the smallest links its own drops, merges and
additions allow.  The corpus is read in place from $HABAR_SHARED/corpus;
nothing of it is copied into the project.

Usage:
  align_loose.py [--bin DIR] [--seed N]... [--memory] [--pairs]
                 [--hunalign PATH] [--check F1 PRECISION RECALL11]
                 [--dump-features FILE] [--temperature T] [--keep DIR]
                 [--errors] [--coverage]

For each seed (default 1, 2 and 3; fresh ones with --seed) the script
writes the releases to a temporary directory, runs `habar-align
--segmented --links A-B` on every article and every pair, and prints per
pair: sentence-link F1 (precision, recall), and of the links at confidence
0.5 or more their precision and the share of the gold 1-1 links they get;
then the calibration table over all pairs (confidence band -> precision,
links).  --memory runs it again with `--memory` of a TMX of the other
articles: the articles are cut into two halves, each aligned with a memory
made of the other half's unperturbed sentences, so that no article is ever
in its own memory.  --pairs runs it again (and with --memory, again with
the memory) giving habar-align each pair's two languages alone, as a
release published in two languages would be ("pair" and "mem-pair"):
there is no third language's evidence, and the confidence has a model of
its own for that.  --hunalign PATH (or $HUNALIGN) runs hunalign on the
same sentence lists with an empty dictionary, side by side.  --check
exits 1 unless every pair reaches the F1, and the confident links the
precision and the 1-1 recall, given (ctest's floor).  --dump-features
FILE writes, for each link of two sides habar-align makes (in every run:
without a memory, with one given --memory, and each pair alone, which
--dump-features always runs too), whether it is right, how many
languages habar-align was given (3, or 2 for a pair alone) and the
numbers its confidence is judged by, a line each, for align_fit.py,
and after each pair's links a line "# seed S RUN A-B gold 1-1 N";
--temperature T gives the posterior of
the links that temperature instead of the fitted one (align_fit.py
compares the fits of a few).  --keep DIR writes what habar-align printed
for each article, pair and run (its links with their confidences) as
DIR/RUN/sSEED/aARTICLE.A-B.links, so that two builds can be compared
byte for byte (`diff -r`): a change meant to make the aligner faster,
not different, must leave them equal.
--errors prints, for the runs with a
memory, each pair's errors: the smallest regions where the links and the
gold disagree, by kind (a sentence with no counterpart absorbed into a
merge, a merge split, an added and a dropped sentence read as one
link...), each with the lexicon's evidence of each sentence in it: how
many of the memory's words of the pair it holds, their weight if their
translation is missed, and how many it shares with each sentence of the
other side (habar-align writes each sentence's words on stderr when
HABAR_ALIGN_LEXICON is set in its environment); then the count of each
kind.  --coverage prints, for the runs with a memory, what the memory's
lexicon knows of each pair, measured on the gold: how many of the
pair's words of the memory a sentence holds on each side, the share of
the sentences that hold none, the share of a gold 1-1 link's words whose
translation is in its other sentence (how often a translation shows as
the lexicon expects), and the same share between a sentence and the
neighbours of its gold partner (how often it shows by chance, between
sentences of one article).
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

import align_score

LANGS = (("en", "eng"), ("ru", "rus"), ("kk", "kaz"))
PAIRS = (("en", "ru"), ("en", "kk"), ("ru", "kk"))
BANDS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99, 1.001)

P_BREAK = 0.3
P_DROP = 0.04
P_MERGE = 0.06
# Of the merges, the share that takes the next two sentences.
P_MERGE3 = 1 / 7
P_ADD = 0.04
# --temperature: the posterior's, instead of the fitted one (for the fit).
TEMPERATURE = None


def shared():
    root = os.environ.get("HABAR_SHARED") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")
    return os.path.join(root, "corpus")


def read_ntrex():
    base = os.path.join(shared(), "parallel-news")
    text = {}
    for lang, code in LANGS:
        with open(os.path.join(base, "ntrex.%s.txt" % code), encoding="utf-8",
                  newline="") as f:
            lines = [l.rstrip("\r\n").strip() for l in f.read().split("\n")]
        if lines and lines[-1] == "":
            lines.pop()
        text[lang] = lines
    with open(os.path.join(base, "ntrex.document-ids.tsv"), encoding="utf-8") as f:
        docs = [l.strip() for l in f if l.strip()]
    articles = []
    for i, d in enumerate(docs):
        if not articles or docs[articles[-1][0]] != d:
            articles.append([i])
        else:
            articles[-1].append(i)
    return text, docs, articles


def perturb(text, docs, articles, seed):
    """Returns, per article, per language, the paragraphs as lists of
    sentences, each a list of unit ids (an added sentence is a unit id of
    its own, beyond the corpus's), and the text of each added unit."""
    rng = random.Random(seed)
    # The merges of three are drawn apart, so that the rest of a seed's
    # perturbation is what it was before they were added.
    rng3 = random.Random(seed * 1000003 + 3)
    total = len(docs)
    extra = {}
    out = []
    for units in articles:
        art = {}
        dropped = {l: set() for l, _ in LANGS}
        for lang, _ in LANGS:
            sents = []
            i = 0
            while i < len(units):
                u = units[i]
                if rng.random() < P_ADD:
                    # A sentence of another article, in this language only.
                    while True:
                        v = rng.randrange(total)
                        if docs[v] != docs[u]:
                            break
                    uid = total + len(extra)
                    extra[uid] = (lang, v)
                    sents.append([uid])
                r = rng.random()
                others = [o for o, _ in LANGS if o != lang]
                if r < P_DROP and not all(u in dropped[o] for o in others):
                    dropped[lang].add(u)
                    i += 1
                    continue
                if r < P_DROP + P_MERGE and i + 1 < len(units):
                    if i + 2 < len(units) and rng3.random() < P_MERGE3:
                        sents.append([u, units[i + 1], units[i + 2]])
                        i += 3
                        continue
                    sents.append([u, units[i + 1]])
                    i += 2
                    continue
                sents.append([u])
                i += 1
            paras = [[]]
            for k, s in enumerate(sents):
                paras[-1].append(s)
                if k + 1 < len(sents) and rng.random() < P_BREAK:
                    paras.append([])
            art[lang] = paras
        out.append(art)
    return out, extra


def unit_text(text, extra, lang, u):
    if u in extra:
        return text[lang][extra[u][1]]
    return text[lang][u]


def write_article(dirname, k, art, text, extra):
    os.makedirs(dirname, exist_ok=True)
    for lang, _ in LANGS:
        with open(os.path.join(dirname, "%s.txt" % lang), "w",
                  encoding="utf-8") as f:
            f.write("---\nid: article-%d\nlang: %s\ndate: 2019-01-01\n---\n"
                    % (k, lang))
            for p in art[lang]:
                f.write("\n")
                for s in p:
                    f.write(" ".join(unit_text(text, extra, lang, u)
                                     for u in s) + "\n")


def sentences(art, lang):
    return [s for p in art[lang] for s in p]


def pair_gold(art, a, b):
    """The smallest links that the merges, drops and additions of a and b
    allow: {(a_numbers, b_numbers)}, 1-based."""
    return align_score.pair_gold(sentences(art, a), sentences(art, b))


def write_tmx(path, text, articles, which):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                '<header creationtool="align_loose" creationtoolversion="1" '
                'segtype="sentence" o-tmf="none" adminlang="en" srclang="en" '
                'datatype="plaintext"/>\n<body>\n')
        for k in which:
            for u in articles[k]:
                f.write("<tu>")
                for lang, _ in LANGS:
                    f.write('<tuv xml:lang="%s"><seg>%s</seg></tuv>'
                            % (lang, escape(text[lang][u])))
                f.write("</tu>\n")
        f.write("</body>\n</tmx>\n")


def run_habar(binary, dirname, a, b, memory, features=None, alone=False,
              keep=None, lexicon=None):
    """The links of pair a-b; with features (a list), the confidence
    model's features of each link of two sides of that pair are appended
    to it, as (link, [numbers]).  alone: habar-align is given the two
    languages only, as a release in two languages would be.  keep: a file
    name to write habar-align's output to as well.  lexicon (a dict):
    filled with each sentence's words of the memory's lexicon,
    {(language's place, 0-based sentence): {key: weight if missed}}."""
    cmd = [binary, "--segmented", "--links", "%s-%s" % (a, b)]
    for m in memory:
        cmd += ["--memory", m]
    cmd += [os.path.join(dirname, "%s.txt" % l) for l, _ in LANGS
            if not alone or l in (a, b)]
    env = dict(os.environ)
    if features is not None:
        env["HABAR_ALIGN_FEATURES"] = "1"
    if TEMPERATURE:
        env["HABAR_ALIGN_TEMPERATURE"] = TEMPERATURE
    if lexicon is not None:
        env["HABAR_ALIGN_LEXICON"] = "1"
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True, env=env)
    if res.returncode != 0:
        sys.stderr.write("habar-align failed on %s: %s" % (dirname, res.stderr))
        sys.exit(2)
    if keep:
        os.makedirs(os.path.dirname(keep), exist_ok=True)
        with open(keep, "w", encoding="utf-8") as f:
            f.write(res.stdout)
    if lexicon is not None:
        for line in res.stderr.splitlines():
            cols = line.split("\t")
            if cols[0] == "lexicon":
                lexicon[(int(cols[1]), int(cols[2]))] = {
                    k: float(w) for k, w in
                    (c.split(":") for c in cols[3:])}
    if features is not None:
        order = [l for l, _ in LANGS if not alone or l in (a, b)]
        want = (str(order.index(a)), str(order.index(b)))
        for line in res.stderr.splitlines():
            cols = line.split("\t")
            if cols[0] != "features" or tuple(cols[1:3]) != want:
                continue
            a0, na, b0, nb = (int(x) for x in cols[3:7])
            link = (tuple(range(a0 + 1, a0 + na + 1)),
                    tuple(range(b0 + 1, b0 + nb + 1)))
            features.append((link, cols[7:]))
    return align_score.parse_links(res.stdout)


def run_hunalign(binary, dirname, a, b, tmp):
    files = []
    for l in (a, b):
        src = os.path.join(dirname, "%s.txt" % l)
        dst = os.path.join(tmp, "h.%s" % l)
        with open(src, encoding="utf-8") as f:
            body = f.read().split("---\n", 2)[2]
        with open(dst, "w", encoding="utf-8") as f:
            f.write("".join(l + "\n" for l in body.split("\n") if l.strip()))
        files.append(dst)
    null = os.path.join(tmp, "null.dic")
    open(null, "w").close()
    res = subprocess.run([binary, null] + files, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, universal_newlines=True)
    return align_score.ladder_links(res.stdout)


class Score:
    def __init__(self):
        self.right = self.got = self.want = 0
        self.conf_right = self.conf_got = 0
        self.gold11 = self.gold11_found = 0
        self.bands = [[0, 0] for _ in BANDS[1:]]
        self.has_conf = False

    def add(self, gold, links):
        self.want += len(gold)
        self.got += len(links)
        for link, conf in links.items():
            ok = link in gold
            self.right += ok
            if conf is None:
                continue
            self.has_conf = True
            for k in range(len(BANDS) - 1):
                if BANDS[k] <= conf < BANDS[k + 1]:
                    self.bands[k][0] += ok
                    self.bands[k][1] += 1
            if conf >= 0.5:
                self.conf_got += 1
                self.conf_right += ok
        for link in gold:
            if len(link[0]) == 1 and len(link[1]) == 1:
                self.gold11 += 1
                c = links.get(link, -1)
                if c is not None and c >= 0.5:
                    self.gold11_found += 1

    def merge(self, other):
        for k in ("right", "got", "want", "conf_right", "conf_got",
                  "gold11", "gold11_found"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for k, b in enumerate(other.bands):
            self.bands[k][0] += b[0]
            self.bands[k][1] += b[1]
        self.has_conf |= other.has_conf

    def f1(self):
        return align_score.f1(self.right, self.got, self.want)

    def confident(self):
        p = self.conf_right / self.conf_got if self.conf_got else 0.0
        r = self.gold11_found / self.gold11 if self.gold11 else 0.0
        return p, r

    def line(self, name):
        p, r, f = self.f1()
        s = "%-6s F1 %.4f (precision %.4f, recall %.4f)" % (name, f, p, r)
        if self.has_conf:
            cp, cr = self.confident()
            s += "; at >= 0.5: precision %.4f (%d links), gold 1-1 %.4f" % (
                cp, self.conf_got, cr)
        return s


def print_region(a, b, gold, out, lexicon, tag):
    """An error region of pair a-b, gold and output links, with each
    sentence's words of the memory's lexicon of the pair (tag) and how
    many it shares with each sentence of the other side."""
    ia = [l for l, _ in LANGS].index(a)
    ib = [l for l, _ in LANGS].index(b)

    def words(place, s):
        return {k: w for k, w in lexicon.get((place, s - 1), {}).items()
                if (int(k, 16) >> 21) & 3 == tag}
    sa = sorted({x for l in gold | out for x in l[0]})
    sb = sorted({y for l in gold | out for y in l[1]})
    wa = {x: words(ia, x) for x in sa}
    wb = {y: words(ib, y) for y in sb}
    print("       gold %s  made %s" % (
        " ".join("%s:%s" % (",".join(map(str, l[0])), ",".join(
            map(str, l[1]))) for l in sorted(gold)),
        " ".join("%s:%s" % (",".join(map(str, l[0])), ",".join(
            map(str, l[1]))) for l in sorted(out))))
    for lang, mine, other, olang in ((a, wa, wb, b), (b, wb, wa, a)):
        for s, w in mine.items():
            print("         %s %-3d %2d words, %.2f if missed; shared: %s" % (
                lang, s, len(w), sum(w.values()), " ".join(
                    "%s %d: %d" % (olang, t, len(set(w) & set(ow)))
                    for t, ow in other.items())))


class Coverage:
    """What the memory's lexicon knows of a pair (--coverage): the
    words of the pair each sentence holds, and those found across in gold
    1-1 links and between a sentence and its gold partner's neighbours."""

    def __init__(self):
        self.sents = [0, 0]
        self.words = [0, 0]
        self.none = [0, 0]
        self.right = [0, 0, 0]  # found across, words of a, words of b
        self.beside = [0, 0, 0]

    def add(self, art, a, b, gold, lexicon):
        ia = [l for l, _ in LANGS].index(a)
        ib = [l for l, _ in LANGS].index(b)
        tag = ia + ib

        def words(place, s):
            return {k for k in lexicon.get((place, s - 1), {})
                    if (int(k, 16) >> 21) & 3 == tag}
        na, nb = len(sentences(art, a)), len(sentences(art, b))
        for side, (place, n) in enumerate(((ia, na), (ib, nb))):
            for s in range(1, n + 1):
                w = len(words(place, s))
                self.sents[side] += 1
                self.words[side] += w
                self.none[side] += w == 0
        partner = {l[0][0]: l[1][0] for l in gold
                   if len(l[0]) == 1 and len(l[1]) == 1}
        for x, y in partner.items():
            wx = words(ia, x)
            for t, acc in ((y, self.right), (y - 1, self.beside),
                           (y + 1, self.beside)):
                if t < 1 or t > nb:
                    continue
                wy = words(ib, t)
                acc[0] += len(wx & wy)
                acc[1] += len(wx)
                acc[2] += len(wy)

    def line(self, name):
        def share(n, d):
            return n / d if d else 0.0
        return ("%-6s words a sentence %.2f / %.2f, none %.3f / %.3f; "
                "found across in gold 1-1 %.3f / %.3f, beside it "
                "%.3f / %.3f" % (
                    name, share(self.words[0], self.sents[0]),
                    share(self.words[1], self.sents[1]),
                    share(self.none[0], self.sents[0]),
                    share(self.none[1], self.sents[1]),
                    share(self.right[0], self.right[1]),
                    share(self.right[0], self.right[2]),
                    share(self.beside[0], self.beside[1]),
                    share(self.beside[0], self.beside[2])))


def calibration(score):
    print("   calibration (all pairs): confidence band -> precision, links")
    for k, (ok, n) in enumerate(score.bands):
        print("     [%.2f, %.2f)  %s  %6d" % (
            BANDS[k], min(BANDS[k + 1], 1.0),
            ("%.4f" % (ok / n)) if n else "  -   ", n))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    bindir = os.path.join(here, "..", "..", "build", "bin")
    seeds, memory, pairs = [], False, False
    hunalign = os.environ.get("HUNALIGN") or None
    check = None
    dump = None
    keep = None
    errors = False
    coverage = False
    i = 1
    while i < len(argv):
        if argv[i] == "--bin":
            bindir = argv[i + 1]
            i += 2
        elif argv[i] == "--seed":
            seeds.append(int(argv[i + 1]))
            i += 2
        elif argv[i] == "--memory":
            memory = True
            i += 1
        elif argv[i] == "--pairs":
            pairs = True
            i += 1
        elif argv[i] == "--hunalign":
            hunalign = argv[i + 1]
            i += 2
        elif argv[i] == "--dump-features":
            dump = open(argv[i + 1], "w", encoding="utf-8")
            i += 2
        elif argv[i] == "--keep":
            keep = argv[i + 1]
            i += 2
        elif argv[i] == "--temperature":
            global TEMPERATURE
            TEMPERATURE = argv[i + 1]
            i += 2
        elif argv[i] == "--errors":
            errors = True
            i += 1
        elif argv[i] == "--coverage":
            coverage = True
            i += 1
        elif argv[i] == "--check":
            check = [float(x) for x in argv[i + 1:i + 4]]
            i += 4
        else:
            print(__doc__, file=sys.stderr)
            return 2
    seeds = seeds or [1, 2, 3]
    binary = os.path.join(bindir, "habar-align")
    if not os.access(binary, os.X_OK):
        print("no %s: build first" % binary, file=sys.stderr)
        return 2
    if hunalign and not os.access(hunalign, os.X_OK):
        hunalign = None
    text, docs, articles = read_ntrex()
    tmp = tempfile.mkdtemp()
    failed = False
    try:
        halves = (list(range(0, len(articles), 2)),
                  list(range(1, len(articles), 2)))
        tmx = []
        if memory:
            for h in (1, 0):
                path = os.path.join(tmp, "half%d.tmx" % h)
                write_tmx(path, text, articles, halves[h])
                tmx.append(path)
        # (name, with a memory, the pair alone): the runs of each seed.
        runs = [("habar", False, False)]
        if memory:
            runs.append(("memory", True, False))
        if pairs or dump:
            runs.append(("pair", False, True))
            if memory:
                runs.append(("mem-pair", True, True))
        if hunalign:
            runs.append(("hunalign", False, True))
        for seed in seeds:
            arts, extra = perturb(text, docs, articles, seed)
            print("-- seed %d: %d articles" % (seed, len(arts)))
            for name, with_memory, alone in runs:
                total = Score()
                kinds = {}
                for a, b in PAIRS:
                    sc = Score()
                    cov = Coverage()
                    for k, art in enumerate(arts):
                        d = os.path.join(tmp, "s%d" % seed, "a%d" % k)
                        if not os.path.isdir(d):
                            write_article(d, k, art, text, extra)
                        if name == "hunalign":
                            links = run_hunalign(hunalign, d, a, b, tmp)
                        else:
                            mem = [tmx[k % 2]] if with_memory else []
                            feats = [] if dump else None
                            lex = ({} if (errors or coverage) and
                                   with_memory and not alone else None)
                            kept = keep and os.path.join(
                                keep, name, "s%d" % seed,
                                "a%d.%s-%s.links" % (k, a, b))
                            links = run_habar(binary, d, a, b, mem, feats,
                                              alone, kept, lex)
                            if lex is not None and coverage:
                                cov.add(art, a, b, pair_gold(art, a, b), lex)
                            if lex is not None and errors:
                                gold = pair_gold(art, a, b)
                                for g, o in align_score.regions(
                                        gold, set(links)):
                                    kind = align_score.error_kind(g, o)
                                    kinds[kind] = kinds.get(kind, 0) + 1
                                    print("     %s-%s article %d: %s" % (
                                        a, b, k, kind))
                                    print_region(a, b, g, o, lex,
                                                 [l for l, _ in LANGS]
                                                 .index(a) + [
                                                     l for l, _ in LANGS]
                                                 .index(b))
                            if dump:
                                gold = pair_gold(art, a, b)
                                for link, f in feats:
                                    dump.write("%d\t%d\t%s\n" % (
                                        link in gold, 2 if alone else 3,
                                        "\t".join(f)))
                        sc.add(pair_gold(art, a, b), links)
                    if dump:
                        dump.write("# seed %d %s %s-%s gold 1-1 %d\n" % (
                            seed, name, a, b, sc.gold11))
                    print("   %-9s %s" % (name, sc.line("%s-%s" % (a, b))))
                    if cov.sents[0]:
                        print("   %-9s %s" % ("lexicon", cov.line(
                            "%s-%s" % (a, b))))
                    total.merge(sc)
                    if check and name != "hunalign":
                        cp, cr = sc.confident()
                        if (sc.f1()[2] < check[0] or cp < check[1] or
                                cr < check[2]):
                            failed = True
                if total.has_conf:
                    calibration(total)
                if kinds:
                    print("   errors (regions) by kind:")
                    for kind, n in sorted(kinds.items(),
                                          key=lambda kv: -kv[1]):
                        print("     %5d  %s" % (n, kind))
    finally:
        shutil.rmtree(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

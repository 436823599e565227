#!/usr/bin/python3
"""xliff-index.py: habar-xliff's memory index on a memory of a million
units: how long the index takes to build, how much memory a run takes, and
how long a sentence takes once the index is built.

    tests/bench/xliff-index.py [BUILD_DIR]      (default: build)

The memory (written to a temporary folder, never into the tree, and
removed afterwards) is the 1997 NTREX sentences of the shared corpus in
English, Russian and Kazakh, one unit each, then units made of sentences
of the monolingual corpus texts (corpus/en, ru, kk) until there are
BENCH_UNITS of them (default 1,000,000): each unit takes an English, a
Russian and a Kazakh sentence, and most are varied (a word dropped, two
neighbours swapped, a number changed) so that the memory holds many near
duplicates, as a press office's memory does.  The three-language TMX is
about 0.7 GB.

The queries are 500 NTREX English sentences with a word dropped or two
neighbours swapped (as in xliff-match.py), one paragraph each, for
Russian targets.  Printed:

  build    wall-clock time and peak resident memory of the first run,
           which builds the index (memory.tmx.idx beside the memory) and
           answers one query (goal: under 2 minutes, under 1 GB);
  query    wall-clock time per sentence of a run of the 500 queries with
           the index built, less that of a run of one query (loading),
           with the default options and with --max-matches 1 --min-match
           0, and the peak resident memory of that run (goal: under 5 ms,
           under 1 GB);
  recall   how often the NTREX unit a query came from is its best
           candidate among the million (xliff-match.py measures it on the
           2,000-unit memory; goal: unchanged).

Environment: HABAR_SHARED (default ../shared beside the source tree),
BENCH_SEED (default 15), BENCH_UNITS, BENCH_KEEP=1 to keep the folder.
"""
import glob
import importlib.util
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "xliff_match", os.path.join(here, "xliff-match.py"))
xm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(xm)

units = int(os.environ.get("BENCH_UNITS", "1000000"))
seed = int(os.environ.get("BENCH_SEED", "15"))
corpus = os.path.join(xm.shared, "corpus")


def corpus_sentences(lang):
    """Lines of 5 to 40 words of the monolingual texts, cut at full stops."""
    out = []
    for path in sorted(glob.glob(os.path.join(corpus, lang, "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = re.sub("[\x00-\x08\x0b-\x1f\ufffe\uffff]", "", line)
                for s in re.split(r"(?<=[.!?])\s+", line.strip()):
                    n = len(s.split())
                    if 5 <= n <= 40 and "<" not in s:
                        out.append(s)
    return out


def vary(text, rng):
    """A near duplicate: a word dropped, neighbours swapped, or a number
    changed; the text itself one time in five."""
    words = text.split()
    r = rng.random()
    if r < 0.2 or len(words) < 3:
        return text
    if r < 0.5:
        del words[rng.randrange(len(words))]
    elif r < 0.8:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    else:
        words.insert(rng.randrange(len(words) + 1), str(rng.randrange(1, 3000)))
    return " ".join(words)


def run(args, tmp):
    """Runs habar-xliff; returns (wall seconds, processor seconds, peak RSS
    in MiB)."""
    out = open(os.path.join(tmp, "out.xlf"), "wb")
    t0 = time.monotonic()
    p = subprocess.Popen([xm.xliff] + args, stdout=out,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    out.close()
    if status != 0:
        sys.exit("habar-xliff failed: " + err.decode()[:400])
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def write_queries(path, queries):
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\nlang: en\n---\n")
        for q in queries:
            f.write(q.replace("\n", " ") + "\n\n")


def main():
    if not os.path.isdir(xm.news):
        print("skipped: no NTREX corpus at %s" % xm.news)
        return 77
    rng = random.Random(seed)
    en, ru, kk = xm.lines("eng"), xm.lines("rus"), xm.lines("kaz")
    rows = [[("en", a), ("ru", b), ("kk", c)] for a, b, c in zip(en, ru, kk)
            if a and b and c]
    mono = {lang: corpus_sentences(lang) for lang in ("en", "ru", "kk")}
    tmp = tempfile.mkdtemp()
    try:
        tmx = os.path.join(tmp, "memory.tmx")
        t0 = time.monotonic()
        seen = set(r[0][1] for r in rows)
        with open(tmx, "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<tmx version="1.4"><header creationtool="bench" '
                      'creationtoolversion="1" srclang="en" '
                      'datatype="plaintext" segtype="sentence" '
                      'adminlang="en" o-tmf="none"/>\n<body>\n')
            count = 0

            def unit(row):
                out.write("<tu>" + "".join(
                    '<tuv xml:lang="%s"><seg>%s</seg></tuv>'
                    % (lang, xm.escape(text)) for lang, text in row)
                    + "</tu>\n")

            for r in rows:
                unit(r)
                count += 1
            while count < units:
                s = vary(rng.choice(mono["en"]), rng)
                if s in seen:
                    continue
                seen.add(s)
                unit([("en", s), ("ru", vary(rng.choice(mono["ru"]), rng)),
                      ("kk", vary(rng.choice(mono["kk"]), rng))])
                count += 1
            out.write("</body>\n</tmx>\n")
        seen = None
        size = os.path.getsize(tmx)
        print("memory: %d units (en, ru, kk), %.0f MB of TMX, written in "
              "%.0f s" % (count, size / 1e6, time.monotonic() - t0))

        pool = [r for r in rows if len(r[0][1].split()) >= 6]
        picks = rng.sample(pool, 500)
        queries = [xm.perturb(r[0][1].split(), rng) for r in picks]
        many = os.path.join(tmp, "q.en.md")
        one = os.path.join(tmp, "q1.en.md")
        write_queries(many, queries)
        write_queries(one, queries[:1])

        wall, cpu, rss = run(["extract", "-t", "ru", "--fill", tmx, one],
                             tmp)
        idx = os.path.getsize(tmx + ".idx") / 1e6 \
            if os.path.exists(tmx + ".idx") else 0
        print("build: %.1f s wall clock (%.1f s processor), peak RSS %.0f "
              "MiB (goal < 120 s, < 1024 MiB); index %.0f MB"
              % (wall, cpu, rss, idx))

        # Processor time: the machine may be busy with other work.
        _, base, _ = run(["extract", "-t", "ru", "--fill", tmx, one], tmp)
        for opts in ([], ["--max-matches", "1", "--min-match", "0"]):
            _, cpu, rss = run(["extract", "-t", "ru", "--fill", tmx] + opts +
                              [many], tmp)
            print("query: %.2f ms per sentence (processor time; loading, "
                  "%.3f s, aside) with %s, peak RSS %.0f MiB (goal < 5 ms, "
                  "< 1024 MiB)" % (1000.0 * (cpu - base) / (len(queries) - 1),
                                   base, " ".join(opts) or "the defaults",
                                   rss))
        best, _ = xm.habar_best(tmx, queries, "ru", tmp,
                                ["--max-matches", "1", "--min-match", "0"])
        ok = sum(1 for b, r in zip(best, picks) if b and b[0] == r[0][1])
        print("recall: the unit a query came from is the best candidate for "
              "%.1f%% of %d queries among %d units (goal >= 98%%)"
              % (100.0 * ok / len(picks), len(picks), count))
    finally:
        if os.environ.get("BENCH_KEEP") == "1":
            print("kept: %s" % tmp)
        else:
            shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

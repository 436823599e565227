#!/usr/bin/env python3
"""spell_bench.py: measures a spell checker against `hunspell -l` on the
same text, side by side (standard library only).

For each language it prints:
  - recall on single-letter typos: one random edit (substitution,
    deletion, insertion or transposition of letters) injected into random
    words of four letters or more, with a fixed seed; a typo counts as
    caught when the checker lists the misspelt word;
    "nonword" is the same over the typos that are not themselves a word
    of the clean text (a typo giving another real word, "form" for
    "from", escapes every dictionary-based checker); a last line counts
    the typos the reference dictionary itself accepts (real-word errors,
    by hunspell's verdict, which no checker without context can flag)
    and how many of the checker's misses are among them;
  - false flags per 1,000 words on the clean text (every word the checker
    lists there);
  - throughput in words per second on a large file, in wall-clock time and
    in CPU time (the machine may be busy with other work).

Usage: spell_bench.py HABAR_SPELL SHARED_DIR [--quick] [--no-speed]
                       [--lang=L]... [--check=L:RECALL:FLAGS]...

--check makes it a regression test: it exits 1 when habar-spell's recall
in language L falls below RECALL (percent) or its false flags per 1,000
words rise above FLAGS.
"""
import os
import random
import resource
import re
import subprocess
import sys
import tempfile
import time

LANGS = [
    # habar tag, NTREX file, hunspell dictionary, large files, alphabet
    ("en", "ntrex.eng.txt", "en_US", ["en/manpages.en.txt",
                                      "en/fortunes.en.txt"],
     "abcdefghijklmnopqrstuvwxyz"),
    ("ru", "ntrex.rus.txt", "ru_RU", ["ru/manpages.ru.txt",
                                      "ru/fortunes.ru.txt"],
     "абвгдежзийклмнопрстуфхцчшщъыьэюя"),
    ("kk", "ntrex.kaz.txt", "kk_KZ", ["kk/kaznerd-test.txt",
                                      "kk/kaznerd-valid.txt"],
     "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"),
]

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def count_words(text):
    return sum(1 for _ in WORD.finditer(text))


def edit(word, rng, alphabet):
    """Returns word with one random single-letter edit, never word itself."""
    upper = word[:1].isupper()
    for _ in range(20):
        kind = rng.randrange(4)
        i = rng.randrange(len(word))
        if kind == 0:
            c = rng.choice(alphabet)
            if upper and i == 0:
                c = c.upper()
            new = word[:i] + c + word[i + 1:]
        elif kind == 1:
            new = word[:i] + word[i + 1:]
        elif kind == 2:
            c = rng.choice(alphabet)
            new = word[:i] + c + word[i:]
        else:
            if i + 1 >= len(word):
                continue
            new = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if new != word and new.lower() != word.lower():
            return new
    return word[:-1]


def inject(text, rng, alphabet, rate=0.08):
    """Returns (text with typos, list of misspelt words)."""
    out, typos, last = [], [], 0
    for m in re.finditer(r"[^\W\d_]+", text):
        w = m.group(0)
        if len(w) < 4 or rng.random() >= rate:
            continue
        new = edit(w, rng, alphabet)
        out.append(text[last:m.start()])
        out.append(new)
        last = m.end()
        typos.append(new)
    out.append(text[last:])
    return "".join(out), typos


def run(cmd, path):
    """Runs cmd on path; returns (output lines, wall seconds, CPU seconds)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(path, "rb") as f:
        p = subprocess.run(cmd, stdin=f, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
    dt = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return p.stdout.decode("utf-8", "replace").splitlines(), dt, cpu


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    habar, shared = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv
    only = [a[7:] for a in sys.argv if a.startswith("--lang=")]
    checks = {}
    for a in sys.argv:
        if a.startswith("--check="):
            lang, low, high = a[8:].split(":")
            checks[lang] = (float(low), float(high))
    failed = False
    hundir = os.environ.get("HUNSPELL_DIR", "/usr/share/hunspell")
    tmp = tempfile.mkdtemp()
    print("%-4s %-12s %7s %8s %12s %12s %12s" % (
        "lang", "tool", "recall", "nonword", "flags/1000w", "words/s",
        "words/cpu-s"))
    for lang, ntrex, dic, large, alphabet in LANGS:
        if only and lang not in only:
            continue
        src = os.path.join(shared, "corpus", "parallel-news", ntrex)
        with open(src, encoding="utf-8") as f:
            text = f.read().replace("\r\n", "\n")
        if quick:
            text = "\n".join(text.split("\n")[:200]) + "\n"
        clean = os.path.join(tmp, lang + ".clean.txt")
        with open(clean, "w", encoding="utf-8") as f:
            f.write(text)
        typo_text, typos = inject(text, random.Random(20241126), alphabet)
        typo = os.path.join(tmp, lang + ".typo.txt")
        with open(typo, "w", encoding="utf-8") as f:
            f.write(typo_text)
        words = count_words(text)
        vocabulary = set(m.group(0) for m in WORD.finditer(text))
        nonword = [t for t in typos if t not in vocabulary]
        tools = [
            ("hunspell -l", ["hunspell", "-d", os.path.join(hundir, dic),
                             "-l"]),
            ("habar-spell", [habar, "--lang", lang, "-l"]),
            ("  -j 2", [habar, "--lang", lang, "-l", "-j", "2"]),
        ]
        realword = None
        missed = None
        for name, cmd in tools:
            flagged, _, _ = run(cmd, typo)
            caught = set()
            for w in flagged:
                caught.add(w)
                caught.update(re.split(r"[-'’.]", w))
            if realword is None:
                # The first tool is hunspell: the typos it accepts are
                # words of its dictionary.
                realword = set(t for t in typos if t not in caught)
            elif missed is None:
                missed = [t for t in typos if t not in caught]
            recall = sum(1 for t in typos if t in caught) / max(1, len(typos))
            recall_nw = (sum(1 for t in nonword if t in caught) /
                         max(1, len(nonword)))
            clean_flags, _, _ = run(cmd, clean)
            per1000 = 1000.0 * len(clean_flags) / max(1, words)
            wps = cps = 0.0
            if not quick and "--no-speed" not in sys.argv:
                nwords, secs, cpus = 0, 0.0, 0.0
                for rel in large:
                    path = os.path.join(shared, "corpus", rel)
                    with open(path, encoding="utf-8", errors="replace") as f:
                        nwords += count_words(f.read())
                    _, dt, cpu = run(cmd, path)
                    secs += dt
                    cpus += cpu
                wps = nwords / max(secs, 1e-9)
                cps = nwords / max(cpus, 1e-9)
            if name == "habar-spell" and lang in checks:
                low, high = checks[lang]
                if 100 * recall < low or per1000 > high:
                    print("%-4s FAILED: recall %.1f%% (floor %.1f%%), "
                          "%.1f flags per 1,000 words (ceiling %.1f)" % (
                              lang, 100 * recall, low, per1000, high))
                    failed = True
            print("%-4s %-12s %6.1f%% %7.1f%% %12.1f %12.0f %12.0f" % (
                lang, name, 100 * recall, 100 * recall_nw, per1000, wps,
                cps), flush=True)
        print("%-4s %d words, %d injected typos (%d not a word of the text)"
              % (lang, words, len(typos), len(nonword)))
        nreal = sum(1 for t in typos if t in realword)
        rmiss = sum(1 for t in missed if t in realword)
        print("%-4s %d typos are words hunspell accepts; habar-spell misses "
              "%d typos, %d of them such real words (recall over the "
              "other typos %.1f%%)" % (
                  lang, nreal, len(missed), rmiss,
                  100 * (1 - (len(missed) - rmiss) /
                         max(1, len(typos) - nreal))))
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()

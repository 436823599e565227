#!/usr/bin/env python3
"""decode.py: how often habar-decode gets text right, beside uchardet and enca.

Two measures, printed side by side for the three tools:
  1. every file of $HABAR_SHARED/corpus/legacy (see its MANIFEST.tsv) must
     decode to its UTF-8 original byte for byte;
  2. snippets of Kazakh and Russian news text that the letter models were
     not trained on (kk/kaznerd-test.txt, parallel-news/ntrex.kaz.txt and
     ntrex.rus.txt), put into every encoding and corruption habar-decode
     handles, cut to at most 100 and 300 bytes of encoded input (always at
     a character boundary of the text), must come out as the original text.
     A snippet that the encoding cannot hold (a dash in IBM866, say) is
     replaced by another one.

uchardet and enca only name an encoding: their answer is applied with
Python's codecs (an unknown name or a mojibake input counts as wrong, as
they cannot repair it).  enca is asked with -L russian, its only Cyrillic
language.  Standard library only.

Usage: tests/bench/decode.py [--n N] [--seed S] [--bin DIR] [--no-others]
                             [--legacy-only]
  --n N          snippets per language, encoding and size (default 200)
  --no-others    measure habar-decode alone
  --legacy-only  only the legacy files (the ctest test decode.corpus.legacy)
  --big MB       also stream MB megabytes (default 500; 0: skip) through
                 habar-decode and iconv, printing peak RSS and throughput
Exit status: 0, or 1 when habar-decode misses the goals (legacy files all
right, at least 99% of 300-byte and 95% of 100-byte snippets in each row),
77 without the shared corpus.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("HABAR_SOURCE", os.path.dirname(os.path.dirname(HERE)))
SHARED = os.environ.get("HABAR_SHARED", os.path.join(SOURCE, "..", "shared"))


def cp1251_lenient(data):
    """windows-1251 as ICU reads it: the undefined byte 0x98 is U+0098."""
    return data.decode("cp1251", errors="surrogateescape").replace(
        "\udc98", "\u0098")


def mojibake(encoding):
    """Text in encoding, read as windows-1251, saved as UTF-8."""
    def make(text):
        raw = text.encode(encoding)
        return cp1251_lenient(raw).encode("utf-8")
    return make


def plain(encoding, bom=b""):
    return lambda text: bom + text.encode(encoding)


# (row name, language, encoder from text to bytes)
ROWS = [
    ("kk UTF-8", "kk", plain("utf-8")),
    ("kk UTF-16LE+BOM", "kk", plain("utf-16-le", b"\xff\xfe")),
    ("kk KZ-1048", "kk", plain("kz1048")),
    ("kk PT154", "kk", plain("ptcp154")),
    ("kk mojibake:KZ-1048", "kk", mojibake("kz1048")),
    ("kk mojibake:PT154", "kk", mojibake("ptcp154")),
    ("kk mojibake:UTF-8", "kk", mojibake("utf-8")),
    ("ru UTF-8", "ru", plain("utf-8")),
    ("ru UTF-8+BOM", "ru", plain("utf-8", b"\xef\xbb\xbf")),
    ("ru windows-1251", "ru", plain("cp1251")),
    ("ru KOI8-R", "ru", plain("koi8-r")),
    ("ru IBM866", "ru", plain("cp866")),
    ("ru KZ-1048", "ru", plain("kz1048")),
    ("ru mojibake:UTF-8", "ru", mojibake("utf-8")),
    ("ru mojibake:KOI8-R", "ru", mojibake("koi8-r")),
]

TEXTS = {
    "kk": ["corpus/kk/kaznerd-test.txt", "corpus/parallel-news/ntrex.kaz.txt"],
    "ru": ["corpus/parallel-news/ntrex.rus.txt"],
}


def load_lines(lang):
    lines = []
    for rel in TEXTS[lang]:
        with open(os.path.join(SHARED, rel), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if len(line) >= 20:
                    lines.append(line)
    return lines


def snippet(rng, lines, encode, size):
    """A piece of text starting at a random character whose encoded form
    fits in size bytes, with that encoded form; None if unencodable."""
    # Paragraphs joined as in a file, so a snippet may cross lines.
    i = rng.randrange(len(lines))
    text = "\n".join(lines[i:i + 8])
    start = rng.randrange(max(1, len(text) - 10))
    lo, hi = start + 1, min(len(text), start + size)
    try:
        if len(encode(text[start:lo])) > size:
            return None
        # Binary search for the longest piece that fits.
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if len(encode(text[start:mid])) <= size:
                lo = mid
            else:
                hi = mid - 1
        piece = text[start:lo]
        return piece, encode(piece)
    except UnicodeEncodeError:
        return None


def run(cmd, data):
    try:
        p = subprocess.run(cmd, input=data, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, timeout=30)
        return p.stdout
    except (OSError, subprocess.TimeoutExpired):
        return b""


PY_NAMES = {"ascii": "utf-8", "cp1251": "windows-1251", "ibm866": "cp866",
            "unknown": None, "": None}


def apply_named(name, data):
    """Decodes data with the encoding a detector named."""
    name = name.strip().lower()
    name = PY_NAMES.get(name, name)
    if name is None:
        return None
    try:
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def habar(data, binary):
    return run([binary], data)


def uchardet(data):
    name = run(["uchardet"], data).decode("ascii", "replace")
    text = apply_named(name, data)
    return text.encode("utf-8") if text is not None else b""


def enca(data):
    name = run(["enca", "-L", "russian", "-i"], data).decode("ascii", "replace")
    if name.strip() == "???":
        return b""
    text = apply_named(name, data)
    return text.encode("utf-8") if text is not None else b""


def stream_big(cmd, block, total):
    """Pipes total bytes (block repeated) through cmd, discarding its
    output; returns its peak RSS in KiB and the seconds it took."""
    import time
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=null)
        sent = 0
        while sent < total:
            p.stdin.write(block)
            sent += len(block)
        p.stdin.flush()
        # The high-water mark of the program's own memory (ru_maxrss
        # would count the Python process it was forked from), read
        # before the end of input lets it exit.
        hwm = 0
        with open("/proc/%d/status" % p.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
        p.stdin.close()
        p.wait()
    return hwm, time.monotonic() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--bin", default=os.environ.get("HABAR_BIN",
                    os.path.join(SOURCE, "build", "bin")))
    ap.add_argument("--no-others", action="store_true",
                    help="measure habar-decode alone")
    ap.add_argument("--legacy-only", action="store_true")
    ap.add_argument("--big", type=int, default=500)
    args = ap.parse_args()
    binary = os.path.join(args.bin, "habar-decode")
    if not os.path.isdir(os.path.join(SHARED, "corpus")):
        print("skipped: no shared corpus at %s" % SHARED)
        return 77
    tools = [("habar-decode", lambda d: habar(d, binary))]
    if not args.no_others:
        for name, fn in (("uchardet", uchardet), ("enca", enca)):
            if shutil.which(name):
                tools.append((name, fn))
            else:
                print("note: %s is not installed; its column is left out" % name)
    names = [t[0] for t in tools]
    failed = False

    print("1. Legacy files (corpus/legacy), decoded byte for byte")
    legacy = os.path.join(SHARED, "corpus", "legacy")
    ok = {n: 0 for n in names}
    total = 0
    with open(os.path.join(legacy, "MANIFEST.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    for row in rows:
        data = open(os.path.join(legacy, row[0]), "rb").read()
        want = open(os.path.join(legacy, row[3]), "rb").read()
        total += 1
        marks = []
        for name, fn in tools:
            good = fn(data) == want
            ok[name] += good
            marks.append("%-12s" % ("ok" if good else "WRONG"))
        print("   %-58s %s" % (row[0], " ".join(marks)))
    print("   %-58s %s" % ("files right", " ".join(
        "%-12s" % ("%d/%d" % (ok[n], total)) for n in names)))
    if ok["habar-decode"] != total:
        failed = True
    if args.legacy_only:
        return 1 if failed else 0

    print()
    print("2. Snippets of held-out news text, %% right (%d per cell)" % args.n)
    print("   %-22s %5s  %s" % ("language/encoding", "bytes",
          " ".join("%12s" % n for n in names)))
    lines = {lang: load_lines(lang) for lang in TEXTS}
    for size in (100, 300):
        for row_name, lang, encode in ROWS:
            rng = random.Random("%s/%s/%d" % (args.seed, row_name, size))
            right = {n: 0 for n in names}
            got = 0
            tries = 0
            while got < args.n and tries < args.n * 20:
                tries += 1
                s = snippet(rng, lines[lang], encode, size)
                if s is None:
                    continue
                text, data = s
                want = text.encode("utf-8")
                got += 1
                for name, fn in tools:
                    right[name] += fn(data) == want
            cells = []
            for n in names:
                pct = 100.0 * right[n] / max(got, 1)
                cells.append("%11.1f%%" % pct)
            goal = 99.0 if size == 300 else 95.0
            if 100.0 * right["habar-decode"] / max(got, 1) < goal:
                failed = True
            print("   %-22s %5d  %s" % (row_name, size, " ".join(cells)))
    if args.big > 0:
        print()
        print("3. Streaming %d MB through a pipe: peak RSS and throughput"
              % args.big)
        unit = "\n".join(lines["kk"][:4000]) + "\n"
        for row_name, encode in (("KZ-1048", plain("kz1048")),
                                 ("mojibake:UTF-8", mojibake("utf-8"))):
            block = encode(unit)
            cmds = [("habar-decode", [binary])]
            if row_name == "KZ-1048" and shutil.which("iconv"):
                cmds.append(("iconv", ["iconv", "-f", "RK1048", "-t", "UTF-8"]))
            for name, cmd in cmds:
                rss, secs = stream_big(cmd, block, args.big << 20)
                print("   %-16s %-14s peak RSS %6.1f MB  %7.1f MB/s" % (
                      row_name, name, rss / 1024.0, args.big / secs))
                if name == "habar-decode" and rss >= 32 * 1024:
                    failed = True
    print()
    print("goals (every legacy file; >=99%% at 300 bytes, >=95%% at 100 bytes;"
          " peak RSS < 32 MB): %s" % ("missed" if failed else "met"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

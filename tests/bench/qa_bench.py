#!/usr/bin/env python3
"""qa_bench.py: habar-qa against injected errors, with pofilter beside it.

  qa_bench.py HABAR_QA SHARED [--quick] [--speed MB] [--pofilter PYTHON]
      [--min-recall R] [--max-clean N] [--seed S]

The NTREX-128 sentence triples (SHARED/corpus/parallel-news, en, ru, kk,
line-aligned) are written as a TMX, a unit a triple.  habar-qa checks the
clean units; then, for each error class, a copy in which every eligible
unit (at most 400, chosen with a fixed seed, or with --seed S a fresh
draw: the figures to report are those of seeds no rule was tuned on) gets
one error in one of its versions:

  number   a digit of a figure changed, or dropped from a figure of two
           digits or more
  month    a month name replaced by another month in the same grammatical
           form (the same column of locales/<lang>/months); only where
           another version names the same month, so that names (Theresa
           May) and homonyms (Kazakh маусым, also "season") are left alone
  name     two neighbouring inner letters of a capitalised word that is not
           the first of its sentence swapped (words of five letters or
           more that the other versions also hold, through transliteration)
  english  the Russian or the Kazakh version replaced by the English one
  quote    the closing quotation mark of a pair dropped

A unit counts as found when habar-qa reports the check of its class for it
(numbers, dates, names, untranslated, quotes).  Units the clean run already
flags with that check are not used.  Printed: recall per class, clean units
flagged per 1,000 (any check), and, with --pofilter PYTHON (a Python that
has Translate Toolkit), the same for pofilter (tests numbers, unchanged,
doublequoting, simplecaps, brackets, endpunc) over the en-ru and en-kk pairs
as PO files: a unit counts when any of its two entries is flagged.

--show-misses prints a few injected units habar-qa did not find.

--speed MB writes a TMX of about MB megabytes (the units repeated) and
prints language pairs checked per second and the peak memory of habar-qa
on it and on a tenth of it (flat memory: the two should be close).

Exit 1 when --min-recall or --max-clean is given and not met.
Standard library only; nothing of the corpus is copied into the project.
"""
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from xml.sax.saxutils import escape

LANGS = (("en", "eng"), ("ru", "rus"), ("kk", "kaz"))
CLASSES = (("number", "numbers"), ("month", "dates"), ("name", "names"),
           ("english", "untranslated"), ("quote", "quotes"))
LIMIT = 400


def read_units(shared):
    texts = []
    for _, code in LANGS:
        path = os.path.join(shared, "corpus", "parallel-news",
                            "ntrex.%s.txt" % code)
        with open(path, encoding="utf-8") as f:
            texts.append([l.rstrip("\r\n") for l in f])
    n = min(len(t) for t in texts)
    return [[texts[k][i] for k in range(3)] for i in range(n)
            if all(texts[k][i].strip() for k in range(3))]


def write_tmx(path, units, repeat=1):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
                '<header creationtool="bench" creationtoolversion="1" '
                'datatype="plaintext" segtype="sentence" adminlang="en" '
                'srclang="en" o-tmf="bench"/><body>\n')
        for r in range(repeat):
            for i, u in enumerate(units):
                f.write('<tu tuid="%d">' % (r * len(units) + i + 1))
                for (lang, _), text in zip(LANGS, u):
                    f.write('<tuv xml:lang="%s"><seg>%s</seg></tuv>'
                            % (lang, escape(text)))
                f.write("</tu>\n")
        f.write("</body></tmx>\n")


def run_qa(qa, tmx):
    """Returns {tuid: set of checks}."""
    out = subprocess.run([qa, "--format", "tsv", tmx], capture_output=True,
                         text=True)
    if out.returncode not in (0, 1):
        sys.exit("habar-qa failed: " + out.stderr)
    # Exit 1 is also a sanitizer's: what habar-qa says on stderr is shown,
    # and a sanitizer's report ends the run.
    if out.stderr:
        sys.stderr.write(out.stderr)
        if "Sanitizer" in out.stderr or "runtime error:" in out.stderr:
            sys.exit("habar-qa: sanitizer report on " + tmx)
    found = {}
    for line in out.stdout.splitlines():
        cells = line.split("\t")
        found.setdefault(int(cells[0]), set()).add(cells[1])
    return found


def load_months(source):
    """Per language: {form: (month, column)} and [month][column] -> form."""
    table = {}
    for lang, _ in LANGS:
        forms, grid = {}, []
        with open(os.path.join(source, "locales", lang, "months"),
                  encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                words = line.split()
                for col, w in enumerate(words):
                    forms.setdefault(w, (len(grid), col))
                grid.append(words)
        table[lang] = (forms, grid)
    return table


WORD = re.compile(r"\w+", re.UNICODE)


def inject_number(u, rnd, _):
    choices = [(k, m) for k in range(3)
               for m in re.finditer(r"\d+", u[k])]
    if not choices:
        return None
    k, m = rnd.choice(choices)
    digits = m.group(0)
    p = rnd.randrange(len(digits))
    if len(digits) >= 2 and rnd.random() < 0.5:
        new = digits[:p] + digits[p + 1:]
    else:
        new = digits[:p] + rnd.choice([d for d in "0123456789"
                                       if d != digits[p]]) + digits[p + 1:]
    v = list(u)
    v[k] = u[k][:m.start()] + new + u[k][m.end():]
    return v


def inject_month(u, rnd, months):
    choices = []
    for k, (lang, _) in enumerate(LANGS):
        forms, grid = months[lang]
        for m in WORD.finditer(u[k]):
            w = m.group(0)
            key = w.lower()
            if key not in forms:
                continue
            if lang == "en" and not w[0].isupper():
                continue     # "may", "march" as words
            month, col = forms[key]
            if len(grid[month][0]) > len(key) and grid[month][0].startswith(key):
                continue     # an abbreviation
            # A month only when another version names the same month
            # ("Theresa May" is not one, nor Kazakh маусым, "season").
            if not any(months[LANGS[j][0]][0].get(x.lower(), (-1,))[0]
                       == month for j in range(3) if j != k
                       for x in WORD.findall(u[j])):
                continue
            choices.append((k, m, month, col))
    if not choices:
        return None
    k, m, month, col = rnd.choice(choices)
    lang = LANGS[k][0]
    grid = months[lang][1]
    others = [i for i in range(12) if i != month and col < len(grid[i])]
    new = grid[rnd.choice(others)][col]
    if m.group(0)[0].isupper():
        new = new[0].upper() + new[1:]
    v = list(u)
    v[k] = u[k][:m.start()] + new + u[k][m.end():]
    return v


def skeleton(word):
    """A rough cross-script key to pick names the other versions hold."""
    table = str.maketrans("абвгғдежзийкқлмнңопрстуұүфхһцчшщыіэюяәө",
                          "abvggdejzijkklmnnoprstuuufhhccssiieuaao")
    w = word.lower().translate(table)
    return re.sub(r"[aeiouyh]", "", w)[:4]


def inject_name(u, rnd, _):
    choices = []
    for k in range(3):
        for m in re.finditer(r"(?<=[\w,;] )([^\W\d_][^\W\d_]{4,})", u[k]):
            w = m.group(1)
            if not w[0].isupper() or w.isupper():
                continue
            key = skeleton(w)
            others = [x for j in range(3) if j != k
                      for x in WORD.findall(u[j]) if x[:1].isupper()]
            if len(key) < 3 or not any(skeleton(x) == key for x in others):
                continue
            inner = [i for i in range(1, len(w) - 2) if w[i] != w[i + 1]]
            if inner:
                choices.append((k, m, inner))
    if not choices:
        return None
    k, m, inner = rnd.choice(choices)
    w = m.group(1)
    i = rnd.choice(inner)
    new = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    v = list(u)
    v[k] = u[k][:m.start(1)] + new + u[k][m.end(1):]
    return v


def inject_english(u, rnd, _):
    k = rnd.choice((1, 2))
    v = list(u)
    v[k] = u[0]
    return v


QUOTE_PAIRS = (("\u00ab", "\u00bb"), ("\u201c", "\u201d"), ("\u201e", "\u201c"),
               ("\u201c", "\u201c"), ('"', '"'))


def inject_quote(u, rnd, _):
    choices = []
    for k in range(3):
        for o, c in QUOTE_PAIRS:
            for m in re.finditer(re.escape(o) + r"[^" + re.escape(o + c)
                                 + r"]+" + re.escape(c), u[k]):
                # Where one mark both opens and closes, a mark is the
                # closing one only if no letter or figure follows it: in
                # \u201cA\u201d said \u201cB\u201d the second \u201c opens.
                if o == c and (not (m.start() == 0 or
                               u[k][m.start() - 1] in " ([-\u2014") or
                               u[k][m.end():m.end() + 1].isalnum()):
                    continue
                choices.append((k, m.end() - 1))
    if not choices:
        return None
    k, at = rnd.choice(choices)
    v = list(u)
    v[k] = u[k][:at] + u[k][at + 1:]
    return v


INJECT = {"number": inject_number, "month": inject_month,
          "name": inject_name, "english": inject_english,
          "quote": inject_quote}


def write_po(path, units, k):
    with open(path, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; '
                'charset=UTF-8\\n"\n\n')
        for i, u in enumerate(units):
            def q(s):
                return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
            f.write("msgctxt %s\nmsgid %s\nmsgstr %s\n\n"
                    % (q(str(i + 1)), q(u[0]), q(u[k])))


def run_pofilter(python, units, tmp):
    """Returns the set of unit numbers (1-based) pofilter flags."""
    flagged = set()
    for k in (1, 2):
        po = os.path.join(tmp, "in%d.po" % k)
        out = os.path.join(tmp, "out%d.po" % k)
        write_po(po, units, k)
        cmd = [python, "-m", "translate.filters.pofilter", "--nofuzzy"]
        for t in ("numbers", "unchanged", "doublequoting", "simplecaps",
                  "brackets", "endpunc"):
            cmd += ["-t", t]
        subprocess.run(cmd + [po, out], capture_output=True, check=True)
        with open(out, encoding="utf-8") as f:
            for m in re.finditer(r'^msgctxt "(\d+)"', f.read(), re.M):
                flagged.add(int(m.group(1)))
    return flagged


def peak_kb(cmd):
    """Runs cmd; returns (wall seconds, CPU seconds, peak resident KB)."""
    start = time.time()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.execv(cmd[0], cmd)
    _, _, usage = os.wait4(pid, 0)
    return (time.time() - start, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss)


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    qa, shared = args[0], args[1]
    source = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    opts = {"--speed": None, "--pofilter": None, "--min-recall": None,
            "--max-clean": None, "--seed": None}
    quick = "--quick" in args
    for i, a in enumerate(args):
        if a in opts and i + 1 < len(args):
            opts[a] = args[i + 1]
    units = read_units(shared)
    if quick:
        units = units[:600]
    months = load_months(source)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        clean_tmx = os.path.join(tmp, "clean.tmx")
        write_tmx(clean_tmx, units)
        clean = run_qa(qa, clean_tmx)
        per_1000 = 1000.0 * len(clean) / len(units)
        print("units: %d NTREX triples (%d language pairs)"
              % (len(units), 3 * len(units)))
        print("clean units flagged: habar-qa %d (%.1f per 1,000)"
              % (len(clean), per_1000), end="")
        po_clean = None
        if opts["--pofilter"]:
            po_clean = run_pofilter(opts["--pofilter"], units, tmp)
            print(", pofilter %d (%.1f per 1,000)"
                  % (len(po_clean), 1000.0 * len(po_clean) / len(units)))
        else:
            print()
        if opts["--max-clean"] and per_1000 > float(opts["--max-clean"]):
            failed = True
        print("%-8s %6s %8s %8s" % ("class", "units", "habar-qa", "pofilter"))
        for name, check in CLASSES:
            rnd = random.Random("habar-qa-" + name if opts["--seed"] is None
                                else "%s-%s" % (opts["--seed"], name))
            injected, ids = list(units), []
            order = list(range(len(units)))
            rnd.shuffle(order)
            for i in order:
                if len(ids) >= LIMIT:
                    break
                if check in clean.get(i + 1, ()):
                    continue
                v = INJECT[name](units[i], rnd, months)
                if v is not None and v != units[i]:
                    injected[i] = v
                    ids.append(i + 1)
            tmx = os.path.join(tmp, name + ".tmx")
            write_tmx(tmx, injected)
            got = run_qa(qa, tmx)
            hit = sum(1 for i in ids if check in got.get(i, ()))
            recall = hit / len(ids) if ids else 0.0
            po = ""
            if opts["--pofilter"]:
                pf = run_pofilter(opts["--pofilter"], injected, tmp)
                po = "%8.3f" % (sum(1 for i in ids if i in pf) / len(ids))
            print("%-8s %6d %8.3f %s" % (name, len(ids), recall, po))
            if "--show-misses" in args:
                for i in [i for i in ids if check not in got.get(i, ())][:6]:
                    for k in range(3):
                        if injected[i - 1][k] != units[i - 1][k]:
                            print("   miss %d %s: %s\n      was: %s" % (
                                i, LANGS[k][0], injected[i - 1][k][:300],
                                units[i - 1][k][:300]))
            if opts["--min-recall"] and recall < float(opts["--min-recall"]):
                failed = True
        if opts["--speed"]:
            size = os.path.getsize(clean_tmx)
            big = os.path.join(tmp, "big.tmx")
            small = os.path.join(tmp, "small.tmx")
            reps = max(1, int(float(opts["--speed"]) * 1e6 / size))
            write_tmx(big, units, reps)
            write_tmx(small, units, max(1, reps // 10))
            secs, cpu, kb = peak_kb([qa, "--format", "tsv", big])
            _, _, kb_small = peak_kb([qa, "--format", "tsv", small])
            pairs = 3 * len(units) * reps
            print("speed: %d pairs in %.2f s (%.2f s of CPU): %.0f pairs "
                  "per second, %.0f per CPU second (%.0f MB TMX)"
                  % (pairs, secs, cpu, pairs / secs, pairs / cpu,
                     os.path.getsize(big) / 1e6))
            print("peak memory: %d KB on %.0f MB, %d KB on %.0f MB"
                  % (kb, os.path.getsize(big) / 1e6, kb_small,
                     os.path.getsize(small) / 1e6))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

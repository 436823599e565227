#!/usr/bin/env python3
"""align_fit.py: fits the confidence of habar-align's links of two sides.

Reads the lines `align_loose.py --dump-features FILE` writes (whether the
link is right, how many languages habar-align was given, then the
numbers habar__align_confidence_near() judges it by) and fits a logistic
model over them by Newton's method, then finds the least shift of its
logit such that links at confidence 0.5 or more are right at least
PRECISION of the time (default 0.99) on those links.  Prints the weights
and the shift, to be copied into pipeline/lib/align_confidence.c (near_w,
NEAR_SHIFT; pair_w, PAIR_SHIFT), and what they give: precision and the
share of the right 1-1 links kept at 0.5 or more.

The posterior feature depends on the temperature habar-align divides
the bead costs by (TEMPERATURE in align_confidence.c): dump the features
at a few (align_loose.py --temperature T), fit each, and keep the one
whose fit holds the most right 1-1 links; copy that temperature too.

Runs without and with a memory (align_loose.py --memory dumps both) get a
shift each, to PRECISION and MEMORY_PRECISION (default PRECISION); the
first is the shift printed, and the difference is folded into the weight
of "memory used".

Links of runs given three languages and of runs given a pair alone (a
release in two languages; align_loose.py --dump-features dumps both) are
fitted apart, into two models: near_w and NEAR_SHIFT, then pair_w and
PAIR_SHIFT.  Without a third language there is no third-language
posterior, and a model of three reads its absence as a warning.

--held-out H (a dump of other seeds, by the same command) scores each
model fitted on F on H's links without running habar-align again: for
each line "# seed S RUN A-B gold 1-1 N" of H, the precision of the
pair's links at confidence 0.5 or more and the share of its N gold 1-1
links they hold, then per run the least of each and how many seed-pairs
fall under 0.99 and 90%.  Only links of two sides are dumped, and a
three-way link that holds several of the pair's links is scored link by
link, so the figures differ from align_loose.py's by a thousandth or two.

Usage:
  align_loose.py --seed 1 --seed 2 --memory [--temperature T] --dump-features F
  align_fit.py F [PRECISION [MEMORY_PRECISION]] [--held-out H]
"""
import math
import sys

NAMES = ("bias", "own log-odds", "margin over shifting a",
         "previous log-odds", "previous is 1-1", "next log-odds",
         "next is 1-1", "is 1-1", "margin over a merge",
         "least of own and shift a", "posterior log-odds",
         "third-language posterior", "has a third language",
         "memory used", "shorter side's length",
         "anchors shared", "anchors unmatched", "word pairs shared",
         "word pairs", "margin over a swap", "length ratio off",
         "word pairs unshared", "posterior beyond 2",
         "posterior beyond 4", "one side's anchors unmatched")
RIDGE = 1e-3
# Where "is 1-1" is among a line's numbers, the bias first.
IS11 = NAMES.index("is 1-1")
MEMORY = NAMES.index("memory used")


def solve(m, v):
    """m x = v by Gaussian elimination with partial pivoting."""
    n = len(v)
    a = [row[:] + [v[i]] for i, row in enumerate(m)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        for r in range(c + 1, n):
            f = a[r][c] / a[c][c]
            for k in range(c, n + 1):
                a[r][k] -= f * a[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][k] * x[k] for k in range(r + 1, n))) / a[r][r]
    return x


def fit(rows):
    n = len(rows[0][1])
    w = [0.0] * n
    for _ in range(30):
        g = [0.0] * n
        h = [[RIDGE if i == j else 0.0 for j in range(n)] for i in range(n)]
        for y, x in rows:
            z = max(-30.0, min(30.0, sum(wi * xi for wi, xi in zip(w, x))))
            p = 1 / (1 + math.exp(-z))
            for i in range(n):
                g[i] += (y - p) * x[i]
                for j in range(i + 1):
                    h[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(n):
            g[i] -= RIDGE * w[i]
            for j in range(i):
                h[j][i] = h[i][j]
        step = solve(h, g)
        w = [wi + si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return w


def least_shift(w, rows, want):
    """The lowest logit above which the links of rows are right at least
    want of the time, and what it keeps: links, precision, and the share
    of the right 1-1 links."""
    scored = sorted(((sum(wi * xi for wi, xi in zip(w, x)), y, x[IS11])
                     for y, x in rows), reverse=True)
    ones = sum(1 for _, y, one in scored if y and one)
    right = kept = kept11 = 0
    shift = scored[0][0]
    best = (0, 0.0, 0.0)
    for z, y, one in scored:
        kept += 1
        right += y
        kept11 += y and one
        if right / kept >= want:
            shift, best = z, (kept, right / kept, kept11 / max(ones, 1))
    return shift, best


def fit_kind(rows, want, want_memory, label, array, shift_name):
    """Fits the links of one kind of run (three languages, or a pair
    alone) and prints the weights to copy."""
    w = fit(rows)
    # The shift is found for runs without and with a memory apart, and
    # the difference folded into the weight of "memory used": a memory
    # shifts every cost, and one shift for both kinds would let the
    # surer kind pay for the other's errors.
    shifts = []
    for mem in (0, 1):
        part = [(y, x) for y, x in rows if x[MEMORY] == mem]
        if not part:
            continue
        shift, best = least_shift(w, part, want_memory if mem else want)
        shifts.append((mem, shift))
        print("%s, %s memory: shift %.4f: %d links at >= 0.5, precision "
              "%.4f, right 1-1 kept %.4f" % (label, "with" if mem else
                                             "without", shift, best[0],
                                             best[1], best[2]))
    shift = dict(shifts).get(0, shifts[0][1])
    if len(shifts) == 2:
        w[MEMORY] -= shifts[1][1] - shifts[0][1]
    for name, wi in zip(NAMES, w):
        print("%-28s %8.4f" % (name, wi))
    print("%s = { %s }; %s %.4f"
          % (array, ", ".join("%.4f" % wi for wi in w), shift_name, shift))
    return w, shift


def read_dump(path):
    """The links of a dump, {languages given: [(right, [1, features])]},
    and its groups: (the "# seed" line's words, gold 1-1 count,
    languages given, [(right, [1, features])])."""
    rows = {2: [], 3: []}
    groups = []
    cur = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if line.startswith("#"):
                n = 2 if cur and cur[0][0] == 2 else 3
                groups.append((" ".join(cols[1:5]), int(cols[-1]), n,
                               [(y, x) for _, y, x in cur]))
                cur = []
                continue
            x = [1.0] + [float(c) for c in cols[2:]]
            rows[int(cols[1])].append((int(cols[0]), x))
            cur.append((int(cols[1]), int(cols[0]), x))
    return rows, groups


def score_held_out(groups, n, w, shift):
    """Prints what the model w, shift gives the held-out groups of runs
    given n languages."""
    runs = {}
    for tag, gold11, nl, links in groups:
        if nl != n or not links:
            continue
        right = kept = kept11 = 0
        for y, x in links:
            if sum(wi * xi for wi, xi in zip(w, x)) - shift >= 0:
                kept += 1
                right += y
                kept11 += y and x[IS11] > 0
        p = right / kept if kept else 0.0
        r = kept11 / gold11 if gold11 else 0.0
        print("  held out %-24s precision %.4f (%d links), gold 1-1 %.4f"
              % (tag, p, kept, r))
        runs.setdefault(tag.split()[2], []).append((p, r))
    for run, pr in sorted(runs.items()):
        print("  held out %-9s precision %.4f-%.4f (%d under 0.99), gold "
              "1-1 %.4f-%.4f (%d under 0.90)"
              % (run, min(p for p, _ in pr), max(p for p, _ in pr),
                 sum(p < 0.99 for p, _ in pr), min(r for _, r in pr),
                 max(r for _, r in pr), sum(r < 0.90 for _, r in pr)))


def main(argv):
    held = None
    if "--held-out" in argv:
        i = argv.index("--held-out")
        if i + 1 >= len(argv):
            print(__doc__, file=sys.stderr)
            return 2
        held = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    want = float(argv[2]) if len(argv) > 2 else 0.99
    want_memory = float(argv[3]) if len(argv) > 3 else want
    # Each line: whether the link is right, how many languages
    # habar-align was given (3, or 2: the pair alone), the features.
    rows, _ = read_dump(argv[1])
    groups = read_dump(held)[1] if held else []
    # A pair given alone has no third language, which the model of three
    # reads as a language that left the link out: a model of its own.
    for n, label, array, shift_name in (
            (3, "three languages", "near_w", "NEAR_SHIFT"),
            (2, "a pair alone", "pair_w", "PAIR_SHIFT")):
        if rows[n]:
            w, shift = fit_kind(rows[n], want, want_memory, label, array,
                                shift_name)
            score_held_out(groups, n, w, shift)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

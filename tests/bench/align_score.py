"""align_score.py: the scoring shared by the alignment benches
(align_eval.py, align_loose.py), so that both count a link right by the
same rule.

A link is a pair of tuples of 1-based sentence numbers, (a_numbers,
b_numbers), one of them empty for a sentence with no counterpart.  The
gold of a pair of languages is the smallest links that the merges, drops
and additions of the two allow; a link is right when it is one of them
exactly.
"""


class Partition:
    """Items joined into groups (a union-find): find() names an item's
    group, join() makes two items' groups one."""

    def __init__(self):
        self.parent = {}

    def find(self, x):
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, x, y):
        self.parent[self.find(x)] = self.find(y)

    def items(self):
        """Every item seen, in the order first seen."""
        return list(self.parent)


def pair_gold(sents_a, sents_b):
    """The gold links of a pair: sents_a and sents_b are the sentences of
    the two languages in order, each a list of the units (ids of the
    original sentences) it holds.  Units of one sentence, and a unit and
    the sentences that hold it in either language, fall in one link."""
    part = Partition()
    where = ({}, {})
    for side, sents in enumerate((sents_a, sents_b)):
        for k, s in enumerate(sents, 1):
            for u in s:
                where[side][u] = k
                part.find(u)
            for u in s[1:]:
                part.join(u, s[0])
    groups = {}
    for u in part.items():
        groups.setdefault(part.find(u), []).append(u)
    links = set()
    for g in groups.values():
        sa = tuple(sorted({where[0][u] for u in g if u in where[0]}))
        sb = tuple(sorted({where[1][u] for u in g if u in where[1]}))
        if sa or sb:
            links.add((sa, sb))
    return links


def parse_links(text):
    """habar-align --links output: {(a_numbers, b_numbers): confidence},
    confidence None when a line has no third column."""
    links = {}
    for line in text.splitlines():
        if not line:
            continue
        cols = line.split("\t")
        sa = tuple(int(x) for x in cols[0].split(",") if x)
        sb = tuple(int(x) for x in cols[1].split(",") if x)
        links[(sa, sb)] = float(cols[2]) if len(cols) > 2 else None
    return links


def ladder_links(text):
    """hunalign's ladder output (rungs "i<TAB>j<TAB>score", 0-based
    positions between sentences) as links without a confidence."""
    rungs = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) >= 2:
            rungs.append((int(cols[0]), int(cols[1])))
    links = {}
    for (i0, j0), (i1, j1) in zip(rungs, rungs[1:]):
        links[(tuple(range(i0 + 1, i1 + 1)),
               tuple(range(j0 + 1, j1 + 1)))] = None
    return links


def f1(right, got, want):
    """(precision, recall, F1) of got links of which right are right,
    against want gold links."""
    p = right / got if got else 0.0
    r = right / want if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold, links):
    """(precision, recall, F1) of links (any collection) against gold."""
    return f1(len(gold & set(links)), len(links), len(gold))


def regions(gold, links):
    """The smallest groups of links where links and gold disagree: the
    sentences of both, joined by every link of either, as (gold links,
    output links) of each group that is not the same in both."""
    part = Partition()
    nodes = {}
    for link in set(gold) | set(links):
        ns = [("a", i) for i in link[0]] + [("b", j) for j in link[1]]
        nodes[link] = ns[0]
        for n in ns[1:]:
            part.join(n, ns[0])
    groups = {}
    for side, ls in ((0, gold), (1, links)):
        for link in ls:
            groups.setdefault(part.find(nodes[link]),
                              (set(), set()))[side].add(
                link)
    return [(g, o) for g, o in groups.values() if g != o]


def shape(link):
    return "%d-%d" % (len(link[0]), len(link[1]))


def error_kind(gold, out):
    """The kind of an error region (gold links, output links), in the
    words of docs/habar-align.md."""
    gs = sorted(shape(l) for l in gold)
    os_ = sorted(shape(l) for l in out)
    merges = ("2-1", "1-2", "3-1", "1-3", "2-2")
    if gs == ["0-1", "1-0"] and os_ == ["1-1"]:
        return "an added and a dropped sentence read as one 1-1"
    if gs == ["1-1"] and os_ == ["0-1", "1-0"]:
        return "a right 1-1 split into a 1-0 and a 0-1"
    if (len(gold) == 1 and gs[0] in merges and len(out) >= 2):
        return "a merge split into a link and a drop"
    if (any(s in ("1-0", "0-1") for s in gs) and
            any(s in merges for s in os_) and len(out) < len(gold)):
        return "a sentence with no counterpart absorbed into a merge"
    if gs == os_ and any(s in ("1-0", "0-1") for s in gs):
        return "a drop on the wrong neighbour"
    return "other"

#!/usr/bin/env python3
"""make-tmx.py: writes a synthetic three-language TMX 1.4 memory of about
the size asked, for the memory test and bench of habar-tmx.

Units look like habar's own: a creationdate, the release id and the
confidence as properties, an English, a Russian and a Kazakh variant of
one sentence (Latin and Cyrillic words of the sentence lengths of press
releases, each unit different), a changedate on the Kazakh variant as
OmegaT writes it; one unit in ten repeats an earlier one, so that the
merge has duplicates to drop.  The words are made up from letters: no
text is taken from anywhere.

usage: make-tmx.py [--mb N] [--seed S] OUT
"""
import argparse
import random

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюя"
KAZAKH = CYRILLIC + "әғқңөұүһі"


def sentence(rng, letters, n):
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 11)))
             for _ in range(n)]
    return " ".join(words).capitalize() + "."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=200.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("out")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    want = int(args.mb * 1e6)
    done = 0
    units = []
    with open(args.out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                '  <header creationtool="make-tmx" creationtoolversion="1" '
                'datatype="plaintext" segtype="sentence" adminlang="en" '
                'srclang="en" o-tmf="make-tmx"/>\n  <body>\n')
        i = 0
        while done < want:
            if units and rng.random() < 0.1:
                unit = rng.choice(units)
            else:
                n = rng.randint(8, 30)
                date = "2026%02d%02dT000000Z" % (rng.randint(1, 12),
                                                 rng.randint(1, 28))
                unit = (
                    '    <tu creationdate="%s">\n'
                    '      <prop type="x-release-id">release-%d</prop>\n'
                    '      <prop type="x-habar-confidence">%.2f</prop>\n'
                    '      <tuv xml:lang="en"><seg>%s %d.</seg></tuv>\n'
                    '      <tuv xml:lang="ru"><seg>%s %d.</seg></tuv>\n'
                    '      <tuv xml:lang="kk" changedate="%s"><seg>%s %d.'
                    '</seg></tuv>\n    </tu>\n'
                    % (date, i // 40, rng.uniform(0.5, 1.0),
                       sentence(rng, LATIN, n), i,
                       sentence(rng, CYRILLIC, n), i, date,
                       sentence(rng, KAZAKH, n), i))
                if len(units) < 10000:
                    units.append(unit)
                i += 1
            f.write(unit)
            done += len(unit.encode("utf-8"))
        f.write("  </body>\n</tmx>\n")


if __name__ == "__main__":
    main()

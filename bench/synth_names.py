#!/usr/bin/env python3
"""Writes N synthetic company names as a dealtrace gazetteer (TSV), the same
list for the same N and seed on every machine.

    synth_names.py N [--seed S] > extra.tsv

Names are built from syllables and business words ("Varocel Optic Systems",
"Dunmira Holdings 17"), so they look like company names, rarely occur in
real text, and share prefixes the way real lists do (which is what makes an
automaton big).
"""
import argparse
import random

SYLLABLES = ["va", "ro", "cel", "dun", "mi", "ra", "tek", "lo", "ba", "zen", "qui", "mor", "sta", "lin",
             "pho", "dra", "ken", "vel", "tor", "ani", "gle", "pri", "sol", "ux", "fer", "nov", "ka", "ship"]
WORDS = ["Optic", "Systems", "Holdings", "Energy", "Capital", "Foods", "Logistics", "Mining", "Textiles",
         "Pharma", "Robotics", "Partners", "Marine", "Steel", "Media", "Networks", "Labs", "Trading"]
SUFFIXES = ["", "", "Inc", "Corp", "Ltd", "Group", "AG", "SA", "Plc"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1987)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    print("# synthetic company names for benchmarks (bench/synth_names.py)")
    print("id\tlabel\tname\tcountry")
    seen = set()
    k = 0
    while k < a.n:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        parts = [stem]
        if rng.random() < 0.7:
            parts.append(rng.choice(WORDS))
        if rng.random() < 0.3:
            parts.append(str(rng.randint(1, 99)))
        suffix = rng.choice(SUFFIXES)
        if suffix:
            parts.append(suffix)
        name = " ".join(parts)
        if name in seen:
            continue
        seen.add(name)
        print(f"synth:{k}\tcompany\t{name}\t")
        k += 1


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check the gazetteer lists, and optionally show what they find in texts.

    python3 gazetteers/scripts/check.py                 # validate the lists
    python3 gazetteers/scripts/check.py ARTICLE.txt ... # and list the hits

Validation: header, required cells, labels, country codes, case rules, ids
unique to one label, one canonical name per id, a name not given to two
entities of the same file. Hits: a rough stand-in for the Rust matcher (case
rules, word boundaries, longest match first; no legal-suffix extension and no
`proper` neighbour test), good enough to see what a text's entities are
covered by. Plain Python, no packages needed. Exits 1 on a validation error.
"""

import os
import re
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.dirname(HERE)
FILES = ["companies.tsv", "countries.tsv", "currencies.tsv", "cities.tsv", "index_companies.tsv"]
LABELS = {"country", "city", "currency", "company", "bank", "organization"}
CASES = {"", "fold", "exact", "title", "proper"}


def fold(s):
    """Lower case, one apostrophe, one hyphen, one space; keeps the length."""
    s = "".join(c.lower() if len(c.lower()) == 1 else c for c in s)
    s = re.sub(r"[\u2018\u2019\u02bc`´]", "'", s)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    return re.sub(r"\s", " ", s)


def load():
    errors = []
    names = []  # (surface, case, id, label, file)
    labels = {}
    for fn in FILES:
        path = os.path.join(GAZ, fn)
        header = None
        per_file = defaultdict(set)
        with open(path, encoding="utf-8") as f:
            for no, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                cells = line.split("\t")
                if header is None:
                    header = cells
                    for col in ("id", "label", "name"):
                        if col not in header:
                            errors.append(f"{fn}:{no}: header lacks {col!r}")
                    continue
                if len(cells) > len(header):
                    errors.append(f"{fn}:{no}: {len(cells)} cells for {len(header)} columns")
                    continue
                row = dict(zip(header, [c.strip() for c in cells]))
                eid, label, name = row.get("id", ""), row.get("label", ""), row.get("name", "")
                if not (eid and label and name):
                    errors.append(f"{fn}:{no}: empty id, label or name")
                    continue
                if label not in LABELS:
                    errors.append(f"{fn}:{no}: label {label!r}")
                cc = row.get("country", "")
                if cc and not re.fullmatch(r"[A-Z]{2}", cc):
                    errors.append(f"{fn}:{no}: country {cc!r}")
                case = row.get("case", "")
                if case not in CASES:
                    errors.append(f"{fn}:{no}: case {case!r}")
                if labels.setdefault(eid, label) != label:
                    errors.append(f"{fn}:{no}: id {eid} has two labels")
                per_file[re.sub(r" +", " ", fold(name))].add(eid)
                names.append((name, case, eid, label, fn))
        for n, ids in per_file.items():
            if len(ids) > 1:
                errors.append(f"{fn}: name {n!r} given to {sorted(ids)}")
    return names, errors


def find(text, names):
    by_len = sorted(names, key=lambda n: -len(n[0]))
    ftext = fold(text)
    taken = [False] * len(text)
    hits = []
    for name, case, eid, label, fn in by_len:
        pat = re.escape(re.sub(r" +", " ", fold(name))).replace(r"\-", "[- ]").replace(r"\ ", " +")
        for m in re.finditer(r"(?<![\w])" + pat + r"(?![\w])", ftext):
            a, b = m.span()
            if any(taken[a:b]):
                continue
            orig = text[a:b]
            if case == "exact" and orig != name:
                continue
            if case in ("title", "proper") and not orig[:1].isupper():
                continue
            for i in range(a, b):
                taken[i] = True
            hits.append((a, orig, eid, label, fn))
    return sorted(hits)


def main():
    names, errors = load()
    ids = {n[2] for n in names}
    print(f"{len(names)} names of {len(ids)} entities in {len(FILES)} files")
    for e in errors:
        print("ERROR", e)
    for path in sys.argv[1:]:
        text = open(path, encoding="utf-8").read()
        seen = {}
        for a, orig, eid, label, fn in find(text, names):
            seen.setdefault((eid, label, fn), []).append(orig)
        print(f"\n{path}: {len(seen)} entities")
        for (eid, label, fn), origs in sorted(seen.items(), key=lambda x: (x[0][1], x[0][0])):
            print(f"  {label:12} {eid:28} {fn:20} {sorted(set(origs))}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

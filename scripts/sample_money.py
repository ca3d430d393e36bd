#!/usr/bin/env python3
"""Draws a reproducible random sample of money mentions from a corpus, with
their context, for a person to check by eye.

    sample_money.py --bin target/release/dealtrace --corpus ../shared/corpora/reuters21578.jsonl [-n 200] [--seed 7]

Prints one block per mention: the normalized value and currency, the span
in brackets inside 60 characters of context either side.
"""
import argparse
import json
import random
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    texts = {}
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    out = subprocess.run([a.bin, "extract", "--quiet", "--emit", "mentions", a.corpus],
                         capture_output=True, text=True, check=True).stdout
    money = []
    for line in out.splitlines():
        m = json.loads(line)
        if m.get("label") == "money" and m.get("field") != "title":
            money.append(m)
    rng = random.Random(a.seed)
    sample = rng.sample(money, min(a.n, len(money)))
    sample.sort(key=lambda m: (m["doc_id"], m["start"]))
    print(f"{len(money)} money mentions in {a.corpus}; sample of {len(sample)} (seed {a.seed})\n")
    for k, m in enumerate(sample, 1):
        t = texts[m["doc_id"]]
        s, e = m["start"], m["end"]
        assert t[s:e] == m["text"], m
        ctx = (t[max(0, s - 60):s] + "[" + t[s:e] + "]" + t[e:e + 60]).replace("\n", " ")
        extra = " ".join(f"{k}={m[k]}" for k in ("value_max", "per") if k in m)
        approx = " approx" if m.get("approximate") else ""
        print(f"{k:3}. {m['value']:>16,} {m['currency']}{approx} {extra}\n     {m['doc_id']}: {ctx}")


if __name__ == "__main__":
    sys.exit(main())

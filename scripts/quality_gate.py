#!/usr/bin/env python3
"""Deal quality gate: runs `dealtrace extract` on the example article and on
every dev set in SHARED/eval, scores each with SHARED/eval/score.py, prints
the tables, and fails when a slot F1 is below its floor.

    quality_gate.py --shared ../shared --bin target/release/dealtrace [--update]

Floors live in scripts/quality_floors.json: the example article must reach
0.95 slot F1; each dev set must not fall below the level recorded there.
--update raises the recorded dev floors to today's scores (never lowers).
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FLOORS = os.path.join(HERE, "quality_floors.json")
SEED_FLOOR = 0.95


def score(shared, binary, name, docs, gold, show_errors):
    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as tmp:
        out = tmp.name
    try:
        r = subprocess.run([binary, "extract", "--quiet", "--emit", "deals", "-o", out, docs],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"FAIL: extract on {docs} exited {r.returncode}: {r.stderr}")
        scorer = os.path.join(shared, "eval", "score.py")
        table = subprocess.run([sys.executable, scorer, "--gold", gold, "--pred", out,
                                "--show-errors", str(show_errors)], capture_output=True, text=True)
        summary = subprocess.run([sys.executable, scorer, "--gold", gold, "--pred", out, "--json"],
                                 capture_output=True, text=True, check=True)
        print(f"== {name} ({docs})")
        print(table.stdout.rstrip())
        if show_errors:
            print(table.stderr.rstrip())
        return json.loads(summary.stdout)
    finally:
        os.unlink(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--show-errors", type=int, default=0)
    a = ap.parse_args()
    if not os.path.isdir(a.shared):
        sys.exit(f"FAIL: shared folder {a.shared} is missing")
    floors = json.load(open(FLOORS)) if os.path.exists(FLOORS) else {}
    failures = []
    sets = [("seed", os.path.join(a.shared, "eval/seed/seed.docs.jsonl"), os.path.join(a.shared, "eval/seed/seed.gold.jsonl"))]
    for docs in sorted(glob.glob(os.path.join(a.shared, "eval/dev/*.docs.jsonl"))):
        name = os.path.basename(docs)[: -len(".docs.jsonl")]
        sets.append((name, docs, docs.replace(".docs.jsonl", ".gold.jsonl")))
    # The bundled sample articles, with gold written for this project.
    repo = os.path.dirname(HERE)
    sets.append(("corpus", os.path.join(repo, "corpus/articles"), os.path.join(repo, "corpus/gold.jsonl")))
    for name, docs, gold in sets:
        if not (os.path.exists(docs) and os.path.exists(gold)):
            sys.exit(f"FAIL: missing {docs} or {gold}")
        s = score(a.shared, a.bin, name, docs, gold, a.show_errors)
        f1 = s["slots"]["f1"]
        floor = SEED_FLOOR if name == "seed" else floors.get(name, 0.0)
        verdict = "ok" if f1 >= floor - 1e-9 else "BELOW FLOOR"
        print(f"-> {name}: slot F1 {f1:.4f} (floor {floor:.4f}) {verdict}\n")
        if f1 < floor - 1e-9:
            failures.append(f"{name} slot F1 {f1:.4f} < {floor:.4f}")
        if a.update and name != "seed" and f1 > floors.get(name, 0.0):
            floors[name] = round(f1, 4)
    if a.update:
        with open(FLOORS, "w") as f:
            json.dump(floors, f, indent=2, sort_keys=True)
            f.write("\n")
    if failures:
        sys.exit("FAIL: " + "; ".join(failures))
    print("quality gate passed")


if __name__ == "__main__":
    main()

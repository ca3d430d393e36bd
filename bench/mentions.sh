#!/usr/bin/env bash
# Throughput (MB/s of text) and peak RSS of `dealtrace extract` on the
# Reuters-21578 corpus: mentions only and the whole pipeline (deals), with
# the bundled gazetteers and with one million extra company names.
#
#   bench/mentions.sh [CORPUS.jsonl] [RUNS]
#
# Prints a Markdown table; takes the median of RUNS runs (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpora/reuters21578.jsonl}"
runs="${2:-3}"
[ -f "$corpus" ] || { echo "corpus $corpus not found" >&2; exit 1; }
cargo build --release --quiet
bin=target/release/dealtrace
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 bench/synth_names.py 1000000 > "$tmp/million.tsv"
text_mb=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode())+len((json.loads(l).get('title') or '').encode()) for l in open(sys.argv[1]))/1e6)" "$corpus")

measure() { # label threads emit extra-args...
  local label=$1 threads=$2 emit=$3; shift 3
  local times=() rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$bin" extract --quiet --emit "$emit" -j "$threads" "$@" -o "$tmp/out.jsonl" "$corpus"
    read -r t m < "$tmp/t"
    times+=("$t"); rss+=("$m")
  done
  local med_t med_m
  med_t=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
  med_m=$(printf '%s\n' "${rss[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
  python3 -c "import sys; l,e,j,t,m,mb=sys.argv[1:]; print(f'| {l} | {e} | {j} | {float(t):.2f} | {float(mb)/float(t):.1f} | {int(m)/1024:.0f} |')" \
    "$label" "$emit" "$threads" "$med_t" "$med_m" "$text_mb"
}

echo "corpus: $corpus ($text_mb MB of text), $(nproc) cores, median of $runs runs"
echo
echo "| gazetteer | emit | threads | seconds | MB/s | peak RSS MB |"
echo "|---|---|---|---|---|---|"
for j in 1 2; do
  measure "bundled" "$j" mentions
  measure "bundled" "$j" deals
done
for j in 1 2; do
  measure "bundled + 1M names" "$j" mentions -g "$tmp/million.tsv"
  measure "bundled + 1M names" "$j" deals -g "$tmp/million.tsv"
done

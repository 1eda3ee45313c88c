#!/usr/bin/env bash
# Side-by-side benchmark of newsdex and the tools a user would pick instead,
# on Reuters-21578, in one run (compare ratios, not absolute figures: the
# machine is shared and noisy). Run by hand, not by CI.
#
# usage: bench/compare.sh [CORPUS_DIR] [--with-tantivy-cli]
#   CORPUS_DIR defaults to ../shared/corpus/reuters21578.
# Installs what it needs: Debian's python3-xapian and hyperfine; with
# --with-tantivy-cli also `cargo install tantivy-cli` (about 20 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpus/reuters21578}
WORK=${WORK:-/tmp/newsdex-bench}
ROUNDS=${ROUNDS:-10}
mkdir -p "$WORK"

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
/usr/bin/python3 -c 'import xapian' 2>/dev/null || need_apt+=(python3-xapian)
if [ ${#need_apt[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi
if [[ " $* " == *" --with-tantivy-cli "* ]] && ! command -v tantivy >/dev/null; then
    cargo install tantivy-cli
fi

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr)"
echo "# $(rustc --version); $(/usr/bin/python3 -c 'import sqlite3,xapian;print("sqlite",sqlite3.sqlite_version,"xapian",xapian.version_string())')"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ); corpus: $CORPUS"

cargo build -q --release --bin newsdex --example query_latency
N=./target/release/newsdex
IDX="$WORK/newsdex-index"

echo "## newsdex build (raw SGML -> committed index, parsing and extraction included)"
hyperfine -i -w 1 -r 5 --export-json "$WORK/build.json" \
    "$N --index $IDX index --rebuild --no-progress $CORPUS" 2>/dev/null | grep -E "Time|Range"

echo "## newsdex in-process queries (top 10 + snippets + country and person counts)"
./target/release/examples/query_latency "$IDX" "$ROUNDS"

echo "## newsdex per process (start, open, query, facets, render)"
hyperfine -N -w 3 -r 30 \
    "$N --index $IDX search oil --facet country --facet person" \
    "$N --index $IDX search 'interest rates' --country usa --facet country --facet person" 2>/dev/null | grep -E "Time|Range|search"

echo "## peers (SQLite FTS5, Xapian): build from pre-converted records, same query set"
/usr/bin/python3 bench/peers.py "$CORPUS" "$WORK/peers" "$ROUNDS"

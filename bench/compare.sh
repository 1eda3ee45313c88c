#!/usr/bin/env bash
# Side-by-side benchmark of newsdex and the tools a user would pick instead,
# on Reuters-21578, in one run (compare ratios, not absolute figures: the
# machine is shared and noisy). Run by hand, not by CI.
#
# usage: bench/compare.sh [CORPUS_DIR] [--with-tantivy-cli] [--with-scale]
#   CORPUS_DIR defaults to ../shared/corpus/reuters21578.
#   --with-scale also runs bench/scale.sh (1x, 5x, 10x, 40x) at the end, so
#   both tables of BENCHMARKS.md come from one command.
# Environment:
#   ROUNDS        rounds per query in process (default 10)
#   BUILD_ROUNDS  timed index builds per tool, median reported (default 5)
#   THREADS       threads for newsdex and tantivy-cli builds (default 2);
#                 SQLite FTS5 and Xapian build on one thread, so newsdex is
#                 also timed with --threads 1 beside them
#   OLD_BIN       a previous newsdex binary: if set, it is timed against the
#                 new one (build, per-process search, extract start-up), each
#                 binary with its own index folder (schemas may differ)
# Fairness: every tool gets the same queries with AND semantics (newsdex,
# SQLite FTS5 and Xapian by their settings, tantivy-cli with every term
# marked `+`), the same number of timed builds, and the same threads where
# the tool can use them.
# Installs what it needs: Debian's python3-xapian and hyperfine; with
# --with-tantivy-cli also `cargo install tantivy-cli` (about 20 minutes on 2
# cores; an installed `tantivy` binary is used whenever present).
# Prints the raw figures, then one markdown table of medians and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=../shared/corpus/reuters21578
for a in "$@"; do [[ $a == --* ]] || CORPUS=$a; done
WORK=${WORK:-/tmp/newsdex-bench}
ROUNDS=${ROUNDS:-10}
BUILD_ROUNDS=${BUILD_ROUNDS:-5}
THREADS=${THREADS:-2}
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
median_of() { /usr/bin/python3 -c "import json,sys;print('%.4f' % json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'])" "$@"; }

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(rustc --version); $(/usr/bin/python3 -c 'import sqlite3,xapian;print("sqlite",sqlite3.sqlite_version,"xapian",xapian.version_string())'); $(command -v tantivy >/dev/null && tantivy --version 2>/dev/null | head -1 || echo 'tantivy-cli: not installed')"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ); corpus: $CORPUS; rounds: $ROUNDS; build rounds: $BUILD_ROUNDS; threads: $THREADS"

cargo build -q --release --bin newsdex --example query_latency
TARGET=${CARGO_TARGET_DIR:-target}
N=$TARGET/release/newsdex
IDX="$WORK/newsdex-index"

echo "## newsdex build (raw SGML -> committed index, parsing and extraction included)"
echo "# threads $THREADS (against tantivy-cli -t $THREADS), then 1 (against SQLite FTS5 and Xapian)"
hyperfine -i -w 1 -r "$BUILD_ROUNDS" --export-json "$WORK/build.json" \
    "$N --index $IDX index --rebuild --no-progress --threads $THREADS $CORPUS" \
    "$N --index $IDX index --rebuild --no-progress --threads 1 $CORPUS" 2>/dev/null | grep -E "Time|Range|Benchmark"
nd_build=$(median_of "$WORK/build.json" 0)
nd_build1=$(median_of "$WORK/build.json" 1)

echo "## newsdex in-process queries (top 10 + snippets + country and person counts)"
"$TARGET/release/examples/query_latency" "$IDX" "$ROUNDS" | tee "$WORK/nd_query.txt"
nd_query=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' "$WORK/nd_query.txt")

echo "## newsdex per process (start, open, query, facets, render)"
hyperfine -N -w 3 -r 30 --export-json "$WORK/nd_proc.json" \
    "$N --index $IDX search oil --facet country --facet person" \
    "$N --index $IDX search 'interest rates' --country usa --facet country --facet person" \
    "$N --version" 2>/dev/null | grep -E "Time|Range|Benchmark"
nd_proc=$(median_of "$WORK/nd_proc.json" 0)
nd_version=$(median_of "$WORK/nd_proc.json" 2)

echo "## peers (SQLite FTS5, Xapian): build from pre-converted records, same query set"
/usr/bin/python3 bench/peers.py "$CORPUS" "$WORK/peers" "$ROUNDS" "$BUILD_ROUNDS" | tee "$WORK/peers.txt"
peer() { sed -n "s/^$1: .*$2=\([0-9.]*\).*/\1/p" "$WORK/peers.txt"; }
sq_build=$(peer sqlite-fts5 build_s); sq_query=$(peer sqlite-fts5 median_ms)
xa_build=$(peer xapian build_s); xa_query=$(peer xapian median_ms)

tc_build=""; tc_query=""; tc_proc=""
if command -v tantivy >/dev/null; then
    echo "## tantivy-cli (fed the same records as JSON Lines; index, bench, search with two terms aggregations)"
    TDIR="$WORK/tantivy-cli-index"
    rm -rf "$TDIR" "$TDIR.empty"
    # `tantivy new` asks for the schema interactively. Per text field: name,
    # type, stored, fast, indexed, tokenized, [freqs, positions]; then
    # "add another field". Facet fields are raw (untokenized) and fast.
    text_field() { printf '%s\nText\nY\nN\nY\nY\nY\nY\n' "$1"; }
    tag_field() { printf '%s\nText\nY\nY\nY\nN\n' "$1"; }
    { text_field title; echo Y; text_field body; echo Y; tag_field places; echo Y; tag_field people; echo N; } |
        tantivy new -i "$TDIR.empty" >/dev/null
    # -t: indexing threads, the same number newsdex's build gets.
    hyperfine -w 1 -r "$BUILD_ROUNDS" --export-json "$WORK/tc_build.json" \
        --prepare "rm -rf $TDIR && cp -r $TDIR.empty $TDIR" \
        "tantivy index -i $TDIR -f $WORK/peers/reuters.jsonl -t $THREADS" 2>/dev/null | grep -E "Time|Range"
    tc_build=$(median_of "$WORK/tc_build.json" 0)
    # The same queries, filters written in tantivy's query syntax. tantivy-cli's
    # parser joins bare terms with OR; every term and phrase is marked `+`
    # (must match) so that it answers the AND query the other tools answer.
    /usr/bin/python3 - "$WORK/tc_queries.txt" <<'PY'
import pathlib, re, sys
out = []
for line in pathlib.Path("bench/queries.tsv").read_text().splitlines():
    if line.startswith("#") or not line.strip():
        continue
    q, place, person = (line.split("\t") + ["", ""])[:3]
    terms = ["+" + t for t in re.findall(r'"[^"]*"|\S+', q)]
    terms += [f'+{f}:"{v}"' for f, v in (("places", place), ("people", person)) if v]
    out.append(" ".join(terms))
pathlib.Path(sys.argv[1]).write_text("\n".join(out) + "\n")
PY
    tantivy bench -i "$TDIR" -q "$WORK/tc_queries.txt" -n "$ROUNDS" > "$WORK/tc_bench.txt"
    tc_query=$(/usr/bin/python3 - "$WORK/tc_bench.txt" <<'PY'
import statistics, sys
lines = open(sys.argv[1]).read().split("FETCH STORE")[0].splitlines()
us = [int(l.split("\t")[2]) for l in lines if l.count("\t") == 2 and l.split("\t")[2].isdigit()]
us.sort()
print("%.4f" % (statistics.median(us) / 1000))
PY
)
    echo "tantivy-cli bench (top 10 + count, no snippets, no facets): median_ms=$tc_query"
    AGG='{"places":{"terms":{"field":"places","size":10}},"people":{"terms":{"field":"people","size":10}}}'
    hyperfine -N -w 3 -r 30 --export-json "$WORK/tc_proc.json" \
        "tantivy search -i $TDIR -q oil -a '$AGG'" 2>/dev/null | grep -E "Time|Range"
    tc_proc=$(median_of "$WORK/tc_proc.json" 0)
fi

if [ -n "${OLD_BIN:-}" ]; then
    echo "## old binary ($OLD_BIN) against new ($N), each with its own index"
    OLD_IDX="$WORK/old-index"
    EXTRACT_FILE=$(dirname "$CORPUS")/bbc/business/001.txt
    hyperfine -N -i -w 1 -r "$BUILD_ROUNDS" --export-json "$WORK/old_build.json" \
        "$OLD_BIN --index $OLD_IDX index --rebuild --no-progress $CORPUS" \
        "$N --index $IDX index --rebuild --no-progress $CORPUS" 2>/dev/null | grep -E "Time|Range|Benchmark"
    hyperfine -N -w 5 -r 50 --export-json "$WORK/old_search.json" \
        "$OLD_BIN --index $OLD_IDX search oil --facet country --facet person" \
        "$N --index $IDX search oil --facet country --facet person" 2>/dev/null | grep -E "Time|Range|Benchmark"
    hyperfine -N -w 3 -r 30 --export-json "$WORK/old_extract.json" \
        "$OLD_BIN extract $EXTRACT_FILE" \
        "$N extract $EXTRACT_FILE" 2>/dev/null | grep -E "Time|Range|Benchmark"
    echo
    echo "| measure | old | new | new / old |"
    echo "| --- | --- | --- | --- |"
    for m in build search extract; do
        o=$(median_of "$WORK/old_$m.json" 0); n=$(median_of "$WORK/old_$m.json" 1)
        /usr/bin/python3 -c "import sys;o,n=float(sys.argv[2]),float(sys.argv[3]);print('| %s | %.2f ms | %.2f ms | %.2fx |' % (sys.argv[1], o*1000, n*1000, n/o))" "$m" "$o" "$n"
    done
fi

ratio() { [ -n "$2" ] && /usr/bin/python3 -c "print('%.2fx' % ($1 / $2))" || echo "n/a"; }
ms() { [ -n "$1" ] && /usr/bin/python3 -c "print('%.3f ms' % ($1 * 1000))" || echo "n/a"; }
s() { [ -n "$1" ] && /usr/bin/python3 -c "print('%.2f s' % $1)" || echo "n/a"; }
echo
echo "## Summary (medians; ratio = newsdex / peer, below 1 means newsdex is faster)"
echo
echo "| measure | newsdex | SQLite FTS5 | Xapian | tantivy-cli | / SQLite | / Xapian | / tantivy-cli |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
echo "| build index, one thread (newsdex --threads 1) | $(s "$nd_build1") | $(s "$sq_build") | $(s "$xa_build") | | $(ratio "$nd_build1" "$sq_build") | $(ratio "$nd_build1" "$xa_build") | |"
echo "| build index, $THREADS threads (tantivy-cli -t $THREADS) | $(s "$nd_build") | | | $(s "$tc_build") | | | $(ratio "$nd_build" "$tc_build") |"
echo "| query in process | ${nd_query} ms | ${sq_query} ms | ${xa_query} ms | ${tc_query:-n/a} ms | $(ratio "$nd_query" "$sq_query") | $(ratio "$nd_query" "$xa_query") | $(ratio "$nd_query" "$tc_query") |"
echo "| query per process | $(ms "$nd_proc") | | | $(ms "$tc_proc") | | | $(ratio "$nd_proc" "$tc_proc") |"
echo "| \`newsdex --version\` per process | $(ms "$nd_version") | | | | | | |"

if [[ " $* " == *" --with-scale "* ]]; then
    echo
    echo "## Scaling (bench/scale.sh $CORPUS 1 5 10 40)"
    bash bench/scale.sh "$CORPUS" 1 5 10 40 2>/dev/null
fi

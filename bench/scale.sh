#!/usr/bin/env bash
# Scaling run: N-times copies of Reuters-21578 (bench/scale_corpus.py), then
# for each N: build time, docs/s, peak RSS, index size, query latency with two
# facets. Run by hand, not by CI (40x is about 1 GB of SGML).
#
# usage: bench/scale.sh [CORPUS_DIR] [N...]   (default N: 1 5 10 40)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpus/reuters21578}
shift || true
SIZES=${*:-1 5 10 40}
WORK=${WORK:-/tmp/newsdex-scale}
mkdir -p "$WORK"
cargo build -q --release --bin newsdex --example query_latency
N=./target/release/newsdex

printf "%-5s %10s %9s %10s %12s %12s %12s %12s\n" copies docs build_s docs_per_s peak_rss_MB index_MB query_med_ms query_p90_ms
for n in $SIZES; do
    src="$WORK/src-$n"
    [ -d "$src" ] || python3 bench/scale_corpus.py "$CORPUS" "$src" "$n" >/dev/null
    idx="$WORK/idx-$n"
    rm -rf "$idx"
    /usr/bin/time -f "%M" -o "$WORK/rss-$n" \
        "$N" --index "$idx" index --rebuild --no-progress --format json "$src" > "$WORK/summary-$n.json" 2>/dev/null || true
    docs=$(python3 -c "import json;print(json.load(open('$WORK/summary-$n.json'))['total_documents'])")
    secs=$(python3 -c "import json;print(round(json.load(open('$WORK/summary-$n.json'))['seconds'],2))")
    dps=$(python3 -c "import json;print(round(json.load(open('$WORK/summary-$n.json'))['docs_per_second']))")
    rss=$(( $(tail -1 "$WORK/rss-$n") / 1024 ))
    size=$(( $(du -sk "$idx" | cut -f1) / 1024 ))
    q=$(./target/release/examples/query_latency "$idx" 5 | tail -1)
    med=$(echo "$q" | sed -E 's/.*median_ms=([0-9.]+).*/\1/')
    p90=$(echo "$q" | sed -E 's/.*p90_ms=([0-9.]+).*/\1/')
    printf "%-5s %10s %9s %10s %12s %12s %12s %12s\n" "${n}x" "$docs" "$secs" "$dps" "$rss" "$size" "$med" "$p90"
done

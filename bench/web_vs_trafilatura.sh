#!/usr/bin/env bash
# Extraction throughput, newsdex (both extractors) against Python's
# trafilatura, in one run on the same 111 article-extraction dev pages, one
# thread each; prints the medians and the ratios to Python's. Needs
# `pip install trafilatura lxml_html_clean`.
#   bash bench/web_vs_trafilatura.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
corpus=${NEWSDEX_CORPUS:-../shared/corpus}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --locked --example web_throughput >/dev/null
uptime
ours=$(NEWSDEX_CORPUS="$corpus" "$target"/release/examples/web_throughput "$rounds")
theirs=$(python3 bench/trafilatura_speed.py "$corpus" "$rounds")
uptime
echo "$ours"
echo "$theirs"
b=$(echo "$theirs" | awk '{print $3}')
echo "$ours" | while read -r name rate _; do
  python3 -c "print(f'$name / trafilatura: {$rate / $b:.1f}x')"
done

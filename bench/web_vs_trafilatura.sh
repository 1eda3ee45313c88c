#!/usr/bin/env bash
# Extraction throughput, newsdex against Python's trafilatura, in one run on
# the same 111 article-extraction dev pages, one thread each; prints both
# medians and the ratio. Needs `pip install trafilatura lxml_html_clean`.
#   bash bench/web_vs_trafilatura.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
corpus=${NEWSDEX_CORPUS:-../shared/corpus}
cargo build --release --locked --example web_throughput >/dev/null
ours=$(NEWSDEX_CORPUS="$corpus" target/release/examples/web_throughput "$rounds")
theirs=$(python3 bench/trafilatura_speed.py "$corpus" "$rounds")
echo "$ours"
echo "$theirs"
a=$(echo "$ours" | awk '{print $2}')
b=$(echo "$theirs" | awk '{print $3}')
python3 -c "print(f'newsdex / trafilatura: {$a / $b:.1f}x')"

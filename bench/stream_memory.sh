#!/usr/bin/env bash
# Peak memory against the size of one input file: a ~200 MB and a ~2 GB JSON
# Lines file of made-up articles from the real corpora (bench/stream_corpus.py),
# each indexed alone with the release binary under /usr/bin/time, at a fixed
# writer budget. As a control, the 2 GB are also indexed as ten files of
# 200 MB: the same articles, small files. Each single file is run with
# near-duplicates and with --no-dupes (the clusters are computed over the
# whole index after the run and grow with the number of articles, not with
# one file's size); the control with $CONTROL_DUPES (default: no).
# Run by hand, not by CI: it writes about 4 GB under $WORK and deletes the
# big files at the end unless KEEP=1.
#
# usage: bench/stream_memory.sh [CORPUS_DIR]
#   WORK=/tmp/newsdex-stream MEMORY=256 SIZES="200 2000" CONTROL_DUPES="no" KEEP=0
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-${NEWSDEX_CORPUS:-../shared/corpus}}
WORK=${WORK:-/tmp/newsdex-stream}
MEMORY=${MEMORY:-256}
SIZES=${SIZES:-200 2000}
CONTROL_DUPES=${CONTROL_DUPES:-no}
KEEP=${KEEP:-0}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$WORK"
nice cargo build -q --release --bin newsdex
N=$TARGET/release/newsdex

field() { python3 -c "import json,sys;print(json.load(open(sys.argv[1]))$2)" "$1"; }

# run NAME DUPES INPUT...: index INPUT afresh, print one row.
run() {
    local name=$1 dupes=$2
    shift 2
    local idx="$WORK/idx" flags=()
    [ "$dupes" = no ] && flags+=(--no-dupes)
    rm -rf "$idx"
    /usr/bin/time -f "%M" -o "$WORK/rss" \
        nice "$N" --index "$idx" index --rebuild --no-progress --warnings-ok --format json \
        --memory "$MEMORY" "${flags[@]}" "$@" > "$WORK/summary.json" 2>"$WORK/stderr" || {
        echo "newsdex failed on $name:" >&2
        cat "$WORK/stderr" >&2
        exit 1
    }
    local bytes=0 f
    for f in "$@"; do bytes=$((bytes + $(stat -c %s "$f"))); done
    printf "%-16s %-6s %9s %10s %9s %12s\n" "$name" "$dupes" "$((bytes / 1000000))" \
        "$(field "$WORK/summary.json" "['indexed']")" \
        "$(field "$WORK/summary.json" "['seconds']" | xargs printf '%.1f')" \
        "$(( $(tail -1 "$WORK/rss") / 1024 ))"
}

echo "newsdex $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, --memory $MEMORY"
printf "%-16s %-6s %9s %10s %9s %12s\n" input dupes size_MB docs seconds peak_rss_MB
for size in $SIZES; do
    file="$WORK/news-$size.jsonl"
    [ -f "$file" ] || python3 bench/stream_corpus.py "$CORPUS" "$file" "$size" >/dev/null
    for dupes in yes no; do
        run "1 x $size MB" "$dupes" "$file"
    done
done
largest=${SIZES##* }
smallest=${SIZES%% *}
parts=$((largest / smallest))
if [ "$parts" -gt 1 ]; then
    split_dir="$WORK/split-$largest"
    if [ ! -d "$split_dir" ]; then
        mkdir -p "$split_dir"
        split -n "l/$parts" -d --additional-suffix=.jsonl "$WORK/news-$largest.jsonl" "$split_dir/part-"
    fi
    for dupes in $CONTROL_DUPES; do
        run "$parts x $smallest MB" "$dupes" "$split_dir"
    done
fi
rm -rf "$WORK/idx"
if [ "$KEEP" != 1 ]; then
    rm -rf "$WORK"/news-*.jsonl "$WORK"/split-*
fi

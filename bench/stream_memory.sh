#!/usr/bin/env bash
# Peak memory against the size of one input file: a ~200 MB and a ~2 GB JSON
# Lines file of made-up articles from the real corpora (bench/stream_corpus.py),
# each indexed alone with the release binary under /usr/bin/time, at a fixed
# writer budget. As a control, the 2 GB are also indexed as ten files of
# 200 MB: the same articles, small files. Each single file is run with
# near-duplicates and with --no-dupes ($DUPES) (the clusters are computed over the
# whole index after the run and grow with the number of articles, not with
# one file's size); the control with $CONTROL_DUPES (default: no).
# Columns: cpu is user+system time over wall time (200% = both cores of 2);
# peak_rss_MB is /usr/bin/time's maximum resident set, which also counts
# the index files tantivy maps while merging (page cache, growing with the
# index); peak_anon_MB is the largest anonymous (heap) part, sampled every
# 0.2 s; people_rewritten is how many articles the person fold after the
# run wrote again. newsdex runs under nice, as the build does.
# FORMAT=warc writes WARC files of made-up pages instead (bench/stream_warc.py:
# the 111 real pages of article-extraction-dev, their text replaced by
# sentences of the pool, one URL each); the control is then left out (a
# WARC cannot be cut by lines). THREADS sets --threads (default: the cores).
# Run by hand, not by CI: it writes about 4 GB under $WORK and deletes the
# big files at the end unless KEEP=1.
#
# usage: bench/stream_memory.sh [CORPUS_DIR]
#   WORK=/tmp/newsdex-stream MEMORY=256 SIZES="200 2000" DUPES="yes no"
#   CONTROL_DUPES="no" KEEP=0 NEWSDEX_BIN= FORMAT=jsonl THREADS=
#   (traces of memory over time: $WORK/trace-*.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-${NEWSDEX_CORPUS:-../shared/corpus}}
WORK=${WORK:-/tmp/newsdex-stream}
MEMORY=${MEMORY:-256}
SIZES=${SIZES:-200 2000}
DUPES=${DUPES:-yes no}
CONTROL_DUPES=${CONTROL_DUPES:-no}
KEEP=${KEEP:-0}
FORMAT=${FORMAT:-jsonl}
THREADS=${THREADS:-}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$WORK"
# NEWSDEX_BIN: a release binary already built (the build is skipped).
if [ -n "${NEWSDEX_BIN:-}" ]; then
    N=$NEWSDEX_BIN
else
    nice cargo build -q --release --bin newsdex
    N=$TARGET/release/newsdex
fi

field() { python3 -c "import json,sys;print(json.load(open(sys.argv[1]))$2)" "$1"; }

# Peak anonymous memory (heap, stacks) of process $1, sampled every 0.2 s
# until it ends, into $2 (kB). Peak RSS also counts the index files tantivy
# maps while it merges segments: page cache, which grows with the index.
# Each sample (seconds, RssAnon kB, RssFile kB) goes to $3, a trace that
# shows the indexing phase apart from the passes after the last commit.
sample_anon() {
    local pid=$1 out=$2 trace=$3 peak=0 kb file start=$SECONDS
    : > "$trace"
    while read -r kb file < <(awk '/^RssAnon:/ {a=$2} /^RssFile:/ {f=$2} END {print a, f}' "/proc/$pid/status" 2>/dev/null) && [ -n "$kb" ]; do
        [ "$kb" -gt "$peak" ] && peak=$kb
        echo "$peak" > "$out"
        echo "$((SECONDS - start)) $kb $file" >> "$trace"
        sleep 0.2
    done
}

# run NAME DUPES INPUT...: index INPUT afresh, print one row.
run() {
    local name=$1 dupes=$2
    shift 2
    local idx="$WORK/idx" flags=()
    [ "$dupes" = no ] && flags+=(--no-dupes)
    [ -n "$THREADS" ] && flags+=(--threads "$THREADS")
    rm -rf "$idx"
    echo 0 > "$WORK/anon"
    /usr/bin/time -f "%M %P" -o "$WORK/rss" \
        nice "$N" --index "$idx" index --rebuild --no-progress --warnings-ok --format json \
        --memory "$MEMORY" "${flags[@]}" "$@" > "$WORK/summary.json" 2>"$WORK/stderr" &
    local timer=$! pid=""
    while [ -z "$pid" ] && kill -0 "$timer" 2>/dev/null; do
        pid=$(pgrep -P "$timer" | head -1 || true)
        [ -z "$pid" ] && sleep 0.05
    done
    [ -n "$pid" ] && sample_anon "$pid" "$WORK/anon" "$WORK/trace-$FORMAT-${name// /}-$dupes.txt"
    wait "$timer" || {
        echo "newsdex failed on $name:" >&2
        cat "$WORK/stderr" >&2
        exit 1
    }
    local bytes=0 f
    for f in "$@"; do bytes=$((bytes + $(du -sb "$f" | cut -f1))); done
    printf "%-16s %-6s %9s %10s %9s %8s %12s %12s %15s\n" "$name" "$dupes" "$((bytes / 1000000))" \
        "$(field "$WORK/summary.json" "['indexed']")" \
        "$(field "$WORK/summary.json" "['seconds']" | xargs printf '%.1f')" \
        "$(cut -d' ' -f2 "$WORK/rss" | tail -1)" \
        "$(( $(tail -1 "$WORK/rss" | cut -d' ' -f1) / 1024 ))" \
        "$(( $(cat "$WORK/anon") / 1024 ))" \
        "$(field "$WORK/summary.json" "['people']['articles_rewritten']")"
}

# generate FILE SIZE_MB: FORMAT's made-up input.
generate() {
    if [ "$FORMAT" = warc ]; then
        python3 bench/stream_warc.py "$CORPUS" "$1" "$2" >/dev/null
    else
        python3 bench/stream_corpus.py "$CORPUS" "$1" "$2" >/dev/null
    fi
}

echo "newsdex $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, --memory $MEMORY, $FORMAT, threads ${THREADS:-default}, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-16s %-6s %9s %10s %9s %8s %12s %12s %15s\n" input dupes size_MB docs seconds cpu peak_rss_MB peak_anon_MB people_rewritten
for size in $SIZES; do
    file="$WORK/news-$size.$FORMAT"
    [ -f "$file" ] || generate "$file" "$size"
    for dupes in $DUPES; do
        run "1 x $size MB" "$dupes" "$file"
    done
done
largest=${SIZES##* }
smallest=${SIZES%% *}
parts=$((largest / smallest))
if [ "$parts" -gt 1 ] && [ "$FORMAT" = jsonl ]; then
    split_dir="$WORK/split-$largest"
    if [ ! -d "$split_dir" ]; then
        mkdir -p "$split_dir"
        split -n "l/$parts" -d --additional-suffix=.jsonl "$WORK/news-$largest.jsonl" "$split_dir/part-"
    fi
    for dupes in $CONTROL_DUPES; do
        run "$parts x $smallest MB" "$dupes" "$split_dir"
    done
fi
# KEEP_INDEX=1 leaves the last run's index in $WORK/idx (for searches on it).
[ "${KEEP_INDEX:-0}" = 1 ] || rm -rf "$WORK/idx"
if [ "$KEEP" != 1 ]; then
    rm -rf "$WORK"/news-*.jsonl "$WORK"/news-*.warc "$WORK"/split-*
fi

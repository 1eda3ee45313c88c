#!/usr/bin/env bash
# Peak memory of one indexing run per switch setting, for the figures of
# BENCHMARKS.md, "Why the 2 GB peak moves by 200 MB from run to run". NEWSDEX_BIN
# must be a release build with bench/patches/memory-trace-switches.patch
# applied. Each TAG is CHANNEL:MERGE_THREADS (ND_CHAN, ND_MERGE_THREADS);
# ND_WRITER_THREADS, if set, is passed through. One line per run: seconds,
# peak RSS (/usr/bin/time), peak RssAnon and RssFile (sampled every 0.2 s),
# segments left, load average. Run by hand, not by CI.
#
# usage: NEWSDEX_BIN=... bench/memory_switches.sh FILE TAG...
#   e.g. bench/memory_switches.sh /tmp/newsdex-stream/news-2000.jsonl 16:4 4:1 16:1
set -euo pipefail
: "${NEWSDEX_BIN:?a release binary with memory-trace-switches.patch}"
f=$1
shift
idx=$(mktemp -d)
trap 'rm -rf "$idx"' EXIT
for tag in "$@"; do
    c=${tag%%:*} m=${tag##*:}
    rm -rf "$idx/i"
    env ND_CHAN="$c" ND_MERGE_THREADS="$m" /usr/bin/time -f "%M %e" -o "$idx/time" \
        nice "$NEWSDEX_BIN" --index "$idx/i" index --rebuild --no-progress --warnings-ok \
        --format json --no-dupes "$f" > /dev/null 2> "$idx/err" &
    pid=$! p=""
    while [ -z "$p" ] && kill -0 "$pid" 2>/dev/null; do p=$(pgrep -P "$pid" | head -1 || true); sleep 0.05; done
    peak=0 fpeak=0
    while [ -n "$p" ] && kill -0 "$p" 2>/dev/null; do
        read -r a fl < <(awk '/^RssAnon:/ {a=$2} /^RssFile:/ {f=$2} END {print a+0, f+0}' "/proc/$p/status" 2>/dev/null || echo "0 0")
        [ "$a" -gt "$peak" ] && peak=$a
        [ "$fl" -gt "$fpeak" ] && fpeak=$fl
        sleep 0.2
    done
    wait "$pid"
    segs=$(python3 -c "import json,sys;print(len(json.load(open(sys.argv[1]))['segments']))" "$idx/i/meta.json")
    read -r rss secs < "$idx/time"
    echo "$(date -u +%H:%M) $(basename "$f") chan=$c merge_threads=$m writer_threads=${ND_WRITER_THREADS:-default} seconds=$secs peak_rss_MB=$((rss / 1024)) peak_anon_MB=$((peak / 1024)) peak_file_MB=$((fpeak / 1024)) segments=$segs load=$(cut -d' ' -f1 /proc/loadavg)"
done

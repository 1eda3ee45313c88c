#!/usr/bin/env bash
# What a running process's resident memory is made of, once a second until
# it ends: resident MB of anonymous memory and of each kind of mapped file,
# by extension (an index's .store, .idx, .pos, .term, .fast ... files; the
# binary itself by its path). One line a second: seconds, then kind=MB for
# kinds above 1 MB. Used to find what the peak RSS of `newsdex index` holds
# (BENCHMARKS.md, "Streaming input").
#
# usage: bench/smaps_by_file.sh PID OUT
#   e.g. newsdex --index IDX index ... & bench/smaps_by_file.sh $! trace.txt
#   the peak: awk '{t=0; for(i=2;i<=NF;i++){split($i,a,"="); t+=a[2]}; print t, $0}' trace.txt | sort -n | tail -1
set -euo pipefail
pid=$1
out=$2
: > "$out"
start=$SECONDS
while [ -d "/proc/$pid" ]; do
    awk -v t=$((SECONDS - start)) '
        /^[0-9a-f]+-[0-9a-f]+ / {
            f = $6; kind = f; sub(/.*\./, "", kind)
            if (f == "") kind = "anon"
            else if (f ~ /^\[/) kind = f
            next
        }
        /^Rss:/ { rss[kind] += $2 }
        END {
            line = t
            for (k in rss) if (rss[k] > 1024) line = line " " k "=" int(rss[k] / 1024)
            print line
        }' "/proc/$pid/smaps" 2>/dev/null >> "$out" || true
    sleep 1
done

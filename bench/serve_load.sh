#!/usr/bin/env bash
# Load test of `newsdex serve` on the Reuters-21578 index: /api/search with
# two facets (country, person) over the benchmark queries (bench/queries.tsv),
# at 1, 8 and 32 concurrent connections, with wrk on the same machine and
# 127.0.0.1 only. Prints throughput, p50/p99 latency and errors per level,
# and the in-process time of the same searches (examples/query_latency) to
# set the 1-connection p50 against. Run by hand, not by CI; every run is
# bounded (DURATION seconds per level) and stops the server at the end.
#
# usage: bench/serve_load.sh [CORPUS_DIR]
#   CORPUS_DIR defaults to ../shared/corpus/reuters21578.
# Environment: DURATION (seconds per level, default 15), WORK (scratch
# folder, default /tmp/newsdex-serve-load).
# Installs what it needs: Debian's wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpus/reuters21578}
WORK=${WORK:-/tmp/newsdex-serve-load}
DURATION=${DURATION:-15}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$WORK"

if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --quiet --bin newsdex --example query_latency
N="$TARGET/release/newsdex"
IDX="$WORK/index"
if [ ! -f "$IDX/meta.json" ]; then
    "$N" --index "$IDX" index --rebuild --no-progress --warnings-ok "$CORPUS" >/dev/null 2>&1
fi

echo "## machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## in process (same searches: top 10 + snippets + country and person counts)"
"$TARGET/release/examples/query_latency" "$IDX" 10 | tee "$WORK/inproc.txt"

# The benchmark queries as request paths, one per line, for wrk to cycle.
/usr/bin/python3 - "$WORK/paths.txt" <<'PY'
import pathlib, sys, urllib.parse
out = []
for line in pathlib.Path("bench/queries.tsv").read_text().splitlines():
    if line.startswith("#") or not line.strip():
        continue
    cols = (line.split("\t") + ["", ""])[:3]
    params = [("q", cols[0]), ("facet", "country"), ("facet", "person")]
    if cols[1].strip():
        params.append(("country", cols[1].strip()))
    if cols[2].strip():
        params.append(("person", cols[2].strip()))
    out.append("/api/search?" + urllib.parse.urlencode(params))
pathlib.Path(sys.argv[1]).write_text("\n".join(out) + "\n")
PY
cat > "$WORK/cycle.lua" <<LUA
local paths = {}
for line in io.lines("$WORK/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d errors_other=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
LUA

"$N" --index "$IDX" serve --bind 127.0.0.1:0 > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    grep -q "serving http" "$WORK/serve.out" 2>/dev/null && break
    sleep 0.1
done
URL=$(sed -n 's/^newsdex: serving \(http[^ ]*\)\/$/\1/p' "$WORK/serve.out")
[ -n "$URL" ] || { echo "the server did not start: $(cat "$WORK/serve.err")" >&2; exit 2; }
case "$URL" in http://127.0.0.1:*) ;; *) echo "refusing to load $URL: loopback only" >&2; exit 2 ;; esac
# Every path must answer 200 before load is put on it.
while read -r p; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$URL$p")
    [ "$code" = 200 ] || { echo "$p answered $code" >&2; exit 2; }
done < "$WORK/paths.txt"

echo "## wrk, ${DURATION}s per level, /api/search with two facets over $(wc -l < "$WORK/paths.txt") queries"
printf '| connections | requests/s | p50 ms | p90 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n' > "$WORK/table.md"
for c in 1 8 32; do
    threads=$(( c < 2 ? 1 : 2 ))
    wrk -t"$threads" -c"$c" -d"${DURATION}s" --timeout 10s -s "$WORK/cycle.lua" "$URL" > "$WORK/wrk-$c.txt"
    line=$(grep '^RESULT' "$WORK/wrk-$c.txt")
    echo "c=$c $line"
    get() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<< "$line"; }
    errors=$(( $(get errors_status) + $(get errors_other) ))
    printf '| %s | %s | %s | %s | %s | %s |\n' "$c" "$(get rps)" "$(get p50_ms)" "$(get p90_ms)" "$(get p99_ms)" "$errors" >> "$WORK/table.md"
done
echo "## load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$WORK/table.md"

#!/usr/bin/env bash
# Interleaved A/B of index builds: each round runs `index --rebuild` of
# Reuters-21578 once per binary, in turn, so load drifts hit every binary
# alike; prints the median user CPU and wall seconds per binary and each
# one's ratio to the first, and the median and range of the ratio within
# each round. An argument may add index flags after the
# binary, quoted as one word ("NEW_BINARY --no-dupes"). Usage:
#   ROUNDS=8 bash bench/ab_build.sh OLD_BINARY NEW_BINARY [MORE...]
set -euo pipefail
corpus="${NEWSDEX_CORPUS:-$(dirname "$0")/../../shared/corpus}/reuters21578"
rounds="${ROUNDS:-8}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
uptime
for ((r = 0; r < rounds; r++)); do
    i=0
    for arg in "$@"; do
        read -r bin flags <<<"$arg"
        # shellcheck disable=SC2086 # the flags are words on purpose
        /usr/bin/time -f "$i %U %e" -o "$work/t" "$bin" --index "$work/idx-$i" \
            index --rebuild --no-progress $flags "$corpus" >/dev/null 2>&1 || [ $? -eq 3 ] # 3: warnings
        cat "$work/t" >>"$work/times"
        i=$((i + 1))
    done
done
uptime
python3 - "$work/times" "$@" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1])]
bins = sys.argv[2:]
med = {}
for i, b in enumerate(bins):
    u = [float(r[1]) for r in rows if r[0] == str(i)]
    w = [float(r[2]) for r in rows if r[0] == str(i)]
    med[i] = (st.median(u), st.median(w))
# Each round's wall time over the first binary's in the same round: load
# that drifts between rounds cancels out of these.
walls = {i: [float(r[2]) for r in rows if r[0] == str(i)] for i in range(len(bins))}
for i, b in enumerate(bins):
    u, w = med[i]
    per_round = sorted(x / y for x, y in zip(walls[i], walls[0]))
    print(f"{b}: user {u:.2f} s, wall {w:.2f} s; vs first: user {u / med[0][0]:.2f}x, wall {w / med[0][1]:.2f}x;"
          f" per round {st.median(per_round):.2f}x ({per_round[0]:.2f} to {per_round[-1]:.2f})")
PY

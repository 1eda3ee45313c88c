#!/usr/bin/env bash
# Instruction counts of newsdex binaries under callgrind, which counts the
# instructions a process executes whatever the machine's load: the figure to
# compare two builds with on a shared machine (wall time is the other half,
# see ab_build.sh and compare.sh). Run by hand, not by CI; needs valgrind.
#
# usage: bash bench/instructions.sh BINARY [BINARY...]
# For each binary, four workloads, each one process under
# `valgrind --tool=callgrind --trace-children=no`:
#   reut     index --threads 1 of reuters21578/reut2-000.sgm (1,000 articles)
#   bbc      index --threads 1 of bbc/business (510 files)
#   extract  extract bbc/business/001.txt (start-up: the extraction tables)
#   search   search oil --facet country --facet person, on an index of all
#            of Reuters-21578 built by that binary outside valgrind
# Builds run on one parsing and one writer thread with --commit-interval 0,
# so the work does not depend on timing; repeated runs agree within 0.2%.
# Prints one row per binary and workload, and each count's ratio to the
# first binary's. Keeps the callgrind files in $WORK (callgrind_annotate).
set -euo pipefail
corpus="${NEWSDEX_CORPUS:-$(dirname "$0")/../../shared/corpus}"
work="${WORK:-/tmp/newsdex-instructions}"
command -v valgrind >/dev/null || {
    echo "valgrind is not installed (apt-get install valgrind)" >&2
    exit 2
}
mkdir -p "$work"
count() { # label tag command...
    local out="$work/cg.$1.$2"
    shift 2
    valgrind --tool=callgrind --trace-children=no --callgrind-out-file="$out" "$@" \
        >/dev/null 2>"$out.log" || [ $? -eq 3 ] # 3: the run had warnings
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out.log"
}
echo "binary workload instructions vs_first"
declare -A first
i=0
for bin in "$@"; do
    idx="$work/idx-$i"
    rm -rf "$idx-reut" "$idx-bbc" "$idx-all"
    "$bin" --index "$idx-all" index --rebuild --no-progress "$corpus/reuters21578" >/dev/null 2>&1 || true
    for tag in reut bbc extract search; do
        case $tag in
        reut) n=$(count "$i" reut "$bin" --index "$idx-reut" index --rebuild --no-progress --threads 1 \
            --commit-interval 0 "$corpus/reuters21578/reut2-000.sgm") ;;
        bbc) n=$(count "$i" bbc "$bin" --index "$idx-bbc" index --rebuild --no-progress --threads 1 \
            --commit-interval 0 "$corpus/bbc/business") ;;
        extract) n=$(count "$i" extract "$bin" extract "$corpus/bbc/business/001.txt") ;;
        search) n=$(count "$i" search "$bin" --index "$idx-all" search oil --facet country --facet person) ;;
        esac
        [ $i -eq 0 ] && first[$tag]=$n
        echo "$bin $tag $n $(python3 -c "print('%.4fx' % ($n / ${first[$tag]}))")"
    done
    i=$((i + 1))
done

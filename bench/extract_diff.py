#!/usr/bin/env python3
"""What a change to extraction does to whole corpora: run `newsdex extract` of two builds
over the same paths and print, for countries and people, how many stories changed and the
values added and removed (most frequent first).

usage: python3 bench/extract_diff.py OLD_BIN NEW_BIN PATH... [--top N]
e.g.   python3 bench/extract_diff.py /tmp/newsdex-before target/release/newsdex \\
           ../shared/corpus/bbc ../shared/corpus/reuters21578
"""
import collections
import json
import subprocess
import sys


def extract(binary, paths):
    run = subprocess.run([binary, "extract", *paths], capture_output=True, text=True)
    # Exit 3: some records were skipped with a warning (Reuters has a few).
    if run.returncode not in (0, 3):
        sys.exit(f"{binary} extract: {run.stderr.strip()}")
    return {r["id"]: r for r in map(json.loads, run.stdout.splitlines())}


def main():
    args = sys.argv[1:]
    top = 15
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i : i + 2]
    if len(args) < 3:
        sys.exit(__doc__)
    old, new = extract(args[0], args[2:]), extract(args[1], args[2:])
    for field in ("countries", "people"):
        added, removed, changed = collections.Counter(), collections.Counter(), 0
        for id_, a in old.items():
            x, y = set(a[field]), set(new.get(id_, {}).get(field, []))
            changed += x != y
            added.update(y - x)
            removed.update(x - y)
        print(f"{field}: {changed} stories changed")
        print(f"  added {sum(added.values())}: {added.most_common(top)}")
        print(f"  removed {sum(removed.values())}: {removed.most_common(top)}")


if __name__ == "__main__":
    main()

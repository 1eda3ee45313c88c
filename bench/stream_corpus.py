#!/usr/bin/env python3
"""Write one big JSON Lines file of made-up articles from real news text, for
bench/stream_memory.sh.

The sentences of BBC, Reuters-21578 and AG News are pooled; each record is
6 to 24 sentences drawn at random from the pool (so records are not copies
of each other and near-duplicate clustering has its ordinary work), a title
cut from another sentence, a date and a unique id. The file is written until
it holds SIZE_MB megabytes. Seeded: the same arguments give the same file.

usage: stream_corpus.py CORPUS_DIR OUT.jsonl SIZE_MB
"""
import csv
import json
import pathlib
import random
import re
import sys

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
BODY = re.compile(rb"<BODY>(.*?)</BODY>", re.S)


def sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    return [s for s in SENTENCE.split(text) if 30 <= len(s) <= 400]


def pool(corpus: pathlib.Path) -> list[str]:
    out: list[str] = []
    for f in sorted((corpus / "bbc").glob("*/*.txt")):
        out += sentences(f.read_text(encoding="utf-8", errors="replace"))
    for f in sorted((corpus / "reuters21578").glob("reut2-*.sgm")):
        for body in BODY.findall(f.read_bytes()):
            out += sentences(body.decode("latin-1").replace("&lt;", "<"))
    agnews = corpus / "agnews" / "test.csv"
    if agnews.exists():
        with agnews.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) >= 3:
                    out += sentences(row[2].replace("\\", " "))
    return out


def main() -> None:
    corpus, out, size_mb = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
    lines = pool(corpus)
    if not lines:
        sys.exit(f"no sentences found under {corpus}")
    rng = random.Random(13)
    target = size_mb * 1_000_000
    written = 0
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        while written < target:
            n += 1
            body = " ".join(rng.choices(lines, k=rng.randint(6, 24)))
            title = " ".join(rng.choice(lines).split()[:10]).rstrip(".,;:")
            day = rng.randrange(0, 3650)
            date = f"{2010 + day // 365}-{1 + day % 365 // 31 % 12:02d}-{1 + day % 28:02d}"
            line = json.dumps({"id": f"s{n}", "title": title, "body": body, "date": date})
            fh.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
    print(f"{out}: {n} records, {written} bytes from {len(lines)} sentences")


if __name__ == "__main__":
    main()

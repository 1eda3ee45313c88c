#!/usr/bin/env python3
"""Python trafilatura's extraction throughput on the article-extraction dev
pages, on one thread: every page's text extracted ROUNDS times; prints the
median MB/s, as examples/web_throughput.rs does for newsdex.

usage: trafilatura_speed.py CORPUS_DIR [ROUNDS]
"""
import gzip
import json
import pathlib
import statistics
import sys
import time

import trafilatura


def main():
    corpus = pathlib.Path(sys.argv[1]) / "article-extraction-dev"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    truth = json.loads((corpus / "ground-truth.json").read_text())
    pages = []
    for page_id, t in sorted(truth.items()):
        raw = gzip.decompress((corpus / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((raw, t.get("url", "")))
    size = sum(len(raw) for raw, _ in pages)
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for raw, url in pages:
            trafilatura.extract(raw, url=url or None)
        rates.append(size / 1e6 / (time.perf_counter() - start))
    print(
        f"trafilatura {trafilatura.__version__} {statistics.median(rates):.2f} MB/s "
        f"(median of {rounds} rounds over {len(pages)} pages, {size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()

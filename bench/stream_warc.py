#!/usr/bin/env python3
"""Write one big WARC file of made-up web pages, for bench/stream_memory.sh
(FORMAT=warc).

Each record is an HTTP response holding one of the 111 real pages of
article-extraction-dev (their markup, scripts and boilerplate as crawled),
with the text of every paragraph and the title replaced by sentences drawn
at random from the BBC, Reuters-21578 and AG News pool of stream_corpus.py,
so no two records are alike and near-duplicate clustering has its ordinary
work. Every record has its own URL (the page's id) and date. Uncompressed
(gzip would make the generator, not newsdex, the slow part). Seeded: the
same arguments give the same file.

usage: stream_warc.py CORPUS_DIR OUT.warc SIZE_MB
"""
import gzip
import pathlib
import random
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from stream_corpus import pool  # noqa: E402

PARAGRAPH = re.compile(rb"(<p\b[^>]*>)(.*?)(</p>)", re.S | re.I)
TITLE = re.compile(rb"(<title\b[^>]*>)(.*?)(</title>)", re.S | re.I)
HEADING = re.compile(rb"(<h1\b[^>]*>)(.*?)(</h1>)", re.S | re.I)


def escape(s: str) -> bytes:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def main() -> None:
    corpus, out, size_mb = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
    lines = pool(corpus)
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((corpus / "article-extraction-dev" / "html").glob("*.html.gz"))]
    if not lines or not pages:
        sys.exit(f"no sentences or pages found under {corpus}")
    rng = random.Random(13)
    target = size_mb * 1_000_000
    written = 0
    n = 0
    with out.open("wb") as fh:
        while written < target:
            n += 1
            title = escape(" ".join(rng.choice(lines).split()[:10]).rstrip(".,;:"))
            page = rng.choice(pages)
            page = PARAGRAPH.sub(lambda m: m.group(1) + escape(" ".join(rng.choices(lines, k=rng.randint(1, 4)))) + m.group(3), page)
            page = TITLE.sub(lambda m: m.group(1) + title + m.group(3), page, count=1)
            page = HEADING.sub(lambda m: m.group(1) + title + m.group(3), page, count=1)
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(page) + page
            day = rng.randrange(0, 3650)
            date = f"{2010 + day // 365}-{1 + day % 365 // 31 % 12:02d}-{1 + day % 28:02d}T12:00:00Z"
            head = (
                "WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Target-URI: https://news.example.com/{2010 + day // 365}/story-{n}.html\r\n"
                f"WARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{n:032x}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n"
            ).encode("ascii")
            record = head + http + b"\r\n\r\n"
            fh.write(record)
            written += len(record)
    print(f"{out}: {n} records, {written} bytes from {len(pages)} pages and {len(lines)} sentences")


if __name__ == "__main__":
    main()

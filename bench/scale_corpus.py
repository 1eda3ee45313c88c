#!/usr/bin/env python3
"""Make an N-times copy of Reuters-21578 for scaling benchmarks.

Copy k (0-based) gets NEWID + k*100000 (ids stay unique) and its dates moved
k years later (1987 -> 1987+k), so date histograms keep a meaningful shape.
Bytes are copied as they are apart from those two substitutions, so the
one non-UTF-8 byte and every malformed date stay in each copy.

usage: scale_corpus.py SRC_DIR DEST_DIR N
"""
import pathlib
import re
import sys

NEWID = re.compile(rb'NEWID="(\d+)"')
YEAR = re.compile(rb"(<DATE>\s*\d{1,2}-[A-Za-z]{3}-)(\d{4})")


def main() -> None:
    src, dest, n = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(src.glob("reut2-*.sgm"))
    if not files:
        sys.exit(f"no reut2-*.sgm files in {src}")
    for k in range(n):
        for f in files:
            data = f.read_bytes()
            data = NEWID.sub(lambda m: b'NEWID="%d"' % (int(m.group(1)) + k * 100000), data)
            data = YEAR.sub(lambda m: m.group(1) + b"%d" % (int(m.group(2)) + k), data)
            (dest / f"{f.stem}-copy{k:03d}.sgm").write_bytes(data)
    print(f"wrote {n * len(files)} files to {dest}")


if __name__ == "__main__":
    main()

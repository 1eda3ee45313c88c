#!/usr/bin/env python3
"""Group the CPU samples of a `newsdex index` perf profile by stage.

usage:
  perf record -F 4000 -g -o perf.data ./target/release/newsdex --index IDX \
      index --rebuild --no-progress ../shared/corpus/reuters21578
  perf report -i perf.data --stdio --no-children --sort comm,dso,symbol \
      | python3 bench/perf_groups.py

Threads tell the stages apart (tantivy's indexing threads, its doc-store
compressor, merge threads, newsdex's own parse threads); within a thread,
symbol names do. Prints a markdown table of shares of all samples.
"""
import re
import sys

LINE = re.compile(r"\s+([\d.]+)%\s+(\S+)\s+(\S+)\s+\[(.)\]\s+(.*)")


def stage(comm, kind, sym):
    if comm.startswith("thrd-tantivy"):
        if re.search(r"tokenizer|stem_cache|frostem|Stemmer|TokenStream", sym):
            return "indexing thread: tokenising + stemming"
        if re.search(r"serialize|Serializer|fst|sort|close_term|write_doc|columnar|Columnar|bitpack|compress", sym):
            return "indexing thread: segment serialisation at commit"
        if re.search(r"subscribe|index_text|postings|Recorder|ArenaHashMap|stacker|index_document|fieldnorm", sym):
            return "indexing thread: inverted index (postings)"
        if kind == "k":
            return "indexing thread: kernel (page faults, writes)"
        return "indexing thread: memcpy, malloc, other"
    if comm.startswith("docstore"):
        return "doc store compression (lz4)"
    if comm.startswith("merge") or comm.startswith("segment"):
        return "merging / segment updater"
    if re.search(r"extract|people|countries|gazetteer|aho_corasick|dateline", sym):
        return "parse threads: extraction"
    if kind == "k":
        return "parse threads: kernel (reading files, page faults)"
    return "parse threads: reading, decoding, SGML parsing, building documents"


def main():
    shares = {}
    for line in sys.stdin:
        m = LINE.match(line)
        if m:
            key = stage(m.group(2), m.group(4), m.group(5))
            shares[key] = shares.get(key, 0.0) + float(m.group(1))
    print("| where | share of CPU samples |")
    print("| --- | --- |")
    for key, pct in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"| {key} | {pct:.1f}% |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build SQLite FTS5 and Xapian indexes of Reuters-21578 and time the same
query set newsdex runs (bench/queries.tsv): top 10 by relevance plus counts of
the two facets (places, people) for each query and filters.

The corpus is first converted to records (not timed: the peers are given
pre-converted input, as the comparison in issue 4 specifies). Each index is
built BUILD_ROUNDS times from scratch and the median build is reported, as
newsdex's build is. Prints one line per peer: median build seconds, median/p90
query milliseconds and the total of matching documents over the query set
(a check that every tool answers the same question).

Query semantics: every word of a query must match (AND), as in newsdex.
SQLite FTS5 already reads `a b` as `a AND b` (its implicit operator); Xapian's
QueryParser defaults to OR, so it is set to AND below. Both build on one
thread: the Python bindings have one writer and no parallel indexing.

usage: peers.py REUTERS_DIR WORK_DIR [ROUNDS] [BUILD_ROUNDS]
"""
import json
import pathlib
import re
import sqlite3
import statistics
import sys
import time

DOC = re.compile(rb"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)


def field(doc, tag):
    m = re.search(rb"<%s[^>]*>(.*?)</%s>" % (tag, tag), doc, re.S)
    return m.group(1).decode("utf-8", "replace") if m else ""


def ds(doc, tag):
    return [d.decode("utf-8", "replace") for d in re.findall(rb"<D>(.*?)</D>", field(doc, tag).encode())]


def convert(src):
    recs = []
    for f in sorted(pathlib.Path(src).glob("reut2-*.sgm")):
        for m in DOC.finditer(f.read_bytes()):
            doc = m.group(2)
            text = field(doc, b"TEXT")
            recs.append({
                "id": int(m.group(1)),
                "title": re.sub(r"<[^>]+>", " ", field(doc, b"TITLE")),
                "body": re.sub(r"<[^>]+>", " ", field(doc, b"BODY") or text),
                "places": ds(doc, b"PLACES"),
                "people": ds(doc, b"PEOPLE"),
            })
    return recs


def queries():
    out = []
    path = pathlib.Path(__file__).with_name("queries.tsv")
    for line in path.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        q, place, person = (line.split("\t") + ["", ""])[:3]
        out.append((q, place, person))
    return out


def timed(fn, rounds):
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def sqlite_build(recs, work):
    db = pathlib.Path(work) / "fts5.db"
    db.unlink(missing_ok=True)
    t = time.perf_counter()
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT, body TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(title, body, content='docs', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
        CREATE TABLE places(doc INTEGER, place TEXT);
        CREATE TABLE people(doc INTEGER, person TEXT);
    """)
    con.executemany("INSERT INTO docs VALUES(?,?,?)", [(r["id"], r["title"], r["body"]) for r in recs])
    con.execute("INSERT INTO fts(rowid, title, body) SELECT id, title, body FROM docs")
    con.executemany("INSERT INTO places VALUES(?,?)", [(r["id"], p) for r in recs for p in r["places"]])
    con.executemany("INSERT INTO people VALUES(?,?)", [(r["id"], p) for r in recs for p in r["people"]])
    con.executescript("CREATE INDEX pl ON places(place, doc); CREATE INDEX pd ON places(doc);"
                      "CREATE INDEX pe ON people(person, doc); CREATE INDEX ped ON people(doc);")
    con.commit()
    return con, time.perf_counter() - t


def sqlite_peer(recs, work, rounds, build_rounds):
    builds, con = [], None
    for _ in range(build_rounds):
        if con is not None:
            con.close()
        con, build = sqlite_build(recs, work)
        builds.append(build)

    def run(q, place, person):
        where, args = "fts MATCH ?", [q]
        if place:
            where += " AND rowid IN (SELECT doc FROM places WHERE place = ?)"
            args.append(place)
        if person:
            where += " AND rowid IN (SELECT doc FROM people WHERE person = ?)"
            args.append(person)
        con.execute(f"SELECT rowid, snippet(fts, 1, '[', ']', '...', 20) FROM fts WHERE {where} ORDER BY bm25(fts, 2.0, 1.0) LIMIT 10", args).fetchall()
        n = con.execute(f"SELECT count(*) FROM fts WHERE {where}", args).fetchone()[0]
        hits = f"SELECT rowid FROM fts WHERE {where}"
        con.execute(f"SELECT place, count(*) c FROM places WHERE doc IN ({hits}) GROUP BY place ORDER BY c DESC LIMIT 10", args).fetchall()
        con.execute(f"SELECT person, count(*) c FROM people WHERE doc IN ({hits}) GROUP BY person ORDER BY c DESC LIMIT 10", args).fetchall()
        return n

    hits = sum(run(*q) for q in queries())
    times = []
    for q, place, person in queries():
        times += timed(lambda: run(q, place, person), rounds)
    return statistics.median(builds), times, hits


def xapian_build(recs, work):
    import xapian
    path = str(pathlib.Path(work) / "xapian")
    t = time.perf_counter()
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    for r in recs:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(r["title"], 2)
        tg.index_text(r["body"])
        for p in r["places"]:
            doc.add_boolean_term("XP" + p)
        for p in r["people"]:
            doc.add_boolean_term("XQ" + p)
        # One value slot per facet: the first tag (ValueCountMatchSpy counts one value a slot).
        doc.add_value(0, r["places"][0] if r["places"] else "")
        doc.add_value(1, r["people"][0] if r["people"] else "")
        doc.set_data(r["body"][:300])
        db.replace_document(r["id"], doc)
    db.commit()
    return db, time.perf_counter() - t


def xapian_peer(recs, work, rounds, build_rounds):
    import xapian
    builds, db = [], None
    for _ in range(build_rounds):
        if db is not None:
            db.close()  # releases the write lock before the next overwrite
        db, build = xapian_build(recs, work)
        builds.append(build)
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_AND)
    qp.set_database(db)

    def run(q, place, person):
        query = qp.parse_query(q, xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_PHRASE)
        if place:
            query = xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query("XP" + place))
        if person:
            query = xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query("XQ" + person))
        enq = xapian.Enquire(db)
        enq.set_query(query)
        s0, s1 = xapian.ValueCountMatchSpy(0), xapian.ValueCountMatchSpy(1)
        enq.add_matchspy(s0)
        enq.add_matchspy(s1)
        mset = enq.get_mset(0, 10, db.get_doccount())
        list(s0.top_values(10))
        list(s1.top_values(10))
        [m.document.get_data() for m in mset]
        return mset.get_matches_estimated()  # exact: checkatleast = doccount

    hits = sum(run(*q) for q in queries())
    times = []
    for q, place, person in queries():
        times += timed(lambda: run(q, place, person), rounds)
    return statistics.median(builds), times, hits


def main():
    src, work = sys.argv[1], pathlib.Path(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    build_rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    work.mkdir(parents=True, exist_ok=True)
    recs = convert(src)
    (work / "reuters.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    print(f"converted {len(recs)} documents")
    for name, peer in (("sqlite-fts5", sqlite_peer), ("xapian", xapian_peer)):
        try:
            build, times, hits = peer(recs, work, rounds, build_rounds)
        except ImportError as e:
            print(f"{name}: not available ({e})")
            continue
        times.sort()
        print(f"{name}: build_s={build:.2f} median_ms={statistics.median(times):.3f} p90_ms={times[int(len(times) * 0.9)]:.3f} hits={hits} build_rounds={build_rounds}")


if __name__ == "__main__":
    main()

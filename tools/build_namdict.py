#!/usr/bin/env python3
"""Build data/people/given_names_namdict.txt, given names of Europe and beyond that neither the
US Census list (data/first_names.txt) nor Faker (data/people/given_names_world.txt) holds
(`Arjen`, `Dimitar`, `Berti`, `Krist`), from Jörg Michael's name dictionary.

Input (pinned, installed at development time, never committed):
  * gender-guesser==0.4.0 (PyPI): its data file `gender_guesser/data/nam_dict.txt` (2008-11-30,
    given names of 54 countries; GNU Free Documentation License 1.2 or later). The list this
    script writes is derived from it and is under the same licence (see its header).
  * Faker==33.1.0 (PyPI, MIT): its en_US lorem word list, as tools/build_names.py uses it.
  * /usr/share/dict/words (Debian's `wamerican`, SCOWL, permissive licence): English words.
  * tools/first_name_stoplist.txt and data/cities.tsv, as tools/build_names.py reads them, and
    tools/namdict_stoplist.txt (names of this dictionary news writes as firms, brands, places).

A name is kept when it is one word (a hyphen allowed) in no other list of given names, no
English word in lower case (`will`, `rose`, `energy`, `piers`), no common word of Faker's
list, no city of the gazetteer and no word of tools/first_name_stoplist.txt; and, unless
`--keep-all` is given, when it is also of three letters or more, not rare in one country only
(`Murdoch`, `Sinclair`; also `Tamsin`, `Zinedine`), no word the person rules read otherwise
(particles, titles, organisation words, run breakers, `San`) and not in
tools/namdict_stoplist.txt. `--keep-all` writes the looser list the README compares against.
Lines the dictionary marks as sorted twice (a `+` in column 30) and its `=` lines (equivalent
names) are skipped.

Usage: pip install gender-guesser==0.4.0 Faker==33.1.0; python3 tools/build_namdict.py [--keep-all]
"""
import os
import sys

import gender_guesser

# The same folding and list reading as the Faker lists, so the two files agree on what is one
# name (build_names imports Faker, which this script needs anyway).
from build_names import fold, read_lines

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    keep_all = "--keep-all" in sys.argv[1:]
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    names = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("="):
                continue
            line = line.rstrip("\r\n")
            if len(line) > 29 and line[29] == "+":
                continue
            name = line[3:29].strip()
            # Frequencies by country, one hexadecimal digit each from column 31 (1 = rare).
            freqs = [int(c, 16) for c in line[30:85] if c in "0123456789ABCDEFabcdef"]
            # A name rare in one country only is as often a surname read as a given name
            # (`Murdoch`, `Sinclair`, `Drummond` are rare British given names).
            if not keep_all and len(freqs) < 2 and max(freqs, default=0) < 2:
                continue
            if name and all(c.isalpha() or c == "-" for c in name) and name[0].isupper():
                names.add(name)
    stop = {fold(w) for w in read_lines(os.path.join(HERE, "first_name_stoplist.txt"))}
    known = {fold(w) for w in read_lines(os.path.join(ROOT, "data", "first_names.txt"))}
    for f in ("given_names_world.txt", "given_names_cities.txt"):
        known |= {fold(w) for w in read_lines(os.path.join(ROOT, "data", "people", f))}
    from faker.providers.lorem.en_US import Provider as Lorem
    common = {fold(w) for w in Lorem.word_list}
    english = {w for w in read_lines("/usr/share/dict/words") if w.islower()}
    common |= {fold(w.removesuffix("'s")) for w in english}
    cities = set()
    with open(os.path.join(ROOT, "data", "cities.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and "\t" in line:
                cities.add(fold(line.split("\t", 1)[0]))
    if not keep_all:
        stop |= {fold(w) for w in read_lines(os.path.join(HERE, "namdict_stoplist.txt"))}
        # Words the person rules read otherwise (particles, articles of other languages,
        # titles, organisation words, run breakers: `De`, `Da`, `Du`, `Ing`), and places'
        # openings.
        for f in ("particles.txt", "foreign_articles.txt", "titles.txt", "org_words.txt", "breakers.txt"):
            stop |= {fold(w) for w in read_lines(os.path.join(ROOT, "data", "people", f))}
        stop |= {"san", "santa", "santo", "sao", "saint", "st", "ing"}
        # Two letters or fewer are initials or particles far more often than names (`Bu`, `Ae`).
        names = {n for n in names if len(n) > 2}
    excluded = stop | known | common | cities
    kept = sorted(
        (n for n in names if fold(n) not in excluded),
        key=lambda g: (fold(g), g),
    )
    # One written form per folded name (`Zoe`, `Zoé`): the list is looked up folded.
    seen, out = set(), []
    for n in kept:
        if fold(n) not in seen:
            seen.add(fold(n))
            out.append(n)
    with open(os.path.join(ROOT, "data", "people", "given_names_namdict.txt"), "w", encoding="utf-8") as f:
        f.write(
            "# Given names of Europe and beyond in no other list, one per line. Built by\n"
            "# tools/build_namdict.py from nam_dict.txt (c) Joerg Michael, 2008, as shipped in\n"
            "# gender-guesser 0.4.0; do not edit. This list is derived from that file and is released\n"
            "# under the GNU Free Documentation License, version 1.2 or later, with no Invariant\n"
            "# Sections, no Front-Cover Texts and no Back-Cover Texts.\n"
        )
        f.writelines(n + "\n" for n in out)
    print(len(names), "names read,", len(out), "kept")


if __name__ == "__main__":
    main()

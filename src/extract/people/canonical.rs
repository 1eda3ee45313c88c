//! One person, one value: the person values of a whole index folded into one display name
//! per person. Three rules, applied in this order to every value with its article count:
//!
//! 1. Titles are never part of a name: leading titles and roles (`data/people/titles.txt`,
//!    also in the plural, `Presidents George W Bush`) are cut while two words or more remain
//!    (`Chair Jerome Powell` → `Jerome Powell`; `King Hussein` is left whole, since a
//!    monarch's one remaining name is a given name, not a surname).
//! 2. Spelling variants are one value: values equal after folding case and diacritics and
//!    reading `.` and `-` as spaces (`George W. Bush` = `George W Bush`) take the spelling
//!    the most articles use.
//! 3. A surname alone (one word, apart from particles: `Putin`, `de la Madrid`) becomes the
//!    full name ending in it when the values hold exactly one such full name; with two or
//!    more (`George W Bush`, `George Bush`, `Laura Bush`) it is left alone. A middle initial
//!    keeps names apart (`George Bush` is not `George W Bush`).
//!
//! The map is decided from the values alone (no text), so it is as good as the index's
//! vocabulary: a surname is resolved to the only full name the index holds with it, even when
//! the article meant someone else of that name whom the index never names in full.

use rustc_hash::FxHashMap;

use super::lexicon::lexicon;
use crate::gazetteer;

/// A person's name as compared: folded, `.` and `-` read as spaces, words joined by one
/// space (`George W. Bush` → `george w bush`).
pub fn person_key(name: &str) -> String {
    let folded = gazetteer::fold(&name.replace(['.', '-'], " "));
    folded.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether `w` is a title or role, in the singular or the plural (`Presidents`).
fn is_title(w: &str) -> bool {
    let titles = &lexicon().titles;
    let w = w.trim_end_matches('.');
    titles.contains(w)
        || w
            .strip_suffix('s')
            .is_some_and(|s| s.len() > 2 && titles.contains(s))
}

/// `name` without leading titles, as long as two words or more remain; spaces collapsed.
pub fn strip_titles(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut from = 0;
    while words.len() - from > 2 && is_title(words[from]) {
        from += 1;
    }
    words[from..].join(" ")
}

/// Whether the key is a surname alone: one word apart from name particles (`putin`,
/// `de la madrid`).
fn surname_only(key: &str) -> bool {
    let particles = &lexicon().particles;
    key.split(' ')
        .filter(|w| !particles.contains(w) && *w != "al" && *w != "el")
        .count()
        == 1
}

/// A source's surname-alone values (a Reuters PEOPLE code such as `reagan`, shown `Reagan`)
/// replaced by the one full name ending in it that the article's own text gives (`named`,
/// the names found in it: `Ronald Reagan`); duplicates after that are dropped.
pub fn expand_surnames(values: &mut Vec<String>, named: &[String]) {
    for v in values.iter_mut() {
        let key = person_key(v);
        if !surname_only(&key) {
            continue;
        }
        let suffix = format!(" {key}");
        let mut full = named.iter().filter(|n| person_key(n).ends_with(&suffix));
        if let (Some(f), None) = (full.next(), full.next()) {
            v.clone_from(f);
        }
    }
    let mut seen: Vec<String> = Vec::with_capacity(values.len());
    values.retain(|v| {
        let k = person_key(v);
        let new = !seen.contains(&k);
        seen.push(k);
        new
    });
}

/// Whether `name` is a surname alone (`Reagan`, `de la Madrid`).
pub fn is_surname_only(name: &str) -> bool {
    surname_only(&person_key(name))
}

/// The display value each person value becomes, for the values that change: `values` are
/// the distinct values of a person facet with the number of articles holding each. Values
/// that stay as they are have no entry.
pub fn canonical_names(values: &[(String, u64)]) -> FxHashMap<String, String> {
    // Rules 1 and 2: group by key, each group shown in its most used spelling.
    struct Group {
        docs: u64,
        spellings: Vec<(String, u64)>,
    }
    let mut groups: FxHashMap<String, Group> = FxHashMap::default();
    for (value, docs) in values {
        let stripped = strip_titles(value);
        let key = person_key(&stripped);
        if key.is_empty() {
            continue;
        }
        let g = groups.entry(key).or_insert(Group {
            docs: 0,
            spellings: Vec::new(),
        });
        g.docs += docs;
        match g.spellings.iter_mut().find(|(s, _)| *s == stripped) {
            Some(s) => s.1 += docs,
            None => g.spellings.push((stripped, *docs)),
        }
    }
    let display = |g: &Group| -> String {
        g.spellings
            .iter()
            // Most articles; then the richer spelling (dots, diacritics); then by text.
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| a.0.len().cmp(&b.0.len()))
                    .then_with(|| b.0.cmp(&a.0))
            })
            .map(|s| s.0.clone())
            .unwrap_or_default()
    };
    // Rule 3: a surname alone to the one full name ending in it.
    let mut full_by_surname: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for key in groups.keys() {
        if surname_only(key) {
            continue;
        }
        // Every word-suffix that is a surname alone ("putin", "de la madrid", "madrid").
        for (i, _) in key.match_indices(' ') {
            let tail = &key[i + 1..];
            if surname_only(tail) {
                full_by_surname.entry(tail).or_default().push(key.as_str());
            }
        }
    }
    let mut target: FxHashMap<&str, String> = FxHashMap::default();
    for key in groups.keys() {
        let full = match full_by_surname.get(key.as_str()) {
            Some(full) if surname_only(key) && full.len() == 1 => full[0],
            _ => key.as_str(),
        };
        target.insert(key.as_str(), display(&groups[full]));
    }
    let mut out = FxHashMap::default();
    for (value, _) in values {
        let key = person_key(&strip_titles(value));
        if let Some(t) = target.get(key.as_str()) {
            if t != value {
                out.insert(value.clone(), t.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(values: &[(&str, u64)]) -> Vec<(String, String)> {
        let v: Vec<(String, u64)> = values.iter().map(|(s, n)| (s.to_string(), *n)).collect();
        let mut out: Vec<(String, String)> = canonical_names(&v).into_iter().collect();
        out.sort();
        out
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn a_surname_alone_becomes_the_one_full_name() {
        assert_eq!(
            folded(&[("Vladimir Putin", 15), ("Putin", 1)]),
            pairs(&[("Putin", "Vladimir Putin")])
        );
        assert_eq!(
            folded(&[("Reagan", 166), ("Ronald Reagan", 2)]),
            pairs(&[("Reagan", "Ronald Reagan")])
        );
        assert_eq!(
            folded(&[("de la Madrid", 4), ("Miguel de la Madrid", 1)]),
            pairs(&[("de la Madrid", "Miguel de la Madrid")])
        );
    }

    #[test]
    fn two_full_names_leave_the_surname_alone() {
        let got = folded(&[
            ("George W Bush", 25),
            ("Bush", 16),
            ("George Bush", 5),
            ("George W. Bush", 1),
            ("Presidents George W Bush", 1),
        ]);
        assert_eq!(
            got,
            pairs(&[
                ("George W. Bush", "George W Bush"),
                ("Presidents George W Bush", "George W Bush"),
            ])
        );
    }

    #[test]
    fn titles_go_and_variants_take_the_common_spelling() {
        assert_eq!(
            folded(&[("Chair Jerome Powell", 1), ("Powell", 2)]),
            pairs(&[("Chair Jerome Powell", "Jerome Powell"), ("Powell", "Jerome Powell")])
        );
        assert_eq!(
            folded(&[("Nicolas Maduro", 1), ("Nicolás Maduro", 3)]),
            pairs(&[("Nicolas Maduro", "Nicolás Maduro")])
        );
        assert_eq!(strip_titles("King Hussein"), "King Hussein");
        assert_eq!(strip_titles("Prime Minister Tony Blair"), "Tony Blair");
        assert_eq!(strip_titles("Presidents George W Bush"), "George W Bush");
        assert_eq!(strip_titles("Ministers  Ali Khan"), "Ali Khan");
    }

    #[test]
    fn a_tag_takes_the_full_name_its_article_gives() {
        let named = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut tags = named(&["Reagan", "James Baker", "de la Madrid"]);
        expand_surnames(
            &mut tags,
            &named(&["Ronald Reagan", "James Baker", "Miguel de la Madrid"]),
        );
        assert_eq!(tags, ["Ronald Reagan", "James Baker", "Miguel de la Madrid"]);
        // Two full names with that surname: the tag stays.
        let mut tags = named(&["Bush", "Ronald Reagan"]);
        expand_surnames(&mut tags, &named(&["George Bush", "Barbara Bush", "Ronald Reagan"]));
        assert_eq!(tags, ["Bush", "Ronald Reagan"]);
    }

    #[test]
    fn unrelated_names_are_left_alone() {
        assert!(folded(&[("Tony Blair", 3), ("Cherie Blair", 1), ("Blair", 2)]).is_empty());
        // A surname that is a different word is no short form ("Bakers" of "James Baker").
        assert_eq!(
            folded(&[("James Baker", 3), ("Baker", 1), ("Bakers", 1)]),
            pairs(&[("Baker", "James Baker")])
        );
    }
}

//! One person, one value: the person values of a whole index folded into one display name
//! per person. The rules, applied to every value with its article count:
//!
//! 1. Titles are never part of a name: leading titles and roles (`data/people/titles.txt`,
//!    also in the plural, `Presidents George W Bush`) are cut while two words or more remain
//!    (`Chair Jerome Powell` → `Jerome Powell`; `King Hussein` is left whole, since a
//!    monarch's one remaining name is a given name, not a surname).
//! 2. Spelling variants are one value: values equal after folding case and diacritics and
//!    reading `.` and `-` as spaces (`George W. Bush` = `George W Bush`) take the spelling
//!    the most articles use.
//! 3. Stray words before a full name the index holds that starts with a known given name,
//!    none of them a given name or an initial (`Industry Jose Concepcion`, `Fly-half Stephen
//!    Jones`, a misspelt title), go.
//! 4. A surname alone (one word, apart from particles: `Putin`, `de la Madrid`) becomes the
//!    full name ending in it when the values hold exactly one such full name; with two or
//!    more (`George W Bush`, `George Bush`, `Laura Bush`) it is left alone. A middle initial
//!    keeps names apart (`George Bush` is not `George W Bush`). A word the index's full names
//!    use as a given name (`Charles`, from `Prince Charles`) is not taken for a surname, and
//!    the full name must hold at least three articles (a name met once may be anyone's).
//!
//! Before these, a source's surname tags take the full name its own articles give
//! ([`SurnameEvidence`]: Reuters' `reagan` is `Ronald Reagan`, though one story names a
//! `Nancy Reagan`).
//!
//! The map is decided from the values alone (no text), so it is as good as the index's
//! vocabulary: a surname is resolved to the only full name the index holds with it, even when
//! the article meant someone else of that name whom the index never names in full.

use rustc_hash::FxHashMap;

use super::lexicon::lexicon;
use crate::gazetteer;

/// Articles the one full name must hold before a surname alone is taken for it: a name
/// the index holds once or twice may be anyone's (`Lord Archer` is not the economist
/// `Howard Archer` of another story; spot-check of issue 13).
const MIN_FULL_NAME_ARTICLES: u64 = 3;

/// A person's name as compared: folded, `.` and `-` read as spaces, words joined by one
/// space (`George W. Bush` → `george w bush`).
pub fn person_key(name: &str) -> String {
    let folded = gazetteer::fold(&name.replace(['.', '-'], " "));
    folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `w` is a title or role, in the singular or the plural (`Presidents`).
fn is_title(w: &str) -> bool {
    let titles = &lexicon().titles;
    let w = w.trim_end_matches('.');
    titles.contains(w)
        || w.strip_suffix('s')
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
/// the names found in it: `Ronald Reagan`); duplicates after that are dropped. Returns the
/// replacements made, `(surname, full name)`: evidence of whom the source means by that
/// surname in its other articles too (see [`SurnameEvidence`]).
pub fn expand_surnames(values: &mut Vec<String>, named: &[String]) -> Vec<(String, String)> {
    let mut made = Vec::new();
    for v in values.iter_mut() {
        let key = person_key(v);
        if !surname_only(&key) {
            continue;
        }
        let suffix = format!(" {key}");
        let mut full = named.iter().filter(|n| person_key(n).ends_with(&suffix));
        if let (Some(f), None) = (full.next(), full.next()) {
            made.push((std::mem::replace(v, f.clone()), f.clone()));
        }
    }
    let mut seen: Vec<String> = Vec::with_capacity(values.len());
    values.retain(|v| {
        let k = person_key(v);
        let new = !seen.contains(&k);
        seen.push(k);
        new
    });
    made
}

/// Whom a source means by a surname alone, learnt from its own articles: a source tag that
/// is a surname (Reuters' `reagan` code, shown `Reagan`) replaced in some articles by the
/// full name their text gives (`Ronald Reagan`). Keyed by source and surname, so Reuters'
/// `Bush` of 1987 and the BBC's `Bush` of 2004 are judged apart.
#[derive(Debug, Clone, Default)]
pub struct SurnameEvidence {
    seen: FxHashMap<(String, String), FxHashMap<String, u64>>,
}

impl SurnameEvidence {
    /// Note that an article of `source` had its tag `surname` replaced by `full`.
    pub fn note(&mut self, source: &str, surname: &str, full: &str) {
        let by = self
            .seen
            .entry((source.to_string(), surname.to_string()))
            .or_default();
        *by.entry(full.to_string()).or_default() += 1;
    }

    /// Add what `other` noted.
    pub fn merge(&mut self, other: SurnameEvidence) {
        for ((source, surname), fulls) in other.seen {
            for (full, n) in fulls {
                *self
                    .seen
                    .entry((source.clone(), surname.clone()))
                    .or_default()
                    .entry(full)
                    .or_default() += n;
            }
        }
    }

    /// The full name `source` means by `surname`: the one its articles gave in at least two
    /// thirds of the replacements noted.
    pub fn full_name(&self, source: &str, surname: &str) -> Option<&str> {
        let by = self.seen.get(&(source.to_string(), surname.to_string()))?;
        let total: u64 = by.values().sum();
        let (full, n) = by
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
        (3 * n >= 2 * total).then_some(full.as_str())
    }

    /// Every `(source, surname)` pair noted.
    pub fn keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.seen.keys().map(|(a, b)| (a.as_str(), b.as_str()))
    }
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
    // Rule 3: a full name with stray words before it that are no given names or initials
    // (`Industry Jose Concepcion`, `Represenative Clayton Yeutter`, a misspelt or unknown
    // title) is that full name, when the index holds it.
    let mut alias: FxHashMap<&str, &str> = FxHashMap::default();
    for key in groups.keys() {
        let words: Vec<&str> = key.split(' ').collect();
        let mut start = 0;
        for w in words.iter().take(words.len().saturating_sub(2)) {
            if w.len() < 2 || gazetteer::is_first_name(w) || lexicon().particles.contains(w) {
                break;
            }
            start += w.len() + 1;
            let rest = &key[start..];
            let given = rest.split(' ').next().is_some_and(gazetteer::is_first_name);
            if given && groups.contains_key(rest) {
                alias.insert(key.as_str(), rest);
                break;
            }
        }
    }
    // Rule 4: a surname alone to the one full name ending in it. Not a word the index's full
    // names use as a given name (`Charles` after `Prince`, `Michael`): a monarch's or a
    // first-named person's name.
    let mut full_by_surname: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for key in groups.keys() {
        if surname_only(key) || alias.contains_key(key.as_str()) {
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
    // Words the index's own full names use as given names (`charles` of `Charles Kennedy`).
    let given_names: rustc_hash::FxHashSet<&str> = groups
        .keys()
        .filter_map(|k| k.split_once(' ').map(|(first, _)| first))
        .collect();
    let mut target: FxHashMap<&str, String> = FxHashMap::default();
    for key in groups.keys() {
        let given = given_names.contains(key.as_str());
        let full = match full_by_surname.get(key.as_str()) {
            Some(full)
                if surname_only(key)
                    && !given
                    && full.len() == 1
                    && groups[full[0]].docs >= MIN_FULL_NAME_ARTICLES =>
            {
                full[0]
            }
            _ => alias.get(key.as_str()).copied().unwrap_or(key.as_str()),
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
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_surname_alone_becomes_the_one_full_name() {
        assert_eq!(
            folded(&[("Vladimir Putin", 15), ("Putin", 1)]),
            pairs(&[("Putin", "Vladimir Putin")])
        );
        assert_eq!(
            folded(&[("Reagan", 166), ("Ronald Reagan", 9)]),
            pairs(&[("Reagan", "Ronald Reagan")])
        );
        assert_eq!(
            folded(&[("de la Madrid", 4), ("Miguel de la Madrid", 3)]),
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
            folded(&[("Chair Jerome Powell", 3), ("Powell", 2)]),
            pairs(&[
                ("Chair Jerome Powell", "Jerome Powell"),
                ("Powell", "Jerome Powell")
            ])
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
        let made = expand_surnames(
            &mut tags,
            &named(&["Ronald Reagan", "James Baker", "Miguel de la Madrid"]),
        );
        assert_eq!(
            tags,
            ["Ronald Reagan", "James Baker", "Miguel de la Madrid"]
        );
        assert_eq!(made.len(), 2);
        assert_eq!(made[0], ("Reagan".to_string(), "Ronald Reagan".to_string()));
        // Two full names with that surname: the tag stays.
        let mut tags = named(&["Bush", "Ronald Reagan"]);
        expand_surnames(
            &mut tags,
            &named(&["George Bush", "Barbara Bush", "Ronald Reagan"]),
        );
        assert_eq!(tags, ["Bush", "Ronald Reagan"]);
    }

    #[test]
    fn evidence_names_the_person_a_source_means() {
        let mut e = SurnameEvidence::default();
        for _ in 0..9 {
            e.note("reuters", "Reagan", "Ronald Reagan");
        }
        e.note("reuters", "Reagan", "Nancy Reagan");
        e.note("reuters", "Bush", "George Bush");
        e.note("reuters", "Jones", "Bob Jones");
        e.note("reuters", "Jones", "Tom Jones");
        assert_eq!(e.full_name("reuters", "Reagan"), Some("Ronald Reagan"));
        assert_eq!(e.full_name("reuters", "Bush"), Some("George Bush"));
        assert_eq!(e.full_name("bbc", "Bush"), None);
        assert_eq!(e.full_name("reuters", "Jones"), None);
    }

    #[test]
    fn stray_words_before_a_full_name_go_and_a_given_name_alone_stays() {
        assert_eq!(
            folded(&[
                ("Clayton Yeutter", 60),
                ("Represenative Clayton Yeutter", 2),
                ("Charles", 4),
                ("Ray Charles", 2),
                ("Charles Kennedy", 2),
                ("Mary Ann Smith", 1),
                ("Ann Smith", 1),
            ]),
            pairs(&[("Represenative Clayton Yeutter", "Clayton Yeutter")])
        );
    }

    #[test]
    fn a_full_name_met_once_or_twice_takes_no_surname() {
        assert!(folded(&[("Archer", 1), ("Howard Archer", 2)]).is_empty());
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

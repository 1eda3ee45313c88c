//! The country matcher: every country name, alias, demonym, capital and body-text city in
//! its written and UPPER-case forms, plus seat-of-government metonyms and "stop" phrases
//! that map to nothing, in one case-sensitive, leftmost-longest Aho-Corasick automaton built
//! once; and the word lists the matches are judged with (`data/countries/`).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use rustc_hash::FxHashMap;

use crate::extract::ExtractError;
use crate::gazetteer::{self, city_entry, countries, country_index, fold, list_entries, CityEntry};

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A country name or alias (strong evidence).
    Name(u16),
    /// A demonym / adjective.
    Demonym(u16),
    /// A city (index into `Matcher::cities`).
    City(u32),
    /// A seat-of-government metonym (`Kremlin`, `White House`).
    Metonym(u16),
    /// Matches, but stands for no country.
    Stop,
}

/// The compiled patterns and what each stands for.
pub(super) struct Matcher {
    /// Every pattern (written and UPPER-case forms) in one case-sensitive, leftmost-longest
    /// automaton, searched anchored at word starts.
    pub ac: AhoCorasick,
    /// Bytes that some pattern starts with.
    pub first_bytes: [bool; 256],
    pub targets: Vec<Target>,
    /// Whether the pattern is a single word (subject to the "given name before" person rule).
    pub single: Vec<bool>,
    pub cities: Vec<&'static CityEntry>,
    pub georgia: Option<u16>,
    /// (historic state, its successors).
    pub eras: Vec<(u16, Vec<u16>)>,
}

/// The word lists of `data/countries/`.
pub(super) struct Lists {
    /// Phrases containing a country or city word that refer to no country.
    pub stop_phrases: Vec<&'static str>,
    /// (phrase, country id, whether it is a name rather than a metonym).
    pub extra_names: Vec<(&'static str, &'static str, bool)>,
    /// Words after a city that make it part of an organisation/event/newspaper name.
    pub city_org_next: Vec<&'static str>,
    /// Words before a city that make it part of a club name.
    pub city_org_prev: Vec<&'static str>,
    /// Language words: after `in` with nothing noun-like following, they name a language.
    pub languages: Vec<&'static str>,
    /// Cues that a language word names the language (`data/countries/language_cues.txt`).
    pub language_cues: LanguageCues,
    /// Phrases that make `Georgia` the US state.
    pub georgia_us_cues: Vec<&'static str>,
    /// Phrases that make `Georgia` the country.
    pub georgia_cues: Vec<&'static str>,
    /// Country names that are also given names (`Chad`, `Jordan`).
    pub given_name_countries: Vec<&'static str>,
    /// Capitalised words after such a name that keep it the country (`Jordan King Hussein`).
    pub given_name_country_next: Vec<&'static str>,
    /// Words before a historic state's name that say it no longer exists (`former`).
    pub former_words: Vec<&'static str>,
    /// Titles after which one word is a person (`Mr Kennedy`): a city there is a surname.
    pub person_titles: Vec<&'static str>,
    /// US states as a dateline writes them after its city (`Fla.`): the city is in the US.
    pub us_states: Vec<&'static str>,
}

/// Words around a language name that make it the language, not the country.
#[derive(Debug, Default)]
pub(super) struct LanguageCues {
    /// A word just before the language: `speaks French`.
    pub prev: Vec<&'static str>,
    /// Two words just before it: `translated from French`, `quoted in Spanish`.
    pub prev2: Vec<(&'static str, &'static str)>,
    /// A word just after `in LANGUAGE` that the language cannot qualify: `in Spanish by`.
    pub after_in: Vec<&'static str>,
}

fn language_cues(text: &'static str) -> LanguageCues {
    let mut cues = LanguageCues::default();
    for line in list_entries(text) {
        let mut f = line.split_whitespace();
        match (f.next(), f.next(), f.next()) {
            (Some("prev"), Some(w), None) => cues.prev.push(w),
            (Some("prev2"), Some(a), Some(b)) => cues.prev2.push((a, b)),
            (Some("after_in"), Some(w), None) => cues.after_in.push(w),
            _ => {}
        }
    }
    cues
}

/// The word lists, read on first use.
pub(super) fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let list = |text: &'static str| list_entries(text).collect::<Vec<_>>();
        let extra_names = list_entries(include_str!("../../../data/countries/extra_names.tsv"))
            .filter(|l| !l.starts_with("phrase\t"))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let (phrase, id, kind) = (f.next()?, f.next()?, f.next()?);
                Some((phrase, id, kind.trim() == "name"))
            })
            .collect();
        Lists {
            stop_phrases: list(include_str!("../../../data/countries/stop_phrases.txt")),
            extra_names,
            city_org_next: list(include_str!("../../../data/countries/city_org_next.txt")),
            city_org_prev: list(include_str!("../../../data/countries/city_org_prev.txt")),
            languages: list(include_str!("../../../data/countries/languages.txt")),
            language_cues: language_cues(include_str!("../../../data/countries/language_cues.txt")),
            georgia_us_cues: list(include_str!("../../../data/countries/georgia_us_cues.txt")),
            georgia_cues: list(include_str!("../../../data/countries/georgia_cues.txt")),
            given_name_countries: list(include_str!(
                "../../../data/countries/given_name_countries.txt"
            )),
            given_name_country_next: list(include_str!(
                "../../../data/countries/given_name_country_next.txt"
            )),
            former_words: list(include_str!("../../../data/countries/former_words.txt")),
            person_titles: list(include_str!("../../../data/people/honorifics.txt")),
            us_states: list(include_str!("../../../data/dateline/us_states.txt")),
        }
    })
}

/// SipHash of a pattern (std's unseeded default hasher): dedup key while building.
fn pattern_key(p: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(p.as_bytes());
    h.finish()
}

fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    s.chars().flat_map(char::to_uppercase).collect()
}

/// Patterns and their targets, deduplicated: the first target given for a pattern wins.
#[derive(Default)]
struct Patterns {
    pats: Vec<String>,
    targets: Vec<Target>,
    /// Patterns seen, by a 64-bit hash (no copy of each pattern).
    seen: rustc_hash::FxHashSet<u64>,
}

impl Patterns {
    /// Add `p` and its UPPER-case form (one-character patterns are skipped).
    fn add(&mut self, p: &str, t: Target) {
        let up = upper(p);
        for v in [p, up.as_str()] {
            if v.chars().nth(1).is_none() || !self.seen.insert(pattern_key(v)) {
                continue;
            }
            self.pats.push(v.to_string());
            self.targets.push(t);
        }
    }
}

/// Country names, aliases (also without diacritics) and demonyms, and the phrases of
/// [`Lists`]: stop phrases first, so that they win over the words they contain.
fn add_country_words(p: &mut Patterns, lists: &Lists) {
    for s in &lists.stop_phrases {
        p.add(s, Target::Stop);
    }
    for &(phrase, id, is_name) in &lists.extra_names {
        if let Some(i) = country_index(id) {
            let t = if is_name {
                Target::Name(i as u16)
            } else {
                Target::Metonym(i as u16)
            };
            p.add(phrase, t);
        }
    }
    let cs = countries();
    for (i, c) in cs.iter().enumerate() {
        let i = i as u16;
        p.add(&c.name, Target::Name(i));
        for a in &c.aliases {
            p.add(a, Target::Name(i));
            p.add(&deunicode::deunicode(a), Target::Name(i));
        }
    }
    for (i, c) in cs.iter().enumerate() {
        for d in &c.demonyms {
            p.add(d, Target::Demonym(i as u16));
        }
    }
}

/// Body-text cities, one target per folded name; returns the city entries by target index.
fn add_cities(p: &mut Patterns) -> Vec<&'static CityEntry> {
    let mut cities: Vec<&'static CityEntry> = Vec::new();
    let mut city_idx: FxHashMap<String, u32> =
        FxHashMap::with_capacity_and_hasher(gazetteer::body_city_names().len(), Default::default());
    for name in gazetteer::body_city_names() {
        let key = fold(name);
        let Some(entry) = city_entry(&key) else {
            continue;
        };
        let idx = *city_idx.entry(key).or_insert_with(|| {
            cities.push(entry);
            (cities.len() - 1) as u32
        });
        p.add(name, Target::City(idx));
        if !name.is_ascii() {
            p.add(&deunicode::deunicode(name), Target::City(idx));
        }
    }
    cities
}

/// Compile `pats` into the anchored, leftmost-longest automaton [`Matcher`] searches with.
///
/// Anchored only: a match must start at a word start, so the scan finds candidate starts
/// (a byte that begins some pattern, after a non-word character) and runs the automaton
/// from there, instead of an unanchored search over every byte. A contiguous NFA: a DFA
/// over these patterns scans a little faster but costs much more to build; should the
/// contiguous NFA not fit its limits, the builder's own choice is tried.
pub(super) fn automaton(pats: &[String]) -> Result<AhoCorasick, ExtractError> {
    let builder = || {
        let mut b = AhoCorasick::builder();
        b.match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored);
        b
    };
    builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(pats)
        .or_else(|_| builder().build(pats))
        .map_err(|source| ExtractError::CountryPatterns {
            patterns: pats.len(),
            source,
        })
}

/// (historic state, its successors) as country indices, from `data/successions.tsv`.
fn eras() -> Vec<(u16, Vec<u16>)> {
    let mut eras: Vec<(u16, Vec<u16>)> = Vec::new();
    for s in gazetteer::successions() {
        let (Some(h), Some(succ)) = (country_index(s.historic), country_index(s.successor)) else {
            continue;
        };
        let (h, succ) = (h as u16, succ as u16);
        match eras.iter_mut().find(|(x, _)| *x == h) {
            Some((_, v)) => v.push(succ),
            None => eras.push((h, vec![succ])),
        }
    }
    eras
}

fn build() -> Result<Matcher, ExtractError> {
    let mut p = Patterns {
        seen: rustc_hash::FxHashSet::with_capacity_and_hasher(32_768, Default::default()),
        ..Patterns::default()
    };
    add_country_words(&mut p, lists());
    let cities = add_cities(&mut p);
    let single = p
        .pats
        .iter()
        .map(|p| !p.contains(' ') && !p.contains('.') && !p.contains('-'))
        .collect();
    let mut first_bytes = [false; 256];
    for p in &p.pats {
        if let Some(&b) = p.as_bytes().first() {
            first_bytes[usize::from(b)] = true;
        }
    }
    Ok(Matcher {
        ac: automaton(&p.pats)?,
        first_bytes,
        targets: p.targets,
        single,
        cities,
        georgia: country_index("georgia").map(|i| i as u16),
        eras: eras(),
    })
}

/// The matcher, built on first use; the build error, if any, on every call.
pub(super) fn matcher() -> Result<&'static Matcher, ExtractError> {
    static M: OnceLock<Result<Matcher, ExtractError>> = OnceLock::new();
    M.get_or_init(build).as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        let l = lists();
        assert_eq!(l.stop_phrases.len(), 50);
        assert_eq!(l.extra_names.len(), 9);
        assert_eq!(l.extra_names[0], ("French Open", "france", true));
        assert_eq!(l.extra_names[1], ("Kremlin", "russia", false));
        assert_eq!(l.city_org_next.len(), 59);
        assert_eq!(l.city_org_prev.len(), 13);
        assert_eq!(l.languages.len(), 25);
        assert!(l.language_cues.prev.contains(&"speaks"));
        assert!(l.language_cues.prev2.contains(&("translated", "from")));
        assert!(l.language_cues.after_in.contains(&"by"));
        assert_eq!(l.georgia_us_cues.len(), 10);
        assert_eq!(l.georgia_cues.len(), 6);
        assert_eq!(l.given_name_countries, ["Chad", "Jordan"]);
        assert_eq!(l.given_name_country_next.len(), 7);
        assert_eq!(l.former_words, ["former", "Former", "ex", "post", "late"]);
    }

    #[test]
    fn eras_from_successions() {
        let id = |s: &str| country_index(s).unwrap() as u16;
        let e = eras();
        assert_eq!(e.len(), 4);
        assert!(e.contains(&(id("ussr"), vec![id("russia")])));
        assert!(e.contains(&(
            id("czechoslovakia"),
            vec![id("czech-republic"), id("slovakia")]
        )));
    }

    #[test]
    fn automaton_from_given_patterns() {
        let ac = automaton(&["Chad".to_string(), "Chad Basin".to_string()]).unwrap();
        let m =
            ac.find(aho_corasick::Input::new("Chad Basin").anchored(aho_corasick::Anchored::Yes));
        assert_eq!(m.map(|m| m.end()), Some(10), "leftmost-longest");
        assert!(matcher().is_ok_and(|m| m.ac.patterns_len() > 10_000));
    }
}

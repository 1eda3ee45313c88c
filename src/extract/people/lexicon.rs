//! The word lists person recognition reads (`data/people/*.txt`, see `data/README.md`), as
//! hash sets built once.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::extract::text::prev_word;
use crate::gazetteer::list_entries;

/// The word lists as hash sets, built once: the hot loop looks words up many times per
/// article, and linear scans over these lists were a quarter of extraction time (perf).
pub(super) struct Lexicon {
    /// Titles and roles stripped from the front of a name; a name after one is accepted.
    pub titles: FxHashSet<&'static str>,
    /// Lower-case words that, just before a name (possibly across `of X,`), mark a person.
    pub triggers: FxHashSet<&'static str>,
    /// Speech and reporting verbs that mark an adjacent name as a person.
    pub speech: FxHashSet<&'static str>,
    /// Capitalised words that never belong to a person name (they break candidate runs).
    pub breakers: FxHashSet<&'static str>,
    /// Words that make a run an organisation, place, event or thing rather than a person.
    pub org_words: FxHashSet<&'static str>,
    /// Titles after which a single token (a surname or mononym) is accepted.
    pub honorifics: FxHashSet<&'static str>,
    /// Words before `by` in a credit line (`Reporting by X`).
    pub byline_words: FxHashSet<&'static str>,
    /// Lower-case name particles allowed inside a name (`de`, `van`, `bin`).
    pub particles: FxHashSet<&'static str>,
    /// Generational suffixes (`Jr`, `III`): a title before one is not cut.
    pub suffixes: Vec<&'static str>,
    /// Verbs of credit: `played by X`, `directed by X` name a person.
    pub credit_verbs: Vec<&'static str>,
    /// Nouns for works: a name right after `film` or `novel` is a title or a character.
    pub work_nouns: Vec<&'static str>,
    /// Verbs of acting: `plays millionaire X` names a character.
    pub character_verbs: FxHashSet<&'static str>,
    /// Lower-case words that end the description after a verb of acting (`played with X`).
    pub character_stops: FxHashSet<&'static str>,
    /// Nouns for works right after a name: `the Mary Poppins musical` is a title.
    pub work_nouns_after: Vec<&'static str>,
    /// Words after a hyphen that make a name a modifier (`Blair-led`).
    pub modifier_suffixes: Vec<&'static str>,
    /// Lower-case words a headline-case title may hold (`with`, `from`).
    pub headline_small_words: FxHashSet<&'static str>,
    /// Given names of the world beyond the US Census list (`Jarkko`, `Jelena`; Faker's and
    /// the name dictionary's lists), folded.
    pub world_given: FxHashSet<String>,
    /// Given names that are also city names (`Milan`, `Luca`), folded: a first word only on
    /// evidence other than the given name.
    pub city_given: FxHashSet<String>,
    /// Countries that are also given names (`Jordan`), as written: a first word only on
    /// evidence other than the given name, as `city_given`.
    pub country_given: FxHashSet<&'static str>,
    /// Family names written before the given name (`Li`, `Koizumi`, `Kim`), as written.
    pub family_first: FxHashSet<&'static str>,
    /// Lower-case words before a colon that open a list of players (`replacements`).
    pub lineup_headers: Vec<&'static str>,
    /// Lower-case occupations and family ties: a name after one, even one word, is a person.
    pub role_words: FxHashSet<&'static str>,
    /// Lower-case family ties: one word after `her sister` or `X's daughter` is a person.
    pub family_words: FxHashSet<&'static str>,
    /// Lower-case words that make one capitalised word after them a person (`star Usher`).
    pub one_word_roles: FxHashSet<&'static str>,
    /// Words after the first of a run that make it a person's name (`Manjit Singh Gill`).
    pub name_markers: FxHashSet<&'static str>,
    /// Organisation words that are also surnames (`Lynch`): no veto after a given name.
    pub org_surnames: FxHashSet<&'static str>,
    /// Firms and places that look like a given name and such a surname (`Merrill Lynch`),
    /// folded.
    pub named_after_people: FxHashSet<String>,
    /// Articles of other languages that open names of things (`Le Figaro`, `Der Spiegel`).
    pub foreign_articles: FxHashSet<&'static str>,
    /// Words before a city that make it a club's name (`Borussia Dortmund`), as written.
    pub club_prefixes: FxHashSet<&'static str>,
    /// People known by one name or a stage name (`Eminem`, `50 Cent`, `Dr Dre`), matched as
    /// written, longest first.
    pub one_names: aho_corasick::AhoCorasick,
}

/// The lexicon, built on first use.
pub(super) fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let set = |text: &'static str| list_entries(text).collect::<FxHashSet<_>>();
        let list = |text: &'static str| list_entries(text).collect::<Vec<_>>();
        Lexicon {
            titles: set(include_str!("../../../data/people/titles.txt")),
            triggers: set(include_str!("../../../data/people/triggers.txt")),
            speech: set(include_str!("../../../data/people/speech_verbs.txt")),
            breakers: set(include_str!("../../../data/people/breakers.txt")),
            org_words: set(include_str!("../../../data/people/org_words.txt")),
            honorifics: set(include_str!("../../../data/people/honorifics.txt")),
            byline_words: set(include_str!("../../../data/people/byline_words.txt")),
            particles: set(include_str!("../../../data/people/particles.txt")),
            suffixes: list(include_str!("../../../data/people/suffixes.txt")),
            credit_verbs: list(include_str!("../../../data/people/credit_verbs.txt")),
            work_nouns: list(include_str!("../../../data/people/work_nouns.txt")),
            character_verbs: set(include_str!("../../../data/people/character_verbs.txt")),
            character_stops: set(include_str!("../../../data/people/character_stops.txt")),
            work_nouns_after: list(include_str!("../../../data/people/work_nouns_after.txt")),
            modifier_suffixes: list(include_str!("../../../data/people/modifier_suffixes.txt")),
            headline_small_words: set(include_str!(
                "../../../data/people/headline_small_words.txt"
            )),
            world_given: list_entries(include_str!("../../../data/people/given_names_world.txt"))
                .chain(list_entries(include_str!(
                    "../../../data/people/given_names_namdict.txt"
                )))
                .map(crate::gazetteer::fold)
                .collect(),
            city_given: list_entries(include_str!("../../../data/people/given_names_cities.txt"))
                .map(crate::gazetteer::fold)
                .collect(),
            country_given: set(include_str!(
                "../../../data/people/given_names_countries.txt"
            )),
            family_first: set(include_str!("../../../data/people/family_first.txt")),
            lineup_headers: list(include_str!("../../../data/people/lineup_headers.txt")),
            role_words: set(include_str!("../../../data/people/role_words.txt")),
            family_words: set(include_str!("../../../data/people/family_words.txt")),
            one_word_roles: set(include_str!("../../../data/people/one_word_roles.txt")),
            name_markers: set(include_str!("../../../data/people/name_markers.txt")),
            org_surnames: set(include_str!("../../../data/people/org_surnames.txt")),
            named_after_people: list_entries(include_str!(
                "../../../data/people/named_after_people.txt"
            ))
            .map(crate::gazetteer::fold)
            .collect(),
            foreign_articles: set(include_str!("../../../data/people/foreign_articles.txt")),
            club_prefixes: set(include_str!("../../../data/countries/city_org_prev.txt")),
            one_names: aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(list_entries(include_str!(
                    "../../../data/people/known_one_names.txt"
                )))
                .expect("the list of people known by one name builds an automaton"),
        }
    })
}

/// Whether the word before `pos` is a role word, or a family tie after a possessive
/// (`singer Fergie`, `star Usher`, `her sister Jessy`, `Fletcher's daughter Jill`): evidence
/// for one word.
pub(super) fn role_before(text: &str, pos: usize, lex: &Lexicon) -> bool {
    let w = prev_word(text, pos);
    if lex.role_words.contains(w) || lex.one_word_roles.contains(w) {
        return true;
    }
    if !lex.family_words.contains(w) {
        return false;
    }
    let head = text[..pos].trim_end_matches([' ', '\t', '\n', '\r']);
    let head = head[..head.len() - w.len()].trim_end_matches([' ', '\t', '\n', '\r']);
    let before = prev_word(text, head.len());
    matches!(
        before,
        "his" | "her" | "their" | "my" | "our" | "your" | "His" | "Her" | "Their"
    ) || head.ends_with("'s")
        || head.ends_with("\u{2019}s")
}

/// Whether `w`, lower-cased, is a role word (`rapper`) or the plural of one (`Contestants
/// Paul Burrell, Joe Pasquale ...`, `actors Tom Hanks and ...`).
pub(super) fn is_role_word(w: &str, lex: &Lexicon) -> bool {
    contains_lower(&lex.role_words, w)
        || w.len() > 4
            && w.strip_suffix('s')
                .is_some_and(|one| contains_lower(&lex.role_words, one))
}

/// Whether `w`, lower-cased, is in `set` (which holds lower-case words). No allocation for
/// words of up to 32 ASCII bytes.
pub(super) fn contains_lower(set: &FxHashSet<&'static str>, w: &str) -> bool {
    if !w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        return set.contains(w);
    }
    if w.is_ascii() && w.len() <= 32 {
        let mut buf = [0u8; 32];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).is_ok_and(|l| set.contains(l));
    }
    set.contains(w.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        let lex = lexicon();
        // Sizes of the lists as they were moved out of the code (duplicates collapse in sets).
        assert_eq!(lex.titles.len(), 139);
        assert_eq!(lex.triggers.len(), 102);
        assert_eq!(lex.speech.len(), 38);
        assert_eq!(lex.breakers.len(), 185);
        assert_eq!(lex.org_words.len(), 418);
        assert_eq!(lex.honorifics.len(), 40);
        assert_eq!(lex.byline_words.len(), 23);
        assert_eq!(lex.particles.len(), 23);
        assert_eq!(
            lex.suffixes,
            ["Jr", "Sr", "II", "III", "IV", "Jnr", "Snr", "VI", "VII", "VIII"]
        );
        assert_eq!(lex.credit_verbs.len(), 14);
        assert_eq!(lex.work_nouns.len(), 29);
        assert_eq!(
            lex.work_nouns_after,
            [
                "musical",
                "musicals",
                "franchise",
                "pantomime",
                "theme",
                "show"
            ]
        );
        assert_eq!(lex.modifier_suffixes.len(), 9);
        assert_eq!(lex.headline_small_words.len(), 15);
        assert!(lex.modifier_suffixes.contains(&"led"));
        assert!(lex.titles.contains("Prime") && lex.org_words.contains("Reserve"));
        assert!(lex.world_given.contains("jarkko") && lex.world_given.len() > 10_000);
        // Greek given names, romanised by tools/build_names.py (`Κώστας` -> `Kostas`);
        // `Katerina` is also a Greek town, so it is a given name only on other evidence.
        assert!(["kostas", "christos", "dimitris"]
            .iter()
            .all(|g| lex.world_given.contains(*g)));
        assert!(lex.city_given.contains("katerina"));
        assert_eq!(lex.country_given.len(), 2);
        assert_eq!(lex.one_names.patterns_len(), 159);
        // A known name is cut into at most three words (`Lil' Kim`, `Dr Alban`), well within
        // the five a candidate holds.
        assert!(
            list_entries(include_str!("../../../data/people/known_one_names.txt"))
                .all(|e| e.split(' ').count() <= 3)
        );
        // 14,190 lines of Faker and 12,575 of the name dictionary, folded.
        assert_eq!(lex.world_given.len(), 26_497);
        assert!(["arjen", "dimitar", "berti"]
            .iter()
            .all(|g| lex.world_given.contains(*g)));
        assert_eq!(lex.role_words.len(), 62);
        assert_eq!(lex.name_markers.len(), 2);
        assert!(lex.family_first.contains("Li") && lex.family_first.contains("Kim"));
        // Every organisation surname is an organisation word (it only lifts that word's veto).
        assert!(lex.org_surnames.iter().all(|w| lex.org_words.contains(w)));
        assert!(lex.named_after_people.contains("merrill lynch"));
        assert!(lex.one_word_roles.contains("star") && !lex.role_words.contains("star"));
    }
}

//! Country mentions in article text. One case-sensitive, leftmost-longest Aho-Corasick
//! automaton (built once) holds every country name, alias, demonym, capital and body-text city
//! (population ≥ 200k) in its written and UPPER-case forms, plus seat-of-government metonyms and
//! "stop" phrases that map to nothing (`New Mexico`, `Georgia Power`, `Gulf of Mexico`). It is
//! run anchored at each word start; matches must end at a word boundary and are then judged by local and document evidence: `Jordan` after a
//! given name is a person, `Georgia` needs Georgian cues and no US-state cues, a city inside an
//! organisation name (`Tokyo Stock Exchange`) is dropped, a language (`said in Spanish`) is not a
//! country, a city shared by several countries prefers one the text already names, and a text
//! that names a historic state (`Soviet Union`) but not its successor maps the successor's
//! weaker cues (`Moscow`, `Russian`) to the historic state.

use super::gazetteer::{self, city_entry, countries, country_index, fold, CityEntry};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
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

struct Matcher {
    /// Every pattern, case-sensitive: written and UPPER-case forms.
    /// Every pattern (written and UPPER-case forms) in one case-sensitive, leftmost-longest
    /// automaton, searched anchored at word starts.
    ac: Option<AhoCorasick>,
    /// Bytes that some pattern starts with.
    first_bytes: [bool; 256],
    targets: Vec<Target>,
    /// Whether the pattern is a single word (subject to the "given name before" person rule).
    single: Vec<bool>,
    cities: Vec<&'static CityEntry>,
    georgia: Option<u16>,
    /// (historic state, its successors).
    eras: Vec<(u16, Vec<u16>)>,
}

/// Phrases containing a country or city word that refer to no country.
const STOP_PHRASES: &[&str] = &[
    "New Mexico",
    "New South Wales",
    "New England",
    "New Guinea",
    "New Jersey",
    "New Hampshire",
    "New Brunswick",
    "Gulf of Mexico",
    "Indian Ocean",
    "Irish Sea",
    "English Channel",
    "North Pole",
    "South Pole",
    "Latin America",
    "Latin American",
    "Latin Americans",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "Pan American",
    "Native American",
    "Native Americans",
    "Georgia Power",
    "Georgia-Pacific",
    "Georgia Pacific",
    "Georgia Gulf",
    "Georgia Tech",
    "Georgia On My Mind",
    "Washington state",
    "Washington State",
    "Washington Post",
    "New York Times",
    "Paris Club",
    "Real Madrid",
    "Atletico Madrid",
    "Atlético Madrid",
    "Inter Milan",
    "AC Milan",
    "Louvre accord",
    "Plaza accord",
    "Jordan Valley",
    "Jordan River",
    "River Jordan",
    "Soviet-era",
    "Turkish Delight",
    "French fries",
    "French Open",
];

/// Phrases that are countries in their own right (org/event names that carry the country).
const EXTRA_NAMES: &[(&str, &str)] = &[
    ("French Open", "france"),
    ("Kremlin", "russia"),
    ("White House", "usa"),
    ("Downing Street", "uk"),
    ("Elysee Palace", "france"),
    ("Élysée Palace", "france"),
    ("Elysee", "france"),
    ("Élysée", "france"),
    ("Pentagon", "usa"),
];

/// Words after a city that make it part of an organisation/event/newspaper name.
const CITY_ORG_NEXT: &[&str] = &[
    "Club",
    "Stock",
    "Exchange",
    "accord",
    "Accord",
    "Accords",
    "Agreement",
    "Convention",
    "Protocol",
    "Declaration",
    "Film",
    "Festival",
    "Marathon",
    "Times",
    "Post",
    "Herald",
    "Journal",
    "Tribune",
    "Daily",
    "Gazette",
    "University",
    "Symphony",
    "Philharmonic",
    "Opera",
    "Zoo",
    "Round",
    "Metals",
    "Mercantile",
    "Futures",
    "Commodity",
    "Board",
    "Rangers",
    "United",
    "City",
];

/// Words before a city that make it part of a club name.
const CITY_ORG_PREV: &[&str] = &[
    "Real",
    "Atletico",
    "Atlético",
    "Inter",
    "FC",
    "AC",
    "Dynamo",
    "Dinamo",
    "Lokomotiv",
    "Spartak",
    "Sporting",
    "Olympique",
    "Borussia",
];

/// Language words: after `in` with nothing noun-like following, they name a language.
const LANGUAGES: &[&str] = &[
    "English",
    "French",
    "Spanish",
    "German",
    "Italian",
    "Portuguese",
    "Russian",
    "Chinese",
    "Japanese",
    "Dutch",
    "Greek",
    "Turkish",
    "Polish",
    "Swedish",
    "Danish",
    "Finnish",
    "Korean",
    "Hungarian",
    "Czech",
    "Romanian",
    "Thai",
    "Vietnamese",
    "Ukrainian",
    "Welsh",
    "Irish",
];

const HISTORIC_SUCCESSORS: &[(&str, &[&str])] = &[
    ("ussr", &["russia"]),
    ("west-germany", &["germany"]),
    ("yugoslavia", &["serbia"]),
    ("czechoslovakia", &["czech-republic", "slovakia"]),
];

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

fn build() -> Matcher {
    let mut pats: Vec<String> = Vec::new();
    let mut targets = Vec::new();
    // Patterns seen, by a 64-bit hash (no copy of each pattern).
    let mut seen: rustc_hash::FxHashSet<u64> =
        rustc_hash::FxHashSet::with_capacity_and_hasher(32_768, Default::default());
    let mut add = |p: &str, t: Target, pats: &mut Vec<String>, targets: &mut Vec<Target>| {
        let up = upper(p);
        for v in [p, up.as_str()] {
            if v.chars().nth(1).is_none() || !seen.insert(pattern_key(v)) {
                continue;
            }
            pats.push(v.to_string());
            targets.push(t);
        }
    };
    for p in STOP_PHRASES {
        add(p, Target::Stop, &mut pats, &mut targets);
    }
    for (p, id) in EXTRA_NAMES {
        if let Some(i) = country_index(id) {
            let t = if p.contains("Open") {
                Target::Name(i as u16)
            } else {
                Target::Metonym(i as u16)
            };
            add(p, t, &mut pats, &mut targets);
        }
    }
    let cs = countries();
    for (i, c) in cs.iter().enumerate() {
        let i = i as u16;
        add(&c.name, Target::Name(i), &mut pats, &mut targets);
        for a in &c.aliases {
            add(a, Target::Name(i), &mut pats, &mut targets);
            let d = deunicode::deunicode(a);
            add(&d, Target::Name(i), &mut pats, &mut targets);
        }
    }
    for (i, c) in cs.iter().enumerate() {
        for d in &c.demonyms {
            add(d, Target::Demonym(i as u16), &mut pats, &mut targets);
        }
    }
    // Cities: one target per folded name.
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
        add(name, Target::City(idx), &mut pats, &mut targets);
        if !name.is_ascii() {
            add(
                &deunicode::deunicode(name),
                Target::City(idx),
                &mut pats,
                &mut targets,
            );
        }
    }
    let single = pats
        .iter()
        .map(|p| !p.contains(' ') && !p.contains('.') && !p.contains('-'))
        .collect();
    // Anchored only: a match must start at a word start, so [`scan`] finds candidate starts
    // (a byte that begins some pattern, after a non-word character) and runs the automaton
    // from there, instead of an unanchored search over every byte. A contiguous NFA: a DFA
    // over these patterns scans a little faster but costs much more to build.
    let mut first_bytes = [false; 256];
    for p in &pats {
        if let Some(&b) = p.as_bytes().first() {
            first_bytes[usize::from(b)] = true;
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&pats)
        .or_else(|_| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(&pats)
        })
        // None only if the embedded tables could not be compiled; matching then finds nothing.
        .ok();
    let eras = HISTORIC_SUCCESSORS
        .iter()
        .filter_map(|(h, succ)| {
            let hi = country_index(h)? as u16;
            let s = succ
                .iter()
                .filter_map(|s| country_index(s).map(|i| i as u16))
                .collect();
            Some((hi, s))
        })
        .collect();
    Matcher {
        ac,
        first_bytes,
        targets,
        single,
        cities,
        georgia: country_index("georgia").map(|i| i as u16),
        eras,
    }
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(build)
}

/// Build the pattern tables now (for timing / warm-up); returns the pattern count.
pub fn warm_up() -> usize {
    matcher().ac.as_ref().map_or(0, |ac| ac.patterns_len())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The word ending just before `pos` (skipping spaces/tabs, not punctuation).
fn prev_word(text: &str, pos: usize) -> &str {
    let head = &text[..pos];
    let trimmed = head.trim_end_matches([' ', '\t', '\n', '\r']);
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) || c == '.' || c == '\'' || c == '-')
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    &trimmed[start..]
}

/// The word starting just after `pos` (skipping spaces/tabs).
fn next_word(text: &str, pos: usize) -> &str {
    let tail = &text[pos..];
    let trimmed = tail.trim_start_matches([' ', '\t', '\n', '\r']);
    let end = trimmed
        .char_indices()
        .find(|&(_, c)| !(is_word_char(c) || c == '-'))
        .map_or(trimmed.len(), |(i, _)| i);
    &trimmed[..end]
}

fn is_capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    matches!(cs.next(), Some(c) if c.is_uppercase()) && cs.any(|c| c.is_lowercase())
}

fn is_given_name(w: &str, buf: &mut String) -> bool {
    if !is_capitalised(w) {
        return false;
    }
    gazetteer::fold_into(w, buf);
    gazetteer::is_first_name(buf)
}

/// Whether the line around `pos` is mostly upper case (a Reuters title or an agency byline).
fn caps_line(text: &str, pos: usize) -> bool {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let (mut up, mut low) = (0usize, 0usize);
    for c in text[start..end].chars() {
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    up >= 4 && up * 5 >= (up + low) * 4
}

#[derive(Debug, Clone, Copy)]
struct Event {
    pos: usize,
    kind: EventKind,
}

#[derive(Debug, Clone, Copy)]
enum EventKind {
    Strong(u16),
    Weak(u16),
    City(u32),
    /// A historic state named as a living state (not "former Soviet Union").
    EraTrigger(u16),
    Georgia,
}

fn scan(text: &str, base: usize, m: &Matcher, out: &mut Vec<Event>, buf: &mut String) {
    let mut language_end: Option<usize> = None;
    let Some(ac) = m.ac.as_ref() else { return };
    let bytes = text.as_bytes();
    let mut i = 0;
    // Candidate starts: a byte that begins some pattern (ASCII or a UTF-8 lead byte, so a
    // char boundary) after a non-word character.
    while let Some(off) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| m.first_bytes[usize::from(b)]))
    {
        let p = i + off;
        i = p + 1;
        let before_ok = match p.checked_sub(1).map(|q| bytes[q]) {
            None => true,
            Some(b) if b < 0x80 => !b.is_ascii_alphanumeric(),
            Some(_) => !text[..p].chars().next_back().is_some_and(is_word_char),
        };
        if !before_ok {
            continue;
        }
        let input = Input::new(text)
            .span(p..bytes.len())
            .anchored(Anchored::Yes);
        let Some(mat) = ac.find(input) else {
            continue;
        };
        let (s, e) = (mat.start(), mat.end());
        if text[e..].chars().next().is_some_and(is_word_char) {
            continue; // the longest pattern here ends inside a word
        }
        // Resume after the match.
        i = e;
        let pid = mat.pattern().as_usize();
        let Some(&target) = m.targets.get(pid) else {
            continue;
        };
        let word = &text[s..e];
        let single = m.single.get(pid).copied().unwrap_or(false);
        if word == "US" && caps_line(text, s) {
            continue; // "TELL US", "LET US"
        }
        // A place word right after a given name is a person ("Jerry Jordan", "George Washington").
        if single && !matches!(target, Target::Demonym(_) | Target::Stop) {
            let pw = prev_word(text, s);
            if !pw.is_empty() && s >= pw.len() && is_given_name(pw, buf) {
                continue;
            }
            if matches!(word, "Chad" | "Jordan") {
                let nw = next_word(text, e);
                if is_capitalised(nw)
                    && gazetteer::country_word(&fold(nw)).is_none()
                    && !matches!(
                        nw,
                        "The" | "King" | "Queen" | "Prince" | "President" | "Foreign" | "In"
                    )
                {
                    continue;
                }
            }
        }
        let kind = match target {
            Target::Stop => continue,
            Target::Name(i) => {
                let pw = prev_word(text, s);
                let living = !matches!(pw, "former" | "Former" | "ex" | "post" | "late")
                    && !text[e..].starts_with("-era")
                    && !text[..s].ends_with("ex-")
                    && !text[..s].ends_with("post-");
                if Some(i) == m.georgia {
                    EventKind::Georgia
                } else if living && m.eras.iter().any(|(h, _)| *h == i) {
                    EventKind::EraTrigger(i)
                } else {
                    EventKind::Strong(i)
                }
            }
            Target::Demonym(i) => {
                if LANGUAGES.contains(&word) {
                    let pw = prev_word(text, s);
                    let nw = next_word(text, e);
                    let lang_prev = matches!(pw, "in" | "speak" | "speaks" | "spoke" | "speaking")
                        || (matches!(pw, "and" | "or")
                            && language_end.is_some_and(|le| s.saturating_sub(le) < 8));
                    let lang_next = nw.is_empty()
                        || matches!(
                            nw,
                            "and" | "or" | "language" | "languages" | "translation" | "subtitles"
                        );
                    if lang_prev && lang_next {
                        language_end = Some(e);
                        continue;
                    }
                }
                if Some(i) == m.georgia {
                    EventKind::Georgia
                } else if m.eras.iter().any(|(h, _)| *h == i) && !text[e..].starts_with("-era") {
                    EventKind::EraTrigger(i)
                } else {
                    EventKind::Weak(i)
                }
            }
            Target::Metonym(i) => EventKind::Weak(i),
            Target::City(c) => {
                let nw = next_word(text, e);
                let pw = prev_word(text, s);
                if CITY_ORG_NEXT.contains(&nw) || CITY_ORG_PREV.contains(&pw) {
                    continue;
                }
                EventKind::City(c)
            }
        };
        out.push(Event {
            pos: base + s,
            kind,
        });
    }
}

fn georgia_ok(title: &str, body: &str, events: &[Event], m: &Matcher) -> bool {
    let has = |needle: &str| title.contains(needle) || body.contains(needle);
    let us_cue = [
        "Atlanta",
        "Ga.",
        "state of Georgia",
        "Georgia state",
        "Georgia Republican",
        "Georgia Democrat",
        "Savannah",
        "Augusta",
        "Georgia's governor",
        "Gov.",
    ]
    .iter()
    .any(|c| has(c));
    if us_cue {
        return false;
    }
    let tbilisi = events.iter().any(|ev| match ev.kind {
        EventKind::City(c) => m
            .cities
            .get(c as usize)
            .is_some_and(|e| e.cands().first().map(|c| c.0) == m.georgia),
        _ => false,
    });
    tbilisi
        || [
            "Georgian",
            "GEORGIAN",
            "Tbilisi",
            "Soviet republic",
            "former Soviet",
            "Caucasus",
        ]
        .iter()
        .any(|c| has(c))
}

/// A set of country indices: bits for the first 512 (the table has ~260 rows), a list for
/// any beyond. No allocation per article.
#[derive(Default)]
struct CountrySet {
    bits: [u64; 8],
    more: Vec<u16>,
}

impl CountrySet {
    fn insert(&mut self, i: u16) {
        match self.bits.get_mut(usize::from(i) / 64) {
            Some(w) => *w |= 1 << (i % 64),
            None if !self.more.contains(&i) => self.more.push(i),
            None => {}
        }
    }

    fn contains(&self, i: u16) -> bool {
        match self.bits.get(usize::from(i) / 64) {
            Some(w) => w & (1 << (i % 64)) != 0,
            None => self.more.contains(&i),
        }
    }
}

/// Canonical ids of the countries mentioned, in order of first mention (title, dateline, body), deduplicated.
pub fn find_countries(title: &str, body: &str, dateline_cities: &[String]) -> Vec<String> {
    let m = matcher();
    let mut events = Vec::with_capacity(64);
    let mut buf = String::new();
    scan(title, 0, m, &mut events, &mut buf);
    let base = title.len() + 1;
    let mut dateline_entries: Vec<(usize, &'static CityEntry)> = Vec::new();
    for (k, city) in dateline_cities.iter().enumerate() {
        if let Some(e) = city_entry(&fold(city)) {
            dateline_entries.push((base + k, e));
        } else if let Some(c) = gazetteer::resolve_country(city) {
            // A dateline naming a country ("KUWAIT").
            if let Some(i) = country_index(&c.id) {
                events.push(Event {
                    pos: base + k,
                    kind: EventKind::Strong(i as u16),
                });
            }
        }
    }
    scan(
        body,
        base + dateline_cities.len() + 1,
        m,
        &mut events,
        &mut buf,
    );

    // Countries with direct (non-city) evidence, to disambiguate shared city names.
    let mut direct = CountrySet::default();
    let mut strong = CountrySet::default();
    let mut eras_on = Vec::new();
    for ev in &events {
        match ev.kind {
            EventKind::Strong(i) => {
                direct.insert(i);
                strong.insert(i);
            }
            EventKind::Weak(i) => {
                direct.insert(i);
            }
            EventKind::EraTrigger(i) => {
                direct.insert(i);
                eras_on.push(i);
            }
            _ => {}
        }
    }
    // Cities naming one large city only are evidence too ("San Salvador" settles "Salvador").
    let unambiguous = |e: &CityEntry| -> Option<u16> {
        let mut big = e
            .cands()
            .iter()
            .filter(|c| c.1 >= gazetteer::BODY_CITY_MIN_POP);
        match (big.next(), big.next()) {
            (Some(c), None) => Some(c.0),
            _ => None,
        }
    };
    for ev in &events {
        if let EventKind::City(c) = ev.kind {
            if let Some(i) = m.cities.get(c as usize).and_then(|e| unambiguous(e)) {
                direct.insert(i);
            }
        }
    }
    for (_, e) in &dateline_entries {
        if let Some(i) = unambiguous(e) {
            direct.insert(i);
        }
    }
    let pick = |e: &CityEntry| -> Option<u16> {
        e.cands()
            .iter()
            .find(|c| direct.contains(c.0))
            .or(e.cands().first())
            .map(|c| c.0)
    };
    let georgia = events.iter().any(|e| matches!(e.kind, EventKind::Georgia))
        && georgia_ok(title, body, &events, m);
    let mut resolved: Vec<(usize, u16, bool)> = Vec::with_capacity(events.len() + 2);
    for (pos, e) in &dateline_entries {
        if let Some(i) = pick(e) {
            resolved.push((*pos, i, false));
        }
    }
    for ev in &events {
        let r = match ev.kind {
            EventKind::Strong(i) | EventKind::EraTrigger(i) => Some((i, true)),
            EventKind::Weak(i) => Some((i, false)),
            EventKind::City(c) => m
                .cities
                .get(c as usize)
                .and_then(|e| pick(e))
                .map(|i| (i, false)),
            EventKind::Georgia => {
                if georgia {
                    m.georgia.map(|g| (g, true))
                } else {
                    None
                }
            }
        };
        if let Some((i, s)) = r {
            resolved.push((ev.pos, i, s));
        }
    }
    // Period evidence: a living historic state and no explicit successor name.
    for (h, succ) in &m.eras {
        if !eras_on.contains(h) {
            continue;
        }
        for r in resolved.iter_mut() {
            if succ.contains(&r.1) && !succ.iter().any(|s| strong.contains(*s)) {
                r.1 = *h;
            }
        }
    }
    resolved.sort_by_key(|r| r.0);
    let cs = countries();
    let mut out: Vec<String> = Vec::new();
    for (_, i, _) in resolved {
        if let Some(c) = cs.get(usize::from(i)) {
            if !out.contains(&c.id) {
                out.push(c.id.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fc(body: &str) -> Vec<String> {
        find_countries("", body, &[])
    }

    #[test]
    fn names_aliases_demonyms() {
        let cases: &[(&str, &[&str])] = &[
            ("Talks between the U.S. and Britain.", &["usa", "uk"]),
            (
                "A Venezuelan official met Russians.",
                &["venezuela", "russia"],
            ),
            (
                "Trade with Holland and the UK rose.",
                &["netherlands", "uk"],
            ),
            (
                "He is Mexican-born and a German-American.",
                &["mexico", "germany", "usa"],
            ),
            (
                "Papua New Guinea and Equatorial Guinea signed.",
                &["papua-new-guinea", "equatorial-guinea"],
            ),
            ("Guinea's president", &["guinea"]),
            ("China Airlines flew to Taiwan.", &["china", "taiwan"]),
            ("The French Open started in Paris.", &["france"]),
            ("Bank of Japan governor", &["japan"]),
            ("Côte d'Ivoire and Ivory Coast", &["ivory-coast"]),
        ];
        for (text, want) in cases {
            assert_eq!(fc(text), *want, "{text}");
        }
    }

    #[test]
    fn ambiguity() {
        let cases: &[(&str, &[&str])] = &[
            ("Fed governor Jerry Jordan said rates would rise.", &[]),
            (
                "King Hussein of Jordan met Egypt's leader.",
                &["jordan", "egypt"],
            ),
            ("Chad Johnson scored twice.", &[]),
            ("Rebels in Chad attacked.", &["chad"]),
            ("Georgia Power raised rates in Atlanta.", &["usa"]),
            ("Voters in Georgia backed the Georgia Republican.", &[]),
            (
                "Georgia's parliament in Tbilisi met; Georgian troops left.",
                &["georgia"],
            ),
            ("We ate turkey on Thursday.", &[]),
            ("Turkey and Greece talked.", &["turkey", "greece"]),
            ("He lives in New Mexico and New South Wales.", &[]),
            ("Oil in the Gulf of Mexico.", &[]),
            ("an ally of Moscow", &["russia"]),
            ("Washington said on Monday.", &["usa"]),
            ("President George Washington", &[]),
            ("The Washington Post reported.", &[]),
            ("Shares rose on the Tokyo Stock Exchange.", &[]),
            ("Real Madrid won.", &[]),
            ("The Louvre accord was signed in Paris.", &["france"]),
            ("He said in Spanish and English.", &[]),
            ("a Spanish bank", &["spain"]),
            ("He said it in French.", &[]),
            ("Salvador is in Bahia state.", &["brazil"]),
            (
                "Rebels near San Salvador; in Salvador later.",
                &["el-salvador"],
            ),
            ("New York, not York.", &["usa"]),
            ("Whitehall officials said.", &["uk"]),
            ("Tony Jordan and Eddie Jordan", &[]),
            ("Spain's Rafael Nadal", &["spain"]),
            ("a Briton and a Dane", &["uk", "denmark"]),
            ("Talks in Bogotá and Peking.", &["colombia", "china"]),
        ];
        for (text, want) in cases {
            assert_eq!(fc(text), *want, "{text}");
        }
    }

    #[test]
    fn caps_titles_and_datelines() {
        assert_eq!(
            find_countries(
                "U.S. ADVISER SAID DEAD IN SALVADOR RAID",
                "in northern El Salvador",
                &[]
            ),
            ["usa", "el-salvador"]
        );
        assert_eq!(find_countries("TELL US ABOUT JAPAN", "", &[]), ["japan"]);
        assert_eq!(
            find_countries("", "Cocoa in Bahia.", &["Salvador".to_string()]),
            ["brazil"]
        );
        assert_eq!(
            find_countries(
                "",
                "Prices rose.",
                &["Tokyo".to_string(), "London".to_string()]
            ),
            ["japan", "uk"]
        );
        assert_eq!(find_countries("", "", &["Kuwait".to_string()]), ["kuwait"]);
    }

    #[test]
    fn period_evidence() {
        assert_eq!(
            fc("The Soviet Union said in Moscow that Russian grain imports fell."),
            ["ussr"]
        );
        assert_eq!(
            fc("West German officials in Bonn said German exports rose."),
            ["west-germany"]
        );
        assert_eq!(
            fc("Russia, once the heart of the former Soviet Union, told Moscow."),
            ["russia", "ussr"]
        );
        assert_eq!(fc("Soviet-era weapons reached Moscow."), ["russia"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "\u{0}",
            "É",
            "U.S",
            "ß\u{301}US",
            "New",
            "Jordan",
            "é Jordan é",
        ] {
            let _ = find_countries(t, t, &[t.to_string()]);
        }
    }
}

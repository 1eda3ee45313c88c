//! The gazetteer: countries (canonical ids, names, aliases, demonyms, capitals), cities and
//! given names, embedded from `data/*.tsv` with `include_str!` and parsed once on first use
//! (`OnceLock`). All case- and diacritic-insensitive lookups go through [`fold`]. See
//! `data/README.md` for sources, licences and the choice of canonical ids.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
const CITIES_TSV: &str = include_str!("../data/cities.tsv");
const FIRST_NAMES_TXT: &str = include_str!("../data/first_names.txt");
const SUCCESSIONS_TSV: &str = include_str!("../data/successions.tsv");
/// Capitals that are also common words; never matched as cities (first names are skipped too).
const CAPITAL_STOP_TXT: &str = include_str!("../data/capital_stop.txt");

/// Cities at least this populous (or national capitals) are matched in body text.
pub(crate) const BODY_CITY_MIN_POP: u32 = 200_000;
/// Alternate names (Peking, Bombay) are matched in body text only for cities this populous.
pub(crate) const BODY_ALT_MIN_POP: u32 = 1_000_000;

/// One country row of `data/countries.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Canonical id: the Reuters-21578 PLACES code where one exists, else a slug (`russia`).
    pub id: String,
    /// Display name (`United States`, `Soviet Union`).
    pub name: String,
    /// ISO 3166-1 alpha-2, an ISO 3166-3 code for historic states, or empty.
    pub iso2: String,
    /// Other names as written in text (`U.S.`, `Britain`, `Holland`).
    pub aliases: Vec<String>,
    /// Adjectives and nouns for its people (`American`, `Americans`, `Briton`).
    pub demonyms: Vec<String>,
    /// Capital city (may be empty).
    pub capital: String,
}

/// Up to this many countries are remembered per city name, most populous first.
pub(crate) const MAX_CITY_CANDIDATES: usize = 3;

/// Countries sharing one city name: `(country index, population)`, most populous first.
/// Stored inline (no allocation per city: the table has ~80k names).
#[derive(Debug, Clone, Default)]
pub(crate) struct CityEntry {
    slots: [(u16, u32); MAX_CITY_CANDIDATES],
    len: u8,
    /// Usable in body text (population ≥ [`BODY_CITY_MIN_POP`] or a capital).
    pub(crate) body: bool,
}

impl CityEntry {
    /// The candidate countries, most populous first.
    pub(crate) fn cands(&self) -> &[(u16, u32)] {
        &self.slots[..usize::from(self.len)]
    }

    fn push(&mut self, c: (u16, u32)) {
        if let Some(slot) = self.slots.get_mut(usize::from(self.len)) {
            *slot = c;
            self.len += 1;
        }
    }

    /// Put `c` first (dropping an earlier entry for the same country), keeping at most
    /// [`MAX_CITY_CANDIDATES`].
    fn put_first(&mut self, c: (u16, u32)) {
        let mut v: Vec<(u16, u32)> = std::iter::once(c)
            .chain(self.cands().iter().copied().filter(|x| x.0 != c.0))
            .collect();
        v.truncate(MAX_CITY_CANDIDATES);
        self.len = 0;
        for x in v {
            self.push(x);
        }
    }
}

/// The country rows and their lookup keys: small, built on first use by
/// anything (search resolves filter values with it).
struct Tables {
    countries: Vec<Country>,
    by_key: FxHashMap<String, u16>,
    /// Folded names, aliases and demonyms of all countries.
    country_words: FxHashMap<String, u16>,
}

/// Cities and given names: large, built only when text is extracted, so
/// that `search` starts without paying for them.
struct Places {
    /// City entries by [`city_key`] of the folded name: a 64-bit SipHash stands in for
    /// the ~80k key strings (two distinct names share a key with probability ~2^-64), which
    /// keeps the table small and its build free of per-name allocations.
    cities: FxHashMap<u64, u32>,
    /// The entries, in first-seen order (indexed by `cities`): the hash table itself stays
    /// small (16-byte buckets), which keeps its build from missing cache on every row.
    entries: Vec<CityEntry>,
    /// One bit per [`city_key`] prefix (2^20 bits = 128 KiB, about 8% set): most lookups
    /// (every word of every name candidate) are no city and are answered here, in cache.
    city_bits: Vec<u64>,
    /// Original spellings of body-text cities (from the tables), for the case-sensitive patterns.
    body_city_names: Vec<&'static str>,
    first_names: rustc_hash::FxHashSet<String>,
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The data rows of `countries.tsv`, trimmed: id, iso2, name, aliases, demonyms, capital.
fn country_rows() -> impl Iterator<Item = [&'static str; 6]> {
    COUNTRIES_TSV
        .lines()
        .filter(|l| !(l.starts_with('#') || l.starts_with("id\t") || l.trim().is_empty()))
        .map(|line| tsv_fields::<6>(line).map(str::trim))
        .filter(|f| !f[0].is_empty())
}

fn build_tables() -> Tables {
    let countries: Vec<Country> = country_rows()
        .map(|[id, iso2, name, aliases, demonyms, capital]| Country {
            id: id.to_string(),
            name: name.to_string(),
            iso2: iso2.to_string(),
            aliases: split_list(aliases),
            demonyms: split_list(demonyms),
            capital: capital.to_string(),
        })
        .collect();

    // Key priority: ids, iso codes and names first; aliases; demonyms last (never overwrite).
    let mut by_key: FxHashMap<String, u16> = FxHashMap::default();
    let mut country_words: FxHashMap<String, u16> = FxHashMap::default();
    let put = |m: &mut FxHashMap<String, u16>, k: &str, i: usize| {
        let k = fold(k);
        if !k.is_empty() {
            m.entry(k).or_insert(i as u16);
        }
    };
    for (i, c) in countries.iter().enumerate() {
        put(&mut by_key, &c.id, i);
        put(&mut by_key, &c.id.replace('-', " "), i);
        put(&mut by_key, &c.name, i);
    }
    for (i, c) in countries.iter().enumerate() {
        if !c.iso2.is_empty() {
            put(&mut by_key, &c.iso2, i);
        }
    }
    for (i, c) in countries.iter().enumerate() {
        for a in &c.aliases {
            put(&mut by_key, a, i);
        }
    }
    for (i, c) in countries.iter().enumerate() {
        for d in &c.demonyms {
            put(&mut by_key, d, i);
        }
    }
    for (i, c) in countries.iter().enumerate() {
        put(&mut country_words, &c.name, i);
        for a in c.aliases.iter().chain(c.demonyms.iter()) {
            put(&mut country_words, a, i);
        }
    }

    Tables {
        countries,
        by_key,
        country_words,
    }
}

/// The tab-separated fields of a line (at most `N`; missing ones are empty).
fn tsv_fields<const N: usize>(line: &str) -> [&str; N] {
    let mut out = [""; N];
    let mut start = 0;
    for (k, slot) in out.iter_mut().enumerate() {
        if start > line.len() {
            break;
        }
        let rest = &line[start..];
        let end = if k + 1 == N {
            rest.len()
        } else {
            memchr::memchr(b'\t', rest.as_bytes()).unwrap_or(rest.len())
        };
        *slot = &rest[..end];
        start += end + 1;
    }
    out
}

fn build_places() -> Places {
    let Tables {
        countries, by_key, ..
    } = tables();
    // Sized up front: growing an ~80k-entry map by rehashing was a tenth of the build (perf).
    let lines = memchr::memchr_iter(b'\n', CITIES_TSV.as_bytes()).count();
    let mut cities: FxHashMap<u64, u32> =
        FxHashMap::with_capacity_and_hasher(lines, Default::default());
    let mut entries: Vec<CityEntry> = Vec::with_capacity(lines);
    let mut body_city_names: Vec<&'static str> = Vec::new();
    let mut key = String::new();
    for line in CITIES_TSV.lines() {
        if line.starts_with('#') || line.starts_with("name\t") {
            continue;
        }
        let [name, cid, pop, main] = tsv_fields::<4>(line);
        let Some(&ci) = by_key.get(cid) else {
            continue;
        };
        let pop: u32 = pop.trim().parse().unwrap_or(0);
        let main = main.trim() != "0";
        let body = pop >= BODY_CITY_MIN_POP && (main || pop >= BODY_ALT_MIN_POP);
        fold_into(name, &mut key);
        add_city(&mut cities, &mut entries, &key, ci, pop, body);
        if body {
            body_city_names.push(name);
        }
    }
    // Capitals always count as (body) cities of their country, even when filtered out of
    // cities.tsv (Washington is a stoplisted GeoNames name). Historic capitals only where no
    // modern country claims the name (Bonn, East Berlin); shared ones (Moscow) stay modern.
    let first_names: rustc_hash::FxHashSet<String> =
        list_entries(FIRST_NAMES_TXT).map(fold).collect();
    let modern_capitals: rustc_hash::FxHashSet<String> = countries
        .iter()
        .filter(|c| !is_historic(c) && !c.capital.is_empty())
        .map(|c| fold(&c.capital))
        .collect();
    let capital_stop: Vec<&str> = list_entries(CAPITAL_STOP_TXT).collect();
    for (i, c) in countries.iter().enumerate() {
        if c.capital.is_empty() {
            continue;
        }
        let key = fold(&c.capital);
        if capital_stop.contains(&c.capital.as_str())
            || (first_names.contains(&key) && key != "washington")
        {
            continue;
        }
        body_city_names.push(&c.capital);
        if is_historic(c) && modern_capitals.contains(&key) {
            continue;
        }
        let e = entry_mut(&mut cities, &mut entries, city_key(&key));
        e.body = true;
        let own = e
            .cands()
            .iter()
            .find(|&&(ci, _)| usize::from(ci) == i)
            .map_or(0, |c| c.1);
        let pop = e
            .cands()
            .iter()
            .find(|&&(ci, _)| usize::from(ci) != i)
            .map_or(1, |c| c.1.saturating_add(1))
            .max(own);
        e.put_first((i as u16, pop));
    }

    let mut city_bits = vec![0u64; 1 << (CITY_BITS - 6)];
    for &k in cities.keys() {
        let b = city_bit(k);
        city_bits[b >> 6] |= 1 << (b & 63);
    }
    Places {
        cities,
        entries,
        city_bits,
        body_city_names,
        first_names,
    }
}

/// Historic states have an ISO 3166-3 code (4 letters) or none.
pub(crate) fn is_historic(c: &Country) -> bool {
    c.iso2.len() != 2
}

const CITY_BITS: u32 = 20;

fn city_bit(key: u64) -> usize {
    (key >> (64 - CITY_BITS)) as usize
}

/// The key of a folded city name in `Places::cities`.
fn city_key(folded: &str) -> u64 {
    use std::hash::Hasher;
    // SipHash with fixed keys (std's default hasher, unseeded): the same key for the
    // same name within a process, and well distributed over all 64 bits.
    let mut h = std::hash::DefaultHasher::new();
    h.write(folded.as_bytes());
    h.finish()
}

/// The entry for `key`, created empty if new.
fn entry_mut<'a>(
    m: &mut FxHashMap<u64, u32>,
    entries: &'a mut Vec<CityEntry>,
    key: u64,
) -> &'a mut CityEntry {
    let i = *m.entry(key).or_insert_with(|| {
        entries.push(CityEntry::default());
        (entries.len() - 1) as u32
    });
    &mut entries[i as usize]
}

fn add_city(
    m: &mut FxHashMap<u64, u32>,
    entries: &mut Vec<CityEntry>,
    key: &str,
    ci: u16,
    pop: u32,
    body: bool,
) {
    if key.is_empty() {
        return;
    }
    let e = entry_mut(m, entries, city_key(key));
    e.body |= body;
    if e.cands().iter().any(|&(c, _)| c == ci) {
        return;
    }
    e.push((ci, pop));
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(build_tables)
}

fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(build_places)
}

/// All country rows, sorted by id.
pub fn countries() -> &'static [Country] {
    &tables().countries
}

/// The row with this canonical id (exact, lowercase).
pub fn country_by_id(id: &str) -> Option<&'static Country> {
    let g = tables();
    let i = *g.by_key.get(id)?;
    let c = g.countries.get(usize::from(i))?;
    (c.id == id).then_some(c)
}

/// The display name of a canonical country id (exact, lowercase).
///
/// Search and `show` only need id → name, so this reads the two columns into
/// a sorted list (a few hundred rows) instead of building [`Tables`] with its
/// folded names, aliases and demonyms, which cost a per-process search more
/// than the query itself.
pub fn country_name(id: &str) -> Option<&'static str> {
    static NAMES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut v: Vec<_> = country_rows().map(|[id, _, name, ..]| (id, name)).collect();
        // Stable sort, first row of an id kept: as in `Tables::by_key`.
        v.sort_by(|a, b| a.0.cmp(b.0));
        v.dedup_by(|a, b| a.0 == b.0);
        v
    });
    let i = names.binary_search_by(|(k, _)| (*k).cmp(id)).ok()?;
    Some(names[i].1)
}

/// Resolve any way of naming a country to its row: canonical id, Reuters code, ISO code, name, alias, demonym; ignoring case and diacritics ("U.S.", "usa", "united states" → usa).
pub fn resolve_country(text: &str) -> Option<&'static Country> {
    let g = tables();
    let k = fold(text);
    let i = match g.by_key.get(&k) {
        Some(i) => *i,
        None => *g.by_key.get(&k.replace(['-', '_'], " "))?,
    };
    g.countries.get(usize::from(i))
}

/// The country of a city name (title case or folded), the most populous match; None if unknown.
pub fn city_country(city: &str) -> Option<&'static Country> {
    let e = city_entry(&fold(city))?;
    let &(ci, _) = e.cands().first()?;
    tables().countries.get(usize::from(ci))
}

/// Lowercase + deunicode + collapse whitespace; used for all case/diacritic-insensitive keys.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into a reusable buffer (cleared first).
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c, out);
        } else if c == '\u{2019}' || c == '\u{2018}' {
            push('\'', out);
        } else {
            for d in deunicode::deunicode_char(c).unwrap_or("").chars() {
                push(d, out);
            }
        }
    }
}

/// The entries of an embedded word list (`data/**/*.txt`): one per line, as written; empty
/// lines and lines starting with `#` (comments) are skipped.
pub fn list_entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A historic state and one of the modern states that succeeded it (`data/successions.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Succession {
    /// Canonical id of the modern state (`russia`).
    pub successor: &'static str,
    /// Canonical id of the historic state (`ussr`).
    pub historic: &'static str,
    /// The first day the historic state no longer existed.
    pub ended: chrono::NaiveDate,
}

/// Every succession of `data/successions.tsv`, in file order.
pub fn successions() -> &'static [Succession] {
    static S: OnceLock<Vec<Succession>> = OnceLock::new();
    S.get_or_init(|| {
        list_entries(SUCCESSIONS_TSV)
            .filter(|l| !l.starts_with("successor\t"))
            .filter_map(|line| {
                let [successor, historic, ended] = tsv_fields::<3>(line).map(str::trim);
                let ended = chrono::NaiveDate::parse_from_str(ended, "%Y-%m-%d").ok()?;
                Some(Succession {
                    successor,
                    historic,
                    ended,
                })
            })
            .collect()
    })
}

/// Index of a country row in [`countries`].
pub(crate) fn country_index(id: &str) -> Option<usize> {
    let g = tables();
    let i = usize::from(*g.by_key.get(id)?);
    (g.countries.get(i)?.id == id).then_some(i)
}

/// Candidates for a folded city name (most populous first).
pub(crate) fn city_entry(folded: &str) -> Option<&'static CityEntry> {
    let p = places();
    let key = city_key(folded);
    let b = city_bit(key);
    if p.city_bits[b >> 6] & (1 << (b & 63)) == 0 {
        return None;
    }
    p.entries.get(*p.cities.get(&key)? as usize)
}

/// Spellings of the cities matched in body text (population ≥ [`BODY_CITY_MIN_POP`] or capitals).
pub(crate) fn body_city_names() -> &'static [&'static str] {
    &places().body_city_names
}

/// The country whose name, alias or demonym this folded word is.
pub(crate) fn country_word(folded: &str) -> Option<usize> {
    tables().country_words.get(folded).map(|&i| usize::from(i))
}

/// Whether this folded word is a known given name.
pub(crate) fn is_first_name(folded: &str) -> bool {
    places().first_names.contains(folded)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn fold_basics() {
        assert_eq!(fold("  Bogotá  D.C. "), "bogota d.c.");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("ŁÓDŹ"), "lodz");
    }

    #[test]
    fn resolve_forms() {
        let cases = [
            ("U.S.", "usa"),
            ("usa", "usa"),
            ("united states", "usa"),
            ("US", "usa"),
            ("America", "usa"),
            ("Americans", "usa"),
            ("Britain", "uk"),
            ("GB", "uk"),
            ("Briton", "uk"),
            ("west-germany", "west-germany"),
            ("West German", "west-germany"),
            ("Soviet Union", "ussr"),
            ("USSR", "ussr"),
            ("Russia", "russia"),
            ("Venezuelan", "venezuela"),
            ("Holland", "netherlands"),
            ("Burma", "burma"),
            ("Myanmar", "burma"),
            ("Côte d'Ivoire", "ivory-coast"),
            ("hong kong", "hong-kong"),
            ("Turkey", "turkey"),
            ("trinidad tobago", "trinidad-tobago"),
        ];
        for (text, id) in cases {
            assert_eq!(
                resolve_country(text).map(|c| c.id.as_str()),
                Some(id),
                "{text}"
            );
        }
        assert!(resolve_country("Atlantis").is_none());
        assert!(resolve_country("").is_none());
    }

    #[test]
    fn by_id_and_cities() {
        assert_eq!(
            country_by_id("usa").map(|c| c.name.as_str()),
            Some("United States")
        );
        assert!(country_by_id("U.S.").is_none());
        let cases = [
            ("Caracas", "venezuela"),
            ("CARACAS", "venezuela"),
            ("Bogota", "colombia"),
            ("Bogotá", "colombia"),
            ("New York", "usa"),
            ("Peking", "china"),
            ("Salvador", "brazil"),
            ("San Salvador", "el-salvador"),
            ("Washington", "usa"),
            ("London", "uk"),
            ("Moscow", "russia"),
            ("Bonn", "west-germany"),
        ];
        for (city, id) in cases {
            assert_eq!(
                city_country(city).map(|c| c.id.as_str()),
                Some(id),
                "{city}"
            );
        }
        assert!(city_country("Nowhereville").is_none());
    }

    #[test]
    fn successions_parse_and_resolve() {
        let rows = list_entries(SUCCESSIONS_TSV).count() - 1; // minus the header
        assert_eq!(
            successions().len(),
            rows,
            "every row of successions.tsv parses"
        );
        assert_eq!(rows, 5);
        for s in successions() {
            assert!(country_by_id(s.successor).is_some(), "{}", s.successor);
            let h = country_by_id(s.historic).expect("historic id");
            assert!(is_historic(h), "{}", s.historic);
        }
    }

    /// The shared corpus, or None (test skipped) when it is absent.
    pub fn corpus_dir() -> Option<PathBuf> {
        crate::parse::test_corpus_dir()
    }

    #[test]
    fn all_reuters_places_resolve() {
        let Some(dir) = corpus_dir() else { return };
        let path = dir.join("reuters21578/all-places-strings.lc.txt");
        let text = std::fs::read_to_string(&path).expect("places list readable");
        let mut n = 0;
        for code in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            n += 1;
            let c = resolve_country(code);
            assert_eq!(c.map(|c| c.id.as_str()), Some(code), "{code}");
            assert!(country_by_id(code).is_some(), "{code}");
        }
        assert_eq!(n, 175);
    }
}

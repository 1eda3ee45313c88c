//! Resolution: the judged matches of one article become country ids by document evidence.
//! A city shared by several countries prefers one the text already names, `Georgia` needs
//! Georgian cues and no US-state cues, and a text that names a historic state (`Soviet
//! Union`) but not its successor maps the successor's weaker cues (`Moscow`, `Russian`) to
//! the historic state.

use super::patterns::{lists, Matcher};
use super::scan::{Event, EventKind};
use crate::gazetteer::{self, countries, CityEntry};

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

/// Whether `Georgia` in this article is the country: no US-state cue, and Tbilisi or a
/// Georgian cue.
fn georgia_ok(title: &str, body: &str, events: &[Event], m: &Matcher) -> bool {
    let has = |needle: &&str| title.contains(needle) || body.contains(needle);
    let l = lists();
    if l.georgia_us_cues.iter().any(has) {
        return false;
    }
    let tbilisi = events.iter().any(|ev| match ev.kind {
        EventKind::City(c) => m
            .cities
            .get(c as usize)
            .is_some_and(|e| e.cands().first().map(|c| c.0) == m.georgia),
        _ => false,
    });
    tbilisi || l.georgia_cues.iter().any(has)
}

/// How many times as populous as a namesake the largest city of a name must be for a
/// dateline never to mean the namesake without its region (`LONDON, Ontario`).
const DWARFED: u64 = 10;

/// The one country of a city name that has a single large city (≥ the body-text
/// population), if so: "San Salvador" settles "Salvador".
fn unambiguous(e: &CityEntry) -> Option<u16> {
    let mut big = e
        .cands()
        .iter()
        .filter(|c| c.1 >= gazetteer::BODY_CITY_MIN_POP);
    match (big.next(), big.next()) {
        (Some(c), None) => Some(c.0),
        _ => None,
    }
}

/// What the article says directly, to disambiguate shared city names and to apply period
/// evidence.
#[derive(Default)]
struct Evidence {
    /// Countries with direct (non-city, or unambiguous city) evidence.
    direct: CountrySet,
    /// Countries named (not only by a demonym, city or metonym).
    strong: CountrySet,
    /// Historic states named as living states.
    eras_on: Vec<u16>,
}

impl Evidence {
    fn gather(events: &[Event], dateline: &[(usize, &'static CityEntry)], m: &Matcher) -> Self {
        let mut ev = Evidence::default();
        for e in events {
            match e.kind {
                EventKind::Strong(i) => {
                    ev.direct.insert(i);
                    ev.strong.insert(i);
                }
                EventKind::Weak(i) => ev.direct.insert(i),
                EventKind::EraTrigger(i) => {
                    ev.direct.insert(i);
                    ev.eras_on.push(i);
                }
                _ => {}
            }
        }
        // Cities naming one large city only are evidence too.
        for e in events {
            if let EventKind::City(c) = e.kind {
                if let Some(i) = m.cities.get(c as usize).and_then(|e| unambiguous(e)) {
                    ev.direct.insert(i);
                }
            }
        }
        for (_, e) in dateline {
            if let Some(i) = unambiguous(e) {
                ev.direct.insert(i);
            }
        }
        ev
    }

    /// The country of a city: the first candidate the text names directly, else the most
    /// populous. For a `dateline` city, never a namesake dwarfed by the largest city of the
    /// name (a tenth of its people or fewer: London, Ontario beside London): a dateline names
    /// the namesake with its region (`ST. PETERSBURG, Fla.`), so a story datelined `LONDON`
    /// that prices a `Canadian dlr` bond is written in England. In the body the evidence
    /// decides (`Tampa and St. Petersburg`).
    fn pick(&self, e: &CityEntry, dateline: bool) -> Option<u16> {
        let cands = e.cands();
        let top = cands.first()?;
        cands
            .iter()
            .filter(|c| !dateline || u64::from(c.1) * DWARFED > u64::from(top.1))
            .find(|c| self.direct.contains(c.0))
            .or(Some(top))
            .map(|c| c.0)
    }
}

/// Canonical ids, in order of first mention, of the article's judged matches `events` and
/// dateline cities `dateline` (with their positions).
pub(super) fn resolve(
    (title, body): (&str, &str),
    events: &[Event],
    dateline: &[(usize, &'static CityEntry)],
    m: &Matcher,
) -> Vec<String> {
    let ev = Evidence::gather(events, dateline, m);
    let georgia = events.iter().any(|e| matches!(e.kind, EventKind::Georgia))
        && georgia_ok(title, body, events, m);
    // (position, country, named strongly)
    let mut resolved: Vec<(usize, u16, bool)> = Vec::with_capacity(events.len() + 2);
    for (pos, e) in dateline {
        if let Some(i) = ev.pick(e, true) {
            resolved.push((*pos, i, false));
        }
    }
    for e in events {
        let r = match e.kind {
            EventKind::Strong(i) | EventKind::EraTrigger(i) => Some((i, true)),
            EventKind::Weak(i) => Some((i, false)),
            EventKind::City(c) => m
                .cities
                .get(c as usize)
                .and_then(|e| ev.pick(e, false))
                .map(|i| (i, false)),
            EventKind::Georgia if georgia => m.georgia.map(|g| (g, true)),
            EventKind::Georgia => None,
        };
        if let Some((i, s)) = r {
            resolved.push((e.pos, i, s));
        }
    }
    // Period evidence: a living historic state and no explicit successor name.
    for (h, succ) in &m.eras {
        if !ev.eras_on.contains(h) {
            continue;
        }
        for r in resolved.iter_mut() {
            if succ.contains(&r.1) && !succ.iter().any(|s| ev.strong.contains(*s)) {
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

//! Matching one text: the automaton runs anchored at each word start, matches must end at a
//! word boundary, and each match is judged by its neighbours: `Jordan` after a given name is
//! a person, a city inside an organisation name (`Tokyo Stock Exchange`) is dropped, a
//! language (`said in Spanish`) is not a country. The automaton reads the text with its
//! wrapped lines joined, so a name split by a line break (`United\nStates`) is found whole.

use std::borrow::Cow;

use aho_corasick::{Anchored, Input};

use super::patterns::{lists, Matcher, Target};
use crate::extract::text::{caps_line, is_capitalised, next_word, prev_word};
use crate::gazetteer::{self, fold};

/// One judged match: where it starts (in the article's joined positions) and what it says.
#[derive(Debug, Clone, Copy)]
pub(super) struct Event {
    pub pos: usize,
    pub kind: EventKind,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum EventKind {
    Strong(u16),
    Weak(u16),
    City(u32),
    /// A historic state named as a living state (not "former Soviet Union").
    EraTrigger(u16),
    Georgia,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_given_name(w: &str, buf: &mut String) -> bool {
    if !is_capitalised(w) {
        return false;
    }
    gazetteer::fold_into(w, buf);
    gazetteer::is_first_name(buf)
}

/// Whether the single-word place match `word` at `s..e` is part of a person's name: after a
/// given name ("Jerry Jordan", "George Washington"), or `Chad`/`Jordan` before a
/// capitalised word that is no country word ("Chad Johnson").
fn in_person_name(text: &str, s: usize, e: usize, word: &str, buf: &mut String) -> bool {
    let pw = prev_word(text, s);
    if !pw.is_empty() && s >= pw.len() && is_given_name(pw, buf) {
        return true;
    }
    let l = lists();
    if l.given_name_countries.contains(&word) {
        let nw = next_word(text, e);
        return is_capitalised(nw)
            && gazetteer::country_word(&fold(nw)).is_none()
            && !l.given_name_country_next.contains(&nw);
    }
    false
}

/// A country name at `s..e`: the living historic state (not "former Soviet Union",
/// "Soviet-era") triggers period evidence.
fn name_event(text: &str, s: usize, e: usize, i: u16, m: &Matcher) -> EventKind {
    let pw = prev_word(text, s);
    let living = !lists().former_words.contains(&pw)
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

/// A demonym at `s..e`, or `None` when it names a language ("said in Spanish and English");
/// `language_end` is where the last language word ended.
fn demonym_event(
    text: &str,
    (s, e): (usize, usize),
    i: u16,
    m: &Matcher,
    language_end: &mut Option<usize>,
) -> Option<EventKind> {
    let word = &text[s..e];
    if lists().languages.contains(&word) && names_language(text, s, e, *language_end) {
        *language_end = Some(e);
        return None;
    }
    Some(if Some(i) == m.georgia {
        EventKind::Georgia
    } else if m.eras.iter().any(|(h, _)| *h == i) && !text[e..].starts_with("-era") {
        EventKind::EraTrigger(i)
    } else {
        EventKind::Weak(i)
    })
}

/// Whether the language word at `s..e` names the language: after a speech or
/// translation cue (`speaks French`, `translated from French`, `quoted in Spanish`), after
/// `in` with nothing noun-like following (`in French.`, `in Spanish by`), or joined to a
/// language just named (`in Spanish and English`).
fn names_language(text: &str, s: usize, e: usize, language_end: Option<usize>) -> bool {
    let cues = &lists().language_cues;
    let pw = prev_word(text, s);
    let pw_start = pw.as_ptr() as usize - text.as_ptr() as usize;
    let ppw = prev_word(text, pw_start);
    let lower = |w: &str| w.to_lowercase();
    let (pw_l, ppw_l) = (lower(pw), lower(ppw));
    if cues.prev.contains(&pw_l.as_str())
        || cues.prev2.iter().any(|&(a, b)| a == ppw_l && b == pw_l)
    {
        return true;
    }
    let nw = next_word(text, e);
    let after_in = nw.is_empty() || cues.after_in.contains(&lower(nw).as_str());
    let joined =
        matches!(pw, "and" | "or") && language_end.is_some_and(|le| s.saturating_sub(le) < 8);
    (pw == "in" || joined) && after_in
}

/// A city at `s..e`, or `None` inside an organisation or club name or as a ticker in angle
/// brackets (`<MILA>`).
fn city_event(text: &str, s: usize, e: usize, c: u32) -> Option<EventKind> {
    let l = lists();
    let nw = next_word(text, e);
    let pw = prev_word(text, s);
    // One lower-case modifier may stand between after an article (`the Paris
    // currency pact`); not after other words, where it is more often a verb (`talks in
    // Geneva reached agreement`).
    let after_modifier = || {
        let end = nw.as_ptr() as usize - text.as_ptr() as usize + nw.len();
        matches!(pw, "the" | "The" | "a" | "an")
            && nw.chars().all(|c| c.is_lowercase())
            && l.city_org_next.contains(&next_word(text, end))
    };
    if l.city_org_next.contains(&nw)
        || (!nw.is_empty() && after_modifier())
        || l.city_org_prev.contains(&pw)
        || text[..s].ends_with('<') && text[e..].starts_with('>')
    {
        return None;
    }
    Some(EventKind::City(c))
}

/// Whether the word at `s` follows a title after which one word is a person's name (`Mr
/// Kennedy`): a city's name there is a surname.
fn after_person_title(text: &str, s: usize) -> bool {
    let pw = prev_word(text, s);
    lists().person_titles.contains(&pw.trim_end_matches('.'))
}

/// Whether position `p` of `text` starts a word (no letter or digit just before it).
fn at_word_start(text: &str, p: usize) -> bool {
    match p.checked_sub(1).map(|q| text.as_bytes()[q]) {
        None => true,
        Some(b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => !text[..p].chars().next_back().is_some_and(is_word_char),
    }
}

/// The text the automaton reads: `text` with its line breaks made spaces, so that a name a
/// source wrapped (Reuters wraps at about 70 columns: `United\nStates`, `Latin\nAmerica`,
/// `New\nYork`) is matched whole instead of not at all or as its last word. A paragraph break
/// becomes two spaces, which no pattern holds, so no name spans one. An ASCII byte for an
/// ASCII byte: positions and char boundaries are those of `text`, which the judging reads.
fn unwrapped(text: &str) -> Cow<'_, str> {
    if text.contains('\n') {
        Cow::Owned(text.replace('\n', " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether the one-word place `word`, ending at `e`, opens one of the story's `people` there
/// (`Milan Mandaric`, `Paris Hilton`): its name and the word after it begin a person's name.
fn opens_person(text: &str, e: usize, word: &str, people: &[String]) -> bool {
    let nw = next_word(text, e);
    !nw.is_empty()
        && people.iter().any(|p| {
            p.strip_prefix(word)
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|rest| {
                    rest.strip_prefix(nw)
                        .is_some_and(|r| r.is_empty() || r.starts_with(' '))
                })
        })
}

/// Judged matches of `text` into `out`, at positions offset by `base`; one-word cities
/// written as a surname after a title (`Mr Kennedy`) go to `surnames` instead, and those
/// opening the name of one of `people` (the story's, found before) are dropped.
pub(super) fn scan(
    text: &str,
    base: usize,
    m: &Matcher,
    (out, surnames): (&mut Vec<Event>, &mut Vec<u32>),
    buf: &mut String,
    people: &[String],
) {
    let mut language_end: Option<usize> = None;
    let hay = unwrapped(text);
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
        if !at_word_start(text, p) {
            continue;
        }
        let input = Input::new(hay.as_ref())
            .span(p..bytes.len())
            .anchored(Anchored::Yes);
        let Some(mat) = m.ac.find(input) else {
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
        if word == "US" && caps_line(text, s) {
            continue; // "TELL US", "LET US"
        }
        let single = m.single.get(pid).copied().unwrap_or(false);
        if single
            && !matches!(target, Target::Demonym(_) | Target::Stop)
            && in_person_name(text, s, e, word, buf)
        {
            continue;
        }
        if let Target::City(c) = target {
            if single && after_person_title(text, s) {
                surnames.push(c);
                continue;
            }
            if single && opens_person(text, e, word, people) {
                continue;
            }
        }
        let kind = match target {
            Target::Stop => None,
            Target::Name(i) => Some(name_event(text, s, e, i, m)),
            Target::Demonym(i) => demonym_event(text, (s, e), i, m, &mut language_end),
            Target::Metonym(i) => Some(EventKind::Weak(i)),
            Target::City(c) => city_event(text, s, e, c),
        };
        if let Some(kind) = kind {
            out.push(Event {
                pos: base + s,
                kind,
            });
        }
    }
}

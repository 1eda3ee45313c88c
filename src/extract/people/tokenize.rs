//! Tokenising for person recognition: the words that may form a name (capitalised words,
//! initials, particles) with their spans, and whether a name run may continue past each.

use super::lexicon::Lexicon;
use crate::extract::text::has_lower;

/// What a token can be in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// A capitalised word or an initial.
    Cap,
    /// A lower-case name particle (`de`, `van`).
    Particle,
    /// Anything else: ends a run.
    Other,
}

/// One token of a possible name.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    /// The run may continue into the next token (only spaces / one line break between).
    pub joins_next: bool,
    /// Written in parentheses after the previous token: `Ato (Boldon)`, a surname supplied
    /// in a quotation (evidence of a person).
    pub paren: bool,
}

/// The character starting at byte `i` of `text` (a char boundary).
fn char_at(text: &str, i: usize) -> char {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .unwrap_or('\u{0}')
}

/// Classify a word: `dotted` says a period follows it (an initial or an abbreviation).
pub(super) fn classify(w: &str, dotted: bool, lex: &Lexicon) -> Class {
    let mut cs = w.chars();
    let Some(c0) = cs.next() else {
        return Class::Other;
    };
    if c0.is_ascii_lowercase() || (!c0.is_ascii() && !c0.is_uppercase()) {
        if lex.particles.contains(w) {
            return Class::Particle;
        }
        // al-Assad, el-Sisi, d'Estaing
        if w.len() > 3 && (w.starts_with("al-") || w.starts_with("el-") || w.starts_with("d'")) {
            if let Some(c) = w.split(['-', '\'']).nth(1).and_then(|r| r.chars().next()) {
                if c.is_uppercase() {
                    return Class::Cap;
                }
            }
        }
        return Class::Other;
    }
    if c0.is_uppercase() {
        let c1 = cs.next();
        let cap = match c1 {
            // "MPs", "BBC": a second capital letter is no name (but "McDonald", "O'Neill" are).
            Some(c1) => !c1.is_uppercase() && has_lower(w),
            // An initial, with or without its period ("George W Bush"); "A" and "I" are breakers.
            None => dotted || c0.is_ascii_uppercase(),
        };
        // A regnal or generational number after a name (`Edward III`, `John Paul II`): looked
        // up only for words the capital rule turned away, as this runs on every capital.
        if !cap && w.len() > 1 && lex.suffixes.contains(&w) {
            return Class::Cap;
        }
        if !cap || lex.breakers.contains(w) {
            return Class::Other;
        }
        return Class::Cap;
    }
    Class::Other
}

/// Split "MinisterYuri" (a title glued to a name) into two tokens.
fn glued_split(w: &str, lex: &Lexicon) -> Option<usize> {
    if w.len() < 4 {
        return None;
    }
    let mut prev_lower = false;
    for (i, c) in w.char_indices() {
        if i > 0 && prev_lower && c.is_uppercase() && lex.titles.contains(&w[..i]) {
            return Some(i);
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// The start of the word holding the next upper-case or non-ASCII byte at or after `i`:
/// lower-case ASCII words only matter inside a run (as particles or as the word that ends
/// it), so after a token that cannot be part of a name most of the text is skipped unread.
fn next_candidate(bytes: &[u8], i: usize) -> Option<usize> {
    let off = bytes[i..]
        .iter()
        .position(|&b| b.is_ascii_uppercase() || b >= 0x80)?;
    // Back to the start of the word holding that byte ("al-Assad", "McDonald").
    let mut p = i + off;
    while p > i && (bytes[p - 1].is_ascii_alphabetic() || matches!(bytes[p - 1], b'\'' | b'-')) {
        p -= 1;
    }
    Some(p)
}

/// The end of the word starting at `start`: letters, `'`, `’` and `-`.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if b.is_ascii_alphabetic() || b == b'\'' || b == b'-' {
                end += 1;
            } else {
                break;
            }
        } else {
            let c = char_at(text, end);
            if c.is_alphabetic() || c == '\u{2019}' {
                end += c.len_utf8();
            } else {
                break;
            }
        }
    }
    end
}

/// The word without a possessive `'s`/`’s` and trailing `'`, `’`, `-`; and whether it was
/// possessive (then a name ends with it).
fn strip_possessive(word: &str) -> (&str, bool) {
    let mut w = word;
    let mut possessive = false;
    for suf in ["'s", "\u{2019}s"] {
        if w.len() > suf.len() + 1 && w.ends_with(suf) {
            w = &w[..w.len() - suf.len()];
            possessive = true;
        }
    }
    // Plural possessive ("Lord Dubs' bill"): the name ends here too.
    if w.len() > 2 && (w.ends_with("s'") || w.ends_with("s\u{2019}")) {
        possessive = true;
    }
    (w.trim_end_matches(['\'', '\u{2019}', '-']), possessive)
}

/// Whether a name run may continue past the token `w` (of `class`) whose word ends at byte
/// `end`: the gap to the next token holds spaces and at most one line break, a period only
/// after an initial or an abbreviated title, and a `(` only before `(Surname)`.
fn joins_next(
    bytes: &[u8],
    end: usize,
    w: &str,
    class: Class,
    dotted: bool,
    lex: &Lexicon,
) -> bool {
    let mut ok = true;
    let mut k = end;
    let mut newlines = 0;
    if dotted {
        if !(w.chars().nth(1).is_none() || lex.titles.contains(w)) {
            ok = false;
        }
        k += 1;
    }
    let mut saw_space = false;
    while let Some(&b) = bytes.get(k) {
        match b {
            b' ' | b'\t' | b'\r' => saw_space = true,
            b'\n' => {
                newlines += 1;
                saw_space = true;
            }
            _ => break,
        }
        k += 1;
    }
    let mut paren_next = false;
    if ok && saw_space && newlines == 0 && bytes.get(k) == Some(&b'(') && class == Class::Cap {
        // "Ato (Boldon)": one capitalised word in parentheses continues the name.
        let inner = &bytes[k + 1..];
        let close = inner.iter().take(30).position(|&b| b == b')');
        if let Some(c) = close {
            let word = &inner[..c];
            if c >= 2
                && word[0].is_ascii_uppercase()
                && word[1..]
                    .iter()
                    .all(|b| b.is_ascii_lowercase() || *b == b'-')
            {
                paren_next = true;
                saw_space = true;
            }
        }
    }
    // A dash or a number between words ends a name ("at Cannes - Nair has become", "Rapper
    // 50 Cent").
    let dash = bytes
        .get(k)
        .is_some_and(|b| *b == b'-' || b.is_ascii_digit())
        || bytes
            .get(k..k + 3)
            .is_some_and(|d| d == "\u{2013}".as_bytes() || d == "\u{2014}".as_bytes());
    // At most one line break, some space, and no parenthesis but `(Surname)`.
    ok && newlines <= 1 && saw_space && !dash && (paren_next || bytes.get(k) != Some(&b'('))
}

/// Byte-level tokenizer: ASCII is classified without decoding; other characters are decoded
/// where they occur. Only tokens that may be part of a name are kept; a run stops at others.
pub(super) fn tokenize(text: &str, toks: &mut Vec<Tok>, lex: &Lexicon) {
    toks.clear();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    // After a token that cannot be part of a name (and at the start), jump ahead.
    let mut skip = true;
    while i < n {
        if skip {
            skip = false;
            let Some(p) = next_candidate(bytes, i) else {
                break;
            };
            i = p;
        }
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
        } else {
            let c = char_at(text, i);
            if !c.is_alphabetic() {
                i += c.len_utf8().max(1);
                continue;
            }
        }
        let start = i;
        let end = word_end(text, start);
        i = end;
        let (w, possessive) = strip_possessive(&text[start..end]);
        if w.is_empty() {
            continue;
        }
        if nickname(text, start, w, toks) {
            // `Marion "Suge" Knight`: the name runs on past the nickname, which is no part of
            // it (the labels give `Marion Knight`).
            continue;
        }
        let dotted = bytes.get(end) == Some(&b'.');
        let after_dot = start > 0 && bytes.get(start - 1) == Some(&b'.');
        let class = if after_dot {
            Class::Other
        } else {
            classify(w, dotted, lex)
        };
        if class == Class::Other {
            // Never part of a run: not stored, but the run before it must stop here.
            if let Some(last) = toks.last_mut() {
                last.joins_next = false;
            }
            skip = true;
            continue;
        }
        let joins = !possessive && joins_next(bytes, end, w, class, dotted, lex);
        // `(Surname)` completes a given name alone (`Ato (Boldon)`), not a name that already
        // has its surname: `Referee: R Styles (Hampshire)`, `Iain Fullarton (Saracens)` give
        // a county or a club in brackets, as match reports and squad lists write them.
        let joins = joins
            && !(text[end..].trim_start().starts_with('(')
                && toks
                    .last()
                    .is_some_and(|t| t.joins_next && !lex.titles.contains(&text[t.start..t.end])));
        let word = Word {
            start,
            w,
            class,
            dotted,
        };
        push_token(text, word, joins, toks, lex);
    }
}

/// Whether the word `w` at `start` is a nickname in quotes inside a name: one capitalised
/// word in straight or curly quotes, right after a name word whose run goes on, and before a
/// capitalised word (`Marion "Suge" Knight`, `Ahmed 'Mido' Hossam`).
fn nickname(text: &str, start: usize, w: &str, toks: &[Tok]) -> bool {
    const OPEN: [char; 4] = ['"', '\'', '\u{201c}', '\u{2018}'];
    const CLOSE: [char; 4] = ['"', '\'', '\u{201d}', '\u{2019}'];
    let Some(prev) = toks.last() else {
        return false;
    };
    let head = &text[..start];
    let Some(before_quote) = head.strip_suffix(OPEN) else {
        return false;
    };
    let Some(after) = text[start + w.len()..].strip_prefix(CLOSE) else {
        return false;
    };
    prev.class == Class::Cap
        && prev.joins_next
        && before_quote.len() == prev.end + 1
        && before_quote.ends_with(' ')
        && w.starts_with(char::is_uppercase)
        && w.chars().all(char::is_alphabetic)
        && after
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(char::is_uppercase))
}

/// A word kept as a token: where it starts, its text, class and whether a period follows.
struct Word<'a> {
    start: usize,
    w: &'a str,
    class: Class,
    dotted: bool,
}

/// Store `word` as a token, split in two when a title is glued to a name.
fn push_token(text: &str, word: Word<'_>, joins_next: bool, toks: &mut Vec<Tok>, lex: &Lexicon) {
    let Word {
        start,
        w,
        class,
        dotted,
    } = word;
    let wend = start + w.len();
    let glued = if class == Class::Cap {
        glued_split(w, lex)
    } else {
        None
    };
    match glued {
        Some(cut) => {
            toks.push(Tok {
                start,
                end: start + cut,
                class: Class::Cap,
                joins_next: true,
                paren: false,
            });
            toks.push(Tok {
                start: start + cut,
                end: wend,
                class: classify(&w[cut..], dotted, lex),
                joins_next,
                paren: false,
            });
        }
        None => toks.push(Tok {
            start,
            // Keep the period of an initial ("John F. Kennedy").
            end: if class == Class::Cap && dotted && w.chars().nth(1).is_none() {
                wend + 1
            } else {
                wend
            },
            class,
            joins_next,
            paren: start > 0 && text.as_bytes().get(start - 1) == Some(&b'('),
        }),
    }
}

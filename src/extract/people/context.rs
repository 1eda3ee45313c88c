//! Context windows around a candidate name: the words before and after it that mark a
//! person (a title or role, a byline, a speech verb, an appositive), a work or character
//! (`the film Vera Drake`), or a list of names.

use super::lexicon::{contains_lower, Lexicon};
use crate::extract::text::{
    first_upper, next_word, prev_word, prev_word_at, words_after, words_before, CONTEXT,
};

/// Whether the words before `pos` mark the name there as a person: a byline (`Reporting by
/// X`), a credit (`directed by X`), a speech verb (`said X`) or a role word, directly or as
/// an appositive (`the vice president, X`; `president of Colombia, X`).
pub(super) fn trigger_before(text: &str, pos: usize, lex: &Lexicon) -> bool {
    if bracketed_role(text, pos, lex) {
        return true;
    }
    let mut buf = [""; CONTEXT];
    let n = words_before(text, pos, 8, &mut buf);
    let ws = &buf[..n];
    // Byline: "Reporting by X", "(By X", line-initial "By X".
    if let Some(&w) = ws.first() {
        if w == "by" || w == "By" {
            match ws.get(1) {
                Some(p) if lex.byline_words.contains(p) => return true,
                Some(&"(") | None => return true,
                _ => {}
            }
            // "played in the film by X", "written and directed by X"
            if ws
                .iter()
                .skip(1)
                .take(4)
                .any(|p| lex.credit_verbs.contains(p))
            {
                return true;
            }
            if w == "By" {
                let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..pos].trim_start().starts_with("By") {
                    return true;
                }
            }
        }
        if lex.speech.contains(w) {
            return true; // "said Yuri Borisov"
        }
        // Not across a sentence's end (`Probably a Nokia model. Sinclair Spectrum - 16k.`).
        if contains_lower(&lex.role_words, w) && !text[..pos].trim_end().ends_with(['.', '!', '?'])
        {
            return true; // "rapper Snoop Dogg"; only right before the name
        }
    }
    // Direct trigger or appositive ("the vice president, X"; "president of Colombia, X").
    for (skipped, &w) in ws.iter().enumerate() {
        if contains_lower(&lex.triggers, w) {
            return true;
        }
        let skippable = w == ","
            || w == "of"
            || w == "the"
            || w == "for"
            || first_upper(w)
            || w == "former"
            || w == "new";
        if !skippable || skipped >= 5 {
            return false;
        }
    }
    false
}

/// `(Rural affairs minister) Alun Michael`: a role word ending a short bracket right before
/// `pos`, as a caption or a quotation names the person after it.
fn bracketed_role(text: &str, pos: usize, lex: &Lexicon) -> bool {
    let Some(inner) = text[..pos].trim_end().strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let inside = &inner[open + 1..];
    inside.len() <= 60
        && inside
            .split_whitespace()
            .last()
            .is_some_and(|w| contains_lower(&lex.triggers, w) || contains_lower(&lex.role_words, w))
}

/// Offset after a possessive `'s` / `’s` at `pos`, or `pos`.
pub(super) fn skip_possessive(text: &str, pos: usize) -> usize {
    let rest = text.get(pos..).unwrap_or("");
    for p in ["'s", "\u{2019}s"] {
        if rest.starts_with(p) {
            return pos + p.len();
        }
    }
    pos
}

/// A straight or curly quotation mark.
fn is_quote(w: &str) -> bool {
    matches!(
        w,
        "\"" | "'" | "\u{201c}" | "\u{201d}" | "\u{2018}" | "\u{2019}"
    )
}

/// Whether the words after `pos` mark the name ending there as a person: a speech verb
/// (`X said`), a relative clause (`X, who`) or a role in apposition (`X, a spokesman,`).
pub(super) fn speech_after(text: &str, pos: usize, lex: &Lexicon) -> bool {
    let mut buf = [""; CONTEXT];
    let n = words_after(text, pos, 7, &mut buf);
    let ws = &buf[..n];
    match ws.first() {
        Some(w) if lex.speech.contains(w) => true,
        Some(&",") | Some(&"-") | Some(&"\u{2013}") => {
            // "X, who ..." (a relative clause for a person); "X, the president of Y," /
            // "X, a spokesman," / "X, 45, said" / "X - the reigning champion". A quote mark
            // or the end of a clause first means X ended a quotation or a list.
            if ws.get(1) == Some(&"who") {
                return true;
            }
            for w in ws.iter().skip(1).take(6) {
                if is_quote(w) || matches!(*w, "." | ";" | ":" | "(" | ")") {
                    return false;
                }
                if contains_lower(&lex.triggers, w) || contains_lower(&lex.speech, w) {
                    return true;
                }
            }
            false
        }
        _ => false,
    }
}

/// A name that is the title of a work or a character: `the film Vera Drake`, `the Mary
/// Poppins musical`, `Becky Sharp, played by ...`, `the role of X`.
pub(super) fn work_or_character(text: &str, run_start: usize, end: usize, lex: &Lexicon) -> bool {
    let mut buf = [""; CONTEXT];
    let n = words_before(text, run_start, 3, &mut buf);
    let before = &buf[..n];
    // "... the book. Andrew Marr said": a work noun that ends the sentence before is no
    // title of the name (the period is dropped from the word before).
    let new_sentence = text[..run_start]
        .trim_end()
        .ends_with(['.', '!', '?', ':', ';']);
    let work = |w: &str| !new_sentence && lex.work_nouns.contains(&w);
    // "1947's Nicholas Nickleby": a year's possessive names a work of that year.
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    match before {
        [w, ..] if w.strip_suffix("'s").is_some_and(year) => return true,
        ["s", "\u{2019}", y, ..] if year(y) => return true,
        [w, ..] if work(w) => return true,
        [",", w, ..] if work(w) => return true,
        ["of", "role", ..] => return true,
        _ => {}
    }
    if skip_possessive(text, end) != end {
        return false; // "Thackeray's novel": the work belongs to the person
    }
    let n = words_after(text, end, 2, &mut buf);
    let n = if matches!(&buf[..n], [",", "played"] | ["played", ..]) {
        words_after(text, end, 6, &mut buf)
    } else {
        n
    };
    let after = &buf[..n];
    // "Becky Sharp, played in the film by ...": a character.
    if matches!(after, [",", "played", ..] | ["played", ..])
        && after.iter().take(6).any(|w| *w == "by")
    {
        return true;
    }
    // "a David Attenborough show": after an indefinite article, one of the person's works.
    let indefinite = matches!(prev_word(text, run_start), "a" | "an" | "A" | "An");
    match after {
        // "the Mary Poppins musical", "the James Bond franchise" (not "a Spielberg film" or
        // "the Howard Hughes biopic", whose names are people).
        [w, ..] if lex.work_nouns_after.contains(w) => !indefinite,
        _ => false,
    }
}

/// Whether this mention of a name is a role or in the title of a work (`plays millionaire
/// X`, `his role as X`, `The Life and Death of X`): it is no evidence, though another mention
/// of the name may be (`Alicia Keys has three nominations ... The Diary of Alicia Keys`).
pub(super) fn character_or_title(text: &str, run_start: usize, lex: &Lexicon) -> bool {
    role_context(text, run_start, lex) || in_title(text, run_start)
}

/// `DiCaprio plays millionaire Howard Hughes`, `playing seductive con artist Myra Langtry`,
/// `his role as troubled Carolyn Burnham`: a name after a verb of acting and a lower-case
/// description (at least one word: `plays Roger Federer` is an opponent), or after `role
/// as`, is a character.
fn role_context(text: &str, pos: usize, lex: &Lexicon) -> bool {
    let mut buf = [""; CONTEXT];
    let n = words_before(text, pos, 5, &mut buf);
    let ws = &buf[..n];
    for (i, &w) in ws.iter().enumerate() {
        if w == "as" && matches!(ws.get(i + 1), Some(&"role" | &"roles")) {
            return true;
        }
        if i >= 1 && lex.character_verbs.contains(w) {
            return true;
        }
        let description = i < 3
            && !w.is_empty()
            && w.chars().all(|c| c.is_lowercase() || c == '-')
            && !lex.character_stops.contains(w);
        if !description {
            return false;
        }
    }
    false
}

/// Whether the text before `pos` ends a sentence or a paragraph, or opens a quotation (a
/// capitalised word there is capitalised for that).
pub(super) fn sentence_start(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end_matches([' ', '\t']);
    // `said PBS' Jacoba Atlas`: an apostrophe right after a letter ends a plural possessive,
    // it opens no quotation.
    let possessive = head
        .strip_suffix(['\'', '\u{2019}'])
        .is_some_and(|h| h.ends_with(|c: char| c.is_alphabetic()));
    head.is_empty()
        || !possessive
            && head.ends_with([
                '\n', '\r', '.', '!', '?', ':', ';', '"', '\'', '(', '-', '\u{201c}', '\u{201d}',
                '\u{2018}', '\u{2019}', '\u{2013}',
            ])
}

/// `films such as The Fisher King`, `The Life and Death of Peter Sellers`: a name after a
/// capitalised `The` inside a sentence, directly or after `of` and capitalised words, is in
/// the title of a work (a person's name takes no article).
fn in_title(text: &str, pos: usize) -> bool {
    let mut buf = [""; CONTEXT];
    let n = words_before(text, pos, 6, &mut buf);
    let ws = &buf[..n];
    let the = match ws {
        ["The", ..] => Some(ws[0]),
        ["of", rest @ ..] => rest
            .iter()
            .take(5)
            .take_while(|w| first_upper(w) || matches!(**w, "and" | "&"))
            .find(|w| **w == "The")
            .copied(),
        _ => None,
    };
    the.is_some_and(|w| {
        // words_before returns slices of `text`: the word's offset is its pointer's.
        let at = w.as_ptr() as usize - text.as_ptr() as usize;
        !sentence_start(text, at)
    })
}

/// Whether `word`, lower-cased, is written in lower case in one of `texts` (a common word
/// capitalised at a sentence's start: `Yesterday`, `Analyst`).
pub(super) fn common_word(word: &str, texts: &[&str]) -> bool {
    let lower = word.to_lowercase();
    lower != word
        && texts.iter().any(|t| {
            t.match_indices(lower.as_str()).any(|(at, _)| {
                let end = at + lower.len();
                !t[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !t[end..].chars().next().is_some_and(char::is_alphanumeric)
            })
        })
}

/// Whether `surname` stands alone somewhere in `text` (no capitalised word right before or
/// after it) with a person's evidence: a speech verb after it (`Wenger added`) or a speech
/// verb, title or role before it (`said Wenger`, `Arsenal boss Wenger`).
pub(super) fn alone_with_evidence(text: &str, surname: &str, lex: &Lexicon) -> bool {
    if surname.chars().count() < 3 {
        return false;
    }
    text.match_indices(surname).any(|(at, _)| {
        let end = at + surname.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '\'')
            || after.is_some_and(|c| c.is_alphanumeric() || c == '-')
        {
            return false;
        }
        // A capitalised word right before is part of another name, unless it is a role
        // capitalised for opening the sentence (`Singer-songwriter Casey beat ...`).
        let (prev_at, prev) = prev_word_at(text, at);
        let role_opening = sentence_start(text, prev_at)
            && (contains_lower(&lex.role_words, prev) || contains_lower(&lex.triggers, prev));
        // A title after which one word is a person (`Mr Mallya`, `President Lula`) is not
        // another name but evidence, as it is when that word is output alone.
        let honorific = lex.honorifics.contains(prev.trim_end_matches('.'));
        let glued_before = first_upper(prev)
            && !prev.ends_with('.')
            && !sentence_start(text, at)
            && !role_opening
            && !honorific;
        let after_pos = skip_possessive(text, end);
        if glued_before || first_upper(next_word(text, after_pos)) {
            return false;
        }
        honorific || speech_after(text, after_pos, lex) || trigger_before(text, at, lex)
    })
}

/// Whether the text between two names joins them as list members.
pub(super) fn list_gap(text: &str, end: usize, next: usize) -> bool {
    let end = skip_possessive(text, end);
    // Short gaps only: the text between two distant names is not scanned.
    if next < end || next - end > 12 {
        return false;
    }
    let Some(gap) = text.get(end..next) else {
        return false;
    };
    let mut words = gap.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some("," | "and" | "or" | "&"), None, None) | (Some(","), Some("and" | "or"), None)
    )
}

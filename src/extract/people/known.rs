//! People known by one name or a stage name (`data/people/known_one_names.txt`): `Eminem`,
//! `Madonna`, `50 Cent`, `Dr Dre`. Nothing around such a mention marks it as a person (no
//! given name, a number or a title inside it), so the list is the evidence.

use super::lexicon::Lexicon;
use super::rules::{Cand, MAX_NAME_TOKENS};
use super::tokenize::Tok;
use crate::extract::text::prev_word;

/// Add the known names of `text` to `cands` as accepted candidates, in text order. A match
/// counts only standing alone: whole words, not inside a longer capitalised run (`Usher
/// Hall`, `Madonna Louise Ciccone`, `Art Deco`); candidates the match covers (`Dre` read
/// after the title `Dr`) give way to it.
pub(super) fn add_known_names(text: &str, toks: &[Tok], lex: &Lexicon, cands: &mut Vec<Cand>) {
    let word_char = |c: char| c.is_alphanumeric() || c == '-';
    let mut added = false;
    for m in lex.one_names.find_iter(text) {
        let (a, b) = (m.start(), m.end());
        let before = text[..a].chars().next_back();
        let after = text[b..].chars().next();
        if before.is_some_and(|c| word_char(c) || c == '\'' || c == '.')
            || after.is_some_and(|c| {
                word_char(c) || c == '.' && text[b + 1..].starts_with(char::is_alphabetic)
            })
        {
            continue;
        }
        // `the Eminem of Argentina`, `the new Maradona`, `a Madonna`: a comparison names
        // someone else.
        if matches!(
            prev_word(text, a),
            "the" | "The" | "a" | "A" | "an" | "new" | "next" | "another" | "Another"
        ) {
            continue;
        }
        // The name tokens inside the match, and whether a run goes on past either end.
        let first = toks.partition_point(|t| t.end <= a);
        let last = toks.partition_point(|t| t.start < b);
        let joined_before = first > 0 && toks[first - 1].joins_next;
        let joined_after = last > first && toks[last - 1].joins_next;
        if joined_before || joined_after {
            continue;
        }
        // One span per word (the list's entries are at most three words, see its test).
        let mut spans = [(0, 0); MAX_NAME_TOKENS];
        let mut len = 0;
        let mut start = a;
        for word in text[a..b].split(' ').take(MAX_NAME_TOKENS) {
            spans[len] = (start, start + word.len());
            len += 1;
            start += word.len() + 1;
        }
        cands.retain(|c| !(c.spans[0].0 >= a && c.end <= b));
        cands.push(Cand {
            spans,
            len,
            accepted: true,
            list_only: false,
            run_start: a,
            end: b,
        });
        added = true;
    }
    if added {
        cands.sort_by_key(|c| c.run_start);
    }
}

//! Display titles for stories that come without one: the first sentence of
//! the body, cut on a word boundary, and marked as derived (`title_derived`)
//! so programs can tell it from a headline.

use std::sync::LazyLock;

use crate::article::{field, Article};
use crate::gazetteer::list_entries;

/// Abbreviations whose full stop ends no sentence (`Mr. Smith`).
static ABBREVIATIONS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    list_entries(include_str!("../../data/parse/title_abbreviations.txt")).collect()
});

/// Longest derived title, in characters (before the ellipsis).
const MAX_DERIVED: usize = 90;

/// The value of `title_derived` on an article whose title was derived.
pub const DERIVED: &str = "true";

/// Gives an article without a title one from the first sentence of its body,
/// and marks it as derived. Articles with a title, or no body, are unchanged.
pub fn derive_missing(a: &mut Article) {
    if !a.title.trim().is_empty() {
        return;
    }
    if let Some(title) = first_sentence_title(&a.body) {
        a.title = title;
        a.set_value(field::TITLE_DERIVED, Some(DERIVED.to_string()));
    }
}

/// The first sentence of `body` (up to its end mark, or the first line
/// break), cut at [`MAX_DERIVED`] characters on a word boundary with `…`.
pub fn first_sentence_title(body: &str) -> Option<String> {
    let text = body.trim_start();
    let line = text.split('\n').next().unwrap_or("").trim();
    if line.is_empty() {
        return None;
    }
    let sentence = &line[..sentence_end(line)];
    let sentence = sentence.trim_end_matches(['.', ' ']);
    if sentence.chars().count() <= MAX_DERIVED {
        return Some(sentence.to_string());
    }
    let cut = sentence
        .char_indices()
        .nth(MAX_DERIVED)
        .map_or(sentence.len(), |(i, _)| i);
    let head = &sentence[..cut];
    let head = head
        .rfind(' ')
        .filter(|&i| i > 0)
        .map_or(head, |i| &head[..i]);
    Some(format!(
        "{}…",
        head.trim_end_matches([',', ';', ':', ' ', '-'])
    ))
}

/// Byte offset just after the first sentence's end mark in `line`, or its
/// length. A period ends a sentence before a space and a capital letter or
/// quote, unless it ends an initial or abbreviation (`U.S.`, `Mr.`, `J.`).
fn sentence_end(line: &str) -> usize {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'.' | b'?' | b'!') {
            continue;
        }
        let after = &line[i + 1..];
        let next_starts = after.starts_with(' ')
            && after[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '"' || c == '\u{201c}');
        if !next_starts {
            continue;
        }
        if b == b'.' {
            let word = line[..i].rsplit(' ').next().unwrap_or("");
            let abbreviation =
                word.contains('.') || word.chars().count() <= 1 || ABBREVIATIONS.contains(&word);
            if abbreviation {
                continue;
            }
        }
        return i + 1;
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence() {
        let cases = [
            ("Oil rose. Then it fell.", "Oil rose"),
            (
                "The U.S. Federal Reserve held rates. Powell spoke.",
                "The U.S. Federal Reserve held rates",
            ),
            ("Mr. Smith resigned on Monday. He left.", "Mr. Smith resigned on Monday"),
            ("Is it over? Nobody knows.", "Is it over?"),
            ("One line\nsecond line", "One line"),
            (
                "Herders in northern Kenya and southern Ethiopia are driving their cattle hundreds of miles in search of water.",
                "Herders in northern Kenya and southern Ethiopia are driving their cattle hundreds of…",
            ),
        ];
        for (body, want) in cases {
            assert_eq!(first_sentence_title(body).as_deref(), Some(want), "{body}");
        }
        assert_eq!(first_sentence_title("  \n"), None);
    }

    #[test]
    fn derives_only_when_missing() {
        let mut a = Article {
            body: "Prices rose. More text.".into(),
            ..Article::default()
        };
        derive_missing(&mut a);
        assert_eq!(a.title, "Prices rose");
        assert_eq!(a.value(field::TITLE_DERIVED), Some(DERIVED));
        let mut b = Article {
            title: "Headline".into(),
            body: "Prices rose.".into(),
            ..Article::default()
        };
        derive_missing(&mut b);
        assert_eq!(b.title, "Headline");
        assert_eq!(b.value(field::TITLE_DERIVED), None);
    }
}

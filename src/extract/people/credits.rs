//! Credit lines and bylines: `(Reporting by Ana Ruiz in Caracas; Editing by Tom
//! Hale)` and a line-initial `By Ana Ruiz` name the people who wrote the story,
//! not the people it is about. [`split_credits`] takes them out of the text
//! people are looked for in, and returns the names for the `author` field.

use std::borrow::Cow;

use super::lexicon::lexicon;

/// Longest line read as a `By ...` byline (longer ones are prose).
const MAX_BYLINE: usize = 80;

/// The body without its credit and byline lines, and the names those lines
/// give, in order, without repeats.
pub fn split_credits(body: &str) -> (Cow<'_, str>, Vec<String>) {
    let mut authors: Vec<String> = Vec::new();
    let mut kept = String::new();
    let mut changed = false;
    for line in body.split_inclusive('\n') {
        match credit_names(line.trim()) {
            Some(names) => {
                changed = true;
                for n in names {
                    if !authors.contains(&n) {
                        authors.push(n);
                    }
                }
                kept.push('\n');
            }
            None => kept.push_str(line),
        }
    }
    if changed {
        (Cow::Owned(kept), authors)
    } else {
        (Cow::Borrowed(body), authors)
    }
}

/// The names of a credit line (`(Reporting by X; Editing by Y)`) or byline
/// (`By X`), or `None` when the line is neither.
fn credit_names(line: &str) -> Option<Vec<String>> {
    let lex = lexicon();
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        let mut names = Vec::new();
        for part in inner.split(';') {
            let (before, after) = part.trim().split_once(" by ")?;
            let word = before.split_whitespace().last()?;
            if !lex.byline_words.contains(word) {
                return None;
            }
            names.extend(names_in(after));
        }
        return (!names.is_empty()).then_some(names);
    }
    let rest = line.strip_prefix("By ")?;
    if line.len() > MAX_BYLINE || line.ends_with('.') && rest.split_whitespace().count() > 6 {
        return None;
    }
    let names = names_in(rest);
    (!names.is_empty()).then_some(names)
}

/// The names in a credit's list: `X in Caracas and Y in Moscow`, `X, Y`;
/// places (`in ...`) and affiliations after a comma dropped.
fn names_in(list: &str) -> Vec<String> {
    list.split(" and ")
        .flat_map(|p| p.split(','))
        .map(|p| p.split(" in ").next().unwrap_or("").trim())
        .filter(|p| p.chars().next().is_some_and(char::is_uppercase))
        .filter(|p| p.split_whitespace().count() >= 2)
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lines_and_bylines() {
        let body = "Text about Nicolás Maduro.\n\n(Reporting by Lucía Benavides in Caracas; Additional reporting by Pavel Sorokin in Moscow; Editing by Helen Marsh)";
        let (rest, authors) = split_credits(body);
        assert_eq!(authors, ["Lucía Benavides", "Pavel Sorokin", "Helen Marsh"]);
        assert_eq!(rest.trim(), "Text about Nicolás Maduro.");
        let (_, two) = split_credits(
            "(Reporting by Ann Lee in Washington and Bo Chan in New York; Editing by Cy Dee)",
        );
        assert_eq!(two, ["Ann Lee", "Bo Chan", "Cy Dee"]);
        let (rest, by) = split_credits("By Maria Lopez, Reuters\nOil rose.");
        assert_eq!(by, ["Maria Lopez"]);
        assert_eq!(rest.trim(), "Oil rose.");
        // Not credits: a parenthesis of prose, a sentence opening with "By".
        for text in [
            "(The bill was passed by Congress in March)",
            "By Friday, John Smith had resigned from the board and left the country for good.",
        ] {
            let (rest, names) = split_credits(text);
            assert!(names.is_empty(), "{text}");
            assert_eq!(rest, text);
        }
    }
}

//! The query front end: tantivy's query parser over title and body (title
//! boosted, AND by default), plus what news researchers type that the parser
//! does not do itself: `econom*` truncation and `Borisof~1` fuzzy terms.
//!
//! Such terms are taken out of the query text before parsing and added back
//! as required (or, with a leading `-`, excluded) clauses. That keeps the
//! parser's own syntax intact for everything else; the cost is that a
//! truncated or fuzzy term always joins the rest with AND.

use std::ops::Bound;

use chrono::{DateTime, Utc};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, QueryParser, RangeQuery,
    TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, Term};

use crate::error::{Error, Result};
use crate::index::Fields;

/// A term the parser cannot express on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecialTerm {
    /// `econom*`: every term starting with the text.
    Prefix { text: String, negated: bool },
    /// `Borisof~1`: terms within the edit distance.
    Fuzzy {
        text: String,
        distance: u8,
        negated: bool,
    },
}

/// Split a query into what tantivy's parser reads and the special terms.
pub fn split_special_terms(query: &str) -> Result<(String, Vec<SpecialTerm>)> {
    let mut rest = String::with_capacity(query.len());
    let mut specials = Vec::new();
    let mut in_quotes = false;
    for (i, token) in tokens_keeping_quotes(query) {
        let quotes_before = token.matches('"').count();
        if !in_quotes && quotes_before == 0 {
            if let Some(special) = parse_special(token, i)? {
                specials.push(special);
                continue;
            }
        }
        if quotes_before % 2 == 1 {
            in_quotes = !in_quotes;
        }
        if !rest.is_empty() {
            rest.push(' ');
        }
        rest.push_str(token);
    }
    Ok((rest, specials))
}

/// Whitespace tokens with their byte offsets.
fn tokens_keeping_quotes(query: &str) -> impl Iterator<Item = (usize, &str)> {
    query
        .split_whitespace()
        .map(move |t| (t.as_ptr() as usize - query.as_ptr() as usize, t))
}

fn parse_special(token: &str, offset: usize) -> Result<Option<SpecialTerm>> {
    let (negated, body) = match token.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, token),
    };
    // `field:term*` is left to the parser: it targets one field explicitly.
    if body.contains(':') || body.contains('(') || body.contains(')') {
        return Ok(None);
    }
    let word_ok = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '\'');
    if let Some(stem) = body.strip_suffix('*') {
        if !word_ok(stem) {
            return Err(Error::Query(format!(
                "'{token}' at column {}: truncation needs letters before the '*', as in econom*",
                offset + 1
            )));
        }
        return Ok(Some(SpecialTerm::Prefix {
            text: stem.to_string(),
            negated,
        }));
    }
    if let Some((word, dist)) = body.rsplit_once('~') {
        if word_ok(word) && !word.is_empty() {
            let distance = if dist.is_empty() {
                Ok(1)
            } else {
                dist.parse::<u8>()
            };
            return match distance {
                Ok(d) if d <= 2 => Ok(Some(SpecialTerm::Fuzzy {
                    text: word.to_string(),
                    distance: d,
                    negated,
                })),
                _ => Err(Error::Query(format!(
                    "'{token}' at column {}: fuzzy distance must be 0, 1 or 2, as in Borisof~1",
                    offset + 1
                ))),
            };
        }
    }
    Ok(None)
}

/// Build the text part of a search: the parsed query plus special terms.
/// An empty query matches every document.
pub fn text_query(
    index: &Index,
    f: &Fields,
    title_boost: f32,
    query: &str,
) -> Result<Box<dyn Query>> {
    let (rest, specials) = split_special_terms(query)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !rest.trim().is_empty() {
        let mut parser = QueryParser::for_index(index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, title_boost);
        let parsed = parser
            .parse_query(&rest)
            .map_err(|e| Error::Query(format!("{e} in '{rest}'")))?;
        clauses.push((Occur::Must, parsed));
    }
    for special in &specials {
        let (q, negated) = special_query(f, title_boost, special);
        clauses.push((if negated { Occur::MustNot } else { Occur::Must }, q));
    }
    if clauses.is_empty() {
        return Ok(Box::new(AllQuery));
    }
    if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    if clauses.len() == 1 && clauses[0].0 == Occur::Must {
        return Ok(clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(AllQuery)));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// The index-side form of a word: what the `news` tokenizer makes of it,
/// without stemming (a prefix or a misspelling must not be stemmed).
fn normalise_word(word: &str) -> String {
    deunicode::deunicode(word).to_lowercase()
}

fn special_query(f: &Fields, title_boost: f32, special: &SpecialTerm) -> (Box<dyn Query>, bool) {
    let (text, negated) = match special {
        SpecialTerm::Prefix { text, negated } | SpecialTerm::Fuzzy { text, negated, .. } => {
            (normalise_word(text), *negated)
        }
    };
    let per_field = |field| -> Box<dyn Query> {
        let term = Term::from_field_text(field, &text);
        match special {
            // Distance 0 with the prefix flag is an exact prefix match.
            SpecialTerm::Prefix { .. } => Box::new(FuzzyTermQuery::new_prefix(term, 0, true)),
            SpecialTerm::Fuzzy { distance, .. } => {
                Box::new(FuzzyTermQuery::new(term, *distance, true))
            }
        }
    };
    let title: Box<dyn Query> = Box::new(BoostQuery::new(per_field(f.title), title_boost));
    let q = BooleanQuery::new(vec![
        (Occur::Should, title),
        (Occur::Should, per_field(f.body)),
    ]);
    (Box::new(q), negated)
}

/// Documents carrying any of `values` in a keyword field.
pub fn any_of(field: tantivy::schema::Field, values: &[String]) -> Box<dyn Query> {
    let clauses = values
        .iter()
        .map(|v| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// Documents dated within `[since, until)`.
pub fn date_range(
    field: tantivy::schema::Field,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Box<dyn Query> {
    let bound = |d: Option<DateTime<Utc>>, inclusive: bool| match d {
        Some(d) => {
            let t =
                Term::from_field_date(field, tantivy::DateTime::from_timestamp_secs(d.timestamp()));
            if inclusive {
                Bound::Included(t)
            } else {
                Bound::Excluded(t)
            }
        }
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(bound(since, true), bound(until, false)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_terms_are_split_out() {
        let cases: &[(&str, &str, Vec<SpecialTerm>)] = &[
            (
                "oil econom*",
                "oil",
                vec![SpecialTerm::Prefix {
                    text: "econom".into(),
                    negated: false,
                }],
            ),
            (
                "Borisof~1 visit",
                "visit",
                vec![SpecialTerm::Fuzzy {
                    text: "Borisof".into(),
                    distance: 1,
                    negated: false,
                }],
            ),
            (
                "-coff* tea",
                "tea",
                vec![SpecialTerm::Prefix {
                    text: "coff".into(),
                    negated: true,
                }],
            ),
            ("\"big bad wo\"*", "\"big bad wo\"*", vec![]),
            ("\"cut oil~\" x", "\"cut oil~\" x", vec![]),
            ("title:oil*", "title:oil*", vec![]),
            ("\"oil price\"~2", "\"oil price\"~2", vec![]),
            ("oil AND gas", "oil AND gas", vec![]),
        ];
        for (q, rest, specials) in cases {
            let (r, s) = split_special_terms(q).unwrap();
            assert_eq!(&r, rest, "{q}");
            assert_eq!(&s, specials, "{q}");
        }
    }

    #[test]
    fn bad_special_terms_are_errors() {
        for q in ["*", "oil **", "Borisof~7"] {
            assert!(split_special_terms(q).is_err(), "{q}");
        }
    }
}

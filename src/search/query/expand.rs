//! Truncated (`econom*`) and fuzzy (`Borisof~1`) words, expanded to the
//! index's own words and searched as scored terms.
//!
//! tantivy's prefix and fuzzy queries (`FuzzyTermQuery`, `RegexQuery`, the
//! automaton weights) give every hit the same score, so their hits come in
//! no useful order. Here the word is matched against each segment's term
//! dictionary with tantivy's own Levenshtein automaton (distance 0 with the
//! prefix flag is truncation), and every matching word becomes a BM25
//! `TermQuery`, ORed: a story that says `economy` five times outranks one
//! that says `economic` once, as with any other word.
//!
//! The number of words one term may expand to is capped: see
//! [`MAX_EXPANSION`].

use std::collections::BTreeSet;

use tantivy::query::{BooleanQuery, EmptyQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::error::{Error, Result};

/// Most index words one truncated or fuzzy term may match in one field.
///
/// Each word is one scored term query, so the cap bounds the work of a
/// query. In the body of Reuters-21578, truncations people type match far
/// fewer (`econom*` 7 words, `pres*` 33, even `co*` 863, `oil~2` 647), while
/// `s*` and `a~2` match more than 1,000: past the cap the query fails and
/// says why, rather than OR-ing a large part of the vocabulary. Bigger
/// archives have more words, so a short prefix fails sooner there.
pub const MAX_EXPANSION: usize = 1_000;

/// How a word is widened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widen {
    /// `econom*`: every word starting with it.
    Prefix,
    /// `Borisof~1`: every word within this many edits (0 to 2; a
    /// transposition counts as one edit).
    Fuzzy(u8),
}

/// The index words of `field` that any of `patterns` matches, across all
/// segments. `typed` is the term as the user wrote it, for messages.
pub fn matching_words(
    searcher: &Searcher,
    field: Field,
    patterns: &[(String, Widen)],
    typed: &str,
) -> Result<BTreeSet<String>> {
    let mut words = BTreeSet::new();
    for (word, widen) in patterns {
        let term = Term::from_field_text(field, word);
        let query = match widen {
            Widen::Prefix => FuzzyTermQuery::new_prefix(term, 0, true),
            Widen::Fuzzy(d) => FuzzyTermQuery::new(term, *d, true),
        };
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .search(query.automaton()?)
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                words.insert(String::from_utf8_lossy(stream.key()).into_owned());
                if words.len() > MAX_EXPANSION {
                    return Err(Error::Query(format!(
                        "'{typed}' matches more than {MAX_EXPANSION} words in the index; {}",
                        match widen {
                            Widen::Prefix => "give more letters before the '*'",
                            Widen::Fuzzy(_) => "lower the distance or give a longer word",
                        }
                    )));
                }
            }
        }
    }
    Ok(words)
}

/// Documents with any word of `field` that `patterns` match, scored by
/// BM25 over the words they contain.
pub fn scored_query(
    searcher: &Searcher,
    field: Field,
    patterns: &[(String, Widen)],
    typed: &str,
) -> Result<Box<dyn Query>> {
    let words = matching_words(searcher, field, patterns, typed)?;
    if words.is_empty() {
        return Ok(Box::new(EmptyQuery));
    }
    let clauses = words
        .iter()
        .map(|w| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, w),
                IndexRecordOption::WithFreqs,
            ));
            (Occur::Should, q)
        })
        .collect();
    Ok(Box::new(BooleanQuery::new(clauses)))
}

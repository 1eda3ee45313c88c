//! One person, one value across the whole index: after a run's last commit, the person
//! values of every article are folded by [`canonical_names`] (titles cut, spelling variants
//! joined, a surname alone resolved to the one full name the index holds) and the articles
//! holding a value that changes are written again with the folded values.
//!
//! Why at index time, over the whole index: every reader (facet counts, filters, hits,
//! co-occurrence, exports, the server) then sees one value per person without knowing the
//! rule, and the folding costs one pass per run instead of one per query. The pass reads the
//! index after the run, so values from earlier runs take part: a full name indexed today
//! resolves a surname indexed last week.

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, IndexWriter, Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::extract::people::canonical::canonical_names;
use crate::index::Fields;

/// What folding the person values did to the index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PeopleFolded {
    /// Distinct person values before folding.
    pub values_before: u64,
    /// Distinct person values after folding.
    pub values_after: u64,
    /// Articles written again with folded values.
    pub articles_rewritten: u64,
}

/// The distinct values of `field` held by live articles, with how many hold each.
fn values_with_counts(searcher: &Searcher, field: Field) -> Result<Vec<(String, u64)>> {
    let mut values: Vec<String> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(|e| Error::io("reading the term dictionary", e))?;
        while stream.advance() {
            if let Ok(s) = std::str::from_utf8(stream.key()) {
                values.push(s.to_string());
            }
        }
    }
    values.sort();
    values.dedup();
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        // Live articles only: a value left in deleted documents alone must not count.
        let q = TermQuery::new(Term::from_field_text(field, &v), IndexRecordOption::Basic);
        let n = searcher.search(&q, &Count)? as u64;
        if n > 0 {
            out.push((v, n));
        }
    }
    Ok(out)
}

/// The live articles holding `value` in `field`.
fn articles_with(searcher: &Searcher, field: Field, value: &str) -> Result<Vec<DocAddress>> {
    let q = TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    );
    Ok(searcher.search(&q, &DocSetCollector)?.into_iter().collect())
}

/// Fold the person values of the index `searcher` reads, writing the changed articles with
/// `writer` (not committed here: the caller commits).
pub fn fold_people(
    searcher: &Searcher,
    fields: &Fields,
    writer: &mut IndexWriter,
) -> Result<PeopleFolded> {
    let Some(person) = fields.named(crate::article::field::PERSON) else {
        return Ok(PeopleFolded::default());
    };
    let values = values_with_counts(searcher, person)?;
    let map = canonical_names(&values);
    let before: std::collections::BTreeSet<&str> = values.iter().map(|(v, _)| v.as_str()).collect();
    let after: std::collections::BTreeSet<&str> = before
        .iter()
        .map(|v| map.get(*v).map_or(*v, String::as_str))
        .collect();
    let mut addresses: Vec<DocAddress> = Vec::new();
    for value in map.keys() {
        addresses.extend(articles_with(searcher, person, value)?);
    }
    addresses.sort();
    addresses.dedup();
    for address in &addresses {
        let old: TantivyDocument = searcher.doc(*address)?;
        let Some(id) = old.get_first(fields.id).and_then(|v| v.as_str()) else {
            continue;
        };
        let mut doc = TantivyDocument::default();
        let mut people: Vec<String> = Vec::new();
        for (field, value) in old.field_values() {
            if field != person {
                doc.add_field_value(field, value);
                continue;
            }
            if let Some(v) = value.as_str() {
                let v = map.get(v).cloned().unwrap_or_else(|| v.to_string());
                if !people.contains(&v) {
                    people.push(v);
                }
            }
        }
        for p in &people {
            doc.add_text(person, p);
        }
        writer.delete_term(Term::from_field_text(fields.id, id));
        writer.add_document(doc)?;
    }
    Ok(PeopleFolded {
        values_before: before.len() as u64,
        values_after: after.len() as u64,
        articles_rewritten: addresses.len() as u64,
    })
}

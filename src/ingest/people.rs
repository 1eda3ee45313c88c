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
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::extract::people::canonical::{canonical_names, SurnameEvidence};
use crate::index::rewrite::Rewrites;
use crate::index::stored::StoredDocs;
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
    let mut out = Vec::new();
    for v in crate::search::vocab::vocabulary(searcher, field)? {
        let q = TermQuery::new(Term::from_field_text(field, &v), IndexRecordOption::Basic);
        let n = searcher.search(&q, &Count)? as u64;
        out.push((v, n));
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

/// How many distinct person values the live articles of `searcher`'s index hold.
pub fn count_values(searcher: &Searcher, fields: &Fields) -> Result<u64> {
    match fields.named(crate::article::field::PERSON) {
        Some(person) => Ok(values_with_counts(searcher, person)?.len() as u64),
        None => Ok(0),
    }
}

/// Fold the person values of the index `searcher` reads, planning the changed articles'
/// new values into `rewrites` (the caller writes and commits them, then counts the values
/// left with [`count_values`]). `evidence` says whom each source means by a surname alone, learnt from
/// its articles in this run.
pub fn fold_people(
    searcher: &Searcher,
    stored: &StoredDocs,
    fields: &Fields,
    rewrites: &mut Rewrites,
    evidence: &SurnameEvidence,
) -> Result<PeopleFolded> {
    let Some(person) = fields.named(crate::article::field::PERSON) else {
        return Ok(PeopleFolded::default());
    };
    let source_field = fields.named(crate::article::field::SOURCE);
    let values = values_with_counts(searcher, person)?;
    let map = canonical_names(&values);
    // The value an article of `source` holding `v` gets, if it changes.
    let target = |source: &str, v: &str| -> Option<String> {
        match evidence.full_name(source, v) {
            Some(full) => Some(map.get(full).cloned().unwrap_or_else(|| full.to_string())),
            None => map.get(v).cloned(),
        }
    };
    let mut touched: Vec<&str> = map.keys().map(String::as_str).collect();
    touched.extend(evidence.keys().map(|(_, surname)| surname));
    touched.sort_unstable();
    touched.dedup();
    let mut addresses: Vec<DocAddress> = Vec::new();
    for value in touched {
        addresses.extend(articles_with(searcher, person, value)?);
    }
    addresses.sort();
    addresses.dedup();
    let mut rewritten = 0;
    for address in &addresses {
        let old: TantivyDocument = stored.doc(*address)?;
        if old.get_first(fields.id).and_then(|v| v.as_str()).is_none() {
            continue;
        }
        let source = source_field
            .and_then(|f| old.get_first(f))
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let mut changed = false;
        let mut people: Vec<String> = Vec::new();
        for (field, value) in old.field_values() {
            if field != person {
                continue;
            }
            if let Some(v) = value.as_str() {
                let v = match target(source, v) {
                    Some(t) => {
                        changed = true;
                        t
                    }
                    None => v.to_string(),
                };
                if !people.contains(&v) {
                    people.push(v);
                }
            }
        }
        if !changed {
            continue;
        }
        rewrites.set_people(*address, people);
        rewritten += 1;
    }
    Ok(PeopleFolded {
        values_before: values.len() as u64,
        values_after: values.len() as u64,
        articles_rewritten: rewritten,
    })
}

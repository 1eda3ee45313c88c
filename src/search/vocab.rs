//! Resolving filter values against the index's own vocabulary: ignoring case
//! and diacritics, through country aliases, and by surname (`putin` finds
//! `Vladimir Putin`). A value that matches nothing is an error with the
//! closest values as suggestions, never a silent empty answer.

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::error::{Error, Result};
use crate::gazetteer;
use crate::schema::{FacetField, Resolve};
use crate::search::facet_counts::label_for;

/// Every distinct value of a keyword field across the index's segments.
pub fn vocabulary(searcher: &Searcher, field: Field) -> Result<Vec<String>> {
    let mut values = Vec::new();
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
    Ok(values)
}

/// The stored value a filter value names exactly (for a country, through
/// its aliases), when the index holds it; None means "scan the vocabulary".
pub fn exact_value(
    searcher: &Searcher,
    facet: FacetField,
    field: Field,
    value: &str,
) -> Result<Option<String>> {
    let candidate = match facet.resolve() {
        // A canonical id names itself (tested in `facet_counts`): no
        // gazetteer tables needed for the common `--country usa`.
        Resolve::Country if gazetteer::country_name(value.trim()).is_some() => {
            value.trim().to_string()
        }
        Resolve::Country => match gazetteer::resolve_country(value) {
            Some(c) => c.id.clone(),
            None => return Ok(None),
        },
        Resolve::Person | Resolve::Exact => value.trim().to_string(),
    };
    let term = tantivy::Term::from_field_text(field, &candidate);
    Ok((searcher.doc_freq(&term)? > 0).then_some(candidate))
}

/// The stored values a user's filter value stands for (one or more).
pub fn resolve(facet: FacetField, value: &str, vocab: &[String]) -> Result<Vec<String>> {
    let wanted = gazetteer::fold(value);
    if wanted.is_empty() {
        return Err(Error::EmptyFilterValue {
            facet: facet.name().to_string(),
        });
    }
    if facet.resolve() == Resolve::Country {
        if let Some(c) = gazetteer::resolve_country(value) {
            if vocab.iter().any(|v| v == &c.id) {
                return Ok(vec![c.id.clone()]);
            }
        }
    }
    let exact: Vec<String> = vocab
        .iter()
        .filter(|v| gazetteer::fold(v) == wanted || gazetteer::fold(&label_for(facet, v)) == wanted)
        .cloned()
        .collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    // Every word of the value appears as a word of the stored value:
    // `putin` → `Vladimir Putin`, `maduro` → `Nicolás Maduro`.
    let spaced = wanted.replace('-', " ");
    let words: Vec<&str> = spaced.split(' ').collect();
    let partial: Vec<String> = vocab
        .iter()
        .filter(|v| {
            let folded = gazetteer::fold(&label_for(facet, v)).replace('-', " ");
            let have: Vec<&str> = folded.split(' ').collect();
            words.iter().all(|w| have.contains(w))
        })
        .cloned()
        .collect();
    if !partial.is_empty() {
        return Ok(partial);
    }
    Err(Error::UnknownFilterValue {
        field: facet.name().to_string(),
        value: value.to_string(),
        suggestions: suggestions(facet, &wanted, vocab),
    })
}

/// "; did you mean: a, b, c?" with the closest values, or a hint.
fn suggestions(facet: FacetField, wanted: &str, vocab: &[String]) -> String {
    let mut scored: Vec<(f64, String)> = vocab
        .iter()
        .map(|v| {
            let label = label_for(facet, v);
            let score = strsim::jaro_winkler(wanted, &gazetteer::fold(&label))
                .max(strsim::jaro_winkler(wanted, &gazetteer::fold(v)));
            (score, label)
        })
        .filter(|(s, _)| *s > 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    if scored.is_empty() {
        format!("; see the values with `newsdex facets {}`", facet.name())
    } else {
        let names: Vec<String> = scored.into_iter().take(5).map(|(_, l)| l).collect();
        format!("; did you mean: {}?", names.join(", "))
    }
}

//! Resolving filter values against the index's own vocabulary: ignoring case
//! and diacritics, through country aliases, and by surname (`putin` finds
//! `Vladimir Putin`). A value that matches nothing is an error with the
//! closest values as suggestions, never a silent empty answer. Filter flags
//! and `field:value` query leaves resolve through [`resolve_value`] alike.

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, TERMINATED};

use crate::error::{Error, Result};
use crate::gazetteer;
use crate::schema::{FacetField, Resolve};
use crate::search::facet_counts::label_for;

/// Every distinct value of a keyword field held by a live article. A value
/// only deleted articles hold (an article replaced with other values, as the
/// person folding at index time does, until its segment is merged) is none.
pub fn vocabulary(searcher: &Searcher, field: Field) -> Result<Vec<String>> {
    let mut values = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(|e| Error::io("reading the term dictionary", e))?;
        let alive = segment.alive_bitset();
        while stream.advance() {
            if let Some(alive) = alive {
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                    .map_err(|e| Error::io("reading the postings", e))?;
                let mut doc = postings.doc();
                while doc != TERMINATED && !alive.is_alive(doc) {
                    doc = postings.advance();
                }
                if doc == TERMINATED {
                    continue;
                }
            }
            if let Ok(s) = std::str::from_utf8(stream.key()) {
                values.push(s.to_string());
            }
        }
    }
    values.sort();
    values.dedup();
    Ok(values)
}

/// The stored values a filter value of `facet` stands for, read from the
/// index: the shared path of filter flags and facet fields in queries.
/// `vocab` caches the field's vocabulary across several values.
pub fn resolve_value(
    searcher: &Searcher,
    facet: FacetField,
    field: Field,
    value: &str,
    vocab: &mut Option<Vec<String>>,
) -> Result<Vec<String>> {
    // The common case needs no vocabulary scan: the value (or the country
    // it names) is stored exactly as given. Not for people: `Putin` being
    // stored must not hide `Vladimir Putin`.
    if facet.resolve() != Resolve::Person {
        if let Some(v) = exact_value(searcher, facet, field, value)? {
            return Ok(vec![v]);
        }
    }
    if vocab.is_none() {
        *vocab = Some(vocabulary(searcher, field)?);
    }
    resolve(facet, value, vocab.as_deref().unwrap_or_default())
}

/// A person's name as compared: folded, `.` and `-` read as spaces
/// (`George W. Bush` is `george w bush`), split into words.
fn person_words(name: &str) -> Vec<String> {
    gazetteer::fold(&name.replace(['.', '-'], " "))
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The person values a typed name stands for: every value whose words
/// include all the typed words. One word is a surname or a given name
/// (`bush` finds `George W Bush` and `George Bush`); a full name narrows
/// (`george w bush` finds `George W Bush` and `George W. Bush`, not
/// `George Bush`). Unlike other facets, an exact match does not stop the
/// search: `putin` finds `Putin` and `Vladimir Putin`.
fn person_values(value: &str, vocab: &[String]) -> Vec<String> {
    let want = person_words(value);
    if want.is_empty() {
        return Vec::new();
    }
    vocab
        .iter()
        .filter(|v| {
            let have = person_words(v);
            want.iter().all(|w| have.contains(w))
        })
        .cloned()
        .collect()
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
    if facet.resolve() == Resolve::Person {
        let people = person_values(value, vocab);
        if !people.is_empty() {
            return Ok(people);
        }
        return Err(Error::UnknownFilterValue {
            field: facet.name().to_string(),
            value: value.to_string(),
            suggestions: suggestions(facet, &wanted, vocab),
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<String> {
        [
            "Putin",
            "Vladimir Putin",
            "Vladimir V. Putin",
            "Tony Blair",
            "Blair",
            "George W Bush",
            "George W. Bush",
            "George Bush",
            "Laura Bush",
            "Bushnell",
            "Nicolás Maduro",
            "Jean-Claude Juncker",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn person(value: &str) -> Vec<String> {
        let facet = FacetField::named("person").unwrap();
        let mut got = resolve(facet, value, &people()).unwrap();
        got.sort();
        got
    }

    #[test]
    fn a_surname_finds_every_person_with_it_even_after_an_exact_match() {
        assert_eq!(
            person("putin"),
            ["Putin", "Vladimir Putin", "Vladimir V. Putin"]
        );
        assert_eq!(person("BLAIR"), ["Blair", "Tony Blair"]);
        assert_eq!(
            person("bush"),
            [
                "George Bush",
                "George W Bush",
                "George W. Bush",
                "Laura Bush"
            ]
        );
        assert_eq!(person("maduro"), ["Nicolás Maduro"]);
        assert_eq!(person("juncker"), ["Jean-Claude Juncker"]);
    }

    #[test]
    fn a_full_name_narrows_and_dots_are_nothing() {
        assert_eq!(person("george w bush"), ["George W Bush", "George W. Bush"]);
        assert_eq!(
            person("George W. Bush"),
            ["George W Bush", "George W. Bush"]
        );
        assert_eq!(
            person("george bush"),
            ["George Bush", "George W Bush", "George W. Bush"]
        );
        assert_eq!(person("vladimir v putin"), ["Vladimir V. Putin"]);
        assert_eq!(person("Nicolas Maduro"), ["Nicolás Maduro"]);
    }

    #[test]
    fn an_unknown_person_suggests_close_names() {
        let facet = FacetField::named("person").unwrap();
        let e = resolve(facet, "putn", &people()).unwrap_err().to_string();
        assert!(e.contains("did you mean"), "{e}");
        assert!(e.contains("Putin"), "{e}");
    }
}

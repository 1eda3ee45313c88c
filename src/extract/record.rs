//! The line `newsdex extract` prints per article; its JSON Schema is
//! `schema/extract.schema.json`, and the held-out evaluation reads it, so
//! its shape stays stable.

use serde::Serialize;

use crate::article::Article;
use crate::extract::{self, ExtractError};
use crate::gazetteer;

/// Dateline cities, countries and people of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractRecord {
    /// The article id, as the index stores it (see `parse::id`).
    pub id: String,
    /// Dateline cities in title case.
    pub dateline: Vec<String>,
    /// Country display names.
    pub countries: Vec<String>,
    /// Person display names.
    pub people: Vec<String>,
}

impl ExtractRecord {
    /// Run extraction on an article (whatever tags its source gave) and
    /// report what the text says.
    pub fn from_article(a: &Article) -> Result<ExtractRecord, ExtractError> {
        let found = extract::extract(a)?;
        Ok(ExtractRecord {
            id: a.id.clone(),
            dateline: a.dateline_cities().to_vec(),
            countries: found
                .countries
                .iter()
                .map(|c| {
                    gazetteer::country_by_id(c)
                        .map(|x| x.name.clone())
                        .unwrap_or_else(|| c.clone())
                })
                .collect(),
            people: found.people,
        })
    }
}

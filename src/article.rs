//! The article every input format is parsed into, and every later stage
//! (extraction, indexing, `extract` output) reads from.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use crate::schema::names as field;

/// One news article: the fields the code works on itself, and the values of
/// every other declared keyword field by name (`schema/newsdex.json`).
///
/// Parsers fill what their format gives; `extract::enrich` fills countries
/// and people where the format gave none.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// Unique id: Reuters NEWID, JSONL `id`, or a path-derived id for text files.
    pub id: String,
    pub title: String,
    pub body: String,
    /// The dateline lead as written, e.g. `CARACAS (Reuters)` or `SALVADOR, Feb 26`.
    pub dateline: Option<String>,
    pub date: Option<DateTime<Utc>>,
    /// File the article came from (for messages and `show`).
    pub path: String,
    /// True when people/countries came from editor tags (Reuters PLACES/PEOPLE),
    /// so extraction must not replace them.
    pub tagged: bool,
    /// Values of the declared keyword fields, by field name: countries
    /// (canonical ids), people, topics, dateline cities, source, ... Keys
    /// are the declaration's own names (`field::COUNTRY`, `decl.name`), so
    /// filling a field allocates no key.
    pub keywords: BTreeMap<&'static str, Vec<String>>,
}

impl Article {
    /// The values of a keyword field (empty when it has none).
    pub fn values(&self, field: &str) -> &[String] {
        self.keywords.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The values of a keyword field, to change them.
    pub fn values_mut(&mut self, field: &'static str) -> &mut Vec<String> {
        self.keywords.entry(field).or_default()
    }

    /// The first value of a keyword field.
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values(field).first().map(String::as_str)
    }

    /// Replace the values of a field with one value, or none.
    pub fn set_value(&mut self, field: &'static str, value: Option<String>) {
        self.set_values(field, value.into_iter().collect());
    }

    /// Replace the values of a field.
    pub fn set_values(&mut self, field: &'static str, values: Vec<String>) {
        if values.is_empty() {
            self.keywords.remove(field);
        } else {
            self.keywords.insert(field, values);
        }
    }

    /// Add a value unless the field already holds it.
    pub fn add_value(&mut self, field: &'static str, value: impl Into<String>) {
        let value = value.into();
        let values = self.values_mut(field);
        if !values.contains(&value) {
            values.push(value);
        }
    }

    /// The article with these values of a field (for building articles in
    /// code and tests).
    pub fn with_values<S: Into<String>>(
        mut self,
        field: &'static str,
        values: impl IntoIterator<Item = S>,
    ) -> Article {
        self.set_values(field, values.into_iter().map(Into::into).collect());
        self
    }

    /// Countries as given by the source, or canonical ids found by extraction.
    pub fn countries(&self) -> &[String] {
        self.values(field::COUNTRY)
    }

    /// People as given by the source, or display names found by extraction.
    pub fn people(&self) -> &[String] {
        self.values(field::PERSON)
    }

    /// Cities named by the dateline, title-cased: `["Washington", "New York"]`.
    pub fn dateline_cities(&self) -> &[String] {
        self.values(field::DATELINE_CITY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_values_by_name() {
        let mut a = Article::default();
        assert!(a.countries().is_empty());
        a.add_value(field::COUNTRY, "usa");
        a.add_value(field::COUNTRY, "usa");
        a.add_value(field::COUNTRY, "japan");
        assert_eq!(a.countries(), ["usa", "japan"]);
        a.set_value(field::SOURCE, Some("reuters".into()));
        assert_eq!(a.value(field::SOURCE), Some("reuters"));
        a.set_value(field::SOURCE, None);
        assert_eq!(a.value(field::SOURCE), None);
        assert!(!a.keywords.contains_key(field::SOURCE));
    }
}

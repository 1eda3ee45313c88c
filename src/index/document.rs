//! Conversion between `Article` and tantivy documents: what is written into
//! each field, and the stored record read back for `show` and search hits.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use crate::article::Article;
use crate::gazetteer;
use crate::index::Fields;

/// Build the tantivy document for an article (already enriched).
pub fn to_document(f: &Fields, a: &Article) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &a.id);
    d.add_text(f.title, &a.title);
    d.add_text(f.body, &a.body);
    if let Some(dl) = &a.dateline {
        d.add_text(f.dateline, dl);
    }
    if let Some(date) = a.date {
        d.add_date(
            f.date,
            tantivy::DateTime::from_timestamp_secs(date.timestamp()),
        );
    }
    let lists = [
        (f.country, &a.countries),
        (f.person, &a.people),
        (f.topic, &a.topics),
        (f.org, &a.orgs),
        (f.exchange, &a.exchanges),
        (f.company, &a.companies),
        (f.dateline_city, &a.dateline_cities),
    ];
    for (field, values) in lists {
        for v in values.iter().filter(|v| !v.trim().is_empty()) {
            d.add_text(field, v.trim());
        }
    }
    let singles = [
        (f.source, &a.source),
        (f.section, &a.section),
        (f.agency, &a.agency),
        (f.author, &a.author),
        (f.url, &a.url),
        (f.lewis_split, &a.lewis_split),
        (f.cgi_split, &a.cgi_split),
    ];
    for (field, value) in singles {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            d.add_text(field, v.trim());
        }
    }
    d.add_text(f.path, &a.path);
    d
}

/// A country as shown to users: canonical id and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryRef {
    pub id: String,
    pub name: String,
}

impl CountryRef {
    /// Display a canonical country id through the gazetteer (the id itself
    /// when the gazetteer does not know it).
    pub fn from_id(id: &str) -> CountryRef {
        let name = gazetteer::country_name(id).unwrap_or(id).to_string();
        CountryRef {
            id: id.to_string(),
            name,
        }
    }
}

/// The stored fields of one indexed article, as `show` prints them.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub title: String,
    pub date: Option<DateTime<Utc>>,
    pub dateline: Option<String>,
    pub dateline_cities: Vec<String>,
    pub agency: Option<String>,
    pub countries: Vec<CountryRef>,
    pub people: Vec<String>,
    pub topics: Vec<String>,
    pub orgs: Vec<String>,
    pub exchanges: Vec<String>,
    pub companies: Vec<String>,
    pub source: Option<String>,
    pub section: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub path: Option<String>,
    pub lewis_split: Option<String>,
    pub cgi_split: Option<String>,
    pub body: String,
}

/// First text value of a field.
pub fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// All text values of a field.
pub fn all_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

/// The date of a stored document.
pub fn stored_date(doc: &TantivyDocument, f: &Fields) -> Option<DateTime<Utc>> {
    doc.get_first(f.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| DateTime::from_timestamp(d.into_timestamp_secs(), 0))
}

impl StoredArticle {
    /// Read the stored fields of a document.
    pub fn from_document(f: &Fields, doc: &TantivyDocument) -> StoredArticle {
        StoredArticle {
            id: first_text(doc, f.id).unwrap_or_default(),
            title: first_text(doc, f.title).unwrap_or_default(),
            date: stored_date(doc, f),
            dateline: first_text(doc, f.dateline),
            dateline_cities: all_text(doc, f.dateline_city),
            agency: first_text(doc, f.agency),
            countries: all_text(doc, f.country)
                .iter()
                .map(|c| CountryRef::from_id(c))
                .collect(),
            people: all_text(doc, f.person),
            topics: all_text(doc, f.topic),
            orgs: all_text(doc, f.org),
            exchanges: all_text(doc, f.exchange),
            companies: all_text(doc, f.company),
            source: first_text(doc, f.source),
            section: first_text(doc, f.section),
            author: first_text(doc, f.author),
            url: first_text(doc, f.url),
            path: first_text(doc, f.path),
            lewis_split: first_text(doc, f.lewis_split),
            cgi_split: first_text(doc, f.cgi_split),
            body: first_text(doc, f.body).unwrap_or_default(),
        }
    }
}

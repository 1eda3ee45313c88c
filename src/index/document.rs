//! Conversion between `Article` and tantivy documents: what is written into
//! each field, and the stored record read back for `show` and search hits.
//! Both walk the declaration, so a declared field needs no code here.

use chrono::{DateTime, Utc};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use tantivy::schema::{Field, Value};
use tantivy::TantivyDocument;

use crate::article::Article;
use crate::gazetteer;
use crate::index::Fields;
use crate::schema::{FacetField, FieldDecl, FieldKind, Resolve};

/// Build the tantivy document for an article (already enriched), with its
/// near-duplicate band keys.
pub fn to_document(f: &Fields, a: &Article) -> TantivyDocument {
    to_document_with(f, a, true)
}

/// [`to_document`], with near-duplicate band keys only when `dup_keys`.
pub fn to_document_with(f: &Fields, a: &Article, dup_keys: bool) -> TantivyDocument {
    // Sized once for what is written below: a document grows its buffer by
    // doubling, and each doubling copied the body again.
    let mut d = TantivyDocument::with_capacity(encoded_size(a, dup_keys));
    d.add_text(f.id, &a.id);
    // Title and body go to the fields of the article's language analyzer.
    let text = f.text_for(a.value(crate::schema::names::LANGUAGE));
    d.add_text(text.title, &a.title);
    d.add_text(text.body, &a.body);
    if let Some(dl) = &a.dateline {
        d.add_text(f.dateline, dl);
    }
    if let Some(date) = a.date {
        d.add_date(
            f.date,
            tantivy::DateTime::from_timestamp_secs(date.timestamp()),
        );
    }
    // The fields the article has values for (a few of the declared ones);
    // a key that is no declared attribute is not written.
    for (name, values) in &a.keywords {
        let Some((decl, field)) = f.attribute(name) else {
            continue;
        };
        if decl.kind != FieldKind::Keyword || field == f.cluster {
            // Counts and the cluster are the engine's, never an input's.
            continue;
        }
        let values = values.iter().map(|v| v.trim());
        let mut values = values.filter(|v| !v.is_empty());
        if decl.many {
            values.for_each(|v| d.add_text(field, v));
        } else if let Some(v) = values.next() {
            // A single-valued field keeps the first value it was given.
            d.add_text(field, v);
        }
    }
    d.add_text(f.path, &a.path);
    // Every article starts as a cluster of one; the ingest run's last step
    // (`dupes::recluster`, through `index::rewrite`) rewrites the articles
    // that have copies.
    let body = if dup_keys { a.body.as_str() } else { "" };
    crate::index::dupes::add_fields(&mut d, f, &a.id, 1, body);
    d
}

/// About the bytes [`to_document_with`] writes into a document's buffer:
/// the texts with a few bytes of length each, and room for the numbers.
fn encoded_size(a: &Article, dup_keys: bool) -> usize {
    // The id twice: once as the id, once as the cluster a new article starts in.
    let texts = [&a.id, &a.title, &a.body, &a.path, &a.id]
        .into_iter()
        .chain(a.dateline.as_ref())
        .chain(a.keywords.values().flatten())
        .map(|t| t.len() + 5)
        .sum::<usize>();
    let keys = if dup_keys {
        use crate::index::dupes::signature::{BANDS, KEYS_PER_VALUE};
        BANDS / KEYS_PER_VALUE * std::mem::size_of::<u64>()
    } else {
        0
    };
    texts + keys + 64
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

/// The stored values of one keyword field, shaped as its declaration says.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Shown {
    /// A single-valued field: the value or null.
    One(Option<String>),
    /// A many-valued field.
    Many(Vec<String>),
    /// Countries: canonical ids with display names.
    Countries(Vec<CountryRef>),
    /// A count (0 when the document has none stored).
    Count(u64),
}

impl Shown {
    /// Read one field of a stored document.
    fn read(doc: &TantivyDocument, decl: &FieldDecl, field: Field) -> Shown {
        if decl.kind == FieldKind::Count {
            return Shown::Count(doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0));
        }
        let resolve = decl.facet.as_ref().map(|f| f.resolve);
        if resolve == Some(Resolve::Country) {
            return Shown::Countries(
                all_text(doc, field)
                    .iter()
                    .map(|c| CountryRef::from_id(c))
                    .collect(),
            );
        }
        if decl.many {
            Shown::Many(all_text(doc, field))
        } else {
            Shown::One(first_text(doc, field))
        }
    }

    /// The values as people read them, joined with `, `.
    pub fn display(&self) -> String {
        match self {
            Shown::One(v) => v.clone().unwrap_or_default(),
            Shown::Many(v) => v.join(", "),
            Shown::Countries(v) => v
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            Shown::Count(n) => n.to_string(),
        }
    }

    /// The stored values.
    pub fn values(&self) -> Vec<&str> {
        match self {
            Shown::One(v) => v.iter().map(String::as_str).collect(),
            Shown::Many(v) => v.iter().map(String::as_str).collect(),
            Shown::Countries(v) => v.iter().map(|c| c.id.as_str()).collect(),
            Shown::Count(_) => Vec::new(),
        }
    }
}

/// The declared keyword fields of a stored article, in declaration order;
/// serialized as one JSON key per field (the declaration's `json` name).
#[derive(Debug, Clone, Default)]
pub struct Values(pub Vec<(&'static FieldDecl, Shown)>);

impl Values {
    /// Read the fields `keep` selects from a stored document.
    pub fn read(f: &Fields, doc: &TantivyDocument, keep: impl Fn(&FieldDecl) -> bool) -> Values {
        Values(
            f.attributes()
                .filter(|(d, _)| keep(d))
                .map(|(d, field)| (d, Shown::read(doc, d, field)))
                .collect(),
        )
    }

    /// The values of the field with this index name.
    pub fn get(&self, name: &str) -> Option<&Shown> {
        self.0.iter().find(|(d, _)| d.name == name).map(|(_, s)| s)
    }

    /// The values of the field behind a facet.
    pub fn facet(&self, facet: FacetField) -> Option<&Shown> {
        self.get(facet.index_field_name())
    }
}

impl Serialize for Values {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (d, v) in &self.0 {
            map.serialize_entry(&d.json, v)?;
        }
        map.end()
    }
}

/// The stored fields of one indexed article, as `show` prints them.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub title: String,
    pub date: Option<DateTime<Utc>>,
    pub dateline: Option<String>,
    /// Every declared keyword field, by its JSON name.
    #[serde(flatten)]
    pub values: Values,
    pub path: Option<String>,
    pub body: String,
}

/// First text value of a field.
pub fn first_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// All text values of a field.
pub fn all_text(doc: &TantivyDocument, field: Field) -> Vec<String> {
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
        let text = f.text_of(doc);
        StoredArticle {
            id: first_text(doc, f.id).unwrap_or_default(),
            title: first_text(doc, text.title).unwrap_or_default(),
            date: stored_date(doc, f),
            dateline: first_text(doc, f.dateline),
            values: Values::read(f, doc, |d| d.stored),
            path: first_text(doc, f.path),
            body: first_text(doc, text.body).unwrap_or_default(),
        }
    }
}

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
    /// The article's text and metadata, with `extract --with-text`, so the
    /// story cut from a web page can be checked from outside.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub text: Option<ArticleText>,
}

/// What was read of an article besides its entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleText {
    /// The file the article was read from, as given.
    pub file: String,
    pub title: String,
    pub body: String,
    /// Publication date, RFC 3339 in UTC.
    pub date: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub language: Option<String>,
}

impl ArticleText {
    /// The text fields of `a`.
    pub fn of(a: &Article) -> ArticleText {
        use crate::article::field;
        let value = |f: &str| a.value(f).map(str::to_string);
        ArticleText {
            file: a.path.clone(),
            title: a.title.clone(),
            body: a.body.clone(),
            date: a
                .date
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            url: value(field::URL),
            site: value(field::SITE),
            authors: a
                .value(field::AUTHOR)
                .map(|v| v.split(", ").map(str::to_string).collect())
                .unwrap_or_default(),
            section: value(field::SECTION),
            language: value(field::LANGUAGE),
        }
    }
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
            text: None,
        })
    }
}

//! Builds the tantivy schema from the declaration in `schema/newsdex.json`,
//! and registers the `news` tokenizer used by the full-text fields.
//!
//! The declaration is the single source of truth: field names, kinds and
//! options live there, and `Fields` only looks the handles up by name.

use serde::Deserialize;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TextAnalyzerBuilder, Tokenizer,
};
use tantivy::Index;

use crate::error::{Error, Result};

/// The schema declaration, embedded at build time.
pub const DECLARATION: &str = include_str!("../../schema/newsdex.json");

/// Name of the full-text tokenizer: lower-case, fold diacritics, English stems.
pub const NEWS_TOKENIZER: &str = "news";

/// One field of the declaration.
#[derive(Debug, Clone, Deserialize)]
pub struct FieldDecl {
    pub name: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub stored: bool,
    #[serde(default)]
    pub fast: bool,
    #[serde(default)]
    pub facet: bool,
    #[serde(default)]
    pub boost: Option<f32>,
    #[serde(default)]
    pub doc: String,
}

/// The kinds of field newsdex declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Tokenised, stemmed full text with positions (phrases, snippets).
    Text,
    /// One exact value per entry (ids, countries, people): filters and facets.
    Keyword,
    /// A UTC date-time, indexed for ranges and fast for sorting/histograms.
    Date,
}

/// The whole declaration file.
#[derive(Debug, Clone, Deserialize)]
pub struct Declaration {
    pub version: u32,
    pub fields: Vec<FieldDecl>,
}

impl Declaration {
    /// Parse the embedded declaration.
    pub fn load() -> Result<Declaration> {
        serde_json::from_str(DECLARATION).map_err(|e| Error::SchemaDeclaration(e.to_string()))
    }

    /// The fields that can be used as facets and filters.
    pub fn facet_fields(&self) -> impl Iterator<Item = &FieldDecl> {
        self.fields.iter().filter(|f| f.facet)
    }

    /// Build the tantivy schema this declaration describes.
    pub fn to_schema(&self) -> Schema {
        let mut builder = Schema::builder();
        for f in &self.fields {
            match f.kind {
                FieldKind::Text => {
                    let indexing = TextFieldIndexing::default()
                        .set_tokenizer(NEWS_TOKENIZER)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                    let mut opts = TextOptions::default().set_indexing_options(indexing);
                    if f.stored {
                        opts = opts.set_stored();
                    }
                    builder.add_text_field(&f.name, opts);
                }
                FieldKind::Keyword => {
                    let indexing = TextFieldIndexing::default()
                        .set_tokenizer("raw")
                        .set_fieldnorms(false)
                        .set_index_option(IndexRecordOption::Basic);
                    let mut opts = TextOptions::default().set_indexing_options(indexing);
                    if f.stored {
                        opts = opts.set_stored();
                    }
                    if f.fast {
                        opts = opts.set_fast("raw");
                    }
                    builder.add_text_field(&f.name, opts);
                }
                FieldKind::Date => {
                    let mut opts = DateOptions::default()
                        .set_indexed()
                        .set_precision(DateTimePrecision::Seconds);
                    if f.stored {
                        opts = opts.set_stored();
                    }
                    if f.fast {
                        opts = opts.set_fast();
                    }
                    builder.add_date_field(&f.name, opts);
                }
            }
        }
        builder.build()
    }
}

/// Register newsdex's tokenizers on an index (needed after every open).
pub fn register_tokenizers(index: &Index) {
    let news = news_words()
        .filter(super::stem_cache::CachedEnglishStemmer)
        .build();
    index.tokenizers().register(NEWS_TOKENIZER, news);
}

/// The `news` analyzer up to its last step, English stemming: words,
/// over-long ones dropped, lower-cased, diacritics folded. Whatever analyses
/// text as the index does (snippets, benches) starts from this.
pub fn news_words() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// Handles of the fields the code refers to by name.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub dateline: Field,
    pub date: Field,
    pub country: Field,
    pub person: Field,
    pub topic: Field,
    pub org: Field,
    pub exchange: Field,
    pub company: Field,
    pub dateline_city: Field,
    pub source: Field,
    pub section: Field,
    pub agency: Field,
    pub author: Field,
    pub url: Field,
    pub path: Field,
    pub lewis_split: Field,
    pub cgi_split: Field,
}

impl Fields {
    /// Look every field up in `schema`; fails if the declaration lacks one.
    pub fn new(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema.get_field(name).map_err(|_| {
                Error::SchemaDeclaration(format!("field '{name}' missing from schema/newsdex.json"))
            })
        };
        Ok(Fields {
            id: get("id")?,
            title: get("title")?,
            body: get("body")?,
            dateline: get("dateline")?,
            date: get("date")?,
            country: get("country")?,
            person: get("person")?,
            topic: get("topic")?,
            org: get("org")?,
            exchange: get("exchange")?,
            company: get("company")?,
            dateline_city: get("dateline_city")?,
            source: get("source")?,
            section: get("section")?,
            agency: get("agency")?,
            author: get("author")?,
            url: get("url")?,
            path: get("path")?,
            lewis_split: get("lewis_split")?,
            cgi_split: get("cgi_split")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declaration_builds_a_schema_with_every_field() {
        let decl = Declaration::load().unwrap();
        let schema = decl.to_schema();
        assert_eq!(schema.fields().count(), decl.fields.len());
        Fields::new(&schema).unwrap();
    }

    #[test]
    fn facet_fields_are_fast_keywords() {
        let decl = Declaration::load().unwrap();
        for f in decl.facet_fields() {
            assert_eq!(f.kind, FieldKind::Keyword, "{}", f.name);
            assert!(f.fast, "{} must be fast to be counted", f.name);
        }
    }
}

//! newsdex: a full-text search engine for news archives.
//!
//! The library is the engine; the `newsdex` binary is a thin command line
//! over it. Data flows up through the modules (see `ARCHITECTURE.md`):
//!
//! - [`schema`]: the field declaration (`schema/newsdex.json`): every field
//!   and facet, once; [`schema::FacetField`] names a facet.
//! - [`article`], [`gazetteer`]: the article every format is parsed into,
//!   and the country and city reference data.
//! - [`parse`]: one module per input format, and the dateline recogniser.
//! - [`extract`]: countries and people found in the text.
//! - [`index`]: the tantivy index on disk ([`index::NewsIndex`]).
//! - [`ingest`]: files (or articles built in code) into an index.
//! - [`search`]: queries, filters, multi-select facet counts, calendar
//!   histograms, snippets, `stats`.
//! - [`render`]: tables for people, JSON and CSV for programs.
//!
//! Index two articles and run a filtered, faceted search:
//!
//! ```
//! use newsdex::article::{field, Article};
//! use newsdex::extract::ExtractMode;
//! use newsdex::index::NewsIndex;
//! use newsdex::schema::FacetField;
//! use newsdex::search::{self, SearchRequest};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let news = NewsIndex::open_or_create(&dir.path().join("index"), false)?;
//! let articles = vec![
//!     Article {
//!         id: "caracas-1".into(),
//!         title: "Venezuela to raise oil output".into(),
//!         body: "Venezuela will pump more oil next year, President Nicolás Maduro said.".into(),
//!         ..Article::default()
//!     },
//!     Article {
//!         id: "tokyo-1".into(),
//!         title: "Japan's oil imports fall".into(),
//!         body: "Crude oil imports fell for a third month, the ministry said.".into(),
//!         tagged: true,
//!         ..Article::default()
//!     }
//!     .with_values(field::COUNTRY, ["Japan"]),
//! ];
//! // Countries and people are found in the text where the source gave none.
//! newsdex::ingest::add_articles(&news, articles, ExtractMode::Auto)?;
//!
//! let country = FacetField::named("country").expect("a declared facet");
//! let request = SearchRequest::new("oil")
//!     .filter(country, "venezuela")
//!     .facet(country);
//! let searcher = news.reader()?.searcher();
//! let results = search::search(&news, &searcher, &request)?;
//!
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].id, "caracas-1");
//! // Multi-select: the country facet is counted without its own filter.
//! let counted: Vec<&str> = results.facets[0].values.iter().map(|v| v.label.as_str()).collect();
//! assert_eq!(counted, ["Japan", "Venezuela"]);
//! # Ok(())
//! # }
//! ```

pub mod article;
pub mod error;
pub mod eval;
pub mod eval_dupes;
pub mod eval_web;
pub mod extract;
pub mod gazetteer;
pub mod index;
pub mod ingest;
pub mod parse;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;

#[cfg(test)]
mod proptests;

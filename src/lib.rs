//! newsdex: a full-text search engine for news archives.
//!
//! Pipeline: `parse` (one module per input format) → `extract` (datelines,
//! countries, people) → `index` (tantivy schema from `schema/newsdex.json`,
//! parallel writer) → `search` (query, filters, facets, histogram) →
//! `render` (tables for people, JSON/CSV for programs). `cli` holds the
//! flags, `config` turns them into plain settings, `run` ties them together.

pub mod article;
pub mod error;
pub mod eval;
pub mod extract;
pub mod gazetteer;
pub mod index;
pub mod ingest;
pub mod parse;
pub mod render;
pub mod schema;
pub mod search;

#[cfg(test)]
mod proptests;

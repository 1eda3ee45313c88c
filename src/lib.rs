//! newsdex: a full-text search engine for news archives.

pub mod article;
pub mod extract;
pub mod parse;

//! Input formats: each module turns the bytes of one file into articles.

pub mod csv;
pub mod jsonl;
pub mod plaintext;
pub mod reuters_sgml;
pub mod walk;

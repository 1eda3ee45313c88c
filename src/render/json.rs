//! Output for programs. The shapes are the serde forms of the result types
//! and are documented as JSON Schemas in `schema/`:
//! `search-results.schema.json` (search), `index-summary.schema.json`
//! (index), `stats.schema.json`, `optimize.schema.json`, `article.schema.json` (show) and
//! `extract.schema.json` (extract), `compare.schema.json` (compare; its
//! jsonl lines are its `queries` items). Adding a field is compatible; renaming
//! or removing one is not.

use std::io::{self, Write};

use serde::Serialize;

use crate::search::SearchResults;

/// One pretty-printed JSON document followed by a newline.
pub fn write<W: Write, T: Serialize>(w: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    writeln!(w)
}

/// One compact JSON object on one line.
pub fn write_line<W: Write, T: Serialize>(w: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value)?;
    writeln!(w)
}

/// Search results as JSON Lines: one line per hit; facets and histogram are
/// left out (use `--format json` for them).
pub fn search_lines<W: Write>(w: &mut W, r: &SearchResults) -> io::Result<()> {
    for hit in &r.hits {
        write_line(w, hit)?;
    }
    Ok(())
}

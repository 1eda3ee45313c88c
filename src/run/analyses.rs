//! Runs the coverage analyses (`compare`, ...): settings from the flags,
//! the library call, the renderer; returns the exit code.

use std::io::Write;
use std::path::PathBuf;

use super::{open, ExitCode};
use crate::cli::{CompareArgs, SearchFormat};
use crate::config;
use newsdex::render::{self, human::Style};
use newsdex::search;

/// `newsdex compare`: exit 1 when no query has a hit.
pub fn compare<W: Write>(
    out: &mut W,
    index: Option<PathBuf>,
    a: &CompareArgs,
    style: Style,
) -> anyhow::Result<ExitCode> {
    let base = config::filter_request("", &a.filters)?;
    let interval = config::interval(a.histogram);
    let news = open(index)?;
    let searcher = news.reader()?.searcher();
    let c = search::compare(&news, &searcher, &a.queries, &base, interval)?;
    match a.format {
        SearchFormat::Table => render::analyses::compare_table(out, &c, a.share, style)?,
        SearchFormat::Json => render::json::write(out, &c)?,
        SearchFormat::Jsonl => {
            for s in &c.queries {
                render::json::write_line(out, s)?;
            }
        }
        SearchFormat::Csv => render::analyses::compare_csv(out, &c, a.share)?,
    }
    Ok(if c.queries.iter().all(|s| s.total == 0) {
        ExitCode::NoHits
    } else {
        ExitCode::Success
    })
}

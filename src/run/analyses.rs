//! Runs the coverage analyses (`compare`, ...): settings from the flags,
//! the library call, the renderer; returns the exit code.

use std::io::Write;
use std::path::PathBuf;

use super::{open, ExitCode};
use crate::cli::{
    CompareArgs, CooccurArgs, DupesArgs, SearchFormat, SimilarArgs, TableFormat, TermsArgs,
};
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
    let mut base = config::filter_request("", &a.filters)?;
    if a.collapse {
        base.collapse = Some(search::Collapse::Earliest);
    }
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

/// `newsdex cooccur`: exit 1 when the query has no hit.
pub fn cooccur<W: Write>(
    out: &mut W,
    index: Option<PathBuf>,
    a: &CooccurArgs,
    style: Style,
) -> anyhow::Result<ExitCode> {
    let rows: search::FacetField = a.rows.parse()?;
    let columns: search::FacetField = a.columns.parse()?;
    if a.top == 0 || a.top > search::cooccur::MAX_COOCCUR_TOP {
        return Err(config::BadFlag {
            flag: "--top".into(),
            message: format!(
                "{} is out of range; give 1 to {}",
                a.top,
                search::cooccur::MAX_COOCCUR_TOP
            ),
        }
        .into());
    }
    let req = config::filter_request(&a.query, &a.filters)?;
    let news = open(index)?;
    let searcher = news.reader()?.searcher();
    let c = search::cooccur(&news, &searcher, &req, rows, columns, a.top)?;
    match a.format {
        TableFormat::Table => render::analyses::cooccur_table(out, &c, style)?,
        TableFormat::Json => render::json::write(out, &c)?,
        TableFormat::Csv => render::analyses::cooccur_csv(out, &c)?,
    }
    Ok(if c.total == 0 {
        ExitCode::NoHits
    } else {
        ExitCode::Success
    })
}

/// `newsdex terms`: exit 1 when the query has no hit.
pub fn terms<W: Write>(
    out: &mut W,
    index: Option<PathBuf>,
    a: &TermsArgs,
    style: Style,
) -> anyhow::Result<ExitCode> {
    let max = search::terms::MAX_SAMPLE;
    if a.sample == 0 || a.sample > max {
        return Err(config::BadFlag {
            flag: "--sample".into(),
            message: format!("{} is out of range; give 1 to {max}", a.sample),
        }
        .into());
    }
    let req = config::filter_request(&a.query, &a.filters)?;
    let news = open(index)?;
    let searcher = news.reader()?.searcher();
    let t = search::significant_terms(&news, &searcher, &req, a.top, a.sample)?;
    match a.format {
        TableFormat::Table => render::analyses::terms_table(out, &t, style)?,
        TableFormat::Json => render::json::write(out, &t)?,
        TableFormat::Csv => render::analyses::terms_csv(out, &t)?,
    }
    Ok(if t.total == 0 {
        ExitCode::NoHits
    } else {
        ExitCode::Success
    })
}

/// `newsdex similar`: exit 1 when no other article shares a query word.
pub fn similar<W: Write>(
    out: &mut W,
    index: Option<PathBuf>,
    a: &SimilarArgs,
    style: Style,
) -> anyhow::Result<ExitCode> {
    let req = config::filter_request("", &a.filters)?;
    let news = open(index)?;
    let searcher = news.reader()?.searcher();
    let r = search::similar(&news, &searcher, &a.id, &req, a.limit)?;
    match a.format {
        SearchFormat::Table => render::analyses::similar_table(out, &r, style)?,
        SearchFormat::Json => render::json::write(out, &r)?,
        SearchFormat::Jsonl => {
            for h in &r.hits {
                render::json::write_line(out, h)?;
            }
        }
        SearchFormat::Csv => render::csv::hits(out, &r.hits)?,
    }
    Ok(if r.total == 0 {
        ExitCode::NoHits
    } else {
        ExitCode::Success
    })
}

/// `newsdex dupes`: exit 1 when no hit has a copy.
pub fn dupes<W: Write>(
    out: &mut W,
    index: Option<PathBuf>,
    a: &DupesArgs,
    style: Style,
) -> anyhow::Result<ExitCode> {
    let req = config::filter_request(&a.query, &a.filters)?;
    let news = open(index)?;
    let searcher = news.reader()?.searcher();
    let d = search::dupes(&news, &searcher, &req, a.limit)?;
    match a.format {
        TableFormat::Table => render::analyses::dupes_table(out, &d, style)?,
        TableFormat::Json => render::json::write(out, &d)?,
        TableFormat::Csv => render::analyses::dupes_csv(out, &d)?,
    }
    Ok(if d.total_clusters == 0 {
        ExitCode::NoHits
    } else {
        ExitCode::Success
    })
}

//! Turns parsed flags into plain configuration: resolved paths, parsed dates,
//! validated facet names and sort orders. The commands never see clap types.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};

use crate::cli::{self, FilterArgs};
use crate::error::{Error, Result};
use crate::extract::ExtractMode;
use crate::index::DEFAULT_INDEX_DIR;
use crate::ingest::IndexOptions;
use crate::parse::Format;
use crate::search::{FacetField, Interval, SearchRequest, SortOrder};

/// The index folder: `--index`, else `NEWSDEX_INDEX` (clap reads it), else the default.
pub fn index_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX_DIR))
}

/// Whether to colour output for a terminal.
pub fn use_color(choice: cli::ColorChoice, is_terminal: bool) -> bool {
    match choice {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Map the input-format flag to the parser's format.
pub fn input_format(f: Option<cli::InputFormat>) -> Option<Format> {
    f.map(|f| match f {
        cli::InputFormat::Sgml => Format::ReutersSgml,
        cli::InputFormat::Text => Format::PlainText,
        cli::InputFormat::Jsonl => Format::Jsonl,
        cli::InputFormat::Csv => Format::Csv,
    })
}

/// Options of `newsdex index`.
pub fn index_options(
    index_dir: PathBuf,
    a: &cli::IndexArgs,
    progress: bool,
) -> Result<IndexOptions> {
    if a.memory < 16 {
        return Err(Error::BadArgument {
            flag: "--memory".into(),
            message: format!(
                "{} MB is too small; the writer needs at least 16 MB",
                a.memory
            ),
        });
    }
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    Ok(IndexOptions {
        index_dir,
        paths: a.paths.clone(),
        format: input_format(a.input_format),
        rebuild: a.rebuild,
        memory_bytes: crate::ingest::memory_bytes(a.memory)?,
        threads: a.threads.unwrap_or(cores).max(1),
        extract: match a.extract {
            cli::ExtractChoice::Auto => ExtractMode::Auto,
            cli::ExtractChoice::Always => ExtractMode::Always,
            cli::ExtractChoice::Never => ExtractMode::Never,
        },
        progress: progress && !a.no_progress,
        commit_every: a.commit_every,
        commit_interval: (a.commit_interval > 0)
            .then(|| std::time::Duration::from_secs(a.commit_interval)),
        interrupt: Default::default(),
    })
}

/// The search request of `newsdex search`.
pub fn search_request(a: &cli::SearchArgs) -> Result<SearchRequest> {
    let mut req = filter_request(&a.query, &a.filters)?;
    for f in &a.facets {
        let parsed: FacetField = f.parse()?;
        if !req.facets.contains(&parsed) {
            req.facets.push(parsed);
        }
    }
    req.facet_top = a.facet_top;
    req.histogram = a.histogram.map(|h| match h {
        cli::HistogramChoice::Day => Interval::Day,
        cli::HistogramChoice::Week => Interval::Week,
        cli::HistogramChoice::Month => Interval::Month,
        cli::HistogramChoice::Year => Interval::Year,
    });
    req.limit = a.limit;
    req.offset = a.offset;
    req.sort = sort_order(&a.sort)?;
    Ok(req)
}

/// A request holding a query and its filters (used by `search` and `facets`).
pub fn filter_request(query: &str, filters: &FilterArgs) -> Result<SearchRequest> {
    let mut map = BTreeMap::new();
    let pairs = [
        (FacetField::Country, &filters.country),
        (FacetField::Person, &filters.person),
        (FacetField::Topic, &filters.topic),
        (FacetField::Org, &filters.org),
        (FacetField::Exchange, &filters.exchange),
        (FacetField::Company, &filters.company),
        (FacetField::Dateline, &filters.dateline),
        (FacetField::Source, &filters.source),
        (FacetField::Section, &filters.section),
    ];
    for (facet, values) in pairs {
        if !values.is_empty() {
            map.insert(facet, values.clone());
        }
    }
    let since = filters
        .since
        .as_deref()
        .map(|s| period_bound(s, "--since", false))
        .transpose()?;
    let until = filters
        .until
        .as_deref()
        .map(|s| period_bound(s, "--until", true))
        .transpose()?;
    if let (Some(s), Some(u)) = (since, until) {
        if s >= u {
            return Err(Error::BadArgument {
                flag: "--until".into(),
                message: "the range is empty: --until is before --since".into(),
            });
        }
    }
    Ok(SearchRequest {
        query: query.to_string(),
        filters: map,
        since,
        until,
        ..SearchRequest::default()
    })
}

/// `relevance`, `date` or `-date`.
pub fn sort_order(s: &str) -> Result<SortOrder> {
    match s.trim() {
        "relevance" | "score" => Ok(SortOrder::Relevance),
        "date" | "+date" => Ok(SortOrder::DateAsc),
        "-date" => Ok(SortOrder::DateDesc),
        other => Err(Error::BadArgument {
            flag: "--sort".into(),
            message: format!("'{other}' is not one of relevance, date, -date"),
        }),
    }
}

/// The start of the period `s` names (`1987`, `1987-03`, `1987-03-01`), or,
/// with `end`, the start of the next period: `--until 1987-03` includes all
/// of March.
pub fn period_bound(s: &str, flag: &str, end: bool) -> Result<DateTime<Utc>> {
    let bad = || Error::BadArgument {
        flag: flag.into(),
        message: format!("'{s}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
    };
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let (start, next) = match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            let d = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?;
            (d, NaiveDate::from_ymd_opt(y + 1, 1, 1).ok_or_else(bad)?)
        }
        [y, m] if y.len() == 4 => {
            let d = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)?;
            (
                d,
                d.checked_add_months(chrono::Months::new(1))
                    .ok_or_else(bad)?,
            )
        }
        [y, m, day] if y.len() == 4 => {
            let d = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(day)?).ok_or_else(bad)?;
            (d, d.succ_opt().ok_or_else(bad)?)
        }
        _ => return Err(bad()),
    };
    let chosen = if end { next } else { start };
    Ok(chosen.and_hms_opt(0, 0, 0).ok_or_else(bad)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_cover_whole_days_months_and_years() {
        let cases = [
            ("1987", false, "1987-01-01T00:00:00Z"),
            ("1987", true, "1988-01-01T00:00:00Z"),
            ("1987-03", false, "1987-03-01T00:00:00Z"),
            ("1987-03", true, "1987-04-01T00:00:00Z"),
            ("1987-12", true, "1988-01-01T00:00:00Z"),
            ("1987-03-01", false, "1987-03-01T00:00:00Z"),
            ("1987-03-31", true, "1987-04-01T00:00:00Z"),
        ];
        for (s, end, want) in cases {
            assert_eq!(
                period_bound(s, "--since", end)
                    .unwrap()
                    .to_rfc3339()
                    .replace("+00:00", "Z"),
                want,
                "{s}"
            );
        }
    }

    #[test]
    fn bad_dates_are_errors() {
        for s in ["87", "1987-13", "1987-02-30", "March", "1987/03", ""] {
            assert!(period_bound(s, "--since", false).is_err(), "{s}");
        }
    }

    #[test]
    fn sort_orders() {
        assert_eq!(sort_order("-date").unwrap(), SortOrder::DateDesc);
        assert_eq!(sort_order("date").unwrap(), SortOrder::DateAsc);
        assert!(sort_order("newest").is_err());
    }
}

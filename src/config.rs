//! Turns parsed flags into plain configuration: resolved paths, parsed dates,
//! validated facet names and sort orders. The commands never see clap types.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::cli::{self, FilterArgs};
use anyhow::Result;
use newsdex::extract::ExtractMode;
use newsdex::index::DEFAULT_INDEX_DIR;
use newsdex::ingest::IndexOptions;
use newsdex::parse::web::WebExtractor;
use newsdex::parse::Format;
use newsdex::search::{FacetField, Interval, Period, SearchRequest, SortOrder};

/// A flag with a value newsdex cannot use: names the flag and says why.
#[derive(Debug, thiserror::Error)]
#[error("bad value for {flag}: {message}")]
pub struct BadFlag {
    pub flag: String,
    pub message: String,
}

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
        cli::InputFormat::Html => Format::Html,
        cli::InputFormat::Warc => Format::Warc,
    })
}

/// Options of `newsdex index`.
pub fn index_options(
    index_dir: PathBuf,
    a: &cli::IndexArgs,
    progress: bool,
) -> Result<IndexOptions> {
    if a.memory < 16 {
        return Err(BadFlag {
            flag: "--memory".into(),
            message: format!(
                "{} MB is too small; the writer needs at least 16 MB",
                a.memory
            ),
        }
        .into());
    }
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    Ok(IndexOptions {
        index_dir,
        paths: a.paths.clone(),
        format: input_format(a.input_format),
        rebuild: a.rebuild,
        memory_bytes: newsdex::ingest::memory_bytes(a.memory)?,
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
        near_duplicates: !a.no_dupes,
        web_extractor: match a.web_extractor {
            cli::WebExtractorChoice::Trafilatura => WebExtractor::Trafilatura,
            cli::WebExtractorChoice::Fast => WebExtractor::Fast,
        },
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
    req.histogram = a.histogram.map(interval);
    req.limit = a.limit;
    req.offset = a.offset;
    req.sort = sort_order(&a.sort)?;
    if let Some(by) = &a.collapse {
        req.collapse = Some(by.parse().map_err(|_| BadFlag {
            flag: "--collapse".into(),
            message: format!("'{}' is not one of earliest, best", by.trim()),
        })?);
    }
    Ok(req)
}

/// The calendar period a `--histogram` flag names.
pub fn interval(h: cli::HistogramChoice) -> Interval {
    match h {
        cli::HistogramChoice::Day => Interval::Day,
        cli::HistogramChoice::Week => Interval::Week,
        cli::HistogramChoice::Month => Interval::Month,
        cli::HistogramChoice::Year => Interval::Year,
    }
}

/// A request holding a query and its filters (used by `search` and `facets`).
pub fn filter_request(query: &str, filters: &FilterArgs) -> Result<SearchRequest> {
    let mut map: BTreeMap<FacetField, Vec<String>> = BTreeMap::new();
    for (name, value) in &filters.values {
        let facet = FacetField::named(name).ok_or_else(|| BadFlag {
            flag: "--filter".into(),
            message: format!(
                "'{name}={value}': unknown facet '{name}'; choose one of: {}",
                FacetField::names()
            ),
        })?;
        let values = map.entry(facet).or_default();
        if !values.contains(value) {
            values.push(value.clone());
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
            return Err(BadFlag {
                flag: "--until".into(),
                message: "the range is empty: --until is before --since".into(),
            }
            .into());
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
    s.parse().map_err(|_| {
        BadFlag {
            flag: "--sort".into(),
            message: format!("'{}' is not one of relevance, date, -date", s.trim()),
        }
        .into()
    })
}

/// The start of the period `s` names, or with `end` the start of the next
/// one (`--until 1987-03` includes all of March).
pub fn period_bound(s: &str, flag: &str, end: bool) -> Result<DateTime<Utc>> {
    let period = Period::parse(s).ok_or_else(|| BadFlag {
        flag: flag.into(),
        message: format!("'{s}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
    })?;
    Ok(if end { period.end } else { period.start })
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
    fn filters_from_flags_and_the_general_form() {
        let filters = FilterArgs {
            values: vec![
                ("country".into(), "japan".into()),
                ("place".into(), "usa".into()),
                ("language".into(), "en".into()),
            ],
            ..FilterArgs::default()
        };
        let req = filter_request("", &filters).unwrap();
        let country = FacetField::named("country").unwrap();
        assert_eq!(req.filters[&country], ["japan", "usa"]);
        assert_eq!(req.filters[&FacetField::named("language").unwrap()], ["en"]);
        let bad = FilterArgs {
            values: vec![("colour".into(), "red".into())],
            ..FilterArgs::default()
        };
        assert!(filter_request("", &bad).is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn filter_requests_never_panic(
            since in proptest::option::of("\\PC{0,12}"),
            until in proptest::option::of("[0-9]{4}(-[0-9]{2}){0,2}"),
            country in proptest::collection::vec("\\PC{0,12}", 0..3),
            q in "\\PC{0,20}",
        ) {
            let values = country.into_iter().map(|c| ("country".to_string(), c)).collect();
            let filters = FilterArgs { since, until, values };
            let _ = filter_request(&q, &filters);
        }
    }

    #[test]
    fn sort_orders() {
        assert_eq!(sort_order("-date").unwrap(), SortOrder::DateDesc);
        assert_eq!(sort_order("date").unwrap(), SortOrder::DateAsc);
        assert!(sort_order("newest").is_err());
    }
}

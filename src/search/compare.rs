//! Queries compared over time: each query's hits per calendar period, side
//! by side with every article that passes the same filters, so attention
//! can be read as counts or as a share of the archive (Media Cloud's
//! normalised attention: "more coverage" apart from "more articles").
//!
//! Each series is one [`search`](super::search) with no hits and a
//! histogram, so queries and filters mean exactly what they mean in
//! `search`; the series are then laid on the period range of `all`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::Searcher;

use super::histogram::{HistogramBucket, Interval};
use super::{AppliedFilter, SearchRequest};
use crate::error::Result;
use crate::index::NewsIndex;

/// One period of a compared series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareBucket {
    /// The period as in histograms: `1987-03-02`, `1987-03` or `1987`.
    pub key: String,
    pub start: DateTime<Utc>,
    /// Hits of the query dated in this period.
    pub count: u64,
    /// `count` over the articles passing the filters in this period; None
    /// where there are none.
    pub share: Option<f64>,
}

/// One query's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuerySeries {
    pub query: String,
    /// Hits of the query within the filters and dates, dated or not.
    pub total: usize,
    /// Hits without a date (in `total`, in no bucket).
    pub undated: u64,
    pub buckets: Vec<CompareBucket>,
}

/// Every article passing the filters and dates (the query `''`): the
/// denominator of the shares and the period range of every series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllSeries {
    pub total: usize,
    pub undated: u64,
    pub buckets: Vec<HistogramBucket>,
}

/// Several queries over the same filters, period by period.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub interval: Interval,
    pub filters: Vec<AppliedFilter>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub all: AllSeries,
    pub queries: Vec<QuerySeries>,
    /// `stories` when near-duplicate copies were collapsed (each story
    /// counted once, in every series and in `all`), else `articles`.
    pub counts: &'static str,
    pub took_ms: f64,
}

/// Count each query's hits per `interval` period, and every article's,
/// under the filters and dates of `base` (its query, facets, limit and
/// sort are ignored). Every series has the same bucket keys: the periods
/// from the first to the last dated article passing the filters, empty
/// ones included.
pub fn compare(
    news: &NewsIndex,
    searcher: &Searcher,
    queries: &[String],
    base: &SearchRequest,
    interval: Interval,
) -> Result<Comparison> {
    let start = std::time::Instant::now();
    let series = |query: &str| {
        let req = SearchRequest {
            query: query.to_string(),
            filters: base.filters.clone(),
            since: base.since,
            until: base.until,
            histogram: Some(interval),
            limit: 0,
            collapse: base.collapse,
            ..SearchRequest::default()
        };
        super::search(news, searcher, &req)
    };
    let everything = series("")?;
    let hist = everything.histogram.unwrap_or(super::Histogram {
        interval,
        buckets: Vec::new(),
        undated: 0,
    });
    let all = AllSeries {
        total: everything.total,
        undated: hist.undated,
        buckets: hist.buckets,
    };
    let mut out = Vec::with_capacity(queries.len());
    for q in queries {
        let res = series(q)?;
        let (counts, undated) = match res.histogram {
            Some(h) => (
                h.buckets
                    .into_iter()
                    .map(|b| (b.key, b.count))
                    .collect::<HashMap<_, _>>(),
                h.undated,
            ),
            None => (HashMap::new(), 0),
        };
        out.push(QuerySeries {
            query: q.clone(),
            total: res.total,
            undated,
            buckets: align(&all.buckets, &counts),
        });
    }
    Ok(Comparison {
        interval,
        filters: everything.filters,
        since: base.since,
        until: base.until,
        all,
        queries: out,
        counts: if base.collapse.is_some() {
            "stories"
        } else {
            "articles"
        },
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

/// A query's counts laid on the periods of `all`. A query's hits are a
/// subset of `all` (same filters), so no count falls outside its range.
fn align(all: &[HistogramBucket], counts: &HashMap<String, u64>) -> Vec<CompareBucket> {
    all.iter()
        .map(|b| {
            let count = counts.get(&b.key).copied().unwrap_or(0);
            CompareBucket {
                key: b.key.clone(),
                start: b.start,
                count,
                share: (b.count > 0).then(|| count as f64 / b.count as f64),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_divide_by_all_and_empty_periods_have_none() {
        let at = |d: &str| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc()
        };
        let all = vec![
            HistogramBucket {
                key: "1987-02".into(),
                start: at("1987-02-01"),
                count: 4,
            },
            HistogramBucket {
                key: "1987-03".into(),
                start: at("1987-03-01"),
                count: 0,
            },
            HistogramBucket {
                key: "1987-04".into(),
                start: at("1987-04-01"),
                count: 10,
            },
        ];
        let counts = HashMap::from([("1987-02".to_string(), 1), ("1987-04".to_string(), 10)]);
        let got = align(&all, &counts);
        let keys: Vec<&str> = got.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["1987-02", "1987-03", "1987-04"]);
        assert_eq!(got[0].share, Some(0.25));
        assert_eq!(got[1].count, 0);
        assert_eq!(got[1].share, None);
        assert_eq!(got[2].share, Some(1.0));
    }
}

//! Calendar histograms: hits per day, week, month or year, empty periods
//! included.
//!
//! tantivy's `date_histogram` only knows fixed intervals, so calendar months
//! and years are built here: `DayCounter` buckets by day in the hot loop (an
//! integer division), and days map to calendar periods with chrono once per
//! distinct day.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

/// Calendar period of a histogram bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

/// One period of a histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistogramBucket {
    /// `1987-03-02` (day, and the Monday of a week), `1987-03` or `1987`.
    pub key: String,
    pub start: DateTime<Utc>,
    pub count: u64,
}

/// Hits per calendar period, in date order, empty periods included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    pub interval: Interval,
    pub buckets: Vec<HistogramBucket>,
    /// Hits that have no date.
    pub undated: u64,
}

/// Turn per-day counts into calendar buckets, filling empty periods.
pub fn calendar_histogram(
    interval: Interval,
    days: &BTreeMap<i64, u64>,
    undated: u64,
) -> Histogram {
    let mut buckets: Vec<HistogramBucket> = Vec::new();
    let to_date = |day: i64| {
        DateTime::from_timestamp(day * 86_400, 0)
            .map(|d| d.date_naive())
            .unwrap_or_default()
    };
    let (Some((&first, _)), Some((&last, _))) = (days.first_key_value(), days.last_key_value())
    else {
        return Histogram {
            interval,
            buckets,
            undated,
        };
    };
    let mut period = period_start(interval, to_date(first));
    let end = to_date(last);
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (&day, &c) in days {
        *counts
            .entry(period_start(interval, to_date(day)))
            .or_insert(0) += c;
    }
    // Bounded: at most one bucket per day of the covered span.
    while period <= end {
        let count = counts.get(&period).copied().unwrap_or(0);
        buckets.push(HistogramBucket {
            key: period_key(interval, period),
            start: period.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
            count,
        });
        match next_period(interval, period) {
            Some(p) => period = p,
            None => break,
        }
    }
    Histogram {
        interval,
        buckets,
        undated,
    }
}

fn period_start(interval: Interval, d: NaiveDate) -> NaiveDate {
    match interval {
        Interval::Day => d,
        Interval::Week => d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64),
        Interval::Month => d.with_day(1).unwrap_or(d),
        Interval::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
    }
}

fn next_period(interval: Interval, d: NaiveDate) -> Option<NaiveDate> {
    match interval {
        Interval::Day => d.succ_opt(),
        Interval::Week => d.checked_add_days(chrono::Days::new(7)),
        Interval::Month => d.checked_add_months(chrono::Months::new(1)),
        Interval::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
    }
}

fn period_key(interval: Interval, d: NaiveDate) -> String {
    match interval {
        Interval::Day | Interval::Week => d.format("%Y-%m-%d").to_string(),
        Interval::Month => d.format("%Y-%m").to_string(),
        Interval::Year => d.format("%Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
            / 86_400
    }

    #[test]
    fn months_are_calendar_months_with_gaps_filled() {
        let days = BTreeMap::from([
            (day(1987, 2, 26), 2),
            (day(1987, 2, 28), 1),
            (day(1987, 4, 1), 5),
        ]);
        let h = calendar_histogram(Interval::Month, &days, 3);
        let got: Vec<_> = h
            .buckets
            .iter()
            .map(|b| (b.key.as_str(), b.count))
            .collect();
        assert_eq!(got, vec![("1987-02", 3), ("1987-03", 0), ("1987-04", 5)]);
        assert_eq!(h.undated, 3);
    }

    #[test]
    fn weeks_start_on_monday_and_years_on_january_first() {
        let days = BTreeMap::from([(day(1987, 3, 1), 1), (day(1987, 3, 2), 1)]);
        let w = calendar_histogram(Interval::Week, &days, 0);
        assert_eq!(w.buckets[0].key, "1987-02-23");
        assert_eq!(w.buckets[1].key, "1987-03-02");
        let y = calendar_histogram(Interval::Year, &days, 0);
        assert_eq!(y.buckets.len(), 1);
        assert_eq!(y.buckets[0].key, "1987");
    }
}

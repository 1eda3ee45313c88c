//! Facet counts (tantivy terms aggregations over the keyword fast fields)
//! and calendar histograms of the date field.
//!
//! tantivy's `date_histogram` only knows fixed intervals, so calendar months
//! and years get their own collector: it buckets by day in the hot loop
//! (an integer division) and maps days to calendar periods with chrono once
//! per distinct day when merging.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{Score, SegmentReader};

use crate::error::{Error, Result};
use crate::gazetteer;
use crate::index::Fields;

/// A field users can filter and count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetField {
    Country,
    Person,
    Topic,
    Org,
    Exchange,
    Company,
    Dateline,
    Source,
    Section,
    Agency,
}

impl FacetField {
    /// Every facet, in display order.
    pub const ALL: [FacetField; 10] = [
        FacetField::Country,
        FacetField::Person,
        FacetField::Topic,
        FacetField::Org,
        FacetField::Exchange,
        FacetField::Company,
        FacetField::Dateline,
        FacetField::Source,
        FacetField::Section,
        FacetField::Agency,
    ];

    /// The name users type (`--facet country`).
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Country => "country",
            FacetField::Person => "person",
            FacetField::Topic => "topic",
            FacetField::Org => "org",
            FacetField::Exchange => "exchange",
            FacetField::Company => "company",
            FacetField::Dateline => "dateline",
            FacetField::Source => "source",
            FacetField::Section => "section",
            FacetField::Agency => "agency",
        }
    }

    /// The index field holding the values (declared in schema/newsdex.json).
    pub fn index_field_name(self) -> &'static str {
        match self {
            FacetField::Dateline => "dateline_city",
            other => other.name(),
        }
    }

    /// The tantivy field handle.
    pub fn field(self, f: &Fields) -> tantivy::schema::Field {
        match self {
            FacetField::Country => f.country,
            FacetField::Person => f.person,
            FacetField::Topic => f.topic,
            FacetField::Org => f.org,
            FacetField::Exchange => f.exchange,
            FacetField::Company => f.company,
            FacetField::Dateline => f.dateline_city,
            FacetField::Source => f.source,
            FacetField::Section => f.section,
            FacetField::Agency => f.agency,
        }
    }
}

impl FromStr for FacetField {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.trim().to_ascii_lowercase();
        let alias = match lower.as_str() {
            "countries" | "place" | "places" => "country",
            "people" | "persons" => "person",
            "topics" => "topic",
            "orgs" => "org",
            "exchanges" => "exchange",
            "companies" => "company",
            "dateline_city" | "city" | "datelines" => "dateline",
            other => other,
        };
        FacetField::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or_else(|| Error::BadArgument {
                flag: "--facet".into(),
                message: format!(
                    "unknown facet '{s}'; choose one of: {}",
                    FacetField::ALL.map(|f| f.name()).join(", ")
                ),
            })
    }
}

/// One value of a facet with its document count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    /// The value as stored (canonical id for countries).
    pub value: String,
    /// How to show it (display name for countries; the value otherwise).
    pub label: String,
    pub count: u64,
}

/// The top values of one facet for the current query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetCounts {
    pub facet: FacetField,
    pub values: Vec<FacetValue>,
    /// Documents whose values fell outside the top N.
    pub other: u64,
}

/// Build one terms aggregation per facet, keyed by facet name.
pub fn terms_aggregations(facets: &[FacetField], top: usize) -> Result<Aggregations> {
    let mut req = serde_json::Map::new();
    for f in facets {
        req.insert(
            f.name().to_string(),
            serde_json::json!({"terms": {"field": f.index_field_name(), "size": top, "min_doc_count": 1}}),
        );
    }
    serde_json::from_value(serde_json::Value::Object(req))
        .map_err(|e| Error::Query(format!("facet request: {e}")))
}

/// A collector for the given facets.
pub fn collector(facets: &[FacetField], top: usize) -> Result<AggregationCollector> {
    Ok(AggregationCollector::from_aggs(
        terms_aggregations(facets, top)?,
        Default::default(),
    ))
}

/// Exact counts of several facets in one pass over the matches.
///
/// Per segment it counts term ordinals of the keyword fast fields in a
/// plain array (no per-value hashing), and turns only the ordinals that
/// occurred into strings when the segment is done; segments are merged by
/// value. Unlike a terms aggregation it does not cut segments off at
/// `segment_size`, so counts and `other` are exact. Values are ordered by
/// count, then value (as the terms aggregation orders them).
///
/// Measured against the terms aggregation it replaced (same queries, same
/// output): the 50 queries of `bench/queries.tsv` with two facets took 6%
/// fewer instructions in all (194.0 M -> 182.3 M with callgrind, commit
/// be4aa0e), and the value-order merge a further share (see
/// bench/PROFILE-query.md). `terms_aggregations`/`read_counts` remain for
/// `stats`.
pub struct FacetCollector {
    facets: Vec<FacetField>,
    top: usize,
}

impl FacetCollector {
    /// Count `facets`, keeping the `top` values of each.
    pub fn new(facets: &[FacetField], top: usize) -> FacetCollector {
        FacetCollector {
            facets: facets.to_vec(),
            top,
        }
    }
}

/// Per-segment half of [`FacetCollector`].
pub struct FacetSegmentCollector {
    columns: Vec<Option<(tantivy::columnar::StrColumn, Vec<u32>)>>,
}

impl Collector for FacetCollector {
    type Fruit = Vec<FacetCounts>;
    type Child = FacetSegmentCollector;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let mut columns = Vec::with_capacity(self.facets.len());
        for f in &self.facets {
            let col = reader.fast_fields().str(f.index_field_name())?;
            columns.push(col.map(|c| {
                let n = c.num_terms();
                (c, vec![0u32; n])
            }));
        }
        Ok(FacetSegmentCollector { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Vec<(String, u64)>>>) -> tantivy::Result<Self::Fruit> {
        // Per facet, the segments' (value, count) lists, each in value order.
        let mut per_facet: Vec<Vec<Vec<(String, u64)>>> = vec![Vec::new(); self.facets.len()];
        for fruit in fruits {
            for (i, list) in fruit.into_iter().enumerate() {
                if !list.is_empty() {
                    if let Some(lists) = per_facet.get_mut(i) {
                        lists.push(list);
                    }
                }
            }
        }
        let out = self
            .facets
            .iter()
            .zip(per_facet)
            .map(|(facet, lists)| top_values(*facet, merge_sorted(lists), self.top))
            .collect();
        Ok(out)
    }
}

/// Merge lists of (value, count), each sorted by value, adding the counts of
/// equal values.
fn merge_sorted(lists: Vec<Vec<(String, u64)>>) -> Vec<(String, u64)> {
    let mut merged: Vec<(String, u64)> = Vec::new();
    for mut list in lists {
        if !list.is_sorted_by(|a, b| a.0 <= b.0) {
            list.sort_by(|a, b| a.0.cmp(&b.0));
        }
        if merged.is_empty() {
            merged = list;
            continue;
        }
        let mut out = Vec::with_capacity(merged.len() + list.len());
        let mut left = std::mem::take(&mut merged).into_iter().peekable();
        let mut right = list.into_iter().peekable();
        loop {
            let take_left = match (left.peek(), right.peek()) {
                (Some(l), Some(r)) => match l.0.cmp(&r.0) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Greater => false,
                    std::cmp::Ordering::Equal => {
                        if let (Some((v, a)), Some((_, b))) = (left.next(), right.next()) {
                            out.push((v, a + b));
                        }
                        continue;
                    }
                },
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let next = if take_left { left.next() } else { right.next() };
            out.extend(next);
        }
        // Equal neighbours (only from an input with repeated values).
        out.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        merged = out;
    }
    merged
}

/// The `top` values by count, then value; the rest summed into `other`.
fn top_values(facet: FacetField, mut all: Vec<(String, u64)>, top: usize) -> FacetCounts {
    let order = |a: &(String, u64), b: &(String, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    let mut other = 0;
    if all.len() > top {
        if top > 0 {
            all.select_nth_unstable_by(top - 1, order);
        }
        other = all[top..].iter().map(|(_, c)| c).sum();
        all.truncate(top);
    }
    all.sort_unstable_by(order);
    FacetCounts {
        facet,
        values: all
            .into_iter()
            .map(|(value, count)| FacetValue {
                label: label_for(facet, &value),
                value,
                count,
            })
            .collect(),
        other,
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Vec<Vec<(String, u64)>>;

    fn collect(&mut self, doc: u32, _: Score) {
        for (col, counts) in self.columns.iter_mut().flatten() {
            for ord in col.ords().values_for_doc(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.columns
            .into_iter()
            .map(|entry| {
                let Some((col, counts)) = entry else {
                    return Vec::new();
                };
                let ords: Vec<u64> = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, &c)| c > 0)
                    .map(|(o, _)| o as u64)
                    .collect();
                let mut values = Vec::with_capacity(ords.len());
                let mut next = ords.iter().map(|&o| u64::from(counts[o as usize]));
                let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    let count = next.next().unwrap_or(0);
                    values.push((String::from_utf8_lossy(bytes).into_owned(), count));
                });
                values
            })
            .collect()
    }
}

/// Read the counts of `facet` out of aggregation results.
pub fn read_counts(results: &AggregationResults, facet: FacetField) -> FacetCounts {
    read_counts_json(&serde_json::to_value(results).unwrap_or_default(), facet)
}

/// [`read_counts`] on results already turned into JSON, so that several
/// facets of one search are read without serializing the results again.
pub fn read_counts_json(json: &serde_json::Value, facet: FacetField) -> FacetCounts {
    let agg = &json[facet.name()];
    let values = agg["buckets"]
        .as_array()
        .map(|buckets| {
            buckets
                .iter()
                .filter_map(|b| {
                    let value = b["key"].as_str()?.to_string();
                    let count = b["doc_count"].as_u64()?;
                    Some(FacetValue {
                        label: label_for(facet, &value),
                        value,
                        count,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    FacetCounts {
        facet,
        values,
        other: agg["sum_other_doc_count"].as_u64().unwrap_or(0),
    }
}

/// Display label of a stored facet value.
pub fn label_for(facet: FacetField, value: &str) -> String {
    match facet {
        FacetField::Country => gazetteer::country_name(value).unwrap_or(value).to_string(),
        _ => value.to_string(),
    }
}

/// Calendar period of a histogram bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

impl FromStr for Interval {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            "year" => Ok(Interval::Year),
            _ => Err(Error::BadArgument {
                flag: "--histogram".into(),
                message: format!("'{s}' is not one of day, week, month, year"),
            }),
        }
    }
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

/// Counts hits per day from the `date` fast field.
pub struct DayCounter;

/// Per-segment half of `DayCounter`.
pub struct DaySegmentCounter {
    column: Option<Column<tantivy::DateTime>>,
    days: BTreeMap<i64, u64>,
    undated: u64,
}

impl Collector for DayCounter {
    type Fruit = (BTreeMap<i64, u64>, u64);
    type Child = DaySegmentCounter;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(DaySegmentCounter {
            column: reader.fast_fields().date("date").ok(),
            days: BTreeMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all = BTreeMap::new();
        let mut undated = 0;
        for (days, u) in fruits {
            undated += u;
            for (d, c) in days {
                *all.entry(d).or_insert(0) += c;
            }
        }
        Ok((all, undated))
    }
}

impl SegmentCollector for DaySegmentCounter {
    type Fruit = (BTreeMap<i64, u64>, u64);

    fn collect(&mut self, doc: u32, _: Score) {
        match self.column.as_ref().and_then(|c| c.first(doc)) {
            Some(d) => {
                let day = d.into_timestamp_secs().div_euclid(86_400);
                *self.days.entry(day).or_insert(0) += 1;
            }
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.days, self.undated)
    }
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

    #[test]
    fn merged_counts_and_top_values() {
        let l = |v: &[(&str, u64)]| v.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        let merged = merge_sorted(vec![
            l(&[("a", 1), ("c", 5), ("d", 2)]),
            l(&[("b", 3), ("c", 1), ("e", 2)]),
            l(&[("e", 4), ("a", 1)]),
        ]);
        assert_eq!(
            merged,
            l(&[("a", 2), ("b", 3), ("c", 6), ("d", 2), ("e", 6)])
        );
        let top = top_values(FacetField::Person, merged, 3);
        let got: Vec<_> = top
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.count))
            .collect();
        assert_eq!(got, vec![("c", 6), ("e", 6), ("b", 3)]);
        assert_eq!(top.other, 4);
        let all = top_values(FacetField::Person, l(&[("x", 1), ("y", 2)]), 10);
        assert_eq!(all.values.len(), 2);
        assert_eq!(all.other, 0);
    }

    #[test]
    fn country_names_agree_with_the_gazetteer() {
        use crate::index::document::CountryRef;
        assert!(gazetteer::countries().len() > 200);
        for c in gazetteer::countries() {
            assert_eq!(
                gazetteer::country_name(&c.id),
                Some(c.name.as_str()),
                "{}",
                c.id
            );
            // An exact id resolves to itself (so filters may skip the tables).
            assert_eq!(
                gazetteer::country_by_id(&c.id).map(|g| g.id.as_str()),
                Some(c.id.as_str())
            );
            assert_eq!(
                gazetteer::resolve_country(&c.id).map(|g| g.id.as_str()),
                Some(c.id.as_str())
            );
        }
        assert_eq!(gazetteer::country_name("no-such-country"), None);
        assert_eq!(label_for(FacetField::Country, "zz-unknown"), "zz-unknown");
        assert_eq!(CountryRef::from_id("usa").name, "United States");
    }

    #[test]
    fn facet_names_and_aliases_parse() {
        assert_eq!(
            "Country".parse::<FacetField>().unwrap(),
            FacetField::Country
        );
        assert_eq!("people".parse::<FacetField>().unwrap(), FacetField::Person);
        assert_eq!(
            "dateline".parse::<FacetField>().unwrap(),
            FacetField::Dateline
        );
        assert!("colour".parse::<FacetField>().is_err());
    }
}

//! `newsdex stats`: what is in an index, read from its term dictionaries,
//! fast fields and files, without loading documents.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::aggregation::agg_req::{Aggregation, AggregationVariants, Aggregations};
use tantivy::aggregation::agg_result::{AggregationResult, MetricResult};
use tantivy::aggregation::metric::StatsAggregation;
use tantivy::aggregation::AggregationCollector;
use tantivy::query::AllQuery;
use tantivy::Searcher;

use crate::error::Result;
use crate::index::NewsIndex;
use crate::schema::names;
use crate::search::facet_counts::{FacetCollector, FacetValue};
use crate::search::{vocab, FacetField};

/// Summary figures of an index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    pub index: String,
    pub documents: u64,
    pub segments: usize,
    pub earliest: Option<DateTime<Utc>>,
    pub latest: Option<DateTime<Utc>>,
    pub undated: u64,
    /// Distinct values per facet field.
    pub distinct: BTreeMap<String, usize>,
    /// Documents per source.
    pub sources: Vec<FacetValue>,
    pub size_bytes: u64,
}

/// Compute the stats of an open index.
pub fn stats(news: &NewsIndex, searcher: &Searcher) -> Result<IndexStats> {
    let f = &news.fields;
    let mut distinct = BTreeMap::new();
    for facet in FacetField::all() {
        distinct.insert(
            facet.name().to_string(),
            vocab::vocabulary(searcher, f.facet(facet))?.len(),
        );
    }
    // One stats aggregation gives the date range and how many are dated,
    // read through tantivy's typed results.
    let dates = Aggregation {
        agg: AggregationVariants::Stats(StatsAggregation::from_field_name(names::DATE.to_string())),
        sub_aggregation: Aggregations::default(),
    };
    let req: Aggregations = [("dates".to_string(), dates)].into_iter().collect();
    let sources = FacetField::of_field(names::SOURCE);
    let by_source = sources.map(|s| FacetCollector::new(&[s], usize::MAX));
    let (res, source_counts) = searcher.search(
        &AllQuery,
        &(
            AggregationCollector::from_aggs(req, Default::default()),
            by_source,
        ),
    )?;
    let (mut earliest, mut latest, mut dated) = (None, None, 0);
    if let Some(AggregationResult::MetricResult(MetricResult::Stats(st))) = res.0.get("dates") {
        // Date metrics come back as nanoseconds since the epoch.
        let as_date = |ns: Option<f64>| ns.map(|ns| DateTime::from_timestamp_nanos(ns as i64));
        earliest = as_date(st.min);
        latest = as_date(st.max);
        dated = st.count;
    }
    let documents = searcher.num_docs();
    Ok(IndexStats {
        index: news.path.display().to_string(),
        documents,
        segments: searcher.segment_readers().len(),
        earliest,
        latest,
        undated: documents.saturating_sub(dated),
        distinct,
        sources: source_counts
            .and_then(|c| c.into_iter().next())
            .map(|c| c.values)
            .unwrap_or_default(),
        size_bytes: crate::index::size_on_disk(&news.path),
    })
}

//! `newsdex stats`: what is in an index, read from its term dictionaries,
//! fast fields and files, without loading documents.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::query::AllQuery;
use tantivy::Searcher;

use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::search::{facets, vocab, FacetField};

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
    pub sources: Vec<facets::FacetValue>,
    pub size_bytes: u64,
}

/// Compute the stats of an open index.
pub fn stats(news: &NewsIndex, searcher: &Searcher) -> Result<IndexStats> {
    let f = &news.fields;
    let mut distinct = BTreeMap::new();
    for facet in FacetField::ALL {
        distinct.insert(
            facet.name().to_string(),
            vocab::vocabulary(searcher, facet.field(f))?.len(),
        );
    }
    let req: Aggregations = serde_json::from_value(serde_json::json!({
        "min_date": {"min": {"field": "date"}},
        "max_date": {"max": {"field": "date"}},
        "dated": {"value_count": {"field": "date"}},
        "source": {"terms": {"field": "source", "size": 1000}}
    }))
    .map_err(|e| Error::Query(e.to_string()))?;
    let res = searcher.search(
        &AllQuery,
        &AggregationCollector::from_aggs(req, Default::default()),
    )?;
    let json = serde_json::to_value(&res).unwrap_or_default();
    // Date metrics come back as nanoseconds since the epoch.
    let as_date = |key: &str| {
        json[key]["value"]
            .as_f64()
            .map(|ns| DateTime::from_timestamp_nanos(ns as i64))
    };
    let documents = searcher.num_docs();
    let dated = json["dated"]["value"].as_f64().unwrap_or(0.0) as u64;
    Ok(IndexStats {
        index: news.path.display().to_string(),
        documents,
        segments: searcher.segment_readers().len(),
        earliest: as_date("min_date"),
        latest: as_date("max_date"),
        undated: documents.saturating_sub(dated),
        distinct,
        sources: facets::read_counts_json(&json, FacetField::Source).values,
        size_bytes: dir_size(&news.path),
    })
}

fn dir_size(path: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

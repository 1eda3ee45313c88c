//! Who appears with what: for the top values of one facet among a query's
//! hits, how often each of the top values of another facet appears in the
//! same articles, with the lift (observed over what independence would
//! give). Solr's pivot facets count the same pairs; the lift says which
//! pairs are more than the two values' popularity.
//!
//! Two passes over the hits: the facet counts of `search` pick the top
//! values of each facet, then [`PairCollector`] counts only the pairs of
//! those values, by term ordinal, in a flat matrix.

use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::{Score, Searcher, SegmentReader};

use super::facet_counts::{FacetCollector, FacetValue};
use super::{AppliedFilter, FacetField, SearchRequest};
use crate::error::Result;
use crate::index::NewsIndex;

/// Most values per side of a co-occurrence table.
pub const MAX_COOCCUR_TOP: usize = 100;

/// One cell: articles with both the row's and the column's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CooccurCell {
    /// The column's value (as stored).
    pub value: String,
    pub count: u64,
    /// Articles expected with both if the two values were independent
    /// among the hits: row count × column count / hits.
    pub expected: f64,
    /// `count / expected` (1: as often as chance; above: together more
    /// often); None where nothing is expected.
    pub lift: Option<f64>,
}

/// One row: a value of the first facet and its cells, in column order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CooccurRow {
    pub value: String,
    pub label: String,
    /// Hits with this value.
    pub count: u64,
    pub cells: Vec<CooccurCell>,
}

/// The co-occurrence table of two facets among a query's hits.
#[derive(Debug, Clone, Serialize)]
pub struct Cooccurrence {
    pub query: String,
    pub filters: Vec<AppliedFilter>,
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// Hits of the query and filters: the base of the expected counts.
    pub total: usize,
    /// The facet of the rows.
    pub rows_facet: FacetField,
    /// The facet of the columns.
    pub columns_facet: FacetField,
    /// The top values of the column facet among the hits.
    pub columns: Vec<FacetValue>,
    pub rows: Vec<CooccurRow>,
    pub took_ms: f64,
}

/// Count how often the `top` values of `rows` appear with the `top` values
/// of `columns` among the hits of `req` (its facets, limit and sort are
/// ignored). Filters count inside themselves: `--country japan` gives
/// rows of Japan only.
pub fn cooccur(
    news: &NewsIndex,
    searcher: &Searcher,
    req: &SearchRequest,
    rows: FacetField,
    columns: FacetField,
    top: usize,
) -> Result<Cooccurrence> {
    let start = std::time::Instant::now();
    let top = top.min(MAX_COOCCUR_TOP);
    let (query, filters) = super::full_query(news, searcher, req)?;
    let facets: Vec<FacetField> = if rows == columns {
        vec![rows]
    } else {
        vec![rows, columns]
    };
    let (total, counts) = searcher.search(&*query, &(Count, FacetCollector::new(&facets, top)))?;
    let row_values = counts[0].values.clone();
    let col_values = counts[counts.len() - 1].values.clone();
    let pairs = PairCollector {
        rows: (rows, row_values.iter().map(|v| v.value.clone()).collect()),
        columns: (
            columns,
            col_values.iter().map(|v| v.value.clone()).collect(),
        ),
    };
    let matrix = if row_values.is_empty() || col_values.is_empty() {
        Vec::new()
    } else {
        searcher.search(&*query, &pairs)?
    };
    let n = col_values.len();
    let table = row_values
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let cells = col_values
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let count = matrix.get(i * n + j).copied().unwrap_or(0);
                    let expected = if total > 0 {
                        r.count as f64 * c.count as f64 / total as f64
                    } else {
                        0.0
                    };
                    CooccurCell {
                        value: c.value.clone(),
                        count,
                        expected,
                        lift: (expected > 0.0).then(|| count as f64 / expected),
                    }
                })
                .collect();
            CooccurRow {
                value: r.value,
                label: r.label,
                count: r.count,
                cells,
            }
        })
        .collect();
    Ok(Cooccurrence {
        query: req.query.clone(),
        filters,
        since: req.since,
        until: req.until,
        total,
        rows_facet: rows,
        columns_facet: columns,
        columns: col_values,
        rows: table,
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

/// Counts the articles holding each (row value, column value) pair, for
/// given values of two facets: a row-major matrix of counts.
struct PairCollector {
    rows: (FacetField, Vec<String>),
    columns: (FacetField, Vec<String>),
}

/// A segment's column of one facet, and each term ordinal's place among
/// the wanted values (`u32::MAX`: not wanted).
type Side = Option<(tantivy::columnar::StrColumn, Vec<u32>)>;

/// Per-segment half of [`PairCollector`].
struct PairSegment {
    rows: Side,
    columns: Side,
    width: usize,
    counts: Vec<u64>,
    /// Reused buffers of a document's wanted row and column places.
    at_rows: Vec<u32>,
    at_columns: Vec<u32>,
}

fn side(reader: &SegmentReader, facet: FacetField, values: &[String]) -> tantivy::Result<Side> {
    let Some(col) = reader.fast_fields().str(facet.index_field_name())? else {
        return Ok(None);
    };
    let mut places = vec![u32::MAX; col.num_terms()];
    for (i, v) in values.iter().enumerate() {
        if let Some(ord) = col.dictionary().term_ord(v.as_bytes())? {
            if let Some(p) = places.get_mut(ord as usize) {
                *p = i as u32;
            }
        }
    }
    Ok(Some((col, places)))
}

fn places_of(side: &Side, doc: u32, out: &mut Vec<u32>) {
    out.clear();
    if let Some((col, places)) = side {
        for ord in col.ords().values_for_doc(doc) {
            match places.get(ord as usize) {
                Some(&p) if p != u32::MAX => out.push(p),
                _ => {}
            }
        }
    }
}

impl Collector for PairCollector {
    type Fruit = Vec<u64>;
    type Child = PairSegment;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<PairSegment> {
        let width = self.columns.1.len();
        Ok(PairSegment {
            rows: side(reader, self.rows.0, &self.rows.1)?,
            columns: side(reader, self.columns.0, &self.columns.1)?,
            width,
            counts: vec![0; self.rows.1.len() * width],
            at_rows: Vec::new(),
            at_columns: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        let mut all = vec![0; self.rows.1.len() * self.columns.1.len()];
        for f in fruits {
            for (a, b) in all.iter_mut().zip(f) {
                *a += b;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for PairSegment {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: u32, _: Score) {
        places_of(&self.rows, doc, &mut self.at_rows);
        if self.at_rows.is_empty() {
            return;
        }
        places_of(&self.columns, doc, &mut self.at_columns);
        for &r in &self.at_rows {
            for &c in &self.at_columns {
                if let Some(n) = self.counts.get_mut(r as usize * self.width + c as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.counts
    }
}

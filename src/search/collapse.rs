//! One hit per story: collapsing near-duplicate copies (`search
//! --collapse`), and the clusters among the hits (`dupes`).
//!
//! Every article stores its near-duplicate cluster, and a cluster's later
//! copies its size (`index::dupes`; the first story stores 1). Collapsing
//! first collects the matching articles that have copies (the later copies
//! by their stored size, then the first stories of their clusters by id),
//! keeps one per cluster (the earliest, or the best scoring), and excludes
//! the others from the search by id: totals, facet counts and histograms
//! then count stories, not copies.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermSetQuery};
use tantivy::{DocAddress, Score, Searcher, SegmentReader, Term};

use crate::error::{Error, Result};
use crate::index::columns::{first_str, str_column};
use crate::index::{dupes, Fields};
use crate::schema::names;

/// Which copy of a story stands for it when hits are collapsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Collapse {
    /// The earliest matching copy (then the smallest id): where the story
    /// first ran.
    Earliest,
    /// The best-scoring matching copy.
    Best,
}

impl std::str::FromStr for Collapse {
    type Err = Error;
    fn from_str(s: &str) -> Result<Collapse> {
        match s.trim() {
            "earliest" | "first" => Ok(Collapse::Earliest),
            "best" | "score" | "relevance" => Ok(Collapse::Best),
            other => Err(Error::UnknownCollapse(other.to_string())),
        }
    }
}

/// How a search was collapsed, as its results say.
#[derive(Debug, Clone, Serialize)]
pub struct Collapsed {
    pub by: Collapse,
    /// What totals, facets and histograms count: always `stories`.
    pub counts: &'static str,
    /// Matching copies left out because another copy stands for their story.
    pub hidden_copies: u64,
}

/// A matching article that has copies.
#[derive(Debug, Clone)]
pub struct Copy {
    pub cluster: String,
    pub id: String,
    pub date: Option<i64>,
    pub score: Score,
    /// The cluster's size.
    pub copies: u64,
    pub addr: DocAddress,
}

/// Collects the matching articles that store a cluster size of two or more
/// (later copies), or, with `every`, all matching articles.
pub struct CopiesCollector {
    pub scoring: bool,
    pub every: bool,
}

/// Per-segment half of [`CopiesCollector`].
pub struct CopiesSegment {
    segment: u32,
    copies: Column<u64>,
    clusters: StrColumn,
    ids: StrColumn,
    dates: Option<Column<tantivy::DateTime>>,
    every: bool,
    out: Vec<Copy>,
}

impl Collector for CopiesCollector {
    type Fruit = Vec<Copy>;
    type Child = CopiesSegment;

    fn for_segment(&self, segment: u32, reader: &SegmentReader) -> tantivy::Result<CopiesSegment> {
        Ok(CopiesSegment {
            segment,
            copies: reader.fast_fields().u64(names::COPIES)?,
            clusters: str_column(reader, names::CLUSTER)?,
            ids: str_column(reader, names::ID)?,
            dates: reader.fast_fields().date(names::DATE).ok(),
            every: self.every,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Copy>>) -> tantivy::Result<Vec<Copy>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for CopiesSegment {
    type Fruit = Vec<Copy>;

    fn collect(&mut self, doc: u32, score: Score) {
        let copies = self.copies.first(doc).unwrap_or(1);
        if copies < 2 && !self.every {
            return;
        }
        self.out.push(Copy {
            cluster: first_str(&self.clusters, doc),
            id: first_str(&self.ids, doc),
            date: self
                .dates
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(|d| d.into_timestamp_secs()),
            score,
            copies,
            addr: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Copy> {
        self.out
    }
}

/// Which clusters' first stories [`matching_copies`] looks for among the
/// hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Firsts {
    /// Those of the clusters that have a later copy among the hits: enough
    /// to collapse (a first story alone among the hits hides nothing).
    OfMatchingCopies,
    /// Those of every cluster in the index: every cluster with a copy among
    /// the hits.
    All,
}

/// The matching articles of `query` that have copies, grouped by cluster.
pub fn matching_copies(
    fields: &Fields,
    searcher: &Searcher,
    query: &dyn Query,
    scoring: bool,
    firsts: Firsts,
) -> Result<HashMap<String, Vec<Copy>>> {
    let found = searcher.search(
        query,
        &CopiesCollector {
            scoring,
            every: false,
        },
    )?;
    let mut by_cluster: HashMap<String, Vec<Copy>> = HashMap::new();
    for c in found {
        by_cluster.entry(c.cluster.clone()).or_default().push(c);
    }
    // A cluster's first story stores no size: it is found by its id, which
    // is the cluster's, and given the size its later copies store.
    let sizes: HashMap<String, u64> = match firsts {
        Firsts::OfMatchingCopies => by_cluster
            .iter()
            .map(|(cluster, members)| (cluster.clone(), members[0].copies))
            .collect(),
        Firsts::All => dupes::index_clusters(searcher)?,
    };
    if sizes.is_empty() {
        return Ok(by_cluster);
    }
    let ids = sizes
        .keys()
        .map(|cluster| Term::from_field_text(fields.id, cluster));
    let firsts_query = BooleanQuery::new(vec![
        (Occur::Must, query.box_clone()),
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(ids)), 0.0)),
        ),
    ]);
    let seen: HashSet<DocAddress> = by_cluster.values().flatten().map(|c| c.addr).collect();
    let heads = searcher.search(
        &firsts_query,
        &CopiesCollector {
            scoring,
            every: true,
        },
    )?;
    for mut c in heads {
        // An index written before first stories stored 1 has them already.
        if seen.contains(&c.addr) {
            continue;
        }
        c.copies = sizes.get(&c.id).copied().unwrap_or(c.copies);
        c.cluster = c.id.clone();
        by_cluster.entry(c.cluster.clone()).or_default().push(c);
    }
    Ok(by_cluster)
}

/// The query excluding every matching copy but the one that stands for its
/// story, and how many it excludes; `None` when no hit has a copy.
pub fn exclusion(
    fields: &Fields,
    searcher: &Searcher,
    query: &dyn Query,
    by: Collapse,
) -> Result<(Option<Box<dyn Query>>, u64)> {
    let groups = matching_copies(
        fields,
        searcher,
        query,
        by == Collapse::Best,
        Firsts::OfMatchingCopies,
    )?;
    let mut hidden = Vec::new();
    for mut members in groups.into_values() {
        if members.len() < 2 {
            continue;
        }
        let earliest = |c: &Copy| (c.date.is_none(), c.date, c.id.clone());
        match by {
            Collapse::Earliest => members.sort_by_key(earliest),
            Collapse::Best => members.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| earliest(a).cmp(&earliest(b)))
            }),
        }
        hidden.extend(
            members
                .into_iter()
                .skip(1)
                .map(|c| Term::from_field_text(fields.id, &c.id)),
        );
    }
    let n = hidden.len() as u64;
    if hidden.is_empty() {
        return Ok((None, 0));
    }
    Ok((Some(Box::new(TermSetQuery::new(hidden))), n))
}

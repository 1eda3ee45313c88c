//! The near-duplicate clusters among the hits of a query (`newsdex dupes`):
//! which stories were republished most, when and by whom.

use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

use super::collapse::{matching_copies, Firsts};
use super::{AppliedFilter, SearchRequest};
use crate::error::Result;
use crate::index::document::{first_text, stored_date};
use crate::index::NewsIndex;
use crate::schema::names;

/// Most clusters one answer lists.
pub const MAX_CLUSTERS: usize = 1000;
/// Most members listed per cluster (the count says how many there are).
pub const MAX_MEMBERS: usize = 50;

/// One copy in a cluster.
#[derive(Debug, Clone, Serialize)]
pub struct DupeMember {
    pub id: String,
    pub date: Option<DateTime<Utc>>,
    pub title: String,
    pub source: Option<String>,
}

/// One story and its copies.
#[derive(Debug, Clone, Serialize)]
pub struct DupeCluster {
    /// The cluster id: its first story's id.
    pub cluster: String,
    /// The first story's title.
    pub title: String,
    /// Articles in the cluster, in the whole index.
    pub copies: u64,
    /// Of those, the ones matching the query and filters.
    pub matching: u64,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    /// The sources that ran it, in order of first appearance.
    pub sources: Vec<String>,
    /// The copies, earliest first (at most [`MAX_MEMBERS`]).
    pub members: Vec<DupeMember>,
}

/// The clusters among the hits, largest first.
#[derive(Debug, Clone, Serialize)]
pub struct DupeClusters {
    pub query: String,
    pub filters: Vec<AppliedFilter>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Clusters with at least one matching copy.
    pub total_clusters: usize,
    /// Matching articles that have copies.
    pub total_copies: usize,
    pub limit: usize,
    pub clusters: Vec<DupeCluster>,
    pub took_ms: f64,
}

/// The near-duplicate clusters that have a copy among the hits of `req`
/// (its query, filters and dates), largest first (then the most matching
/// copies, then the earliest); `limit` of them with their copies.
pub fn dupes(
    news: &NewsIndex,
    searcher: &Searcher,
    req: &SearchRequest,
    limit: usize,
) -> Result<DupeClusters> {
    let start = Instant::now();
    let f = &news.fields;
    let limit = limit.min(MAX_CLUSTERS);
    let (query, filters) = super::full_query(news, searcher, req)?;
    let groups = matching_copies(f, searcher, &*query, false, Firsts::All)?;
    let total_copies = groups.values().map(Vec::len).sum();
    let mut ranked: Vec<(String, u64, u64, Option<i64>)> = groups
        .into_iter()
        .map(|(cluster, members)| {
            let size = members.iter().map(|m| m.copies).max().unwrap_or(1);
            let first = members.iter().filter_map(|m| m.date).min();
            (cluster, size, members.len() as u64, first)
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.2.cmp(&a.2))
            .then((a.3.is_none(), a.3).cmp(&(b.3.is_none(), b.3)))
            .then(a.0.cmp(&b.0))
    });
    let total_clusters = ranked.len();
    let source = f.named(names::SOURCE);
    let mut clusters = Vec::new();
    for (cluster, copies, matching, _) in ranked.into_iter().take(limit) {
        let q = TermQuery::new(
            Term::from_field_text(f.cluster, &cluster),
            IndexRecordOption::Basic,
        );
        let mut members = Vec::new();
        for addr in searcher.search(&q, &DocSetCollector)? {
            let doc: TantivyDocument = searcher.doc(addr)?;
            members.push(DupeMember {
                id: first_text(&doc, f.id).unwrap_or_default(),
                date: stored_date(&doc, f),
                title: first_text(&doc, f.text_of(&doc).title).unwrap_or_default(),
                source: source.and_then(|s| first_text(&doc, s)),
            });
        }
        members.sort_by(|a, b| {
            (a.date.is_none(), a.date, &a.id).cmp(&(b.date.is_none(), b.date, &b.id))
        });
        let mut sources: Vec<String> = Vec::new();
        for s in members.iter().filter_map(|m| m.source.clone()) {
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
        let title = members
            .iter()
            .find(|m| m.id == cluster)
            .or(members.first())
            .map(|m| m.title.clone())
            .unwrap_or_default();
        let first = members.iter().filter_map(|m| m.date).min();
        let last = members.iter().filter_map(|m| m.date).max();
        members.truncate(MAX_MEMBERS);
        clusters.push(DupeCluster {
            title,
            copies,
            matching,
            first,
            last,
            sources,
            members,
            cluster,
        });
    }
    Ok(DupeClusters {
        query: req.query.clone(),
        filters,
        since: req.since,
        until: req.until,
        total_clusters,
        total_copies,
        limit,
        clusters,
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

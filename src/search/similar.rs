//! Similar stories: more-like-this over the title and body of one article
//! (tantivy's `MoreLikeThisQuery`), within the usual filters, the article
//! itself and its near-duplicate copies (its cluster) left out, and one
//! story per cluster among the hits (its best-scoring copy, which carries
//! the story's copy count).
//!
//! The query is built from the article's own words only (title and body):
//! its tags (topics, countries, people) are not used, so "shares a topic"
//! can measure the text similarity (BENCHMARKS.md). The 25 words with the
//! highest tf-idf in the article, in 2 to 10% of the index at most, make
//! the query; stop words (`data/stopwords.txt`) are never used.

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::{AppliedFilter, Hit, SearchRequest, MAX_LIMIT};
use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::index::{columns, document};
use crate::schema::names;

/// Words of the article that make the query.
const MAX_QUERY_TERMS: usize = 25;
/// A word in more than this share of the index says little of a story.
const MAX_DOC_SHARE: f64 = 0.10;

/// How many hits are read per story wanted, so that copies can be left out.
const OVERFETCH: usize = 4;

/// The best-scoring hit of each near-duplicate cluster, best first, at most
/// `limit` of them.
fn one_per_story(
    searcher: &Searcher,
    top: Vec<(f32, DocAddress)>,
    limit: usize,
) -> Result<Vec<(Option<f32>, DocAddress)>> {
    let columns = searcher
        .segment_readers()
        .iter()
        .map(|r| columns::str_column(r, names::CLUSTER))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(limit);
    for (score, addr) in top {
        let cluster = columns::first_str(&columns[addr.segment_ord as usize], addr.doc_id);
        // An article without a stored cluster is a story of its own.
        if cluster.is_empty() || seen.insert(cluster) {
            out.push((Some(score), addr));
            if out.len() == limit {
                break;
            }
        }
    }
    Ok(out)
}

/// Articles like one article.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarResults {
    /// The article compared with.
    pub id: String,
    pub title: String,
    pub filters: Vec<AppliedFilter>,
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// Copies of the article (its near-duplicate cluster) left out.
    pub copies_left_out: u64,
    /// Articles sharing at least one of the query words (and the filters).
    pub total: usize,
    pub limit: usize,
    pub hits: Vec<Hit>,
    pub took_ms: f64,
}

/// The `limit` articles most like the article `id`, among those passing
/// the filters and dates of `base` (its query, facets and sort are
/// ignored).
pub fn similar(
    news: &NewsIndex,
    searcher: &Searcher,
    id: &str,
    base: &SearchRequest,
    limit: usize,
) -> Result<SimilarResults> {
    let start = std::time::Instant::now();
    let f = &news.fields;
    let limit = limit.min(MAX_LIMIT);
    let id_term = Term::from_field_text(f.id, id);
    let id_query = TermQuery::new(id_term, IndexRecordOption::Basic);
    let (_, addr) = *searcher
        .search(&id_query, &TopDocs::with_limit(1).order_by_score())?
        .first()
        .ok_or_else(|| Error::NotFound(id.to_string()))?;
    let doc: TantivyDocument = searcher.doc(addr)?;
    // The story's own language fields: like stories in its language.
    let text = f.text_of(&doc);
    let title = document::first_text(&doc, text.title).unwrap_or_default();
    let cluster = document::first_text(&doc, f.cluster).unwrap_or_else(|| id.to_string());
    let copies = crate::index::dupes::cluster_size(searcher, f, &cluster)?;
    let body = document::all_text(&doc, text.body).join("\n");
    let fields = vec![
        (text.title, vec![OwnedValue::Str(title.clone())]),
        (text.body, vec![OwnedValue::Str(body)]),
    ];
    let n = searcher.num_docs();
    let mlt = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(2)
        .with_max_doc_frequency(((n as f64 * MAX_DOC_SHARE) as u64).max(2))
        .with_min_term_frequency(1)
        .with_max_query_terms(MAX_QUERY_TERMS)
        .with_min_word_length(2)
        .with_stop_words(super::terms::stop_word_list())
        .with_document_fields(fields);

    let mut filter_req = base.clone();
    filter_req.query = String::new();
    let (filters_query, filters) = super::full_query(news, searcher, &filter_req)?;
    let q = BooleanQuery::new(vec![
        (Occur::Must, Box::new(mlt) as Box<dyn Query>),
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(filters_query, 0.0)),
        ),
        (Occur::MustNot, Box::new(id_query)),
        (
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(f.cluster, &cluster),
                IndexRecordOption::Basic,
            )),
        ),
    ]);
    // Copies of one story score alike: enough hits are read to keep
    // `limit` stories after the copies are left out.
    let want = limit.max(1) * OVERFETCH;
    let (total, top) = searcher.search(&q, &(Count, TopDocs::with_limit(want).order_by_score()))?;
    let docs = if limit == 0 {
        Vec::new()
    } else {
        one_per_story(searcher, top, limit)?
    };
    let hits = super::build_hits(news, searcher, &q, docs, 0)?;
    Ok(SimilarResults {
        id: id.to_string(),
        title,
        filters,
        since: base.since,
        until: base.until,
        copies_left_out: copies.saturating_sub(1),
        total,
        limit,
        hits,
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

//! Searching: a query and filters in, `SearchResults` out (hits with
//! snippets, multi-select facet counts, a calendar histogram); queries
//! compared over time (`compare`); which facet values appear together
//! (`cooccur`); the words that set the hits apart (`terms`); stories like
//! one story (`similar`). Rendering is
//! elsewhere (`render`), so people and programs read the same results.

pub mod collapse;
pub mod compare;
pub mod cooccur;
pub mod day_counter;
pub mod dupes;
pub mod facet_counts;
pub mod histogram;
mod period;
pub mod query;
pub mod similar;
pub mod snippets;
pub mod stats;
pub mod terms;
pub mod vocab;

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::snippet::Snippet;
use tantivy::{DocAddress, Order, Searcher};

use crate::error::{Error, Result};
use crate::index::document::{self, Values};
use crate::index::dupes::with_copies;
use crate::index::NewsIndex;
pub use crate::schema::FacetField;
pub use collapse::{Collapse, Collapsed};
pub use compare::{compare, AllSeries, CompareBucket, Comparison, QuerySeries};
pub use cooccur::{cooccur, CooccurCell, CooccurRow, Cooccurrence};
pub use dupes::{dupes, DupeCluster, DupeClusters, DupeMember};
pub use facet_counts::{FacetCounts, FacetValue};
pub use histogram::{Histogram, HistogramBucket, Interval};
pub use period::Period;
pub use similar::{similar, SimilarResults};
pub use terms::{significant_terms, SignificantTerm, SignificantTerms, TermKind};

/// Most hits one request may return; larger `--limit`s are clamped to it.
pub const MAX_LIMIT: usize = 10_000;
/// Most values one facet may list (`--facet-top`, `facets --top`); `facets`
/// counts every value and cuts only what it prints.
pub const MAX_FACET_TOP: usize = 10_000;

/// Order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    Relevance,
    DateAsc,
    DateDesc,
}

impl std::str::FromStr for SortOrder {
    type Err = Error;
    /// `relevance` (or `score`), `date` (oldest first) or `-date`.
    fn from_str(s: &str) -> Result<SortOrder> {
        match s.trim() {
            "relevance" | "score" => Ok(SortOrder::Relevance),
            "date" | "+date" => Ok(SortOrder::DateAsc),
            "-date" => Ok(SortOrder::DateDesc),
            other => Err(Error::UnknownSort(other.to_string())),
        }
    }
}

/// What to search for: the plain values of `newsdex search`'s flags.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    /// Filters: OR within one facet, AND across facets.
    pub filters: BTreeMap<FacetField, Vec<String>>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub facets: Vec<FacetField>,
    pub facet_top: usize,
    pub histogram: Option<Interval>,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
    /// One hit per near-duplicate cluster, and counts of stories.
    pub collapse: Option<Collapse>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: BTreeMap::new(),
            since: None,
            until: None,
            facets: Vec::new(),
            facet_top: 10,
            histogram: None,
            limit: 10,
            offset: 0,
            sort: SortOrder::Relevance,
            collapse: None,
        }
    }
}

impl SearchRequest {
    /// A request for `query` ('' matches every article) with the defaults:
    /// 10 hits by relevance, no filters, no facets.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }

    /// Keep articles with this value of `facet` (OR with other values of
    /// the same facet, AND across facets). Values resolve as the facet's
    /// declaration says: `venezuela`, `Venezuela` and `VE` name one country.
    pub fn filter(mut self, facet: FacetField, value: impl Into<String>) -> SearchRequest {
        let values = self.filters.entry(facet).or_default();
        let value = value.into();
        if !values.contains(&value) {
            values.push(value);
        }
        self
    }

    /// Count the hits' values of `facet`.
    pub fn facet(mut self, facet: FacetField) -> SearchRequest {
        if !self.facets.contains(&facet) {
            self.facets.push(facet);
        }
        self
    }

    /// Hits per calendar period.
    pub fn histogram(mut self, interval: Interval) -> SearchRequest {
        self.histogram = Some(interval);
        self
    }

    /// How many hits to return, and how many to skip first.
    pub fn page(mut self, limit: usize, offset: usize) -> SearchRequest {
        self.limit = limit;
        self.offset = offset;
        self
    }

    /// Order of hits.
    pub fn sort(mut self, sort: SortOrder) -> SearchRequest {
        self.sort = sort;
        self
    }

    /// One hit per story: near-duplicate copies collapsed as `by` says.
    pub fn collapse(mut self, by: Collapse) -> SearchRequest {
        self.collapse = Some(by);
        self
    }

    /// Articles dated in `[since, until)`.
    pub fn dates(
        mut self,
        since: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
    ) -> SearchRequest {
        self.since = since;
        self.until = until;
        self
    }
}

/// A filter as applied: what the user typed and the stored values it meant.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedFilter {
    pub facet: FacetField,
    pub requested: Vec<String>,
    pub values: Vec<String>,
    pub labels: Vec<String>,
}

/// Text with highlighted byte ranges (`[start, end)` into `text`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Highlighted {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

impl Highlighted {
    fn from_snippet(s: &Snippet) -> Highlighted {
        Highlighted {
            text: s.fragment().to_string(),
            highlights: s.highlighted().iter().map(|r| [r.start, r.end]).collect(),
        }
    }
}

/// One search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub id: String,
    /// BM25 score (absent when sorted by date).
    pub score: Option<f32>,
    pub date: Option<DateTime<Utc>>,
    pub dateline: Option<String>,
    pub title: Highlighted,
    pub snippet: Highlighted,
    /// The declared fields shown with every hit (`"hit": true`), by their
    /// JSON names: countries, people, topics, source, ...
    #[serde(flatten)]
    pub values: Values,
}

/// Everything a search returns.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub filters: Vec<AppliedFilter>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub sort: SortOrder,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetCounts>,
    pub histogram: Option<Histogram>,
    /// Present when copies were collapsed: hits, total, facets and
    /// histogram then count stories.
    pub collapse: Option<Collapsed>,
}

/// The query and filter parts of a request, each kept apart so a facet's
/// counts can be computed without that facet's own filter.
struct Plan {
    text: Box<dyn Query>,
    date: Option<Box<dyn Query>>,
    filters: Vec<(FacetField, Box<dyn Query>)>,
    /// The copies a collapsed search leaves out (`collapse`).
    exclude: Option<Box<dyn Query>>,
    collapsed: Option<Collapsed>,
}

impl Plan {
    /// The whole query, leaving out the filter of `except` (multi-select).
    /// Filters restrict without scoring (a score of 0 added), so only the
    /// text query ranks.
    fn combined(&self, except: Option<FacetField>) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, self.text.box_clone())];
        let filter = |q: &dyn Query| -> Box<dyn Query> {
            Box::new(ConstScoreQuery::new(q.box_clone(), 0.0))
        };
        if let Some(d) = &self.date {
            clauses.push((Occur::Must, filter(&**d)));
        }
        for (facet, q) in &self.filters {
            if Some(*facet) != except {
                clauses.push((Occur::Must, filter(&**q)));
            }
        }
        if let Some(x) = &self.exclude {
            clauses.push((Occur::MustNot, x.box_clone()));
        }
        if clauses.len() == 1 {
            return self.text.box_clone();
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

/// Run a search against an open index. `facet_top` 0 lists no values (the
/// `other` sums still count every value).
pub fn search(news: &NewsIndex, searcher: &Searcher, req: &SearchRequest) -> Result<SearchResults> {
    run(news, searcher, req, req.facet_top.min(MAX_FACET_TOP), false)
}

/// A facet field in query syntax (`country:Japan`, `place:japan`,
/// `person:putin`) resolves its value as the matching filter does; other
/// keyword fields (`id:...`) take the stored value exactly.
fn keyword_leaf(
    searcher: &Searcher,
    name: &str,
    field: Field,
    value: &str,
) -> Result<Box<dyn Query>> {
    let facet = FacetField::of_field(name).or_else(|| FacetField::named(name));
    match facet {
        Some(facet) => {
            let values = vocab::resolve_value(searcher, facet, field, value, &mut None)?;
            Ok(query::any_of(field, &values))
        }
        None => query::exact_keyword(name, field, value),
    }
}

/// [`search`] keeping `top` values per facet; `within` counts a filtered
/// facet inside its own filter too (no multi-select).
fn run(
    news: &NewsIndex,
    searcher: &Searcher,
    req: &SearchRequest,
    top: usize,
    within: bool,
) -> Result<SearchResults> {
    let start = Instant::now();
    let limit = req.limit.min(MAX_LIMIT);
    let (plan, applied) = plan(news, searcher, req)?;
    let full = plan.combined(None);

    // Facets without a filter of their own are counted with the hits in one
    // pass; a filtered facet is counted again without its own filter.
    let (plain, own): (Vec<FacetField>, Vec<FacetField>) = req
        .facets
        .iter()
        .partition(|fa| within || !plan.filters.iter().any(|(g, _)| g == *fa));
    let agg = (!plain.is_empty()).then(|| facet_counts::FacetCollector::new(&plain, top));
    let want_hist = req.histogram.is_some();
    let (total, docs, plain_counts, days) =
        collect_main(searcher, &*full, req, limit, agg, want_hist)?;

    let mut counts: BTreeMap<FacetField, FacetCounts> = BTreeMap::new();
    for c in plain_counts.unwrap_or_default() {
        counts.insert(c.facet, c);
    }
    for fa in &own {
        let q = plan.combined(Some(*fa));
        let res = searcher.search(&*q, &facet_counts::FacetCollector::new(&[*fa], top))?;
        for c in res {
            counts.insert(c.facet, c);
        }
    }
    let facet_counts = req
        .facets
        .iter()
        .filter_map(|fa| counts.remove(fa))
        .collect();

    let hits = build_hits(news, searcher, &*full, docs, req.offset)?;
    let histogram = req
        .histogram
        .zip(days)
        .map(|(interval, (days, undated))| histogram::calendar_histogram(interval, &days, undated));

    Ok(SearchResults {
        query: req.query.clone(),
        filters: applied,
        since: req.since,
        until: req.until,
        total,
        offset: req.offset,
        limit,
        sort: req.sort,
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
        hits,
        facets: facet_counts,
        histogram,
        collapse: plan.collapsed.clone(),
    })
}

/// Parse the query and resolve the filters of a request into a [`Plan`],
/// with the filters as applied.
fn plan(
    news: &NewsIndex,
    searcher: &Searcher,
    req: &SearchRequest,
) -> Result<(Plan, Vec<AppliedFilter>)> {
    let f = &news.fields;
    let title_boost = crate::schema::declaration().title_boost();
    let resolver =
        |name: &str, field: Field, value: &str| keyword_leaf(searcher, name, field, value);
    let text = query::text_query_with(searcher, f, title_boost, &req.query, &resolver)?;

    let mut applied = Vec::new();
    let mut filters = Vec::new();
    for (facet, requested) in &req.filters {
        if requested.is_empty() {
            continue;
        }
        let field = f.facet(*facet);
        let mut vocab: Option<Vec<String>> = None;
        let mut values = Vec::new();
        for r in requested {
            let resolved = vocab::resolve_value(searcher, *facet, field, r, &mut vocab)?;
            for v in resolved {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
        filters.push((*facet, query::any_of(field, &values)));
        applied.push(AppliedFilter {
            facet: *facet,
            requested: requested.clone(),
            labels: values
                .iter()
                .map(|v| facet_counts::label_for(*facet, v))
                .collect(),
            values,
        });
    }
    let date = (req.since.is_some() || req.until.is_some())
        .then(|| query::date_range(f.date, req.since, req.until));
    let mut plan = Plan {
        text,
        date,
        filters,
        exclude: None,
        collapsed: None,
    };
    if let Some(by) = req.collapse {
        // Which copies to leave out is decided on the whole query; a facet
        // counted without its own filter leaves out the same copies.
        let (exclude, hidden) = collapse::exclusion(f, searcher, &*plan.combined(None), by)?;
        plan.exclude = exclude;
        plan.collapsed = Some(Collapsed {
            by,
            counts: "stories",
            hidden_copies: hidden,
        });
    }
    Ok((plan, applied))
}

/// The whole query of `req` (text, filters and dates), with the filters as
/// applied: what analyses that walk the hits themselves run.
pub(crate) fn full_query(
    news: &NewsIndex,
    searcher: &Searcher,
    req: &SearchRequest,
) -> Result<(Box<dyn Query>, Vec<AppliedFilter>)> {
    let (plan, applied) = plan(news, searcher, req)?;
    Ok((plan.combined(None), applied))
}

/// Every article matching a request's query and filters, up to `cap`, in
/// the request's order (relevance, or date), each read back from the index
/// and handed to `each` (for exports; no snippets are made). `each` returns
/// false to stop early. Returns how many articles matched in all.
pub fn for_each_match(
    news: &NewsIndex,
    searcher: &Searcher,
    req: &SearchRequest,
    cap: usize,
    mut each: impl FnMut(document::StoredArticle) -> Result<bool>,
) -> Result<usize> {
    let (plan, _) = plan(news, searcher, req)?;
    let full = plan.combined(None);
    let mut r = req.clone();
    r.offset = 0;
    let (total, docs, _, _) = collect_main(searcher, &*full, &r, cap.max(1), None, false)?;
    for (_, addr) in docs.into_iter().take(cap) {
        let doc = with_copies(searcher, &news.fields, searcher.doc(addr)?)?;
        if !each(document::StoredArticle::from_document(&news.fields, &doc))? {
            break;
        }
    }
    Ok(total)
}

type DayCounts = (BTreeMap<i64, u64>, u64);
type MainFruit = (
    usize,
    Vec<(Option<f32>, DocAddress)>,
    Option<Vec<FacetCounts>>,
    Option<DayCounts>,
);

/// One pass over the matches: count, top docs, facet aggregations, days.
fn collect_main(
    searcher: &Searcher,
    q: &dyn Query,
    req: &SearchRequest,
    limit: usize,
    agg: Option<facet_counts::FacetCollector>,
    want_hist: bool,
) -> Result<MainFruit> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(req.offset);
    let hist = want_hist.then_some(day_counter::DayCounter);
    let (n, docs, a, h) = match req.sort {
        SortOrder::Relevance => {
            let (n, docs, a, h) = searcher.search(q, &(Count, top.order_by_score(), agg, hist))?;
            (
                n,
                docs.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                a,
                h,
            )
        }
        SortOrder::DateAsc | SortOrder::DateDesc => {
            let order = if req.sort == SortOrder::DateAsc {
                Order::Asc
            } else {
                Order::Desc
            };
            let by_date = top.order_by_fast_field::<tantivy::DateTime>("date", order);
            let (n, docs, a, h) = searcher.search(q, &(Count, by_date, agg, hist))?;
            (
                n,
                docs.into_iter().map(|(_, d)| (None, d)).collect::<Vec<_>>(),
                a,
                h,
            )
        }
    };
    let docs = if limit == 0 { Vec::new() } else { docs };
    Ok((n, docs, a, h))
}

/// Fetch stored fields and make snippets, for the printed hits only.
fn build_hits(
    news: &NewsIndex,
    searcher: &Searcher,
    q: &dyn Query,
    docs: Vec<(Option<f32>, DocAddress)>,
    offset: usize,
) -> Result<Vec<Hit>> {
    if docs.is_empty() {
        return Ok(Vec::new());
    }
    let f = &news.fields;
    // Snippet makers per language pair, made for the languages of the hits.
    let mut gens: Vec<Option<(snippets::FieldSnippets, snippets::FieldSnippets)>> =
        f.text.iter().map(|_| None).collect();
    let mut hits = Vec::with_capacity(docs.len());
    for (i, (score, addr)) in docs.into_iter().enumerate() {
        let doc = with_copies(searcher, f, searcher.doc(addr)?)?;
        let text = f.text_of(&doc);
        let (title_gen, body_gen) = match &mut gens[text.analyzer] {
            Some(made) => &*made,
            slot => &*slot.insert((
                snippets::FieldSnippets::new(searcher, q, text.title, 1000)?,
                snippets::FieldSnippets::new(searcher, q, text.body, 220)?,
            )),
        };
        let stored_title = document::first_text(&doc, text.title).unwrap_or_default();
        let body = document::first_text(&doc, text.body).unwrap_or_default();
        let title = whole_title(&stored_title, &title_gen.snippet(&stored_title));
        let mut snippet = Highlighted::from_snippet(&body_gen.snippet(&body));
        if snippet.text.is_empty() {
            snippet.text = lead_of(&body, 220);
        }
        hits.push(Hit {
            rank: offset + i + 1,
            id: document::first_text(&doc, f.id).unwrap_or_default(),
            score,
            date: document::stored_date(&doc, f),
            dateline: document::first_text(&doc, f.dateline),
            title,
            snippet,
            values: Values::read(f, &doc, |d| d.hit),
        });
    }
    Ok(hits)
}

/// The whole stored title with the snippet's highlights. The snippet
/// generator's fragment runs from the first to the last word it kept, so a
/// title that starts or ends with punctuation (`"<b>Oil</b>"`, `'Oil'`)
/// comes back shorter: its highlights are moved onto the whole title.
fn whole_title(stored: &str, s: &Snippet) -> Highlighted {
    let fragment = s.fragment();
    let at = if fragment.len() == stored.len() {
        Some(0)
    } else if fragment.is_empty() {
        None
    } else {
        stored.find(fragment)
    };
    Highlighted {
        text: stored.to_string(),
        highlights: at
            .map(|at| {
                s.highlighted()
                    .iter()
                    .map(|r| [at + r.start, at + r.end])
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The first `max` bytes of a text, cut at a word boundary, on one line.
fn lead_of(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.len() <= max {
        return flat;
    }
    let mut cut = max;
    while !flat.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = flat[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", &flat[..cut])
}

/// Values of one facet with counts, for `newsdex facets`.
#[derive(Debug, Clone, Serialize)]
pub struct FacetListing {
    pub facet: FacetField,
    pub query: String,
    /// Documents matching the query and every filter.
    pub total_documents: usize,
    pub matched: Option<String>,
    pub values: Vec<FacetValue>,
    /// Distinct values among the counted documents (matching `matched`
    /// when given), however many are listed.
    pub distinct_values: usize,
    /// Whether the request filters this facet and the counts ignore that
    /// filter (the default, as a facet sidebar counts).
    pub own_filter_ignored: bool,
    /// Whether the counts were made inside the facet's own filter.
    pub within: bool,
}

/// How `facets` counts a facet the request also filters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListingOptions<'a> {
    /// Values to list (at most [`MAX_FACET_TOP`]; 0 lists none).
    pub top: usize,
    /// Keep the values containing this text (case and diacritics ignored).
    pub fragment: Option<&'a str>,
    /// Count inside the facet's own filter: `facets country --country
    /// japan` then lists the countries that appear alongside Japan.
    pub within: bool,
}

/// List the values of a facet for a query and filters. Every value is
/// counted, however many there are, so `fragment` and the distinct count
/// see them all; only the listed values are cut to `top`.
pub fn facet_values(
    news: &NewsIndex,
    searcher: &Searcher,
    req: &SearchRequest,
    facet: FacetField,
    opts: ListingOptions<'_>,
) -> Result<FacetListing> {
    let mut r = req.clone();
    r.facets = vec![facet];
    r.limit = 0;
    let res = run(news, searcher, &r, usize::MAX, opts.within)?;
    let mut values = res
        .facets
        .into_iter()
        .next()
        .map(|c| c.values)
        .unwrap_or_default();
    if let Some(frag) = opts.fragment {
        let want = crate::gazetteer::fold(frag);
        values.retain(|v| {
            crate::gazetteer::fold(&v.label).contains(&want)
                || crate::gazetteer::fold(&v.value).contains(&want)
        });
        if values.is_empty() {
            return Err(Error::UnknownFilterValue {
                field: facet.name().into(),
                value: frag.into(),
                suggestions: format!("; list the values with `newsdex facets {}`", facet.name()),
            });
        }
    }
    let distinct = values.len();
    values.truncate(opts.top.min(MAX_FACET_TOP));
    let filtered = res.filters.iter().any(|a| a.facet == facet);
    Ok(FacetListing {
        facet,
        query: req.query.clone(),
        total_documents: res.total,
        matched: opts.fragment.map(str::to_string),
        values,
        distinct_values: distinct,
        own_filter_ignored: filtered && !opts.within,
        within: filtered && opts.within,
    })
}

/// The stored article with this id.
pub fn show(news: &NewsIndex, searcher: &Searcher, id: &str) -> Result<document::StoredArticle> {
    let term = tantivy::Term::from_field_text(news.fields.id, id);
    let q = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
    let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
    let (_, addr) = top.first().ok_or_else(|| Error::NotFound(id.to_string()))?;
    let doc = with_copies(searcher, &news.fields, searcher.doc(*addr)?)?;
    Ok(document::StoredArticle::from_document(&news.fields, &doc))
}

//! The coverage analyses over HTTP: significant words, similar stories,
//! co-occurrence and near-duplicate clusters, as `newsdex terms`,
//! `similar`, `cooccur` and `dupes --format json`.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;

use crate::schema::FacetField;
use crate::search;

use super::api::answer;
use super::params::{self, Params, MAX_LIMIT};
use super::problem::Problem;
use super::AppState;

type Shared = State<Arc<AppState>>;

/// Parameters every analysis takes: the query (where it has one), filters
/// and dates.
const FILTERS: [&str; 4] = ["q", "filter", "since", "until"];

/// `GET /api/terms?q=&top=&sample=` plus filters.
pub async fn terms(State(st): Shared, RawQuery(raw): RawQuery) -> Result<Response, Problem> {
    let p = Params::parse(raw.as_deref())?;
    let mut known = FILTERS.to_vec();
    known.extend(["top", "sample"]);
    p.check_known(&known)?;
    let req = params::filter_request(&p, p.one("q")?.unwrap_or(""))?;
    let top = p.number("top", 20, 100)?.max(1);
    let sample = p.number("sample", 1_000, search::terms::MAX_SAMPLE)?.max(1);
    answer(&st, move |news, searcher| {
        search::significant_terms(news, searcher, &req, top, sample)
    })
    .await
}

/// `GET /api/similar/{id}?limit=` plus filters.
pub async fn similar(
    State(st): Shared,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let p = Params::parse(raw.as_deref())?;
    let mut known = FILTERS[1..].to_vec();
    known.push("limit");
    p.check_known(&known)?;
    let req = params::filter_request(&p, "")?;
    let limit = p.number("limit", 10, MAX_LIMIT)?;
    answer(&st, move |news, searcher| {
        search::similar(news, searcher, &id, &req, limit)
    })
    .await
}

/// `GET /api/cooccur/{rows}/{columns}?q=&top=` plus filters.
pub async fn cooccur(
    State(st): Shared,
    Path((rows, columns)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let p = Params::parse(raw.as_deref())?;
    let mut known = FILTERS.to_vec();
    known.push("top");
    p.check_known(&known)?;
    let rows: FacetField = rows.parse().map_err(Problem::from)?;
    let columns: FacetField = columns.parse().map_err(Problem::from)?;
    let req = params::filter_request(&p, p.one("q")?.unwrap_or(""))?;
    let top = p
        .number("top", 10, search::cooccur::MAX_COOCCUR_TOP)?
        .max(1);
    answer(&st, move |news, searcher| {
        search::cooccur(news, searcher, &req, rows, columns, top)
    })
    .await
}

/// `GET /api/dupes?q=&limit=` plus filters.
pub async fn dupes(State(st): Shared, RawQuery(raw): RawQuery) -> Result<Response, Problem> {
    let p = Params::parse(raw.as_deref())?;
    let mut known = FILTERS.to_vec();
    known.push("limit");
    p.check_known(&known)?;
    let req = params::filter_request(&p, p.one("q")?.unwrap_or(""))?;
    let limit = p.number("limit", 10, MAX_LIMIT)?;
    answer(&st, move |news, searcher| {
        search::dupes(news, searcher, &req, limit)
    })
    .await
}

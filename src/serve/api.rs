//! The JSON API: the command line's answers over HTTP, in its JSON shapes
//! (the JSON Schemas in `schema/`, and `schema/openapi.json`).

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::index::NewsIndex;
use crate::schema::FacetField;
use crate::search::{self, stats, ListingOptions};
use tantivy::Searcher;

use super::params::{self, Params, MAX_COMPARED, MAX_FACET_TOP, SEARCH_PARAMS};
use super::problem::Problem;
use super::AppState;

type Shared = State<Arc<AppState>>;

/// A JSON body made on the blocking pool (serialising a page of hits is
/// work too), not cached.
pub(crate) fn json_body(bytes: Vec<u8>) -> Response {
    let mut r = (StatusCode::OK, bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Run `job` through the gate with the index and a searcher on its last
/// commit, and answer with its result as JSON: what every JSON endpoint
/// does once its parameters are read.
pub(crate) async fn answer<T, F>(st: &Arc<AppState>, job: F) -> Result<Response, Problem>
where
    T: Serialize,
    F: FnOnce(&NewsIndex, &Searcher) -> crate::error::Result<T> + Send + 'static,
{
    let state = st.clone();
    let bytes = st
        .gate
        .run(move || {
            let searcher = state.reader.searcher();
            to_json(&job(&state.news, &searcher)?)
        })
        .await?;
    Ok(json_body(bytes))
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, Problem> {
    serde_json::to_vec(value).map_err(|e| Problem::internal(&e.to_string()))
}

/// `GET /api/health`: the server is up and how many articles it sees.
pub async fn health(State(st): Shared) -> Response {
    let documents = st.reader.searcher().num_docs();
    let body = serde_json::json!({ "status": "ok", "documents": documents });
    json_body(body.to_string().into_bytes())
}

/// One facet as the page needs it to draw its sidebar and chips.
#[derive(Serialize)]
struct FacetInfo {
    name: &'static str,
    label: &'static str,
    aliases: &'static [String],
    /// The key of the facet's values in a hit and an article.
    json: &'static str,
    /// Shown with every hit.
    hit: bool,
    value_name: &'static str,
    help: &'static str,
}

/// `GET /api/fields`: the declared facets, so the page follows the
/// declaration (a new facet appears without an edit to the page).
pub async fn fields() -> Response {
    let facets: Vec<FacetInfo> = FacetField::all()
        .map(|f| FacetInfo {
            name: f.name(),
            label: &f.field_decl().label,
            aliases: &f.decl().aliases,
            json: &f.field_decl().json,
            hit: f.field_decl().hit,
            value_name: &f.decl().value_name,
            help: &f.decl().help,
        })
        .collect();
    let body = serde_json::json!({ "facets": facets });
    json_body(body.to_string().into_bytes())
}

/// `GET /api/search`: hits, facet counts and a histogram, as
/// `newsdex search --format json`.
pub async fn search(State(st): Shared, RawQuery(raw): RawQuery) -> Result<Response, Problem> {
    let p = Params::parse(raw.as_deref())?;
    p.check_known(SEARCH_PARAMS)?;
    let req = params::search_request(&p)?;
    answer(&st, move |news, searcher| {
        search::search(news, searcher, &req)
    })
    .await
}

/// `GET /api/facets/{field}?match=&top=&within=`: the values of one facet
/// for the query and filters, as `newsdex facets FIELD --format json`.
pub async fn facets(
    State(st): Shared,
    Path(field): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let p = Params::parse(raw.as_deref())?;
    p.check_known(&["q", "filter", "since", "until", "match", "top", "within"])?;
    let facet: FacetField = field.parse().map_err(Problem::from)?;
    let req = params::filter_request(&p, p.one("q")?.unwrap_or(""))?;
    let top = p.number("top", 20, MAX_FACET_TOP)?;
    let fragment = p
        .one("match")?
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_string);
    let within = match p.one("within")? {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") => true,
        Some(other) => {
            return Err(Problem::bad_param(
                "within",
                format!("'within={other}': use true or false"),
            ))
        }
    };
    answer(&st, move |news, searcher| {
        let opts = ListingOptions {
            top,
            fragment: fragment.as_deref(),
            within,
        };
        search::facet_values(news, searcher, &req, facet, opts)
    })
    .await
}

/// `GET /api/articles/{id}`: every stored field of one article, as
/// `newsdex show ID --format json`.
pub async fn article(State(st): Shared, Path(id): Path<String>) -> Result<Response, Problem> {
    if id.len() > 4096 {
        return Err(Problem::bad_param("id", "the id is longer than 4096 bytes"));
    }
    answer(&st, move |news, searcher| search::show(news, searcher, &id)).await
}

/// `GET /api/stats`: what the index holds, as `newsdex stats --format json`.
pub async fn stats(State(st): Shared, RawQuery(raw): RawQuery) -> Result<Response, Problem> {
    Params::parse(raw.as_deref())?.check_known(&[])?;
    answer(&st, stats::stats).await
}

/// `GET /api/compare?q=A&q=B&histogram=month` plus shared filters: each
/// query's total and hits per period, in counts and as a share of all the
/// articles of that period that pass the filters.
pub async fn compare(State(st): Shared, RawQuery(raw): RawQuery) -> Result<Response, Problem> {
    let p = Params::parse(raw.as_deref())?;
    p.check_known(&["q", "filter", "since", "until", "histogram", "collapse"])?;
    let queries: Vec<String> = p.all("q").map(str::to_string).collect();
    if queries.is_empty() || queries.len() > MAX_COMPARED {
        return Err(Problem::bad_param(
            "q",
            format!("give between 1 and {MAX_COMPARED} queries to compare (q=...&q=...)"),
        ));
    }
    if queries
        .iter()
        .any(|q| q.chars().count() > params::MAX_QUERY_CHARS)
    {
        return Err(Problem::bad_param(
            "q",
            format!(
                "a query is longer than {} characters",
                params::MAX_QUERY_CHARS
            ),
        ));
    }
    let mut base = params::filter_request(&p, "")?;
    base.collapse = params::collapse(&p)?;
    let interval = params::histogram(&p)?.unwrap_or(search::Interval::Month);
    answer(&st, move |news, searcher| {
        search::compare::compare(news, searcher, &queries, &base, interval)
    })
    .await
}

/// `GET /api/openapi.json`: the API described (generated from the field
/// declaration, as the JSON Schemas are).
pub async fn openapi() -> Response {
    json_body(crate::schema::openapi::OPENAPI.as_bytes().to_vec())
}

/// Any other `/api/...` path.
pub async fn not_found() -> Problem {
    Problem::not_found("no such endpoint; see /api/openapi.json for the API")
}

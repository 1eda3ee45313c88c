//! `GET /api/export.csv`: every hit of a search as CSV, streamed as it is
//! read from the index (up to [`EXPORT_CAP`] rows), for spreadsheets.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;

use crate::render;
use crate::search;

use super::params::{self, Params, SEARCH_PARAMS};
use super::problem::Problem;
use super::AppState;

/// Most rows one export holds (the page says so when a result set is
/// larger).
pub const EXPORT_CAP: usize = 100_000;

/// Rows gathered before a chunk is sent to the client.
const CHUNK_BYTES: usize = 64 * 1024;

/// Stream the hits as CSV. The query and filters are checked before the
/// answer starts, so a bad request is a 400, not a broken download. The
/// rows are written on the blocking pool and sent through a small bounded
/// channel: a slow client slows the writer, and a client that goes away
/// stops it.
pub async fn export_csv(
    State(st): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let p = Params::parse(raw.as_deref())?;
    p.check_known(SEARCH_PARAMS)?;
    let mut req = params::search_request(&p)?;
    req.facets.clear();
    req.histogram = None;
    // Check the request (query syntax, filter values) before streaming.
    let state = st.clone();
    let checked = req.clone();
    st.gate
        .run(move || {
            let searcher = state.reader.searcher();
            let mut probe = checked;
            probe.limit = 0;
            search::search(&state.news, &searcher, &probe)?;
            Ok(())
        })
        .await?;

    let (tx, mut rx) = mpsc::channel::<Bytes>(4);
    let state = st.clone();
    let owner = st.clone();
    // The export holds one of the gate's slots for as long as it runs.
    let job = move || {
        let searcher = state.reader.searcher();
        let mut buf = Vec::with_capacity(CHUNK_BYTES * 2);
        render::csv::export_header(&mut buf).map_err(|e| Problem::internal(&e.to_string()))?;
        let mut open = true;
        search::for_each_match(&state.news, &searcher, &req, EXPORT_CAP, |a| {
            render::csv::export_row(&mut buf, &a).map_err(|e| crate::error::Error::Io {
                context: "writing the export".into(),
                source: e,
            })?;
            if buf.len() >= CHUNK_BYTES {
                let chunk = Bytes::from(std::mem::take(&mut buf));
                open = tx.blocking_send(chunk).is_ok();
            }
            Ok(open)
        })?;
        if open && !buf.is_empty() {
            let _ = tx.blocking_send(Bytes::from(buf));
        }
        Ok(())
    };
    tokio::spawn(async move {
        // A failure half-way ends the download early; the client sees a
        // short file (the answer's status was already sent).
        let _ = owner.gate.run(job).await;
    });
    let stream = futures_util::stream::poll_fn(move |cx| {
        rx.poll_recv(cx).map(|c| c.map(Ok::<Bytes, Infallible>))
    });
    let mut r = (StatusCode::OK, Body::from_stream(stream)).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"newsdex-export.csv\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

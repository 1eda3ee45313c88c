//! The web page: files of `web/`, embedded in the binary at build time (one
//! binary, works offline), served from memory. No request path reaches the
//! file system.

use axum::extract::{Path, RawQuery};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use super::auth;
use super::problem::Problem;

/// Everything under `web/`.
#[derive(RustEmbed)]
#[folder = "web/"]
struct Web;

/// `GET /`: the page. `/?token=T` on a server with a token sets the token
/// as a cookie for this origin, so the page's own requests carry it.
pub async fn index(RawQuery(raw): RawQuery) -> Response {
    let mut r = file("index.html");
    if let Some(token) = raw.as_deref().and_then(auth::token_param) {
        if let Ok(cookie) = HeaderValue::from_str(&auth::cookie(&token)) {
            r.headers_mut().insert(header::SET_COOKIE, cookie);
        }
    }
    r
}

/// `GET /assets/{path}`: one embedded file.
pub async fn asset(Path(path): Path<String>) -> Response {
    file(&path)
}

fn file(path: &str) -> Response {
    let Some(f) = Web::get(path) else {
        return Problem::not_found(format!("no file '{path}' in the page's assets"))
            .into_response();
    };
    let mime = f.metadata.mimetype();
    let mut r = (StatusCode::OK, f.data.into_owned()).into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    // Files change only with the binary: revalidate, never serve stale.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    let etag = format!(
        "\"{}\"",
        f.metadata
            .sha256_hash()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    r
}

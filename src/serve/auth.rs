//! The access token: when the server has one, every request must carry it,
//! as `Authorization: Bearer TOKEN` (programs) or the `newsdex_token`
//! cookie the page gets from `/?token=TOKEN` (people).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::problem::Problem;
use super::AppState;

const COOKIE: &str = "newsdex_token";

/// Let the request through if no token is set or it carries the right one;
/// else 401.
pub async fn require_token(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let Some(token) = st.token.as_deref() else {
        return next.run(req).await;
    };
    let headers = req.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .next();
    let from_page = (req.uri().path() == "/")
        .then(|| req.uri().query().and_then(token_param))
        .flatten();
    // The cookie holds the token URL-encoded (see `cookie`).
    let encoded: String = form_urlencoded::byte_serialize(token.as_bytes()).collect();
    let cookie_ok = cookie.is_some_and(|c| same(c.as_bytes(), encoded.as_bytes()));
    let given = [bearer, from_page.as_deref()];
    if cookie_ok
        || given
            .iter()
            .flatten()
            .any(|g| same(g.as_bytes(), token.as_bytes()))
    {
        next.run(req).await
    } else {
        Problem::unauthorized().into_response()
    }
}

/// The `token` parameter of a query string.
pub fn token_param(raw: &str) -> Option<String> {
    form_urlencoded::parse(raw.as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

/// The cookie that carries the token for the page's requests.
pub fn cookie(token: &str) -> String {
    let value: String = form_urlencoded::byte_serialize(token.as_bytes()).collect();
    format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict")
}

/// Compare without stopping at the first difference, so the time taken
/// does not tell how much of a guess was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secret2"));
    }

    #[test]
    fn the_page_token_comes_from_the_query_string() {
        assert_eq!(token_param("a=1&token=s%20t").as_deref(), Some("s t"));
        assert_eq!(token_param("a=1"), None);
        assert!(cookie("s t").starts_with("newsdex_token=s+t;"));
    }
}

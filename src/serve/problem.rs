//! Errors over HTTP: RFC 9457 problem details (`application/problem+json`)
//! with a one-line `detail` saying what is wrong and what to do.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::Error;

/// A problem answer: status, a short title, and the detail.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    /// The request parameter at fault, where one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
}

impl Problem {
    fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: "about:blank",
            title,
            status: status.as_u16(),
            detail: detail.into(),
            param: None,
        }
    }

    /// A bad value of one request parameter.
    pub fn bad_param(param: &str, detail: impl Into<String>) -> Problem {
        Problem {
            param: Some(param.to_string()),
            ..Problem::new(StatusCode::BAD_REQUEST, "Bad parameter", detail)
        }
    }

    /// No such route or article.
    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "Not found", detail)
    }

    /// The token is missing or wrong.
    pub fn unauthorized() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            "this server requires an access token: send `Authorization: Bearer TOKEN`",
        )
    }

    /// Too many searches at once.
    pub fn busy() -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Busy",
            "too many searches are running or waiting; retry in a moment",
        )
    }

    /// The request did not finish within the server's timeout.
    pub fn timeout(after: Duration) -> Problem {
        Problem::new(
            StatusCode::GATEWAY_TIMEOUT,
            "Timeout",
            format!(
                "the search did not finish within {} s; narrow the query (fewer truncated or fuzzy words) or add filters",
                after.as_secs_f64()
            ),
        )
    }

    /// A fault of the server, not of the request.
    pub fn internal(detail: &str) -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            detail.to_string(),
        )
    }
}

impl From<Error> for Problem {
    /// Faults in what the user asked for are 400s (404 for an unknown id);
    /// only the index's own faults are 500s.
    fn from(e: Error) -> Problem {
        let detail = e.to_string();
        match e {
            Error::Query(_) => Problem {
                param: Some("q".into()),
                ..Problem::new(StatusCode::BAD_REQUEST, "Bad query", detail)
            },
            Error::UnknownFilterValue { ref field, .. } => Problem {
                param: Some(field.clone()),
                ..Problem::new(StatusCode::BAD_REQUEST, "Unknown filter value", detail)
            },
            Error::EmptyFilterValue { ref facet } => Problem::bad_param(facet, detail),
            Error::UnknownSort(_) => Problem::bad_param("sort", detail),
            Error::UnknownCollapse(_) => Problem::bad_param("collapse", detail),
            Error::UnknownFacet { .. } => Problem::bad_param("facet", detail),
            Error::NotFound(_) => Problem::not_found(detail),
            _ => Problem::internal(&detail),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"newsdex\""),
            );
        }
        response
    }
}

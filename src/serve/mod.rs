//! `newsdex serve`: the HTTP API and the web page, over one index.
//!
//! The server is read-only and sits at the edge, beside `render`: requests
//! become the same [`SearchRequest`](crate::search::SearchRequest)s the
//! command line makes (`params.rs`), run on a small pool of blocking threads
//! behind an admission gate (`gate.rs`), and answer with the command line's
//! JSON shapes (`api.rs`, and `analyses.rs` for terms, similar, cooccur, dupes) or the embedded page (`assets.rs`). Errors are
//! `application/problem+json` (`problem.rs`). A token guards every route
//! when one is set (`auth.rs`), and one must be set to listen beyond this
//! machine.

mod analyses;
mod api;
mod assets;
mod auth;
mod export;
mod gate;
mod params;
mod problem;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use tantivy::IndexReader;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::{Error, Result};
use crate::index::NewsIndex;

pub use gate::Gate;

/// Where `serve` listens unless told otherwise: this machine only.
pub const DEFAULT_BIND: &str = "127.0.0.1:7700";

/// The Content-Security-Policy of every response: scripts, styles and
/// requests from this origin only, no inline script, no frames. Article
/// text is put in the page as text, and this makes sure that, if it were
/// ever put in as markup, it still could not run.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub index: PathBuf,
    pub bind: SocketAddr,
    /// Required in `Authorization: Bearer` (or the page's cookie) when set;
    /// must be set to bind to a non-loopback address.
    pub token: Option<String>,
    /// Longest a request may wait and run before a 503/504 answer.
    pub timeout: Duration,
    /// Searches running at once (the blocking pool's size).
    pub threads: usize,
    /// Searches that may wait for a thread before the server answers 503.
    pub queue: usize,
}

impl ServeOptions {
    /// Options for serving `index` on `bind` with the defaults: a 10 s
    /// timeout, one search thread per core, 64 waiting searches.
    pub fn new(index: PathBuf, bind: SocketAddr) -> ServeOptions {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        ServeOptions {
            index,
            bind,
            token: None,
            timeout: Duration::from_secs(10),
            threads,
            queue: 64,
        }
    }
}

/// What every handler shares: the index, a reader that follows its
/// commits, the admission gate and the limits.
pub(crate) struct AppState {
    pub news: NewsIndex,
    pub reader: IndexReader,
    pub gate: Gate,
    pub token: Option<String>,
}

/// The server as a router, for `serve` and for tests that drive it in
/// process.
pub fn router(news: NewsIndex, opts: &ServeOptions) -> Result<Router> {
    let reader = news.live_reader()?;
    let state = Arc::new(AppState {
        news,
        reader,
        gate: Gate::new(opts.threads.max(1), opts.queue, opts.timeout),
        token: opts.token.clone(),
    });
    let api = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/fields", get(api::fields))
        .route("/api/search", get(api::search))
        .route("/api/facets/{field}", get(api::facets))
        .route("/api/articles/{*id}", get(api::article))
        .route("/api/stats", get(api::stats))
        .route("/api/compare", get(api::compare))
        .route("/api/terms", get(analyses::terms))
        .route("/api/similar/{*id}", get(analyses::similar))
        .route("/api/cooccur/{rows}/{columns}", get(analyses::cooccur))
        .route("/api/dupes", get(analyses::dupes))
        .route("/api/export.csv", get(export::export_csv))
        .route("/api/openapi.json", get(api::openapi))
        .fallback(api::not_found);
    let page = Router::new()
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset));
    let header = |name, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    // A backstop past the gate's own timeout (which answers first, with a
    // problem body), for anything that is not a search.
    let backstop = opts.timeout + Duration::from_secs(5);
    Ok(Router::new()
        .merge(api)
        .merge(page)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
        .with_state(state)
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(RequestBodyLimitLayer::new(16 * 1024))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            backstop,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http()))
}

/// Serve the index until Ctrl-C or SIGTERM. `ready` is called with the
/// address actually bound (port 0 picks a free one) once the server
/// accepts connections.
pub fn serve(opts: ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    if !opts.bind.ip().is_loopback() && opts.token.as_deref().is_none_or(str::is_empty) {
        return Err(Error::TokenRequired {
            addr: opts.bind.to_string(),
        });
    }
    let news = NewsIndex::open(&opts.index)?;
    let app = router(news, &opts)?;
    let listener = TcpListener::bind(opts.bind).map_err(|source| Error::Bind {
        addr: opts.bind.to_string(),
        source,
    })?;
    let local = listener.local_addr().map_err(|source| Error::Bind {
        addr: opts.bind.to_string(),
        source,
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|source| Error::Bind {
            addr: opts.bind.to_string(),
            source,
        })?;
    // Async threads only accept and answer; searches run on the blocking
    // pool, which is no larger than the gate lets run at once.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(opts.threads.clamp(1, 4))
        .max_blocking_threads(opts.threads.max(1))
        .thread_name("newsdex-serve")
        .enable_all()
        .build()
        .map_err(|e| Error::ThreadPool(e.to_string()))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|source| Error::Bind {
                addr: local.to_string(),
                source,
            })?;
        ready(local);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|source| Error::Io {
                context: format!("serving on {local}"),
                source,
            })
    })
}

/// Resolves on Ctrl-C or SIGTERM: the server stops taking connections and
/// finishes the requests it has.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

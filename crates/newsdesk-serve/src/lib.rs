//! newsdesk's HTTP server: the JSON API and the server-rendered reader over a
//! [`newsdesk_store::Store`].
//!
//! ```no_run
//! let store = newsdesk_store::Store::open("newsdesk-data".as_ref())?;
//! let config = newsdesk_serve::Config::default();
//! newsdesk_serve::run(store, &config)?; // until Ctrl-C or SIGTERM
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The store is synchronous (SQLite, tantivy), so every handler hands its store work to
//! tokio's blocking pool; the async side only parses requests and writes responses. Every
//! request runs under a deadline ([`Config::request_timeout`]) and every body under a size cap
//! ([`Config::max_body`]); extraction of a posted page uses the project's one set of limits
//! (`newsdesk::Options::limits`, `docs/limits.md`) and runs inside `catch_unwind`, so a page
//! that makes the extractor panic costs one 500 response, never the server.
//!
//! # Why these crates
//!
//! - **axum** (default features off: `http1`, `json`, `query`, `tokio`) on **tokio**: routing
//!   and extractors without pulling in tower-http, tracing or HTTP/2.
//! - **ammonia**: article HTML is built from extracted text, already escaped, but it is
//!   sanitised again before it is shown, so no extraction bug can turn into script injection.

mod api;
mod error;
mod pages;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use newsdesk_store::Store;

pub use error::ApiError;

/// The extraction entry point the server calls for `POST /api/articles`.
pub type ExtractFn = fn(&[u8], &newsdesk::Options) -> Result<newsdesk::Article, newsdesk::Error>;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// Largest request body accepted (413 past it).
    pub max_body: usize,
    /// Deadline of one request, store work included (503 past it).
    pub request_timeout: Duration,
    /// Extraction options for posted pages; `limits` bound their time and memory.
    pub extract: newsdesk::Options,
}

impl Default for Config {
    fn default() -> Self {
        let extract = newsdesk::Options::default();
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            // A page may be `max_bytes` long; JSON escaping can grow it, hence the margin.
            max_body: extract.limits.max_bytes.saturating_mul(2),
            request_timeout: Duration::from_secs(10),
            extract,
        }
    }
}

/// What handlers share.
pub struct App {
    pub store: Store,
    pub config: Config,
    /// `newsdesk::extract`; tests pass an extractor that panics to check containment.
    pub extract: ExtractFn,
}

impl App {
    pub fn new(store: Store, config: Config) -> App {
        App {
            store,
            config,
            extract: newsdesk::extract,
        }
    }
}

type Shared = Arc<App>;

/// Every route, with the body cap and the deadline.
pub fn router(app: Shared) -> Router {
    let max_body = app.config.max_body;
    Router::new()
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/articles", axum::routing::post(api::post_article))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/articles/{id}/related", get(api::related))
        .route("/api/search", get(api::search))
        .route("/api/stories/{story}", get(api::story))
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/a/{id}", get(pages::article))
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(app.clone(), deadline))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(app)
}

/// Runs the request under the configured deadline.
async fn deadline(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    match tokio::time::timeout(app.config.request_timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            let e = ApiError::timeout();
            if api {
                e.into_response()
            } else {
                pages::error_page(&e)
            }
        }
    }
}

async fn fallback(req: Request) -> Response {
    let e = ApiError::not_found("no such page");
    if req.uri().path().starts_with("/api/") {
        e.into_response()
    } else {
        pages::error_page(&e)
    }
}

async fn method_not_allowed() -> Response {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method",
    )
    .into_response()
}

/// Serves on `listener` until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Shared,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Binds `config.addr` and serves `store` until Ctrl-C or SIGTERM (a blocking call with its
/// own runtime, for the command line).
pub fn run(store: Store, config: &Config) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        eprintln!(
            "newsdesk serve: http://{} (data {})",
            listener.local_addr()?,
            store.dir().display()
        );
        let app = Arc::new(App::new(store, config.clone()));
        serve(listener, app, shutdown_signal()).await
    })
}

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
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Store work running at once, at most: twice the cores. Under load the rest wait their turn
/// in a fair queue instead of each taking a thread and an SQLite connection of its own; with
/// 64 connections on 2 cores that cut the article page's p99 (docs/serve.md).
fn store_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new((cores * 2).max(4))
    })
}

/// Runs store work on the blocking pool; a panic there becomes a 500, not a dead worker.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let Ok(_slot) = store_slots().acquire().await else {
        return Err(ApiError::internal("the server is shutting down"));
    };
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r,
        Err(_) => Err(ApiError::internal("the request failed inside the server")),
    }
}

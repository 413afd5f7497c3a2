//! The JSON API. Its contract is `openapi.json` (served at `/api/openapi.json`); a test
//! calls every path of that file against a running server.

use std::panic::{AssertUnwindSafe, catch_unwind};

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use newsdesk_store::{Filter, MAX_PAGE, MAX_RELATED, SearchParams, is_article_id, parse_day};
use serde::Deserialize;

use crate::error::ApiError;
use crate::{Shared, blocking};

/// The OpenAPI document, kept next to the code it describes.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Longest search query accepted, in bytes: longer ones are not searches.
pub const MAX_QUERY: usize = 512;
/// Related articles when `k` is not given.
pub const DEFAULT_RELATED: usize = 8;

pub async fn health(State(app): State<Shared>) -> Result<Response, ApiError> {
    let stats = blocking(move || Ok(app.store.stats()?)).await?;
    Ok(Json(serde_json::json!({ "status": "ok", "store": stats })).into_response())
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub(crate) fn path_id(p: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Path(id) = p.map_err(|e| ApiError::bad_request(e.body_text()))?;
    if !is_article_id(&id) {
        return Err(ApiError::not_found(
            "no such article (ids are 16 lowercase hex digits)",
        ));
    }
    Ok(id)
}

pub(crate) fn query<T: Default>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    match q {
        Ok(Query(v)) => Ok(v),
        Err(e) => Err(ApiError::bad_request(e.body_text())),
    }
}

pub async fn article(
    State(app): State<Shared>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id)?;
    let found = blocking(move || Ok(app.store.article(&id)?)).await?;
    match found {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(ApiError::not_found("no such article")),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct RelatedQuery {
    k: Option<String>,
}

pub async fn related(
    State(app): State<Shared>,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<RelatedQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id)?;
    let k = match query(q)?.k.as_deref() {
        None | Some("") => DEFAULT_RELATED,
        Some(k) => match k.parse::<usize>() {
            Ok(k) if (1..=MAX_RELATED).contains(&k) => k,
            _ => {
                return Err(ApiError::bad_request(format!(
                    "k must be a whole number from 1 to {MAX_RELATED}"
                )));
            }
        },
    };
    let found = blocking(move || Ok(app.store.related(&id, k)?)).await?;
    match found {
        Some(items) => Ok(Json(serde_json::json!({ "k": k, "items": items })).into_response()),
        None => Err(ApiError::not_found("no such article")),
    }
}

/// Query string of `/api/search` and `/search`; every field is text so that a bad value is
/// reported by us, as JSON, rather than by the extractor.
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub site: Option<String>,
    pub lang: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<String>,
}

impl SearchQuery {
    /// Validates into store parameters: dates are `YYYY-MM-DD` (`to` inclusive), `page` is
    /// `1..=MAX_PAGE`, the query at most [`MAX_QUERY`] bytes.
    pub fn params(&self) -> Result<SearchParams, ApiError> {
        let q = self.q.clone().unwrap_or_default();
        if q.len() > MAX_QUERY {
            return Err(ApiError::bad_request(format!(
                "q is longer than {MAX_QUERY} bytes"
            )));
        }
        let day = |name: &str, v: &Option<String>| -> Result<Option<i64>, ApiError> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => parse_day(s).map(Some).ok_or_else(|| {
                    ApiError::bad_request(format!("{name} must be a date as YYYY-MM-DD"))
                }),
            }
        };
        let page = match self.page.as_deref().map(str::trim) {
            None | Some("") => 1,
            Some(p) => match p.parse::<u32>() {
                Ok(p) if (1..=MAX_PAGE).contains(&p) => p,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "page must be a whole number from 1 to {MAX_PAGE}"
                    )));
                }
            },
        };
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.chars().take(200).collect::<String>())
        };
        Ok(SearchParams {
            q,
            filter: Filter {
                site: text(&self.site),
                lang: text(&self.lang),
                from: day("from", &self.from)?,
                to: day("to", &self.to)?.map(|t| t + 86_400),
            },
            page,
        })
    }
}

pub async fn search(
    State(app): State<Shared>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let params = query(q)?.params()?;
    let page = blocking(move || Ok(app.store.search(&params)?)).await?;
    Ok(Json(page).into_response())
}

pub async fn story(
    State(app): State<Shared>,
    story: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(story) = story.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let Ok(story) = story.parse::<i64>() else {
        return Err(ApiError::not_found("no such story (stories are numbers)"));
    };
    let found = blocking(move || Ok(app.store.story(story)?)).await?;
    match found {
        Some(s) => Ok(Json(s).into_response()),
        None => Err(ApiError::not_found("no such story")),
    }
}

/// A posted page.
#[derive(Debug, Deserialize)]
struct Posted {
    url: String,
    html: String,
    content_type: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PostQuery {
    url: Option<String>,
}

/// `POST /api/articles`: JSON `{url, html}`, or the raw page with `?url=` and its own
/// `Content-Type` (whose charset then counts).
pub async fn post_article(
    State(app): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<PostQuery>, QueryRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (url, html, page_type): (String, Bytes, Option<String>) =
        if ctype.starts_with("application/json") {
            let p: Posted = serde_json::from_slice(&body)
                .map_err(|e| ApiError::bad_request(format!("body: {e}")))?;
            (p.url, Bytes::from(p.html), p.content_type)
        } else {
            let url = query(q)?.url.unwrap_or_default();
            (url, body, Some(ctype).filter(|c| !c.is_empty()))
        };
    let url = url.trim().to_owned();
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() > 2048 {
        return Err(ApiError::bad_request(
            "url must be an http(s) URL of at most 2048 bytes",
        ));
    }
    let mut options = app.config.extract.clone();
    options.url = Some(url.clone());
    options.content_type = page_type;
    let extract = app.extract;
    let app2 = app.clone();
    let added = blocking(move || {
        // A panic in extraction fails this page only; the hook still logs it to stderr.
        let article = match catch_unwind(AssertUnwindSafe(|| extract(&html, &options))) {
            Ok(r) => r?,
            Err(_) => {
                return Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "extraction_panicked",
                    "the extractor failed on this page; it was not stored",
                ));
            }
        };
        if article.is_empty() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "no_article",
                "no article text was found on this page",
            ));
        }
        Ok(app2.store.add_article(&article, &url)?)
    })
    .await?;
    let status = if added.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let location = format!("/api/articles/{}", added.id);
    Ok((status, [(header::LOCATION, location)], Json(added)).into_response())
}

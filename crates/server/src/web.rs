//! The app and the cross-cutting parts of every response: static files with SPA fallback and
//! cache headers, security headers, request logging, JSON 404/405 for the API, and the public
//! catalogue and consent text.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Path, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use werkscan_core::consent::ConsentDocument;
use werkscan_core::model::CatalogueEntry;
use werkscan_core::{consent_document, Definition, CONSENT_VERSION};

use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// The Content-Security-Policy: only the app's own origin, plus WebAssembly compilation.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Adds the security headers to every response (API and static alike), and keeps API answers
/// out of every cache: they carry sessions, shared results, receipts with withdrawal tokens and
/// contact details. The public questionnaire routes set their own `no-cache` (revalidated, so the
/// service worker may keep a copy for offline use).
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
        ("cross-origin-opener-policy", "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if is_api && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.config().hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

/// Refuses a path or query that carries an encoded NUL (`%00`) before any handler binds it to a
/// query: PostgreSQL cannot store or compare NUL in text and would fail the request.
pub async fn refuse_nul(req: Request, next: Next) -> Response {
    let uri = req.uri();
    let has_nul = |text: &str| text.as_bytes().windows(3).any(|window| window.eq_ignore_ascii_case(b"%00"));
    if has_nul(uri.path()) || uri.query().is_some_and(has_nul) {
        return ApiError::bad_request("invalid_path", "the address may not contain the NUL character").into_response();
    }
    next.run(req).await
}

/// Public, personal-data-free API answers that the service worker keeps for offline use: fresh
/// from the server whenever there is a connection.
pub async fn revalidate(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Logs method, route template, status and latency. Never the concrete path (it may carry a
/// campaign code or submission id), never bodies, headers, answers, scores, contacts or tokens.
pub async fn log_requests(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = match req.extensions().get::<MatchedPath>() {
        Some(path) => path.as_str().to_owned(),
        None if req.uri().path().starts_with("/api/") => "/api/<unknown>".to_owned(),
        None => "<app>".to_owned(),
    };
    let response = next.run(req).await;
    let status = response.status().as_u16();
    let micros = started.elapsed().as_micros() as u64;
    tracing::info!(%method, route, status, latency_us = micros, "request");
    response
}

/// Any unknown `/api/...` path: a JSON 404 rather than the app's HTML.
pub async fn api_not_found() -> ApiError {
    ApiError::not_found("not_found", "no such API endpoint")
}

/// A known API path with the wrong method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "this endpoint does not accept this method")
}

/// Serves the built app. Files that exist are served as they are; any other GET falls back to
/// `index.html` so that the app's own routes (`/c/{code}`, `/scan/{id}`) work on reload.
///
/// The release build holds a Brotli (`.br`) and a gzip (`.gz`) copy of every text and wasm file
/// (scripts/trunk_post_build.mjs); a browser that accepts one gets it, which takes the scan
/// module from 316 KB to 108 KB on the wire.
///
/// Cache headers: files whose names carry Trunk's content hash never change and are cached for
/// a year; `index.html`, `sw.js` and everything else must be revalidated, so an update reaches
/// people on their next visit.
pub async fn spa(State(state): State<AppState>, req: Request) -> Response {
    let Some(dist) = state.config().dist.clone() else {
        return (StatusCode::NOT_FOUND, "The app is not built into this server (start it with --dist).").into_response();
    };
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return method_not_allowed().await.into_response();
    }
    let path = req.uri().path().to_owned();
    let index = dist.join("index.html");
    let service = ServeDir::new(&dist)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(&index).precompressed_br().precompressed_gzip());
    let mut response = match service.oneshot(req).await {
        Ok(response) => response.map(axum::body::Body::new),
        Err(error) => return ApiError::internal(error).into_response(),
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let cache = if response.status().is_success() && !is_html && is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The body depends on Accept-Encoding; caches between here and the phone must know.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether a file name carries a content hash, as Trunk writes them
/// (`werkscan-app-5c1f8a2e3b4d6f70_bg.wasm`, `style-0123456789abcdef.css`).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    if name == "sw.js" {
        return false;
    }
    let stem = name.split('.').next().unwrap_or_default();
    stem.split(['-', '_']).any(|part| part.len() >= 16 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `GET /api/questionnaires`: the catalogue of current questionnaires.
pub async fn catalogue(State(state): State<AppState>) -> Json<Vec<CatalogueEntry>> {
    Json(state.definitions().catalogue())
}

/// `GET /api/questionnaires/{id}`: the current resolved definition. 404 `questionnaire_not_found`.
pub async fn questionnaire(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Arc<Definition>>> {
    let definition = state
        .definitions()
        .current(&id)
        .ok_or_else(|| ApiError::not_found("questionnaire_not_found", "no questionnaire with this id"))?;
    Ok(Json(definition))
}

/// `GET /api/questionnaires/{id}/{version}`: a resolved definition of any version this server has
/// ever loaded (campaigns pin a version). 404 `questionnaire_not_found`.
pub async fn questionnaire_version(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<Json<Arc<Definition>>> {
    let definition = state
        .definitions()
        .by_version(state.db(), &id, &version)
        .await?
        .ok_or_else(|| ApiError::not_found("questionnaire_not_found", "no questionnaire with this id and version"))?;
    Ok(Json(definition))
}

/// The consent text and its version.
#[derive(Debug, Serialize)]
pub struct ConsentView {
    /// The version to send back in an upload's `consent.text_version`.
    pub version: &'static str,
    /// The text, in both languages.
    pub document: ConsentDocument,
}

/// `GET /api/consent`: the consent text this server accepts, with its version.
pub async fn consent() -> Json<ConsentView> {
    Json(ConsentView { version: CONSENT_VERSION, document: consent_document() })
}

//! What every response passes through: security headers, request logging, the NUL guard, and
//! JSON 404/405 for the API.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::AppState;

/// The Content-Security-Policy without the apps' start-up scripts: only the app's own origin,
/// plus WebAssembly compilation. Each app's page has one small inline script that Trunk writes to
/// start its module; the server allows exactly those by their hashes
/// (`static_files::BuiltApps::content_security_policy`), so no other inline script can run.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Adds the security headers to every response (API and static alike), and keeps API answers
/// out of every cache: they carry sessions, shared results, receipts with withdrawal tokens and
/// contact details. The public questionnaire routes set their own `no-cache` (revalidated, so the
/// service worker may keep a copy for offline use).
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(state.content_security_policy()) {
        headers.insert("content-security-policy", policy);
    }
    for (name, value) in [
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
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

/// Refuses a path or query that carries an encoded NUL (`%00`) before any handler binds it to a
/// query: PostgreSQL cannot store or compare NUL in text and would fail the request. Also refuses
/// an API path whose percent-encoding is not UTF-8 (`%FF`), which axum's `Path` would refuse in
/// plain text: every API error is JSON.
pub async fn refuse_nul(req: Request, next: Next) -> Response {
    let uri = req.uri();
    let has_nul = |text: &str| text.as_bytes().windows(3).any(|window| window.eq_ignore_ascii_case(b"%00"));
    if has_nul(uri.path()) || uri.query().is_some_and(has_nul) {
        return ApiError::bad_request("invalid_path", "the address may not contain the NUL character").into_response();
    }
    if uri.path().starts_with("/api/") && std::str::from_utf8(&percent_decoded(uri.path())).is_err() {
        return ApiError::bad_request("invalid_path", "the address is not valid UTF-8").into_response();
    }
    next.run(req).await
}

/// The bytes a percent-encoded text stands for (`%` not followed by two hex digits stays as it is).
fn percent_decoded(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .filter(|pair| pair.iter().all(u8::is_ascii_hexdigit))
            .and_then(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    decoded
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

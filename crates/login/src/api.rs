//! The few requests of the login, with the session's CSRF token on every one that changes
//! something, and the server's refusals as values. The shapes are the wire contract's
//! (`werkscan_api::accounts`), which the server serialises and reads too.

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use serde::Serialize;
use werkscan_api::error::ErrorBody;
use werkscan_kit::http::{request, Offline};

thread_local! {
    // The session's CSRF token: it changes whenever the login gets stronger, so it is taken
    // from every session the server gives.
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Remembers the CSRF token of the session (from a login step or `GET /api/session`).
pub fn set_csrf(token: &str) {
    CSRF.with(|cell| *cell.borrow_mut() = token.to_owned());
}

/// Why a request did not give what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: no connection, or the server is down.
    Offline,
    /// The server refused, with its error code (`invalid_credentials`, `too_many_attempts`, …);
    /// `http_<status>` when the body was not the server's.
    Refused(String),
}

/// Sends a request and reads a success's body as `T` (an empty body reads as JSON `null`).
pub async fn call<T: DeserializeOwned>(method: &str, url: &str, body: Option<&impl Serialize>) -> Result<T, ApiError> {
    let body = body.map(|body| serde_json::to_string(body).expect("request bodies serialise"));
    let text = exchange(method, url, body).await?;
    let text = if text.trim().is_empty() { "null" } else { text.as_str() };
    serde_json::from_str(text).map_err(|_| ApiError::Refused("bad_reply".into()))
}

/// Sends a request whose reply body does not matter.
pub async fn post(url: &str, body: &impl Serialize) -> Result<(), ApiError> {
    let body = serde_json::to_string(body).expect("request bodies serialise");
    exchange("POST", url, Some(body)).await.map(drop)
}

// Not generic, so the round trip is compiled once for every reply type.
async fn exchange(method: &str, url: &str, body: Option<String>) -> Result<String, ApiError> {
    let csrf = CSRF.with(|cell| cell.borrow().clone());
    let headers: Vec<(&str, &str)> = if method == "GET" { Vec::new() } else { vec![("X-CSRF-Token", csrf.as_str())] };
    let reply = request(method, url, body.as_deref(), &headers).await.map_err(|Offline| ApiError::Offline)?;
    if reply.ok() {
        return Ok(reply.text);
    }
    Err(ApiError::Refused(match serde_json::from_str::<ErrorBody>(&reply.text) {
        Ok(body) => body.error.code,
        Err(_) => format!("http_{}", reply.status),
    }))
}

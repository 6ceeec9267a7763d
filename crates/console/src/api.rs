//! The server's API as the console calls it: requests with the session's CSRF token, and the
//! server's refusals as values. The shapes of what goes and comes back are the wire contract's
//! (`werkscan_api`), which the server serialises and reads too.

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use serde::Serialize;
use werkscan_api::error::{ErrorBody, FieldError};
use werkscan_kit::http::{request, Offline, Reply};

thread_local! {
    // The session's CSRF token, repeated on every state-changing request. Kept beside the
    // requests rather than in a context: actions run outside the component tree's owner.
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Remembers the CSRF token of the session (from login or `GET /api/session`).
pub fn set_csrf(token: &str) {
    CSRF.with(|cell| *cell.borrow_mut() = token.to_owned());
}

/// Why a request did not give what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: no connection, or the server is down.
    Offline,
    /// The server refused: its status, code and message.
    Refused {
        /// HTTP status.
        status: u16,
        /// The server's error code (`not_logged_in`, `invalid_name`, …).
        code: String,
        /// The server's message, in English, for the developer console and as a last resort.
        message: String,
    },
}

/// Every field problem of a refused form, from the body of a 422 (empty for other refusals).
pub fn field_errors(reply: &Reply) -> Vec<FieldError> {
    match serde_json::from_str::<ErrorBody>(&reply.text) {
        Ok(ErrorBody { error }) if !error.fields.is_empty() => error.fields,
        Ok(ErrorBody { error }) => match error.field {
            Some(field) => vec![FieldError { field, code: error.code, message: error.message }],
            None => Vec::new(),
        },
        Err(_) => Vec::new(),
    }
}

impl ApiError {
    /// The server's error code, if it refused.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Offline => None,
            ApiError::Refused { code, .. } => Some(code),
        }
    }

    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Offline => None,
            ApiError::Refused { status, .. } => Some(*status),
        }
    }
}

/// Reads a reply: the value of a success (an empty body reads as JSON `null`, for 204), or the
/// server's refusal. A body that is not our server's (a proxy answering instead) counts as a
/// refusal with the code `http_<status>`.
pub fn read_reply<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiError> {
    let status = reply.status;
    reply_text(reply).and_then(|text| decode(status, &text))
}

// What follows is split so that only reading the value is generic: a request's round trip and
// the reading of a refusal are compiled once for all of the console's dozens of reply types,
// instead of once per type (each `get::<T>` used to carry its own copy).

/// The body of a success, or the server's refusal.
fn reply_text(reply: Reply) -> Result<String, ApiError> {
    if reply.ok() {
        return Ok(reply.text);
    }
    Err(match serde_json::from_str::<ErrorBody>(&reply.text) {
        Ok(body) => ApiError::Refused { status: reply.status, code: body.error.code, message: body.error.message },
        Err(_) => {
            ApiError::Refused { status: reply.status, code: format!("http_{}", reply.status), message: reply.text }
        }
    })
}

/// A success's body as a value (an empty body reads as JSON `null`, for 204).
fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|error| ApiError::Refused {
        status,
        code: "bad_reply".into(),
        message: error.to_string(),
    })
}

/// A request with the session's CSRF token on anything but a GET: the status and body of a
/// success, or the refusal (a lost session is told to the session first).
async fn exchange(method: &str, url: &str, body: Option<String>) -> Result<(u16, String), ApiError> {
    let csrf = CSRF.with(|cell| cell.borrow().clone());
    let headers: Vec<(&str, &str)> = if method == "GET" { Vec::new() } else { vec![("X-CSRF-Token", csrf.as_str())] };
    let reply = request(method, url, body.as_deref(), &headers).await.map_err(|Offline| ApiError::Offline)?;
    let status = reply.status;
    let text = reply_text(reply);
    if let Err(ApiError::Refused { status, code, .. }) = &text {
        if *status == 401 || (*status == 403 && code.ends_with("_required")) {
            crate::session::session_lost(code);
        }
    }
    text.map(|text| (status, text))
}

async fn send<T: DeserializeOwned>(method: &str, url: &str, body: Option<String>) -> Result<T, ApiError> {
    let (status, text) = exchange(method, url, body).await?;
    decode(status, &text)
}

/// `GET url`.
pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    send("GET", url, None).await
}

/// A state-changing request with a JSON body (or none).
pub async fn call<T: DeserializeOwned>(method: &str, url: &str, body: Option<&impl Serialize>) -> Result<T, ApiError> {
    let body = body.map(|body| serde_json::to_string(body).expect("request bodies serialise"));
    send(method, url, body).await
}

/// A form's round trip: the status and body of a success, or the refusal with every field
/// problem.
async fn exchange_form(method: &str, url: &str, body: String) -> Result<(u16, String), (ApiError, Vec<FieldError>)> {
    let csrf = CSRF.with(|cell| cell.borrow().clone());
    let reply = request(method, url, Some(&body), &[("X-CSRF-Token", csrf.as_str())])
        .await
        .map_err(|Offline| (ApiError::Offline, Vec::new()))?;
    let (status, fields) = (reply.status, field_errors(&reply));
    reply_text(reply).map(|text| (status, text)).map_err(|error| (error, fields))
}

/// A state-changing request whose refusal may name fields: the value, or the refusal with
/// every field problem.
pub async fn call_form<T: DeserializeOwned>(
    method: &str,
    url: &str,
    body: &impl Serialize,
) -> Result<T, (ApiError, Vec<FieldError>)> {
    let body = serde_json::to_string(body).expect("request bodies serialise");
    let (status, text) = exchange_form(method, url, body).await?;
    decode(status, &text).map_err(|error| (error, Vec::new()))
}

/// `POST url` with a JSON body, ignoring the answer's body.
pub async fn post(url: &str, body: &impl Serialize) -> Result<(), ApiError> {
    call::<serde_json::Value>("POST", url, Some(body)).await.map(drop)
}

/// A path segment, percent-encoded.
pub fn segment(value: &str) -> String {
    werkscan_core::routes::encode(value)
}

/// A query string (`?a=1&b=2`) of the non-empty pairs, or nothing.
pub fn query(pairs: &[(&str, String)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", werkscan_core::routes::encode(value)))
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

//! The staff apps' requests (the login, the console, the authors' app): the session's CSRF token
//! on every request that changes something, and the server's refusals as values. The shapes of
//! what goes and comes back are the wire contract's (`werkscan_api`), which the server
//! serialises and reads too.

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use werkscan_api::error::{ErrorBody, FieldError};

use crate::http::{request, Offline, Reply};

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
pub fn reply_text(reply: Reply) -> Result<String, ApiError> {
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
pub fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|error| ApiError::Refused {
        status,
        code: "bad_reply".into(),
        message: error.to_string(),
    })
}

/// The session's CSRF token, as last remembered.
pub fn csrf() -> String {
    CSRF.with(|cell| cell.borrow().clone())
}

/// A request with the session's CSRF token on anything but a GET: the status and body of a
/// success, or the refusal.
pub async fn exchange(method: &str, url: &str, body: Option<String>) -> Result<(u16, String), ApiError> {
    let csrf = csrf();
    let headers: Vec<(&str, &str)> = if method == "GET" { Vec::new() } else { vec![("X-CSRF-Token", csrf.as_str())] };
    let reply = request(method, url, body.as_deref(), &headers).await.map_err(|Offline| ApiError::Offline)?;
    let status = reply.status;
    reply_text(reply).map(|text| (status, text))
}

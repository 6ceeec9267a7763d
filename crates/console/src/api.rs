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
    if reply.ok() {
        let text = if reply.text.trim().is_empty() { "null" } else { reply.text.as_str() };
        return serde_json::from_str(text).map_err(|error| ApiError::Refused {
            status: reply.status,
            code: "bad_reply".into(),
            message: error.to_string(),
        });
    }
    Err(match serde_json::from_str::<ErrorBody>(&reply.text) {
        Ok(body) => ApiError::Refused { status: reply.status, code: body.error.code, message: body.error.message },
        Err(_) => {
            ApiError::Refused { status: reply.status, code: format!("http_{}", reply.status), message: reply.text }
        }
    })
}

async fn send<T: DeserializeOwned>(method: &str, url: &str, body: Option<String>) -> Result<T, ApiError> {
    let csrf = CSRF.with(|cell| cell.borrow().clone());
    let headers: Vec<(&str, &str)> = if method == "GET" { Vec::new() } else { vec![("X-CSRF-Token", csrf.as_str())] };
    let reply = request(method, url, body.as_deref(), &headers).await.map_err(|Offline| ApiError::Offline)?;
    let value = read_reply(reply);
    if let Err(ApiError::Refused { status, code, .. }) = &value {
        if *status == 401 || (*status == 403 && code.ends_with("_required")) {
            crate::session::session_lost(code);
        }
    }
    value
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

/// A state-changing request whose refusal may name fields: the value, or the refusal with
/// every field problem.
pub async fn call_form<T: DeserializeOwned>(
    method: &str,
    url: &str,
    body: &impl Serialize,
) -> Result<T, (ApiError, Vec<FieldError>)> {
    let csrf = CSRF.with(|cell| cell.borrow().clone());
    let body = serde_json::to_string(body).expect("request bodies serialise");
    let reply = request(method, url, Some(&body), &[("X-CSRF-Token", csrf.as_str())])
        .await
        .map_err(|Offline| (ApiError::Offline, Vec::new()))?;
    let fields = field_errors(&reply);
    read_reply(reply).map_err(|error| (error, fields))
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

//! The server's API as the console calls it: the kit's staff requests (`werkscan_kit::api`,
//! with the session's CSRF token, refusals as values), where a refusal for a lost session
//! sends the person to the login, and forms whose refusals name their fields.

use serde::de::DeserializeOwned;
use serde::Serialize;
use werkscan_api::error::FieldError;
use werkscan_kit::api::{csrf, decode, reply_text};
pub use werkscan_kit::api::{field_errors, read_reply, set_csrf, ApiError};
use werkscan_kit::http::{request, Offline};

/// A request with the session's CSRF token on anything but a GET (the kit's), where a lost
/// session is told to the session first.
async fn exchange(method: &str, url: &str, body: Option<String>) -> Result<(u16, String), ApiError> {
    let reply = werkscan_kit::api::exchange(method, url, body).await;
    if let Err(ApiError::Refused { status, code, .. }) = &reply {
        if *status == 401 || (*status == 403 && code.ends_with("_required")) {
            crate::session::session_lost(code);
        }
    }
    reply
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
    let csrf = csrf();
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

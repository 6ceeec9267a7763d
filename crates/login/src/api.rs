//! The few requests of the login: the kit's staff requests (`werkscan_kit::api`, with the
//! session's CSRF token, refusals as values). The shapes are the wire contract's
//! (`werkscan_api::accounts`), which the server serialises and reads too.

use serde::de::DeserializeOwned;
use serde::Serialize;
use werkscan_kit::api::{decode, exchange};
pub use werkscan_kit::api::{set_csrf, ApiError};

/// Sends a request and reads a success's body as `T` (an empty body reads as JSON `null`).
pub async fn call<T: DeserializeOwned>(method: &str, url: &str, body: Option<&impl Serialize>) -> Result<T, ApiError> {
    let body = body.map(|body| serde_json::to_string(body).expect("request bodies serialise"));
    let (status, text) = exchange(method, url, body).await?;
    decode(status, &text)
}

/// Sends a request whose reply body does not matter.
pub async fn post(url: &str, body: &impl Serialize) -> Result<(), ApiError> {
    let body = serde_json::to_string(body).expect("request bodies serialise");
    exchange("POST", url, Some(body)).await.map(drop)
}

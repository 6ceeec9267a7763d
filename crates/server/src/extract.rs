//! Request extractors whose refusals are API errors with stable codes.

use std::net::SocketAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::AppState;

/// A JSON body. Refusals: 413 `payload_too_large`, 415 `unsupported_media_type`,
/// 400 `malformed_json` (not JSON) and 400 `invalid_body` (JSON of the wrong shape, including
/// unknown fields).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|rejection| json_error(JsonRejection::BytesRejection(rejection)))?;
        // A JSON text can carry NUL only as the escape `\u0000` (raw control characters are not
        // valid JSON). PostgreSQL cannot store NUL in text, and no field of ours has a use for
        // it, so it is refused here, once, for every body.
        if bytes.windows(6).any(|window| window == b"\\u0000") {
            return Err(ApiError::bad_request("invalid_body", "text may not contain the NUL character"));
        }
        Json::<T>::from_bytes(&bytes).map(|Json(value)| ApiJson(value)).map_err(json_error)
    }
}

/// A query string read into `T`. A query that does not fit (a key given twice, a value of the
/// wrong kind, an unknown value) is 400 `invalid_query` in the JSON error contract, where axum's
/// own `Query` would answer in plain text.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| ApiQuery(value))
            .map_err(|rejection| ApiError::bad_request("invalid_query", rejection.body_text()))
    }
}

/// Whether the request says its body is JSON (`application/json` or `application/…+json`).
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers.get(axum::http::header::CONTENT_TYPE).and_then(|value| value.to_str().ok()) else {
        return false;
    };
    let mime = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

fn json_error(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::JsonDataError(error) => ApiError::bad_request("invalid_body", error.body_text()),
        JsonRejection::JsonSyntaxError(_) => ApiError::bad_request("malformed_json", "the body is not valid JSON"),
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the body as JSON with Content-Type: application/json",
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "the body is larger than this endpoint accepts",
        ),
        other => ApiError::bad_request("unreadable_body", other.body_text()),
    }
}

/// The client's address, for rate limits: the socket's peer, or, behind
/// [`Config::trusted_proxy_hops`](crate::Config) proxies, the address the outermost trusted
/// proxy appended to `X-Forwarded-For`.
///
/// The header's left part is whatever the client sent and is never believed: each trusted proxy
/// appends the address it received the request from, so with N proxies the N-th entry from the
/// right is the last one a trusted machine wrote. Too few entries mean the request did not pass
/// through all of them; then the peer is used.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

/// The client address per `X-Forwarded-For` values (all header lines, in order) and the number of
/// trusted proxies.
pub fn forwarded_client(values: &[&str], hops: usize) -> Option<String> {
    if hops == 0 {
        return None;
    }
    let entries: Vec<&str> = values.iter().flat_map(|value| value.split(',')).map(str::trim).collect();
    let index = entries.len().checked_sub(hops)?;
    let entry = entries[index];
    entry.parse::<std::net::IpAddr>().ok().map(|ip| ip.to_string())
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let values: Vec<&str> =
            parts.headers.get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok()).collect();
        if let Some(ip) = forwarded_client(&values, state.config().trusted_proxy_hops) {
            return Ok(ClientIp(ip));
        }
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip().to_string());
        Ok(ClientIp(peer.unwrap_or_else(|| "unknown".into())))
    }
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn the_address_the_trusted_proxy_appended_is_used() {
        // The client claims 1.1.1.1; the one proxy saw 203.0.113.7.
        assert_eq!(forwarded_client(&["1.1.1.1, 203.0.113.7"], 1).as_deref(), Some("203.0.113.7"));
        assert_eq!(forwarded_client(&["1.1.1.1", "203.0.113.7"], 1).as_deref(), Some("203.0.113.7"));
        // Two proxies: the outer one appended 203.0.113.7, the inner one 10.0.0.2.
        assert_eq!(forwarded_client(&["1.1.1.1, 203.0.113.7, 10.0.0.2"], 2).as_deref(), Some("203.0.113.7"));
        // Fewer entries than proxies, garbage, or no trusted proxy: not believed.
        assert_eq!(forwarded_client(&["203.0.113.7"], 2), None);
        assert_eq!(forwarded_client(&["not an address"], 1), None);
        assert_eq!(forwarded_client(&["203.0.113.7"], 0), None);
    }
}

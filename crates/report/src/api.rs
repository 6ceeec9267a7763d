//! Talking to the server from the report app: uploads and withdrawals (only after explicit
//! consent), read and written with serde.

use serde::de::DeserializeOwned;
use werkscan_core::submission::{Receipt, Submission};
use werkscan_kit::http::{request, Offline, Reply};

use crate::sharing::{SendError, Transport};

/// The server's refusal, `{"error": {"code", "message"}}`.
#[derive(serde::Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(serde::Deserialize)]
struct ErrorDetail {
    code: String,
    message: String,
}

/// A reply as a value or a refusal. A body that is not our server's (a proxy or captive portal
/// answering instead) counts as no connection.
pub fn outcome<T: DeserializeOwned>(reply: Result<Reply, Offline>) -> Result<T, SendError> {
    let reply = reply.map_err(|Offline| SendError::Offline)?;
    if reply.ok() {
        return serde_json::from_str(&reply.text).map_err(|error| SendError::Refused { code: "bad_reply".into(), message: error.to_string() });
    }
    match serde_json::from_str::<ErrorBody>(&reply.text) {
        Ok(body) => Err(SendError::Refused { code: body.error.code, message: body.error.message }),
        Err(_) if reply.status >= 500 || reply.status == 0 => Err(SendError::Offline),
        Err(_) => Err(SendError::Refused { code: format!("http_{}", reply.status), message: reply.text }),
    }
}

/// The server, as the [`Transport`] of uploads and withdrawals.
#[derive(Clone, Copy, Debug, Default)]
pub struct Server;

impl Transport for Server {
    async fn upload(&self, key: Option<&str>, submission: &Submission) -> Result<Receipt, SendError> {
        let body = serde_json::to_string(submission).map_err(|error| SendError::Refused { code: "encode".into(), message: error.to_string() })?;
        let headers: Vec<(&str, &str)> = key.map(|key| ("Idempotency-Key", key)).into_iter().collect();
        outcome(request("POST", "/api/submissions", Some(&body), &headers).await)
    }

    async fn withdraw(&self, receipt: &Receipt) -> Result<(), SendError> {
        let url = format!("/api/submissions/{}", werkscan_core::routes::encode(&receipt.submission_id));
        let bearer = format!("Bearer {}", receipt.withdrawal_token);
        outcome::<serde_json::Value>(request("DELETE", &url, None, &[("Authorization", &bearer)]).await).map(|_| ())
    }
}

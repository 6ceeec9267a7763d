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
        return serde_json::from_str(&reply.text)
            .map_err(|error| SendError::Refused { code: "bad_reply".into(), message: error.to_string() });
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
        let body = serde_json::to_string(submission)
            .map_err(|error| SendError::Refused { code: "encode".into(), message: error.to_string() })?;
        let headers: Vec<(&str, &str)> = key.map(|key| ("Idempotency-Key", key)).into_iter().collect();
        outcome(request("POST", "/api/submissions", Some(&body), &headers).await)
    }

    async fn withdraw(&self, receipt: &Receipt) -> Result<(), SendError> {
        let url = format!("/api/submissions/{}", werkscan_core::routes::encode(&receipt.submission_id));
        let bearer = format!("Bearer {}", receipt.withdrawal_token);
        outcome::<serde_json::Value>(request("DELETE", &url, None, &[("Authorization", &bearer)]).await).map(|_| ())
    }

    async fn withdraw_by_code(&self, code: &str) -> Result<String, SendError> {
        let body = serde_json::json!({ "code": code }).to_string();
        let reply: serde_json::Value = outcome(request("POST", "/api/withdrawals", Some(&body), &[]).await)?;
        Ok(reply["submission_id"].as_str().unwrap_or_default().to_owned())
    }
}

impl crate::access::CopySource for Server {
    async fn my_data(&self, body: &serde_json::Value) -> Result<serde_json::Value, SendError> {
        outcome(request("POST", "/api/my-data", Some(&body.to_string()), &[]).await)
    }
}

/// A campaign as its link shows it now (for the consent text's current values); `None` without a
/// connection or when the server no longer knows it.
pub async fn campaign(code: &str) -> Option<werkscan_core::campaign::PublicCampaign> {
    let url = format!("/api/c/{}", werkscan_core::routes::encode(code));
    outcome(request("GET", &url, None, &[]).await).ok()
}

/// What a campaign offers for booking.
pub async fn booking_offer(code: &str) -> Result<crate::booking::BookingOffer, SendError> {
    outcome(request("GET", &format!("/api/c/{}/booking", werkscan_core::routes::encode(code)), None, &[]).await)
}

/// What shows the server that this phone may see an expert's free times in a campaign with
/// personal invitations: the invitation's token, or the token of an appointment in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlotProof {
    /// No proof (a campaign with an open link needs none).
    None,
    /// The personal invitation's token (`?u=`).
    Invitation(String),
    /// The token of an appointment booked in the campaign (`?a=`), when moving it.
    Appointment(String),
}

/// An expert's free times, in words in `lang`.
pub async fn slots(
    code: &str,
    expert: &str,
    lang: werkscan_core::Lang,
    proof: SlotProof,
) -> Result<Vec<crate::booking::Slot>, SendError> {
    let (code, expert) = (werkscan_core::routes::encode(code), werkscan_core::routes::encode(expert));
    let proof = match proof {
        SlotProof::None => String::new(),
        SlotProof::Invitation(token) => format!("&u={}", werkscan_core::routes::encode(&token)),
        SlotProof::Appointment(token) => format!("&a={}", werkscan_core::routes::encode(&token)),
    };
    outcome(
        request("GET", &format!("/api/c/{code}/experts/{expert}/slots?lang={}{proof}", lang.tag()), None, &[]).await,
    )
}

/// Books. The phone's `key` only makes a retry the same booking (the server then answers with
/// the same token); the token that manages the appointment is the one in the answer, made by the
/// server.
pub async fn book(
    code: &str,
    key: &str,
    body: &crate::booking::BookingRequest,
) -> Result<crate::booking::Booked, SendError> {
    let body = serde_json::to_string(body)
        .map_err(|error| SendError::Refused { code: "encode".into(), message: error.to_string() })?;
    let path = format!("/api/c/{}/appointments", werkscan_core::routes::encode(code));
    outcome(request("POST", &path, Some(&body), &[("Idempotency-Key", key)]).await)
}

/// An appointment by its token.
pub async fn appointment(token: &str) -> Result<crate::booking::Appointment, SendError> {
    outcome(request("GET", &format!("/api/appointments/{}", werkscan_core::routes::encode(token)), None, &[]).await)
}

/// Moves an appointment to another free time.
pub async fn move_appointment(token: &str, start: &str) -> Result<crate::booking::Appointment, SendError> {
    let body = serde_json::json!({ "start": start }).to_string();
    outcome(
        request("POST", &format!("/api/appointments/{}/move", werkscan_core::routes::encode(token)), Some(&body), &[])
            .await,
    )
}

/// Cancels an appointment.
pub async fn cancel_appointment(token: &str) -> Result<crate::booking::Appointment, SendError> {
    outcome(
        request("POST", &format!("/api/appointments/{}/cancel", werkscan_core::routes::encode(token)), Some("{}"), &[])
            .await,
    )
}

/// The address of an appointment's calendar file.
pub fn calendar_url(token: &str) -> String {
    format!("/api/appointments/{}/calendar.ics", werkscan_core::routes::encode(token))
}

/// The one reminder to book, if the person has not booked by then.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct ReminderSet {
    /// When (RFC 3339).
    pub due_at: String,
}

/// Asks for one reminder to book.
pub async fn remind(
    code: &str,
    email: &str,
    questionnaire: &str,
    lang: werkscan_core::Lang,
) -> Result<ReminderSet, SendError> {
    let body = serde_json::json!({ "email": email, "lang": lang, "questionnaire": questionnaire }).to_string();
    outcome(
        request("POST", &format!("/api/c/{}/reminder", werkscan_core::routes::encode(code)), Some(&body), &[]).await,
    )
}

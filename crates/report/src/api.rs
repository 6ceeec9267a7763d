//! Talking to the server from the report app: uploads and withdrawals (only after explicit
//! consent), read and written with serde.

use serde::de::DeserializeOwned;
use werkscan_api::booking::{
    Appointment, Booked, BookingOffer, Move, NewAppointment, ReminderRequest, ReminderSet, Slot,
};
use werkscan_api::error::ErrorBody;
use werkscan_api::submissions::{CodeBody, MyDataRequest, Receipt, Submission, Withdrawn};
use werkscan_kit::http::{request, Offline, Reply};

use crate::sharing::{SendError, Transport};

/// A reply as a value or a refusal. A body that is not our server's (a proxy or captive portal
/// answering instead) counts as no connection.
pub fn outcome<T: DeserializeOwned>(reply: Result<Reply, Offline>) -> Result<T, SendError> {
    serde_json::from_str(&reply_text(reply)?)
        .map_err(|error| SendError::Refused { code: "bad_reply".into(), message: error.to_string() })
}

/// The body of a success, or why there is none. Not generic, so that every reply type shares it.
fn reply_text(reply: Result<Reply, Offline>) -> Result<String, SendError> {
    let reply = reply.map_err(|Offline| SendError::Offline)?;
    if reply.ok() {
        return Ok(reply.text);
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
        let body = encode(submission)?;
        let headers: Vec<(&str, &str)> = key.map(|key| ("Idempotency-Key", key)).into_iter().collect();
        outcome(request("POST", "/api/submissions", Some(&body), &headers).await)
    }

    async fn withdraw(&self, receipt: &Receipt) -> Result<(), SendError> {
        let url = format!("/api/submissions/{}", werkscan_core::routes::encode(&receipt.submission_id));
        let bearer = format!("Bearer {}", receipt.withdrawal_token);
        outcome::<Withdrawn>(request("DELETE", &url, None, &[("Authorization", &bearer)]).await).map(|_| ())
    }

    async fn withdraw_by_code(&self, code: &str) -> Result<String, SendError> {
        let body = encode(&CodeBody { code: code.to_owned() })?;
        let reply: Withdrawn = outcome(request("POST", "/api/withdrawals", Some(&body), &[]).await)?;
        Ok(reply.submission_id)
    }
}

impl crate::access::CopySource for Server {
    async fn my_data(&self, body: &MyDataRequest) -> Result<String, SendError> {
        reply_text(request("POST", "/api/my-data", Some(&encode(body)?), &[]).await)
    }
}

/// A request body as JSON.
fn encode(body: &impl serde::Serialize) -> Result<String, SendError> {
    serde_json::to_string(body)
        .map_err(|error| SendError::Refused { code: "encode".into(), message: error.to_string() })
}

/// A campaign as its link shows it now (for the consent text's current values); `None` without a
/// connection or when the server no longer knows it.
pub async fn campaign(code: &str) -> Option<werkscan_core::campaign::PublicCampaign> {
    let url = format!("/api/c/{}", werkscan_core::routes::encode(code));
    outcome(request("GET", &url, None, &[]).await).ok()
}

/// What a campaign offers for booking.
pub async fn booking_offer(code: &str) -> Result<BookingOffer, SendError> {
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
) -> Result<Vec<Slot>, SendError> {
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
pub async fn book(code: &str, key: &str, body: &NewAppointment) -> Result<Booked, SendError> {
    let body = encode(body)?;
    let path = format!("/api/c/{}/appointments", werkscan_core::routes::encode(code));
    outcome(request("POST", &path, Some(&body), &[("Idempotency-Key", key)]).await)
}

/// An appointment by its token.
pub async fn appointment(token: &str) -> Result<Appointment, SendError> {
    outcome(request("GET", &format!("/api/appointments/{}", werkscan_core::routes::encode(token)), None, &[]).await)
}

/// Moves an appointment to another free time (`start` as the free time gives it, RFC 3339).
pub async fn move_appointment(token: &str, start: &str) -> Result<Appointment, SendError> {
    let start = chrono::DateTime::parse_from_rfc3339(start)
        .map_err(|error| SendError::Refused { code: "invalid_body".into(), message: error.to_string() })?;
    let body = encode(&Move { start: start.to_utc(), kind: None })?;
    outcome(
        request("POST", &format!("/api/appointments/{}/move", werkscan_core::routes::encode(token)), Some(&body), &[])
            .await,
    )
}

/// Cancels an appointment.
pub async fn cancel_appointment(token: &str) -> Result<Appointment, SendError> {
    outcome(
        request("POST", &format!("/api/appointments/{}/cancel", werkscan_core::routes::encode(token)), Some("{}"), &[])
            .await,
    )
}

/// The address of an appointment's calendar file.
pub fn calendar_url(token: &str) -> String {
    format!("/api/appointments/{}/calendar.ics", werkscan_core::routes::encode(token))
}

/// Asks for one reminder to book.
pub async fn remind(
    code: &str,
    email: &str,
    questionnaire: &str,
    lang: werkscan_core::Lang,
) -> Result<ReminderSet, SendError> {
    let body = encode(&ReminderRequest { email: email.to_owned(), lang, questionnaire: questionnaire.to_owned() })?;
    outcome(
        request("POST", &format!("/api/c/{}/reminder", werkscan_core::routes::encode(code)), Some(&body), &[]).await,
    )
}

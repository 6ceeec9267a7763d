//! An appointment as the booking routes, the calendar files and the mail read it: plain data, so
//! the calendar files are rules without storage. Reading it from its row is in `rows`.

use chrono::{DateTime, Utc};
use werkscan_booking::Kind;
use werkscan_core::Lang;

/// An appointment row with its expert's and campaign's names.
#[derive(Debug, Clone)]
pub struct Appointment {
    /// Id.
    pub id: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Expert id.
    pub expert_id: String,
    /// Kind.
    pub kind: Kind,
    /// Start (Unix seconds).
    pub starts_at: i64,
    /// End (Unix seconds).
    pub ends_at: i64,
    /// Status.
    pub status: werkscan_api::booking::AppointmentStatus,
    /// Name given.
    pub name: String,
    /// E-mail given.
    pub email: Option<String>,
    /// Phone given.
    pub phone: Option<String>,
    /// Language.
    pub lang: Lang,
    /// The linked shared result.
    pub submission_id: Option<String>,
    /// Hash of the booking request.
    pub request_hash: String,
    /// The calendar UID.
    pub ics_uid: String,
    /// The calendar SEQUENCE.
    pub sequence: i64,
    /// Booked at (Unix seconds).
    pub created_at: i64,
    /// Cancelled at.
    pub cancelled_at: Option<i64>,
    /// Deleted at (Unix seconds).
    pub expires_at: i64,
    /// The expert's reason for cancelling, if they gave one.
    pub cancel_reason: Option<String>,
    /// The expert's reason for the last move they made, if they gave one.
    pub move_reason: Option<String>,
    /// The expert's name.
    pub expert_name: String,
    /// The expert's account address: the invitation's organizer.
    pub expert_email: String,
    /// The campaign's code.
    pub campaign_code: String,
    /// The campaign's name.
    pub campaign_name: String,
}

impl Appointment {
    /// The start.
    pub fn start(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.starts_at, 0).unwrap_or_default()
    }

    /// The end.
    pub fn end(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.ends_at, 0).unwrap_or_default()
    }
}

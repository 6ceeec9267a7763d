//! The rows the booking area reads, one struct per query shape, with the conversions to what the
//! routes work with (an [`Appointment`], a wire line). The SQL stays with the routes; a field here
//! is named as the column or alias it reads.

use chrono::DateTime;
use werkscan_api::booking::{AppointmentStatus, FollowUpReason};
use werkscan_booking::{Interval, Kind};
use werkscan_core::Lang;

use crate::booking::agenda::{FollowUp, Unsent};
use crate::booking::appointment::Appointment;
use crate::db::Named;
use crate::error::{ApiError, ApiResult};
use crate::util::rfc3339;

/// An appointment as `APPOINTMENT_COLUMNS` selects it, with its expert's and campaign's names.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AppointmentRow {
    /// Id.
    pub id: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Expert id.
    pub expert_id: String,
    /// Kind as stored (`telefoon`, …).
    pub kind: String,
    /// Start (Unix seconds).
    pub starts_at: i64,
    /// End (Unix seconds).
    pub ends_at: i64,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: Named<AppointmentStatus>,
    /// Name given.
    pub name: String,
    /// E-mail given.
    pub email: Option<String>,
    /// Phone given.
    pub phone: Option<String>,
    /// Language tag.
    pub lang: String,
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
    /// The expert's reason for cancelling.
    pub cancel_reason: Option<String>,
    /// The expert's reason for the last move they made.
    pub move_reason: Option<String>,
    /// The expert's name.
    pub expert_name: String,
    /// The expert's account address.
    pub expert_email: String,
    /// The campaign's code.
    pub campaign_code: String,
    /// The campaign's name.
    pub campaign_name: String,
}

impl TryFrom<AppointmentRow> for Appointment {
    type Error = ApiError;

    /// An unknown kind is a broken row (500); an unknown language falls back to the default.
    fn try_from(row: AppointmentRow) -> ApiResult<Appointment> {
        let kind = Kind::parse(&row.kind).ok_or_else(|| ApiError::internal(format!("unknown kind {}", row.kind)))?;
        Ok(Appointment {
            id: row.id,
            campaign_id: row.campaign_id,
            expert_id: row.expert_id,
            kind,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            status: row.status.0,
            name: row.name,
            email: row.email,
            phone: row.phone,
            lang: Lang::from_tag(&row.lang).unwrap_or_default(),
            submission_id: row.submission_id,
            request_hash: row.request_hash,
            ics_uid: row.ics_uid,
            sequence: row.sequence,
            created_at: row.created_at,
            cancelled_at: row.cancelled_at,
            expires_at: row.expires_at,
            cancel_reason: row.cancel_reason,
            move_reason: row.move_reason,
            expert_name: row.expert_name,
            expert_email: row.expert_email,
            campaign_code: row.campaign_code,
            campaign_name: row.campaign_name,
        })
    }
}

/// An appointment with the number of its due messages not sent (the expert's list).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AppointmentUnsentRow {
    /// The appointment.
    #[sqlx(flatten)]
    pub appointment: AppointmentRow,
    /// Due messages neither sent nor skipped.
    pub unsent: i64,
}

/// An appointment with its credential's seal (an idempotent booking's replay).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AppointmentSealRow {
    /// The appointment.
    #[sqlx(flatten)]
    pub appointment: AppointmentRow,
    /// The credential sealed with the retry key; none for bookings from before credentials.
    pub credential_seal: Option<String>,
}

/// An expert's stored availability, both parts as JSON.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ScheduleRow {
    /// The weekly schedule (JSON).
    pub schedule: String,
    /// The kinds offered (JSON).
    pub kinds: String,
}

/// An expert of a campaign who can be booked, with the kinds they offer.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OfferedExpertRow {
    /// The expert's user id.
    pub id: String,
    /// Their name.
    pub display_name: String,
    /// The kinds offered (JSON).
    pub kinds: String,
}

/// An appointment's time that keeps its expert busy.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct BusyRow {
    /// The appointment's id.
    pub id: String,
    /// Start (Unix seconds).
    pub starts_at: i64,
    /// End (Unix seconds).
    pub ends_at: i64,
}

impl BusyRow {
    /// The busy interval; none when a time is out of chrono's range.
    pub fn interval(&self) -> Option<Interval> {
        Some(Interval {
            start: DateTime::from_timestamp(self.starts_at, 0)?,
            end: DateTime::from_timestamp(self.ends_at, 0)?,
        })
    }
}

/// Wrong appointment links from one address within the window.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct WrongTokensRow {
    /// How many.
    pub wrong: i64,
    /// The latest (Unix seconds); none when there were none.
    pub latest: Option<i64>,
}

/// A campaign's expert with their availability, as a booking reads them.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ExpertScheduleRow {
    /// The expert's name.
    pub display_name: String,
    /// Their schedule (JSON).
    pub schedule: String,
    /// The kinds of conversation they offer (JSON).
    pub kinds: String,
}

/// What a new booking, inserted but not committed, is checked against: the expert's other
/// appointments overlapping its time, and how many open bookings of its campaign share its
/// e-mail address, phone number and linked result (each counted by its stored key).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct BookingCheckRow {
    /// Other active appointments of the expert overlapping the booking's blocked time.
    pub overlapping: i64,
    /// With the same e-mail address.
    pub same_email: i64,
    /// With the same phone number.
    pub same_phone: i64,
    /// Linking the same shared result.
    pub same_result: i64,
}

/// A booking's contact details, to give it its person keys.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PersonKeysRow {
    /// The appointment.
    pub id: String,
    /// E-mail given.
    pub email: Option<String>,
    /// Phone given.
    pub phone: Option<String>,
}

/// Someone who shared contact details and asked to be contacted, without an appointment.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AskedRow {
    /// The submission.
    pub id: String,
    /// The campaign.
    pub campaign_id: String,
    /// The campaign's name.
    pub campaign_name: String,
    /// Uploaded at (Unix seconds).
    pub since: i64,
    /// Name.
    pub name: String,
    /// E-mail, if given.
    pub email: Option<String>,
    /// Phone, if given.
    pub phone: Option<String>,
}

impl AskedRow {
    /// The follow-up line, `at` being now (Unix seconds).
    pub fn follow_up(self, at: i64) -> FollowUp {
        FollowUp {
            reason: FollowUpReason::AskedContact,
            since: rfc3339(self.since),
            days_waiting: days_waiting(self.since, at),
            campaign_id: self.campaign_id,
            campaign_name: self.campaign_name,
            name: self.name,
            email: self.email,
            phone: self.phone,
            submission_id: Some(self.id),
            appointment_id: None,
        }
    }
}

/// A cancelled appointment or a no-show not followed by a later booking.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct LapsedRow {
    /// The appointment.
    pub id: String,
    /// The campaign.
    pub campaign_id: String,
    /// The campaign's name.
    pub campaign_name: String,
    /// `cancelled` or `no_show`.
    pub status: String,
    /// Cancelled at, or else the start (Unix seconds).
    pub since: i64,
    /// Name.
    pub name: String,
    /// E-mail, if given.
    pub email: Option<String>,
    /// Phone, if given.
    pub phone: Option<String>,
    /// The linked shared result.
    pub submission_id: Option<String>,
}

impl LapsedRow {
    /// The follow-up line, `at` being now (Unix seconds).
    pub fn follow_up(self, at: i64) -> FollowUp {
        FollowUp {
            reason: if self.status == "no_show" { FollowUpReason::NoShow } else { FollowUpReason::Cancelled },
            since: rfc3339(self.since),
            days_waiting: days_waiting(self.since, at),
            campaign_id: self.campaign_id,
            campaign_name: self.campaign_name,
            name: self.name,
            email: self.email,
            phone: self.phone,
            submission_id: self.submission_id,
            appointment_id: Some(self.id),
        }
    }
}

/// Whole days from `since` to `at`, never below 0.
fn days_waiting(since: i64, at: i64) -> i64 {
    ((at - since).max(0)) / 86_400
}

/// Someone in the expert's campaigns who asked to be contacted, appointment or not.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AskerRow {
    /// The submission.
    pub id: String,
    /// The campaign.
    pub campaign_id: String,
    /// E-mail, if given.
    pub email: Option<String>,
    /// Phone, if given.
    pub phone: Option<String>,
}

impl From<AskerRow> for FollowUp {
    /// A line only to compare people with (`same_person`): what it does not need stays empty.
    fn from(row: AskerRow) -> FollowUp {
        FollowUp {
            reason: FollowUpReason::AskedContact,
            since: String::new(),
            days_waiting: 0,
            campaign_id: row.campaign_id,
            campaign_name: String::new(),
            name: String::new(),
            email: row.email,
            phone: row.phone,
            submission_id: Some(row.id),
            appointment_id: None,
        }
    }
}

/// A due message about an expert's appointment that is not sent.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct UnsentRow {
    /// The message's kind.
    pub kind: String,
    /// The appointment.
    pub appointment_id: Option<String>,
    /// The address or number.
    pub recipient: String,
    /// Due at (Unix seconds).
    pub due_at: i64,
    /// Attempts so far.
    pub attempts: i64,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

impl From<UnsentRow> for Unsent {
    fn from(row: UnsentRow) -> Unsent {
        Unsent {
            kind: row.kind,
            appointment_id: row.appointment_id,
            recipient: row.recipient,
            due_at: rfc3339(row.due_at),
            attempts: row.attempts,
            last_error: row.last_error,
        }
    }
}

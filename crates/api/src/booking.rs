//! Booking a conversation (adviesgesprek): what a campaign offers the phone, free times,
//! appointments as the person and as the arbeidsdeskundige see them, the expert's availability,
//! follow-up and the outbox.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use werkscan_core::Lang;

pub use werkscan_booking::{Availability, Kind, KindOffer};

names! {
    /// Where an appointment is.
    pub enum AppointmentStatus {
        /// Booked and not cancelled; held or not come is not recorded yet.
        Booked = "booked",
        /// The conversation took place.
        Held = "held",
        /// The person did not come.
        NoShow = "no_show",
        /// Cancelled, by the person or the expert.
        Cancelled = "cancelled",
    }
}

/// An expert the person can book with, as the phone shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertOffer {
    /// Account id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kinds offered. For a conversation in person the address is given; a video link only in
    /// the confirmation.
    pub kinds: Vec<KindOffer>,
}

/// `GET /api/c/{code}/booking` reply (public).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingOffer {
    /// Whether bookings are accepted now (the campaign is open).
    pub open: bool,
    /// The campaign's active experts who set their availability.
    pub experts: Vec<ExpertOffer>,
    /// Days after which a "remind me" is sent when the person has not booked.
    pub reminder_days: i64,
}

/// One free time, as the phone shows and books it (`GET /api/c/{code}/experts/{expert}/slots`,
/// `GET /api/expert/appointments/{id}/slots`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Start (RFC 3339, UTC): what a booking sends back.
    pub start: String,
    /// End (RFC 3339, UTC).
    pub end: String,
    /// The expert's local date (`2026-12-08`), for choosing a day.
    pub date: String,
    /// The expert's local start time (`10:30`).
    pub time: String,
    /// In words: "dinsdag 8 december, 10.30 uur".
    pub words: String,
}

/// `GET /api/c/{code}/experts/{expert}/slots` query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotQuery {
    /// The language of the words (`nl`, the default, or `en`).
    #[serde(default)]
    pub lang: Option<String>,
    /// A personal invitation's token, for a campaign with personal invitations.
    #[serde(default)]
    pub u: Option<String>,
    /// The token of an appointment in the campaign (moving it), for a campaign with personal
    /// invitations.
    #[serde(default)]
    pub a: Option<String>,
}

/// Proof that the person shared a result with this campaign and wants it linked to the booking:
/// the receipt's submission id and withdrawal token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedResult {
    /// The submission id from the receipt.
    pub submission_id: String,
    /// The withdrawal token from the receipt.
    pub withdrawal_token: String,
}

/// `POST /api/c/{code}/appointments` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAppointment {
    /// The expert's account id.
    pub expert: String,
    /// The kind of conversation.
    pub kind: Kind,
    /// The start of a free slot (RFC 3339).
    pub start: DateTime<Utc>,
    /// Name (or how they want to be addressed).
    pub name: String,
    /// E-mail address (for the confirmation and the reminder).
    #[serde(default)]
    pub email: Option<String>,
    /// Phone number (needed for a phone call).
    #[serde(default)]
    pub phone: Option<String>,
    /// The language of the messages.
    #[serde(default)]
    pub lang: Lang,
    /// Link the result the person shared with this campaign (off unless they ask).
    #[serde(default)]
    pub shared_result: Option<SharedResult>,
    /// The personal invitation's token, for a campaign with personal invitations (booking does
    /// not use it up). Kept nowhere with the appointment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<String>,
}

/// An appointment as the person sees it, on the phone or from its link on any device
/// (`GET /api/appointments/{token}` and the replies of moving and cancelling it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    /// Where it is.
    pub status: AppointmentStatus,
    /// The kind of conversation.
    pub kind: Kind,
    /// The video link or address, where the kind has one.
    pub place: Option<String>,
    /// The expert's name.
    pub expert: String,
    /// The expert's account id (to book another time with them).
    pub expert_id: String,
    /// The campaign's code.
    pub campaign: String,
    /// The campaign's name.
    pub campaign_name: String,
    /// Start (RFC 3339, UTC).
    pub start: String,
    /// End.
    pub end: String,
    /// In words, in the person's language: "dinsdag 8 december, 10.30 uur".
    pub words: String,
    /// The expert's local date of the start.
    pub date: String,
    /// The expert's local start time.
    pub time: String,
    /// The name given.
    pub name: String,
    /// E-mail address, if given.
    pub email: Option<String>,
    /// Phone number, if given.
    pub phone: Option<String>,
    /// Whether a shared result is linked.
    pub shared_result_linked: bool,
    /// The language of the messages.
    pub lang: Lang,
    /// Whether it can still be moved or cancelled (booked and not yet begun).
    pub changeable: bool,
}

/// `POST /api/c/{code}/appointments` reply: the appointment and the credential that manages it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booked {
    /// The appointment.
    pub appointment: Appointment,
    /// Moves or cancels it from any device: `/afspraak/{token}`. Made by the server (256 random
    /// bits, 64 hex characters), not the key the phone sent with the booking; the phone keeps it.
    pub token: String,
}

/// `POST /api/appointments/{token}/move` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// The new start: a free slot of the same expert.
    pub start: DateTime<Utc>,
    /// Another kind, if the person wants one the expert offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
}

/// `POST /api/c/{code}/reminder` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderRequest {
    /// Where to send the one reminder.
    pub email: String,
    /// Its language.
    #[serde(default)]
    pub lang: Lang,
    /// The questionnaire whose report the reminder links to.
    pub questionnaire: String,
}

/// `POST /api/c/{code}/reminder` reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSet {
    /// When it will be sent, if the person has not booked by then (RFC 3339).
    pub due_at: String,
}

/// An appointment in the expert's list (`GET /api/expert/appointments`, and the replies of the
/// expert's changes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertAppointment {
    /// Appointment id.
    pub id: String,
    /// Where it is.
    pub status: AppointmentStatus,
    /// Phone, video or in person.
    pub kind: Kind,
    /// Start (RFC 3339).
    pub start: String,
    /// End.
    pub end: String,
    /// The time in the expert's words (Dutch, in the expert's zone).
    pub words: String,
    /// The campaign.
    pub campaign_id: String,
    /// The campaign's name.
    pub campaign_name: String,
    /// The person's name.
    pub name: String,
    /// E-mail, if given.
    pub email: Option<String>,
    /// Phone, if given.
    pub phone: Option<String>,
    /// The shared result, only if the person linked it (`/api/expert/submissions/{id}`).
    pub submission_id: Option<String>,
    /// Messages about it that are due and not sent yet.
    pub unsent_messages: i64,
    /// The reason the expert gave when they cancelled it, if any.
    pub cancel_reason: Option<String>,
    /// The reason the expert gave when they last moved it, if any.
    pub move_reason: Option<String>,
}

names! {
    /// Which of the expert's appointments a list shows.
    pub enum AppointmentView {
        /// Booked and ahead, soonest first (the default).
        Upcoming = "upcoming",
        /// Begun or over, latest first.
        Past = "past",
        /// Cancelled, latest first.
        Cancelled = "cancelled",
    }
}

/// `GET /api/expert/appointments` query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentQuery {
    /// `upcoming` (default), `past` or `cancelled` ([`AppointmentView`]'s names).
    #[serde(default)]
    pub view: Option<String>,
}

names! {
    /// What the expert records after an appointment's time.
    pub enum AppointmentOutcome {
        /// The conversation took place.
        Held = "held",
        /// The person did not come.
        NoShow = "no_show",
    }
}

/// `POST /api/expert/appointments/{id}/outcome` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordOutcome {
    /// `held` or `no_show` ([`AppointmentOutcome`]'s names; anything else is 422
    /// `invalid_outcome`).
    pub outcome: String,
}

/// `POST /api/expert/appointments/{id}/cancel` body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpertCancel {
    /// Why, in the expert's words to the person (optional).
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/expert/appointments/{id}/move` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpertMove {
    /// The new start: one of the expert's free slots.
    pub start: DateTime<Utc>,
    /// Why, in the expert's words to the person (optional).
    #[serde(default)]
    pub reason: Option<String>,
}

names! {
    /// Why someone is on the expert's follow-up list.
    pub enum FollowUpReason {
        /// Shared contact details, no appointment.
        AskedContact = "asked_contact",
        /// Cancelled and did not book again.
        Cancelled = "cancelled",
        /// Did not come.
        NoShow = "no_show",
    }
}

/// One person to follow up (`GET /api/expert/follow-up`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// Why.
    pub reason: FollowUpReason,
    /// Since when (RFC 3339).
    pub since: String,
    /// Whole days since then.
    pub days_waiting: i64,
    /// The campaign.
    pub campaign_id: String,
    /// The campaign's name.
    pub campaign_name: String,
    /// Name.
    pub name: String,
    /// E-mail, if given.
    pub email: Option<String>,
    /// Phone, if given.
    pub phone: Option<String>,
    /// The shared result, where there is one.
    pub submission_id: Option<String>,
    /// The appointment, for cancellations and no-shows.
    pub appointment_id: Option<String>,
}

/// A message waiting in the outbox, as the expert sees it (`GET /api/expert/outbox`; no
/// contents).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsent {
    /// What it is.
    pub kind: String,
    /// The appointment it is about.
    pub appointment_id: Option<String>,
    /// To whom.
    pub recipient: String,
    /// When it was due.
    pub due_at: String,
    /// Attempts so far.
    pub attempts: i64,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

/// Booking uptake of a campaign, as numbers only (its experts and admins see these; never who).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uptake {
    /// Appointments booked and not cancelled (including held and no-shows).
    pub booked: i64,
    /// Conversations held.
    pub held: i64,
}

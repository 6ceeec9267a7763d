//! Uploads, withdrawals and "mijn gegevens": what a person sends after consent, how they take it
//! back, and the server's copy of everything it holds about one upload.

use serde::{Deserialize, Serialize};
use werkscan_core::consent::ConsentValues;
use werkscan_core::submission::Contact;
use werkscan_core::{Answers, ConsentChoices, Lang, ScanResult};

pub use werkscan_core::submission::{Receipt, Submission};

use crate::booking::{AppointmentStatus, Kind};
use crate::expert::{Cause, Outcome, Owner, Referral, StrongestSignal, SubmissionStatus};

/// `DELETE /api/submissions/{id}` body, optional: for clients that cannot set an
/// `Authorization` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawBody {
    /// The withdrawal token from the receipt.
    pub withdrawal_token: String,
}

/// `POST /api/withdrawals` body: a withdrawal by code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeBody {
    /// The withdrawal code as the person typed it (small letters, spaces and dashes are fine).
    pub code: String,
}

/// The reply to a withdrawal (`DELETE /api/submissions/{id}`, `POST /api/withdrawals`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawn {
    /// The submission that was deleted.
    pub submission_id: String,
    /// Always true: everything derived from it is deleted too.
    pub deleted: bool,
    /// When (RFC 3339).
    pub deleted_at: String,
}

/// `POST /api/my-data` body: the withdrawal code (typed on any device), or the submission id and
/// withdrawal token from the receipt the phone keeps. Exactly one of the two.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MyDataRequest {
    /// The withdrawal code as the person typed it (small letters, spaces and dashes are fine).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The submission id from the receipt (with `withdrawal_token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<String>,
    /// The withdrawal token from the receipt (with `submission_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal_token: Option<String>,
}

/// `POST /api/my-data` reply: everything the server holds about one upload, as the person
/// downloads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyData {
    /// The upload's id (it is on the receipt).
    pub submission_id: String,
    /// When it was uploaded (RFC 3339).
    pub submitted_at: String,
    /// When it is deleted at the latest (RFC 3339): the campaign's retention.
    pub delete_after: String,
    /// The campaign it was shared with.
    pub campaign: CampaignPart,
    /// The department the person gave, if any.
    pub department: Option<String>,
    /// The questionnaire and the exact version that was filled in.
    pub questionnaire: QuestionnairePart,
    /// The consent the upload was given under.
    pub consent: ConsentPart,
    /// The scores and flags as stored: with shared scores, or for group figures (then the scores
    /// only; flags are stored only when shared with the expert).
    pub result: Option<ScanResult>,
    /// The strongest signal of the result, as the arbeidsdeskundige's list shows it, if a
    /// result is stored.
    pub signal: Option<StrongestSignal>,
    /// The answers, if shared.
    pub answers: Option<Answers>,
    /// The contact details, if given.
    pub contact: Option<Contact>,
    /// What the arbeidsdeskundige recorded about the person.
    pub expert_file: ExpertFile,
    /// The appointments booked with this upload linked, oldest first.
    pub appointments: Vec<MyAppointment>,
    /// Who is responsible for what was shared (the verwerkingsverantwoordelijke), and how to
    /// reach them; `None` only for a campaign that has no practice.
    pub responsible: Option<Responsible>,
}

/// The campaign of an upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignPart {
    /// Its code (in the link the person used).
    pub code: String,
    /// Its name.
    pub name: String,
}

/// The questionnaire of an upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnairePart {
    /// Its id (`werkscan`).
    pub id: String,
    /// Its version.
    pub version: String,
    /// The hash of its exact content.
    pub content_hash: String,
}

/// The consent of an upload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentPart {
    /// The version of the consent text (the hash of its words).
    pub text_version: String,
    /// The language it was read in.
    pub lang: Lang,
    /// What the person chose to share.
    pub choices: ConsentChoices,
    /// What the campaign filled into the text (none under earlier versions).
    pub values: Option<ConsentValues>,
    /// The words the person read, in both languages: the current text filled with `values`, or
    /// an earlier text as it was archived (whose fields may differ from today's
    /// `ConsentDocument`, hence a JSON value); `None` for a version this server does not know.
    pub text: Option<serde_json::Value>,
}

/// What the arbeidsdeskundige recorded about the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertFile {
    /// Where the arbeidsdeskundige is with the person.
    pub status: SubmissionStatus,
    /// Every change of status, oldest first.
    pub status_history: Vec<StatusEntry>,
    /// The arbeidsdeskundige's notes, oldest first.
    pub notes: Vec<NoteEntry>,
    /// The action points, in the order they were made.
    pub actions: Vec<ActionEntry>,
}

/// A change of status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEntry {
    /// The new status.
    pub status: SubmissionStatus,
    /// When (RFC 3339).
    pub at: String,
    /// The arbeidsdeskundige who changed it.
    pub by: String,
    /// With "doorverwezen": to whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_to: Option<Referral>,
    /// With "afgerond": how it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// What caused it when not a change by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
}

/// A note of the arbeidsdeskundige.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteEntry {
    /// When (RFC 3339).
    pub at: String,
    /// Who wrote it.
    pub author: String,
    /// The text.
    pub body: String,
}

/// An action point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionEntry {
    /// When it was recorded (RFC 3339).
    pub created_at: String,
    /// Who does it.
    pub owner: Owner,
    /// What.
    pub description: String,
    /// By when (ISO date), if agreed.
    pub due_on: Option<String>,
    /// When it was done (RFC 3339).
    pub done_at: Option<String>,
    /// For the employer's: the expert marked it as agreed with the person.
    pub agreed_with_person: bool,
}

/// An appointment booked with the upload linked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAppointment {
    /// Where it is.
    pub status: AppointmentStatus,
    /// The kind of conversation.
    pub kind: Kind,
    /// The address or video link, where the kind has one.
    pub place: Option<String>,
    /// The arbeidsdeskundige.
    pub expert: String,
    /// Start (RFC 3339, UTC).
    pub start: String,
    /// End.
    pub end: String,
    /// The time in words, in the person's language.
    pub words: String,
    /// The name given when booking.
    pub name: String,
    /// The e-mail address given, if any.
    pub email: Option<String>,
    /// The phone number given, if any.
    pub phone: Option<String>,
    /// The language of its messages.
    pub lang: Lang,
    /// What happened to it, in order.
    pub history: Vec<AppointmentEvent>,
    /// When it is deleted at the latest (RFC 3339).
    pub delete_after: String,
}

names! {
    /// Something that happens to an appointment.
    pub enum AppointmentEventKind {
        /// It was booked.
        Booked = "booked",
        /// It was moved.
        Moved = "moved",
        /// It was cancelled.
        Cancelled = "cancelled",
        /// It was held.
        Held = "held",
        /// The person did not come.
        NoShow = "no_show",
    }
}

/// Something that happened to an appointment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentEvent {
    /// What.
    pub event: AppointmentEventKind,
    /// When, where the server keeps it (it keeps the time of the last move only as the last
    /// change).
    pub at: Option<String>,
    /// Who: `person` or `expert`, where the server keeps it.
    pub by: Option<String>,
    /// The arbeidsdeskundige's reason, if they gave one.
    pub reason: Option<String>,
}

/// The practice responsible for what was shared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsible {
    /// Its name.
    pub name: String,
    /// How to reach it.
    pub contact: Option<String>,
    /// Its data protection officer (functionaris gegevensbescherming), if it has one.
    pub privacy_officer: Option<String>,
    /// How to reach the data protection officer.
    pub privacy_officer_contact: Option<String>,
    /// Its website.
    pub website: Option<String>,
}

//! The arbeidsdeskundige's work with what people shared: the inbox, and one shared result with
//! its status, notes and action points.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use werkscan_core::submission::Contact;
use werkscan_core::{Answers, ConsentChoices, Lang, ScanResult};

use crate::booking::{AppointmentStatus, Kind};

names! {
    /// Where the arbeidsdeskundige is with a person, in the order the work usually goes.
    pub enum SubmissionStatus {
        /// Not looked at yet.
        Nieuw = "nieuw",
        /// The expert tried to reach the person.
        ContactGezocht = "contact_gezocht",
        /// A conversation is planned.
        GesprekGepland = "gesprek_gepland",
        /// The conversation took place.
        GesprekGevoerd = "gesprek_gevoerd",
        /// Referred to someone else ([`Referral`]).
        Doorverwezen = "doorverwezen",
        /// The person wants no contact.
        GeenContactGewenst = "geen_contact_gewenst",
        /// The work with the person ended ([`Outcome`]).
        Afgerond = "afgerond",
    }
}

names! {
    /// To whom an expert refers a person (status `doorverwezen`): medical matters go to the
    /// bedrijfsarts or the huisarts, matters of conduct at work to the vertrouwenspersoon.
    pub enum Referral {
        /// The company doctor.
        Bedrijfsarts = "bedrijfsarts",
        /// The GP.
        Huisarts = "huisarts",
        /// The confidential adviser.
        Vertrouwenspersoon = "vertrouwenspersoon",
    }
}

names! {
    /// How the work with a person ended (status `afgerond`).
    pub enum Outcome {
        /// Agreements were made.
        AfsprakenGemaakt = "afspraken_gemaakt",
        /// No action needed.
        GeenActieNodig = "geen_actie_nodig",
        /// Referred to someone else.
        Doorverwezen = "doorverwezen",
        /// Something else.
        Anders = "anders",
    }
}

names! {
    /// Why a status changed when it was not a change by hand.
    pub enum Cause {
        /// The person booked a conversation with this result linked.
        Booked = "booked",
        /// The conversation was recorded as held.
        Held = "held",
    }
}

names! {
    /// The strongest signal of a shared result, strongest first.
    pub enum StrongestSignal {
        /// A band that asks for attention, or a flag.
        Attention = "attention",
        /// A band worth watching.
        Watch = "watch",
        /// Everything good.
        Good = "good",
        /// No result shared.
        None = "none",
    }
}

names! {
    /// Who carries out an agreed action point.
    pub enum Owner {
        /// The person.
        Employee = "employee",
        /// The employer.
        Employer = "employer",
        /// The arbeidsdeskundige.
        Expert = "expert",
    }
}

/// `GET /api/expert/submissions` query: filters and order of the inbox; every filter is
/// optional, and a filter's value is checked by the server (400 `invalid_status`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InboxQuery {
    /// A campaign id.
    pub campaign: String,
    /// A department (`-` for "not given").
    pub department: String,
    /// A status ([`SubmissionStatus`]'s names).
    pub status: String,
    /// The strongest signal ([`StrongestSignal`]'s names).
    pub signal: String,
    /// `newest` (default) or `oldest`.
    pub sort: String,
    /// The first row (default 0).
    pub offset: i64,
    /// How many rows (default 50, at most 500).
    pub limit: i64,
}

impl InboxQuery {
    /// The query string's names with their values, in the order of the fields: the names the
    /// server reads (its `Query<InboxQuery>` goes by the field names), so the console builds the
    /// address from here instead of from a second list. Empty values are the defaults.
    pub fn pairs(&self) -> [(&'static str, String); 7] {
        let number = |value: i64| if value == 0 { String::new() } else { value.to_string() };
        [
            ("campaign", self.campaign.clone()),
            ("department", self.department.clone()),
            ("status", self.status.clone()),
            ("signal", self.signal.clone()),
            ("sort", self.sort.clone()),
            ("offset", number(self.offset)),
            ("limit", number(self.limit)),
        ]
    }
}

/// A line in the expert's inbox.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionSummary {
    /// Submission id.
    pub id: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Department, if the person gave one.
    pub department: Option<String>,
    /// When it was uploaded (RFC 3339).
    pub submitted_at: String,
    /// What was shared.
    pub shared: ConsentChoices,
    /// Where the arbeidsdeskundige is with the person.
    pub status: SubmissionStatus,
    /// Since when (RFC 3339); none while it is `nieuw`.
    pub status_changed_at: Option<String>,
    /// The strongest signal of the shared result.
    pub signal: StrongestSignal,
    /// The person's name, if they gave contact details.
    pub name: Option<String>,
}

/// `GET /api/expert/submissions` reply: one page of shared results, how many match, and how many
/// there are per status (with the other filters).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    /// How many match the filters.
    pub total: i64,
    /// Per status (every status, by its name), how many match the other filters.
    pub counts: BTreeMap<String, i64>,
    /// The page.
    pub items: Vec<SubmissionSummary>,
}

/// `GET /api/expert/submissions/{id}` reply: one submission, with only what was shared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionDetail {
    /// Submission id.
    pub id: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Department, if given.
    pub department: Option<String>,
    /// When it was uploaded (RFC 3339).
    pub submitted_at: String,
    /// When it will be deleted at the latest (RFC 3339).
    pub expires_at: String,
    /// The consent text version agreed to.
    pub consent_version: String,
    /// Language of the consent (and the scan).
    pub lang: Lang,
    /// What was shared.
    pub shared: ConsentChoices,
    /// Scores and flags (only with `share_scores`).
    pub result: Option<ScanResult>,
    /// Answers (only with `share_answers`).
    pub answers: Option<Answers>,
    /// Contact details (only with `contact_me`).
    pub contact: Option<Contact>,
    /// Where the arbeidsdeskundige is with the person.
    pub status: SubmissionStatus,
    /// Every status change, oldest first.
    pub status_history: Vec<StatusChange>,
    /// Private notes of the campaign's experts, oldest first.
    pub notes: Vec<Note>,
    /// Agreed action points, in the order they were made.
    pub actions: Vec<ActionPoint>,
    /// Whether the shared result carries a flag about long sick leave or not being able to
    /// work: the console then reminds the expert that the person may already be in sick-leave
    /// guidance, which goes through the bedrijfsarts.
    pub sick_leave_reminder: bool,
    /// The conversations the person booked with this result linked, first booked first.
    pub appointments: Vec<LinkedAppointment>,
}

/// A conversation booked with the shared result linked, with what happened to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedAppointment {
    /// Where it is.
    pub status: AppointmentStatus,
    /// Phone, video or in person.
    pub kind: Kind,
    /// Start (RFC 3339).
    pub start: String,
    /// The arbeidsdeskundige it is with.
    pub expert: String,
    /// When it was booked (RFC 3339).
    pub booked_at: String,
    /// Who moved it last (`person` or `expert`), if it was moved.
    pub moved_by: Option<String>,
    /// The expert's reason for the move.
    pub move_reason: Option<String>,
    /// When it was cancelled (RFC 3339).
    pub cancelled_at: Option<String>,
    /// By whom: `person` or `expert`.
    pub cancelled_by: Option<String>,
    /// The expert's reason for cancelling.
    pub cancel_reason: Option<String>,
    /// When the outcome (held, not come) was recorded (RFC 3339).
    pub outcome_at: Option<String>,
}

/// A change of status (an entry of the history, and `PUT …/status` reply).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The new status.
    pub status: SubmissionStatus,
    /// To whom the person was referred, with `doorverwezen`.
    pub referred_to: Option<Referral>,
    /// How it ended, with `afgerond`.
    pub outcome: Option<Outcome>,
    /// When (RFC 3339).
    pub at: String,
    /// Who changed it.
    pub by: String,
    /// Why it changed, when not by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
}

/// A private note (`POST …/notes` reply).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Id.
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// The text.
    pub body: String,
    /// When (RFC 3339).
    pub at: String,
}

/// An agreed action point (`POST …/actions` and `…/done` reply).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPoint {
    /// Id.
    pub id: String,
    /// Who does it.
    pub owner: Owner,
    /// What.
    pub description: String,
    /// By when (ISO date), if agreed.
    pub due_on: Option<String>,
    /// When it was done (RFC 3339).
    pub done_at: Option<String>,
    /// Whether the expert marked it as agreed with the person (always so for the employer's).
    pub agreed_with_person: bool,
}

/// `POST /api/expert/submissions/{id}/notes` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// The note (at most 5,000 characters).
    pub body: String,
}

/// `POST /api/expert/submissions/{id}/actions` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAction {
    /// Who does it ([`Owner`]'s names; anything else is 422 `invalid_owner`).
    pub owner: String,
    /// What was agreed (at most 1,000 characters).
    pub description: String,
    /// By when, if agreed.
    #[serde(default)]
    pub due_on: Option<chrono::NaiveDate>,
    /// Whether it was agreed with the person; required (`true`) for the employer's.
    #[serde(default)]
    pub agreed_with_person: bool,
}

/// `PUT /api/expert/submissions/{id}/status` body. The names are checked by the server, each
/// with its own refusal (422 `invalid_status`, `invalid_referral`, `invalid_outcome`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewStatus {
    /// One of [`SubmissionStatus`]'s names.
    pub status: String,
    /// With `doorverwezen` (and only then): one of [`Referral`]'s names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_to: Option<String>,
    /// With `afgerond` (and only then): one of [`Outcome`]'s names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

impl From<werkscan_core::model::Signal> for StrongestSignal {
    /// A band's signal as the strongest signal of a result in that band.
    fn from(signal: werkscan_core::model::Signal) -> StrongestSignal {
        match signal {
            werkscan_core::model::Signal::Attention => StrongestSignal::Attention,
            werkscan_core::model::Signal::Watch => StrongestSignal::Watch,
            werkscan_core::model::Signal::Good => StrongestSignal::Good,
        }
    }
}

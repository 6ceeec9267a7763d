//! The rows the expert's queries read, one struct per query, with the conversions to what the
//! routes return. Booleans are stored as integers (SQLite has no other) and read as `i64`: the
//! Any driver does not decode booleans the same way on both databases. Times are Unix seconds
//! and become RFC 3339 here, once.

use werkscan_core::{ConsentChoices, Contact, ScoreResult};

use super::inbox::{ActionPoint, LinkedAppointment, Note, StatusChange, SubmissionSummary};
use super::notifications::{DigestSetting, DEFAULT_DIGEST_HOUR};
use werkscan_api::booking::{AppointmentStatus, Kind};
use werkscan_api::expert::{Cause, Outcome, Owner, Referral, StrongestSignal, SubmissionStatus};

use crate::db::{MaybeNamed, Named};
use crate::util::rfc3339;

/// The four consent choices of a submission row (`share_scores`, `share_answers`, `contact_me`,
/// `group_figures`, each 0 or 1): flattened into every row that reads them.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ChoicesRow {
    /// 1 when the scores were shared.
    pub share_scores: i64,
    /// 1 when the answers were shared.
    pub share_answers: i64,
    /// 1 when the person asked to be contacted.
    pub contact_me: i64,
    /// 1 when the upload counts in the group figures.
    pub group_figures: i64,
}

impl From<&ChoicesRow> for ConsentChoices {
    fn from(row: &ChoicesRow) -> Self {
        ConsentChoices {
            share_scores: row.share_scores != 0,
            share_answers: row.share_answers != 0,
            contact_me: row.contact_me != 0,
            group_figures: row.group_figures != 0,
        }
    }
}

/// A line of the inbox's page (`inbox::list`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SummaryRow {
    /// Submission id.
    pub id: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Department, if given.
    pub department: Option<String>,
    /// Uploaded (Unix seconds).
    pub created_at: i64,
    /// What was shared.
    #[sqlx(flatten)]
    pub choices: ChoicesRow,
    /// The expert's status.
    #[sqlx(try_from = "String")]
    pub status: Named<SubmissionStatus>,
    /// Since when (Unix seconds); none while `nieuw`.
    pub status_changed_at: Option<i64>,
    /// The strongest signal; none when no result was shared.
    #[sqlx(try_from = "Option<String>")]
    pub signal: MaybeNamed<StrongestSignal>,
    /// The contact name, if contact details were given.
    pub contact_name: Option<String>,
}

impl From<SummaryRow> for SubmissionSummary {
    fn from(row: SummaryRow) -> Self {
        SubmissionSummary {
            shared: ConsentChoices::from(&row.choices),
            id: row.id,
            campaign_id: row.campaign_id,
            campaign_name: row.campaign_name,
            department: row.department,
            submitted_at: rfc3339(row.created_at),
            status: row.status.0,
            status_changed_at: row.status_changed_at.map(rfc3339),
            signal: row.signal.0.unwrap_or(StrongestSignal::None),
            name: row.contact_name,
        }
    }
}

/// One submission as the expert's detail reads it (`inbox::detail`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DetailRow {
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Department, if given.
    pub department: Option<String>,
    /// Uploaded (Unix seconds).
    pub created_at: i64,
    /// Deleted at the latest (Unix seconds).
    pub expires_at: i64,
    /// The questionnaire's id.
    pub definition_id: String,
    /// The questionnaire's version.
    pub definition_version: String,
    /// The questionnaire's content hash.
    pub content_hash: String,
    /// The consent text's version.
    pub consent_version: String,
    /// The consent's language tag.
    pub consent_lang: String,
    /// What was shared.
    #[sqlx(flatten)]
    pub choices: ChoicesRow,
    /// The expert's status.
    #[sqlx(try_from = "String")]
    pub status: Named<SubmissionStatus>,
}

/// Contact details given with an upload (`submission_contacts`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ContactRow {
    /// Name.
    pub name: String,
    /// E-mail address, if given.
    pub email: Option<String>,
    /// Telephone number, if given.
    pub phone: Option<String>,
    /// The person's note, if any.
    pub note: Option<String>,
}

impl From<ContactRow> for Contact {
    fn from(row: ContactRow) -> Self {
        Contact { name: row.name, email: row.email, phone: row.phone, note: row.note }
    }
}

/// A status change with the name of who made it (`status_changes` joined to `users`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct StatusChangeRow {
    /// The new status.
    #[sqlx(try_from = "String")]
    pub status: Named<SubmissionStatus>,
    /// With `doorverwezen`: to whom.
    #[sqlx(try_from = "Option<String>")]
    pub referred_to: MaybeNamed<Referral>,
    /// With `afgerond`: how it ended.
    #[sqlx(try_from = "Option<String>")]
    pub outcome: MaybeNamed<Outcome>,
    /// `booked` or `held` when not a change by hand.
    #[sqlx(try_from = "Option<String>")]
    pub cause: MaybeNamed<Cause>,
    /// When (Unix seconds).
    pub changed_at: i64,
    /// Who (their name).
    pub display_name: String,
}

impl From<StatusChangeRow> for StatusChange {
    fn from(row: StatusChangeRow) -> Self {
        StatusChange {
            status: row.status.0,
            referred_to: row.referred_to.0,
            outcome: row.outcome.0,
            at: rfc3339(row.changed_at),
            by: row.display_name,
            cause: row.cause.0,
        }
    }
}

/// A note with the name of its author (`notes` joined to `users`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NoteRow {
    /// Id.
    pub id: String,
    /// The text.
    pub body: String,
    /// When (Unix seconds).
    pub created_at: i64,
    /// The author's name.
    pub display_name: String,
}

impl From<NoteRow> for Note {
    fn from(row: NoteRow) -> Self {
        Note { id: row.id, author: row.display_name, body: row.body, at: rfc3339(row.created_at) }
    }
}

/// What was agreed in an action point, without its id and progress (`action_points`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ActionTermsRow {
    /// `employee`, `employer` or `expert`.
    #[sqlx(try_from = "String")]
    pub owner: Named<Owner>,
    /// What.
    pub description: String,
    /// By when (ISO date), if agreed.
    pub due_on: Option<String>,
    /// 1 when agreed with the person.
    pub agreed_with_person: i64,
}

impl ActionTermsRow {
    /// The action point `id`, done at `done_at` (Unix seconds) if it is.
    pub fn into_action(self, id: String, done_at: Option<i64>) -> ActionPoint {
        ActionPoint {
            id,
            owner: self.owner.0,
            description: self.description,
            due_on: self.due_on,
            done_at: done_at.map(rfc3339),
            agreed_with_person: self.agreed_with_person != 0,
        }
    }
}

/// An action point of a submission (`action_points`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ActionRow {
    /// Id.
    pub id: String,
    /// What was agreed.
    #[sqlx(flatten)]
    pub terms: ActionTermsRow,
    /// When it was done (Unix seconds).
    pub done_at: Option<i64>,
}

impl From<ActionRow> for ActionPoint {
    fn from(row: ActionRow) -> Self {
        row.terms.into_action(row.id, row.done_at)
    }
}

/// An appointment linked to a shared result, with its expert's name (`inbox::detail`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct LinkedAppointmentRow {
    /// `booked`, `held`, `no_show` or `cancelled`.
    #[sqlx(try_from = "String")]
    pub status: Named<AppointmentStatus>,
    /// `telefoon`, `video` or `locatie`.
    #[sqlx(try_from = "String")]
    pub kind: Named<Kind>,
    /// Start (Unix seconds).
    pub starts_at: i64,
    /// Booked (Unix seconds).
    pub created_at: i64,
    /// Who moved it last, if anyone.
    pub moved_by: Option<String>,
    /// The expert's reason for the move.
    pub move_reason: Option<String>,
    /// Cancelled (Unix seconds).
    pub cancelled_at: Option<i64>,
    /// Who cancelled it.
    pub cancelled_by: Option<String>,
    /// The expert's reason for cancelling.
    pub cancel_reason: Option<String>,
    /// When the outcome was recorded (Unix seconds).
    pub outcome_at: Option<i64>,
    /// The expert's name.
    pub display_name: String,
}

impl From<LinkedAppointmentRow> for LinkedAppointment {
    fn from(row: LinkedAppointmentRow) -> Self {
        LinkedAppointment {
            status: row.status.0,
            kind: row.kind.0,
            start: rfc3339(row.starts_at),
            expert: row.display_name,
            booked_at: rfc3339(row.created_at),
            moved_by: row.moved_by,
            move_reason: row.move_reason,
            cancelled_at: row.cancelled_at.map(rfc3339),
            cancelled_by: row.cancelled_by,
            cancel_reason: row.cancel_reason,
            outcome_at: row.outcome_at.map(rfc3339),
        }
    }
}

/// A stored score of an upload (`submission_scores`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ScoreRow {
    /// The score's id in the questionnaire.
    pub score_id: String,
    /// The value; none with too few answers.
    pub value: Option<f64>,
    /// The band; none with too few answers.
    pub band: Option<String>,
    /// How many of its questions were answered.
    pub answered: i64,
    /// How many it needs.
    pub needed: i64,
}

impl From<ScoreRow> for ScoreResult {
    fn from(row: ScoreRow) -> Self {
        ScoreResult {
            id: row.score_id,
            value: row.value,
            band: row.band,
            answered: row.answered as u32,
            needed: row.needed as u32,
        }
    }
}

/// A line of the expert's export (`inbox::export`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ExportRow {
    /// Submission id.
    pub id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Department, if given.
    pub department: Option<String>,
    /// Uploaded (Unix seconds).
    pub created_at: i64,
    /// The expert's status.
    pub status: String,
    /// The strongest signal, if a result was shared.
    pub signal: Option<String>,
    /// The questionnaire's content hash, for the score names.
    pub content_hash: String,
    /// Contact name, if given.
    pub contact_name: Option<String>,
    /// Contact e-mail address, if given.
    pub email: Option<String>,
    /// Contact telephone number, if given.
    pub phone: Option<String>,
}

/// A shared score in the expert's export.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ExportScoreRow {
    /// The submission.
    pub submission_id: String,
    /// The score's id.
    pub score_id: String,
    /// The value; none with too few answers.
    pub value: Option<f64>,
}

/// One of the expert's own action points in the export.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ExportActionRow {
    /// The submission.
    pub submission_id: String,
    /// `employee`, `employer` or `expert`.
    pub owner: String,
    /// What.
    pub description: String,
    /// When it was done (Unix seconds), if it was.
    pub done_at: Option<i64>,
}

/// One of the expert's own appointments in the export.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ExportAppointmentRow {
    /// The linked submission.
    pub submission_id: String,
    /// Start (Unix seconds).
    pub starts_at: i64,
    /// `telefoon`, `video` or `locatie`.
    pub kind: String,
    /// `booked`, `held`, `no_show` or `cancelled`.
    pub status: String,
}

/// An expert's notification settings (`expert_notifications`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SettingsRow {
    /// When the inbox was last opened (Unix seconds).
    pub shares_seen_at: i64,
    /// When the appointments were last opened (Unix seconds).
    pub appointments_seen_at: i64,
    /// 1 when the digest is on.
    pub digest_on: i64,
    /// The digest's local hour.
    pub digest_hour: i64,
    /// When the calendar feed's address was made (Unix seconds), if there is one.
    pub feed_created_at: Option<i64>,
}

impl SettingsRow {
    /// The digest setting, the hour kept within 0–23.
    pub fn digest(&self) -> DigestSetting {
        DigestSetting { on: self.digest_on == 1, hour: self.digest_hour.clamp(0, 23) as u32 }
    }
}

/// An appointment in the expert's calendar feed.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct FeedAppointmentRow {
    /// `telefoon`, `video` or `locatie`.
    pub kind: String,
    /// Start (Unix seconds).
    pub starts_at: i64,
    /// End (Unix seconds).
    pub ends_at: i64,
    /// `booked`, `held`, `no_show` or `cancelled`.
    pub status: String,
    /// The calendar's uid of the event.
    pub ics_uid: String,
    /// The calendar's sequence of the event.
    pub sequence: i64,
    /// The last change (Unix seconds).
    pub updated_at: i64,
}

/// An active expert with their digest settings, if they ever changed any (`users` left-joined
/// to `expert_notifications`: every column of the settings may be missing).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DigestExpertRow {
    /// The expert's user id.
    pub id: String,
    /// Their login e-mail address.
    pub email: String,
    /// 1 when the digest is on.
    pub digest_on: Option<i64>,
    /// The digest's local hour.
    pub digest_hour: Option<i64>,
    /// The local day of the last digest (ISO date).
    pub digest_sent_on: Option<String>,
    /// When the last digest was queued (Unix seconds).
    pub digest_sent_at: Option<i64>,
    /// When the inbox was last opened (Unix seconds).
    pub shares_seen_at: Option<i64>,
    /// When the appointments were last opened (Unix seconds).
    pub appointments_seen_at: Option<i64>,
}

impl DigestExpertRow {
    /// Whether the digest is on (the default of an expert who never changed it).
    pub fn digest_on(&self) -> bool {
        self.digest_on.unwrap_or(1) == 1
    }

    /// The digest's local hour (the default of an expert who never changed it).
    pub fn digest_hour(&self) -> i64 {
        self.digest_hour.unwrap_or(i64::from(DEFAULT_DIGEST_HOUR))
    }
}

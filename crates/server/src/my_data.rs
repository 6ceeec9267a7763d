//! "Mijn gegevens" (issue #18): the person's right of access and portability (art. 15 and 20
//! AVG). With the withdrawal code (any device) or the receipt's token (the phone), the person
//! gets everything the server holds about their upload, as JSON: the upload itself, the consent
//! and the exact words they read, the result, answers and contact details where stored, what the
//! arbeidsdeskundige recorded about them (status, notes, action points), the appointments booked
//! with it, when it is deleted, and which practice is responsible and how to reach it.
//!
//! Nothing about anyone else, and no internal id the person cannot use, except the submission's
//! own id (it is on their receipt). Wrong codes count against the same per-address budget as
//! withdrawal codes ([`crate::submissions::limits::record_code_attempt`]): the two endpoints are one door for
//! a guesser. Neither the code nor anything returned is logged; the audit log notes only that
//! the person downloaded their data, without content.

use axum::extract::State;
use axum::Json;
use werkscan_api::booking::AppointmentStatus;
use werkscan_api::submissions::AppointmentEventKind;
use werkscan_core::consent::{archived_text, ConsentValues, PLACEHOLDERS};
use werkscan_core::{consent_document, withdrawal_code, Answers, Contact, Lang, ScanResult, CONSENT_VERSION};

use self::rows::{ActionEntryRow, AppointmentHistoryRow, NoteEntryRow, UploadRow};
use crate::booking::routes::AppointmentView;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientIp};
use crate::util::{new_id, now, rfc3339, sha256_hex};
use crate::AppState;

pub use werkscan_api::submissions::{
    ActionEntry, AppointmentEvent, CampaignPart, ConsentPart, ExpertFile, MyAppointment, MyData, MyDataRequest,
    NoteEntry, QuestionnairePart, Responsible, StatusEntry,
};

/// `POST /api/my-data` (public): everything the server holds about the upload of this withdrawal
/// code (`{"code": "ABCD-EFGH-JKLM-NPQR"}`) or receipt (`{"submission_id", "withdrawal_token"}`),
/// as [`MyData`].
///
/// 422 `invalid_withdrawal_code` when the text cannot be a code (not counted), 400
/// `invalid_body` without a code or a whole receipt; 404 `withdrawal_code_not_found` for a code no
/// upload has (withdrawn, deleted, never stored) and 404 `submission_not_found` for a receipt
/// that fits none; 429 `too_many_wrong_codes` with `Retry-After` while the address waits after
/// wrong codes, counted together with the withdrawal codes of `POST /api/withdrawals`.
pub async fn download(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<MyDataRequest>,
) -> ApiResult<Json<MyData>> {
    let id = match (&body.code, &body.submission_id, &body.withdrawal_token) {
        (Some(code), None, None) => {
            let code = withdrawal_code::normalise(code).ok_or_else(|| {
                ApiError::unprocessable(
                    "invalid_withdrawal_code",
                    "a withdrawal code has 16 letters and digits, like ABCD-EFGH-JKLM-NPQR",
                )
            })?;
            // Recorded as wrong before the look-up, as for a withdrawal: the same budget.
            let attempt = crate::submissions::limits::record_code_attempt(&state, &ip).await?;
            let found: Option<String> =
                sqlx::query_scalar("SELECT id FROM submissions WHERE withdrawal_code_hash = $1")
                    .bind(sha256_hex(&code))
                    .fetch_optional(&state.db().pool)
                    .await?;
            let Some(id) = found else {
                return Err(ApiError::not_found(
                    "withdrawal_code_not_found",
                    "no upload has this withdrawal code; it may already be deleted",
                ));
            };
            attempt.was_right(&state).await?;
            id
        }
        // The token has 256 random bits: guessing it is hopeless, so it is not counted, as for a
        // withdrawal with it.
        (None, Some(id), Some(token)) => {
            let found: Option<String> =
                sqlx::query_scalar("SELECT id FROM submissions WHERE id = $1 AND withdrawal_hash = $2")
                    .bind(id)
                    .bind(sha256_hex(token.trim()))
                    .fetch_optional(&state.db().pool)
                    .await?;
            found.ok_or_else(|| {
                ApiError::not_found(
                    "submission_not_found",
                    "no submission with this id and token; it may already be deleted",
                )
            })?
        }
        _ => {
            return Err(ApiError::bad_request(
                "invalid_body",
                "send {\"code\": \"...\"} or {\"submission_id\": \"...\", \"withdrawal_token\": \"...\"}",
            ))
        }
    };
    let data = collect(&state, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("submission_not_found", "this upload was just deleted"))?;
    // That the person read their own data, and when; nothing of the content.
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_user_id, action, submission_id, campaign_id, detail) \
         SELECT $1, $2, NULL, 'person_download', id, campaign_id, NULL FROM submissions WHERE id = $3",
    )
    .bind(new_id())
    .bind(now())
    .bind(&id)
    .execute(&state.db().pool)
    .await?;
    Ok(Json(data))
}

/// Everything held about the submission `id`; `None` when it no longer exists.
async fn collect(state: &AppState, id: &str) -> ApiResult<Option<MyData>> {
    let pool = &state.db().pool;
    let row = sqlx::query_as::<_, UploadRow>(
        "SELECT s.id, s.department, s.definition_id, s.definition_version, s.content_hash, s.consent_version, s.consent_lang, \
         s.share_scores, s.share_answers, s.contact_me, s.group_figures, s.created_at, s.expires_at, s.status, s.signal, s.consent_values, \
         c.code AS campaign_code, c.name AS campaign_name, p.name AS practice_name, p.contact AS practice_contact, \
         p.privacy_officer_name, p.privacy_officer_contact, p.website, p.id AS practice_id \
         FROM submissions s JOIN campaigns c ON c.id = s.campaign_id LEFT JOIN practices p ON p.id = c.practice_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let choices = row.choices();
    let values = row
        .consent_values
        .as_deref()
        .map(serde_json::from_str::<ConsentValues>)
        .transpose()
        .map_err(ApiError::internal)?;
    let text = consent_words(&row.consent_version, values.as_ref())?;

    let (scores, flags) = crate::expert::inbox::stored_scores_and_flags(pool, id).await?;
    let result = (!scores.is_empty() || !flags.is_empty()).then(|| ScanResult {
        definition: row.definition_id.clone(),
        version: row.definition_version.clone(),
        content_hash: row.content_hash.clone(),
        scores,
        flags,
    });
    let answers: Option<String> = sqlx::query_scalar("SELECT answers FROM submission_answers WHERE submission_id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let answers = answers.map(|json| serde_json::from_str::<Answers>(&json)).transpose().map_err(ApiError::internal)?;
    let contact = sqlx::query_as::<_, crate::expert::rows::ContactRow>(
        "SELECT name, email, phone, note FROM submission_contacts WHERE submission_id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .map(Contact::from);

    let status_history = sqlx::query_as::<_, crate::expert::rows::StatusChangeRow>(
        "SELECT h.status, h.referred_to, h.outcome, h.cause, h.changed_at, u.display_name FROM status_changes h JOIN users u ON u.id = h.changed_by \
         WHERE h.submission_id = $1 ORDER BY h.seq",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(StatusEntry::from)
    .collect();
    let notes = sqlx::query_as::<_, NoteEntryRow>(
        "SELECT n.body, n.created_at, u.display_name FROM notes n JOIN users u ON u.id = n.author_id WHERE n.submission_id = $1 ORDER BY n.seq",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(NoteEntry::from)
    .collect();
    let actions = sqlx::query_as::<_, ActionEntryRow>("SELECT owner, description, due_on, done_at, created_at, agreed_with_person FROM action_points WHERE submission_id = $1 ORDER BY seq")
        .bind(id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(ActionEntry::from)
        .collect();

    let mut appointments = Vec::new();
    for (appointment_id, view) in crate::booking::routes::linked_to(state, id).await? {
        appointments.push(appointment(state, &appointment_id, view).await?);
    }

    let responsible = row.responsible();
    Ok(Some(MyData {
        submitted_at: rfc3339(row.created_at),
        delete_after: rfc3339(row.expires_at),
        campaign: row.campaign(),
        questionnaire: row.questionnaire(),
        consent: ConsentPart {
            lang: Lang::from_tag(&row.consent_lang).unwrap_or_default(),
            text_version: row.consent_version,
            choices,
            values,
            text,
        },
        signal: if result.is_some() { row.signal.0 } else { None },
        submission_id: row.id,
        department: row.department,
        result,
        answers,
        contact,
        expert_file: ExpertFile { status: row.status.0, status_history, notes, actions },
        appointments,
        responsible,
    }))
}

/// The words of consent version `version` as the person read them: the current text filled with
/// the campaign's values; an earlier text as it was archived, with the values stored with the
/// upload filled in where it has placeholders for them; `None` for a version this server does
/// not know.
fn consent_words(version: &str, values: Option<&ConsentValues>) -> ApiResult<Option<serde_json::Value>> {
    if version == CONSENT_VERSION {
        let document = consent_document();
        let words = match values {
            Some(values) => document.filled(values),
            None => document,
        };
        return Ok(Some(serde_json::to_value(words).map_err(ApiError::internal)?));
    }
    let Some(archived) = archived_text(version) else { return Ok(None) };
    let mut words: serde_json::Value = serde_json::from_str(archived).map_err(ApiError::internal)?;
    if let Some(values) = values {
        fill_archived(&mut words, values);
    }
    Ok(Some(words))
}

/// Fills the placeholders of an archived text (JSON, every text an `{"nl", "en"}` object) with
/// the values as `ConsentDocument::filled` does: names and dates in words in each language, and a
/// sentence about a contact or data protection officer the campaign did not have left empty. Done
/// on the JSON, so an archived text whose fields differ from today's type is filled as well.
fn fill_archived(value: &mut serde_json::Value, values: &ConsentValues) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.get("nl").is_some_and(Value::is_string) && map.get("en").is_some_and(Value::is_string) {
                for (tag, lang) in [("nl", Lang::Nl), ("en", Lang::En)] {
                    if let Some(Value::String(text)) = map.get_mut(tag) {
                        *text = fill_one(text, values, lang);
                    }
                }
                return;
            }
            map.values_mut().for_each(|value| fill_archived(value, values));
        }
        Value::Array(items) => items.iter_mut().for_each(|item| fill_archived(item, values)),
        _ => {}
    }
}

/// One text in one language with the placeholders filled (see [`fill_archived`]).
fn fill_one(text: &str, values: &ConsentValues, lang: Lang) -> String {
    let present = |value: &Option<String>| value.as_deref().is_some_and(|value| !value.trim().is_empty());
    let has_officer = present(&values.privacy_officer) && present(&values.privacy_officer_contact);
    if (text.contains("{controller_contact}") && !present(&values.controller_contact))
        || ((text.contains("{privacy_officer}") || text.contains("{privacy_officer_contact}")) && !has_officer)
    {
        return String::new();
    }
    PLACEHOLDERS.iter().fold(text.to_owned(), |filled, placeholder| {
        if !filled.contains(placeholder) {
            return filled;
        }
        let value = match *placeholder {
            "{controller}" => values.controller.trim().to_owned(),
            "{controller_contact}" => values.controller_contact.clone().unwrap_or_default(),
            "{privacy_officer}" => values.privacy_officer.clone().unwrap_or_default(),
            "{privacy_officer_contact}" => values.privacy_officer_contact.clone().unwrap_or_default(),
            "{experts}" => werkscan_core::consent::names_in_words(&values.experts, lang),
            "{k}" => values.min_group_size.to_string(),
            _ => chrono::NaiveDate::parse_from_str(&values.delete_after, "%Y-%m-%d")
                .map(|day| werkscan_core::when::date_in_words(lang, day))
                .unwrap_or_else(|_| values.delete_after.clone()),
        };
        filled.replace(placeholder, &value)
    })
}

/// An appointment as the person downloads it: the view they see, with what happened to it.
async fn appointment(state: &AppState, id: &str, view: AppointmentView) -> ApiResult<MyAppointment> {
    let row = sqlx::query_as::<_, AppointmentHistoryRow>(
        "SELECT created_at, updated_at, cancelled_at, cancelled_by, cancel_reason, moved_by, move_reason, outcome_at, expires_at \
         FROM appointments WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&state.db().pool)
    .await?;
    let mut history = vec![AppointmentEvent {
        event: AppointmentEventKind::Booked,
        at: Some(rfc3339(row.created_at)),
        by: Some("person".into()),
        reason: None,
    }];
    if let Some(by) = row.moved_by {
        // Only the last move is kept; its time is the last change unless something came after.
        let later = row.cancelled_at.is_some() || row.outcome_at.is_some();
        let at = (!later).then(|| rfc3339(row.updated_at));
        history.push(AppointmentEvent {
            event: AppointmentEventKind::Moved,
            at,
            by: Some(by),
            reason: row.move_reason,
        });
    }
    if let Some(at) = row.cancelled_at {
        history.push(AppointmentEvent {
            event: AppointmentEventKind::Cancelled,
            at: Some(rfc3339(at)),
            by: row.cancelled_by,
            reason: row.cancel_reason,
        });
    }
    if let Some(at) = row.outcome_at {
        let outcome = match view.status {
            AppointmentStatus::Held => Some(AppointmentEventKind::Held),
            AppointmentStatus::NoShow => Some(AppointmentEventKind::NoShow),
            AppointmentStatus::Booked | AppointmentStatus::Cancelled => None,
        };
        if let Some(event) = outcome {
            history.push(AppointmentEvent { event, at: Some(rfc3339(at)), by: Some("expert".into()), reason: None });
        }
    }
    Ok(MyAppointment {
        status: view.status,
        kind: view.kind,
        place: view.place,
        expert: view.expert,
        start: view.start,
        end: view.end,
        words: view.words,
        name: view.name,
        email: view.email,
        phone: view.phone,
        lang: view.lang,
        history,
        delete_after: rfc3339(row.expires_at),
    })
}

/// The rows this module's queries read, with the conversions to what the person downloads.
/// Booleans are stored as integers and read as `i64` (the Any driver does not decode booleans
/// the same way on both databases); times are Unix seconds until they become RFC 3339 here.
mod rows {
    use werkscan_core::ConsentChoices;

    use super::{ActionEntry, CampaignPart, NoteEntry, QuestionnairePart, Responsible, StatusEntry};
    use werkscan_api::expert::{StrongestSignal, SubmissionStatus};

    use crate::db::{MaybeNamed, Named};
    use crate::expert::rows::{ActionTermsRow, ChoicesRow, StatusChangeRow};
    use crate::util::rfc3339;

    /// The upload with its campaign and the practice responsible for it (`collect`).
    #[derive(Debug, sqlx::FromRow)]
    pub(super) struct UploadRow {
        /// Submission id.
        pub id: String,
        /// Department, if given.
        pub department: Option<String>,
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
        /// What the person chose to share.
        #[sqlx(flatten)]
        pub choices: ChoicesRow,
        /// Uploaded (Unix seconds).
        pub created_at: i64,
        /// Deleted at the latest (Unix seconds).
        pub expires_at: i64,
        /// The arbeidsdeskundige's status.
        #[sqlx(try_from = "String")]
        pub status: Named<SubmissionStatus>,
        /// The strongest signal of the result, if one was stored.
        #[sqlx(try_from = "Option<String>")]
        pub signal: MaybeNamed<StrongestSignal>,
        /// The campaign's values filled into the consent text (JSON), if stored.
        pub consent_values: Option<String>,
        /// The campaign's code.
        pub campaign_code: String,
        /// The campaign's name.
        pub campaign_name: String,
        /// The practice's name, if the campaign has a practice.
        pub practice_name: Option<String>,
        /// How to reach the practice.
        pub practice_contact: Option<String>,
        /// The practice's privacy officer.
        pub privacy_officer_name: Option<String>,
        /// How to reach the privacy officer.
        pub privacy_officer_contact: Option<String>,
        /// The practice's website.
        pub website: Option<String>,
        /// The practice, if the campaign has one.
        pub practice_id: Option<String>,
    }

    impl UploadRow {
        /// What was shared.
        pub fn choices(&self) -> ConsentChoices {
            ConsentChoices::from(&self.choices)
        }

        /// The campaign as the person sees it.
        pub fn campaign(&self) -> CampaignPart {
            CampaignPart { code: self.campaign_code.clone(), name: self.campaign_name.clone() }
        }

        /// The questionnaire that was filled in.
        pub fn questionnaire(&self) -> QuestionnairePart {
            QuestionnairePart {
                id: self.definition_id.clone(),
                version: self.definition_version.clone(),
                content_hash: self.content_hash.clone(),
            }
        }

        /// The practice responsible for the upload, if the campaign has one.
        pub fn responsible(&self) -> Option<Responsible> {
            self.practice_id.as_ref()?;
            Some(Responsible {
                name: self.practice_name.clone()?,
                contact: self.practice_contact.clone(),
                privacy_officer: self.privacy_officer_name.clone(),
                privacy_officer_contact: self.privacy_officer_contact.clone(),
                website: self.website.clone(),
            })
        }
    }

    impl From<StatusChangeRow> for StatusEntry {
        fn from(row: StatusChangeRow) -> Self {
            StatusEntry {
                status: row.status.0,
                at: rfc3339(row.changed_at),
                by: row.display_name,
                referred_to: row.referred_to.0,
                outcome: row.outcome.0,
                cause: row.cause.0,
            }
        }
    }

    /// A note about the person, with its author's name.
    #[derive(Debug, sqlx::FromRow)]
    pub(super) struct NoteEntryRow {
        /// The text.
        pub body: String,
        /// When (Unix seconds).
        pub created_at: i64,
        /// The author's name.
        pub display_name: String,
    }

    impl From<NoteEntryRow> for NoteEntry {
        fn from(row: NoteEntryRow) -> Self {
            NoteEntry { at: rfc3339(row.created_at), author: row.display_name, body: row.body }
        }
    }

    /// An action point agreed about the person.
    #[derive(Debug, sqlx::FromRow)]
    pub(super) struct ActionEntryRow {
        /// What was agreed.
        #[sqlx(flatten)]
        pub terms: ActionTermsRow,
        /// When it was done (Unix seconds).
        pub done_at: Option<i64>,
        /// When it was made (Unix seconds).
        pub created_at: i64,
    }

    impl From<ActionEntryRow> for ActionEntry {
        fn from(row: ActionEntryRow) -> Self {
            ActionEntry {
                created_at: rfc3339(row.created_at),
                owner: row.terms.owner.0,
                description: row.terms.description,
                due_on: row.terms.due_on,
                done_at: row.done_at.map(rfc3339),
                agreed_with_person: row.terms.agreed_with_person != 0,
            }
        }
    }

    /// What happened to an appointment the person booked (`appointment`).
    #[derive(Debug, sqlx::FromRow)]
    pub(super) struct AppointmentHistoryRow {
        /// Booked (Unix seconds).
        pub created_at: i64,
        /// The last change (Unix seconds).
        pub updated_at: i64,
        /// Cancelled (Unix seconds).
        pub cancelled_at: Option<i64>,
        /// `person` or `expert`.
        pub cancelled_by: Option<String>,
        /// The expert's reason for cancelling.
        pub cancel_reason: Option<String>,
        /// Who moved it last, if anyone.
        pub moved_by: Option<String>,
        /// The expert's reason for the move.
        pub move_reason: Option<String>,
        /// When the outcome was recorded (Unix seconds).
        pub outcome_at: Option<i64>,
        /// Deleted at the latest (Unix seconds).
        pub expires_at: i64,
    }
}

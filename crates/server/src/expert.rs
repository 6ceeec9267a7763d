//! The arbeidsdeskundige's access to what people shared (groundwork for the expert workspace).
//!
//! Only accounts with the expert role, and only for campaigns they are named in; only
//! submissions that shared scores or asked to be contacted (group-figures-only submissions are
//! for aggregates and never shown one by one); only the parts that were shared. Every read of an
//! individual submission is written to the audit log before the data is returned.

use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;
use werkscan_core::{Answers, ConsentChoices, Contact, Lang, ScanResult, ScoreResult};

use crate::auth::{CurrentUser, Role};
use crate::error::{ApiError, ApiResult};
use crate::util::{new_id, now, rfc3339};
use crate::AppState;

/// A line in the expert's list.
#[derive(Debug, Serialize)]
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
}

/// One submission, with only what was shared.
#[derive(Debug, Serialize)]
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
    /// The consent text version and language.
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
}

fn require_expert(current: &CurrentUser) -> ApiResult<()> {
    // Employers and admins get 403 on every route that returns an individual submission.
    if current.user.role != Role::Expert {
        return Err(ApiError::forbidden("forbidden", "only the campaign's arbeidsdeskundige sees individual submissions"));
    }
    Ok(())
}

/// The four consent choices of a submission row.
pub(crate) fn choices(row: &AnyRow) -> Result<ConsentChoices, sqlx::Error> {
    Ok(ConsentChoices {
        share_scores: row.try_get::<i64, _>("share_scores")? != 0,
        share_answers: row.try_get::<i64, _>("share_answers")? != 0,
        contact_me: row.try_get::<i64, _>("contact_me")? != 0,
        group_figures: row.try_get::<i64, _>("group_figures")? != 0,
    })
}

/// Writes an audit row: who did what to which submission or campaign, when.
pub(crate) async fn audit(state: &AppState, current: &CurrentUser, action: &str, submission: Option<&str>, campaign: Option<&str>) -> ApiResult<()> {
    sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, submission_id, campaign_id, detail) VALUES ($1, $2, $3, $4, $5, $6, NULL)")
        .bind(new_id())
        .bind(now())
        .bind(&current.user.id)
        .bind(action)
        .bind(submission.map(str::to_owned))
        .bind(campaign.map(str::to_owned))
        .execute(&state.db().pool)
        .await?;
    Ok(())
}

/// `FROM … WHERE` of the submissions an expert may see: those of the campaigns they receive
/// results from that shared scores or contact details. `$1` is the expert's user id. The list and
/// the detail use this one rule, so they cannot disagree on it.
macro_rules! shared_with_expert {
    ($and:literal) => {
        concat!(
            " FROM submissions s JOIN campaigns c ON c.id = s.campaign_id JOIN campaign_experts e ON e.campaign_id = s.campaign_id \
             WHERE e.user_id = $1 AND (s.share_scores = 1 OR s.contact_me = 1) ",
            $and
        )
    };
}

/// `GET /api/expert/submissions` (expert): the submissions shared with this expert, newest first.
/// 403 `forbidden` for other roles.
pub async fn list(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<SubmissionSummary>>> {
    require_expert(&current)?;
    let rows = sqlx::query(concat!(
        "SELECT s.id, s.campaign_id, c.name AS campaign_name, s.department, s.created_at, s.share_scores, s.share_answers, s.contact_me, s.group_figures",
        shared_with_expert!("ORDER BY s.created_at DESC, s.id")
    ))
    .bind(&current.user.id)
    .fetch_all(&state.db().pool)
    .await?;
    let list = rows
        .iter()
        .map(|row| {
            Ok(SubmissionSummary {
                id: row.try_get("id")?,
                campaign_id: row.try_get("campaign_id")?,
                campaign_name: row.try_get("campaign_name")?,
                department: row.try_get("department")?,
                submitted_at: rfc3339(row.try_get("created_at")?),
                shared: choices(row)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    audit(&state, &current, "list_submissions", None, None).await?;
    Ok(Json(list))
}

/// `GET /api/expert/submissions/{id}` (expert of its campaign): the shared parts of one
/// submission. Audited. 403 `forbidden` for other roles; 404 `submission_not_found` when it does
/// not exist, belongs to another expert's campaign, or shared nothing with the expert.
pub async fn detail(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<SubmissionDetail>> {
    require_expert(&current)?;
    let row = sqlx::query(concat!(
        "SELECT s.id, s.campaign_id, c.name AS campaign_name, s.department, s.created_at, s.expires_at, s.definition_id, s.definition_version, \
         s.content_hash, s.consent_version, s.consent_lang, s.share_scores, s.share_answers, s.contact_me, s.group_figures",
        shared_with_expert!("AND s.id = $2")
    ))
    .bind(&current.user.id)
    .bind(&id)
    .fetch_optional(&state.db().pool)
    .await?
    .ok_or_else(|| ApiError::not_found("submission_not_found", "no such submission shared with you"))?;
    let shared = choices(&row)?;
    let campaign_id: String = row.try_get("campaign_id")?;
    // Audit first: if the record cannot be written, nothing is shown.
    audit(&state, &current, "read_submission", Some(&id), Some(&campaign_id)).await?;

    let result = if shared.share_scores {
        let score_rows = sqlx::query(
            "SELECT score_id, value, band, answered, needed FROM submission_scores WHERE submission_id = $1 ORDER BY position",
        )
        .bind(&id)
        .fetch_all(&state.db().pool)
        .await?;
        let scores = score_rows
            .iter()
            .map(|row| {
                Ok(ScoreResult {
                    id: row.try_get("score_id")?,
                    value: row.try_get("value")?,
                    band: row.try_get("band")?,
                    answered: row.try_get::<i64, _>("answered")? as u32,
                    needed: row.try_get::<i64, _>("needed")? as u32,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let flags: Vec<String> =
            sqlx::query_scalar("SELECT flag_id FROM submission_flags WHERE submission_id = $1 ORDER BY position")
                .bind(&id)
                .fetch_all(&state.db().pool)
                .await?;
        Some(ScanResult {
            definition: row.try_get("definition_id")?,
            version: row.try_get("definition_version")?,
            content_hash: row.try_get("content_hash")?,
            scores,
            flags,
        })
    } else {
        None
    };
    let answers = if shared.share_answers {
        let json: Option<String> = sqlx::query_scalar("SELECT answers FROM submission_answers WHERE submission_id = $1")
            .bind(&id)
            .fetch_optional(&state.db().pool)
            .await?;
        json.map(|json| serde_json::from_str::<Answers>(&json)).transpose().map_err(ApiError::internal)?
    } else {
        None
    };
    let contact = if shared.contact_me {
        sqlx::query("SELECT name, email, phone, note FROM submission_contacts WHERE submission_id = $1")
            .bind(&id)
            .fetch_optional(&state.db().pool)
            .await?
            .map(|row| -> Result<Contact, sqlx::Error> {
                Ok(Contact {
                    name: row.try_get("name")?,
                    email: row.try_get("email")?,
                    phone: row.try_get("phone")?,
                    note: row.try_get("note")?,
                })
            })
            .transpose()?
    } else {
        None
    };
    let lang: String = row.try_get("consent_lang")?;
    Ok(Json(SubmissionDetail {
        id,
        campaign_id,
        campaign_name: row.try_get("campaign_name")?,
        department: row.try_get("department")?,
        submitted_at: rfc3339(row.try_get("created_at")?),
        expires_at: rfc3339(row.try_get("expires_at")?),
        consent_version: row.try_get("consent_version")?,
        lang: Lang::from_tag(&lang).unwrap_or_default(),
        shared,
        result,
        answers,
        contact,
    }))
}

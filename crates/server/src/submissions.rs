//! Uploads and their withdrawal.
//!
//! An upload is checked strictly (campaign, department, definition, then the core's
//! `check_submission`) and stored in one transaction: nothing partial is ever stored. The phone
//! gets a receipt with a withdrawal token; the server keeps only the token's SHA-256.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use werkscan_core::{check_submission, Receipt, Submission};

use crate::campaigns::for_upload;
use crate::db::Tx;
use crate::store::Pending;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::util::{new_id, new_token, now, rfc3339, sha256_hex, today};
use crate::AppState;

/// `POST /api/submissions` (public): stores what the person consented to share. 201 with the
/// [`Receipt`].
///
/// Refusals: 400 `malformed_json`/`invalid_body` (including unknown fields), 413
/// `payload_too_large`, 415 `unsupported_media_type`, 404 `campaign_not_found`, 409
/// `campaign_closed`, 422 `unknown_department`, 422 `definition_mismatch`, 422
/// `unknown_definition`, and 422 with the core's codes (`no_consent`, `answers_not_consented`,
/// `score_mismatch`, `score_out_of_range`, `wrong_band`, …; see `SubmissionError::code`).
pub async fn upload(
    State(state): State<AppState>,
    ApiJson(submission): ApiJson<Submission>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    let (campaign, department_known) = for_upload(&state, &submission.campaign, submission.department.as_deref())
        .await?
        .ok_or_else(|| ApiError::not_found("campaign_not_found", "no campaign with this code"))?;
    let day = today();
    if !campaign.is_open_on(day) {
        let when = if day < campaign.starts_on { "has not started yet" } else { "has ended" };
        return Err(ApiError::conflict("campaign_closed", format!("this campaign {when}")));
    }
    if submission.department.is_some() && !department_known {
        return Err(ApiError::unprocessable("unknown_department", "this department is not one of the campaign's"));
    }
    let wanted = &campaign.questionnaire;
    if submission.definition != wanted.id || submission.version != wanted.version || submission.content_hash != wanted.content_hash {
        return Err(ApiError::unprocessable(
            "definition_mismatch",
            format!("this campaign uses questionnaire {} version {} ({})", wanted.id, wanted.version, wanted.content_hash),
        ));
    }
    let definition = state
        .definitions()
        .by_hash(state.db(), &wanted.content_hash)
        .await?
        .ok_or_else(|| ApiError::unprocessable("unknown_definition", "the campaign's questionnaire version is not known"))?;
    check_submission(&submission, &definition)
        .map_err(|error| ApiError::unprocessable(error.code(), error.to_string()))?;
    check_contact_email(&submission)?;

    let id = new_id();
    let token = new_token();
    let created_at = now();
    let shared = submission.consent.choices;
    let pending = Pending {
        id: id.clone(),
        campaign_id: campaign.id.clone(),
        submission,
        withdrawal_hash: sha256_hex(&token),
        created_at,
        expires_at: campaign.expires_at(),
    };
    state.store().write(pending).await.map_err(ApiError::internal)?;
    let receipt = Receipt { submission_id: id, withdrawal_token: token, campaign: campaign.code, submitted_at: rfc3339(created_at), shared };
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// Optional body of a withdrawal, for clients that cannot set an `Authorization` header.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawBody {
    /// The withdrawal token from the receipt.
    pub withdrawal_token: String,
}

/// The answer to a withdrawal.
#[derive(Debug, Serialize)]
pub struct Withdrawn {
    /// The submission that was deleted.
    pub submission_id: String,
    /// Always true: everything derived from it is deleted too.
    pub deleted: bool,
    /// When (RFC 3339).
    pub deleted_at: String,
}

/// `DELETE /api/submissions/{id}` with `Authorization: Bearer <token>` (or a JSON body
/// `{"withdrawal_token": "..."}`): deletes the submission and everything derived from it.
///
/// 404 `submission_not_found` for a wrong token, an unknown id, or one already deleted — the
/// same answer for all three, so the endpoint does not reveal which ids exist.
pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> ApiResult<Json<Withdrawn>> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(|token| token.trim().to_owned());
    let token = match bearer {
        Some(token) => token,
        None if !body.is_empty() => {
            let parsed: WithdrawBody = serde_json::from_slice(&body)
                .map_err(|_| ApiError::bad_request("invalid_body", "send {\"withdrawal_token\": \"...\"}"))?;
            parsed.withdrawal_token
        }
        None => {
            return Err(ApiError::unauthorized("withdrawal_token_missing", "send the withdrawal token from the receipt"))
        }
    };
    let not_found = || ApiError::not_found("submission_not_found", "no submission with this id and token; it may already be deleted");
    let mut write = state.db().begin_write().await?;
    let outcome: ApiResult<()> = async {
        // Deleting the submission row first both checks the token and takes the write lock.
        let deleted = sqlx::query("DELETE FROM submissions WHERE id = $1 AND withdrawal_hash = $2")
            .bind(&id)
            .bind(sha256_hex(&token))
            .execute(&mut *write.tx)
            .await?;
        if deleted.rows_affected() == 0 {
            return Err(not_found());
        }
        Ok(delete_derived(&mut write.tx, &id).await?)
    }
    .await;
    write.finish(outcome).await?;
    Ok(Json(Withdrawn { submission_id: id, deleted: true, deleted_at: rfc3339(now()) }))
}

/// Deletes everything derived from a submission (its row is deleted by the caller). Explicit
/// rather than left to `ON DELETE CASCADE`, so it does not depend on SQLite's foreign key
/// setting; audit rows stay (who read what, when) but lose their detail.
pub async fn delete_derived(tx: &mut Tx, id: &str) -> Result<(), sqlx::Error> {
    for sql in [
        "DELETE FROM submission_scores WHERE submission_id = $1",
        "DELETE FROM submission_flags WHERE submission_id = $1",
        "DELETE FROM submission_answers WHERE submission_id = $1",
        "DELETE FROM submission_contacts WHERE submission_id = $1",
        "UPDATE audit_log SET detail = NULL WHERE submission_id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// The e-mail address in contact details must be one the expert can write to: checked with
/// `validator` (the core checks presence and lengths, which the browser needs too).
fn check_contact_email(submission: &Submission) -> ApiResult<()> {
    #[derive(validator::Validate)]
    struct ContactEmail<'a> {
        #[validate(email)]
        email: &'a str,
    }
    let email = submission.contact.as_ref().and_then(|contact| contact.email.as_deref()).map(str::trim);
    match email.filter(|email| !email.is_empty()) {
        Some(email) if validator::Validate::validate(&ContactEmail { email }).is_err() => {
            Err(ApiError::unprocessable("contact_invalid", "the e-mail address is not valid"))
        }
        _ => Ok(()),
    }
}

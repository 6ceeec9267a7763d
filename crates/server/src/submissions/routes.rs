//! Uploads and their withdrawal.
//!
//! An upload is checked strictly (campaign, department, definition, then the core's
//! `check_submission`, then the consent's campaign values against the campaign) and stored in one
//! transaction: nothing partial is ever stored. The phone gets a receipt with a withdrawal token
//! and the withdrawal code derived from it; the server keeps only their SHA-256. Withdrawal works
//! with the token (the phone) or the code (any device, rate-limited for wrong codes).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use werkscan_core::{check_submission, withdrawal_code, Receipt, Submission};

use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientIp};
use crate::models::campaign::consent_values_with;
use crate::models::campaign::{campaign_columns, Campaign};
use crate::submissions::rows::{ForUploadRow, ReplayRow, WithdrawnRow};
use crate::submissions::store::Pending;
use crate::util::{new_id, new_token, now, rfc3339, sha256_hex, today};
use crate::AppState;

pub use werkscan_api::submissions::{CodeBody, WithdrawBody, Withdrawn};

/// The header that carries an upload's key.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// `POST /api/submissions` (public): stores what the person consented to share. 201 with the
/// [`Receipt`].
///
/// The phone chooses the upload's key (`Idempotency-Key`: 64 hex characters, 256 random bits)
/// and keeps it with the queued upload. The key is the withdrawal token: the server stores only
/// its hash. Sending the same upload again with the same key (its answer was lost) returns the
/// first receipt (201, `Idempotent-Replayed: true`) instead of storing a copy nobody could
/// withdraw. Without the header the server chooses the token (older phones).
///
/// Refusals: 400 `malformed_json`/`invalid_body` (including unknown fields),
/// `invalid_idempotency_key`, 413 `payload_too_large`, 415 `unsupported_media_type`, 404
/// `campaign_not_found`, 409 `campaign_closed`, 409 `idempotency_key_reused` (the key came with
/// another upload), 410 `upload_withdrawn` (this key's upload was withdrawn), 422
/// `unknown_department`, 422 `definition_mismatch`, 422 `unknown_definition`, 422 with the core's
/// codes (`no_consent`, `consent_version_unknown`, `consent_values_mismatch`,
/// `answers_not_consented`, `score_mismatch`, `result_empty`, …; see `SubmissionError::code`),
/// 409 `consent_outdated` (the campaign's values in the consent text are no longer the
/// campaign's: an extension moved the deletion date, say, or an expert's account was
/// deactivated; the phone shows the text again), 409 `no_active_expert` (scores, answers or
/// contact details shared while none of the campaign's experts has an active account), and
/// 429 `too_many_uploads` beyond
/// [`Config::uploads_per_address`](crate::Config) per address and campaign.
pub async fn upload(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(mut submission): ApiJson<Submission>,
) -> ApiResult<Response> {
    let key = idempotency_key(&headers)?;
    // The personal invitation's token is taken out before anything else: the upload keeps no
    // trace of it, not even inside the hash that tells a retry from another upload.
    let invitation_token = submission.invitation.take();
    let request_hash = sha256_hex(&serde_json::to_string(&submission).map_err(ApiError::internal)?);
    if let Some(key) = &key {
        if let Some(replay) = replay(&state, key, &request_hash).await? {
            return Ok(replay);
        }
    }
    let limit = upload_limit(&state, &submission.campaign, &ip);
    let found = for_upload(&state, &submission.campaign, submission.department.as_deref(), &limit).await?;
    // An address at its limit costs no checking (the limit itself is kept where uploads are
    // written). Without a campaign its address can have had no upload accepted under this code.
    if found.as_ref().is_some_and(|found| found.recent_uploads >= limit.most) {
        return Err(too_many_uploads(&state));
    }
    let ForUpload { campaign, department_known, active_experts, .. } =
        found.ok_or_else(|| ApiError::not_found("campaign_not_found", "no campaign with this code"))?;
    let day = today();
    if !campaign.is_open_on(day) {
        let when = if day < campaign.starts_on { "has not started yet" } else { "has ended" };
        return Err(ApiError::conflict("campaign_closed", format!("this campaign {when}")));
    }
    if submission.department.is_some() && !department_known {
        return Err(ApiError::unprocessable("unknown_department", "this department is not one of the campaign's"));
    }
    let invitation =
        invitation_of(&state, &campaign, invitation_token.as_deref(), submission.department.as_deref()).await?;
    let wanted = &campaign.questionnaire;
    if submission.definition != wanted.id
        || submission.version != wanted.version
        || submission.content_hash != wanted.content_hash
    {
        return Err(ApiError::unprocessable(
            "definition_mismatch",
            format!(
                "this campaign uses questionnaire {} version {} ({})",
                wanted.id, wanted.version, wanted.content_hash
            ),
        ));
    }
    let definition = state.definitions().by_hash(state.db(), &wanted.content_hash).await?.ok_or_else(|| {
        ApiError::unprocessable("unknown_definition", "the campaign's questionnaire version is not known")
    })?;
    // A phone that queued its upload under an earlier consent text sends what that app version
    // built: trimmed to what the current rules send, rather than lost or kept beyond them.
    werkscan_core::submission::minimise_earlier(&mut submission, &definition);
    check_submission(&submission, &definition)
        .map_err(|error| ApiError::unprocessable(error.code(), error.to_string()))?;
    check_contact_email(&submission)?;
    // Shared with an expert only while the campaign has one who can read it; checked before the
    // consent's values, so a phone showing a deactivated expert's name hears why.
    let choices = &submission.consent.choices;
    if (choices.share_scores || choices.share_answers || choices.contact_me) && active_experts.is_empty() {
        return Err(ApiError::conflict(
            "no_active_expert",
            "this campaign has no arbeidsdeskundige now, so nothing can be shared with one; group figures only are still possible",
        ));
    }
    // The words the person read must be this campaign's words now. Once stored, they stay what
    // they were: a later change to the campaign does not rewrite an upload's consent.
    if let Some(values) = &submission.consent.values {
        if *values != consent_values_with(&campaign, active_experts) {
            return Err(ApiError::conflict(
                "consent_outdated",
                "the campaign's details in the consent text changed after it was shown; show the consent text again",
            ));
        }
    }
    let consent_values = match &submission.consent.values {
        Some(values) => Some(serde_json::to_string(values).map_err(ApiError::internal)?),
        None => None,
    };

    let id = new_id();
    let token = key.clone().unwrap_or_else(new_token);
    let code = withdrawal_code::for_token(&token);
    let created_at = now();
    let shared = submission.consent.choices;
    let signal = submission.result.as_ref().map(|result| signal_of(result, &definition).to_owned());
    let contribution = submission
        .result
        .as_ref()
        .filter(|_| submission.consent.choices.group_figures)
        .map(|result| crate::releases::figures::contribution(&definition, result));
    let pending = Pending {
        id: id.clone(),
        campaign_id: campaign.id.clone(),
        signal,
        contribution,
        origin_bucket: origin_bucket(&campaign.id, &ip),
        submission,
        withdrawal_hash: sha256_hex(&token),
        withdrawal_code_hash: sha256_hex(&code),
        consent_values,
        request_hash: request_hash.clone(),
        created_at,
        expires_at: campaign.expires_at(),
        limit: Some(limit),
        invitation,
    };
    if let Err(error) = state.store().write(pending).await {
        if error == crate::submissions::store::NotWritten::TooMany {
            return Err(too_many_uploads(&state));
        }
        if error == crate::submissions::store::NotWritten::InvitationUsed {
            // The same upload sent twice at once (a retry racing its original) used the
            // invitation with its twin: the twin's receipt is this one's answer.
            if let Some(key) = &key {
                if let Some(replay) = replay(&state, key, &request_hash).await? {
                    return Ok(replay);
                }
            }
            return Err(invitation_used());
        }
        // The same key sent twice at once: one of them was stored, the other failed on the
        // key's uniqueness and answers with the stored one's receipt.
        if let Some(key) = &key {
            if let Some(replay) = replay(&state, key, &request_hash).await? {
                return Ok(replay);
            }
        }
        return Err(ApiError::internal(error));
    }
    let receipt = Receipt {
        submission_id: id,
        withdrawal_token: token,
        withdrawal_code: Some(code),
        campaign: campaign.code,
        submitted_at: rfc3339(created_at),
        shared,
    };
    Ok((StatusCode::CREATED, Json(receipt)).into_response())
}

fn invitation_used() -> ApiError {
    ApiError::conflict(
        "invitation_used",
        "an upload was made with this personal invitation already; if that was not you, tell the practice",
    )
}

/// The personal invitation an upload uses, checked: none for a campaign with an open link (422
/// `invitation_not_expected` if one came), and for one with personal invitations a token of
/// this campaign (403 `invitation_required`, 403 `invitation_unknown`) that was not used (409
/// `invitation_used`), with no department other than the invitation's (422
/// `department_not_invited`).
async fn invitation_of(
    state: &AppState,
    campaign: &crate::models::campaign::Campaign,
    token: Option<&str>,
    department: Option<&str>,
) -> ApiResult<Option<String>> {
    use crate::models::invitation::Mode;
    match (campaign.mode, token) {
        (Mode::Open, None) => Ok(None),
        (Mode::Open, Some(_)) => Err(ApiError::unprocessable(
            "invitation_not_expected",
            "this campaign has an open link and takes no personal invitation",
        )),
        (Mode::Personal, None) => Err(ApiError::forbidden(
            "invitation_required",
            "this campaign takes part through personal invitations: share with the link from your invitation",
        )),
        (Mode::Personal, Some(token)) => {
            let opened =
                crate::models::invitation::opened(state.db(), &campaign.id, token).await?.ok_or_else(|| {
                    ApiError::forbidden("invitation_unknown", "this personal link is not one of the campaign's")
                })?;
            if opened.used {
                return Err(invitation_used());
            }
            if department.is_some_and(|name| name != opened.department) {
                return Err(ApiError::unprocessable(
                    "department_not_invited",
                    "the department must be the one of your invitation",
                ));
            }
            Ok(Some(opened.id))
        }
    }
}

/// The upload key from the `Idempotency-Key` header: 64 hexadecimal characters (256 random bits,
/// since it is also the withdrawal token), lower-cased; `None` without the header.
fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else { return Ok(None) };
    let key = value.to_str().unwrap_or_default().trim().to_ascii_lowercase();
    if key.len() != 64 || !key.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return Err(ApiError::bad_request(
            "invalid_idempotency_key",
            "Idempotency-Key must be 64 hexadecimal characters (256 random bits)",
        ));
    }
    Ok(Some(key))
}

/// The first receipt for an upload key that was used before; 409 when the key came with other
/// content, 410 when its upload was withdrawn.
async fn replay(state: &AppState, key: &str, request_hash: &str) -> ApiResult<Option<Response>> {
    let key_hash = sha256_hex(key);
    let row = sqlx::query_as::<_, ReplayRow>(
        "SELECT s.id, s.request_hash, s.created_at, s.share_scores, s.share_answers, s.contact_me, s.group_figures, s.withdrawal_code_hash, c.code \
         FROM submissions s JOIN campaigns c ON c.id = s.campaign_id WHERE s.withdrawal_hash = $1",
    )
    .bind(&key_hash)
    .fetch_optional(&state.db().pool)
    .await?;
    let Some(row) = row else {
        let withdrawn: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM withdrawn_uploads WHERE key_hash = $1")
            .bind(&key_hash)
            .fetch_one(&state.db().pool)
            .await?;
        if withdrawn > 0 {
            return Err(ApiError::new(StatusCode::GONE, "upload_withdrawn", "the upload with this key was withdrawn"));
        }
        return Ok(None);
    };
    if row.request_hash.as_deref() != Some(request_hash) {
        return Err(ApiError::conflict("idempotency_key_reused", "this Idempotency-Key was used for another upload"));
    }
    // An upload stored before withdrawal codes existed has none that would work.
    let has_code = row.withdrawal_code_hash.is_some();
    let receipt = Receipt {
        shared: row.shared(),
        submission_id: row.id,
        withdrawal_token: key.to_owned(),
        withdrawal_code: has_code.then(|| withdrawal_code::for_token(key)),
        campaign: row.code,
        submitted_at: rfc3339(row.created_at),
    };
    let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
    response.headers_mut().insert("idempotent-replayed", axum::http::HeaderValue::from_static("true"));
    Ok(Some(response))
}

/// The limit of [`Config::uploads_per_address`](crate::Config) accepted uploads per address and
/// campaign within the upload window. Only accepted uploads count (the store records one where
/// it writes the upload): a refused upload from an office address must neither block a
/// colleague's upload nor, by when the refusals turn into 429s, tell how many colleagues
/// uploaded.
fn upload_limit(state: &AppState, campaign_code: &str, ip: &str) -> crate::submissions::store::UploadLimit {
    let config = state.config();
    crate::submissions::store::UploadLimit {
        key_hash: sha256_hex(&format!("upload|{}|{ip}", campaign_code.trim().to_uppercase())),
        since: now() - config.upload_window_seconds,
        most: config.uploads_per_address,
    }
}

/// 429 `too_many_uploads` with `Retry-After` (the upload window).
fn too_many_uploads(state: &AppState) -> ApiError {
    let mut error = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_uploads",
        "too many uploads from this address; try again later",
    );
    error.retry_after = Some(state.config().upload_window_seconds.max(0) as u64);
    error
}

/// The strongest signal of a result, for the experts' inbox: `attention` when a flag was raised
/// or a shown score is in an attention band, else `watch` or `good` by the strongest band, else
/// `none`. The report uses the same core rule.
pub fn signal_of(result: &werkscan_core::ScanResult, definition: &werkscan_core::Definition) -> &'static str {
    use werkscan_core::model::Signal;
    if !result.flags.is_empty() {
        return "attention";
    }
    match result.strongest_signal(definition) {
        Some(Signal::Attention) => "attention",
        Some(Signal::Watch) => "watch",
        Some(Signal::Good) => "good",
        None => "none",
    }
}

/// 16 bits of a hash of the campaign and the uploading address. A group-figures release sees many
/// uploads from one address as many uploads in one bucket; from the bucket alone the address
/// cannot be told apart from 65,535 out of every 65,536 others.
pub fn origin_bucket(campaign_id: &str, ip: &str) -> i64 {
    let hash = sha256_hex(&format!("{campaign_id}|{ip}"));
    i64::from_str_radix(&hash[..4], 16).unwrap_or_default()
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
            return Err(ApiError::unauthorized(
                "withdrawal_token_missing",
                "send the withdrawal token from the receipt",
            ))
        }
    };
    match delete_submission(&state, Proof::Token { id: &id, token_hash: sha256_hex(&token) }).await? {
        Some(id) => Ok(Json(Withdrawn { submission_id: id, deleted: true, deleted_at: rfc3339(now()) })),
        None => Err(ApiError::not_found(
            "submission_not_found",
            "no submission with this id and token; it may already be deleted",
        )),
    }
}

/// `POST /api/withdrawals` with `{"code": "ABCD-EFGH-JKLM-NPQR"}` (public): withdraws the upload
/// this code belongs to, from any device, like the phone's withdrawal with the token.
///
/// 422 `invalid_withdrawal_code` when the text cannot be a code (not counted: it reveals
/// nothing); 404 `withdrawal_code_not_found` for a code no upload has (never stored, already
/// withdrawn, or past the retention period); 429 `too_many_wrong_codes` with `Retry-After` while
/// the address waits after its wrong codes (see [`crate::submissions::limits::code_wait_seconds`]).
pub async fn withdraw_by_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<CodeBody>,
) -> ApiResult<Json<Withdrawn>> {
    let code = withdrawal_code::normalise(&body.code).ok_or_else(|| {
        ApiError::unprocessable(
            "invalid_withdrawal_code",
            "a withdrawal code has 16 letters and digits, like ABCD-EFGH-JKLM-NPQR",
        )
    })?;
    // Recorded as wrong before the look-up, so that many guesses at once are all counted; a right
    // code takes back its own attempt only.
    let attempt = crate::submissions::limits::record_code_attempt(&state, &ip).await?;
    match delete_submission(&state, Proof::Code { code_hash: sha256_hex(&code) }).await? {
        Some(id) => {
            attempt.was_right(&state).await?;
            Ok(Json(Withdrawn { submission_id: id, deleted: true, deleted_at: rfc3339(now()) }))
        }
        None => Err(ApiError::not_found(
            "withdrawal_code_not_found",
            "no upload has this withdrawal code; it may already be deleted",
        )),
    }
}

/// What authorises a withdrawal.
enum Proof<'a> {
    /// The submission's id and the hash of the token from the receipt.
    Token { id: &'a str, token_hash: String },
    /// The hash of the withdrawal code.
    Code { code_hash: String },
}

/// Deletes the submission the proof belongs to and everything derived from it, in one write
/// transaction, remembers its key so a late repeat of the upload is not stored again, and scrubs
/// SQLite's files. The deleted submission's id, or `None` when the proof fits none.
async fn delete_submission(state: &AppState, proof: Proof<'_>) -> ApiResult<Option<String>> {
    let mut write = state.db().begin_write().await?;
    let outcome: ApiResult<Option<String>> = async {
        // A write that matches only with the right proof comes first: it checks the proof and
        // takes the write lock, while the scores are still there for the group figures' sums
        // (deleting the row would cascade to them at once).
        const FOUND: &str = "RETURNING id, withdrawal_hash, expires_at, campaign_id, department, group_figures";
        let query = match &proof {
            Proof::Token { id, token_hash } => sqlx::query_as::<_, WithdrawnRow>(sqlx::AssertSqlSafe(format!(
                "UPDATE submissions SET status = status WHERE id = $1 AND withdrawal_hash = $2 {FOUND}"
            )))
            .bind(id.to_string())
            .bind(token_hash.clone()),
            Proof::Code { code_hash } => sqlx::query_as::<_, WithdrawnRow>(sqlx::AssertSqlSafe(format!(
                "UPDATE submissions SET status = status WHERE withdrawal_code_hash = $1 {FOUND}"
            )))
            .bind(code_hash.clone()),
        };
        let Some(row) = query.fetch_optional(&mut *write.tx).await? else { return Ok(None) };
        let WithdrawnRow { upload, withdrawal_hash: key_hash, expires_at } = row;
        let id = upload.id;
        if upload.group_figures != 0 {
            // Out of any unpublished draft before anyone sees it; a published release holds
            // only aggregates and stays as it is (see `releases`).
            crate::releases::routes::forget_upload(
                &mut write.tx,
                &upload.campaign_id,
                upload.department.as_deref(),
                &id,
            )
            .await?;
        }
        sqlx::query("DELETE FROM submissions WHERE id = $1").bind(&id).execute(&mut *write.tx).await?;
        // A late repeat of this upload (its answer was lost on the way) must not bring it back.
        sqlx::query("INSERT INTO withdrawn_uploads (key_hash, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(&key_hash)
            .bind(expires_at)
            .execute(&mut *write.tx)
            .await?;
        delete_derived(&mut write.tx, &id).await?;
        Ok(Some(id))
    }
    .await;
    let deleted = write.finish(outcome).await?;
    if deleted.is_some() {
        state.db().scrub().await?;
    }
    Ok(deleted)
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
        // An appointment linked to it stays (the person booked it), but no longer points to it.
        "UPDATE appointments SET submission_id = NULL WHERE submission_id = $1",
        // The expert's notes, action points and status go with the person.
        "DELETE FROM notes WHERE submission_id = $1",
        "DELETE FROM action_points WHERE submission_id = $1",
        "DELETE FROM status_changes WHERE submission_id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// The e-mail address in contact details must be one the expert can write to (the core checks
/// presence and lengths, which the browser needs too).
fn check_contact_email(submission: &Submission) -> ApiResult<()> {
    let email = submission.contact.as_ref().and_then(|contact| contact.email.as_deref()).map(str::trim);
    match email.filter(|email| !email.is_empty()) {
        Some(email) => check_email(email),
        None => Ok(()),
    }
}

/// Refuses (422 `contact_invalid`) an e-mail address one cannot write to, checked with `validator`.
pub fn check_email(email: &str) -> ApiResult<()> {
    #[derive(validator::Validate)]
    struct Address<'a> {
        #[validate(email)]
        email: &'a str,
    }
    if validator::Validate::validate(&Address { email }).is_err() {
        return Err(ApiError::unprocessable("contact_invalid", "the e-mail address is not valid"));
    }
    Ok(())
}

/// What an upload is checked against, read in one statement: the campaign with this code,
/// whether `department` is one of its departments, how many uploads its address had accepted
/// under `limit` (at most `limit.most`), and the names of its active arbeidsdeskundigen (as
/// [`active_expert_names`] reads them: the consent text names them, and sharing needs one).
/// One round trip instead of four, from one snapshot of the database.
pub async fn for_upload(
    state: &AppState,
    code: &str,
    department: Option<&str>,
    limit: &crate::submissions::store::UploadLimit,
) -> ApiResult<Option<ForUpload>> {
    let mut rows = sqlx::query_as::<_, ForUploadRow>(concat!(
        "SELECT ",
        campaign_columns!(),
        ", (SELECT COUNT(*) FROM campaign_departments d WHERE d.campaign_id = campaigns.id AND d.name = $2) AS department_known, \
         (SELECT COUNT(*) FROM (SELECT 1 FROM rate_attempts WHERE key_hash = $3 AND at > $4 LIMIT $5) recent) AS recent_uploads, \
         experts.display_name AS expert_name \
         FROM campaigns LEFT JOIN (SELECT e.campaign_id AS expert_campaign, u.display_name FROM practice_campaign_experts e \
         JOIN users u ON u.id = e.user_id WHERE u.active = 1) experts ON experts.expert_campaign = campaigns.id \
         WHERE code = $1 ORDER BY experts.display_name"
    ))
    .bind(code.trim().to_uppercase())
    .bind(department.unwrap_or_default().to_owned())
    .bind(&limit.key_hash)
    .bind(limit.since)
    .bind(limit.most)
    .fetch_all(&state.db().pool)
    .await?;
    let active_experts = rows.iter_mut().filter_map(|row| row.expert_name.take()).collect();
    let Some(first) = rows.into_iter().next() else { return Ok(None) };
    Ok(Some(ForUpload {
        department_known: first.department_known > 0,
        recent_uploads: first.recent_uploads,
        campaign: Campaign::try_from(first.campaign)?,
        active_experts,
    }))
}

/// What [`for_upload`] read.
#[derive(Debug)]
pub struct ForUpload {
    /// The campaign.
    pub campaign: Campaign,
    /// Whether the department asked about is one of the campaign's.
    pub department_known: bool,
    /// Uploads accepted from the address within the limit's window (at most the limit).
    pub recent_uploads: i64,
    /// The names of the campaign's active arbeidsdeskundigen, in order.
    pub active_experts: Vec<String>,
}

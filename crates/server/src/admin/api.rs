//! The platform admin's API: organisations, accounts, loaded questionnaire versions, and the
//! audit log. Admins never see a person's result (the expert routes refuse them).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{create_org, create_user, generate_password, link_expert, NewUser};
use crate::accounts::auth::{CurrentUser, Role};
use crate::accounts::password_links::{self, Purpose, Recipient};
use crate::admin::rows::*;
use crate::audit::{audit_entries, AuditEntry, AuditRow, AUDIT_ROWS};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::util::{new_id, now, rfc3339};
use crate::AppState;

pub use werkscan_api::admin::{
    Account, AuditQuery, Link, LinkSent, LoadedVersion, NewAccount, NewOrganisation, Organisation,
};

/// Writes an admin's action to the audit log; `detail` names the account or organisation.
async fn audit(state: &AppState, current: &CurrentUser, action: &str, detail: &str) -> ApiResult<()> {
    sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, detail) VALUES ($1, $2, $3, $4, $5)")
        .bind(new_id())
        .bind(now())
        .bind(&current.user.id)
        .bind(action)
        .bind(detail)
        .execute(&state.db().pool)
        .await?;
    Ok(())
}

/// `GET /api/admin/organisations` (admin).
pub async fn organisations(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<Organisation>>> {
    current.require(Role::Admin)?;
    let rows = sqlx::query_as::<_, OrganisationRow>("SELECT id, name, created_at FROM organisations ORDER BY name")
        .fetch_all(&state.db().pool)
        .await?;
    let links = sqlx::query_as::<_, OrganisationExpertRow>(
        "SELECT o.org_id, u.id, u.display_name FROM organisation_experts o JOIN users u ON u.id = o.user_id ORDER BY u.display_name",
    )
    .fetch_all(&state.db().pool)
    .await?;
    let practice_links = sqlx::query_as::<_, OrganisationPracticeRow>(
        "SELECT l.org_id, p.id, p.name FROM practice_organisations l JOIN practices p ON p.id = l.practice_id ORDER BY p.name, p.id",
    )
    .fetch_all(&state.db().pool)
    .await?;
    let mut list = Vec::new();
    for row in rows {
        let practices = practice_links.iter().filter(|link| link.org_id == row.id).map(Into::into).collect();
        let experts = links.iter().filter(|link| link.org_id == row.id).map(Into::into).collect();
        list.push(Organisation { id: row.id, name: row.name, created_at: rfc3339(row.created_at), experts, practices });
    }
    Ok(Json(list))
}

/// `POST /api/admin/organisations` (admin): creates an organisation. 201; 422 `invalid_name`,
/// 409 `name_taken`.
pub async fn add_organisation(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<NewOrganisation>,
) -> ApiResult<StatusCode> {
    current.require(Role::Admin)?;
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 200 || werkscan_core::text::forbidden_character(name, false).is_some()
    {
        return Err(ApiError::unprocessable(
            "invalid_name",
            "the name must have 1 to 200 characters, without control characters",
        ));
    }
    if super::find_org(state.db(), name).await?.is_some() {
        return Err(ApiError::conflict("name_taken", "an organisation with this name exists"));
    }
    let id = create_org(state.db(), name).await.map_err(ApiError::internal)?;
    audit(&state, &current, "create_organisation", &id).await?;
    Ok(StatusCode::CREATED)
}

/// `POST /api/admin/organisations/{id}/experts` (admin): links an arbeidsdeskundige to an
/// organisation. 204; 404 `organisation_not_found`; 422 `not_an_expert`.
pub async fn link(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(org): Path<String>,
    ApiJson(body): ApiJson<Link>,
) -> ApiResult<StatusCode> {
    current.require(Role::Admin)?;
    if crate::accounts::auth::org_ref(&state, &org).await?.is_none() {
        return Err(ApiError::not_found("organisation_not_found", "no such organisation"));
    }
    link_expert(state.db(), &org, &body.user_id)
        .await
        .map_err(|message| ApiError::unprocessable("not_an_expert", message))?;
    audit(&state, &current, "link_expert", &body.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/admin/users` (admin): every account.
pub async fn users(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<Account>>> {
    current.require(Role::Admin)?;
    let rows = sqlx::query_as::<_, AccountRow>(
        "SELECT id, email, display_name, role, org_id, practice_id, active, totp_enabled_at, must_change_password, created_at FROM users ORDER BY email",
    )
    .fetch_all(&state.db().pool)
    .await?;
    let list = rows.into_iter().map(Account::try_from).collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(list))
}

/// Sends an account a one-time link to choose a password, and audits the request.
pub(crate) async fn send_link(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
    purpose: Purpose,
    action: &str,
) -> ApiResult<LinkSent> {
    let row = sqlx::query_as::<_, RecipientRow>("SELECT email, display_name FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&state.db().pool)
        .await?;
    let recipient = Recipient { user_id: id.to_owned(), email: row.email, display_name: row.display_name };
    let mut write = state.db().begin_write().await?;
    let outcome: Result<i64, sqlx::Error> = async {
        let expires_at =
            password_links::send(&mut write.tx, &state.config().base_url, &recipient, purpose, Some(&current.user.id))
                .await?;
        sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(now())
            .bind(&current.user.id)
            .bind(action)
            .bind(id)
            .execute(&mut *write.tx)
            .await?;
        Ok(expires_at)
    }
    .await;
    let expires_at = write.finish(outcome).await?;
    Ok(LinkSent { user_id: id.to_owned(), link_sent_to: recipient.email, link_expires_at: rfc3339(expires_at) })
}

/// `POST /api/admin/users` (admin): creates an account and sends it a one-time link to choose
/// its password (nobody, the admin included, knows a password of it until then). 201
/// `LinkSent`; 422 `invalid_account` (with the reason), 409 `email_taken`.
pub async fn add_user(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<NewAccount>,
) -> ApiResult<(StatusCode, Json<LinkSent>)> {
    current.require(Role::Admin)?;
    Ok((StatusCode::CREATED, Json(create_with_link(&state, &current, body).await?)))
}

/// Creates an account from `body` with a password nobody is told, and sends it a one-time
/// link to choose one (the platform admin's and the practice admin's way to add an account;
/// the caller has checked that `current` may create this one). Audited as `create_user`.
pub(crate) async fn create_with_link(state: &AppState, current: &CurrentUser, body: NewAccount) -> ApiResult<LinkSent> {
    if super::find_user(state.db(), &body.email).await?.is_some() {
        return Err(ApiError::conflict("email_taken", "an account with this e-mail address exists"));
    }
    if werkscan_core::text::forbidden_character(&body.display_name, false).is_some()
        || body.display_name.chars().count() > 200
    {
        return Err(ApiError::unprocessable("invalid_account", "the name is too long or contains a control character"));
    }
    crate::submissions::routes::check_email(body.email.trim())
        .map_err(|_| ApiError::unprocessable("invalid_account", "the e-mail address is not valid"))?;
    // A password nobody is told: the account can only be used once its owner chose one.
    let user = NewUser {
        org_id: body.org_id.clone(),
        practice_id: body.practice_id.clone(),
        role: body.role,
        email: body.email.clone(),
        display_name: body.display_name.clone(),
        password: generate_password(),
    };
    let id = create_user(state.db(), user, state.config().password_cost)
        .await
        .map_err(|message| ApiError::unprocessable("invalid_account", message))?;
    send_link(state, current, &id, Purpose::Welcome, "create_user").await
}

async fn end_sessions(state: &AppState, user: &str) -> ApiResult<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(&state.db().pool).await?;
    Ok(())
}

async fn existing(state: &AppState, id: &str) -> ApiResult<()> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE id = $1").bind(id).fetch_optional(&state.db().pool).await?;
    found.map(|_| ()).ok_or_else(|| ApiError::not_found("user_not_found", "no such account"))
}

/// `POST /api/admin/users/{id}/deactivate` (admin): the account can no longer log in; its
/// sessions end. 204; 409 `own_account` (an admin cannot lock themselves out).
pub async fn deactivate(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    current.require(Role::Admin)?;
    existing(&state, &id).await?;
    if id == current.user.id {
        return Err(ApiError::conflict("own_account", "you cannot deactivate your own account"));
    }
    sqlx::query("UPDATE users SET active = 0 WHERE id = $1").bind(&id).execute(&state.db().pool).await?;
    end_sessions(&state, &id).await?;
    audit(&state, &current, "deactivate_user", &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/admin/users/{id}/activate` (admin): the account can log in again. 204.
pub async fn activate(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    current.require(Role::Admin)?;
    existing(&state, &id).await?;
    sqlx::query("UPDATE users SET active = 1 WHERE id = $1").bind(&id).execute(&state.db().pool).await?;
    audit(&state, &current, "activate_user", &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/admin/users/{id}/reset-password` (admin): sends the account a one-time link to
/// choose a new password, to its own address. The password stays as it is until the link is
/// used (then the account's sessions end): the admin can neither learn nor set it, nor lock
/// the person out. 200 `LinkSent`; 404 `user_not_found`.
pub async fn reset_password(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<LinkSent>> {
    current.require(Role::Admin)?;
    existing(&state, &id).await?;
    Ok(Json(send_link(&state, &current, &id, Purpose::Reset, "reset_password").await?))
}

/// `POST /api/admin/users/{id}/reset-second-factor` (admin): removes the account's second
/// factor and recovery codes (a lost phone); they set up a new one at the next login. 204.
pub async fn reset_second_factor(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    current.require(Role::Admin)?;
    existing(&state, &id).await?;
    sqlx::query("UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1")
        .bind(&id)
        .execute(&state.db().pool)
        .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(&id).execute(&state.db().pool).await?;
    end_sessions(&state, &id).await?;
    audit(&state, &current, "reset_second_factor", &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/admin/definitions` (admin): every questionnaire version ever read from files or
/// published, by id, the most recently introduced first, with its licence and source.
pub async fn definitions(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<LoadedVersion>>> {
    current.require(Role::Admin)?;
    let list = crate::author::summaries(&state)
        .await?
        .into_values()
        .flatten()
        .map(|version| LoadedVersion {
            id: version.id,
            version: version.version,
            content_hash: version.content_hash,
            first_loaded_at: version.introduced_at,
            current: version.current,
            licence: version.licence,
            source: version.source,
        })
        .collect();
    Ok(Json(list))
}

/// `GET /api/admin/audit?account=&action=&from=&to=` (admin): the audit log, newest first (the
/// last 1,000 that match), each row with what it concerned by name.
pub async fn audit_log(
    State(state): State<AppState>,
    current: CurrentUser,
    crate::extract::ApiQuery(query): crate::extract::ApiQuery<AuditQuery>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    current.require(Role::Admin)?;
    let day = |date: chrono::NaiveDate| date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
    let from = query.from.map_or(i64::MIN, day);
    let to = query.to.and_then(|date| date.succ_opt()).map_or(i64::MAX, day);
    let rows = sqlx::query_as::<_, AuditRow>(sqlx::AssertSqlSafe(format!(
        "{AUDIT_ROWS} WHERE ($1 = '' OR LOWER(u.email) LIKE $2 OR LOWER(u.display_name) LIKE $2 OR LOWER(t.email) LIKE $2 OR LOWER(t.display_name) LIKE $2) \
         AND ($3 = '' OR a.action = $3) AND a.at >= $4 AND a.at < $5 ORDER BY a.at DESC, a.id LIMIT 1000"
    )))
    .bind(query.account.trim())
    .bind(format!("%{}%", query.account.trim().to_lowercase().replace(['%', '_'], "")))
    .bind(&query.action)
    .bind(from)
    .bind(to)
    .fetch_all(&state.db().pool)
    .await?;
    audit_entries(&state, rows).await
}

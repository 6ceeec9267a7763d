//! The practice admin's work (issue #18, roles): the practice's own arbeidsdeskundigen and
//! definition authors (list, add one with a password link, send a new link, deactivate and
//! reactivate) and the practice's own audit trail.
//! The platform admin reads any practice's trail too.
//!
//! A practice admin reaches only accounts with the role `expert` or `definition_author` in their
//! own practice, each through its own routes: any other account (another practice's expert, an
//! employer, an admin, another practice admin, an expert through the authors' routes) is "not
//! found" to them, so the routes tell nothing about accounts elsewhere. The trail says who did
//! what, when, in which campaign, and never what was read or written: no note, score, answer or
//! contact detail, not even the id of a shared result (the `detail` column is never returned).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use crate::accounts::auth::{CurrentUser, Role};
use crate::accounts::password_links::Purpose;
use crate::admin::api::{create_with_link, send_link, LinkSent, NewAccount};
use crate::admin::rows::*;
use crate::audit::account_actions;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::util::{new_id, now};
use crate::AppState;

pub use werkscan_api::practices::{
    CampaignRef, NewAuthor, NewExpert, PracticeAuthor, PracticeExpert, Trail, TrailEntry, TrailQuery,
};

/// The practice of a practice admin: 403 `forbidden` for other roles or one without a practice.
fn own_practice(current: &CurrentUser) -> ApiResult<String> {
    current.require(Role::PracticeAdmin)?;
    current
        .user
        .practice_id
        .clone()
        .ok_or_else(|| ApiError::forbidden("forbidden", "this practice admin account has no practice"))
}

/// `GET /api/practice/experts` (practice admin): the practice's arbeidsdeskundigen with whether
/// they can log in, whether they set up a second factor, and the practice's campaigns that name
/// them. 403 `forbidden` for other roles.
pub async fn experts(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<PracticeExpert>>> {
    let practice = own_practice(&current)?;
    let pool = &state.db().pool;
    let rows = sqlx::query_as::<_, PracticeExpertRow>(
        "SELECT id, display_name, email, active, totp_enabled_at FROM users WHERE practice_id = $1 AND role = 'expert' ORDER BY display_name, id",
    )
    .bind(&practice)
    .fetch_all(pool)
    .await?;
    let named = sqlx::query_as::<_, NamedInRow>(
        "SELECT e.user_id, c.id, c.name FROM campaign_experts e JOIN campaigns c ON c.id = e.campaign_id \
         WHERE c.practice_id = $1 ORDER BY c.created_at DESC, c.id",
    )
    .bind(&practice)
    .fetch_all(pool)
    .await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let campaigns = named.iter().filter(|link| link.user_id == row.id).map(CampaignRef::from).collect();
        list.push(PracticeExpert {
            display_name: row.display_name,
            email: row.email,
            active: row.active != 0,
            has_second_factor: row.totp_enabled_at.is_some(),
            campaigns,
            id: row.id,
        });
    }
    Ok(Json(list))
}

/// `POST /api/practice/experts` (practice admin): creates an arbeidsdeskundige in their own
/// practice and sends them a one-time link to choose a password, as the platform admin's
/// account creation does (nobody knows a password of it until then). Audited (`create_user`).
/// 201 `LinkSent`; 422 `invalid_account`, 409 `email_taken`; 403 for other roles.
pub async fn add_expert(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<NewExpert>,
) -> ApiResult<(StatusCode, Json<LinkSent>)> {
    let practice = own_practice(&current)?;
    let account = NewAccount {
        email: body.email,
        display_name: body.display_name,
        role: Role::Expert,
        org_id: None,
        practice_id: Some(practice),
    };
    Ok((StatusCode::CREATED, Json(create_with_link(&state, &current, account).await?)))
}

/// `GET /api/practice/authors` (practice admin): the practice's definition authors with whether
/// they can log in and whether they set up a second factor. 403 `forbidden` for other roles.
pub async fn authors(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<PracticeAuthor>>> {
    let practice = own_practice(&current)?;
    let rows = sqlx::query_as::<_, PracticeExpertRow>(
        "SELECT id, display_name, email, active, totp_enabled_at FROM users WHERE practice_id = $1 AND role = 'definition_author' ORDER BY display_name, id",
    )
    .bind(&practice)
    .fetch_all(&state.db().pool)
    .await?;
    let list = rows
        .into_iter()
        .map(|row| PracticeAuthor {
            display_name: row.display_name,
            email: row.email,
            active: row.active != 0,
            has_second_factor: row.totp_enabled_at.is_some(),
            id: row.id,
        })
        .collect();
    Ok(Json(list))
}

/// `POST /api/practice/authors` (practice admin): creates a definition author in their own
/// practice with a password link, as `add_expert` does. Audited (`create_user`). 201 `LinkSent`;
/// 422 `invalid_account`, 409 `email_taken`; 403 for other roles.
pub async fn add_author(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<NewAuthor>,
) -> ApiResult<(StatusCode, Json<LinkSent>)> {
    let practice = own_practice(&current)?;
    let account = NewAccount {
        email: body.email,
        display_name: body.display_name,
        role: Role::DefinitionAuthor,
        org_id: None,
        practice_id: Some(practice),
    };
    Ok((StatusCode::CREATED, Json(create_with_link(&state, &current, account).await?)))
}

/// The accounts a practice admin manages: the practice's arbeidsdeskundigen, and its definition
/// authors, each through their own routes.
#[derive(Clone, Copy)]
enum Managed {
    /// `/api/practice/experts/…`.
    Expert,
    /// `/api/practice/authors/…`.
    Author,
}

impl Managed {
    fn role(self) -> Role {
        match self {
            Managed::Expert => Role::Expert,
            Managed::Author => Role::DefinitionAuthor,
        }
    }

    fn not_found(self) -> ApiError {
        let message = match self {
            Managed::Expert => "no such arbeidsdeskundige in your practice",
            Managed::Author => "no such definition author in your practice",
        };
        ApiError::not_found("user_not_found", message)
    }
}

/// Sets whether an arbeidsdeskundige or definition author of the admin's own practice can log in,
/// ends their sessions when not, and audits it, in one transaction. 404 `user_not_found` for any
/// other account.
async fn set_active(
    state: &AppState,
    current: &CurrentUser,
    managed: Managed,
    id: &str,
    active: bool,
) -> ApiResult<StatusCode> {
    let practice = own_practice(current)?;
    let mut write = state.db().begin_write().await?;
    let outcome: ApiResult<()> = async {
        // The write first (SQLite then takes its lock at once); it finds only the practice's own
        // accounts of this role, so another account is untouched and "not found", whoever it
        // belongs to.
        let changed = sqlx::query("UPDATE users SET active = $1 WHERE id = $2 AND role = $3 AND practice_id = $4")
            .bind(i64::from(active))
            .bind(id)
            .bind(managed.role().as_str())
            .bind(&practice)
            .execute(&mut *write.tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(managed.not_found());
        }
        if !active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *write.tx).await?;
        }
        sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(now())
            .bind(&current.user.id)
            .bind(if active { "activate_user" } else { "deactivate_user" })
            .bind(id)
            .execute(&mut *write.tx)
            .await?;
        Ok(())
    }
    .await;
    write.finish(outcome).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/practice/experts/{id}/deactivate` (practice admin): the practice's
/// arbeidsdeskundige can no longer log in; their sessions end. Audited. 204; 404
/// `user_not_found` for an account that is not an expert of this practice; 403 for other roles.
pub async fn deactivate_expert(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    set_active(&state, &current, Managed::Expert, &id, false).await
}

/// `POST /api/practice/experts/{id}/activate` (practice admin): the practice's
/// arbeidsdeskundige can log in again. Audited. 204; 404 and 403 as for deactivating.
pub async fn activate_expert(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    set_active(&state, &current, Managed::Expert, &id, true).await
}

/// `POST /api/practice/authors/{id}/deactivate` (practice admin): the practice's definition
/// author can no longer log in; their sessions end. Audited. 204; 404 `user_not_found` for an
/// account that is not a definition author of this practice; 403 for other roles.
pub async fn deactivate_author(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    set_active(&state, &current, Managed::Author, &id, false).await
}

/// `POST /api/practice/authors/{id}/activate` (practice admin): the practice's definition author
/// can log in again. Audited. 204; 404 and 403 as for deactivating.
pub async fn activate_author(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    set_active(&state, &current, Managed::Author, &id, true).await
}

/// `POST /api/practice/authors/{id}/password-link` (practice admin): a new one-time link for the
/// practice's definition author, as for its arbeidsdeskundigen. 200 `LinkSent`; 404
/// `user_not_found` for any account that is not a definition author of their practice; 403 for
/// other roles.
pub async fn send_author_password_link(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<LinkSent>> {
    password_link(&state, &current, Managed::Author, &id).await
}

/// `POST /api/practice/experts/{id}/password-link` (practice admin): sends the practice's
/// arbeidsdeskundige a new one-time link to choose a password, to their own address (the first
/// one works for a day; a person can also forget a password). As the platform admin's reset: the
/// practice admin never sees the link or a password, and the current password keeps working
/// until the link is used. Audited (`reset_password`). 200 `LinkSent`; 404 `user_not_found` for
/// any account that is not an expert of their practice; 403 for other roles.
pub async fn send_password_link(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<LinkSent>> {
    password_link(&state, &current, Managed::Expert, &id).await
}

/// Sends a new password link to an account of the admin's own practice with this role.
async fn password_link(
    state: &AppState,
    current: &CurrentUser,
    managed: Managed,
    id: &str,
) -> ApiResult<Json<LinkSent>> {
    let practice = own_practice(current)?;
    let found: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND role = $2 AND practice_id = $3")
            .bind(id)
            .bind(managed.role().as_str())
            .bind(&practice)
            .fetch_optional(&state.db().pool)
            .await?;
    if found.is_none() {
        return Err(managed.not_found());
    }
    Ok(Json(send_link(state, current, id, Purpose::Reset, "reset_password").await?))
}

/// `FROM … WHERE` of the trail of practice `$1`: actions in its campaigns (by anyone: its
/// experts, the employer closing or extending one); actions outside any campaign by its own
/// people or on its own accounts (created, deactivated, their password or second factor reset,
/// also by the platform admin); and changes to its details. An action of one of its people in a
/// campaign of another practice (from before they moved) stays in that practice's trail.
const TRAIL: &str = concat!(
    " FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN campaigns c ON c.id = a.campaign_id \
     LEFT JOIN users s ON s.id = a.detail AND a.action IN ",
    account_actions!(),
    " WHERE c.practice_id = $1 \
        OR (a.campaign_id IS NULL AND (u.practice_id = $1 OR s.practice_id = $1)) \
        OR (a.action IN ('create_practice', 'update_practice') AND a.detail = $1)"
);

/// A page of practice `practice`'s trail.
async fn trail(state: &AppState, practice: &str, query: &TrailQuery) -> ApiResult<Trail> {
    let limit = if query.limit <= 0 { 50 } else { query.limit.min(200) };
    let offset = query.offset.max(0);
    let pool = &state.db().pool;
    let rows = sqlx::query_as::<_, TrailRow>(sqlx::AssertSqlSafe(format!(
        "SELECT a.at, a.action, a.campaign_id, c.name AS campaign_name, u.display_name AS actor, s.display_name AS subject{TRAIL} \
         ORDER BY a.at DESC, a.id DESC LIMIT $2 OFFSET $3"
    )))
    .bind(practice)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*){TRAIL}")))
        .bind(practice)
        .fetch_one(pool)
        .await?;
    let items = rows.into_iter().map(TrailEntry::from).collect();
    Ok(Trail { total, offset, limit, items })
}

/// `GET /api/practice/audit?offset=&limit=` (practice admin): their practice's audit trail,
/// newest first, a page at a time. 403 `forbidden` for other roles.
pub async fn own_audit(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(query): ApiQuery<TrailQuery>,
) -> ApiResult<Json<Trail>> {
    let practice = own_practice(&current)?;
    Ok(Json(trail(&state, &practice, &query).await?))
}

/// `GET /api/admin/practices/{id}/audit?offset=&limit=` (admin): any practice's audit trail, as
/// its practice admin reads it. 404 `practice_not_found`.
pub async fn admin_audit(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<TrailQuery>,
) -> ApiResult<Json<Trail>> {
    current.require(Role::Admin)?;
    if crate::practices::routes::practice_ref(state.db(), &id).await?.is_none() {
        return Err(ApiError::not_found("practice_not_found", "no such practice"));
    }
    Ok(Json(trail(&state, &id, &query).await?))
}

//! Practices (issue #18): an arbodienst or an independent arbeidsdeskundige practice. It is the
//! controller (verwerkingsverantwoordelijke) of everything shared with its arbeidsdeskundigen,
//! and the consent text of every campaign it runs names it with the details entered here — by
//! the platform admin or the practice's own admin, never by the employer.
//!
//! An employer organisation works with one or more practices (`practice_organisations`); a
//! campaign is run by one of them, with its experts only; an expert (and a practice admin)
//! belongs to one practice (`users.practice_id`). Who reads a campaign's shared results is
//! decided by the view `practice_campaign_experts` (migration 0011).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use crate::accounts::auth::{CurrentUser, OrgRef, Role};
use crate::db::Db;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::ApiJson;
use crate::models::campaign::{check_party, ExpertRef, Party};
use crate::practices::rows::*;
use crate::util::{new_id, now};
use crate::AppState;

pub use werkscan_api::practices::{Member, OrganisationLink, Practice, PracticeDetails, PracticeRef};

/// The practice with this id, as a reference.
pub async fn practice_ref(db: &Db, id: &str) -> Result<Option<PracticeRef>, sqlx::Error> {
    let row = sqlx::query_as::<_, PracticeRefRow>("SELECT id, name FROM practices WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(PracticeRef::from))
}

/// The longest website address accepted.
const MAX_WEBSITE: usize = 200;

/// Checks and trims every field of a practice's details; every problem with its field (422
/// codes `invalid_practice`, `invalid_privacy_officer`, `invalid_website`).
pub fn checked(details: &PracticeDetails) -> Result<PracticeDetails, Vec<FieldError>> {
    let mut problems = Vec::new();
    let own = Party { name: details.name.clone(), contact: Some(details.contact.clone()) };
    let (name, contact) = match check_party(&own, "name", "invalid_practice") {
        Ok(pair) => pair,
        Err(problem) => {
            problems.push(problem);
            Default::default()
        }
    };
    let privacy_officer = match &details.privacy_officer {
        Some(party) => match check_party(party, "privacy_officer", "invalid_privacy_officer") {
            Ok((name, contact)) => Some(Party { name, contact: Some(contact) }),
            Err(problem) => {
                problems.push(problem);
                None
            }
        },
        None => None,
    };
    let website = details.website.as_deref().map(str::trim).filter(|site| !site.is_empty()).map(str::to_owned);
    if let Some(site) = &website {
        // Only a web address: the console shows it as a link.
        let web = site.starts_with("https://") || site.starts_with("http://");
        if !web || site.chars().count() > MAX_WEBSITE || site.chars().any(|c| c.is_whitespace() || c.is_control()) {
            problems.push(FieldError::new(
                "website",
                "invalid_website",
                "a web address starting with https://, at most 200 characters",
            ));
        }
    }
    if problems.is_empty() {
        Ok(PracticeDetails { name, contact, privacy_officer, website })
    } else {
        Err(problems)
    }
}

/// Creates a practice with checked details; returns its id.
pub async fn create_practice(db: &Db, details: &PracticeDetails) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO practices (id, name, contact, privacy_officer_name, privacy_officer_contact, website, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&details.name)
    .bind(&details.contact)
    .bind(details.privacy_officer.as_ref().map(|party| party.name.clone()))
    .bind(details.privacy_officer.as_ref().and_then(|party| party.contact.clone()))
    .bind(details.website.clone())
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(id)
}

/// Replaces a practice's details. The consent values of its campaigns change with them, so a
/// phone that showed the old words gets `consent_outdated` and shows the text again. Returns
/// whether the practice exists.
pub async fn update_practice(db: &Db, id: &str, details: &PracticeDetails) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE practices SET name = $1, contact = $2, privacy_officer_name = $3, privacy_officer_contact = $4, website = $5 WHERE id = $6",
    )
    .bind(&details.name)
    .bind(&details.contact)
    .bind(details.privacy_officer.as_ref().map(|party| party.name.clone()))
    .bind(details.privacy_officer.as_ref().and_then(|party| party.contact.clone()))
    .bind(details.website.clone())
    .bind(id)
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Records that an organisation works with a practice. Linking twice is harmless.
pub async fn link_organisation(db: &Db, practice_id: &str, org_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO practice_organisations (practice_id, org_id, linked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(practice_id)
        .bind(org_id)
        .bind(now())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Puts an arbeidsdeskundige or practice admin into a practice (out of the one they were in).
/// An expert moved out of a practice reads nothing more of its campaigns. Refuses other roles.
pub async fn set_member(db: &Db, practice_id: &str, user_id: &str) -> Result<(), String> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
        .map_err(|error| error.to_string())?;
    if !matches!(role.as_deref(), Some("expert" | "practice_admin")) {
        return Err("only arbeidsdeskundige (expert) and practice admin accounts belong to a practice".into());
    }
    sqlx::query("UPDATE users SET practice_id = $1 WHERE id = $2")
        .bind(practice_id)
        .bind(user_id)
        .execute(&db.pool)
        .await
        .map_err(|error| error.to_string())?;
    Ok(())
}

/// The practice a new campaign of `org_id` is run by: the one named, if the organisation works
/// with it; otherwise the only one the organisation works with. The refusal (field `practice`):
/// `unknown_practice` or `practice_required`.
pub async fn practice_for_campaign(
    db: &Db,
    org_id: &str,
    named: Option<&str>,
) -> Result<Result<String, FieldError>, sqlx::Error> {
    let linked: Vec<String> =
        sqlx::query_scalar("SELECT practice_id FROM practice_organisations WHERE org_id = $1 ORDER BY practice_id")
            .bind(org_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(match (named, linked.as_slice()) {
        (Some(named), _) if linked.iter().any(|id| id == named) => Ok(named.to_owned()),
        (Some(_), _) => {
            Err(FieldError::new("practice", "unknown_practice", "the organisation does not work with this practice"))
        }
        (None, [only]) => Ok(only.clone()),
        (None, []) => Err(FieldError::new(
            "practice",
            "practice_required",
            "the organisation works with no practice yet: the platform admin links one first",
        )),
        (None, _) => Err(FieldError::new(
            "practice",
            "practice_required",
            "the organisation works with several practices: name the one that runs the campaign",
        )),
    })
}

/// Reads practices (all, or the one with `only`), with their organisations and members.
async fn practices(db: &Db, only: Option<&str>) -> ApiResult<Vec<Practice>> {
    let filter = only.unwrap_or_default().to_owned();
    let rows = sqlx::query_as::<_, PracticeRow>(
        "SELECT id, name, contact, privacy_officer_name, privacy_officer_contact, website, created_at FROM practices \
         WHERE ($1 = '' OR id = $1) ORDER BY name, id",
    )
    .bind(&filter)
    .fetch_all(&db.pool)
    .await?;
    let organisations = sqlx::query_as::<_, PracticeOrganisationRow>(
        "SELECT l.practice_id, o.id, o.name FROM practice_organisations l JOIN organisations o ON o.id = l.org_id \
         WHERE ($1 = '' OR l.practice_id = $1) ORDER BY o.name",
    )
    .bind(&filter)
    .fetch_all(&db.pool)
    .await?;
    let members = sqlx::query_as::<_, MemberRow>(
        "SELECT id, display_name, role, practice_id FROM users WHERE practice_id IS NOT NULL AND ($1 = '' OR practice_id = $1) ORDER BY display_name",
    )
    .bind(&filter)
    .fetch_all(&db.pool)
    .await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let mut practice = Practice::from(row);
        for link in &organisations {
            if link.practice_id == practice.id {
                practice.organisations.push(OrgRef::from(link));
            }
        }
        for member in &members {
            if member.practice_id != practice.id {
                continue;
            }
            let person = ExpertRef::from(member);
            match member.role.as_str() {
                "expert" => practice.experts.push(person),
                "practice_admin" => practice.admins.push(person),
                _ => {}
            }
        }
        list.push(practice);
    }
    Ok(list)
}

/// Writes a practice action to the audit log; `detail` names the practice, organisation or
/// account.
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

fn refuse(problems: Vec<FieldError>) -> ApiError {
    ApiError::invalid_fields(problems).unwrap_or_else(|| ApiError::internal("a refusal without a problem"))
}

/// `GET /api/admin/practices` (admin): every practice with its organisations and members.
pub async fn admin_list(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<Practice>>> {
    current.require(Role::Admin)?;
    Ok(Json(practices(state.db(), None).await?))
}

/// `POST /api/admin/practices` (admin): creates a practice from [`PracticeDetails`]. 201 with the
/// practice; 422 with the field (`invalid_practice`, `invalid_privacy_officer`,
/// `invalid_website`).
pub async fn admin_create(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<PracticeDetails>,
) -> ApiResult<(StatusCode, Json<Practice>)> {
    current.require(Role::Admin)?;
    let details = checked(&body).map_err(refuse)?;
    let id = create_practice(state.db(), &details).await?;
    audit(&state, &current, "create_practice", &id).await?;
    let practice =
        practices(state.db(), Some(&id)).await?.pop().ok_or_else(|| ApiError::internal("practice vanished"))?;
    Ok((StatusCode::CREATED, Json(practice)))
}

/// Replaces a practice's details, audited; the practice as it is then.
async fn update(state: &AppState, current: &CurrentUser, id: &str, body: PracticeDetails) -> ApiResult<Practice> {
    let details = checked(&body).map_err(refuse)?;
    if !update_practice(state.db(), id, &details).await? {
        return Err(ApiError::not_found("practice_not_found", "no such practice"));
    }
    audit(state, current, "update_practice", id).await?;
    practices(state.db(), Some(id)).await?.pop().ok_or_else(|| ApiError::internal("practice vanished"))
}

/// `PUT /api/admin/practices/{id}` (admin): replaces a practice's details. 200 with the practice;
/// 404 `practice_not_found`; 422 as for creating one.
pub async fn admin_update(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PracticeDetails>,
) -> ApiResult<Json<Practice>> {
    current.require(Role::Admin)?;
    Ok(Json(update(&state, &current, &id, body).await?))
}

async fn existing(state: &AppState, id: &str) -> ApiResult<()> {
    match practice_ref(state.db(), id).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found("practice_not_found", "no such practice")),
    }
}

/// `POST /api/admin/practices/{id}/organisations` (admin): the organisation works with this
/// practice from now on (its campaigns can be run by it). 204; 404 `practice_not_found`,
/// `organisation_not_found`.
pub async fn admin_link_organisation(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<OrganisationLink>,
) -> ApiResult<StatusCode> {
    current.require(Role::Admin)?;
    existing(&state, &id).await?;
    if crate::accounts::auth::org_ref(&state, &body.org_id).await?.is_none() {
        return Err(ApiError::not_found("organisation_not_found", "no such organisation"));
    }
    link_organisation(state.db(), &id, &body.org_id).await?;
    audit(&state, &current, "link_practice_organisation", &format!("{id} {}", body.org_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/admin/practices/{id}/members` (admin): puts an arbeidsdeskundige or practice admin
/// into this practice (out of any other). 204; 404 `practice_not_found`; 422 `not_a_member_role`.
pub async fn admin_add_member(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Member>,
) -> ApiResult<StatusCode> {
    current.require(Role::Admin)?;
    existing(&state, &id).await?;
    set_member(state.db(), &id, &body.user_id)
        .await
        .map_err(|message| ApiError::unprocessable("not_a_member_role", message).with_field("user_id"))?;
    audit(&state, &current, "set_practice_member", &body.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The practice of a practice admin: 403 `forbidden` for other roles or one without a practice.
fn own_practice(current: &CurrentUser) -> ApiResult<String> {
    current.require(Role::PracticeAdmin)?;
    current
        .user
        .practice_id
        .clone()
        .ok_or_else(|| ApiError::forbidden("forbidden", "this practice admin account has no practice"))
}

/// `GET /api/practice` (practice admin): their practice, with its organisations, experts and
/// admins. No shared result is reachable from here.
pub async fn own(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Practice>> {
    let id = own_practice(&current)?;
    Ok(Json(
        practices(state.db(), Some(&id))
            .await?
            .pop()
            .ok_or_else(|| ApiError::not_found("practice_not_found", "no such practice"))?,
    ))
}

/// `PUT /api/practice` (practice admin): replaces their practice's details (as
/// `PUT /api/admin/practices/{id}`). 200 with the practice.
pub async fn update_own(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<PracticeDetails>,
) -> ApiResult<Json<Practice>> {
    let id = own_practice(&current)?;
    Ok(Json(update(&state, &current, &id, body).await?))
}

/// `GET /api/practices` (employer, practice admin, admin): the practices a campaign can be run
/// by — for an employer those their organisation works with, for a practice admin their own,
/// for an admin all. 403 for experts.
pub async fn list_refs(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<PracticeRef>>> {
    let pool = &state.db().pool;
    let rows = match current.user.role {
        Role::Expert | Role::DefinitionAuthor => {
            return Err(ApiError::forbidden("forbidden", "only employers and admins choose practices"))
        }
        Role::Employer => {
            sqlx::query_as::<_, PracticeRefRow>("SELECT p.id, p.name FROM practices p JOIN practice_organisations l ON l.practice_id = p.id WHERE l.org_id = $1 ORDER BY p.name, p.id")
                .bind(current.user.org_id.clone().unwrap_or_default())
                .fetch_all(pool)
                .await?
        }
        Role::PracticeAdmin => sqlx::query_as::<_, PracticeRefRow>("SELECT id, name FROM practices WHERE id = $1")
            .bind(current.user.practice_id.clone().unwrap_or_default())
            .fetch_all(pool)
            .await?,
        Role::Admin => {
            sqlx::query_as::<_, PracticeRefRow>("SELECT id, name FROM practices ORDER BY name, id").fetch_all(pool).await?
        }
    };
    let list = rows.into_iter().map(PracticeRef::from).collect();
    Ok(Json(list))
}

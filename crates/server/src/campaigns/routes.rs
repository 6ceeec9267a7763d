//! Campaigns: an employer invites staff to take one questionnaire version within given dates.
//! A campaign is run by one practice; its named arbeidsdeskundigen of that practice receive what
//! people choose to share, and the practice is the controller the consent text names.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
pub use werkscan_core::campaign::{PublicCampaign, QuestionnaireRef};

use super::rows::{ExpertRow, ExpertWithPracticeRow};
use crate::accounts::auth::{org_ref, CurrentUser, OrgRef, Role};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::ApiJson;
use crate::models::campaign::{
    active_expert_names, by_code, by_id, department_list, departments, insert, may_see, select_campaign, Campaign,
    CampaignRows, Department, ExpertRef, Party, Status,
};
use crate::models::rows::CampaignRow;
use crate::util::{campaign_code, new_id, now, rfc3339, today};
use crate::AppState;
use werkscan_core::text::forbidden_character;

pub use werkscan_api::campaigns::{
    CampaignView, DepartmentEntry, DepartmentInput, Extension, NewCampaign, PublicQuery,
};

/// The smallest minimum group size a campaign may have: figures over smaller groups identify people.
pub const MIN_GROUP_SIZE_FLOOR: i64 = werkscan_core::disclosure::SMALLEST_MIN_GROUP_SIZE as i64;
/// The largest minimum group size a campaign may have (the core's disclosure rules accept 5 to 50).
pub const MIN_GROUP_SIZE_CEILING: i64 = werkscan_core::disclosure::LARGEST_MIN_GROUP_SIZE as i64;
/// The largest headcount a department may be given.
pub const MAX_HEADCOUNT: i64 = 100_000;
/// The default minimum group size.
pub const DEFAULT_MIN_GROUP_SIZE: i64 = 10;
/// The default retention period after the campaign ends, in days.
pub const DEFAULT_RETENTION_DAYS: i64 = 365;
/// The longest retention period accepted, in days.
pub const MAX_RETENTION_DAYS: i64 = 3650;
/// The most departments a campaign can have.
pub const MAX_DEPARTMENTS: usize = 200;
/// How far ahead a campaign may start or end, in years. Dates beyond any real plan would only
/// push date arithmetic towards its limits.
pub const MAX_YEARS_AHEAD: u32 = 5;
/// How far back a campaign may start, in years (a campaign entered after it began).
pub const MAX_YEARS_BACK: u32 = 1;
/// The largest campaign body accepted: 200 departments of 100 characters fit with room to spare.
pub const CAMPAIGN_BODY_LIMIT: usize = 64 * 1024;

async fn experts_of(state: &AppState, campaign_id: &str) -> ApiResult<Vec<ExpertRef>> {
    let rows = sqlx::query_as::<_, ExpertRow>(
        "SELECT u.id, u.display_name FROM campaign_experts e JOIN users u ON u.id = e.user_id WHERE e.campaign_id = $1 ORDER BY u.display_name",
    )
    .bind(campaign_id)
    .fetch_all(&state.db().pool)
    .await?;
    Ok(rows.into_iter().map(ExpertRef::from).collect())
}

async fn organisation(state: &AppState, org_id: &str) -> ApiResult<OrgRef> {
    org_ref(state, org_id).await?.ok_or_else(|| ApiError::internal("campaign without organisation"))
}

/// The campaign as `current` may see it: employers get the day's rounded response while it is
/// open and the published release, never a live upload or booking count or a draft. The
/// campaign's experts and admins also see the live number of uploads and bookings: the expert
/// decides with the employer whether to extend and judges the release's padding signals, and
/// sees every share in the inbox anyway.
pub(crate) async fn view(state: &AppState, current: &CurrentUser, campaign: Campaign) -> ApiResult<CampaignView> {
    let day = today();
    let status = campaign.status_on(day);
    let employer = current.user.role == Role::Employer;
    let response = match status {
        Status::Open => {
            Some(crate::releases::response::daily(state.db(), &campaign.id, campaign.min_group_size, now()).await?)
        }
        _ => None,
    };
    let uploads = match status {
        Status::Open if !employer => Some(
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM submissions WHERE campaign_id = $1")
                .bind(&campaign.id)
                .fetch_one(&state.db().pool)
                .await?,
        ),
        _ => None,
    };
    let bookings = if employer { None } else { Some(crate::releases::uptake::uptake(state, &campaign.id).await?) };
    let roster = match campaign.mode {
        crate::models::invitation::Mode::Personal => {
            Some(crate::campaigns::invitations::summary_of(state, &campaign).await?)
        }
        crate::models::invitation::Mode::Open => None,
    };
    Ok(CampaignView {
        invitations: campaign.mode,
        roster,
        link: format!("/c/{}", campaign.code),
        organisation: organisation(state, &campaign.org_id).await?,
        departments: department_list(state, &campaign.id).await?,
        experts: experts_of(state, &campaign.id).await?,
        status,
        open: status == Status::Open,
        closed_at: campaign.closed_at.map(rfc3339),
        delete_after: campaign.delete_after(),
        created_at: rfc3339(campaign.created_at),
        uploads,
        response,
        bookings,
        release: crate::releases::routes::summary(state, &campaign.id, !employer).await?,
        practice: match &campaign.practice_id {
            Some(id) => crate::practices::routes::practice_ref(state.db(), id).await?,
            None => None,
        },
        controller: Party { name: campaign.controller.clone(), contact: campaign.controller_contact.clone() },
        privacy_officer: campaign
            .privacy_officer
            .clone()
            .map(|name| Party { name, contact: campaign.privacy_officer_contact.clone() }),
        id: campaign.id,
        code: campaign.code,
        name: campaign.name,
        questionnaire: campaign.questionnaire,
        starts_on: campaign.starts_on,
        ends_on: campaign.ends_on,
        min_group_size: campaign.min_group_size,
        retention_days: campaign.retention_days,
    })
}

/// Checked and normalised campaign fields.
struct Checked {
    name: String,
    departments: Vec<Department>,
    min_group_size: i64,
    retention_days: i64,
}

/// Checks every field of a new campaign that needs no database, and returns every problem
/// (each with its field), so the console can mark them all at once.
fn check(body: &NewCampaign, today: NaiveDate) -> Result<Checked, Vec<FieldError>> {
    let mut problems = Vec::new();
    let name = body.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        problems.push(FieldError::new("name", "invalid_name", "the name must have 1 to 200 characters"));
    } else if forbidden_character(&name, false).is_some() {
        problems.push(FieldError::new("name", "invalid_name", "the name contains a control character"));
    }
    let mut departments: Vec<Department> = Vec::with_capacity(body.departments.len().min(MAX_DEPARTMENTS));
    // Counted before anything else looks at the list, so a huge list is refused at once.
    if body.departments.len() > MAX_DEPARTMENTS {
        problems.push(FieldError::new("departments", "invalid_department", "at most 200 departments"));
    } else {
        let mut seen = std::collections::HashSet::new();
        for (index, department) in body.departments.iter().enumerate() {
            let field = format!("departments[{index}]");
            let name = department.name().trim().to_owned();
            if name.is_empty() || name.chars().count() > 100 {
                problems.push(FieldError::new(
                    field,
                    "invalid_department",
                    "each department needs 1 to 100 characters",
                ));
            } else if forbidden_character(&name, false).is_some() {
                problems.push(FieldError::new(
                    field,
                    "invalid_department",
                    "a department contains a control character",
                ));
            } else if !seen.insert(name.clone()) {
                problems.push(FieldError::new(field, "invalid_department", "a department is listed twice"));
            }
            let headcount = department.headcount();
            if headcount.is_some() && body.invitations == crate::models::invitation::Mode::Personal {
                problems.push(FieldError::new(
                    format!("departments[{index}].headcount"),
                    "headcount_from_roster",
                    "with personal invitations the roster gives the headcount",
                ));
            } else if headcount.is_some_and(|count| !(1..=MAX_HEADCOUNT).contains(&count)) {
                problems.push(FieldError::new(
                    format!("departments[{index}].headcount"),
                    "invalid_headcount",
                    "a headcount is a whole number from 1 to 100000",
                ));
            }
            departments.push(Department { name, headcount });
        }
    }
    if let Err(error) = check_dates(body.starts_on, body.ends_on, today) {
        problems.push(FieldError::new(error.field.unwrap_or_default(), error.code, error.message));
    }
    let min_group_size = body.min_group_size.unwrap_or(DEFAULT_MIN_GROUP_SIZE);
    if min_group_size < MIN_GROUP_SIZE_FLOOR {
        problems.push(FieldError::new(
            "min_group_size",
            "min_group_size_too_small",
            "the minimum group size must be at least 5",
        ));
    } else if min_group_size > MIN_GROUP_SIZE_CEILING {
        problems.push(FieldError::new(
            "min_group_size",
            "min_group_size_too_large",
            "the minimum group size must be at most 50",
        ));
    }
    let retention_days = body.retention_days.unwrap_or(DEFAULT_RETENTION_DAYS);
    if !(1..=MAX_RETENTION_DAYS).contains(&retention_days) {
        problems.push(FieldError::new("retention_days", "invalid_retention", "retention_days must be from 1 to 3650"));
    }
    if body.experts.is_empty() {
        problems.push(FieldError::new(
            "experts",
            "experts_required",
            "name at least one arbeidsdeskundige (expert account)",
        ));
    }
    if problems.is_empty() {
        Ok(Checked { name, departments, min_group_size, retention_days })
    } else {
        Err(problems)
    }
}

/// Campaign dates: in order, starting at most a year back, and neither more than five years
/// ahead. 422 `invalid_dates` otherwise.
pub fn check_dates(starts_on: NaiveDate, ends_on: NaiveDate, today: NaiveDate) -> ApiResult<()> {
    let invalid =
        |field: &str, message: String| Err(ApiError::unprocessable("invalid_dates", message).with_field(field));
    if starts_on > ends_on {
        return invalid("ends_on", "ends_on must not be before starts_on".into());
    }
    let earliest = today.checked_sub_months(chrono::Months::new(12 * MAX_YEARS_BACK)).unwrap_or(NaiveDate::MIN);
    if starts_on < earliest {
        return invalid("starts_on", format!("starts_on must be on or after {earliest}"));
    }
    if ends_on > latest_end(today) {
        return invalid(
            "ends_on",
            format!("ends_on must be on or before {} (at most {MAX_YEARS_AHEAD} years ahead)", latest_end(today)),
        );
    }
    Ok(())
}

/// The last day a campaign may end on, seen from `today`.
fn latest_end(today: NaiveDate) -> NaiveDate {
    today.checked_add_months(chrono::Months::new(12 * MAX_YEARS_AHEAD)).unwrap_or(NaiveDate::MAX)
}

/// `POST /api/campaigns` (employer): creates a campaign for the employer's organisation. 201 with
/// the campaign. Refusals (422): `invalid_name`, `invalid_department`, `invalid_dates`,
/// `min_group_size_too_small`, `invalid_retention`, `experts_required`, `unknown_expert` (not an
/// arbeidsdeskundige of the campaign's practice), `unknown_questionnaire`, `unknown_practice` (not
/// a practice the organisation works with), `practice_required` (the organisation works with
/// none, or with several and none was named).
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<NewCampaign>,
) -> ApiResult<(StatusCode, Json<CampaignView>)> {
    current.require(Role::Employer)?;
    let org_id = current
        .user
        .org_id
        .clone()
        .ok_or_else(|| ApiError::forbidden("forbidden", "this employer account has no organisation"))?;
    let checked = check(&body, today());
    let mut problems = checked.as_ref().err().cloned().unwrap_or_default();
    // The campaign pins the version current now: read from files, or published by an author.
    let current_version = state.definitions().current(state.db(), &body.questionnaire).await?;
    let definition = current_version.clone().filter(|definition| definition.questionnaire.version == body.version);
    if definition.is_none() {
        let field = if current_version.is_some() { "version" } else { "questionnaire" };
        problems.push(FieldError::new(
            field,
            "unknown_questionnaire",
            "no current questionnaire with this id and version",
        ));
    }
    let practice =
        match crate::practices::routes::practice_for_campaign(state.db(), &org_id, body.practice.as_deref()).await? {
            Ok(practice) => Some(practice),
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
    let mut experts: Vec<String> = Vec::new();
    // Looked up only for a list that is not refused already (at most a few names in practice).
    let expert_list = if body.experts.len() <= MAX_DEPARTMENTS { &body.experts[..] } else { &[] };
    for (index, expert) in expert_list.iter().enumerate() {
        // Only an arbeidsdeskundige of the practice that runs the campaign: naming anyone else
        // would send them what this organisation's staff share, outside the practice that is
        // responsible for it.
        let of_practice: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE id = $1 AND role = 'expert' AND practice_id = $2")
                .bind(expert)
                .bind(practice.clone().unwrap_or_default())
                .fetch_one(&state.db().pool)
                .await?;
        if of_practice == 0 {
            problems.push(FieldError::new(
                format!("experts[{index}]"),
                "unknown_expert",
                format!("{expert} is not an arbeidsdeskundige of the practice that runs this campaign"),
            ));
        } else if !experts.contains(expert) {
            experts.push(expert.clone());
        }
    }
    // Problems keep the order of the body's fields, so the first one is the first a person sees.
    const ORDER: [&str; 10] = [
        "name",
        "questionnaire",
        "version",
        "departments",
        "starts_on",
        "ends_on",
        "min_group_size",
        "practice",
        "experts",
        "retention_days",
    ];
    problems.sort_by_key(|problem| {
        ORDER.iter().position(|field| problem.field.split('[').next() == Some(*field)).unwrap_or(ORDER.len())
    });
    if let Some(error) = ApiError::invalid_fields(problems) {
        return Err(error);
    }
    let (Ok(checked), Some(definition), Some(practice)) = (checked, definition, practice) else {
        return Err(ApiError::internal("a campaign check passed without its result"));
    };
    let id = new_id();
    let code = campaign_code();
    let mut write = state.db().begin_write().await?;
    let rows = CampaignRows {
        id: &id,
        org_id: &org_id,
        code: &code,
        name: &checked.name,
        definition: &definition,
        starts_on: body.starts_on,
        ends_on: body.ends_on,
        min_group_size: checked.min_group_size,
        retention_days: checked.retention_days,
        created_by: &current.user.id,
        departments: checked
            .departments
            .iter()
            .map(|department| (department.name.as_str(), department.headcount))
            .collect(),
        experts: experts.iter().map(String::as_str).collect(),
        practice_id: &practice,
        mode: body.invitations,
    };
    let outcome = insert(&mut write.tx, &rows).await;
    write.finish(outcome).await?;
    let campaign = by_id(&state, &id).await?.ok_or_else(|| ApiError::internal("campaign vanished"))?;
    Ok((StatusCode::CREATED, Json(view(&state, &current, campaign).await?)))
}

/// `GET /api/campaigns`: the employer's organisation's campaigns; for an expert, the campaigns
/// of their practice they receive results from; for an admin, all; for a practice admin, none.
pub async fn list(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<CampaignView>>> {
    let pool = &state.db().pool;
    let rows = match current.user.role {
        Role::Employer => {
            sqlx::query_as::<_, CampaignRow>(select_campaign!("org_id = $1 ORDER BY created_at DESC"))
                .bind(current.user.org_id.clone().unwrap_or_default())
                .fetch_all(pool)
                .await?
        }
        Role::Expert => {
            sqlx::query_as::<_, CampaignRow>(select_campaign!(
                "id IN (SELECT campaign_id FROM practice_campaign_experts WHERE user_id = $1) ORDER BY created_at DESC"
            ))
            .bind(&current.user.id)
            .fetch_all(pool)
            .await?
        }
        Role::Admin => {
            sqlx::query_as::<_, CampaignRow>(select_campaign!("1 = 1 ORDER BY created_at DESC")).fetch_all(pool).await?
        }
        Role::PracticeAdmin => Vec::new(),
        Role::DefinitionAuthor => return Err(ApiError::forbidden("forbidden", "definition authors see no campaigns")),
    };
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        views.push(view(&state, &current, Campaign::try_from(row)?).await?);
    }
    Ok(Json(views))
}

/// `GET /api/campaigns/{id}`: one campaign; 404 `campaign_not_found` when it does not exist or
/// is not visible to this user.
pub async fn get(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<CampaignView>> {
    let not_found = || ApiError::not_found("campaign_not_found", "no such campaign");
    let campaign = by_id(&state, &id).await?.ok_or_else(not_found)?;
    if !may_see(&state, &current, &campaign).await? {
        return Err(not_found());
    }
    Ok(Json(view(&state, &current, campaign).await?))
}

/// `GET /api/c/{code}` (public): what the phone needs to run a campaign's scan. `experts` names
/// only active accounts; empty, there is nobody to share with (see [`active_expert_names`]).
///
/// For a campaign with personal invitations, `departments` holds only the department of the
/// invitation in `?u=` (the person may still choose not to give it), and none without one; 404
/// `invitation_unknown` for a token that is not one of the campaign's. Whether the invitation
/// was used is not said here: only an upload tells, and it uses the invitation up (see
/// [`crate::campaigns::invitations`]).
pub async fn public(
    State(state): State<AppState>,
    Path(code): Path<String>,
    crate::extract::ApiQuery(query): crate::extract::ApiQuery<PublicQuery>,
) -> ApiResult<Json<PublicCampaign>> {
    Ok(Json(public_campaign(&state, &code, query.u.as_deref()).await?))
}

/// What a campaign link shows, with the personal invitation's token if the link had one (see
/// [`public`]): the API's answer, and what the server draws into the invitation's page
/// (`crate::first_screen`), so both show the same texts.
pub async fn public_campaign(state: &AppState, code: &str, invitation: Option<&str>) -> ApiResult<PublicCampaign> {
    let campaign = by_code(state, code)
        .await?
        .ok_or_else(|| ApiError::not_found("campaign_not_found", "no campaign with this code"))?;
    let organisation = organisation(state, &campaign.org_id).await?;
    let departments = match (campaign.mode, invitation.map(str::trim).filter(|token| !token.is_empty())) {
        (crate::models::invitation::Mode::Open, _) => departments(state, &campaign.id).await?,
        (crate::models::invitation::Mode::Personal, None) => Vec::new(),
        (crate::models::invitation::Mode::Personal, Some(token)) => {
            let opened =
                crate::models::invitation::opened(state.db(), &campaign.id, token).await?.ok_or_else(|| {
                    ApiError::not_found("invitation_unknown", "this personal link is not one of the campaign's")
                })?;
            vec![opened.department]
        }
    };
    Ok(PublicCampaign {
        open: campaign.is_open_on(today()),
        delete_after: campaign.delete_after().to_string(),
        personal: campaign.mode == crate::models::invitation::Mode::Personal,
        departments,
        experts: active_expert_names(state.db(), &campaign.id).await?,
        organisation: organisation.name,
        code: campaign.code,
        name: campaign.name,
        questionnaire: campaign.questionnaire,
        starts_on: campaign.starts_on.to_string(),
        ends_on: campaign.ends_on.to_string(),
        min_group_size: campaign.min_group_size,
        controller: campaign.controller,
        controller_contact: campaign.controller_contact,
        privacy_officer: campaign.privacy_officer,
        privacy_officer_contact: campaign.privacy_officer_contact,
    })
}

/// `GET /api/experts` (employer, practice admin or admin): the arbeidsdeskundige accounts a
/// campaign can name, each with their practice — for an employer, those of the practices their
/// organisation works with; for a practice admin, their practice's; for an admin, all of them.
pub async fn experts(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<ExpertRef>>> {
    let pool = &state.db().pool;
    let rows = match current.user.role {
        Role::Expert | Role::DefinitionAuthor => {
            return Err(ApiError::forbidden("forbidden", "only employers and admins list experts"))
        }
        Role::Employer => {
            sqlx::query_as::<_, ExpertWithPracticeRow>(
                "SELECT u.id, u.display_name, u.practice_id FROM practice_organisations o JOIN users u ON u.practice_id = o.practice_id \
                 WHERE o.org_id = $1 AND u.role = 'expert' ORDER BY u.display_name",
            )
            .bind(current.user.org_id.clone().unwrap_or_default())
            .fetch_all(pool)
            .await?
        }
        Role::PracticeAdmin => {
            sqlx::query_as::<_, ExpertWithPracticeRow>("SELECT id, display_name, practice_id FROM users WHERE role = 'expert' AND practice_id = $1 ORDER BY display_name")
                .bind(current.user.practice_id.clone().unwrap_or_default())
                .fetch_all(pool)
                .await?
        }
        Role::Admin => {
            sqlx::query_as::<_, ExpertWithPracticeRow>("SELECT id, display_name, practice_id FROM users WHERE role = 'expert' ORDER BY display_name").fetch_all(pool).await?
        }
    };
    Ok(Json(rows.into_iter().map(ExpertRef::from).collect()))
}

/// The campaign an employer manages: 404 `campaign_not_found` when the user may not see it, 403
/// `forbidden` when they may see it but are not an employer of its organisation.
async fn managed(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<Campaign> {
    let not_found = || ApiError::not_found("campaign_not_found", "no such campaign");
    let campaign = by_id(state, id).await?.ok_or_else(not_found)?;
    if !may_see(state, current, &campaign).await? {
        return Err(not_found());
    }
    current.require(Role::Employer)?;
    Ok(campaign)
}

/// Writes an employer's action on a campaign to the audit log, inside their transaction.
async fn audit_in(
    tx: &mut sqlx::AnyConnection,
    current: &CurrentUser,
    action: &str,
    campaign_id: &str,
    detail: Option<String>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, submission_id, campaign_id, detail) VALUES ($1, $2, $3, $4, NULL, $5, $6)")
        .bind(new_id())
        .bind(now())
        .bind(&current.user.id)
        .bind(action)
        .bind(campaign_id)
        .bind(detail)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// `POST /api/campaigns/{id}/close` (employer): closes a campaign now, before its last day.
/// Uploads are refused from then on, and the release draft is computed at once (the task that
/// runs every few minutes tries again if that fails). 200 with the campaign; 409
/// `campaign_already_closed` when it is closed already.
pub async fn close(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<CampaignView>> {
    let campaign = managed(&state, &current, &id).await?;
    if campaign.status_on(today()) == Status::Closed {
        return Err(ApiError::conflict("campaign_already_closed", "this campaign is closed already"));
    }
    let mut write = state.db().begin_write().await?;
    let outcome = async {
        let changed =
            sqlx::query("UPDATE campaigns SET closed_at = $1, figures_due = 1 WHERE id = $2 AND closed_at IS NULL")
                .bind(now())
                .bind(&id)
                .execute(&mut *write.tx)
                .await?
                .rows_affected();
        if changed == 0 {
            return Err(ApiError::conflict("campaign_already_closed", "this campaign is closed already"));
        }
        audit_in(&mut write.tx, &current, "close_campaign", &id, None).await?;
        Ok(())
    }
    .await;
    write.finish(outcome).await?;
    if let Err(error) = crate::releases::routes::compute_due(&state, &id).await {
        tracing::error!(code = error.code, "computing the release after closing failed; the release task will retry");
    }
    let campaign = by_id(&state, &id).await?.ok_or_else(|| ApiError::internal("campaign vanished"))?;
    Ok(Json(view(&state, &current, campaign).await?))
}

/// `POST /api/campaigns/{id}/extend` (employer): moves the last day later, within the bounds of
/// a new campaign; a campaign closed early opens again. Uploads already made keep the deletion
/// date they were given. 200 with the campaign; 422 `invalid_dates` (`field: "ends_on"`): before
/// today, not later than the current end (equal is allowed only to reopen a campaign closed
/// early), or more than five years ahead; 409 `campaign_expired` once the campaign's data may
/// have been deleted (after `delete_after`).
pub async fn extend(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Extension>,
) -> ApiResult<Json<CampaignView>> {
    let campaign = managed(&state, &current, &id).await?;
    let day = today();
    if day > campaign.delete_after() {
        return Err(ApiError::conflict(
            "campaign_expired",
            "this campaign's data has been deleted; start a new campaign",
        ));
    }
    let invalid = |message: String| ApiError::unprocessable("invalid_dates", message).with_field("ends_on");
    let reopening = campaign.closed_at.is_some();
    if body.ends_on < day {
        return Err(invalid(format!("ends_on must be today ({day}) or later")));
    }
    if body.ends_on < campaign.ends_on || (body.ends_on == campaign.ends_on && !reopening) {
        return Err(invalid(format!("ends_on must be later than the current end, {}", campaign.ends_on)));
    }
    if body.ends_on > latest_end(day) {
        return Err(invalid(format!(
            "ends_on must be on or before {} (at most {MAX_YEARS_AHEAD} years ahead)",
            latest_end(day)
        )));
    }
    let extended = Campaign { ends_on: body.ends_on, closed_at: None, ..campaign.clone() };
    let mut write = state.db().begin_write().await?;
    let outcome = async {
        sqlx::query("UPDATE campaigns SET ends_on = $1, closed_at = NULL, figures_due = 1 WHERE id = $2")
            .bind(body.ends_on.to_string())
            .bind(&id)
            .execute(&mut *write.tx)
            .await?;
        // Who counted in earlier releases is needed until the extended campaign's data goes.
        sqlx::query("UPDATE releases SET members_expire_at = $1 WHERE campaign_id = $2 AND members_expire_at < $1")
            .bind(extended.expires_at())
            .bind(&id)
            .execute(&mut *write.tx)
            .await?;
        // A draft waiting for publication is out of date once uploads come in again.
        sqlx::query("UPDATE releases SET stale = stale + 1 WHERE campaign_id = $1 AND status = 'draft'")
            .bind(&id)
            .execute(&mut *write.tx)
            .await?;
        audit_in(
            &mut write.tx,
            &current,
            "extend_campaign",
            &id,
            Some(format!("{} -> {}", campaign.ends_on, body.ends_on)),
        )
        .await?;
        Ok::<_, ApiError>(())
    }
    .await;
    write.finish(outcome).await?;
    Ok(Json(view(&state, &current, extended).await?))
}

/// `GET /api/campaigns/{id}/qr.svg` (whoever may see the campaign): the campaign link as a QR
/// code, an SVG with a title for screen readers, to print on a poster or show on a screen.
pub async fn qr(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let not_found = || ApiError::not_found("campaign_not_found", "no such campaign");
    let campaign = by_id(&state, &id).await?.ok_or_else(not_found)?;
    if !may_see(&state, &current, &campaign).await? {
        return Err(not_found());
    }
    let link = format!("{}/c/{}", state.config().base_url.trim_end_matches('/'), campaign.code);
    let svg = qr_svg(&link, "QR-code van de campagnelink")?;
    let mut response = svg.into_response();
    response
        .headers_mut()
        .insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static("image/svg+xml; charset=utf-8"));
    Ok(response)
}

/// `link` as a QR code in SVG, titled `title` and the link for screen readers.
pub(crate) fn qr_svg(link: &str, title: &str) -> ApiResult<String> {
    let svg = qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::M)
        .map_err(ApiError::internal)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(256, 256)
        .build();
    // The link is ours (base URL, a code from a fixed alphabet, a hex token), so it needs no
    // escaping beyond what a base URL could hold.
    let title = format!("<title>{} {}</title>", escape_xml(title), escape_xml(link));
    Ok(match svg.find("<svg").and_then(|start| svg[start..].find('>').map(|end| start + end + 1)) {
        Some(at) => format!("{}{title}{}", &svg[..at], &svg[at..]),
        None => svg,
    })
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

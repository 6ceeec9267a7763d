//! The action plan of a campaign: what the organisation chose to do per theme after reading the
//! published group figures, who takes it on and by when. The employer writes it; the campaign's
//! arbeidsdeskundigen read it (they advise on it); the dashboard shows it beside the figures,
//! the CSV exports it, and the next campaign's dashboard shows it again beside the trend, so a
//! change can be read against what was done.
//!
//! A plan is about the organisation, never about a person: it holds the employer's own words
//! (an action, an owner, a date), no figure and nothing from an upload. The form asks for no
//! names or health details of employees; the server cannot tell, so it keeps the texts short
//! and the console says it plainly.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;

use crate::accounts::auth::{CurrentUser, Role};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::models::campaign::{by_id, may_see, Campaign};
pub use crate::releases::figures::Action;
use crate::releases::figures::{Figures, MeasureKind, PreviousCampaign};
use crate::releases::routes::{employer_campaign, previous_campaign, published};
use crate::releases::rows::ActionRow;
use crate::util::{new_id, now};
use crate::AppState;

pub use werkscan_api::plan::{NewPlanAction, Plan, PlanActionChange, PreviousActions};

/// At most this many actions per campaign: a plan, not a to-do list.
pub const MAX_ACTIONS: i64 = 50;
/// The longest action, in characters.
pub const MAX_ACTION_CHARS: usize = 500;
/// The longest owner ("HR", "teamleider Zorg"), in characters.
pub const MAX_OWNER_CHARS: usize = 100;

const ACTION_COLUMNS: &str = "id, score, action, owner, due_on, done, carried_from, created_at, updated_at";

/// A campaign's actions, by theme in the order added.
pub(crate) async fn of_campaign(state: &AppState, campaign_id: &str) -> ApiResult<Vec<Action>> {
    let rows = sqlx::query_as::<_, ActionRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {ACTION_COLUMNS} FROM plan_actions WHERE campaign_id = $1 ORDER BY position, created_at, id"
    )))
    .bind(campaign_id)
    .fetch_all(&state.db().pool)
    .await?;
    Ok(rows.into_iter().map(Action::from).collect())
}

/// The plan of a campaign with that of `previous`, the campaign its dashboard compares with
/// ([`previous_campaign`]).
pub(crate) async fn plan(state: &AppState, campaign_id: &str, previous: Option<&PreviousCampaign>) -> ApiResult<Plan> {
    let actions = of_campaign(state, campaign_id).await?;
    let previous_actions = match previous {
        Some(previous) => Some(PreviousActions {
            actions: of_campaign(state, &previous.campaign_id).await?,
            campaign_id: previous.campaign_id.clone(),
            campaign_name: previous.campaign_name.clone(),
        }),
        None => None,
    };
    Ok(Plan { actions, previous_actions })
}

/// 422 `invalid_action` about one field; the message starts with the field's name.
fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::unprocessable("invalid_action", format!("{field}: {message}")).with_field(field)
}

/// A text field trimmed: 1 to `max` characters, no control characters.
fn text(field: &str, value: &str, max: usize) -> ApiResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(invalid(field, "write something here"));
    }
    if value.chars().count() > max {
        return Err(invalid(field, &format!("at most {max} characters")));
    }
    if value.chars().any(char::is_control) {
        return Err(invalid(field, "no control characters"));
    }
    Ok(value.to_owned())
}

/// A due date: a real date, not before the campaign started (the plan follows its figures) and
/// within five years.
fn due_on(value: &str, campaign: &Campaign) -> ApiResult<String> {
    let day =
        NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| invalid("due_on", "a date as YYYY-MM-DD"))?;
    if day < campaign.starts_on {
        return Err(invalid("due_on", "not before the campaign's first day"));
    }
    if day > campaign.starts_on + chrono::Days::new(5 * 366) {
        return Err(invalid("due_on", "within five years"));
    }
    Ok(day.to_string())
}

/// The campaign an employer plans for: theirs, with a published release; and its figures.
async fn plannable(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<(Campaign, Figures)> {
    let campaign = employer_campaign(state, current, id).await?;
    let release = published(state, &campaign).await?;
    let figures: Figures = serde_json::from_str(&release.figures).map_err(ApiError::internal)?;
    Ok((campaign, figures))
}

async fn one(state: &AppState, campaign_id: &str, action_id: &str) -> ApiResult<Action> {
    let row = sqlx::query_as::<_, ActionRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {ACTION_COLUMNS} FROM plan_actions WHERE id = $1 AND campaign_id = $2"
    )))
    .bind(action_id)
    .bind(campaign_id)
    .fetch_optional(&state.db().pool)
    .await?
    .ok_or_else(|| ApiError::not_found("action_not_found", "no such action in this campaign's plan"))?;
    Ok(Action::from(row))
}

/// `POST /api/campaigns/{id}/actions` (employer): adds an action to the plan. 201; 422
/// `invalid_action` naming the field; 409 `too_many_actions` or `already_carried`; 404
/// `release_not_published` before there are figures to plan for.
pub async fn add(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewPlanAction>,
) -> ApiResult<(StatusCode, Json<Action>)> {
    let (campaign, figures) = plannable(&state, &current, &id).await?;
    if !figures.measures.iter().any(|measure| measure.kind == MeasureKind::Theme && measure.score == body.score) {
        return Err(invalid("score", "not a theme of these figures"));
    }
    let action = text("action", &body.action, MAX_ACTION_CHARS)?;
    let owner = text("owner", &body.owner, MAX_OWNER_CHARS)?;
    let due = due_on(&body.due_on, &campaign)?;
    if let Some(carried) = &body.carried_from {
        // Only an action of the campaign this dashboard compares with can be carried on.
        let previous = previous_campaign(&state, &campaign).await?.map(|(previous, _)| previous.campaign_id);
        let exists = match &previous {
            Some(previous) => {
                sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM plan_actions WHERE id = $1 AND campaign_id = $2")
                    .bind(carried)
                    .bind(previous)
                    .fetch_one(&state.db().pool)
                    .await?
                    > 0
            }
            None => false,
        };
        if !exists {
            return Err(invalid("carried_from", "not an action of the previous campaign"));
        }
    }
    let at = now();
    let new = new_id();
    let mut write = state.db().begin_write().await?;
    let outcome: ApiResult<u64> = async {
        // The count and the insert in one statement, so two requests at once cannot both take
        // the last place (on SQLite writes take turns; on PostgreSQL the unique carried_from
        // and this check hold for what matters: no unbounded plan).
        let inserted = sqlx::query(
            "INSERT INTO plan_actions (id, campaign_id, score, action, owner, due_on, done, position, carried_from, created_by, created_at, updated_at) \
             SELECT $1, $2, $3, $4, $5, $6, 0, (SELECT COALESCE(MAX(position), 0) + 1 FROM plan_actions WHERE campaign_id = $2), $7, $8, $9, $9 WHERE (SELECT COUNT(*) FROM plan_actions WHERE campaign_id = $2) < $10 \
             AND NOT EXISTS (SELECT 1 FROM plan_actions WHERE campaign_id = $2 AND carried_from = $7)",
        )
        .bind(&new)
        .bind(&campaign.id)
        .bind(&body.score)
        .bind(&action)
        .bind(&owner)
        .bind(&due)
        .bind(body.carried_from.clone())
        .bind(&current.user.id)
        .bind(at)
        .bind(MAX_ACTIONS)
        .execute(&mut *write.tx)
        .await;
        match inserted {
            Ok(done) => Ok(done.rows_affected()),
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                Err(ApiError::conflict("already_carried", "this action of the previous campaign is already in the plan"))
            }
            Err(error) => Err(error.into()),
        }
    }
    .await;
    let inserted = write.finish(outcome).await?;
    if inserted == 0 {
        let carried = match &body.carried_from {
            Some(carried) => {
                sqlx::query_scalar::<_, i64>(
                    "SELECT COUNT(*) FROM plan_actions WHERE campaign_id = $1 AND carried_from = $2",
                )
                .bind(&campaign.id)
                .bind(carried)
                .fetch_one(&state.db().pool)
                .await?
                    > 0
            }
            None => false,
        };
        return Err(if carried {
            ApiError::conflict("already_carried", "this action of the previous campaign is already in the plan")
        } else {
            ApiError::conflict("too_many_actions", format!("a plan holds at most {MAX_ACTIONS} actions"))
        });
    }
    crate::audit::audit(&state, &current, "add_plan_action", None, Some(&campaign.id)).await?;
    Ok((StatusCode::CREATED, Json(one(&state, &campaign.id, &new).await?)))
}

/// `PUT /api/campaigns/{id}/actions/{action}` (employer): changes an action or marks it done.
/// 404 `action_not_found`; 422 `invalid_action`.
pub async fn change(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, action_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<PlanActionChange>,
) -> ApiResult<Json<Action>> {
    let (campaign, _) = plannable(&state, &current, &id).await?;
    one(&state, &campaign.id, &action_id).await?;
    let action = text("action", &body.action, MAX_ACTION_CHARS)?;
    let owner = text("owner", &body.owner, MAX_OWNER_CHARS)?;
    let due = due_on(&body.due_on, &campaign)?;
    sqlx::query("UPDATE plan_actions SET action = $1, owner = $2, due_on = $3, done = $4, updated_at = $5 WHERE id = $6 AND campaign_id = $7")
        .bind(&action)
        .bind(&owner)
        .bind(&due)
        .bind(i64::from(body.done))
        .bind(now())
        .bind(&action_id)
        .bind(&campaign.id)
        .execute(&state.db().pool)
        .await?;
    crate::audit::audit(&state, &current, "change_plan_action", None, Some(&campaign.id)).await?;
    Ok(Json(one(&state, &campaign.id, &action_id).await?))
}

/// `DELETE /api/campaigns/{id}/actions/{action}` (employer): removes an action. 204; 404
/// `action_not_found`.
pub async fn remove(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, action_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let (campaign, _) = plannable(&state, &current, &id).await?;
    let deleted = sqlx::query("DELETE FROM plan_actions WHERE id = $1 AND campaign_id = $2")
        .bind(&action_id)
        .bind(&campaign.id)
        .execute(&state.db().pool)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Err(ApiError::not_found("action_not_found", "no such action in this campaign's plan"));
    }
    crate::audit::audit(&state, &current, "remove_plan_action", None, Some(&campaign.id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/expert/campaigns/{id}/actions` (the campaign's arbeidsdeskundige): the plan, read
/// only. 404 `campaign_not_found` for a campaign they do not work on.
pub async fn for_expert(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Plan>> {
    current.require(Role::Expert)?;
    let not_found = || ApiError::not_found("campaign_not_found", "no such campaign");
    let campaign = by_id(&state, &id).await?.ok_or_else(not_found)?;
    if !may_see(&state, &current, &campaign).await? {
        return Err(not_found());
    }
    let previous = previous_campaign(&state, &campaign).await?;
    Ok(Json(plan(&state, &campaign.id, previous.as_ref().map(|(about, _)| about)).await?))
}

//! The arbeidsdeskundige's review and publication of a campaign's release
//! (`/api/expert/campaigns/{id}/release`). The release itself (what it holds, how it is computed
//! and stored) is in `releases`; these routes are here because they answer with the campaign as
//! staff see it (`campaigns::routes::view`), which shows the campaign's release in turn.

use axum::extract::{Path, State};
use axum::Json;

use super::rows::ExpertRow;
use crate::accounts::auth::{CurrentUser, Role};
use crate::campaigns::routes::view;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::models::campaign::{by_id, may_see, Campaign, ExpertRef, Status};
use crate::releases::routes::{compute_due, dashboard, latest, publish_draft, ReviewRelease};
use crate::util::{rfc3339, today};
use crate::AppState;

pub use werkscan_api::releases::{Publish, PublishedRef, Review};

/// The campaign of an arbeidsdeskundige's release routes: 403 `forbidden` for other roles, 404
/// `campaign_not_found`, 403 `not_campaign_expert` for an expert not named in it.
async fn expert_campaign(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<Campaign> {
    current.require(Role::Expert)?;
    let campaign =
        by_id(state, id).await?.ok_or_else(|| ApiError::not_found("campaign_not_found", "no such campaign"))?;
    if !may_see(state, current, &campaign).await? {
        return Err(ApiError::forbidden(
            "not_campaign_expert",
            "only the campaign's arbeidsdeskundigen review and publish its figures",
        ));
    }
    Ok(campaign)
}

async fn review_of(state: &AppState, current: &CurrentUser, campaign: Campaign) -> ApiResult<Review> {
    let release = latest(state, &campaign.id, false).await?.ok_or_else(|| {
        ApiError::not_found("release_not_computed", "there is no release yet: it is computed when the campaign closes")
    })?;
    let published_by = match &release.published_by {
        Some(user) => sqlx::query_as::<_, ExpertRow>("SELECT id, display_name FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(&state.db().pool)
            .await?
            .map(ExpertRef::from),
        None => None,
    };
    let published = latest(state, &campaign.id, true)
        .await?
        .map(|release| PublishedRef { sequence: release.sequence, published_at: release.published_at.map(rfc3339) });
    let note: Option<String> = sqlx::query_scalar("SELECT figures_note FROM campaigns WHERE id = $1")
        .bind(&campaign.id)
        .fetch_one(&state.db().pool)
        .await?;
    let dashboard = dashboard(state, &campaign, &release).await?;
    let status = crate::releases::routes::shown_status(&release)?;
    Ok(Review {
        signals: serde_json::from_str(&release.signals).map_err(ApiError::internal)?,
        release: ReviewRelease {
            id: release.id,
            sequence: release.sequence,
            status,
            revision: release.revision,
            computed_at: rfc3339(release.computed_at),
            published_at: release.published_at.map(rfc3339),
            published_by,
            respondents: release.respondents,
        },
        dashboard,
        published,
        recompute: note.and_then(|note| serde_json::from_str(&note).ok()),
        campaign: view(state, current, campaign).await?,
    })
}

/// `GET /api/expert/campaigns/{id}/release` (the campaign's arbeidsdeskundige): the latest
/// release, computed first if it is due (a stale draft is computed again). 404
/// `release_not_computed` while there is none.
pub async fn review(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Review>> {
    let campaign = expert_campaign(&state, &current, &id).await?;
    compute_due(&state, &campaign.id).await?;
    Ok(Json(review_of(&state, &current, campaign).await?))
}

/// `POST /api/expert/campaigns/{id}/release/publish` (the campaign's arbeidsdeskundige):
/// publishes the reviewed draft to the employer; the release they saw before is superseded.
/// Audited as `publish_release`. 409 `campaign_open` while the campaign takes uploads, 409
/// `release_changed` when the draft was computed again since that revision (for example after
/// a withdrawal), 409 `release_already_published`, 404 `release_not_computed`.
pub async fn publish(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Publish>,
) -> ApiResult<Json<Review>> {
    let campaign = expert_campaign(&state, &current, &id).await?;
    if campaign.status_on(today()) != Status::Closed {
        return Err(ApiError::conflict("campaign_open", "figures are published after the campaign has closed"));
    }
    compute_due(&state, &campaign.id).await?;
    let release = latest(&state, &campaign.id, false).await?.ok_or_else(|| {
        ApiError::not_found("release_not_computed", "there is no release yet: it is computed when the campaign closes")
    })?;
    if release.status == "published" {
        return Err(ApiError::conflict("release_already_published", "this release is published already"));
    }
    publish_draft(state.db(), &campaign.id, &release, body.revision, &current.user.id).await?;
    Ok(Json(review_of(&state, &current, campaign).await?))
}

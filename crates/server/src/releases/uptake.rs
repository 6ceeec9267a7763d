//! The booking uptake of a campaign, as numbers only: what a release counts of conversations
//! (shown to the employer from k) and what the campaign's experts see while it runs. Read here,
//! beside the release, rather than in `booking`: booking builds on uploads, which feed the
//! releases, so the releases cannot depend on booking.

use crate::error::ApiResult;
use crate::releases::figures::Uptake;
use crate::releases::rows::UptakeRow;
use crate::AppState;

/// The booking uptake of a campaign.
pub async fn uptake(state: &AppState, campaign_id: &str) -> ApiResult<Uptake> {
    uptake_in(state.db(), campaign_id).await
}

/// The booking uptake of a campaign, read from `db`.
pub async fn uptake_in(db: &crate::db::Db, campaign_id: &str) -> ApiResult<Uptake> {
    let row = sqlx::query_as::<_, UptakeRow>(
        "SELECT COUNT(*) AS booked, COALESCE(SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END), 0) AS held \
         FROM appointments WHERE campaign_id = $1 AND status <> 'cancelled'",
    )
    .bind(campaign_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(Uptake::from(row))
}

//! What the employer sees of the response while a campaign runs: once a day, rounded down.
//!
//! A number that moves with every upload and withdrawal tells the employer, by watching it, when
//! someone took part or left, and (minus the release's respondents) how many shared only with
//! the arbeidsdeskundige, which the consent says the employer never hears. So the employer sees
//! one number a day: the group-figure uploads made before the last 06:00 in Amsterdam, rounded
//! down to a multiple of the campaign's k, or "fewer than k". Shares with the expert only never
//! count.
//!
//! The number is stored per campaign and boundary (`response_counts`) the first time it is needed
//! after 06:00: by the release task, which runs every few minutes, or by the first view before
//! that. A count computed at every request from "uploads made before 06:00" would still move
//! when one of those uploads is withdrawn later in the day; a stored number does not. With two
//! instances, both may compute it; the first insert wins (`ON CONFLICT DO NOTHING`) and both read
//! the stored row, so they always show the same number.

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

use crate::db::Db;
use crate::error::ApiResult;
use crate::util::rfc3339;

pub use werkscan_api::campaigns::DailyResponse;

/// The local hour (Europe/Amsterdam) at which the day's number is taken.
pub const DAILY_HOUR: u32 = 6;

/// The last 06:00 in Amsterdam at or before `now` (Unix seconds). 06:00 exists on every day
/// there (the clocks change at 02:00 and 03:00), so the boundary is always one instant.
pub fn last_boundary(now: i64) -> i64 {
    let Some(instant) = DateTime::<Utc>::from_timestamp(now, 0) else { return now };
    let local = instant.with_timezone(&Amsterdam);
    let at_six = |day: chrono::NaiveDate| {
        Amsterdam
            .from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(DAILY_HOUR, 0, 0).unwrap_or(NaiveTime::MIN)))
            .earliest()
            .map(|moment| moment.timestamp())
    };
    let today = local.date_naive();
    match at_six(today) {
        Some(boundary) if boundary <= now => boundary,
        _ => today.pred_opt().and_then(at_six).unwrap_or(now),
    }
}

/// `count` rounded down to a multiple of `k`; `None` below k.
pub fn rounded_down(count: i64, k: i64) -> Option<i64> {
    let k = k.max(1);
    (count >= k).then(|| count / k * k)
}

/// The day's count as the employer sees it: [`rounded_down`], and, when the roster gives the
/// number of people invited, never above the largest multiple of k that is at least k below it.
/// Rounding down alone says "c to c + k − 1"; next to a roster of `roster` people that range is
/// cut at the roster's size, and when c equals it ("44 or more" of 44 invited) it says that
/// everyone took part. With the cap every number shown stands for at least k possible counts.
pub fn shown_count(count: i64, k: i64, roster: Option<i64>) -> Option<i64> {
    let k = k.max(1);
    let shown = rounded_down(count, k)?;
    match roster {
        Some(heads) => {
            let cap = (heads - k).div_euclid(k) * k;
            (cap >= k).then(|| shown.min(cap))
        }
        None => Some(shown),
    }
}

/// The number of the campaign's group-figure uploads made before the last boundary, as stored
/// for that boundary (taken now if it was not yet).
pub async fn stored_count(db: &Db, campaign_id: &str, now: i64) -> ApiResult<i64> {
    let boundary = last_boundary(now);
    if let Some(count) = read(db, campaign_id, boundary).await? {
        return Ok(count);
    }
    take(db, campaign_id, boundary, now).await?;
    Ok(read(db, campaign_id, boundary).await?.unwrap_or_default())
}

/// What the employer sees of a running campaign's response.
pub async fn daily(db: &Db, campaign_id: &str, min_group_size: i64, now: i64) -> ApiResult<DailyResponse> {
    let count = stored_count(db, campaign_id, now).await?;
    // With personal invitations, the number invited (which the employer knows from its roster).
    let roster: Option<i64> = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM invitations i WHERE i.campaign_id = c.id) FROM campaigns c WHERE c.id = $1 AND c.invitations = 'personal'",
    )
    .bind(campaign_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(DailyResponse {
        at_least: shown_count(count, min_group_size, roster),
        min_group_size,
        as_of: rfc3339(last_boundary(now)),
    })
}

async fn read(db: &Db, campaign_id: &str, boundary: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT group_uploads FROM response_counts WHERE campaign_id = $1 AND taken_for = $2")
        .bind(campaign_id)
        .bind(boundary)
        .fetch_optional(&db.pool)
        .await
}

/// Stores the boundary's number unless another instance (or an earlier call) did, and forgets
/// the campaign's earlier ones.
async fn take(db: &Db, campaign_id: &str, boundary: i64, now: i64) -> Result<(), sqlx::Error> {
    let mut write = db.begin_write().await?;
    let outcome = async {
        // The write first (see Db::begin_write); the count inside it, so it is the database's
        // state at the moment the number is kept.
        sqlx::query(
            "INSERT INTO response_counts (campaign_id, taken_for, group_uploads, taken_at) \
             SELECT $1, $2, COUNT(*), $3 FROM submissions WHERE campaign_id = $1 AND group_figures = 1 AND created_at < $2 \
             ON CONFLICT (campaign_id, taken_for) DO NOTHING",
        )
        .bind(campaign_id)
        .bind(boundary)
        .bind(now)
        .execute(&mut *write.tx)
        .await?;
        sqlx::query("DELETE FROM response_counts WHERE campaign_id = $1 AND taken_for < $2")
            .bind(campaign_id)
            .bind(boundary)
            .execute(&mut *write.tx)
            .await?;
        Ok(())
    }
    .await;
    write.finish(outcome).await
}

/// Takes the day's number for every open campaign that has none yet (the release task calls it
/// every few minutes, so the number describes the campaign at about 06:00, not at its first
/// view).
pub async fn take_due(db: &Db, now: i64) -> ApiResult<()> {
    let boundary = last_boundary(now);
    let today = crate::util::today().to_string();
    let due: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM campaigns WHERE closed_at IS NULL AND starts_on <= $1 AND ends_on >= $1 \
         AND id NOT IN (SELECT campaign_id FROM response_counts WHERE taken_for = $2)",
    )
    .bind(&today)
    .bind(boundary)
    .fetch_all(&db.pool)
    .await?;
    for id in due {
        take(db, &id, boundary, now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{last_boundary, rounded_down, shown_count};
    use chrono::{TimeZone, Utc};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap().timestamp()
    }

    #[test]
    fn the_boundary_is_six_in_amsterdam_in_winter_and_summer() {
        // Winter: 06:00 in Amsterdam is 05:00 UTC.
        assert_eq!(last_boundary(at(2026, 12, 8, 5, 0)), at(2026, 12, 8, 5, 0));
        assert_eq!(last_boundary(at(2026, 12, 8, 4, 59)), at(2026, 12, 7, 5, 0));
        assert_eq!(last_boundary(at(2026, 12, 8, 23, 30)), at(2026, 12, 8, 5, 0));
        // Summer: 04:00 UTC.
        assert_eq!(last_boundary(at(2026, 7, 1, 4, 0)), at(2026, 7, 1, 4, 0));
        assert_eq!(last_boundary(at(2026, 7, 1, 3, 0)), at(2026, 6, 30, 4, 0));
        // The days the clocks change (29 March and 25 October 2026).
        assert_eq!(last_boundary(at(2026, 3, 29, 12, 0)), at(2026, 3, 29, 4, 0));
        assert_eq!(last_boundary(at(2026, 3, 29, 3, 0)), at(2026, 3, 28, 5, 0));
        assert_eq!(last_boundary(at(2026, 10, 25, 12, 0)), at(2026, 10, 25, 5, 0));
        assert_eq!(last_boundary(at(2026, 10, 25, 4, 30)), at(2026, 10, 24, 4, 0));
    }

    #[test]
    fn the_count_is_rounded_down_to_a_multiple_of_k() {
        assert_eq!(rounded_down(0, 10), None);
        assert_eq!(rounded_down(9, 10), None);
        assert_eq!(rounded_down(10, 10), Some(10));
        assert_eq!(rounded_down(29, 10), Some(20));
        assert_eq!(rounded_down(7, 5), Some(5));
        // 44 invited, k = 11: 33 to 44 all show as 33, so "everyone" is never shown.
        assert_eq!(shown_count(44, 11, Some(44)), Some(33));
        assert_eq!(shown_count(33, 11, Some(44)), Some(33));
        assert_eq!(shown_count(32, 11, Some(44)), Some(22));
        assert_eq!(shown_count(44, 11, None), Some(44));
        // Fewer than 2k invited: never a number.
        assert_eq!(shown_count(20, 11, Some(21)), None);
    }
}

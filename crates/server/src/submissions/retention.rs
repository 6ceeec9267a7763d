//! Retention: submissions are deleted when their campaign's retention period ends, with
//! everything derived from them, and scrubbed from the database files (`Db::scrub`). Also clears
//! ended sessions, old login failures and upload attempts, and expired withdrawal markers.
//!
//! Runs at start and then periodically. Idempotent and safe with several instances: each pass
//! deletes whatever has expired by now; a second instance doing the same finds nothing left.

use std::time::Duration;

use crate::db::Db;
use crate::submissions::routes::delete_derived;
use crate::submissions::rows::LeavingRow;
use crate::util::now;

/// What one pass deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    /// Submissions deleted.
    pub submissions: u64,
    /// Sessions deleted.
    pub sessions: u64,
    /// Appointments, booking reminders and e-mails deleted.
    pub appointments: u64,
    /// Addresses of invited people deleted (their campaigns ended).
    pub addresses: u64,
}

/// Deletes everything that expired at or before `at` (Unix seconds).
pub async fn purge_expired(db: &Db, at: i64) -> Result<Purged, sqlx::Error> {
    // Who counted in the releases of campaigns whose data is gone: no longer needed (no later
    // release can follow), and it goes with the data. The releases' aggregates stay.
    let mut write = db.begin_write().await?;
    let outcome = sqlx::query(
        "DELETE FROM release_members WHERE release_id IN (SELECT id FROM releases WHERE members_expire_at <= $1)",
    )
    .bind(at)
    .execute(&mut *write.tx)
    .await;
    write.finish(outcome).await?;
    let rows = sqlx::query_as::<_, LeavingRow>(
        "SELECT id, campaign_id, department, group_figures FROM submissions WHERE expires_at <= $1",
    )
    .bind(at)
    .fetch_all(&db.pool)
    .await?;
    let mut purged = Purged::default();
    // One short transaction per submission keeps the SQLite write lock brief for uploads.
    for row in rows {
        let id = &row.id;
        let mut write = db.begin_write().await?;
        let outcome = async {
            // A write first (SQLite's lock), that also checks the row is still there; its scores
            // are read for the group figures' sums before the delete cascades to them.
            let still =
                sqlx::query("UPDATE submissions SET expires_at = expires_at WHERE id = $1 AND expires_at <= $2")
                    .bind(id)
                    .bind(at)
                    .execute(&mut *write.tx)
                    .await?
                    .rows_affected();
            if still > 0 && row.group_figures != 0 {
                // Out of the campaign's sums and any unpublished draft, like a withdrawal.
                crate::releases::routes::forget_upload(&mut write.tx, &row.campaign_id, row.department.as_deref(), id)
                    .await?;
            }
            let deleted = sqlx::query("DELETE FROM submissions WHERE id = $1 AND expires_at <= $2")
                .bind(id)
                .bind(at)
                .execute(&mut *write.tx)
                .await?
                .rows_affected();
            delete_derived(&mut write.tx, id).await?;
            Ok::<_, sqlx::Error>(deleted)
        }
        .await;
        purged.submissions += write.finish(outcome).await?;
    }
    sqlx::query("DELETE FROM group_cells WHERE respondents <= 0").execute(&db.pool).await?;
    // Appointments (contact details), reminders and messages go with the campaign's data.
    let mut deleted_contacts = 0;
    for sql in [
        "DELETE FROM outbox WHERE expires_at <= $1",
        "DELETE FROM booking_reminders WHERE expires_at <= $1",
        "DELETE FROM appointments WHERE expires_at <= $1",
    ] {
        let mut write = db.begin_write().await?;
        let outcome = sqlx::query(sql).bind(at).execute(&mut *write.tx).await.map(|done| done.rows_affected());
        deleted_contacts += write.finish(outcome).await?;
    }
    purged.appointments = deleted_contacts;
    // The roster's addresses are only for sending: gone once the campaign has ended.
    let today = chrono::DateTime::from_timestamp(at, 0).map_or_else(crate::util::today, |moment| moment.date_naive());
    purged.addresses = crate::models::invitation::forget_addresses(db, today, at).await?;
    purged.sessions =
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(at).execute(&db.pool).await?.rows_affected();
    // Failures older than a day no longer count for any window we use; rate-limit attempts older
    // than an hour neither.
    sqlx::query("DELETE FROM login_failures WHERE at <= $1").bind(at - 24 * 60 * 60).execute(&db.pool).await?;
    sqlx::query("DELETE FROM second_factor_failures WHERE at <= $1").bind(at - 24 * 60 * 60).execute(&db.pool).await?;
    sqlx::query("DELETE FROM trusted_devices WHERE expires_at <= $1").bind(at).execute(&db.pool).await?;
    sqlx::query("DELETE FROM password_links WHERE expires_at <= $1").bind(at).execute(&db.pool).await?;
    sqlx::query("DELETE FROM rate_attempts WHERE at <= $1").bind(at - 60 * 60).execute(&db.pool).await?;
    sqlx::query("DELETE FROM withdrawal_code_attempts WHERE at <= $1").bind(at - 60 * 60).execute(&db.pool).await?;
    sqlx::query("DELETE FROM withdrawn_uploads WHERE expires_at <= $1").bind(at).execute(&db.pool).await?;
    if purged.submissions > 0 || purged.appointments > 0 {
        db.scrub().await?;
    }
    Ok(purged)
}

/// Runs [`purge_expired`] now and then every `every`, forever (spawn it).
pub async fn run_periodically(db: Db, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    loop {
        ticker.tick().await;
        match purge_expired(&db, now()).await {
            Ok(purged) if purged.submissions > 0 => {
                tracing::info!(
                    submissions = purged.submissions,
                    sessions = purged.sessions,
                    "retention: deleted expired data"
                )
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "retention pass failed; will retry"),
        }
    }
}

//! What other areas need to know of personal invitations: how people take part in a campaign
//! (`Mode`), whether a link is an invitation of it (`opened`), and the deletion of the addresses
//! when a campaign ends. The roster's routes are in `campaigns::invitations`.

use super::rows::OpenedRow;
use crate::util::sha256_hex;

// How people take part, by the name the server's models give it (`campaigns.invitations`).
pub use werkscan_api::campaigns::Invitations as Mode;

/// The mode stored in `campaigns.invitations`; an unknown text is the stricter reading,
/// personal.
pub fn stored_mode(text: &str) -> Mode {
    Mode::parse(text).unwrap_or(Mode::Personal)
}

/// The invitation a personal link opens, in this campaign: its id, department and whether it
/// was used.
pub struct Opened {
    /// The invitation's id.
    pub id: String,
    /// Its department.
    pub department: String,
    /// Whether an upload was made with it.
    pub used: bool,
}

/// The invitation behind `token` in the campaign, if there is one.
pub async fn opened(db: &crate::db::Db, campaign_id: &str, token: &str) -> Result<Option<Opened>, sqlx::Error> {
    let row = sqlx::query_as::<_, OpenedRow>(
        "SELECT i.id, i.department, i.used FROM invitation_links l JOIN invitations i ON i.id = l.invitation_id \
         WHERE l.token_hash = $1 AND i.campaign_id = $2",
    )
    .bind(sha256_hex(token.trim()))
    .bind(campaign_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(Opened::from))
}

/// Deletes the addresses of every campaign that has ended or closed (the roster is only for
/// sending), and every invitation of a campaign whose data has expired. Returns the addresses
/// deleted.
pub async fn forget_addresses(db: &crate::db::Db, day: chrono::NaiveDate, at: i64) -> Result<u64, sqlx::Error> {
    let with_invitations: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT campaign_id FROM invitations").fetch_all(&db.pool).await?;
    let mut expired = Vec::new();
    for campaign_id in with_invitations {
        if let Ok(Some(campaign)) = crate::models::campaign::by_id_in(db, &campaign_id).await {
            if campaign.expires_at() <= at {
                expired.push(campaign_id);
            }
        }
    }
    let mut write = db.begin_write().await?;
    let outcome = async {
        let forgotten = sqlx::query(
            "UPDATE invitations SET email = NULL WHERE email IS NOT NULL AND campaign_id IN \
             (SELECT id FROM campaigns WHERE closed_at IS NOT NULL OR ends_on < $1)",
        )
        .bind(day.to_string())
        .execute(&mut *write.tx)
        .await?
        .rows_affected();
        for campaign_id in &expired {
            sqlx::query("DELETE FROM invitation_links WHERE invitation_id IN (SELECT id FROM invitations WHERE campaign_id = $1)")
                .bind(campaign_id)
                .execute(&mut *write.tx)
                .await?;
            sqlx::query("DELETE FROM invitations WHERE campaign_id = $1").bind(campaign_id).execute(&mut *write.tx).await?;
        }
        Ok::<_, sqlx::Error>(forgotten)
    }
    .await;
    write.finish(outcome).await
}

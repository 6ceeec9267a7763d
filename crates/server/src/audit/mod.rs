//! The audit trail: who did what, when, to which submission, campaign, account, organisation or
//! practice (never content). Every area writes to it (`audit`); the expert reads their own
//! (`expert::inbox::own_audit`), the practice admin their practice's
//! (`admin::practice_admin`), the platform admin all of it (`admin::api::audit_log`), each read
//! through `AUDIT_ROWS` and `audit_entries`.

mod rows;

pub(crate) use self::rows::AuditRow;

use crate::accounts::auth::CurrentUser;
use crate::error::ApiResult;
use crate::util::{new_id, now, rfc3339};
use crate::AppState;
use axum::Json;

pub use werkscan_api::audit::{AccountTarget, AuditEntry};

/// The reads that look at what is already on an expert's screen again: the inbox (each status
/// tab, filter and page is a new request), one shared result, the appointments (each tab) and
/// the follow-up list.
pub const REPEATABLE_READS: [&str; 4] = ["list_submissions", "read_submission", "list_appointments", "list_follow_up"];

/// How long a read of [`REPEATABLE_READS`] stays recorded by its first row: the same account
/// reading the same thing again within this time (a tab switch, a reload, coming back from a
/// result to the list) adds no row. The log answers "who saw whose data, and when"; a row per
/// tab switch answers nothing more (a row holds no filter or page) and buries the reads that
/// matter. A quarter of an hour covers working through one person; a later read is a new row.
/// The server applies it, not the console, so it holds for every client: a second browser tab,
/// a reload, a script. Writes and exports are always recorded.
pub const READ_AUDIT_WINDOW_SECONDS: i64 = 15 * 60;

/// Writes an audit row: who did what to which submission or campaign, when. A read of
/// [`REPEATABLE_READS`] is written once per [`READ_AUDIT_WINDOW_SECONDS`] for the same account,
/// action, submission and campaign.
pub(crate) async fn audit(
    state: &AppState,
    current: &CurrentUser,
    action: &str,
    submission: Option<&str>,
    campaign: Option<&str>,
) -> ApiResult<()> {
    let at = now();
    let repeatable = REPEATABLE_READS.contains(&action);
    let since = if repeatable { at - READ_AUDIT_WINDOW_SECONDS } else { i64::MAX };
    if repeatable {
        // A read already on record within the window: nothing to write. Looked up with a read
        // first, so that the reads that add no row (most inbox pages) take no write lock: on
        // SQLite every conditional insert did, and readers at once queued for it.
        let recorded: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = $2 AND COALESCE(submission_id, '') = COALESCE($3, '') \
             AND COALESCE(campaign_id, '') = COALESCE($4, '') AND at > $5 LIMIT 1",
        )
        .bind(&current.user.id)
        .bind(action)
        .bind(submission.map(str::to_owned))
        .bind(campaign.map(str::to_owned))
        .bind(since)
        .fetch_optional(&state.db().pool)
        .await?;
        if recorded.is_some() {
            return Ok(());
        }
    }
    // Checked again in the statement that writes, so the check and the write cannot be split by
    // another request's write (on SQLite; on PostgreSQL two identical reads in the same instant
    // may both be written, which keeps a read rather than losing one).
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_user_id, action, submission_id, campaign_id, detail) \
         SELECT $1, $2, $3, $4, $5, $6, NULL WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE actor_user_id = $3 AND action = $4 \
         AND COALESCE(submission_id, '') = COALESCE($5, '') AND COALESCE(campaign_id, '') = COALESCE($6, '') AND at > $7)",
    )
    .bind(new_id())
    .bind(at)
    .bind(&current.user.id)
    .bind(action)
    .bind(submission.map(str::to_owned))
    .bind(campaign.map(str::to_owned))
    .bind(since)
    .execute(&state.db().pool)
    .await?;
    Ok(())
}

// The actions whose `detail` is the id of the staff account they concerned.
macro_rules! account_actions {
    () => {
        "('create_user', 'deactivate_user', 'activate_user', 'reset_password', 'reset_second_factor', 'use_password_link', 'set_practice_member', 'link_expert')"
    };
}
pub(crate) use account_actions;

/// `SELECT … FROM` of audit rows as [`audit_entries`] reads them: the actor's name, and what the
/// row concerned by name (the campaign, the staff account). `detail` is read only to find the
/// organisation or practice by id; it is never returned (it may hold other words).
pub(crate) const AUDIT_ROWS: &str = concat!(
    "SELECT a.at, a.action, a.submission_id, a.campaign_id, a.detail, u.display_name, c.name AS campaign_name, \
     t.display_name AS target_name, t.email AS target_email \
     FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN campaigns c ON c.id = a.campaign_id \
     LEFT JOIN users t ON t.id = a.detail AND a.action IN ",
    account_actions!(),
    " "
);

/// Rows of [`AUDIT_ROWS`] as entries, with the organisations, practices and questionnaire
/// versions they concerned by name (`detail` holds their id: `create_organisation`,
/// `create_practice`, `update_practice`, `link_practice_organisation` with "practice
/// organisation", and the content hash of `definition_published`).
pub(crate) async fn audit_entries(state: &AppState, rows: Vec<AuditRow>) -> ApiResult<Json<Vec<AuditEntry>>> {
    let names = |table: &'static str| async move {
        let rows = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(format!("SELECT id, name FROM {table}")))
            .fetch_all(&state.db().pool)
            .await?;
        Ok::<_, sqlx::Error>(rows.into_iter().collect::<std::collections::HashMap<String, String>>())
    };
    let organisations = names("organisations").await?;
    let practices = names("practices").await?;
    // A published version by its content hash (`definition_published`), as "id version".
    let versions: std::collections::HashMap<String, String> =
        sqlx::query_as::<_, (String, String, String)>("SELECT content_hash, id, version FROM definitions")
            .fetch_all(&state.db().pool)
            .await?
            .into_iter()
            .map(|(hash, id, version)| (hash, format!("{id} {version}")))
            .collect();
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let detail = row.detail.as_deref().unwrap_or_default();
        let (practice, organisation) = match row.action.as_str() {
            "create_organisation" => (None, organisations.get(detail)),
            "create_practice" | "update_practice" => (practices.get(detail), None),
            "link_practice_organisation" => {
                let (practice, organisation) = detail.split_once(' ').unwrap_or_default();
                (practices.get(practice), organisations.get(organisation))
            }
            _ => (None, None),
        };
        let account = match (row.target_name, row.target_email) {
            (Some(name), Some(email)) => Some(AccountTarget { name, email }),
            _ => None,
        };
        entries.push(AuditEntry {
            at: rfc3339(row.at),
            actor: row.display_name.unwrap_or_default(),
            submission_id: row.submission_id,
            campaign_id: row.campaign_id,
            campaign_name: row.campaign_name,
            account,
            organisation: organisation.cloned(),
            practice: practice.cloned(),
            questionnaire: (row.action == "definition_published").then(|| versions.get(detail).cloned()).flatten(),
            action: row.action,
        });
    }
    Ok(Json(entries))
}

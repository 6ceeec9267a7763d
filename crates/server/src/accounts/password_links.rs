//! One-time links to choose a password, sent to an account's own e-mail address (through the
//! outbox) when an admin creates the account or resets its password.
//!
//! Why: an admin who could see or set another account's password could log in as that account,
//! and an arbeidsdeskundige's account reads what people shared. With links, the admin never
//! holds a working login of anyone else: the link goes to the address the account already has,
//! works once, ends within [`LINK_SECONDS`], and a newer link replaces an older one. Only the
//! link's SHA-256 is stored. Asking for a link and using it are both in the audit log. Until a
//! reset link is used the old password keeps working, so a reset cannot lock anyone out either.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::accounts::auth::hash_password;
use crate::accounts::rows::LinkRow;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::mail::{enqueue, Kind, Outgoing};
use crate::util::{new_id, new_token, now, sha256_hex};
use crate::AppState;

pub use werkscan_api::accounts::{ChoosePassword, LinkToken, LinkView, Purpose};

/// How long a link works.
pub const LINK_SECONDS: i64 = 24 * 60 * 60;
/// Where the staff console's page for a link lives; the token follows after `#`, so that it never
/// reaches a server log or a `Referer` header.
pub const LINK_PAGE: &str = "/beheer/login/wachtwoord-kiezen";

/// The account a link is for.
#[derive(Clone, Debug)]
pub struct Recipient {
    /// Account id.
    pub user_id: String,
    /// The account's own login address: the only place the link goes.
    pub email: String,
    /// Its name, for the greeting.
    pub display_name: String,
}

/// Writes a new link for the account into the outbox, inside the caller's transaction, replacing
/// any earlier unused one. Returns when it stops working (Unix seconds).
pub async fn send(
    tx: &mut Tx,
    base_url: &str,
    recipient: &Recipient,
    purpose: Purpose,
    created_by: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let at = now();
    let expires_at = at + LINK_SECONDS;
    let token = new_token();
    sqlx::query("DELETE FROM password_links WHERE user_id = $1 AND used_at IS NULL")
        .bind(&recipient.user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO password_links (token_hash, user_id, purpose, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sha256_hex(&token))
    .bind(&recipient.user_id)
    .bind(purpose.as_str())
    .bind(created_by.map(str::to_owned))
    .bind(at)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    let link = format!("{}{LINK_PAGE}#{token}", base_url.trim_end_matches('/'));
    let (subject, body) = message(purpose, &recipient.display_name, &link);
    let outgoing = Outgoing {
        kind: Kind::PasswordLink,
        appointment: None,
        reminder_id: None,
        recipient: recipient.email.clone(),
        subject,
        body,
        calendar: None,
        due_at: at,
        // The message holds the link: it goes with the link.
        expires_at,
    };
    enqueue(tx, &outgoing).await?;
    Ok(expires_at)
}

/// The e-mail's subject and text, Dutch first (the console's users), then English.
fn message(purpose: Purpose, name: &str, link: &str) -> (String, String) {
    let (subject, why_nl, why_en, unasked_nl, unasked_en) = match purpose {
        Purpose::Welcome => (
            "Je account voor Werkscan / Your Werkscan account",
            "Er is een account voor je gemaakt in Werkscan. Kies je wachtwoord via deze link:",
            "An account was made for you in Werkscan. Choose your password with this link:",
            "Verwachtte je dit niet? Dan hoef je niets te doen.",
            "Not expecting this? Then you need not do anything.",
        ),
        Purpose::Reset => (
            "Kies een nieuw wachtwoord voor Werkscan / Choose a new Werkscan password",
            "Er is gevraagd om een nieuw wachtwoord voor je account in Werkscan. Kies het via deze link:",
            "A new password was asked for your Werkscan account. Choose it with this link:",
            "Heb je hier niet om gevraagd? Dan hoef je niets te doen: je wachtwoord blijft zoals het is.",
            "Did you not ask for this? Then you need not do anything: your password stays as it is.",
        ),
    };
    let body = format!(
        "Hallo {name},\n\n{why_nl}\n\n{link}\n\nDe link werkt één keer, en 24 uur lang. {unasked_nl}\n\n---\n\n\
         Hello {name},\n\n{why_en}\n\n{link}\n\nThe link works once, for 24 hours. {unasked_en}\n"
    );
    (subject.to_owned(), body)
}

fn link_invalid() -> ApiError {
    ApiError::not_found(
        "link_invalid",
        "this link does not work (any more): it was used, replaced by a newer one, or is older than a day",
    )
}

/// `POST /api/password-link/check` (no session): whether a link still works, and for which
/// account. 200 `LinkView`; 404 `link_invalid`. The token has 256 random bits: guessing one is
/// hopeless, so wrong tokens need no limit of their own.
pub async fn check(State(state): State<AppState>, ApiJson(body): ApiJson<LinkToken>) -> ApiResult<Json<LinkView>> {
    Ok(Json(working_link(&state, &body.token).await?))
}

/// The link with this token if it works now (unused, not expired, for an active account).
async fn working_link(state: &AppState, token: &str) -> ApiResult<LinkView> {
    let row = sqlx::query_as::<_, LinkRow>(
        "SELECT u.email, l.purpose, l.expires_at FROM password_links l JOIN users u ON u.id = l.user_id \
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND u.active = 1",
    )
    .bind(sha256_hex(token.trim()))
    .bind(now())
    .fetch_optional(&state.db().pool)
    .await?
    .ok_or_else(link_invalid)?;
    LinkView::try_from(row)
}

/// `POST /api/password-link` (no session): sets the password with a link, once. The account's
/// sessions end (whoever was logged in logs in again) and the use is audited. 204; 404
/// `link_invalid`; 422 `password_too_short`. The person then logs in as usual, second factor
/// included.
pub async fn choose_password(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ChoosePassword>,
) -> ApiResult<StatusCode> {
    let token_hash = sha256_hex(body.token.trim());
    // Check the link before hashing: hashing is the expensive part.
    working_link(&state, &body.token).await?;
    if body.password.chars().count() < crate::accounts::account::MIN_PASSWORD {
        return Err(ApiError::unprocessable("password_too_short", "the new password needs at least 10 characters"));
    }
    let cost = state.config().password_cost;
    let password = body.password;
    let hash = state.hash(move |_| hash_password(&password, cost)).await?;
    let at = now();
    let mut write = state.db().begin_write().await?;
    let outcome: Result<Option<String>, sqlx::Error> = async {
        // Claiming the link and setting the password are one transaction: of two uses at once,
        // one wins.
        let user_id: Option<String> = sqlx::query_scalar(
            "UPDATE password_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(at)
        .bind(&token_hash)
        .fetch_optional(&mut *write.tx)
        .await?;
        let Some(user_id) = user_id else { return Ok(None) };
        sqlx::query("UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2")
            .bind(&hash)
            .bind(&user_id)
            .execute(&mut *write.tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(&user_id).execute(&mut *write.tx).await?;
        sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(at)
            .bind(&user_id)
            .bind("use_password_link")
            .bind(&user_id)
            .execute(&mut *write.tx)
            .await?;
        Ok(Some(user_id))
    }
    .await;
    write.finish(outcome).await?.ok_or_else(link_invalid)?;
    Ok(StatusCode::NO_CONTENT)
}

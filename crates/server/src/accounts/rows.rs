//! The rows the account routes read, one struct per query shape, with the conversions to what
//! the routes work with. The SQL stays with the routes; a field here is named as the column or
//! alias it reads. Booleans are stored as 0 and 1 and read as integers (both databases), times
//! as Unix seconds.

use crate::accounts::account::SessionEntry;
use crate::accounts::auth::{OrgRef, Role, User};
use crate::accounts::password_links::{LinkView, Purpose};
use crate::error::{ApiError, ApiResult};
use crate::util::rfc3339;

/// A user as the columns `id, org_id, practice_id, role, email, display_name` give it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct UserRow {
    /// Id.
    pub id: String,
    /// The employer's organisation.
    pub org_id: Option<String>,
    /// The practice.
    pub practice_id: Option<String>,
    /// Role as stored.
    pub role: String,
    /// Login address.
    pub email: String,
    /// Name.
    pub display_name: String,
}

impl TryFrom<UserRow> for User {
    type Error = ApiError;

    /// An unknown role is a broken row (500).
    fn try_from(row: UserRow) -> ApiResult<User> {
        Ok(User {
            role: Role::parse(&row.role).ok_or_else(|| ApiError::internal(format!("unknown role {}", row.role)))?,
            id: row.id,
            org_id: row.org_id,
            practice_id: row.practice_id,
            email: row.email,
            display_name: row.display_name,
        })
    }
}

/// A live session with its active account.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SessionRow {
    /// The account.
    #[sqlx(flatten)]
    pub user: UserRow,
    /// The session's id; none for sessions from before sessions had one.
    pub session_id: Option<String>,
    /// Its CSRF token.
    pub csrf_token: String,
    /// When it ends (Unix seconds).
    pub expires_at: i64,
    /// When the second factor was given in it.
    pub second_factor_at: Option<i64>,
    /// Must choose a password: 0 or 1.
    pub must_change_password: i64,
    /// When the account set up its second factor.
    pub totp_enabled_at: Option<i64>,
}

/// An active account found by its login address, with what logging in checks.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct LoginRow {
    /// The account.
    #[sqlx(flatten)]
    pub user: UserRow,
    /// The password's hash.
    pub password_hash: String,
    /// Must choose a password: 0 or 1.
    pub must_change_password: i64,
    /// When the account set up its second factor.
    pub totp_enabled_at: Option<i64>,
}

/// Failed logins in the window: for the account from the address, the account, the address.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct LoginFailuresRow {
    /// The account from this address.
    pub pair: i64,
    /// The account from anywhere.
    pub account_total: i64,
    /// The address for any account.
    pub address_total: i64,
}

/// An organisation's id and name.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OrgRefRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

impl From<OrgRefRow> for OrgRef {
    fn from(row: OrgRefRow) -> OrgRef {
        OrgRef { id: row.id, name: row.name }
    }
}

/// Wrong second-factor codes of an account: within the short window, and within a day.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CodeFailuresRow {
    /// Within the short window.
    pub recent: i64,
    /// Within a day.
    pub today: i64,
}

/// An account's second factor as stored.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SecondFactorRow {
    /// The secret; none without a second factor.
    pub totp_secret: Option<String>,
    /// The last time step whose code was accepted.
    pub totp_last_step: Option<i64>,
}

/// An open session of an account.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SessionEntryRow {
    /// Its id; none for sessions from before sessions had one.
    pub id: Option<String>,
    /// The browser it was started in.
    pub device: Option<String>,
    /// Started at (Unix seconds).
    pub created_at: i64,
    /// Ends at (Unix seconds).
    pub expires_at: i64,
    /// Its token's hash, to tell the request's own session.
    pub token_hash: String,
}

impl SessionEntryRow {
    /// The entry, `current` when the request's session has `token_hash`.
    pub fn entry(self, token_hash: &str) -> SessionEntry {
        SessionEntry {
            current: self.token_hash == token_hash,
            id: self.id.unwrap_or_default(),
            device: self.device,
            started_at: rfc3339(self.created_at),
            expires_at: rfc3339(self.expires_at),
        }
    }
}

/// A password link that works now, with its account's address.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct LinkRow {
    /// The account's address.
    pub email: String,
    /// The purpose as stored.
    pub purpose: String,
    /// Ends at (Unix seconds).
    pub expires_at: i64,
}

impl TryFrom<LinkRow> for LinkView {
    type Error = ApiError;

    /// An unknown purpose is a broken row (500).
    fn try_from(row: LinkRow) -> ApiResult<LinkView> {
        Ok(LinkView {
            purpose: Purpose::parse(&row.purpose)
                .ok_or_else(|| ApiError::internal(format!("unknown link purpose {}", row.purpose)))?,
            email: row.email,
            expires_at: rfc3339(row.expires_at),
        })
    }
}

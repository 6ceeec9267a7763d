//! The rows the administration routes read, one struct per query shape, with the conversions to
//! their replies. The SQL stays with the routes; a field here is named as the column or alias it
//! reads. Booleans are stored as 0 and 1 and read as integers (invariant 14's driver, two
//! databases).

use crate::accounts::auth::Role;
use crate::admin::api::Account;
use crate::admin::practice_admin::{CampaignRef, TrailEntry};
use crate::error::{ApiError, ApiResult};
use crate::util::rfc3339;

/// An organisation.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OrganisationRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Created at (Unix seconds).
    pub created_at: i64,
}

/// An arbeidsdeskundige linked to an organisation (the old link, kept for reference).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OrganisationExpertRow {
    /// The organisation.
    pub org_id: String,
    /// The expert's user id.
    pub id: String,
    /// Their name.
    pub display_name: String,
}

impl From<&OrganisationExpertRow> for crate::models::campaign::ExpertRef {
    fn from(row: &OrganisationExpertRow) -> Self {
        Self { id: row.id.clone(), display_name: row.display_name.clone(), practice_id: None }
    }
}

/// A practice an organisation works with.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OrganisationPracticeRow {
    /// The organisation.
    pub org_id: String,
    /// The practice.
    pub id: String,
    /// Its name.
    pub name: String,
}

impl From<&OrganisationPracticeRow> for crate::practices::routes::PracticeRef {
    fn from(row: &OrganisationPracticeRow) -> Self {
        Self { id: row.id.clone(), name: row.name.clone() }
    }
}

/// An account as the platform admin lists it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AccountRow {
    /// Id.
    pub id: String,
    /// Login address.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// Role as stored.
    pub role: String,
    /// The employer's organisation.
    pub org_id: Option<String>,
    /// The practice.
    pub practice_id: Option<String>,
    /// Can log in: 0 or 1.
    pub active: i64,
    /// When the second factor was set up (Unix seconds).
    pub totp_enabled_at: Option<i64>,
    /// Must choose a password: 0 or 1.
    pub must_change_password: i64,
    /// Created at (Unix seconds).
    pub created_at: i64,
}

impl TryFrom<AccountRow> for Account {
    type Error = ApiError;

    /// An unknown role is a broken row (500).
    fn try_from(row: AccountRow) -> ApiResult<Account> {
        Ok(Account {
            role: Role::parse(&row.role).ok_or_else(|| ApiError::internal(format!("unknown role {}", row.role)))?,
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            org_id: row.org_id,
            practice_id: row.practice_id,
            active: row.active != 0,
            has_second_factor: row.totp_enabled_at.is_some(),
            must_change_password: row.must_change_password != 0,
            created_at: rfc3339(row.created_at),
        })
    }
}

/// An account's address and name, to send it a password link.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RecipientRow {
    /// Login address.
    pub email: String,
    /// Name.
    pub display_name: String,
}

/// An arbeidsdeskundige of a practice.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PracticeExpertRow {
    /// Their user id.
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Login address.
    pub email: String,
    /// Can log in: 0 or 1.
    pub active: i64,
    /// When the second factor was set up (Unix seconds).
    pub totp_enabled_at: Option<i64>,
}

/// A campaign of the practice that names an expert.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NamedInRow {
    /// The expert.
    pub user_id: String,
    /// The campaign.
    pub id: String,
    /// Its name.
    pub name: String,
}

impl From<&NamedInRow> for CampaignRef {
    fn from(row: &NamedInRow) -> CampaignRef {
        CampaignRef { id: row.id.clone(), name: row.name.clone() }
    }
}

/// A line of a practice's audit trail: who did what, when, in which campaign, to whom.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct TrailRow {
    /// When (Unix seconds).
    pub at: i64,
    /// The action.
    pub action: String,
    /// The campaign.
    pub campaign_id: Option<String>,
    /// Its name.
    pub campaign_name: Option<String>,
    /// Who did it; none for the system or a deleted account.
    pub actor: Option<String>,
    /// The account it concerned.
    pub subject: Option<String>,
}

impl From<TrailRow> for TrailEntry {
    fn from(row: TrailRow) -> TrailEntry {
        TrailEntry {
            at: rfc3339(row.at),
            actor: row.actor.unwrap_or_default(),
            action: row.action,
            campaign_id: row.campaign_id,
            campaign_name: row.campaign_name,
            subject: row.subject,
        }
    }
}

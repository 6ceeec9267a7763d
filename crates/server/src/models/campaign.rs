//! The campaign record and its lookups, which every area that works within a campaign shares
//! (uploads, booking, releases, practices, the campaign routes themselves): a campaign as read
//! from its row, its departments, who may see it, and the consent values it fills in.

use chrono::NaiveDate;
use werkscan_core::campaign::QuestionnaireRef;
use werkscan_core::{ConsentValues, Definition};

use super::rows::CampaignRow;
use crate::definitions::hash_of;

use crate::accounts::auth::{CurrentUser, Role};
use crate::error::{ApiResult, FieldError};
use crate::util::now;
use crate::AppState;
use werkscan_core::text::forbidden_character;

/// The longest name or contact of a controller or data protection officer, in characters.
pub const MAX_PARTY_FIELD: usize = 200;

// A campaign's status by the name the server's models give it.
pub use werkscan_api::campaigns::CampaignStatus as Status;

pub use werkscan_api::campaigns::{Department, ExpertRef, Party};

/// A campaign row with what uploads need.
#[derive(Clone, Debug)]
pub struct Campaign {
    /// Id.
    pub id: String,
    /// Organisation id.
    pub org_id: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Questionnaire.
    pub questionnaire: QuestionnaireRef,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// Minimum group size.
    pub min_group_size: i64,
    /// Retention in days after the end.
    pub retention_days: i64,
    /// Created at (Unix seconds).
    pub created_at: i64,
    /// When it was closed early (Unix seconds), if it was.
    pub closed_at: Option<i64>,
    /// The practice that runs it.
    pub practice_id: Option<String>,
    /// How people take part: an open link or personal invitations.
    pub mode: crate::models::invitation::Mode,
    /// The controller's name: the practice's.
    pub controller: String,
    /// How to reach the controller.
    pub controller_contact: Option<String>,
    /// The data protection officer's name, if any.
    pub privacy_officer: Option<String>,
    /// How to reach the data protection officer.
    pub privacy_officer_contact: Option<String>,
}

impl Campaign {
    /// Whether uploads are accepted on `day`: between the first and the last day, unless it was
    /// closed early.
    pub fn is_open_on(&self, day: NaiveDate) -> bool {
        self.closed_at.is_none() && self.starts_on <= day && day <= self.ends_on
    }

    /// Where the campaign is on `day`.
    pub fn status_on(&self, day: NaiveDate) -> Status {
        if self.closed_at.is_some() || day > self.ends_on {
            Status::Closed
        } else if day < self.starts_on {
            Status::Planned
        } else {
            Status::Open
        }
    }

    /// The last day submissions are kept: `ends_on` plus the retention period. Checked: a date
    /// beyond the calendar's end (only possible in rows older than the date bounds) stays at the
    /// last representable day instead of panicking.
    pub fn delete_after(&self) -> NaiveDate {
        self.ends_on.checked_add_days(chrono::Days::new(self.retention_days.max(0) as u64)).unwrap_or(NaiveDate::MAX)
    }

    /// When submissions expire (Unix seconds): the start of the day after `delete_after`, UTC.
    pub fn expires_at(&self) -> i64 {
        match self.delete_after().succ_opt() {
            Some(day) => day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp(),
            None => i64::MAX,
        }
    }
}

/// The campaign columns [`CampaignRow`] reads, as a `&'static str`. The controller's
/// details are read from the practice at every read, so what a phone is shown and what an upload
/// is checked against are always the practice's current details.
macro_rules! campaign_columns {
    () => {
        "id, org_id, code, name, definition_id, definition_version, content_hash, starts_on, ends_on, min_group_size, retention_days, created_at, closed_at, \
         practice_id, invitations, (SELECT p.name FROM practices p WHERE p.id = campaigns.practice_id) AS controller_name, \
         (SELECT p.contact FROM practices p WHERE p.id = campaigns.practice_id) AS controller_contact, \
         (SELECT p.privacy_officer_name FROM practices p WHERE p.id = campaigns.practice_id) AS privacy_officer_name, \
         (SELECT p.privacy_officer_contact FROM practices p WHERE p.id = campaigns.practice_id) AS privacy_officer_contact"
    };
}
pub(crate) use campaign_columns;

/// `SELECT` of every campaign column with the given `WHERE` clause (and order), as a
/// `&'static str`.
macro_rules! select_campaign {
    ($where:literal) => {
        concat!("SELECT ", $crate::models::campaign::campaign_columns!(), " FROM campaigns WHERE ", $where)
    };
}
pub(crate) use select_campaign;

/// The campaign with this code (codes are matched case-insensitively; they are stored upper case).
pub async fn by_code(state: &AppState, code: &str) -> ApiResult<Option<Campaign>> {
    let row = sqlx::query_as::<_, CampaignRow>(select_campaign!("code = $1"))
        .bind(code.trim().to_uppercase())
        .fetch_optional(&state.db().pool)
        .await?;
    row.map(Campaign::try_from).transpose()
}

/// The campaign with this id.
pub async fn by_id(state: &AppState, id: &str) -> ApiResult<Option<Campaign>> {
    by_id_in(state.db(), id).await
}

/// The campaign with this id, read from `db` (for tasks without an [`AppState`]).
pub async fn by_id_in(db: &crate::db::Db, id: &str) -> ApiResult<Option<Campaign>> {
    let row = sqlx::query_as::<_, CampaignRow>(select_campaign!("id = $1")).bind(id).fetch_optional(&db.pool).await?;
    row.map(Campaign::try_from).transpose()
}

/// The campaign's department names, in order.
pub async fn departments(state: &AppState, campaign_id: &str) -> ApiResult<Vec<String>> {
    Ok(department_list(state, campaign_id).await?.into_iter().map(|department| department.name).collect())
}

/// The campaign's departments with their headcounts, in order.
pub async fn department_list(state: &AppState, campaign_id: &str) -> ApiResult<Vec<Department>> {
    department_list_in(state.db(), campaign_id).await
}

/// The campaign's departments with their headcounts, read from `db`.
pub async fn department_list_in(db: &crate::db::Db, campaign_id: &str) -> ApiResult<Vec<Department>> {
    let rows = sqlx::query_as::<_, (String, Option<i64>)>(
        "SELECT name, headcount FROM campaign_departments WHERE campaign_id = $1 ORDER BY position",
    )
    .bind(campaign_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(name, headcount)| Department { name, headcount }).collect())
}

/// What the campaign fills into the consent text, as [`ConsentValues::of`] reads it from the
/// public campaign the phone received (a test checks that both agree), read from a database
/// directly (for the demo's synthetic uploads; an upload reads it with [`for_upload`]).
pub async fn consent_values_in(db: &crate::db::Db, campaign: &Campaign) -> Result<ConsentValues, sqlx::Error> {
    Ok(consent_values_with(campaign, active_expert_names(db, &campaign.id).await?))
}

/// What the campaign fills into the consent text, with its active experts' names as
/// [`active_expert_names`] reads them.
pub fn consent_values_with(campaign: &Campaign, experts: Vec<String>) -> ConsentValues {
    ConsentValues {
        controller: campaign.controller.clone(),
        controller_contact: campaign.controller_contact.clone(),
        privacy_officer: campaign.privacy_officer.clone(),
        privacy_officer_contact: campaign.privacy_officer_contact.clone(),
        experts,
        min_group_size: campaign.min_group_size,
        delete_after: campaign.delete_after().to_string(),
    }
}

/// The names of the campaign's arbeidsdeskundigen of its practice whose accounts are active:
/// those a person can
/// share with or book, and the only ones the consent text names. A deactivated expert drops out,
/// so the consent values change and a phone showing the old names gets `consent_outdated` and
/// shows the text again; with none left, the public campaign lists no experts and sharing with
/// an expert is refused (`no_active_expert`).
pub async fn active_expert_names(db: &crate::db::Db, campaign_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT u.display_name FROM practice_campaign_experts e JOIN users u ON u.id = e.user_id WHERE e.campaign_id = $1 AND u.active = 1 \
         ORDER BY u.display_name",
    )
    .bind(campaign_id)
    .fetch_all(&db.pool)
    .await
}

/// Whether the user may see this campaign: its employer, its experts of its practice, or a
/// platform admin. A practice admin manages the practice's details and experts, not campaigns.
pub(crate) async fn may_see(state: &AppState, current: &CurrentUser, campaign: &Campaign) -> ApiResult<bool> {
    Ok(match current.user.role {
        Role::Admin => true,
        Role::PracticeAdmin | Role::DefinitionAuthor => false,
        Role::Employer => current.user.org_id.as_deref() == Some(campaign.org_id.as_str()),
        Role::Expert => {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM practice_campaign_experts WHERE campaign_id = $1 AND user_id = $2",
            )
            .bind(&campaign.id)
            .bind(&current.user.id)
            .fetch_one(&state.db().pool)
            .await?
                > 0
        }
    })
}

/// A party's name and contact, trimmed: each 1 to [`MAX_PARTY_FIELD`] characters without control
/// characters; the problem with `field` and `code` otherwise.
pub(crate) fn check_party(
    party: &Party,
    field_name: &'static str,
    code: &'static str,
) -> Result<(String, String), FieldError> {
    let field = |value: &str| {
        let value = value.trim();
        let fits = !value.is_empty()
            && value.chars().count() <= MAX_PARTY_FIELD
            && forbidden_character(value, false).is_none();
        fits.then(|| value.to_owned())
    };
    match (field(&party.name), party.contact.as_deref().and_then(field)) {
        (Some(name), Some(contact)) => Ok((name, contact)),
        _ => Err(FieldError::new(
            field_name,
            code,
            "give a name and a way to reach them, each 1 to 200 characters without control characters",
        )),
    }
}

/// A new campaign's rows: the campaign, its departments in order and its experts.
pub struct CampaignRows<'a> {
    /// Its id.
    pub id: &'a str,
    /// The organisation.
    pub org_id: &'a str,
    /// The public code of its link.
    pub code: &'a str,
    /// Its name.
    pub name: &'a str,
    /// The questionnaire version it uses.
    pub definition: &'a Definition,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// k, the smallest group shown.
    pub min_group_size: i64,
    /// Days its data is kept after it ends.
    pub retention_days: i64,
    /// The account that created it.
    pub created_by: &'a str,
    /// Names with their headcounts.
    pub departments: Vec<(&'a str, Option<i64>)>,
    /// Its arbeidsdeskundigen (account ids).
    pub experts: Vec<&'a str>,
    /// The practice that runs it (and is the controller).
    pub practice_id: &'a str,
    /// How people take part.
    pub mode: crate::models::invitation::Mode,
}

/// Writes a new campaign inside the caller's transaction (the API and the demo seed share it).
pub async fn insert(tx: &mut sqlx::AnyConnection, rows: &CampaignRows<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO campaigns (id, org_id, code, name, definition_id, definition_version, content_hash, starts_on, ends_on, min_group_size, retention_days, created_by, created_at, \
         practice_id, invitations) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(rows.id)
    .bind(rows.org_id)
    .bind(rows.code)
    .bind(rows.name)
    .bind(&rows.definition.questionnaire.id)
    .bind(&rows.definition.questionnaire.version)
    .bind(hash_of(rows.definition))
    .bind(rows.starts_on.to_string())
    .bind(rows.ends_on.to_string())
    .bind(rows.min_group_size)
    .bind(rows.retention_days)
    .bind(rows.created_by)
    .bind(now())
    .bind(rows.practice_id)
    .bind(rows.mode.as_str())
    .execute(&mut *tx)
    .await?;
    for (position, (department, headcount)) in rows.departments.iter().enumerate() {
        sqlx::query(
            "INSERT INTO campaign_departments (campaign_id, name, position, headcount) VALUES ($1, $2, $3, $4)",
        )
        .bind(rows.id)
        .bind(*department)
        .bind(position as i64)
        .bind(*headcount)
        .execute(&mut *tx)
        .await?;
    }
    for expert in &rows.experts {
        sqlx::query("INSERT INTO campaign_experts (campaign_id, user_id) VALUES ($1, $2)")
            .bind(rows.id)
            .bind(*expert)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

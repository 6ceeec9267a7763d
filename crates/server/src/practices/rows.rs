//! The rows the practice routes read, one struct per query shape, with the conversions to their
//! replies. The SQL stays with the routes; a field here is named as the column it reads.

use crate::accounts::auth::OrgRef;
use crate::models::campaign::{ExpertRef, Party};
use crate::practices::routes::{Practice, PracticeRef};
use crate::util::rfc3339;

/// A practice's id and name.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PracticeRefRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

impl From<PracticeRefRow> for PracticeRef {
    fn from(row: PracticeRefRow) -> PracticeRef {
        PracticeRef { id: row.id, name: row.name }
    }
}

/// A practice with its details.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PracticeRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// How to reach it.
    pub contact: Option<String>,
    /// Its data protection officer's name, if it has one.
    pub privacy_officer_name: Option<String>,
    /// How to reach them.
    pub privacy_officer_contact: Option<String>,
    /// Its website.
    pub website: Option<String>,
    /// Created at (Unix seconds).
    pub created_at: i64,
}

impl From<PracticeRow> for Practice {
    /// The practice without its organisations and members, which other queries give.
    fn from(row: PracticeRow) -> Practice {
        Practice {
            privacy_officer: row.privacy_officer_name.map(|name| Party { name, contact: row.privacy_officer_contact }),
            id: row.id,
            name: row.name,
            contact: row.contact,
            website: row.website,
            created_at: rfc3339(row.created_at),
            organisations: Vec::new(),
            experts: Vec::new(),
            admins: Vec::new(),
        }
    }
}

/// An organisation a practice works for.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PracticeOrganisationRow {
    /// The practice.
    pub practice_id: String,
    /// The organisation.
    pub id: String,
    /// Its name.
    pub name: String,
}

impl From<&PracticeOrganisationRow> for OrgRef {
    fn from(row: &PracticeOrganisationRow) -> OrgRef {
        OrgRef { id: row.id.clone(), name: row.name.clone() }
    }
}

/// A member of a practice: an expert or a practice admin.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MemberRow {
    /// Their user id.
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Role as stored.
    pub role: String,
    /// Their practice.
    pub practice_id: String,
}

impl From<&MemberRow> for ExpertRef {
    fn from(row: &MemberRow) -> ExpertRef {
        ExpertRef { id: row.id.clone(), display_name: row.display_name.clone(), practice_id: None }
    }
}

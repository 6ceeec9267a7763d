//! The rows of the shared records, as their lookups read them, with the conversions to the
//! records. Booleans are stored as integers and read as `i64` (the Any driver does not decode
//! booleans the same way on both databases); dates are ISO text.

use chrono::NaiveDate;
use werkscan_core::campaign::QuestionnaireRef;

use super::campaign::Campaign;
use super::invitation::Opened;
use crate::error::{ApiError, ApiResult};

/// A campaign as [`super::campaign::campaign_columns`] selects it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CampaignRow {
    /// Id.
    pub id: String,
    /// The employer's organisation.
    pub org_id: String,
    /// The code people type or scan.
    pub code: String,
    /// Name.
    pub name: String,
    /// The questionnaire's id.
    pub definition_id: String,
    /// The questionnaire's version.
    pub definition_version: String,
    /// The questionnaire's content hash.
    pub content_hash: String,
    /// First day (ISO date).
    pub starts_on: String,
    /// Last day (ISO date).
    pub ends_on: String,
    /// The smallest group shown in figures.
    pub min_group_size: i64,
    /// Days the uploads are kept after the last day.
    pub retention_days: i64,
    /// Created (Unix seconds).
    pub created_at: i64,
    /// Closed early (Unix seconds), if it was.
    pub closed_at: Option<i64>,
    /// The practice responsible.
    pub practice_id: Option<String>,
    /// How people take part (`open` or `personal`).
    pub invitations: String,
    /// The practice's name, read from the practice at every read.
    pub controller_name: Option<String>,
    /// How to reach the practice.
    pub controller_contact: Option<String>,
    /// The practice's privacy officer.
    pub privacy_officer_name: Option<String>,
    /// How to reach the privacy officer.
    pub privacy_officer_contact: Option<String>,
}

impl TryFrom<CampaignRow> for Campaign {
    type Error = ApiError;

    /// The record; an error when a stored date does not parse.
    fn try_from(row: CampaignRow) -> ApiResult<Campaign> {
        let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(ApiError::internal);
        Ok(Campaign {
            starts_on: date(&row.starts_on)?,
            ends_on: date(&row.ends_on)?,
            id: row.id,
            org_id: row.org_id,
            code: row.code,
            name: row.name,
            questionnaire: QuestionnaireRef {
                id: row.definition_id,
                version: row.definition_version,
                content_hash: row.content_hash,
            },
            min_group_size: row.min_group_size,
            retention_days: row.retention_days,
            created_at: row.created_at,
            closed_at: row.closed_at,
            practice_id: row.practice_id,
            mode: crate::models::invitation::stored_mode(&row.invitations),
            controller: row.controller_name.unwrap_or_default(),
            controller_contact: row.controller_contact,
            privacy_officer: row.privacy_officer_name,
            privacy_officer_contact: row.privacy_officer_contact,
        })
    }
}

/// The invitation a personal link opens (`invitation::opened`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OpenedRow {
    /// The invitation's id.
    pub id: String,
    /// Its department.
    pub department: String,
    /// 1 when an upload was made with it.
    pub used: i64,
}

impl From<OpenedRow> for Opened {
    fn from(row: OpenedRow) -> Self {
        Opened { id: row.id, department: row.department, used: row.used != 0 }
    }
}

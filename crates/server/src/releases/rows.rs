//! The rows the releases area reads, one struct per query shape, with the conversions to what the
//! routes and the pure `figures` work with. The SQL stays with the routes; a field here is named
//! as the column or alias it reads. A stored release itself is read straight into
//! `routes::StoredRelease`.

use crate::error::{ApiError, ApiResult};
use crate::releases::figures::{Action, NormSource, PreviousCampaign, Uptake};
use crate::util::rfc3339;

/// An action of an employer's plan, as `ACTION_COLUMNS` selects it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ActionRow {
    /// Id.
    pub id: String,
    /// The theme's score id.
    pub score: String,
    /// What will be done.
    pub action: String,
    /// Who takes it on.
    pub owner: String,
    /// By when (YYYY-MM-DD).
    pub due_on: String,
    /// Done: 0 or 1.
    pub done: i64,
    /// The previous campaign's action it carries on.
    pub carried_from: Option<String>,
    /// Added at (Unix seconds).
    pub created_at: i64,
    /// Changed at (Unix seconds).
    pub updated_at: i64,
}

impl From<ActionRow> for Action {
    fn from(row: ActionRow) -> Action {
        Action {
            id: row.id,
            score: row.score,
            action: row.action,
            owner: row.owner,
            due_on: row.due_on,
            done: row.done != 0,
            carried_from: row.carried_from,
            created_at: rfc3339(row.created_at),
            updated_at: rfc3339(row.updated_at),
        }
    }
}

/// A campaign's conversations booked (not cancelled) and held.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct UptakeRow {
    /// Booked, held and no-shows.
    pub booked: i64,
    /// Held.
    pub held: i64,
}

impl From<UptakeRow> for Uptake {
    fn from(row: UptakeRow) -> Uptake {
        Uptake { booked: row.booked, held: row.held }
    }
}

/// An upload from before `group_mask` with one of its scores (none when it has no scores).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OlderScoreRow {
    /// The upload.
    pub id: String,
    /// The score's id.
    pub score_id: Option<String>,
    /// Its value.
    pub value: Option<f64>,
    /// Its band.
    pub band: Option<String>,
}

/// A cell of `group_cells`: one band of one measure in one department.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CellRow {
    /// The department; empty for people who named none.
    pub department: String,
    /// The measure's score id.
    pub score_id: String,
    /// The band's key.
    pub band: String,
    /// Uploads in it.
    pub respondents: i64,
    /// Their values' sum, in thousandths.
    pub value_sum: i64,
}

impl CellRow {
    /// Uploads in it, never below 0.
    pub fn respondents(&self) -> u64 {
        self.respondents.max(0) as u64
    }

    /// The values' sum.
    pub fn sum(&self) -> f64 {
        self.value_sum as f64 / 1000.0
    }
}

/// A group-figure upload who counts now, with its department and membership mask.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MemberRow {
    /// The upload.
    pub id: String,
    /// Its department.
    pub department: Option<String>,
    /// Which measures it counts in; none before it was completed.
    pub group_mask: Option<i64>,
}

impl MemberRow {
    /// The mask, 0 when there is none.
    pub fn mask(&self) -> u64 {
        self.group_mask.unwrap_or(0) as u64
    }
}

/// A published (or superseded) release's decisions.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DecisionsRow {
    /// The release.
    pub id: String,
    /// What it showed and hid (JSON).
    pub decisions: String,
}

/// A group-figure upload as the padding signals of the hidden rest read it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ArrivalRow {
    /// Its department.
    pub department: Option<String>,
    /// When it arrived (Unix seconds).
    pub created_at: i64,
    /// Its origin bucket.
    pub origin_bucket: Option<i64>,
    /// Its fingerprint.
    pub group_fingerprint: Option<String>,
}

/// One line of the busiest-window statement: `kind` 0 per department (a, b, c: the busiest 10
/// minutes, hour, and 10 minutes within the department), 1 and 2 the start of the busiest 10
/// minutes and hour in `a`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct WindowRow {
    /// 0, 1 or 2.
    pub kind: i64,
    /// The department (kind 0).
    pub department: Option<String>,
    /// See the struct.
    pub a: Option<i64>,
    /// See the struct.
    pub b: Option<i64>,
    /// See the struct.
    pub c: Option<i64>,
}

/// Uploads with the same fingerprint in one department, for fingerprints seen more than once.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct IdenticalRow {
    /// The department.
    pub department: Option<String>,
    /// The fingerprint.
    pub group_fingerprint: String,
    /// How many.
    pub n: i64,
}

/// One line of the origins statement: `kind` 0 per department (a: its fullest origin bucket, b:
/// its uploads), 1 over all (a: the fullest bucket, b: the buckets).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OriginRow {
    /// 0 or 1.
    pub kind: i64,
    /// The department (kind 0).
    pub department: Option<String>,
    /// See the struct.
    pub a: Option<i64>,
    /// See the struct.
    pub b: Option<i64>,
}

impl OriginRow {
    /// `a` and `b`, none and negatives as 0.
    pub fn counts(&self) -> (u64, u64) {
        (self.a.unwrap_or(0).max(0) as u64, self.b.unwrap_or(0).max(0) as u64)
    }
}

/// A stored score of an upload that counted in group figures.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CountedScoreRow {
    /// The score's id.
    pub score_id: String,
    /// Its value; none for a headline sent for group figures alone.
    pub value: Option<f64>,
    /// Its band.
    pub band: String,
}

/// An earlier campaign of the organisation with its published release.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PreviousRow {
    /// The campaign.
    pub id: String,
    /// Its name.
    pub name: String,
    /// First day (YYYY-MM-DD).
    pub starts_on: String,
    /// Last day (YYYY-MM-DD).
    pub ends_on: String,
    /// Its questionnaire's version.
    pub definition_version: String,
    /// The release's figures (JSON).
    pub figures: String,
    /// Published at (Unix seconds).
    pub published_at: Option<i64>,
}

impl PreviousRow {
    /// What the dashboard says of the campaign, without its figures.
    pub fn about(&self) -> PreviousCampaign {
        PreviousCampaign {
            campaign_id: self.id.clone(),
            campaign_name: self.name.clone(),
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone(),
            published_at: self.published_at.map(rfc3339),
            version: self.definition_version.clone(),
        }
    }
}

/// Another organisation's published release, for the norm.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NormSourceRow {
    /// The organisation.
    pub org_id: String,
    /// The questionnaire's version.
    pub definition_version: String,
    /// The release's totals (JSON).
    pub totals: String,
    /// Published at (Unix seconds).
    pub published_at: Option<i64>,
}

impl TryFrom<NormSourceRow> for NormSource {
    type Error = ApiError;

    fn try_from(row: NormSourceRow) -> ApiResult<NormSource> {
        Ok(NormSource {
            org_id: row.org_id,
            version: row.definition_version,
            totals: serde_json::from_str(&row.totals).map_err(ApiError::internal)?,
            published_at: row.published_at.unwrap_or_default(),
        })
    }
}

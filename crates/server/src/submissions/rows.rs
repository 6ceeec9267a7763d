//! The rows the submissions' queries read. Booleans are stored as integers and read as `i64`
//! (the Any driver does not decode booleans the same way on both databases).

use werkscan_core::ConsentChoices;

use crate::expert::rows::ChoicesRow;
use crate::models::rows::CampaignRow;

/// The stored upload behind an upload key that was used before (`routes::replay`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ReplayRow {
    /// Submission id.
    pub id: String,
    /// The hash of the first upload's content.
    pub request_hash: Option<String>,
    /// Uploaded (Unix seconds).
    pub created_at: i64,
    /// What was shared.
    #[sqlx(flatten)]
    pub choices: ChoicesRow,
    /// The withdrawal code's hash; none for an upload from before withdrawal codes.
    pub withdrawal_code_hash: Option<String>,
    /// The campaign's code.
    pub code: String,
}

impl ReplayRow {
    /// What was shared.
    pub fn shared(&self) -> ConsentChoices {
        ConsentChoices::from(&self.choices)
    }
}

/// What an upload that is deleted leaves to do: the key to remember and the group figures to
/// correct. Read by withdrawal (with the key) and by retention (without).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct LeavingRow {
    /// Submission id.
    pub id: String,
    /// The campaign.
    pub campaign_id: String,
    /// Department, if given.
    pub department: Option<String>,
    /// 1 when the upload counts in the group figures.
    pub group_figures: i64,
}

/// The upload a withdrawal proof found (`routes::delete_submission`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct WithdrawnRow {
    /// The upload and what it counts in.
    #[sqlx(flatten)]
    pub upload: LeavingRow,
    /// The upload key's hash, remembered so that a late repeat is not stored again.
    pub withdrawal_hash: String,
    /// Until when the upload would have been kept (Unix seconds).
    pub expires_at: i64,
}

/// A campaign with what an upload is checked against (`routes::for_upload`): one row per active
/// arbeidsdeskundige of the campaign (one without a name when it has none).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ForUploadRow {
    /// The campaign.
    #[sqlx(flatten)]
    pub campaign: CampaignRow,
    /// How many of its departments have the name asked about (0 or 1).
    pub department_known: i64,
    /// Uploads accepted from the address within the limit's window.
    pub recent_uploads: i64,
    /// An active arbeidsdeskundige's name, if the campaign has one.
    pub expert_name: Option<String>,
}

/// How many uploads a key made since a moment (`store`'s counts of the upload limit).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RecentRow {
    /// The limit's key hash.
    pub key_hash: String,
    /// Since when (Unix seconds).
    pub since: i64,
    /// How many (at most the cap).
    pub recent: i64,
}

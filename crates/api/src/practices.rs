//! Practices of arbeidsdeskundigen: their details (the consent text names them), the
//! organisations they work for, their members, and the practice admin's screens.

use serde::{Deserialize, Serialize};

use crate::accounts::OrgRef;
use crate::campaigns::{ExpertRef, Party};

/// A practice's id and name (`GET /api/practices`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A practice's details: what the consent text names, and its website (`POST
/// /api/admin/practices`, `PUT /api/admin/practices/{id}` and `PUT /api/practice` body).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeDetails {
    /// Its name, as the consent names the controller.
    pub name: String,
    /// How people reach it about what they shared (e-mail address, phone number or address).
    pub contact: String,
    /// Its data protection officer (functionaris gegevensbescherming) and how to reach them,
    /// where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_officer: Option<Party>,
    /// Its website (`https://…`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A practice with its details, the organisations it works for and its members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Practice {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// How to reach it (practices moved over from campaigns without a contact have none).
    pub contact: Option<String>,
    /// Its data protection officer, if any.
    pub privacy_officer: Option<Party>,
    /// Its website, if any.
    pub website: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// The organisations it works for.
    pub organisations: Vec<OrgRef>,
    /// Its arbeidsdeskundigen.
    pub experts: Vec<ExpertRef>,
    /// Its practice admins.
    pub admins: Vec<ExpertRef>,
}

/// `POST /api/admin/practices/{id}/organisations` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationLink {
    /// The organisation's id.
    pub org_id: String,
}

/// `POST /api/admin/practices/{id}/members` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The account's id (an expert or a practice admin).
    pub user_id: String,
}

/// A campaign's id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// An arbeidsdeskundige of the practice, as its practice admin sees them
/// (`GET /api/practice/experts`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeExpert {
    /// Account id.
    pub id: String,
    /// Name shown to others.
    pub display_name: String,
    /// Login e-mail.
    pub email: String,
    /// Whether they can log in.
    pub active: bool,
    /// Whether they set up a second factor (they must before they can do any work).
    pub has_second_factor: bool,
    /// The practice's campaigns that name them, newest first.
    pub campaigns: Vec<CampaignRef>,
}

/// `POST /api/practice/experts` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewExpert {
    /// Login e-mail (the password link goes there).
    pub email: String,
    /// Name shown to others (the consent text names the campaign's experts).
    pub display_name: String,
}

/// A definition author of the practice, as its practice admin sees them
/// (`GET /api/practice/authors`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeAuthor {
    /// Account id.
    pub id: String,
    /// Name shown to others (beside the versions they published).
    pub display_name: String,
    /// Login e-mail.
    pub email: String,
    /// Whether they can log in.
    pub active: bool,
    /// Whether they set up a second factor (they must before they can do any work).
    pub has_second_factor: bool,
}

/// `POST /api/practice/authors` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAuthor {
    /// Login e-mail (the password link goes there).
    pub email: String,
    /// Name shown to others (beside the versions they publish).
    pub display_name: String,
}

/// `GET /api/practice/audit` and `GET /api/admin/practices/{id}/audit` query: the page of a
/// trail asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrailQuery {
    /// The first entry (default 0).
    pub offset: i64,
    /// How many entries (default 50, at most 200).
    pub limit: i64,
}

/// One line of a practice's audit trail: who did what, when, in which campaign. Never what was
/// read or written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    /// When (RFC 3339).
    pub at: String,
    /// Who (their name; empty for the system).
    pub actor: String,
    /// What: an action key (`read_submission`, `create_user`, `close_campaign`, …).
    pub action: String,
    /// The campaign, if the action concerned one.
    pub campaign_id: Option<String>,
    /// Its name.
    pub campaign_name: Option<String>,
    /// The staff account the action concerned (created, deactivated, …), by name, if any.
    pub subject: Option<String>,
}

/// A page of a practice's audit trail, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trail {
    /// How many entries the trail has.
    pub total: i64,
    /// The first entry of this page.
    pub offset: i64,
    /// The page's size as asked (after the bounds).
    pub limit: i64,
    /// The page.
    pub items: Vec<TrailEntry>,
}

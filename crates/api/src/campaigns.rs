//! Campaigns as staff make and see them, and the campaign link as the phone opens it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use werkscan_core::campaign::{PublicCampaign, QuestionnaireRef};

use crate::accounts::OrgRef;
use crate::booking::Uptake;
use crate::practices::PracticeRef;
use crate::roster::RosterSummary;

/// Someone the consent text names, and how to reach them: the controller
/// (verwerkingsverantwoordelijke) or the data protection officer (functionaris
/// gegevensbescherming).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Name (of the organisation or the person).
    pub name: String,
    /// How to reach them: an e-mail address, a phone number or an address, as people should use
    /// it. Required for a new campaign; campaigns from before it was asked have none.
    #[serde(default)]
    pub contact: Option<String>,
}

names! {
    /// How people take part in a campaign.
    #[derive(Default)]
    pub enum Invitations {
        /// Anyone holding the campaign's link: the employer sees the total only, because anyone
        /// can take part and name any department.
        #[default]
        Open = "open",
        /// Personal, single-use invitations from a roster the practice checks and sends: figures
        /// per department.
        Personal = "personal",
    }
}

/// `POST /api/campaigns` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCampaign {
    /// Name shown to staff.
    pub name: String,
    /// Questionnaire id (must be loaded).
    pub questionnaire: String,
    /// Questionnaire version (must be loaded).
    pub version: String,
    /// Departments people can choose from (they may also choose not to say): a name, or a name
    /// with the department's headcount (for the response rate).
    #[serde(default)]
    pub departments: Vec<DepartmentInput>,
    /// First day (YYYY-MM-DD).
    pub starts_on: NaiveDate,
    /// Last day (YYYY-MM-DD).
    pub ends_on: NaiveDate,
    /// Minimum group size for group figures (default 10, at least 5).
    #[serde(default)]
    pub min_group_size: Option<i64>,
    /// Account ids of the arbeidsdeskundigen who receive shared results (at least one).
    pub experts: Vec<String>,
    /// Days after `ends_on` that submissions are kept (default 365).
    #[serde(default)]
    pub retention_days: Option<i64>,
    /// The practice that runs the campaign (one the organisation works with); may be left out
    /// when the organisation works with exactly one. The consent text names the practice as the
    /// controller with the details the practice entered: the employer has no field for them
    /// (`controller` and `privacy_officer` are refused as unknown fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<String>,
    /// How people take part: `open` (the default: anyone with the link; the employer sees the
    /// total only) or `personal` (a roster of personal invitations, which the practice reviews
    /// and sends; figures per department). With `personal`, the roster gives the headcounts,
    /// so none may be entered.
    #[serde(default)]
    pub invitations: Invitations,
}

/// A department in a new campaign: its name, or its name and headcount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DepartmentInput {
    /// Just the name.
    Name(String),
    /// The name with an optional headcount.
    Entry(DepartmentEntry),
}

impl DepartmentInput {
    /// The department's name.
    pub fn name(&self) -> &str {
        match self {
            DepartmentInput::Name(name) => name,
            DepartmentInput::Entry(entry) => &entry.name,
        }
    }

    /// Its headcount, if given.
    pub fn headcount(&self) -> Option<i64> {
        match self {
            DepartmentInput::Name(_) => None,
            DepartmentInput::Entry(entry) => entry.headcount,
        }
    }
}

/// A department with its headcount, as a new campaign gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentEntry {
    /// The name people choose.
    pub name: String,
    /// The number of staff (1 to 100000), for the response rate.
    #[serde(default)]
    pub headcount: Option<i64>,
}

/// `POST /api/campaigns/{id}/extend` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The new last day (YYYY-MM-DD).
    pub ends_on: NaiveDate,
}

/// `GET /api/c/{code}` query: the token of a personal invitation (`?u=…`, from the link in the
/// mail or on the letter).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicQuery {
    /// The personal invitation's token.
    #[serde(default)]
    pub u: Option<String>,
}

/// A department of a campaign, with the headcount the employer gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    /// The name people choose.
    pub name: String,
    /// The number of staff, if given.
    pub headcount: Option<i64>,
}

names! {
    /// Where a campaign is in its life.
    pub enum CampaignStatus {
        /// Before its first day.
        Planned = "planned",
        /// Accepting uploads.
        Open = "open",
        /// Closed early, or its last day has passed.
        Closed = "closed",
    }
}

names! {
    /// Where a release of group figures is.
    pub enum ReleaseStatus {
        /// Computed, waiting for the arbeidsdeskundige's review (only the campaign's experts
        /// see it).
        Draft = "draft",
        /// Published: the employer sees it.
        Published = "published",
    }
}

/// The release a campaign view mentions: the published one for employers, a draft too for the
/// campaign's experts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseSummary {
    /// Draft or published.
    pub status: ReleaseStatus,
    /// The release's number within the campaign (1, 2, …).
    pub sequence: i64,
    /// When it was published (RFC 3339), if it was.
    pub published_at: Option<String>,
}

/// An arbeidsdeskundige as others see them (`GET /api/experts`, a campaign's experts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertRef {
    /// Account id.
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Their practice, where the list is about choosing experts for a practice's campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice_id: Option<String>,
}

/// The response of a running campaign as the employer sees it: once a day, rounded down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyResponse {
    /// Group-figure uploads, rounded down to a multiple of k; `None`: fewer than k.
    pub at_least: Option<i64>,
    /// The campaign's k.
    pub min_group_size: i64,
    /// The moment the number describes: the last 06:00 in Amsterdam (RFC 3339).
    pub as_of: String,
}

/// A campaign as its employer and experts see it (`GET /api/campaigns`, `GET`, `POST` and the
/// changes of `/api/campaigns/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignView {
    /// Campaign id.
    pub id: String,
    /// The code in the campaign link.
    pub code: String,
    /// The link to hand out (path; prefix with the site's address).
    pub link: String,
    /// Name.
    pub name: String,
    /// The organisation.
    pub organisation: OrgRef,
    /// The questionnaire.
    pub questionnaire: QuestionnaireRef,
    /// Departments, in the order given, with their headcounts.
    pub departments: Vec<Department>,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// Planned, open or closed.
    pub status: CampaignStatus,
    /// Whether uploads are accepted today.
    pub open: bool,
    /// When it was closed early (RFC 3339), if it was.
    pub closed_at: Option<String>,
    /// Minimum group size for group figures.
    pub min_group_size: i64,
    /// Days after `ends_on` that submissions are kept.
    pub retention_days: i64,
    /// The day submissions are deleted at the latest.
    pub delete_after: NaiveDate,
    /// The arbeidsdeskundigen.
    pub experts: Vec<ExpertRef>,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// Progress while the campaign is open, for the campaign's experts and admins only: the
    /// number of uploads now, shares with the expert included (nothing per department). `None`
    /// for employers, and when the campaign is not open.
    pub uploads: Option<i64>,
    /// Progress while the campaign is open, as everyone (the employer too) sees it: the
    /// group-figure uploads before the last 06:00, rounded down to a multiple of k, or fewer than
    /// k. `None` when the campaign is not open.
    pub response: Option<DailyResponse>,
    /// Booking uptake (numbers only) for the campaign's experts and admins; `None` for
    /// employers, who see appointments in the published release only.
    pub bookings: Option<Uptake>,
    /// The published release (for the campaign's experts also a draft), if any.
    pub release: Option<ReleaseSummary>,
    /// The practice that runs the campaign.
    pub practice: Option<PracticeRef>,
    /// How people take part: an open link (the total only) or personal invitations (figures per
    /// department).
    pub invitations: Invitations,
    /// The roster of a campaign with personal invitations: numbers per department and where
    /// the practice's review is.
    pub roster: Option<RosterSummary>,
    /// Who is responsible for what people share, as the consent names them: the practice.
    pub controller: Party,
    /// The data protection officer, if any.
    pub privacy_officer: Option<Party>,
}

//! Releases of group figures: the employer's dashboard, the arbeidsdeskundige's review before
//! publishing, and publishing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use werkscan_core::campaign::QuestionnaireRef;
use werkscan_core::Text;

use crate::campaigns::{CampaignView, ExpertRef, ReleaseStatus};
use crate::figures::{Figures, GroupFigures, Measure, Norm, NormMissing, Signals, StartHere, Trend};
use crate::plan::{PlanAction, PreviousActions};

/// The campaign as the dashboard names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardCampaign {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The questionnaire.
    pub questionnaire: QuestionnaireRef,
    /// First day (`YYYY-MM-DD`).
    pub starts_on: String,
    /// Last day (`YYYY-MM-DD`).
    pub ends_on: String,
    /// When it was closed early (RFC 3339).
    pub closed_at: Option<String>,
}

/// The release as the dashboard names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardRelease {
    /// Its number within the campaign.
    pub sequence: i64,
    /// Draft (only in the expert's review) or published.
    pub status: ReleaseStatus,
    /// When it was computed (RFC 3339).
    pub computed_at: String,
    /// When it was published (RFC 3339).
    pub published_at: Option<String>,
    /// The campaign's minimum group size k.
    pub min_group_size: i64,
    /// The organisation's respondents, when the total is shown (never a number below k).
    pub respondents: Option<u64>,
}

/// `GET /api/campaigns/{id}/figures` reply: the employer's dashboard, the stored figures of the
/// published release with a trend and a norm read from other published releases, where to
/// begin, and the action plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "FlatDashboard")]
pub struct Dashboard {
    /// The campaign.
    pub campaign: DashboardCampaign,
    /// The release.
    pub release: DashboardRelease,
    /// The measures and groups.
    #[serde(flatten)]
    pub figures: Figures,
    /// Against the previous campaign with the same questionnaire, if there is one.
    pub trend: Option<Trend>,
    /// Over other organisations, when the norm's rules are met.
    pub norm: Option<Norm>,
    /// Why there is no norm, when there is none.
    pub norm_missing: Option<NormMissing>,
    /// The themes to begin with (at most three). Absent from servers before issue 21, like
    /// the advice and the plan: a page a browser kept from before an update still reads.
    pub start_here: Vec<StartHere>,
    /// The definition's advice for employers, per theme score and band key.
    pub employer_advice: BTreeMap<String, BTreeMap<String, Text>>,
    /// This campaign's action plan.
    pub actions: Vec<PlanAction>,
    /// The plan of the campaign the trend compares with.
    pub previous_actions: Option<PreviousActions>,
}

// Read through a flat twin rather than serde's `flatten` (the same JSON, less code in the
// console; see `figures`).
#[derive(Deserialize)]
struct FlatDashboard {
    campaign: DashboardCampaign,
    release: DashboardRelease,
    measures: Vec<Measure>,
    groups: Vec<GroupFigures>,
    #[serde(default)]
    trend: Option<Trend>,
    #[serde(default)]
    norm: Option<Norm>,
    #[serde(default)]
    norm_missing: Option<NormMissing>,
    #[serde(default)]
    start_here: Vec<StartHere>,
    #[serde(default)]
    employer_advice: BTreeMap<String, BTreeMap<String, Text>>,
    #[serde(default)]
    actions: Vec<PlanAction>,
    #[serde(default)]
    previous_actions: Option<PreviousActions>,
}

impl From<FlatDashboard> for Dashboard {
    fn from(flat: FlatDashboard) -> Dashboard {
        Dashboard {
            campaign: flat.campaign,
            release: flat.release,
            figures: Figures { measures: flat.measures, groups: flat.groups },
            trend: flat.trend,
            norm: flat.norm,
            norm_missing: flat.norm_missing,
            start_here: flat.start_here,
            employer_advice: flat.employer_advice,
            actions: flat.actions,
            previous_actions: flat.previous_actions,
        }
    }
}

/// The release as the arbeidsdeskundige reviews it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRelease {
    /// Id.
    pub id: String,
    /// Its number within the campaign.
    pub sequence: i64,
    /// Draft or published.
    pub status: ReleaseStatus,
    /// Send this back to publish exactly what was reviewed.
    pub revision: i64,
    /// When it was computed (RFC 3339).
    pub computed_at: String,
    /// When it was published (RFC 3339).
    pub published_at: Option<String>,
    /// Who published it.
    pub published_by: Option<ExpertRef>,
    /// Group-figure uploads counted.
    pub respondents: i64,
}

/// The published release's number and date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedRef {
    /// Its number within the campaign.
    pub sequence: i64,
    /// When it was published (RFC 3339).
    pub published_at: Option<String>,
}

names! {
    /// Why an extension of a campaign brought no new release.
    pub enum RecomputeCode {
        /// Too few new group-figure uploads since the published release.
        TooFewNew = "too_few_new",
        /// With an open link every new upload may be the employer's own: the first published
        /// release stays.
        NewMayBeOwn = "new_may_be_own",
        /// The total changed by 1 to k - 1 people.
        TotalChangedByFew = "total_changed_by_few",
        /// The check against the published release could not be done.
        CannotVerify = "cannot_verify",
    }
}

/// Why no new release was computed after an extension. The fields are in the order the server
/// has always written them (sorted, as its JSON object wrote them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recompute {
    /// The reason.
    pub code: RecomputeCode,
    /// How many are needed, where the reason counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needed: Option<i64>,
    /// New group-figure uploads, where the reason counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_uploads: Option<i64>,
}

/// `GET /api/expert/campaigns/{id}/release` reply (and of publishing): the release, the
/// dashboard exactly as the employer will see it, and the padding signals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The campaign.
    pub campaign: CampaignView,
    /// The release.
    pub release: ReviewRelease,
    /// What the employer sees (once published).
    pub dashboard: Dashboard,
    /// The padding signals.
    pub signals: Signals,
    /// The release the employer sees now, if any.
    pub published: Option<PublishedRef>,
    /// Why an extension brought no new release, if it did not.
    pub recompute: Option<Recompute>,
}

/// `POST /api/expert/campaigns/{id}/release/publish` body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    /// The revision that was reviewed.
    pub revision: i64,
}

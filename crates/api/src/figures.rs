//! Group figures as a release holds them: the measures, every group (shown or hidden), the
//! padding signals, the trend against the previous campaign, the norm, and where to begin.
//! The server stores a release's figures in this shape too, so these types also read releases
//! stored before a field was added (hence the defaults).

use serde::{Deserialize, Serialize};
use werkscan_core::model::Signal;
use werkscan_core::Text;

names! {
    /// Whether a measure is a theme (mean and distribution) or the headline (distribution only).
    pub enum MeasureKind {
        /// A theme score: mean and distribution over its bands.
        Theme = "theme",
        /// The headline score: distribution over its bands only.
        Headline = "headline",
    }
}

/// A score that group figures report on, with what the dashboard needs to label it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// The score id.
    pub score: String,
    /// Theme or headline.
    pub kind: MeasureKind,
    /// The score's name.
    pub label: Text,
    /// The lowest value the score can have.
    pub min: f64,
    /// The highest value the score can have.
    pub max: f64,
    /// Its bands, in the definition's order.
    pub bands: Vec<BandInfo>,
}

/// One band of a measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandInfo {
    /// The band's key.
    pub key: String,
    /// Its short name.
    pub label: Text,
    /// Its meaning for colour and icon.
    pub signal: Signal,
    /// Where the band starts on the measure's scale: a value is in the last band whose `from`
    /// is at most the value. Releases stored before it was recorded get it from the definition
    /// when the server reads them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
}

names! {
    /// Which group of people a row of figures is about.
    pub enum GroupKind {
        /// The whole organisation (everyone in the campaign who counted).
        Total = "total",
        /// One department.
        Department = "department",
        /// The people who did not name a department.
        NoDepartment = "no_department",
    }
}

/// The figures of a release: the measures and every group, shown or not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// The measures, themes first, in the definition's order.
    pub measures: Vec<Measure>,
    /// The total first, then the departments in the campaign's order, then the people without a
    /// department (when the campaign has departments).
    pub groups: Vec<GroupFigures>,
}

/// One group's figures. A hidden group has no numbers at all, and no reason either: "too small"
/// and "hidden to protect another group" must look the same.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "FlatGroup")]
pub struct GroupFigures {
    /// Total, department or no department.
    pub kind: GroupKind,
    /// The department's name.
    pub name: Option<String>,
    /// Whether the group's figures are shown.
    pub shown: bool,
    /// The headcount the employer gave (the total's is the departments' sum when all have one).
    pub headcount: Option<i64>,
    /// The figures, when shown.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<ShownGroup>,
}

/// The figures of a shown group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownGroup {
    /// Group-figure uploads in the group.
    pub respondents: u64,
    /// Respondents as a percentage of the headcount (one decimal), when there is one.
    pub response_rate: Option<f64>,
    /// One entry per measure, in the order of [`Figures::measures`].
    pub measures: Vec<MeasureFigures>,
    /// Appointments booked and held: at the total level only, each number only from k.
    pub appointments: Option<Appointments>,
}

/// The campaign's appointments as a release shows them (at the total level only). Each number
/// is shown only from k: "1 booked" next to a group of colleagues says that one of them asked
/// for a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointments {
    /// Booked and not cancelled (held and no-shows included); `None`: fewer than k.
    pub booked: Option<u64>,
    /// Conversations held; `None`: fewer than k, or so close to the booked number that the
    /// difference (booked, not held) would be about 1 to k - 1 people.
    pub held: Option<u64>,
}

/// One measure for one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "FlatMeasure")]
pub struct MeasureFigures {
    /// The score id.
    pub score: String,
    /// Whether it is shown for this group.
    pub shown: bool,
    /// The figures, when shown.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<ShownMeasure>,
}

/// A shown measure of a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownMeasure {
    /// Respondents with a value for the score.
    pub respondents: u64,
    /// Their mean, to a step that fits the group (themes only).
    pub mean: Option<f64>,
    /// How many are in each band, every band in order.
    pub distribution: Vec<BandCount>,
}

/// The number of respondents in one band.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandCount {
    /// The band's key.
    pub band: String,
    /// How many.
    pub count: u64,
}

// A shown group's and a shown measure's figures sit beside `shown` on the wire (`flatten`).
// They are read through these flat twins rather than through serde's `flatten`, which buffers
// every field and reads each nested type a second way: the same JSON, a fraction of the code in
// the browser apps. The figures are there when their required fields are, as `flatten` of an
// `Option` decides.

#[derive(Deserialize)]
struct FlatGroup {
    kind: GroupKind,
    #[serde(default)]
    name: Option<String>,
    shown: bool,
    #[serde(default)]
    headcount: Option<i64>,
    #[serde(default)]
    respondents: Option<u64>,
    #[serde(default)]
    response_rate: Option<f64>,
    #[serde(default)]
    measures: Option<Vec<MeasureFigures>>,
    #[serde(default)]
    appointments: Option<Appointments>,
}

impl From<FlatGroup> for GroupFigures {
    fn from(flat: FlatGroup) -> GroupFigures {
        let figures = match (flat.respondents, flat.measures) {
            (Some(respondents), Some(measures)) => Some(ShownGroup {
                respondents,
                response_rate: flat.response_rate,
                measures,
                appointments: flat.appointments,
            }),
            _ => None,
        };
        GroupFigures { kind: flat.kind, name: flat.name, shown: flat.shown, headcount: flat.headcount, figures }
    }
}

#[derive(Deserialize)]
struct FlatMeasure {
    score: String,
    shown: bool,
    #[serde(default)]
    respondents: Option<u64>,
    #[serde(default)]
    mean: Option<f64>,
    #[serde(default)]
    distribution: Option<Vec<BandCount>>,
}

impl From<FlatMeasure> for MeasureFigures {
    fn from(flat: FlatMeasure) -> MeasureFigures {
        let figures = match (flat.respondents, flat.distribution) {
            (Some(respondents), Some(distribution)) => {
                Some(ShownMeasure { respondents, mean: flat.mean, distribution })
            }
            _ => None,
        };
        MeasureFigures { score: flat.score, shown: flat.shown, figures }
    }
}

impl Figures {
    /// The organisation's row.
    pub fn total(&self) -> Option<&GroupFigures> {
        self.groups.iter().find(|group| group.kind == GroupKind::Total)
    }

    /// The measure with this score id.
    pub fn measure(&self, score: &str) -> Option<&Measure> {
        self.measures.iter().find(|measure| measure.score == score)
    }
}

impl GroupFigures {
    /// Its respondents, when shown.
    pub fn respondents(&self) -> Option<u64> {
        self.figures.as_ref().map(|figures| figures.respondents)
    }

    /// Its shown figures of one measure, when both the group and the measure are shown.
    pub fn shown_measure(&self, score: &str) -> Option<&ShownMeasure> {
        self.figures.as_ref()?.measures.iter().find(|measure| measure.score == score && measure.shown)?.figures.as_ref()
    }
}

/// What the arbeidsdeskundige sees before publishing, to judge whether someone padded a group
/// with uploads of their own. Counts only; nothing describes a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    /// Group-figure uploads counted.
    pub uploads: u64,
    /// The most uploads within any 10 and any 60 minutes.
    pub bursts: Vec<Burst>,
    /// Uploads with exactly the same values and bands for every measure.
    pub identical_results: Identical,
    /// Uploads per origin bucket.
    pub origins: Origins,
    /// The same per group (departments, then no department), hidden ones included.
    pub groups: Vec<GroupSignals>,
    /// The same over the hidden rest (the total minus the shown groups), when it holds
    /// uploads: a group hidden with a partner is revealed by the rest as much as by itself, so
    /// padding the partner must show too. Releases stored before this field have none.
    #[serde(default)]
    pub hidden_rest: Option<RestSignals>,
}

/// The padding signals of the hidden rest: every group the release hides, together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestSignals {
    /// The hidden groups' names (`None`: no department).
    pub groups: Vec<Option<String>>,
    /// Group-figure uploads in them.
    pub uploads: u64,
    /// The most within any 10 minutes.
    pub largest_burst_10_minutes: u64,
    /// The most within any hour.
    pub largest_burst_60_minutes: u64,
    /// The largest group of identical results.
    pub largest_identical: u64,
    /// The most from one origin bucket.
    pub largest_origin: u64,
    /// Whether this deserves a look.
    pub attention: bool,
}

/// The busiest window of a given length.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Burst {
    /// The window's length.
    pub window_minutes: i64,
    /// Uploads in the busiest window.
    pub largest: u64,
    /// Their share of all uploads, percent, one decimal.
    pub share: f64,
    /// When the busiest window starts (RFC 3339), if there were uploads.
    pub starts_at: Option<String>,
    /// Whether this deserves a look.
    pub attention: bool,
}

/// Groups of identical results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identical {
    /// The largest group of identical results.
    pub largest: u64,
    /// Uploads that share their result with at least one other.
    pub uploads_in_groups: u64,
    /// How many groups there are of each size (2 and up), largest first.
    pub groups: Vec<IdenticalGroups>,
    /// Whether this deserves a look.
    pub attention: bool,
}

/// The number of groups of identical results of one size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdenticalGroups {
    /// Uploads in each group.
    pub size: u64,
    /// How many such groups.
    pub count: u64,
}

/// Uploads per origin bucket (a hash bucket of campaign and address).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Origins {
    /// Uploads in the fullest bucket.
    pub largest: u64,
    /// Their share of all uploads, percent, one decimal.
    pub share: f64,
    /// The number of buckets with uploads (about the number of addresses).
    pub addresses: u64,
    /// Whether this deserves a look.
    pub attention: bool,
}

/// The padding signals of one group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSignals {
    /// Department or no department.
    pub kind: GroupKind,
    /// The department's name.
    pub name: Option<String>,
    /// Group-figure uploads in the group.
    pub uploads: u64,
    /// The most uploads of the group within any 10 minutes.
    pub largest_burst_10_minutes: u64,
    /// The largest group of identical results within the group.
    pub largest_identical: u64,
    /// The most uploads of the group from one origin bucket.
    pub largest_origin: u64,
    /// Whether this deserves a look, with thresholds that k - 1 padded uploads reach.
    #[serde(default)]
    pub attention: bool,
}

/// The trend against the organisation's previous campaign of the same questionnaire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// The earlier campaign.
    pub previous: PreviousCampaign,
    /// Per group present and shown in both.
    pub groups: Vec<TrendGroup>,
    /// Themes left out because the earlier campaign's questionnaire version measured them
    /// differently (its score is not declared comparable in the definition).
    pub not_comparable: Vec<String>,
}

/// The campaign a trend compares with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousCampaign {
    /// Its id.
    pub campaign_id: String,
    /// Its name.
    pub campaign_name: String,
    /// Its first day (`YYYY-MM-DD`).
    pub starts_on: String,
    /// Its last day (`YYYY-MM-DD`).
    pub ends_on: String,
    /// When its release was published (RFC 3339).
    pub published_at: Option<String>,
    /// The questionnaire version it used.
    pub version: String,
}

/// The trend of one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendGroup {
    /// Total, department or no department.
    pub kind: GroupKind,
    /// The department's name.
    pub name: Option<String>,
    /// Per theme shown in both releases.
    pub measures: Vec<TrendMeasure>,
}

/// The change of one theme's mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendMeasure {
    /// The score id.
    pub score: String,
    /// The mean then.
    pub previous_mean: f64,
    /// The mean now.
    pub mean: f64,
    /// Now minus then, of the shown means, one decimal.
    pub difference: f64,
    /// A difference smaller than this (in absolute value) is what two groups of these sizes and
    /// spreads could show by chance.
    pub threshold: f64,
    /// Higher, lower or no clear change.
    pub change: Change,
}

names! {
    /// How a mean changed.
    pub enum Change {
        /// Higher by at least the threshold (higher theme scores are more favourable).
        Higher = "higher",
        /// Lower by at least the threshold.
        Lower = "lower",
        /// Less than the threshold either way: no clear change.
        NoClearChange = "no_clear_change",
    }
}

/// A norm: the same questionnaire version at other organisations (never the reader's own), each
/// organisation's latest published release once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Norm {
    /// The questionnaire id.
    pub questionnaire: String,
    /// The questionnaire version every contributing release used.
    pub version: String,
    /// The latest publication among the releases that contribute (RFC 3339).
    pub as_of: Option<String>,
    /// Organisations that contribute to at least one measure.
    pub organisations: usize,
    /// Respondents of the releases that contribute.
    pub respondents: u64,
    /// The dominance rule: no organisation is more than this share of a measure's respondents
    /// (0.25: a quarter).
    pub max_share: f64,
    /// The measures that meet the rules.
    pub measures: Vec<NormMeasure>,
}

/// One measure of the norm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NormMeasure {
    /// The score id.
    pub score: String,
    /// Organisations that contribute.
    pub organisations: usize,
    /// Respondents that contribute.
    pub respondents: u64,
    /// The mean over all respondents (themes), one decimal.
    pub mean: Option<f64>,
    /// The distribution over all respondents.
    pub distribution: Vec<BandCount>,
}

names! {
    /// Why a dashboard has no norm. Ordered by how close it came to a norm: of several measures'
    /// reasons the dashboard names the largest, the rule that actually stood in the way.
    pub enum NormMissing {
        /// Too few other organisations published figures with this questionnaire version.
        TooFewOrganisations = "too_few_organisations",
        /// Enough organisations, but together too few respondents.
        TooFewRespondents = "too_few_respondents",
        /// One organisation would be more than the largest share of the respondents.
        OneOrganisationTooLarge = "one_organisation_too_large",
    }
}

/// One theme to begin with ("waar beginnen"): many people in its attention band.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartHere {
    /// The theme's score id.
    pub score: String,
    /// People in the organisation whose theme score is in a band that needs attention.
    pub attention: u64,
    /// People in the organisation with a value for the theme.
    pub respondents: u64,
    /// The shown department(s) where the share in "needs attention" is highest (all of them
    /// when they tie); empty when no department is shown.
    pub departments: Vec<String>,
    /// What the organisation can do: the definition's employer advice for that band.
    pub advice: Option<Text>,
}

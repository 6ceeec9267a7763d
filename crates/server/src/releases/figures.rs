//! Group figures, the pure part: what a release holds, how it is computed from the group-figure
//! uploads of a campaign with the disclosure rules of `werkscan_core::disclosure`, the padding
//! signals for the arbeidsdeskundige, and what the employer's dashboard adds from other stored
//! releases (trend, norm) and its CSV. No database here: `releases.rs` reads and stores.
//!
//! A release shows the organisation (the total) and its groups: the campaign's departments and,
//! when it has any, the people who named none. Per shown group the number of respondents, the
//! response rate where a headcount was given, per theme score its mean and distribution over its
//! bands, the headline score (the WAI short form's Work Ability Score) as a distribution, and at
//! the total level the appointments booked and held.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use werkscan_core::disclosure::{
    self, complementary, one_band, one_band_concluded, suppress_after_guarded, suppress_counts, suppress_theme,
    DisclosureError, Group, MinGroupSize, Release, Shown,
};
use werkscan_core::model::Signal;
use werkscan_core::scoring::score_ranges;
use werkscan_core::{Definition, Text};

pub use werkscan_api::figures::{
    Appointments, BandCount, BandInfo, Burst, Change, Figures, GroupFigures, GroupKind, GroupSignals, Identical,
    IdenticalGroups, Measure, MeasureFigures, MeasureKind, Norm, NormMeasure, NormMissing, Origins, PreviousCampaign,
    RestSignals, ShownGroup, ShownMeasure, Signals, StartHere, Trend, TrendGroup, TrendMeasure,
};

pub use werkscan_api::booking::Uptake;

/// A norm is shown only when at least this many other organisations contribute to a measure.
/// With [`NORM_MAX_SHARE`] this is the "safety zone" the US competition authorities set for
/// sharing benchmark figures (Statements of Antitrust Enforcement Policy in Health Care, 1996,
/// statement 6: at least five contributors, none more than 25 % of the data): a norm of fewer
/// or lopsided contributors would let a reader work out one organisation's own figures.
pub const NORM_MIN_ORGANISATIONS: usize = 5;
/// A norm is shown only when at least this many respondents contribute to a measure.
pub const NORM_MIN_RESPONDENTS: u64 = 100;
/// No organisation may be more than this share of a norm measure's respondents (the dominance
/// rule); otherwise the norm would mostly be that one organisation's figures.
pub const NORM_MAX_SHARE: f64 = 0.25;
/// How many standard errors a trend difference must reach before the dashboard calls it a
/// change: 1.96, a difference that two groups of these sizes and spreads would show by chance
/// less than one time in twenty.
pub const TREND_Z: f64 = 1.96;

// ---------------------------------------------------------------------------------------------
// What a release holds.

/// A group's name in Dutch, for the CSV.
pub fn group_name_nl(kind: GroupKind, name: Option<&str>) -> String {
    match kind {
        GroupKind::Total => "Hele organisatie".into(),
        GroupKind::Department => name.unwrap_or_default().to_owned(),
        GroupKind::NoDepartment => "Afdeling niet genoemd".into(),
    }
}

/// What may be shown of `booked` and `held` appointments with minimum group size `k`.
pub fn protected_appointments(booked: u64, held: u64, k: u64) -> Appointments {
    let enough = |count: u64| count >= k;
    let booked_shown = enough(booked).then_some(booked);
    let rest = booked.saturating_sub(held);
    let held_shown = (booked_shown.is_some() && enough(held) && (rest == 0 || enough(rest))).then_some(held);
    Appointments { booked: booked_shown, held: held_shown }
}

/// The same rule again over what is stored (a hidden number stays hidden).
fn protected_again(appointments: Appointments, k: u64) -> Appointments {
    match (appointments.booked, appointments.held) {
        (Some(booked), Some(held)) => protected_appointments(booked, held, k),
        (Some(booked), None) => Appointments { booked: (booked >= k).then_some(booked), held: None },
        _ => Appointments { booked: None, held: None },
    }
}

/// Fills in where each band starts from the definition's `measures` (see [`measures_of`]), for
/// releases stored before the start was recorded. A band the definition no longer has keeps
/// what it had.
pub fn band_starts(figures: &mut Figures, from_definition: &[Measure]) {
    for measure in &mut figures.measures {
        let Some(defined) = from_definition.iter().find(|defined| defined.score == measure.score) else { continue };
        for band in &mut measure.bands {
            if band.from.is_none() {
                band.from =
                    defined.bands.iter().find(|defined| defined.key == band.key).and_then(|defined| defined.from);
            }
        }
    }
}

/// Applies the rules that releases stored before issue 19 did not follow, before an employer
/// sees them: a group or measure with nobody in it is hidden like any group below k (a 0
/// next to a headcount says nobody there took part), and appointments are shown only from
/// k. Hiding an empty cell or a count makes nothing else derivable: it adds nothing to any
/// sum. Releases computed now already follow them, so for those this changes nothing.
pub fn protect(figures: &mut Figures, k: u64) {
    for group in &mut figures.groups {
        if group.figures.as_ref().is_some_and(|figures| figures.respondents == 0) {
            group.shown = false;
            group.figures = None;
        }
        let Some(shown) = group.figures.as_mut() else { continue };
        for measure in &mut shown.measures {
            if measure.figures.as_ref().is_some_and(|figures| figures.respondents == 0) {
                measure.shown = false;
                measure.figures = None;
            }
        }
        shown.appointments = shown.appointments.map(|appointments| protected_again(appointments, k));
    }
}

/// What was shown of each group and measure, kept with a release so that a later release of
/// the same campaign can be checked against it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decisions {
    /// The measures' score ids, in the order of the bits in the members' masks.
    pub measures: Vec<String>,
    /// The groups (departments, then no department): the total and one flag per group.
    pub groups: FlatShown,
    /// The same per measure.
    pub by_measure: Vec<FlatShown>,
}

/// A one-level decision: the total and one flag per group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlatShown {
    /// Whether the total is shown.
    pub total: bool,
    /// Whether each group is shown.
    pub groups: Vec<bool>,
}

impl FlatShown {
    fn of(shown: &Shown) -> FlatShown {
        FlatShown { total: shown.shown, groups: shown.groups() }
    }

    fn shown(&self) -> Shown {
        Shown::flat(self.total, &self.groups)
    }
}

// ---------------------------------------------------------------------------------------------
// The input.

/// A department of the campaign.
#[derive(Clone, Debug)]
pub struct DepartmentInfo {
    /// Its name.
    pub name: String,
    /// Its headcount, if given.
    pub headcount: Option<i64>,
}

/// One upload as a release remembers it: who (its id, or a random stand-in once withdrawn),
/// where, and which measures it has a value for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The upload's id.
    pub id: String,
    /// Its group: a department's index, or the number of departments for "no department".
    pub group: usize,
    /// Bit i set: it has a value for measure i.
    pub mask: u64,
}

/// An earlier published release of the same campaign: who counted where, and what was shown.
#[derive(Clone, Debug)]
pub struct Earlier {
    /// Who counted.
    pub members: Vec<Member>,
    /// What that release showed.
    pub decisions: Decisions,
}

/// One measure's sums for one group.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureCell {
    /// Respondents with a value.
    pub respondents: u64,
    /// The sum of their values.
    pub sum: f64,
    /// How many in each band, in the measure's band order.
    pub bands: Vec<u64>,
}

impl MeasureCell {
    /// An empty cell for a measure with this many bands.
    pub fn new(bands: usize) -> MeasureCell {
        MeasureCell { respondents: 0, sum: 0.0, bands: vec![0; bands] }
    }

    /// Counts one value in a band.
    pub fn add(&mut self, value: f64, band: usize) {
        self.respondents += 1;
        self.sum += value;
        if let Some(count) = self.bands.get_mut(band) {
            *count += 1;
        }
    }

    fn merged(cells: &[MeasureCell]) -> MeasureCell {
        let mut total = MeasureCell::new(cells.first().map_or(0, |cell| cell.bands.len()));
        for cell in cells {
            total.respondents += cell.respondents;
            total.sum += cell.sum;
            for (into, count) in total.bands.iter_mut().zip(&cell.bands) {
                *into += count;
            }
        }
        total
    }
}

/// Everything a release is computed from. The sums come from `group_cells`, kept up to date at
/// every upload and withdrawal, so computing a release reads a few rows, not every upload.
#[derive(Clone, Debug)]
pub struct Input {
    /// The campaign's minimum group size.
    pub k: MinGroupSize,
    /// The measures.
    pub measures: Vec<Measure>,
    /// The campaign's departments.
    pub departments: Vec<DepartmentInfo>,
    /// Group-figure uploads per group (departments, then no department).
    pub counts: Vec<u64>,
    /// Per measure, per group: the sums.
    pub cells: Vec<Vec<MeasureCell>>,
    /// Who counts now: needed (and read) only when an earlier release showed anything.
    pub current: Vec<Member>,
    /// Appointments of the campaign when the release is computed.
    pub appointments: Uptake,
    /// The campaign's earlier published releases, oldest first.
    pub earlier: Vec<Earlier>,
    /// Whether every upload was made with a personal invitation from the roster the practice
    /// reviewed: then none is counted as one the employer could have made. With an open link,
    /// every upload could be the employer's own.
    pub personal: bool,
}

/// Whether a release after these earlier ones must compare membership with them (an earlier
/// one showed something); if not, it is computed from the counts alone.
pub fn needs_members(earlier: &[Earlier]) -> bool {
    earlier.iter().any(|release| release.decisions.groups.shown().any())
}

/// The measures of a definition: its theme scores (with bands, not hidden), then its headline
/// score(s) with bands. Other scores (sums, hidden inputs) are not part of group figures.
pub fn measures_of(definition: &Definition) -> Vec<Measure> {
    let ranges = score_ranges(definition);
    let measure = |score: &werkscan_core::model::Score, kind: MeasureKind| {
        let levels = score.bands.as_ref().and_then(|name| definition.bands.get(name))?;
        let (min, max) = ranges.get(score.id.as_str()).map_or((0.0, 0.0), |range| range.out);
        Some(Measure {
            score: score.id.clone(),
            kind,
            label: score.label.clone(),
            min,
            max,
            bands: levels
                .levels
                .iter()
                .map(|band| BandInfo {
                    key: band.key.clone(),
                    label: band.label.clone(),
                    signal: band.signal,
                    from: Some(band.from),
                })
                .collect(),
        })
    };
    // The same selection the phone sends for group figures alone.
    definition
        .group_figure_scores()
        .filter_map(|score| measure(score, if score.headline { MeasureKind::Headline } else { MeasureKind::Theme }))
        .collect()
}

/// What an upload contributes to group figures, worked out once when it is stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// Bit i set: a value for measure i.
    pub mask: i64,
    /// 16 hex characters of a hash of every measure's value and band: equal for identical
    /// results, and nothing to read.
    pub fingerprint: String,
    /// The measures with a value: (score id, band key, value in thousandths).
    pub values: Vec<(String, String, i64)>,
}

/// An upload's contribution to its campaign's group figures, from its (checked) result.
pub fn contribution(definition: &Definition, result: &werkscan_core::ScanResult) -> Contribution {
    let mut mask = 0i64;
    let mut identity = String::new();
    let mut values = Vec::new();
    for (index, measure) in measures_of(definition).iter().enumerate() {
        let score = result.score(&measure.score);
        // The headline is shown as a distribution only, and group figures alone send only its
        // band: a band is enough, and its value (when scores were shared too) is summed as it is
        // stored, so a withdrawal takes off exactly what was added. It is never shown.
        let value = score.and_then(|score| match measure.kind {
            MeasureKind::Theme => Some((Some(score.value?), score.band.clone()?)),
            MeasureKind::Headline => Some((score.value, score.band.clone()?)),
        });
        match value.filter(|(_, band)| measure.bands.iter().any(|known| &known.key == band)) {
            Some((value, band)) => {
                mask |= 1i64 << index.min(62);
                // The fingerprint of the headline is its band alone, however it was sent.
                let exact = if measure.kind == MeasureKind::Theme { value.map_or(0, f64::to_bits) } else { 0 };
                identity.push_str(&format!("{}={exact}:{band};", measure.score));
                values.push((measure.score.clone(), band, value.map_or(0, |value| (value * 1000.0).round() as i64)));
            }
            None => identity.push_str(&format!("{}=-;", measure.score)),
        }
    }
    Contribution { mask, fingerprint: crate::util::sha256_hex(&identity)[..16].to_owned(), values }
}

// ---------------------------------------------------------------------------------------------
// Computing a release.

/// A computed release.
#[derive(Clone, Debug)]
pub struct Computed {
    /// What is shown.
    pub figures: Figures,
    /// What was shown, for later releases.
    pub decisions: Decisions,
    /// Group-figure uploads counted.
    pub respondents: u64,
}

/// Why no release could be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoRelease {
    /// Fewer than k uploads are new since the latest published release.
    TooFewNew {
        /// How many are new.
        new: u64,
        /// How many are needed.
        needed: u64,
    },
    /// A third or later release could not be verified exactly.
    CannotVerify,
    /// At least k uploads are new, but the employer could have made them all (anyone with the
    /// campaign's open link can upload), so none of them count towards the k new.
    NewMayBeOwn {
        /// How many are new.
        new: u64,
        /// How many are needed from people the employer cannot have been.
        needed: u64,
    },
    /// The total lost or gained 1..k-1 people against an earlier published release (a
    /// withdrawal, for example): the difference of the totals would be about them.
    TotalChangedByFew {
        /// People who left the total.
        left: u64,
        /// People who joined it.
        joined: u64,
    },
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Computes a release. With earlier published releases it follows the re-release rule
/// (`suppress_after`); without, the one-release rules from the counts alone. Per measure the
/// theme rules apply on top of the groups' decision (a measure is never shown where its group
/// is hidden, nor for a group whose respondents are all in one band).
pub fn compute(input: &Input) -> Result<Computed, NoRelease> {
    let k = input.k;
    let (groups, by_measure) = if needs_members(&input.earlier) {
        again(input)?
    } else {
        let groups = nobody_all_in(input, suppress_counts(&input.counts, k));
        let by_measure = input
            .cells
            .iter()
            .map(|per_group| {
                let theme = Group::split(per_group.iter().map(|cell| Group::with_bands(cell.bands.clone())).collect());
                suppress_theme(&groups, &theme, k).unwrap_or_else(|_| Shown::hidden(&theme))
            })
            .collect::<Vec<_>>();
        (groups, by_measure)
    };
    // When the campaign has no departments, the one group is the total itself.
    let flatten = |shown: Shown| if input.departments.is_empty() { Shown::flat(shown.shown, &[false]) } else { shown };
    let groups = flatten(groups);
    let by_measure: Vec<Shown> = by_measure.into_iter().map(flatten).collect();
    Ok(Computed {
        figures: figures_of(input, &groups, &by_measure),
        decisions: Decisions {
            measures: input.measures.iter().map(|measure| measure.score.clone()).collect(),
            groups: FlatShown::of(&groups),
            by_measure: by_measure.iter().map(FlatShown::of).collect(),
        },
        respondents: input.counts.iter().sum(),
    })
}

/// Hides what would say that everyone invited to a group took part. With personal invitations
/// the employer knows every department's headcount from its own roster, so a count equal to it
/// ("7 of 7") says of each person there that they took part, as a 0 says that nobody did (which
/// is hidden like any group below k). So a full department is hidden like a small one (with a
/// partner); while the hidden part's count equals its departments' headcounts (the total minus
/// the shown groups would say the same of them), the smallest shown group with people is hidden
/// too; and an organisation in which everyone took part shows nothing. The people without a
/// department count as a group without a headcount. Hiding more never makes more derivable, so
/// this is safe on top of every other rule, re-releases included.
fn nobody_all_in(input: &Input, groups: Shown) -> Shown {
    let count = input.counts.len();
    if !groups.shown || input.departments.is_empty() {
        return groups;
    }
    let headcount = |index: usize| -> Option<u64> {
        input
            .departments
            .get(index)
            .and_then(|department| department.headcount)
            .filter(|&heads| heads > 0)
            .map(|heads| heads as u64)
    };
    let total: u64 = input.counts.iter().sum();
    let roster: Option<u64> = (0..input.departments.len()).map(headcount).sum();
    if roster.is_some_and(|heads| total >= heads) {
        return Shown::flat(false, &vec![false; count]);
    }
    let shown = groups.groups();
    let forced: Vec<bool> = (0..count)
        .map(|index| {
            !shown.get(index).copied().unwrap_or(false)
                || headcount(index).is_some_and(|heads| input.counts[index] >= heads)
        })
        .collect();
    let mut flags = complementary(&input.counts, &forced, input.k);
    loop {
        let hidden: Vec<usize> = (0..count).filter(|&index| !flags[index]).collect();
        let people: u64 = hidden.iter().map(|&index| input.counts[index]).sum();
        // The group without a department has no headcount: it adds nothing to the hidden part's.
        let heads: Option<u64> =
            hidden.iter().filter(|&&index| index < input.departments.len()).map(|&index| headcount(index)).sum();
        if people == 0 || heads != Some(people) {
            break;
        }
        let smallest = (0..count)
            .filter(|&index| flags[index] && input.counts[index] > 0)
            .min_by_key(|&index| (input.counts[index], index));
        match smallest {
            Some(index) => flags[index] = false,
            None => break,
        }
    }
    Shown::flat(true, &flags)
}

/// The decisions of a later release: the re-release rule against every earlier published
/// release, for the groups and for each measure (its respondents, with the groups the group
/// decision hides and the groups in one band forced hidden), then the one-band rule.
fn again(input: &Input) -> Result<(Shown, Vec<Shown>), NoRelease> {
    let k = input.k;
    let group_count = input.counts.len();
    let sets = |mask: Option<u64>| {
        let mut sets: Vec<BTreeSet<String>> = vec![BTreeSet::new(); group_count];
        for member in input.current.iter().filter(|member| mask.is_none_or(|bit| member.mask & bit != 0)) {
            sets[member.group.min(group_count - 1)].insert(member.id.clone());
        }
        sets
    };
    // With an open link anyone holding it, the employer too, can upload and withdraw, so every
    // upload, now or earlier, could be the employer's own. With personal invitations every
    // upload used one invitation of the reviewed roster: the employer's own are not possible
    // beyond what the practice let through (ARCHITECTURE.md, residual risks).
    let could_be_employer: BTreeSet<String> = if input.personal {
        BTreeSet::new()
    } else {
        input
            .current
            .iter()
            .chain(input.earlier.iter().flat_map(|release| &release.members))
            .map(|member| member.id.clone())
            .collect()
    };
    let group_history = earlier_releases(&input.earlier, group_count, None);
    let groups = match suppress_after_guarded(&group_history, &sets(None), &[], &could_be_employer, k) {
        Ok(shown) => shown,
        Err(DisclosureError::TooFewNew { new, k }) => return Err(NoRelease::TooFewNew { new, needed: k }),
        Err(DisclosureError::NewMayBeOwn { new, k, .. }) => return Err(NoRelease::NewMayBeOwn { new, needed: k }),
        Err(DisclosureError::TotalChangedByFew { left, joined, .. }) => {
            return Err(NoRelease::TotalChangedByFew { left, joined })
        }
        Err(_) => return Err(NoRelease::CannotVerify),
    };
    let groups = nobody_all_in(input, groups);
    let mut by_measure = Vec::with_capacity(input.measures.len());
    for (index, measure) in input.measures.iter().enumerate() {
        let per_group = &input.cells[index];
        let forced: Vec<bool> =
            groups.children.iter().zip(per_group).map(|(group, cell)| !group.shown || one_band(&cell.bands)).collect();
        let history = earlier_releases(&input.earlier, group_count, Some(&measure.score));
        let shown = match suppress_after_guarded(
            &history,
            &sets(Some(1u64 << index.min(62))),
            &forced,
            &could_be_employer,
            k,
        ) {
            Ok(shown) => one_band_after(shown, per_group),
            // Too few new respondents for this measure, or not verifiable: nothing new of it.
            Err(_) => Shown::flat(false, &vec![false; group_count]),
        };
        by_measure.push(shown);
    }
    Ok((groups, by_measure))
}

/// After the re-release rule for a measure, the one-band rule on what it shows: a shown total
/// whose respondents are all in one band hides the measure; when the total minus the shown
/// groups gives a hidden group's band away (`one_band_concluded`), only the total is left, and
/// when even the total does, the measure is hidden. Publishing fewer cells never makes more
/// derivable, so the fall-backs are safe.
fn one_band_after(mut shown: Shown, per_group: &[MeasureCell]) -> Shown {
    if !shown.shown {
        return shown;
    }
    let total = MeasureCell::merged(per_group).bands;
    if one_band(&total) {
        return Shown::flat(false, &vec![false; per_group.len()]);
    }
    let flags = shown.groups();
    let visible: Vec<&[u64]> =
        per_group.iter().zip(&flags).filter(|(_, shown)| **shown).map(|(cell, _)| cell.bands.as_slice()).collect();
    let hidden: Vec<&[u64]> =
        per_group.iter().zip(&flags).filter(|(_, shown)| !**shown).map(|(cell, _)| cell.bands.as_slice()).collect();
    if one_band_concluded(&total, &visible, &hidden) {
        shown.children.iter_mut().for_each(|child| child.shown = false);
        let everyone: Vec<&[u64]> = per_group.iter().map(|cell| cell.bands.as_slice()).collect();
        if one_band_concluded(&total, &[], &everyone) {
            return Shown::flat(false, &vec![false; per_group.len()]);
        }
    }
    shown
}

/// The earlier releases as the core's rules want them: for the groups (`measure` `None`) or for
/// one measure (its respondents and what was shown of it; a release that did not have the
/// measure showed nothing of it).
fn earlier_releases(earlier: &[Earlier], group_count: usize, measure: Option<&str>) -> Vec<Release<String>> {
    earlier
        .iter()
        .map(|release| {
            let bit = measure.map(|score| release.decisions.measures.iter().position(|known| known == score));
            let mut groups = vec![BTreeSet::new(); group_count];
            for member in &release.members {
                let counted = match bit {
                    None => true,
                    Some(Some(bit)) => member.mask & (1u64 << bit.min(62)) != 0,
                    Some(None) => false,
                };
                if counted {
                    groups[member.group.min(group_count - 1)].insert(member.id.clone());
                }
            }
            let flat = match bit {
                None => release.decisions.groups.clone(),
                Some(Some(bit)) => release.decisions.by_measure.get(bit).cloned().unwrap_or_default(),
                Some(None) => FlatShown::default(),
            };
            let mut shown = flat.shown();
            shown.children.resize(group_count, Shown::default());
            Release { groups, shown }
        })
        .collect()
}

fn response_rate(respondents: u64, headcount: Option<i64>) -> Option<f64> {
    headcount.filter(|count| *count > 0).map(|count| round1(respondents as f64 * 100.0 / count as f64))
}

fn figures_of(input: &Input, groups: &Shown, by_measure: &[Shown]) -> Figures {
    let departments = input.departments.len();
    let total_headcount =
        if departments > 0 && input.departments.iter().all(|department| department.headcount.is_some()) {
            Some(input.departments.iter().filter_map(|department| department.headcount).sum())
        } else {
            None
        };
    let measure_figures = |cell: &MeasureCell, shown: bool, measure: &Measure| MeasureFigures {
        score: measure.score.clone(),
        shown,
        figures: shown.then(|| ShownMeasure {
            respondents: cell.respondents,
            // Rounded to a step that fits the group (`mean_step`): one decimal of a small
            // group's mean, with k - 1 members known, is the last member's score.
            mean: (measure.kind == MeasureKind::Theme)
                .then(|| disclosure::shown_mean(cell.sum, cell.respondents, input.k))
                .flatten(),
            distribution: measure
                .bands
                .iter()
                .zip(&cell.bands)
                .map(|(band, count)| BandCount { band: band.key.clone(), count: *count })
                .collect(),
        }),
    };
    let mut rows = Vec::with_capacity(departments + 2);
    let total_count: u64 = input.counts.iter().sum();
    rows.push(GroupFigures {
        kind: GroupKind::Total,
        name: None,
        shown: groups.shown,
        headcount: total_headcount,
        figures: groups.shown.then(|| ShownGroup {
            respondents: total_count,
            response_rate: response_rate(total_count, total_headcount),
            measures: input
                .measures
                .iter()
                .enumerate()
                .map(|(index, measure)| {
                    measure_figures(&MeasureCell::merged(&input.cells[index]), by_measure[index].shown, measure)
                })
                .collect(),
            appointments: Some(protected_appointments(
                input.appointments.booked.max(0) as u64,
                input.appointments.held.max(0) as u64,
                input.k.get(),
            )),
        }),
    });
    if departments == 0 {
        return Figures { measures: input.measures.clone(), groups: rows };
    }
    for group in 0..=departments {
        let shown = groups.children.get(group).is_some_and(|child| child.shown);
        let (kind, name, headcount) = match input.departments.get(group) {
            Some(department) => (GroupKind::Department, Some(department.name.clone()), department.headcount),
            None => (GroupKind::NoDepartment, None, None),
        };
        let respondents = input.counts.get(group).copied().unwrap_or(0);
        rows.push(GroupFigures {
            kind,
            name,
            shown,
            headcount,
            figures: shown.then(|| ShownGroup {
                respondents,
                response_rate: response_rate(respondents, headcount),
                measures: input
                    .measures
                    .iter()
                    .enumerate()
                    .map(|(index, measure)| {
                        let shown = by_measure[index].children.get(group).is_some_and(|child| child.shown);
                        measure_figures(&input.cells[index][group], shown, measure)
                    })
                    .collect(),
                appointments: None,
            }),
        });
    }
    Figures { measures: input.measures.clone(), groups: rows }
}

// ---------------------------------------------------------------------------------------------
// Padding signals.

/// Whether a group's (or the hidden rest's) signals deserve a look, with thresholds that the
/// k - 1 uploads of an employer padding one group can reach: two identical results, or a
/// third of k - 1 (at least 2) from one origin bucket or within ten minutes, or k - 1 within an
/// hour. The whole-release signals need k and a quarter or half of everything, which a padder
/// of one small group never reaches. A department filling in the scan together from one office
/// looks like this too: these are reasons to ask, not proof.
pub fn small_padding(
    k: MinGroupSize,
    uploads: u64,
    burst_10: u64,
    burst_60: Option<u64>,
    identical: u64,
    origin: u64,
) -> bool {
    let few = (k.get() - 1).div_ceil(3).max(2);
    uploads > 0
        && (identical >= 2 || origin >= few || burst_10 >= few || burst_60.is_some_and(|burst| burst >= k.get() - 1))
}

/// The signals of the hidden rest, from the uploads of the hidden groups (`arrivals`, all in
/// group 0 or any group: they are counted together); `None` when it holds nobody.
pub fn rest_signals(k: MinGroupSize, names: Vec<Option<String>>, arrivals: &[Arrival]) -> Option<RestSignals> {
    if arrivals.is_empty() {
        return None;
    }
    let together: Vec<Arrival> = arrivals.iter().cloned().map(|arrival| Arrival { group: 0, ..arrival }).collect();
    let raw = raw_signals(&together, 1);
    let largest_identical = raw.identical.iter().copied().max().unwrap_or(1);
    let uploads = together.len() as u64;
    Some(RestSignals {
        groups: names,
        uploads,
        largest_burst_10_minutes: raw.busiest_10.0,
        largest_burst_60_minutes: raw.busiest_60.0,
        largest_identical,
        largest_origin: raw.origins.0,
        attention: small_padding(
            k,
            uploads,
            raw.busiest_10.0,
            Some(raw.busiest_60.0),
            largest_identical,
            raw.origins.0,
        ),
    })
}

/// The counts behind the signals, as the database (or [`raw_signals`]) finds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawSignals {
    /// The busiest 10 minutes: uploads, and when the window starts (Unix seconds).
    pub busiest_10: (u64, Option<i64>),
    /// The busiest hour.
    pub busiest_60: (u64, Option<i64>),
    /// The size of every group of two or more identical results.
    pub identical: Vec<u64>,
    /// Uploads in the fullest origin bucket, and the number of buckets.
    pub origins: (u64, u64),
    /// Per group (departments, then no department): its busiest 10 minutes, largest group of
    /// identical results (1 when none are identical, 0 without uploads), fullest bucket.
    pub groups: Vec<(u64, u64, u64)>,
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round1(part as f64 * 100.0 / whole as f64)
    }
}

/// The padding signals of a release. Attention: a 10-minute window with at least k uploads and
/// a quarter of all, an hour with at least k and half of all, three or more identical results,
/// or one origin bucket with at least k uploads and half of all. These are reasons to look, not
/// proof: a department that fills the scan in together in a meeting, from one office address,
/// looks like this too.
pub fn signals(k: MinGroupSize, departments: &[DepartmentInfo], counts: &[u64], raw: &RawSignals) -> Signals {
    let min_group_size = k;
    let k = k.get();
    let uploads: u64 = counts.iter().sum();
    let bursts = [(10, 4u64, raw.busiest_10), (60, 2u64, raw.busiest_60)]
        .into_iter()
        .map(|(minutes, fraction, (largest, start))| Burst {
            window_minutes: minutes,
            largest,
            share: share(largest, uploads),
            starts_at: start.map(crate::util::rfc3339),
            attention: largest >= k && largest * fraction >= uploads,
        })
        .collect();
    let mut sizes: BTreeMap<u64, u64> = BTreeMap::new();
    for &size in raw.identical.iter().filter(|size| **size >= 2) {
        *sizes.entry(size).or_default() += 1;
    }
    let largest = raw.identical.iter().copied().max().unwrap_or(u64::from(uploads > 0));
    let identical_results = Identical {
        largest,
        uploads_in_groups: sizes.iter().map(|(size, count)| size * count).sum(),
        groups: sizes.iter().rev().map(|(size, count)| IdenticalGroups { size: *size, count: *count }).collect(),
        attention: largest >= 3,
    };
    let origins = Origins {
        largest: raw.origins.0,
        share: share(raw.origins.0, uploads),
        addresses: raw.origins.1,
        attention: raw.origins.0 >= k && raw.origins.0 * 2 >= uploads,
    };
    let groups = (0..counts.len())
        .filter(|group| !departments.is_empty() || *group == 0)
        .map(|group| {
            let (kind, name) = match departments.get(group) {
                Some(department) => (GroupKind::Department, Some(department.name.clone())),
                None => (GroupKind::NoDepartment, None),
            };
            let (burst, identical, origin) = raw.groups.get(group).copied().unwrap_or_default();
            GroupSignals {
                kind,
                name,
                uploads: counts[group],
                largest_burst_10_minutes: burst,
                largest_identical: identical,
                largest_origin: origin,
                attention: small_padding(min_group_size, counts[group], burst, None, identical, origin),
            }
        })
        .collect();
    Signals { uploads, bursts, identical_results, origins, groups, hidden_rest: None }
}

/// One upload with what the signals look at, for [`raw_signals`].
#[derive(Clone, Debug, PartialEq)]
pub struct Arrival {
    /// Its group.
    pub group: usize,
    /// When it arrived (Unix seconds).
    pub created_at: i64,
    /// Its origin bucket.
    pub origin: Option<i64>,
    /// Its fingerprint.
    pub fingerprint: Option<String>,
}

/// The busiest window of `seconds`: (uploads in it, its first upload's time). `times` sorted.
fn busiest(times: &[i64], seconds: i64) -> (u64, Option<i64>) {
    let mut best = (0u64, None);
    let mut start = 0;
    for end in 0..times.len() {
        while times[end] - times[start] >= seconds {
            start += 1;
        }
        let count = (end - start + 1) as u64;
        if count > best.0 {
            best = (count, Some(times[start]));
        }
    }
    best
}

/// The signals' counts computed here from every upload: the reference the database's queries
/// are tested against, and what the unit tests use.
pub fn raw_signals(arrivals: &[Arrival], group_count: usize) -> RawSignals {
    let times = |group: Option<usize>| {
        let mut times: Vec<i64> = arrivals
            .iter()
            .filter(|arrival| group.is_none_or(|group| arrival.group == group))
            .map(|arrival| arrival.created_at)
            .collect();
        times.sort_unstable();
        times
    };
    let tally = |group: Option<usize>, key: &dyn Fn(&Arrival) -> Option<String>| {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for arrival in arrivals.iter().filter(|arrival| group.is_none_or(|group| arrival.group == group)) {
            if let Some(key) = key(arrival) {
                *counts.entry(key).or_default() += 1;
            }
        }
        counts
    };
    let fingerprint = |arrival: &Arrival| arrival.fingerprint.clone();
    let origin = |arrival: &Arrival| arrival.origin.map(|origin| origin.to_string());
    let all = times(None);
    let origins = tally(None, &origin);
    RawSignals {
        busiest_10: busiest(&all, 600),
        busiest_60: busiest(&all, 3600),
        identical: tally(None, &fingerprint).into_values().filter(|count| *count >= 2).collect(),
        origins: (origins.values().copied().max().unwrap_or(0), origins.len() as u64),
        groups: (0..group_count)
            .map(|group| {
                let uploads = arrivals.iter().filter(|arrival| arrival.group == group).count() as u64;
                let identical =
                    tally(Some(group), &fingerprint).into_values().max().unwrap_or(0).max(u64::from(uploads > 0));
                (
                    busiest(&times(Some(group)), 600).0,
                    identical,
                    tally(Some(group), &origin).into_values().max().unwrap_or(0),
                )
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Trend and norm: read from stored, published releases only.

/// A change in Dutch words, for the CSV (the console says the same).
pub fn change_nl(change: Change) -> &'static str {
    match change {
        Change::Higher => "hoger",
        Change::Lower => "lager",
        Change::NoClearChange => "geen duidelijke verandering",
    }
}

/// An estimate of the spread (standard deviation) of a group's scores, from what the release
/// shows and nothing else: the count per band and the mean. Each person is taken to lie
/// anywhere in their band with equal chance, so a band of width `w` adds `w²/12` around its
/// middle. Working from published figures keeps the threshold from being a new figure about
/// the group (an exact spread would be one). `None` when the bands' starts are unknown, the
/// group has fewer than two people, or the measure has no mean.
pub fn spread(measure: &Measure, shown: &ShownMeasure) -> Option<f64> {
    let mean = shown.mean?;
    let people: u64 = shown.distribution.iter().map(|band| band.count).sum();
    if people < 2 {
        return None;
    }
    let mut squares = 0.0;
    for (index, band) in measure.bands.iter().enumerate() {
        let from = band.from?;
        let to = measure.bands.get(index + 1).map_or(Some(measure.max), |next| next.from)?;
        let count =
            shown.distribution.iter().find(|counted| counted.band == band.key).map_or(0, |counted| counted.count)
                as f64;
        let (middle, width) = ((from + to) / 2.0, (to - from).abs());
        squares += count * (width * width / 12.0 + (middle - mean) * (middle - mean));
    }
    Some((squares / (people - 1) as f64).sqrt())
}

/// The smallest difference between two group means that the dashboard calls a change:
/// [`TREND_Z`] standard errors of the difference of two independent groups with these sizes
/// and spreads, rounded up to one decimal (and at least 0.1, the means' own precision).
/// Two rounds of a campaign are often partly the same people; for them the chance difference
/// is smaller, so treating them as independent errs towards "geen duidelijke verandering".
/// Without a spread (bands unknown) the largest spread the scale allows is used.
pub fn trend_threshold(measure: &Measure, now: &ShownMeasure, then: &ShownMeasure) -> f64 {
    let widest = (measure.max - measure.min).abs() / 2.0;
    let variance = |shown: &ShownMeasure| {
        let spread = spread(measure, shown).unwrap_or(widest);
        spread * spread / shown.respondents.max(1) as f64
    };
    let threshold = TREND_Z * (variance(now) + variance(then)).sqrt();
    ((threshold * 10.0).ceil() / 10.0).max(0.1)
}

/// The trend of `current` against `previous` (both published): per group shown in both (matched
/// by kind and name) and theme with a shown mean in both, for the themes `comparable` allows
/// (the same questionnaire version, or a score declared comparable with the earlier version).
pub fn trend(
    current: &Figures,
    previous: &Figures,
    campaign: PreviousCampaign,
    comparable: impl Fn(&str) -> bool,
) -> Option<Trend> {
    if !current.total().is_some_and(|total| total.shown) || !previous.total().is_some_and(|total| total.shown) {
        return None;
    }
    let themes: Vec<&Measure> = current.measures.iter().filter(|measure| measure.kind == MeasureKind::Theme).collect();
    let not_comparable =
        themes.iter().filter(|measure| !comparable(&measure.score)).map(|measure| measure.score.clone()).collect();
    let groups = current
        .groups
        .iter()
        .filter(|group| group.shown)
        .filter_map(|group| {
            let before =
                previous.groups.iter().find(|old| old.kind == group.kind && old.name == group.name && old.shown)?;
            let measures: Vec<TrendMeasure> = themes
                .iter()
                .filter(|measure| comparable(&measure.score))
                .filter_map(|measure| {
                    let now = GroupFigures::shown_measure(group, &measure.score)?;
                    let then = GroupFigures::shown_measure(before, &measure.score)?;
                    let (mean, previous_mean) = (now.mean?, then.mean?);
                    let difference = round1(mean - previous_mean);
                    let threshold = trend_threshold(measure, now, then);
                    let change = if difference.abs() < threshold {
                        Change::NoClearChange
                    } else if difference > 0.0 {
                        Change::Higher
                    } else {
                        Change::Lower
                    };
                    Some(TrendMeasure {
                        score: measure.score.clone(),
                        previous_mean,
                        mean,
                        difference,
                        threshold,
                        change,
                    })
                })
                .collect();
            (!measures.is_empty()).then(|| TrendGroup { kind: group.kind, name: group.name.clone(), measures })
        })
        .collect();
    Some(Trend { previous: campaign, groups, not_comparable })
}

/// The organisation-level figures of one published release, as the norm reads them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Respondents of the organisation (0 when the total was hidden).
    pub respondents: u64,
    /// The shown measures of the total.
    pub measures: Vec<TotalMeasure>,
}

/// One shown measure of an organisation's total.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotalMeasure {
    /// The score id.
    pub score: String,
    /// Respondents with a value.
    pub respondents: u64,
    /// The shown mean (themes).
    pub mean: Option<f64>,
    /// The distribution.
    pub distribution: Vec<BandCount>,
}

impl Totals {
    /// The totals of a release's figures: only what the release shows.
    pub fn of(figures: &Figures) -> Totals {
        let Some(total) = figures.total().and_then(|total| total.figures.as_ref()) else {
            return Totals { respondents: 0, measures: Vec::new() };
        };
        Totals {
            respondents: total.respondents,
            measures: total
                .measures
                .iter()
                .filter_map(|measure| {
                    let shown = measure.figures.as_ref()?;
                    Some(TotalMeasure {
                        score: measure.score.clone(),
                        respondents: shown.respondents,
                        mean: shown.mean,
                        distribution: shown.distribution.clone(),
                    })
                })
                .collect(),
        }
    }
}

/// One published release as the norm sees it.
#[derive(Clone, Debug)]
pub struct NormSource {
    /// Its organisation.
    pub org_id: String,
    /// The questionnaire version its campaign used.
    pub version: String,
    /// Its totals.
    pub totals: Totals,
    /// When it was published (Unix seconds).
    pub published_at: i64,
}

/// The norm for organisation `own` over `sources` (the published releases of this
/// questionnaire id) for `measures`:
/// - never `own`'s releases: a norm that contains the reader is partly a mirror;
/// - only releases of `version`: another version's theme may ask other questions;
/// - one release per organisation, its latest: an organisation with many campaigns would
///   otherwise weigh several times;
/// - per measure at least [`NORM_MIN_ORGANISATIONS`] organisations and
///   [`NORM_MIN_RESPONDENTS`] respondents, none more than [`NORM_MAX_SHARE`] of them.
///
/// A release contributes to a measure only where its total shows the measure with the same
/// band keys. Without any measure that meets the rules, the reason.
pub fn norm(
    questionnaire: &str,
    version: &str,
    own: &str,
    measures: &[Measure],
    sources: &[NormSource],
) -> Result<Norm, NormMissing> {
    let mut latest: BTreeMap<&str, &NormSource> = BTreeMap::new();
    for source in sources.iter().filter(|source| source.org_id != own && source.version == version) {
        let entry = latest.entry(source.org_id.as_str()).or_insert(source);
        if source.published_at > entry.published_at {
            *entry = source;
        }
    }
    let mut result = Vec::new();
    let mut contributing: BTreeSet<&str> = BTreeSet::new();
    let mut missing = NormMissing::TooFewOrganisations;
    for measure in measures {
        let keys: Vec<&str> = measure.bands.iter().map(|band| band.key.as_str()).collect();
        let mut weighted = 0.0;
        let mut with_mean = 0u64;
        let mut counts = vec![0u64; keys.len()];
        let mut per_organisation: Vec<(&str, u64)> = Vec::new();
        for source in latest.values() {
            let Some(shown) = source.totals.measures.iter().find(|shown| shown.score == measure.score) else {
                continue;
            };
            if shown.respondents == 0
                || shown.distribution.iter().map(|band| band.band.as_str()).collect::<Vec<_>>() != keys
            {
                continue;
            }
            per_organisation.push((source.org_id.as_str(), shown.respondents));
            if let Some(mean) = shown.mean {
                weighted += mean * shown.respondents as f64;
                with_mean += shown.respondents;
            }
            for (into, band) in counts.iter_mut().zip(&shown.distribution) {
                *into += band.count;
            }
        }
        let respondents: u64 = per_organisation.iter().map(|(_, count)| count).sum();
        if per_organisation.len() < NORM_MIN_ORGANISATIONS {
            continue;
        }
        if respondents < NORM_MIN_RESPONDENTS {
            missing = missing.max(NormMissing::TooFewRespondents);
            continue;
        }
        let largest = per_organisation.iter().map(|(_, count)| *count).max().unwrap_or(0);
        if largest as f64 > NORM_MAX_SHARE * respondents as f64 {
            missing = missing.max(NormMissing::OneOrganisationTooLarge);
            continue;
        }
        contributing.extend(per_organisation.iter().map(|(org, _)| *org));
        result.push(NormMeasure {
            score: measure.score.clone(),
            organisations: per_organisation.len(),
            respondents,
            mean: (measure.kind == MeasureKind::Theme && with_mean > 0).then(|| round1(weighted / with_mean as f64)),
            distribution: keys
                .iter()
                .zip(counts)
                .map(|(key, count)| BandCount { band: (*key).to_owned(), count })
                .collect(),
        });
    }
    if result.is_empty() {
        return Err(missing);
    }
    let sources: Vec<&NormSource> = contributing.iter().filter_map(|org| latest.get(org).copied()).collect();
    Ok(Norm {
        questionnaire: questionnaire.to_owned(),
        version: version.to_owned(),
        as_of: sources.iter().map(|source| source.published_at).max().map(crate::util::rfc3339),
        organisations: sources.len(),
        respondents: sources.iter().map(|source| source.totals.respondents).sum(),
        max_share: NORM_MAX_SHARE,
        measures: result,
    })
}

// ---------------------------------------------------------------------------------------------
// Where to begin: read from the published figures only.

/// How many themes "waar beginnen" names at most: more would be a list, not a start.
pub const START_HERE_THEMES: usize = 3;

/// The themes with the most people in a band whose signal is "attention", in the organisation
/// as a whole, at most [`START_HERE_THEMES`]; ties go to the larger share, then to the
/// definition's order. Built only from counts the release shows, so it adds no figure.
/// `advice` is the definition's employer advice per score and band key.
pub fn start_here(figures: &Figures, advice: &BTreeMap<String, BTreeMap<String, Text>>) -> Vec<StartHere> {
    let Some(total) = figures.total().filter(|total| total.shown) else { return Vec::new() };
    let attention = |measure: &Measure, shown: &ShownMeasure| -> u64 {
        measure
            .bands
            .iter()
            .filter(|band| band.signal == Signal::Attention)
            .filter_map(|band| shown.distribution.iter().find(|counted| counted.band == band.key))
            .map(|counted| counted.count)
            .sum()
    };
    let share = |count: u64, of: u64| count as f64 / of.max(1) as f64;
    let mut found: Vec<(usize, StartHere)> = figures
        .measures
        .iter()
        .enumerate()
        .filter(|(_, measure)| measure.kind == MeasureKind::Theme)
        .filter_map(|(order, measure)| {
            let shown = GroupFigures::shown_measure(total, &measure.score)?;
            let count = attention(measure, shown);
            if count == 0 {
                return None;
            }
            let departments: Vec<(&str, f64)> = figures
                .groups
                .iter()
                .filter(|group| group.kind == GroupKind::Department && group.shown)
                .filter_map(|group| {
                    let shown = GroupFigures::shown_measure(group, &measure.score)?;
                    Some((group.name.as_deref()?, share(attention(measure, shown), shown.respondents)))
                })
                .collect();
            let highest = departments.iter().map(|(_, share)| *share).fold(0.0, f64::max);
            let band = measure.bands.iter().find(|band| band.signal == Signal::Attention)?;
            Some((
                order,
                StartHere {
                    score: measure.score.clone(),
                    attention: count,
                    respondents: shown.respondents,
                    departments: departments
                        .iter()
                        .filter(|(_, share)| highest > 0.0 && (highest - share).abs() < 1e-9)
                        .map(|(name, _)| (*name).to_owned())
                        .collect(),
                    advice: advice.get(&measure.score).and_then(|bands| bands.get(&band.key)).cloned(),
                },
            ))
        })
        .collect();
    found.sort_by(|(order_a, a), (order_b, b)| {
        b.attention
            .cmp(&a.attention)
            .then(share(b.attention, b.respondents).total_cmp(&share(a.attention, a.respondents)))
            .then(order_a.cmp(order_b))
    });
    found.into_iter().take(START_HERE_THEMES).map(|(_, start)| start).collect()
}

// ---------------------------------------------------------------------------------------------
// CSV.

/// A number as the CSV writes it: whole numbers without decimals, others with one, a decimal
/// point. A difference keeps its sign as text (`-2.5` is written `'-2.5` by the neutraliser,
/// which spreadsheets show as text; the value is the same).
fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// What the dashboard's CSV holds: the same parts the screen shows.
#[derive(Clone, Copy, Debug)]
pub struct Export<'a> {
    /// The release's figures.
    pub figures: &'a Figures,
    /// The campaign's minimum group size.
    pub k: u64,
    /// The trend, if any.
    pub trend: Option<&'a Trend>,
    /// The norm, if any.
    pub norm: Option<&'a Norm>,
    /// Where to begin.
    pub start_here: &'a [StartHere],
    /// The action plan.
    pub actions: &'a [Action],
}

/// The name the dashboard and the CSV give the norm's group.
pub const NORM_GROUP_NL: &str = "Bij andere organisaties";

/// The dashboard as CSV: UTF-8 with a byte order mark, one value per row, columns
/// `onderdeel,groep,thema,cijfer,band,waarde`. Exactly what the dashboard shows; a number below
/// the minimum group size `k` is written as "minder dan k".
pub fn csv(export: &Export<'_>) -> String {
    let Export { figures, k, trend, norm, start_here, actions } = *export;
    let mut out = String::from("\u{feff}onderdeel,groep,thema,cijfer,band,waarde\r\n");
    let mut row = |part: &str, group: &str, theme: &str, figure: &str, band: &str, value: String| {
        let fields = [part, group, theme, figure, band, value.as_str()];
        out.push_str(&crate::csv::row(&fields));
    };
    let label = |score: &str| {
        figures.measure(score).map(|measure| measure.label.nl.clone()).unwrap_or_else(|| score.to_owned())
    };
    let band_label = |score: &str, key: &str| {
        figures
            .measure(score)
            .and_then(|measure| measure.bands.iter().find(|band| band.key == key))
            .map(|band| band.label.nl.clone())
            .unwrap_or_else(|| key.to_owned())
    };
    for group in &figures.groups {
        let name = group_name_nl(group.kind, group.name.as_deref());
        if let Some(headcount) = group.headcount {
            row("uitkomst", &name, "", "aantal medewerkers", "", headcount.to_string());
        }
        let Some(shown) = &group.figures else {
            row("uitkomst", &name, "", "respondenten", "", "niet getoond".into());
            continue;
        };
        row("uitkomst", &name, "", "respondenten", "", shown.respondents.to_string());
        if let Some(rate) = shown.response_rate {
            row("uitkomst", &name, "", "respons (%)", "", number(rate));
        }
        for measure in &shown.measures {
            let theme = label(&measure.score);
            let Some(figures) = &measure.figures else {
                row("uitkomst", &name, &theme, "respondenten", "", "niet getoond".into());
                continue;
            };
            row("uitkomst", &name, &theme, "respondenten", "", figures.respondents.to_string());
            if let Some(mean) = figures.mean {
                row("uitkomst", &name, &theme, "gemiddelde", "", number(mean));
            }
            for band in &figures.distribution {
                row(
                    "uitkomst",
                    &name,
                    &theme,
                    "aantal",
                    &band_label(&measure.score, &band.band),
                    band.count.to_string(),
                );
            }
        }
        if let Some(appointments) = shown.appointments {
            let count = |value: Option<u64>, hidden: String| value.map(|count| count.to_string()).unwrap_or(hidden);
            row("uitkomst", &name, "", "gesprekken gepland", "", count(appointments.booked, format!("minder dan {k}")));
            let held_hidden =
                if appointments.booked.is_some() { "niet getoond".to_owned() } else { format!("minder dan {k}") };
            row("uitkomst", &name, "", "gesprekken gevoerd", "", count(appointments.held, held_hidden));
        }
    }
    if let Some(trend) = trend {
        for group in &trend.groups {
            let name = group_name_nl(group.kind, group.name.as_deref());
            for measure in &group.measures {
                let theme = label(&measure.score);
                row("trend", &name, &theme, "vorig gemiddelde", "", number(measure.previous_mean));
                row("trend", &name, &theme, "gemiddelde", "", number(measure.mean));
                row("trend", &name, &theme, "verschil", "", number(measure.difference));
                row("trend", &name, &theme, "betekenis", "", change_nl(measure.change).to_owned());
            }
        }
    }
    if let Some(norm) = norm {
        row("norm", NORM_GROUP_NL, "", "organisaties", "", norm.organisations.to_string());
        row("norm", NORM_GROUP_NL, "", "respondenten", "", norm.respondents.to_string());
        row("norm", NORM_GROUP_NL, "", "versie", "", norm.version.clone());
        for measure in &norm.measures {
            let theme = label(&measure.score);
            row("norm", NORM_GROUP_NL, &theme, "organisaties", "", measure.organisations.to_string());
            row("norm", NORM_GROUP_NL, &theme, "respondenten", "", measure.respondents.to_string());
            if let Some(mean) = measure.mean {
                row("norm", NORM_GROUP_NL, &theme, "gemiddelde", "", number(mean));
            }
            for band in &measure.distribution {
                row(
                    "norm",
                    NORM_GROUP_NL,
                    &theme,
                    "aantal",
                    &band_label(&measure.score, &band.band),
                    band.count.to_string(),
                );
            }
        }
    }
    for (rank, start) in start_here.iter().enumerate() {
        let theme = label(&start.score);
        let place = (rank + 1).to_string();
        row("waar beginnen", &place, &theme, "vraagt aandacht", "", start.attention.to_string());
        row("waar beginnen", &place, &theme, "respondenten", "", start.respondents.to_string());
        if !start.departments.is_empty() {
            row("waar beginnen", &place, &theme, "sterkst in", "", start.departments.join("; "));
        }
    }
    for (index, action) in actions.iter().enumerate() {
        let number = format!("Actie {}", index + 1);
        let theme = label(&action.score);
        row("actieplan", &number, &theme, "actie", "", action.action.clone());
        row("actieplan", &number, &theme, "eigenaar", "", action.owner.clone());
        row("actieplan", &number, &theme, "datum", "", action.due_on.clone());
        row("actieplan", &number, &theme, "status", "", if action.done { "klaar" } else { "open" }.to_owned());
    }
    out
}

// The plan's actions by the name this area always gave them.
pub use werkscan_api::plan::PlanAction as Action;

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(bands: &[&str]) -> Measure {
        Measure {
            score: "thema".into(),
            kind: MeasureKind::Theme,
            label: Text { nl: "Thema".into(), en: "Theme".into() },
            min: 0.0,
            max: 100.0,
            bands: bands
                .iter()
                .enumerate()
                .map(|(index, key)| BandInfo {
                    key: (*key).into(),
                    label: Text { nl: key.to_uppercase(), en: (*key).into() },
                    signal: if index == 0 { Signal::Attention } else { Signal::Good },
                    from: Some(index as f64 * 100.0 / bands.len() as f64),
                })
                .collect(),
        }
    }

    /// Departments of these sizes (the last size is the people without a department), one
    /// measure with three bands, every value different.
    fn input(sizes: &[usize]) -> Input {
        let mut input = Input {
            k: MinGroupSize::new(10).unwrap(),
            measures: vec![measure(&["laag", "midden", "hoog"])],
            // Headcounts of 20, or more where more took part: a department in which everyone
            // took part is hidden (`nobody_all_in`), which these tests are not about.
            departments: (0..sizes.len() - 1)
                .map(|index| DepartmentInfo {
                    name: format!("Afdeling {index}"),
                    headcount: Some(20.max(sizes[index] as i64 + 1)),
                })
                .collect(),
            counts: sizes.iter().map(|&size| size as u64).collect(),
            cells: vec![vec![MeasureCell::new(3); sizes.len()]],
            current: Vec::new(),
            appointments: Uptake { booked: 2, held: 1 },
            earlier: Vec::new(),
            personal: false,
        };
        let mut number = 0;
        for (group, &size) in sizes.iter().enumerate() {
            for person in 0..size {
                input.cells[0][group].add(30.0 + number as f64 * 0.5, person % 3);
                input.current.push(Member { id: format!("{number:032x}"), group, mask: 1 });
                number += 1;
            }
        }
        input
    }

    #[test]
    fn the_issues_fixed_case_shows_only_the_largest_group_and_the_total() {
        // Departments of 12, 3 and 15 and nobody without a department, k = 10.
        let computed = compute(&input(&[12, 3, 15, 0])).unwrap();
        let shown: Vec<bool> = computed.figures.groups.iter().map(|group| group.shown).collect();
        // Nobody without a department: hidden like a small group (a 0 says who took part).
        assert_eq!(shown, vec![true, false, false, true, false]);
        let total = computed.figures.total().unwrap().figures.as_ref().unwrap();
        assert_eq!(total.respondents, 30);
        // Two appointments with k = 10: "fewer than k".
        assert_eq!(total.appointments, Some(Appointments { booked: None, held: None }));
        assert_eq!(total.response_rate, Some(round1(30.0 * 100.0 / 60.0)));
        assert!(computed.figures.groups[1].figures.is_none());
    }

    #[test]
    fn appointments_are_shown_only_from_k_and_never_a_small_difference() {
        let shown = |booked, held| protected_appointments(booked, held, 5);
        assert_eq!(shown(1, 0), Appointments { booked: None, held: None });
        assert_eq!(shown(4, 4), Appointments { booked: None, held: None });
        assert_eq!(shown(5, 0), Appointments { booked: Some(5), held: None });
        assert_eq!(shown(5, 5), Appointments { booked: Some(5), held: Some(5) });
        // 12 booked, 9 held: 3 booked and not held would follow.
        assert_eq!(shown(12, 9), Appointments { booked: Some(12), held: None });
        assert_eq!(shown(12, 7), Appointments { booked: Some(12), held: Some(7) });
        // A release stored before the rule, read again.
        assert_eq!(
            protected_again(Appointments { booked: Some(1), held: Some(0) }, 5),
            Appointments { booked: None, held: None }
        );
    }

    #[test]
    fn a_group_in_one_band_hides_the_measure_with_a_partner() {
        let mut input = input(&[12, 14, 30, 0]);
        input.cells[0][0] = MeasureCell { respondents: 12, sum: 960.0, bands: vec![0, 0, 12] };
        let computed = compute(&input).unwrap();
        let measure_shown: Vec<bool> = computed
            .figures
            .groups
            .iter()
            .map(|group| group.figures.as_ref().is_some_and(|figures| figures.measures[0].shown))
            .collect();
        // The group in one band and its smallest partner (5, 5, 4) are hidden for the measure;
        // the rest would be (5, 5, 16), where only the last band holds 12, which gives the
        // group's band away (issue 19, attack 3). So the 30 are hidden too and the measure is
        // shown for the total only. The groups themselves stay shown (and nobody without a
        // department is hidden, like a small group).
        assert_eq!(measure_shown, vec![true, false, false, false, false]);
        assert!(!computed.figures.groups[4].shown);
        assert!(computed.figures.groups[1].shown && computed.figures.groups[2].shown);
    }

    #[test]
    fn the_stored_figures_read_back_the_same() {
        let computed = compute(&input(&[12, 3, 15, 0])).unwrap();
        let json = serde_json::to_string(&computed.figures).unwrap();
        assert!(!json.contains("\"respondents\":3,"), "a hidden group's count is not stored");
        let back: Figures = serde_json::from_str(&json).unwrap();
        assert_eq!(back, computed.figures);
    }

    #[test]
    fn a_second_release_compares_who_counted() {
        let first = input(&[15, 15, 0]);
        let computed = compute(&first).unwrap();
        let earlier = vec![Earlier { members: first.current.clone(), decisions: computed.decisions.clone() }];
        // Nine more in the first department: too few new for a release at all.
        let mut second = input(&[24, 15, 0]);
        second.current = first.current.clone();
        second.current.extend((0..9).map(|index| Member { id: format!("new{index}"), group: 0, mask: 1 }));
        second.earlier = earlier.clone();
        assert_eq!(compute(&second).unwrap_err(), NoRelease::TooFewNew { new: 9, needed: 10 });
        // Ten, but every upload could be the employer's own (an open link): none of them count
        // towards a new release (issue 19, attack 2).
        second.current.push(Member { id: "new9".into(), group: 1, mask: 1 });
        second.counts = vec![24, 16, 0];
        assert_eq!(compute(&second).unwrap_err(), NoRelease::NewMayBeOwn { new: 10, needed: 10 });
        // A withdrawal between releases is refused too (attack 1), whoever made the newcomers.
        second.current.remove(0);
        second.counts = vec![23, 16, 0];
        assert_eq!(compute(&second).unwrap_err(), NoRelease::NewMayBeOwn { new: 10, needed: 10 });
    }

    #[test]
    fn means_are_rounded_to_a_step_that_fits_the_group() {
        // Values 30, 30.5, 31, ...: the 12 of the first group average 32.75, the 30 of the
        // third 43.25, the total of 42 40.25.
        let computed = compute(&input(&[12, 0, 30, 0])).unwrap();
        let mean = |group: usize| {
            computed.figures.groups[group].figures.as_ref().unwrap().measures[0]
                .figures
                .as_ref()
                .map(|shown| shown.mean)
        };
        assert_eq!(mean(0), Some(Some(40.0)), "42 respondents, at least 2k: whole numbers");
        assert_eq!(mean(1), Some(Some(35.0)), "12 respondents, fewer than 2k: steps of 5");
        assert_eq!(mean(3), Some(Some(43.0)));
    }

    #[test]
    fn signals_find_bursts_identical_results_and_one_address() {
        // Forty uploads an hour apart from different addresses; then ten within a minute,
        // identical, from one address, in the first department.
        let mut arrivals: Vec<Arrival> = (0..40)
            .map(|index| Arrival {
                group: index % 2,
                created_at: index as i64 * 3600,
                origin: Some(index as i64),
                fingerprint: Some(format!("f{index}")),
            })
            .collect();
        arrivals.extend((0..10).map(|index| Arrival {
            group: 0,
            created_at: 500_000 + index,
            origin: Some(7),
            fingerprint: Some("same".into()),
        }));
        let raw = raw_signals(&arrivals, 3);
        assert_eq!(raw.busiest_10, (10, Some(500_000)));
        assert_eq!(raw.groups[0], (10, 10, 10));
        assert_eq!(raw.groups[2], (0, 0, 0));
        let departments = vec![
            DepartmentInfo { name: "A".into(), headcount: None },
            DepartmentInfo { name: "B".into(), headcount: None },
        ];
        let signals = signals(MinGroupSize::new(10).unwrap(), &departments, &[30, 20, 0], &raw);
        assert_eq!(signals.uploads, 50);
        assert_eq!(signals.bursts[0].largest, 10);
        assert!(!signals.bursts[0].attention, "ten of fifty is not a quarter");
        assert_eq!(signals.identical_results.largest, 10);
        assert_eq!(signals.identical_results.uploads_in_groups, 10);
        assert!(signals.identical_results.attention);
        assert_eq!(signals.origins.largest, 11);
        assert!(!signals.origins.attention, "a fifth from one address is not half");
        assert_eq!(signals.groups.len(), 3);
        assert_eq!(signals.groups[1].largest_origin, 1);
    }

    #[test]
    fn a_contribution_has_one_bit_per_measure_with_a_value() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../questionnaires"));
        let definition: Definition = crate::definitions::Definitions::load_dir(dir)
            .unwrap()
            .loaded_version("werkscan")
            .unwrap()
            .as_ref()
            .clone();
        let answers = werkscan_core::answers::example_answers(&definition);
        let mut result = werkscan_core::score(&definition, &answers).unwrap();
        let full = contribution(&definition, &result);
        assert_eq!(full.mask, 0b111_1111, "six themes and the headline");
        assert_eq!(full.values.len(), 7);
        assert_eq!(full.fingerprint.len(), 16);
        let first_theme = result.scores.iter_mut().find(|score| score.id == "zelfredzaamheid").unwrap();
        first_theme.value = None;
        first_theme.band = None;
        let less = contribution(&definition, &result);
        assert_eq!(less.mask, 0b111_1110);
        assert_ne!(less.fingerprint, full.fingerprint);
    }

    fn previous(version: &str) -> PreviousCampaign {
        PreviousCampaign {
            campaign_id: "a".into(),
            campaign_name: "A".into(),
            starts_on: String::new(),
            ends_on: String::new(),
            published_at: None,
            version: version.into(),
        }
    }

    #[test]
    fn the_trend_labels_small_differences() {
        let now = compute(&input(&[12, 15, 0])).unwrap().figures;
        let mut then = now.clone();
        let set_mean = |figures: &mut Figures, group: usize, mean: f64| {
            figures.groups[group].figures.as_mut().unwrap().measures[0].figures.as_mut().unwrap().mean = Some(mean);
        };
        let current = GroupFigures::shown_measure(&now.groups[0], "thema").unwrap().mean.unwrap();
        set_mean(&mut then, 0, current - 1.0);
        set_mean(&mut then, 1, current + 40.0);
        then.groups[2].shown = false;
        then.groups[2].figures = None;
        let threshold = trend_threshold(
            &now.measures[0],
            GroupFigures::shown_measure(&now.groups[0], "thema").unwrap(),
            GroupFigures::shown_measure(&then.groups[0], "thema").unwrap(),
        );
        assert!(threshold > 1.0, "a one-point difference in groups of about 30 is within chance: {threshold}");
        let trend = trend(&now, &then, previous("1"), |_| true).unwrap();
        assert_eq!(trend.groups.len(), 2, "a group hidden then has no trend");
        assert_eq!(trend.groups[0].measures[0].change, Change::NoClearChange);
        assert_eq!(trend.groups[0].measures[0].threshold, threshold);
        assert_eq!(trend.groups[1].measures[0].change, Change::Lower);
        assert!(trend.not_comparable.is_empty());
    }

    #[test]
    fn a_trend_leaves_out_themes_another_version_measured_differently() {
        let now = compute(&input(&[12, 15, 0])).unwrap().figures;
        let trend = trend(&now, &now.clone(), previous("1"), |score| score != "thema").unwrap();
        assert!(trend.groups.is_empty(), "nothing left to compare");
        assert_eq!(trend.not_comparable, vec!["thema".to_owned()]);
    }

    /// A theme on 0–100 with bands from 0, 50 and 70, and a group with these counts per band
    /// and this mean.
    fn theme_and_group(counts: [u64; 3], mean: f64) -> (Measure, ShownMeasure) {
        let mut theme = measure(&["aandacht", "let_op", "goed"]);
        for (band, from) in theme.bands.iter_mut().zip([0.0, 50.0, 70.0]) {
            band.from = Some(from);
        }
        let distribution =
            theme.bands.iter().zip(counts).map(|(band, count)| BandCount { band: band.key.clone(), count }).collect();
        (theme, ShownMeasure { respondents: counts.iter().sum(), mean: Some(mean), distribution })
    }

    #[test]
    fn the_spread_comes_from_the_published_bands_and_mean() {
        // A hundred people all in "goed" (70–100) with mean 80: each band adds 30²/12 = 75
        // around its middle 85, and (85 - 80)² = 25; 100 · 100 / 99.
        let (theme, group) = theme_and_group([0, 0, 100], 80.0);
        assert!((spread(&theme, &group).unwrap() - (100.0f64 * 100.0 / 99.0).sqrt()).abs() < 1e-9);
        // Half far below, half far above: a much wider spread for the same mean.
        let (_, split) = theme_and_group([50, 0, 50], 55.0);
        assert!(spread(&theme, &split).unwrap() > 3.0 * spread(&theme, &group).unwrap());
        // One person has no spread, and neither has a measure whose band starts are unknown.
        let (_, one) = theme_and_group([0, 0, 1], 80.0);
        assert_eq!(spread(&theme, &one), None);
        let mut unknown = theme.clone();
        unknown.bands[1].from = None;
        assert_eq!(spread(&unknown, &group), None);
    }

    #[test]
    fn the_trend_threshold_follows_the_groups_sizes_and_spreads() {
        // Two groups of 100 in "goed", as above: 1.96 · √(2 · 101.01 / 100) = 2.79 → 2.8.
        let (theme, large) = theme_and_group([0, 0, 100], 80.0);
        assert_eq!(trend_threshold(&theme, &large, &large), 2.8);
        // The same spread in groups of 10: √10 times as wide.
        let (_, small) = theme_and_group([0, 0, 10], 80.0);
        assert_eq!(trend_threshold(&theme, &small, &small), 9.3);
        // A group of 10 against one of 100 lies in between.
        let mixed = trend_threshold(&theme, &small, &large);
        assert!(mixed > 2.8 && mixed < 9.3, "{mixed}");
        // Wider spread, wider threshold.
        let (_, split) = theme_and_group([50, 0, 50], 55.0);
        assert!(trend_threshold(&theme, &split, &split) > 3.0 * 2.8);
        // At the edges: one person each (no spread known) takes the widest spread the scale
        // allows, so no difference on a 0–100 scale can count as a change; a hundred
        // thousand people still need at least the means' precision.
        let (_, one) = theme_and_group([0, 0, 1], 80.0);
        assert!(trend_threshold(&theme, &one, &one) > 100.0);
        let (_, huge) = theme_and_group([0, 0, 100_000], 80.0);
        assert_eq!(trend_threshold(&theme, &huge, &huge), 0.1);
    }

    fn source(org: &str, version: &str, respondents: u64, mean: f64, published_at: i64) -> NormSource {
        NormSource {
            org_id: org.into(),
            version: version.into(),
            totals: Totals {
                respondents,
                measures: vec![TotalMeasure {
                    score: "thema".into(),
                    respondents,
                    mean: Some(mean),
                    distribution: ["laag", "midden", "hoog"]
                        .iter()
                        .map(|band| BandCount { band: (*band).into(), count: respondents / 3 })
                        .collect(),
                }],
            },
            published_at,
        }
    }

    #[test]
    fn the_norm_needs_five_other_organisations_a_hundred_respondents_and_none_dominant() {
        let measures = vec![measure(&["laag", "midden", "hoog"])];
        let five = |sizes: [u64; 5]| -> Vec<NormSource> {
            sizes
                .iter()
                .enumerate()
                .map(|(index, &size)| source(&format!("o{index}"), "2", size, 50.0 + index as f64, index as i64))
                .collect()
        };
        assert_eq!(
            norm("werkscan", "2", "own", &measures, &five([30, 30, 30, 30, 30])[..4]),
            Err(NormMissing::TooFewOrganisations)
        );
        assert_eq!(
            norm("werkscan", "2", "own", &measures, &five([19, 20, 20, 20, 20])),
            Err(NormMissing::TooFewRespondents)
        );
        // 40 of 136 is 29 %: one organisation too large.
        assert_eq!(
            norm("werkscan", "2", "own", &measures, &five([40, 24, 24, 24, 24])),
            Err(NormMissing::OneOrganisationTooLarge)
        );
        // 25 of 100 is exactly the share allowed.
        let found = norm("werkscan", "2", "own", &measures, &five([25, 15, 20, 20, 20])).unwrap();
        assert_eq!((found.organisations, found.respondents, found.max_share), (5, 100, NORM_MAX_SHARE));
        assert_eq!(found.version, "2");
        assert_eq!(
            found.measures[0].mean,
            Some(round1((25.0 * 50.0 + 15.0 * 51.0 + 20.0 * (52.0 + 53.0 + 54.0)) / 100.0))
        );
        assert_eq!(found.as_of, Some(crate::util::rfc3339(4)));
    }

    #[test]
    fn the_norm_leaves_out_the_reader_other_versions_and_older_releases() {
        let measures = vec![measure(&["laag", "midden", "hoog"])];
        let mut sources: Vec<NormSource> =
            (0..5).map(|index| source(&format!("o{index}"), "2", 30, 60.0, 10)).collect();
        let base = norm("werkscan", "2", "own", &measures, &sources).unwrap();
        assert_eq!((base.organisations, base.respondents, base.measures[0].mean), (5, 150, Some(60.0)));
        // The reader's own organisation, however large, is never part of its norm.
        sources.push(source("own", "2", 1000, 10.0, 20));
        assert_eq!(norm("werkscan", "2", "own", &measures, &sources), Ok(base.clone()));
        // Nor is another version's release.
        sources.push(source("o5", "1", 30, 10.0, 20));
        assert_eq!(norm("werkscan", "2", "own", &measures, &sources), Ok(base.clone()));
        // An organisation counts once, with its latest release.
        sources.push(source("o0", "2", 30, 90.0, 30));
        let latest = norm("werkscan", "2", "own", &measures, &sources).unwrap();
        assert_eq!((latest.organisations, latest.respondents, latest.measures[0].mean), (5, 150, Some(66.0)));
        // Without the reader's exclusion the organisation would have been counted: the rule
        // is what keeps it out, not the numbers.
        assert!(norm("werkscan", "2", "someone-else", &measures, &sources).is_err(), "1000 of 1150 dominates");
    }

    #[test]
    fn waar_beginnen_names_the_themes_with_most_people_in_attention() {
        let computed = compute(&input(&[12, 15, 14, 0])).unwrap().figures;
        let advice = BTreeMap::from([(
            "thema".to_owned(),
            BTreeMap::from([(
                "laag".to_owned(),
                Text { nl: "Bespreek het in het team.".into(), en: "Talk about it in the team.".into() },
            )]),
        )]);
        let start = start_here(&computed, &advice);
        assert_eq!(start.len(), 1);
        let total = GroupFigures::shown_measure(computed.total().unwrap(), "thema").unwrap();
        assert_eq!(start[0].attention, total.distribution[0].count);
        assert_eq!(start[0].respondents, total.respondents);
        assert_eq!(start[0].advice.as_ref().unwrap().nl, "Bespreek het in het team.");
        // The department named is one with the highest share in the attention band.
        let share = |name: &str| {
            let group = computed.groups.iter().find(|group| group.name.as_deref() == Some(name)).unwrap();
            let shown = GroupFigures::shown_measure(group, "thema").unwrap();
            shown.distribution[0].count as f64 / shown.respondents as f64
        };
        let shown_departments: Vec<&str> = computed
            .groups
            .iter()
            .filter(|group| group.kind == GroupKind::Department && group.shown)
            .filter_map(|group| group.name.as_deref())
            .collect();
        let highest = shown_departments.iter().map(|name| share(name)).fold(0.0, f64::max);
        assert!(!start[0].departments.is_empty());
        assert!(start[0].departments.iter().all(|name| share(name) == highest));
        // Nobody in attention: nothing to begin with.
        let mut calm = computed.clone();
        for group in calm.groups.iter_mut().filter_map(|group| group.figures.as_mut()) {
            for measure in group.measures.iter_mut().filter_map(|measure| measure.figures.as_mut()) {
                measure.distribution[0].count = 0;
            }
        }
        assert!(start_here(&calm, &advice).is_empty());
    }
}

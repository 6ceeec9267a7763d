//! Statistical disclosure control for the group figures an employer sees.
//!
//! Every figure shown about a group is a sum over a set of people: the number of respondents,
//! the sum behind a mean, the number in each band. Whatever can be computed from published sums
//! by adding and subtracting them is therefore published as well, and the rules below protect
//! those derived sets too. A *cell* is a set of people whose sums are published; a set of people
//! is *derivable* when its indicator is a linear combination of the published cells.
//!
//! What one release guarantees ([`suppress`], [`suppress_theme`]): every derivable set is empty
//! or has at least k people, and no hidden group's figures are derivable on their own (the part
//! of a parent that is not shown always spans at least two groups with people). Per theme, in
//! addition, no shown group and no derivable hidden part has all its respondents in one band;
//! there a hidden group's figures can follow in one case, see [`suppress_theme`].
//!
//! The rules, with the reason for each:
//!
//! 1. *Primary suppression.* A group with fewer than k people is hidden, a group with nobody in
//!    it included: a 0 next to a department's headcount says that none of them took part (and a
//!    group of 0 next to the total says that everyone else did), which is about each person in
//!    it. A hidden empty group brings in no partner: there is nothing to protect in it, and it
//!    looks the same as any other hidden group.
//! 2. *Complementary suppression.* Hiding one group is useless while its parent and its siblings
//!    are shown, because it is their difference. So the hidden part S of a parent grows, smallest
//!    shown group with people first (ties by position, so the result never depends on anything
//!    but the counts), until it holds at least k people in at least two groups. The parent minus
//!    the shown groups is then exactly S: a union of at least k people whose split is unknown.
//! 3. *Trees.* The rule runs top down inside every shown parent; a hidden group hides everything
//!    below it. The shown groups form a laminar family, whose derivable sets are exactly the
//!    unions of "parent minus shown children" residues, and every residue is empty or ≥ k.
//! 4. *The total.* If the top group has fewer than k people, nothing is shown at all.
//! 5. *Per theme.* The respondents of a theme can be fewer than the group (missing answers), so
//!    the same suppression runs over theme counts, starting with every group the group decision
//!    hid, so a theme is never less strict than the groups.
//! 6. *One band.* When everyone in a shown group is in one band, showing that group's
//!    distribution tells the employer each person's band. Hiding only the distribution is not
//!    enough: the mean stays, the hiding itself says "one band", and the mean then says which;
//!    and the parent's distribution minus the siblings' gives the hidden one back. So such a
//!    group's figures for that theme are hidden as a whole and the group is treated like a
//!    primary suppression, which brings in a complementary partner. The derivable hidden part of
//!    every shown parent must not be in one band either, and it must not let anyone conclude a
//!    hidden group's band by subtraction: a group hidden because it is in one band, whose count
//!    the group figures show, must fit into at least two bands of the parent minus the shown
//!    children ("12 hidden in one band" and "only band 2 of the rest holds 12" say all 12 are
//!    in band 2). While that fails one more child is hidden; when even the parent's own
//!    distribution gives it away, the parent's figures for the theme are hidden
//!    ([`one_band_concluded`] is the check).
//! 7. *Re-releases* ([`suppress_after_guarded`]): no difference between two published sets of
//!    people, the total included, is 1..k-1 people, whether people left or joined, nor made up
//!    of fewer than k uploads the employer could not have made; see that function.
//! 8. *Means* ([`mean_step`]): shown to a step that fits the group, so that a mean and k - 1
//!    known members never place the last member's score to better than half a band.
//!
//! What this does not protect against, on purpose or by nature:
//!
//! - Inference beyond linear algebra: a hidden union of 12 whose mean is the lowest possible
//!   value reveals that all 12 scored lowest. Callers should not publish means at the end of a
//!   scale without thinking about it.
//! - Padding of one release: an employer who adds p uploads of their own to a group of n learns
//!   the sums of the other n - p people. The minimum group size bounds n, not n - p, and within
//!   one release nothing here can tell an employer's uploads from anyone else's; the server's
//!   padding signals are for that. Between releases the caller says which uploads the employer
//!   could have made, and they never count towards a change of k.
//! - Differences between the group count and a theme's count (the number of people in a shown
//!   group who have no value for a theme) are derivable and may be small; that is harmless for
//!   skipped questions but is itself an attribute when a theme only applies to some people.
//!
//! [`find_disclosure`] decides exactly, for small instances, whether published cells let
//! someone compute the sums of 1..k-1 people; the tests use it on every rule above.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The smallest minimum group size a campaign may choose: below it a group's mean is close to
/// a single person's answer.
pub const SMALLEST_MIN_GROUP_SIZE: u64 = 5;

/// The largest minimum group size a campaign may choose: above it most departments of a typical
/// employer would never be shown. The rules do not depend on k; the randomised tests sample
/// 5..=15 with the exact checker and larger k on one level.
pub const LARGEST_MIN_GROUP_SIZE: u64 = 50;

/// The minimum group size k: no published or derivable figure is about 1..k-1 people.
///
/// A type of its own so that an unchecked number from a campaign row cannot reach the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MinGroupSize(u64);

impl MinGroupSize {
    /// The default for new campaigns.
    pub const DEFAULT: MinGroupSize = MinGroupSize(10);

    /// k, refused outside 5..=50 ([`SMALLEST_MIN_GROUP_SIZE`], [`LARGEST_MIN_GROUP_SIZE`]).
    pub fn new(k: u64) -> Result<Self, DisclosureError> {
        if (SMALLEST_MIN_GROUP_SIZE..=LARGEST_MIN_GROUP_SIZE).contains(&k) {
            Ok(MinGroupSize(k))
        } else {
            Err(DisclosureError::MinGroupSizeOutOfRange { k })
        }
    }

    /// The number itself.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl Default for MinGroupSize {
    fn default() -> Self {
        MinGroupSize::DEFAULT
    }
}

/// Why a suppression could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DisclosureError {
    /// A minimum group size outside 5..=50.
    MinGroupSizeOutOfRange {
        /// The number given.
        k: u64,
    },
    /// A decision and a tree of figures (or a release's flags and its groups) differ in shape.
    ShapeMismatch,
    /// A release has a different number of groups than the current one.
    GroupCountMismatch {
        /// Index of the release in `previous`; `previous.len()` is the current one.
        release: usize,
        /// The current number of groups.
        expected: usize,
        /// The number in that release.
        found: usize,
    },
    /// A person is in two groups of one release, or in another group than in an earlier
    /// release. The re-release rule relies on uploads never moving.
    PersonInTwoGroups {
        /// Index of the release in `previous`; `previous.len()` is the current one.
        release: usize,
    },
    /// Fewer than k uploads arrived since the latest published release: any new figure would
    /// differ from the old one by fewer than k people.
    TooFewNew {
        /// Uploads that are new since then.
        new: u64,
        /// The minimum group size.
        k: u64,
    },
    /// A third or later release could not be verified exactly; publish nothing new.
    CannotVerify(CheckError),
    /// The total changed, against the published release `release`, by a set of people that
    /// is too small: `left` people left it or `joined` joined it, and one of those sets (or the
    /// difference of the counts) is 1..k-1, or holds fewer than k people the employer could not
    /// have made themselves. The new total minus the old one would be about those few people.
    TotalChangedByFew {
        /// Index of the release in `previous`.
        release: usize,
        /// People in that release's total who are not in the current one.
        left: u64,
        /// People in the current total who were not in that release's.
        joined: u64,
    },
    /// At least k uploads are new, but fewer than k of them could not have been made by the
    /// employer (an open link lets anyone upload): own uploads must never make up "k new".
    NewMayBeOwn {
        /// Uploads that are new since the latest published release.
        new: u64,
        /// Of those, the ones the employer could not have made.
        vouched: u64,
        /// The minimum group size.
        k: u64,
    },
}

impl fmt::Display for DisclosureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DisclosureError::MinGroupSizeOutOfRange { k } => write!(
                f,
                "the minimum group size must be from {SMALLEST_MIN_GROUP_SIZE} to {LARGEST_MIN_GROUP_SIZE}, not {k}"
            ),
            DisclosureError::ShapeMismatch => write!(f, "the decision and the figures have different shapes"),
            DisclosureError::GroupCountMismatch { release, expected, found } => {
                write!(f, "release {release} has {found} groups, the current one {expected}")
            }
            DisclosureError::PersonInTwoGroups { release } => {
                write!(f, "release {release} puts a person in a second group")
            }
            DisclosureError::TooFewNew { new, k } => {
                write!(f, "only {new} new uploads since the latest release; a new release needs {k}")
            }
            DisclosureError::CannotVerify(error) => write!(f, "the release could not be verified: {error}"),
            DisclosureError::TotalChangedByFew { release, left, joined } => write!(
                f,
                "against release {release} the total lost {left} and gained {joined} people, too few to publish the difference"
            ),
            DisclosureError::NewMayBeOwn { new, vouched, k } => write!(
                f,
                "{new} new uploads, but only {vouched} that the employer could not have made; a new release needs {k}"
            ),
        }
    }
}

impl std::error::Error for DisclosureError {}

/// A group of people whose figures may be published, with the groups it is split into.
///
/// A parent's figures are the sums of its children by construction: a parent with people
/// outside its children would make those people a group of their own, derivable by
/// subtraction, so the caller has to name them (for example "no department given").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    bands: Vec<u64>,
    children: Vec<Group>,
}

impl Group {
    /// A group that is not split further, with its number of people.
    pub fn leaf(count: u64) -> Self {
        Group { bands: vec![count], children: Vec::new() }
    }

    /// A group that is not split further, with its number of respondents in each band of a
    /// theme (people without a value for the theme are not counted).
    pub fn with_bands(bands: Vec<u64>) -> Self {
        Group { bands, children: Vec::new() }
    }

    /// A group made of these groups. Band lists of different lengths are added as if the
    /// shorter ones ended in zeros.
    pub fn split(children: Vec<Group>) -> Self {
        let width = children.iter().map(|child| child.bands.len()).max().unwrap_or(1);
        let mut bands = vec![0u64; width];
        for child in &children {
            for (sum, count) in bands.iter_mut().zip(&child.bands) {
                *sum = sum.saturating_add(*count);
            }
        }
        Group { bands, children }
    }

    /// The number of people (or of a theme's respondents).
    pub fn count(&self) -> u64 {
        self.bands.iter().fold(0u64, |sum, count| sum.saturating_add(*count))
    }

    /// The number in each band; a single number for a plain count.
    pub fn bands(&self) -> &[u64] {
        &self.bands
    }

    /// The groups this one is split into.
    pub fn children(&self) -> &[Group] {
        &self.children
    }
}

/// Which figures may be shown, in the shape of the [`Group`] tree it was computed for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// Whether this group's figures (the total, for the top) may be shown.
    pub shown: bool,
    /// The same for each child, in the order of the group's children.
    pub children: Vec<Shown>,
}

impl Shown {
    /// Everything hidden, in the shape of `group`.
    pub fn hidden(group: &Group) -> Shown {
        Shown { shown: false, children: group.children.iter().map(Shown::hidden).collect() }
    }

    /// A one-level decision: the total and one flag per group.
    pub fn flat(total: bool, groups: &[bool]) -> Shown {
        Shown { shown: total, children: groups.iter().map(|&shown| Shown { shown, children: Vec::new() }).collect() }
    }

    /// The flags of the children, for a one-level decision.
    pub fn groups(&self) -> Vec<bool> {
        self.children.iter().map(|child| child.shown).collect()
    }

    /// Whether anything at all is shown.
    pub fn any(&self) -> bool {
        self.shown || self.children.iter().any(Shown::any)
    }

    fn same_shape(&self, group: &Group) -> bool {
        self.children.len() == group.children.len()
            && self.children.iter().zip(&group.children).all(|(shown, child)| shown.same_shape(child))
    }
}

/// Complementary suppression inside one shown parent: which of its children may be shown.
///
/// `forced` marks children that must be hidden for another reason (missing entries count as
/// not forced); children with 1..k-1 people are hidden anyway. If the hidden part then holds
/// people, it grows by the smallest shown child with people (ties: the first) until it holds
/// at least k people in at least two children, so that the parent minus the shown children
/// reveals neither a small set nor one hidden child. Children with nobody are hidden too (a 0
/// says everyone's participation there), but count as no group for the partner rule. If
/// nothing is left to add, every child is hidden and only the parent remains.
pub fn complementary(counts: &[u64], forced: &[bool], k: MinGroupSize) -> Vec<bool> {
    let k = k.get();
    let mut hidden: Vec<bool> = counts
        .iter()
        .enumerate()
        .map(|(index, &count)| forced.get(index).copied().unwrap_or(false) || count < k)
        .collect();
    loop {
        let (people, groups) = counts
            .iter()
            .zip(&hidden)
            .filter(|(count, hidden)| **hidden && **count > 0)
            .fold((0u64, 0usize), |(people, groups), (count, _)| (people.saturating_add(*count), groups + 1));
        if groups == 0 || (people >= k && groups >= 2) {
            break;
        }
        let smallest = counts
            .iter()
            .enumerate()
            .filter(|(index, count)| !hidden[*index] && **count > 0)
            .min_by_key(|(index, count)| (**count, *index));
        match smallest {
            Some((index, _)) => hidden[index] = true,
            None => break,
        }
    }
    hidden.into_iter().map(|hidden| !hidden).collect()
}

/// What may be shown of a tree of groups in one release (rules 1 to 4).
pub fn suppress(root: &Group, k: MinGroupSize) -> Shown {
    suppress_below(root, root.count() >= k.get(), k)
}

/// [`suppress`] for the one-level case: an organisation split into groups, the people without
/// a department being one of them.
pub fn suppress_counts(counts: &[u64], k: MinGroupSize) -> Shown {
    suppress(&Group::split(counts.iter().map(|&count| Group::leaf(count)).collect()), k)
}

fn suppress_below(group: &Group, shown: bool, k: MinGroupSize) -> Shown {
    if !shown {
        return Shown::hidden(group);
    }
    let counts: Vec<u64> = group.children.iter().map(Group::count).collect();
    let flags = complementary(&counts, &[], k);
    Shown {
        shown: true,
        children: group.children.iter().zip(flags).map(|(child, shown)| suppress_below(child, shown, k)).collect(),
    }
}

/// Whether everyone with a value is in one band, so that the distribution says each person's
/// band. Nobody at all is not one band: there is nobody to disclose.
pub fn one_band(bands: &[u64]) -> bool {
    bands.iter().filter(|&&count| count > 0).count() == 1
}

/// Whether a parent's distribution would reveal that everyone in its hidden part is in one
/// band: the parent's band counts minus those of its shown children. When this is true, the
/// caller must not show the parent's figures for the theme.
///
/// [`suppress_theme`] never produces that situation: it hides one more child instead (see
/// there), so this is for callers who assemble their own decisions and as a check. Children
/// that do not fit inside the parent (a band larger than the parent's) count as true, because
/// then the published figures do not add up and nothing can be promised about them.
pub fn hidden_union_one_band(parent: &[u64], shown_children: &[&[u64]]) -> bool {
    hidden_rest(parent, shown_children).is_none_or(|rest| one_band(&rest))
}

/// What the parent's distribution leaves for its hidden children once the shown children are
/// taken out, band by band; `None` when a shown child does not fit inside the parent.
fn hidden_rest(parent: &[u64], shown_children: &[&[u64]]) -> Option<Vec<u64>> {
    let mut rest = parent.to_vec();
    for child in shown_children {
        for (band, &count) in child.iter().enumerate().filter(|(_, &count)| count > 0) {
            match rest.get_mut(band) {
                Some(left) if *left >= count => *left -= count,
                _ => return None,
            }
        }
    }
    Some(rest)
}

/// What may be shown of one theme, given the decision for the groups and the theme's band
/// counts in the same tree shape (rules 5 and 6). A `false` hides the theme's figures for that
/// group as a whole: respondents, mean and distribution.
///
/// Inside every parent whose theme figures are shown, the children hidden by the group
/// decision and the children whose respondents are all in one band are hidden first; then
/// complementary suppression runs over the theme counts. While the hidden part then gives a
/// hidden child's band away ([`one_band_concluded`]: the rest in one band, or a child in one
/// band that fits into only one band of the rest), the smallest shown child with people (ties:
/// the first) is hidden too; every such child has people in two bands, so each step widens the
/// rest. If no child is left to hide, the parent's figures for the theme are hidden as well and
/// its own parent decides again with it forced hidden (for the top: the theme is not shown).
/// Hiding one more child first, rather than the parent's distribution at once, keeps the
/// organisation's own figure where it can be kept: the parent's mean would still give the
/// hidden part's mean, and the hiding would say it is one band; and in a tree the hidden parent
/// becomes a residue of its own parent that needs the check
/// again, bottom up. One more hidden child keeps the rule top down and the totals visible.
///
/// Every derivable set of respondents is still empty or at least k, but one thing the group
/// decision hides can follow here: when the group decision hid a group only as the partner of
/// a small one, nobody in the small one answered, and no shown group is left to join them, the
/// parent's theme figures are that group's. They are about at least k respondents, and hiding
/// them would mean hiding the parent's (often the organisation's) figure for the theme.
pub fn suppress_theme(groups: &Shown, theme: &Group, k: MinGroupSize) -> Result<Shown, DisclosureError> {
    if !groups.same_shape(theme) {
        return Err(DisclosureError::ShapeMismatch);
    }
    let shown = groups.shown && theme.count() >= k.get() && !one_band(&theme.bands);
    Ok(theme_below(groups, theme, shown, k).unwrap_or_else(|| Shown::hidden(theme)))
}

fn theme_below(groups: &Shown, theme: &Group, shown: bool, k: MinGroupSize) -> Option<Shown> {
    if !shown {
        return Some(Shown::hidden(theme));
    }
    let children = &theme.children;
    let counts: Vec<u64> = children.iter().map(Group::count).collect();
    let mut forced: Vec<bool> = groups
        .children
        .iter()
        .zip(children)
        .map(|(decision, child)| !decision.shown || one_band(&child.bands))
        .collect();
    'level: loop {
        let mut flags = complementary(&counts, &forced, k);
        loop {
            let visible: Vec<&[u64]> =
                children.iter().zip(&flags).filter(|(_, shown)| **shown).map(|(child, _)| &child.bands[..]).collect();
            let hidden: Vec<&[u64]> =
                children.iter().zip(&flags).filter(|(_, shown)| !**shown).map(|(child, _)| &child.bands[..]).collect();
            if !one_band_concluded(&theme.bands, &visible, &hidden) {
                break;
            }
            // Every shown child with people has someone in two bands (one-band children are
            // forced hidden), so the smallest one always brings another band into the rest.
            let partner = children
                .iter()
                .enumerate()
                .filter(|(index, child)| flags[*index] && child.count() > 0)
                .min_by_key(|(index, child)| (child.count(), *index))
                .map(|(index, _)| index);
            match partner {
                Some(index) => flags[index] = false,
                // Even the parent's own distribution gives a hidden child's band away.
                None => return None,
            }
        }
        let mut decided = Vec::with_capacity(children.len());
        for (index, ((decision, child), shown)) in groups.children.iter().zip(children).zip(flags).enumerate() {
            match theme_below(decision, child, shown, k) {
                Some(below) => decided.push(below),
                None => {
                    // The child cannot show this theme safely: hide it here and decide again.
                    forced[index] = true;
                    continue 'level;
                }
            }
        }
        return Some(Shown { shown: true, children: decided });
    }
}

/// Whether a parent's distribution for a theme, with its shown children's, lets anyone
/// conclude that a hidden child has all its respondents in one band, and which.
///
/// The rest (parent minus shown children) is what the hidden children have together. If it
/// is in one band, every hidden child is. And a child hidden because it is in one band, with a
/// count the employer may know from the group figures, is concluded as soon as only one band
/// of the rest has room for all of it: "hidden with at least 12 people" and "only band 3 holds
/// 12 or more" say that all 12 are in band 3. So the rule: the rest is not in one band, and
/// every hidden child in one band fits into at least two bands of the rest. Children that do
/// not fit inside the parent count as concluded, because nothing can be promised then.
pub fn one_band_concluded(parent: &[u64], shown_children: &[&[u64]], hidden_children: &[&[u64]]) -> bool {
    let Some(rest) = hidden_rest(parent, shown_children) else { return true };
    if one_band(&rest) {
        return true;
    }
    hidden_children.iter().filter(|child| one_band(child)).any(|child| {
        let people: u64 = child.iter().sum();
        rest.iter().filter(|&&room| room >= people).count() < 2
    })
}

/// The step a group's mean is rounded to before it is shown: 1 from 2k respondents, 5 below.
///
/// Why: a mean m of n values rounded to a step s says the sum lies in an interval n * s wide.
/// Someone who knows k - 1 of the values (their own uploads, or colleagues who told them) can
/// place the last one only within that same width. With n >= 2k and s = 1 that is at least
/// 2k >= 10 points, with k <= n < 2k and s = 5 at least 5k >= 25 points; the narrowest band of
/// the questionnaires' 0-100 theme scales (0-50, 50-70, 70-100) is 20 wide, so the last person
/// is never placed to better than half a band. (Only theme scores show a mean.) One decimal (the old precision) gave k / 10, half a point
/// to a point and a half: the person's score itself.
pub fn mean_step(respondents: u64, k: MinGroupSize) -> f64 {
    if respondents >= 2 * k.get() {
        1.0
    } else {
        5.0
    }
}

/// A mean as it may be shown: `sum / respondents` rounded to [`mean_step`]; `None` without
/// respondents.
pub fn shown_mean(sum: f64, respondents: u64, k: MinGroupSize) -> Option<f64> {
    if respondents == 0 {
        return None;
    }
    let step = mean_step(respondents, k);
    Some((sum / respondents as f64 / step).round() * step)
}

/// One published release of a campaign's figures: who was in each group and what was shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release<T> {
    /// The uploads (person ids) in each group, in the same group order in every release; the
    /// people without a department are a group too.
    pub groups: Vec<BTreeSet<T>>,
    /// What was published: the total and one flag per group ([`Shown::flat`]).
    pub shown: Shown,
}

impl<T: Ord + Clone> Release<T> {
    /// The sets of people whose sums this release published, for [`find_disclosure`].
    pub fn cells(&self) -> Vec<BTreeSet<T>> {
        cells_of(&self.groups, &self.shown)
    }
}

fn cells_of<T: Ord + Clone>(groups: &[BTreeSet<T>], shown: &Shown) -> Vec<BTreeSet<T>> {
    let mut cells = Vec::new();
    if shown.shown {
        cells.push(groups.iter().flatten().cloned().collect());
    }
    for (group, child) in groups.iter().zip(&shown.children) {
        if child.shown {
            cells.push(group.clone());
        }
    }
    cells
}

/// [`suppress_after_forced`] with no group forced to be hidden.
pub fn suppress_after<T: Ord + Clone>(
    previous: &[Release<T>],
    current: &[BTreeSet<T>],
    k: MinGroupSize,
) -> Result<Shown, DisclosureError> {
    suppress_after_forced(previous, current, &[], k)
}

/// [`suppress_after_guarded`] for a campaign where the employer could have made none of the
/// uploads (every upload came through a personal invitation the employer never held).
pub fn suppress_after_forced<T: Ord + Clone>(
    previous: &[Release<T>],
    current: &[BTreeSet<T>],
    forced: &[bool],
    k: MinGroupSize,
) -> Result<Shown, DisclosureError> {
    suppress_after_guarded(previous, current, forced, &BTreeSet::new(), k)
}

/// What a new release of a campaign may show, given every earlier release (oldest first) and
/// the current members of each group (one level: total and groups). `forced` marks groups that
/// must be hidden for another reason; per theme, pass the theme's respondents as members and
/// force the groups the group decision (or the one-band rule) hides. `could_be_employer` holds
/// the uploads, current or earlier, that the employer could have made themselves (with an open
/// link: all of them); they never count towards "k new" or "k who left".
///
/// The rule, against the latest release that published anything (earlier releases that
/// published nothing have no cells and do not count):
///
/// - At least k uploads must be new since then, else [`DisclosureError::TooFewNew`]: otherwise
///   the new total minus the old one is about fewer than k people; and at least k of them must
///   be outside `could_be_employer`, else [`DisclosureError::NewMayBeOwn`]: k - 1 own uploads
///   and one real newcomer would make "k new", and the difference would be that person.
/// - *No small difference, the total included.* Against every published release that showed
///   the total, the people who left the total and the people who joined it each number 0 or at
///   least k outside `could_be_employer`, and the counts differ by 0 or at least k; else
///   [`DisclosureError::TotalChangedByFew`]. (One withdrawal plus k own uploads would otherwise
///   publish total 1 + own - total 2: the one who left.) The same holds for every group shown
///   in an earlier release and now; a group that fails is hidden.
/// - A group may be shown only if the people who left it, stayed in it and joined it since
///   the latest release each number 0 or at least k (outside `could_be_employer`), it has 0 or
///   at least k people now, its count changed by 0 or at least k, and, if it was hidden then,
///   at least k joined. Small changes are exactly what comparing two releases reveals; a group
///   that fails keeps showing its earlier figures, dated, which publishes nothing new.
/// - Complementary suppression then runs over the current counts with those groups hidden.
/// - The hidden part must change by at least k newcomers: if 1..k-1 people joined hidden
///   groups, or nobody did while a group shown earlier is now hidden or 1..k-1 people left the
///   groups hidden in both releases, the shown group with the fewest newcomers is hidden too.
///   Such a group has at least k newcomers (the second rule), and one always exists because at
///   least k uploads are new.
///
/// Why two releases are then safe: in a combination of published cells, people who are in the
/// same cells get the same weight, and the derived set is where the weight is 1. A group shown
/// now contributes a union of its cohorts (left, stayed, joined), each empty or at least k.
/// The newcomers of the groups hidden now are in the new total only, so they share its weight
/// b, and with at least k of them b is 0 or 1. With b = 1 the set contains all of them. With
/// b = 0, a group shown then and hidden now contributes its old figure or nothing, and the
/// groups hidden then contribute, through the old total's weight, nothing or all their old
/// members together: the old hidden part, at least k by the earlier release's own guarantee.
/// (A group hidden then and shown now cannot leave its old members out, because its newcomers
/// pin its weight.) In the exception with no newcomers in the hidden part, no group went out
/// of view, and what remains is the old hidden part, the current one or those who left it,
/// each empty or at least k. Because every cohort counted holds at least k people outside
/// `could_be_employer`, an employer who knows the values of their own uploads still has at
/// least k unknown people in every set they can derive from the two releases.
/// The randomised tests check this with [`find_disclosure`] over both releases, with the
/// employer's own uploads subtracted from every cell.
///
/// For a third or later release that argument does not carry over: with three releases of a
/// group, first minus second plus third isolates those who were there throughout, which no
/// pair of releases shows. So the result is verified exactly with [`find_disclosure`] over the
/// cells of every published release; if that finds a disclosure, the release falls back to the
/// total alone and then to nothing, and if the check is too large for exact verification this
/// returns [`DisclosureError::CannotVerify`], meaning "publish nothing new".
///
/// Earlier releases must have been computed by this module: the argument relies on their own
/// guarantee. Padding of the first release itself (a hidden part of k made of one person and
/// k - 1 own uploads) is beyond any rule on counts; the padding signals are for that. A set of
/// at least k newcomers in one band is not checked for one band.
pub fn suppress_after_guarded<T: Ord + Clone>(
    previous: &[Release<T>],
    current: &[BTreeSet<T>],
    forced: &[bool],
    could_be_employer: &BTreeSet<T>,
    k: MinGroupSize,
) -> Result<Shown, DisclosureError> {
    check_memberships(previous, current)?;
    let counts: Vec<u64> = current.iter().map(|group| group.len() as u64).collect();
    let nothing = Shown::flat(false, &vec![false; current.len()]);
    let published: Vec<&Release<T>> = previous.iter().filter(|release| release.shown.any()).collect();
    let Some(latest) = published.last() else {
        // Nothing was ever published: there is no earlier figure to compare with.
        return Ok(first_release(&counts, forced, k));
    };
    let newcomers: Vec<&T> =
        current.iter().zip(&latest.groups).flat_map(|(now, before)| now.difference(before)).collect();
    let new = newcomers.len() as u64;
    if new < k.get() {
        return Err(DisclosureError::TooFewNew { new, k: k.get() });
    }
    let vouched = newcomers.iter().filter(|person| !could_be_employer.contains(**person)).count() as u64;
    if vouched < k.get() {
        return Err(DisclosureError::NewMayBeOwn { new, vouched, k: k.get() });
    }
    if counts.iter().sum::<u64>() < k.get() {
        return Ok(nothing);
    }
    let everyone_now: BTreeSet<&T> = current.iter().flatten().collect();
    for (index, release) in previous.iter().enumerate().filter(|(_, release)| release.shown.shown) {
        let before: BTreeSet<&T> = release.groups.iter().flatten().collect();
        let change = Change::between(&before, &everyone_now, could_be_employer);
        if !change.fits(k) {
            return Err(DisclosureError::TotalChangedByFew {
                release: index,
                left: change.left.all,
                joined: change.joined.all,
            });
        }
    }
    // Every group shown in some earlier release is compared with each of them, not only with
    // the latest: the latest may have hidden it while an older one showed it.
    let forced: Vec<bool> = (0..current.len())
        .map(|group| {
            forced.get(group).copied().unwrap_or(false)
                || published.iter().any(|release| {
                    release.shown.children.get(group).is_some_and(|child| child.shown) && {
                        let before: BTreeSet<&T> = release.groups[group].iter().collect();
                        let now: BTreeSet<&T> = current[group].iter().collect();
                        !Change::between(&before, &now, could_be_employer).fits(k)
                    }
                })
        })
        .collect();
    let candidate = against_latest(latest, current, &forced, could_be_employer, k);
    if published.len() == 1 {
        return Ok(candidate);
    }
    let earlier: Vec<BTreeSet<T>> = published.iter().flat_map(|release| release.cells()).collect();
    let total_only = Shown::flat(true, &vec![false; current.len()]);
    'attempts: for attempt in [candidate, total_only] {
        let mut cells = earlier.clone();
        cells.extend(cells_of(current, &attempt));
        // Checked as published, and as seen by an employer who knows the values of every
        // upload they could have made (subtracted from every cell).
        let without_own: Vec<BTreeSet<T>> = cells
            .iter()
            .map(|cell| cell.iter().filter(|person| !could_be_employer.contains(*person)).cloned().collect())
            .collect();
        let views = if could_be_employer.is_empty() { vec![cells] } else { vec![cells, without_own] };
        for view in &views {
            match find_disclosure(view, k.get()) {
                Ok(None) => {}
                Ok(Some(_)) => continue 'attempts,
                Err(error) => return Err(DisclosureError::CannotVerify(error)),
            }
        }
        return Ok(attempt);
    }
    Ok(nothing)
}

/// How many people a set holds, and how many of them the employer cannot have made.
#[derive(Clone, Copy, Debug, Default)]
struct Size {
    all: u64,
    vouched: u64,
}

impl Size {
    fn of<'a, T: Ord + 'a>(people: impl Iterator<Item = &'a T>, could_be_employer: &BTreeSet<T>) -> Size {
        people.fold(Size::default(), |size, person| Size {
            all: size.all + 1,
            vouched: size.vouched + u64::from(!could_be_employer.contains(person)),
        })
    }

    /// Empty, or at least k people that even an employer who knows all their own uploads
    /// does not know.
    fn fits(self, k: MinGroupSize) -> bool {
        self.all == 0 || self.vouched >= k.get()
    }

    fn plus(self, other: Size) -> Size {
        Size { all: self.all + other.all, vouched: self.vouched + other.vouched }
    }
}

/// How one published set of people changed into another.
struct Change {
    left: Size,
    joined: Size,
}

impl Change {
    fn between<T: Ord>(before: &BTreeSet<&T>, now: &BTreeSet<&T>, could_be_employer: &BTreeSet<T>) -> Change {
        Change {
            left: Size::of(before.difference(now).copied(), could_be_employer),
            joined: Size::of(now.difference(before).copied(), could_be_employer),
        }
    }

    /// No difference between the two sets, in either direction, and no difference of their
    /// counts, is about 1..k-1 people.
    fn fits(&self, k: MinGroupSize) -> bool {
        let counts_differ = self.left.all.abs_diff(self.joined.all);
        self.left.fits(k) && self.joined.fits(k) && (counts_differ == 0 || counts_differ >= k.get())
    }
}

fn first_release(counts: &[u64], forced: &[bool], k: MinGroupSize) -> Shown {
    if counts.iter().sum::<u64>() < k.get() {
        return Shown::flat(false, &vec![false; counts.len()]);
    }
    Shown::flat(true, &complementary(counts, forced, k))
}

/// Sizes of one group's cohorts between two releases.
struct Cohorts {
    left: Size,
    stayed: Size,
    joined: Size,
}

fn against_latest<T: Ord>(
    latest: &Release<T>,
    current: &[BTreeSet<T>],
    forced: &[bool],
    could_be_employer: &BTreeSet<T>,
    k: MinGroupSize,
) -> Shown {
    let limit = k.get();
    let was_shown = latest.shown.groups();
    let cohorts: Vec<Cohorts> = current
        .iter()
        .zip(&latest.groups)
        .map(|(now, before)| Cohorts {
            left: Size::of(before.difference(now), could_be_employer),
            stayed: Size::of(now.intersection(before), could_be_employer),
            joined: Size::of(now.difference(before), could_be_employer),
        })
        .collect();
    let blocked: Vec<bool> = cohorts
        .iter()
        .enumerate()
        .map(|(index, cohort)| {
            let counts_differ = cohort.left.all.abs_diff(cohort.joined.all);
            let allowed = cohort.left.fits(k)
                && cohort.stayed.fits(k)
                && cohort.joined.fits(k)
                && cohort.stayed.plus(cohort.joined).fits(k)
                && (counts_differ == 0 || counts_differ >= limit)
                && (was_shown[index] || cohort.joined.vouched >= limit);
            !allowed || forced.get(index).copied().unwrap_or(false)
        })
        .collect();
    let counts: Vec<u64> = current.iter().map(|group| group.len() as u64).collect();
    let mut flags = complementary(&counts, &blocked, k);
    loop {
        let hidden = || (0..flags.len()).filter(|&index| !flags[index]);
        let joined = hidden().fold(Size::default(), |sum, index| sum.plus(cohorts[index].joined));
        let carried = hidden().any(|index| was_shown[index]);
        let left = hidden()
            .filter(|&index| !was_shown[index])
            .fold(Size::default(), |sum, index| sum.plus(cohorts[index].left));
        if joined.vouched >= limit || (joined.all == 0 && !carried && left.fits(k)) {
            break;
        }
        let fewest = (0..flags.len())
            .filter(|&index| flags[index] && cohorts[index].joined.all > 0)
            .min_by_key(|&index| (cohorts[index].joined.vouched, index));
        match fewest {
            Some(index) => flags[index] = false,
            // Unreachable with at least k new uploads; hiding every group is the safe answer.
            None => {
                flags.iter_mut().for_each(|shown| *shown = false);
                break;
            }
        }
    }
    Shown::flat(true, &flags)
}

fn check_memberships<T: Ord>(previous: &[Release<T>], current: &[BTreeSet<T>]) -> Result<(), DisclosureError> {
    let expected = current.len();
    let mut home: BTreeMap<&T, usize> = BTreeMap::new();
    let releases = previous.iter().map(|release| (&release.groups[..], Some(&release.shown))).chain([(current, None)]);
    for (release, (groups, shown)) in releases.enumerate() {
        if groups.len() != expected {
            return Err(DisclosureError::GroupCountMismatch { release, expected, found: groups.len() });
        }
        if shown.is_some_and(|shown| shown.children.len() != expected) {
            return Err(DisclosureError::ShapeMismatch);
        }
        let mut here = BTreeSet::new();
        for (group, members) in groups.iter().enumerate() {
            for person in members {
                if !here.insert(person) {
                    return Err(DisclosureError::PersonInTwoGroups { release });
                }
                match home.entry(person) {
                    Entry::Vacant(entry) => {
                        entry.insert(group);
                    }
                    Entry::Occupied(entry) if *entry.get() != group => {
                        return Err(DisclosureError::PersonInTwoGroups { release });
                    }
                    Entry::Occupied(_) => {}
                }
            }
        }
    }
    Ok(())
}

/// The most distinct atoms (classes of people in exactly the same published cells) the exact
/// check accepts; the elimination is cubic in it.
pub const CHECK_ATOM_LIMIT: usize = 256;

/// The most unions of atoms the exact check tries before giving up: the search is exponential
/// in the number of atoms smaller than k.
pub const CHECK_STEP_LIMIT: u64 = 1_000_000;

/// Why the exact check gave no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckError {
    /// More atoms than [`CHECK_ATOM_LIMIT`].
    TooManyAtoms {
        /// The number of atoms.
        atoms: usize,
    },
    /// More candidate sets than [`CHECK_STEP_LIMIT`].
    TooManyCandidates,
    /// An intermediate number left the range of `i128`.
    Overflow,
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::TooManyAtoms { atoms } => {
                write!(f, "{atoms} classes of people, more than the {CHECK_ATOM_LIMIT} checked exactly")
            }
            CheckError::TooManyCandidates => {
                write!(f, "more than {CHECK_STEP_LIMIT} candidate sets to check")
            }
            CheckError::Overflow => write!(f, "a number outside the range of exact arithmetic"),
        }
    }
}

impl std::error::Error for CheckError {}

/// A linear combination of published cells: `coefficients[i]` times cell `i`, all divided by
/// `denominator` (positive), in exact integers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Combination {
    /// One integer per cell, in the order the cells were given.
    pub coefficients: Vec<i128>,
    /// What the sum of the weighted cells is divided by.
    pub denominator: i128,
}

/// A set of 1..k-1 people whose sums follow from the published cells, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disclosure<T> {
    /// The people, sorted.
    pub people: Vec<T>,
    /// The combination of cells that equals exactly these people.
    pub combination: Combination,
}

/// Decides exactly whether some linear combination of published cells (each the set of people
/// a published sum runs over) equals a set of 1..k-1 people, and returns one if so.
///
/// People in exactly the same cells form an atom; a derivable set is a union of atoms, so the
/// check enumerates unions of atoms smaller than k, smallest first, and tests each against the
/// null space of the cells (a set is a combination of the cells exactly when it is orthogonal
/// to every vector the cells annihilate). The arithmetic is fraction-free over `i128`. The
/// search is exponential in the number of atoms smaller than k and gives up with
/// [`CheckError`] beyond [`CHECK_ATOM_LIMIT`] atoms or [`CHECK_STEP_LIMIT`] candidates; with
/// at most a few dozen small atoms it is quick.
pub fn find_disclosure<T: Ord + Clone>(cells: &[BTreeSet<T>], k: u64) -> Result<Option<Disclosure<T>>, CheckError> {
    let atoms = Atoms::new(cells)?;
    let space = atoms.space()?;
    let kernel = space.kernel()?;
    let mut order: Vec<usize> =
        (0..atoms.members.len()).filter(|&atom| (atoms.members[atom].len() as u64) < k).collect();
    order.sort_by_key(|&atom| (atoms.members[atom].len(), atom));
    let mut search = Search {
        sizes: atoms.members.iter().map(|members| members.len() as u64).collect(),
        kernel: &kernel,
        k,
        order: &order,
        sums: vec![0; kernel.len()],
        chosen: Vec::new(),
        steps: 0,
    };
    if !search.run(0, 0)? {
        return Ok(None);
    }
    let mut target = vec![0i128; atoms.members.len()];
    for &atom in &search.chosen {
        target[atom] = 1;
    }
    // Orthogonal to the null space means inside the row space, so this always finds a way;
    // should it not, refusing an answer is the safe side.
    let combination = space.express(target)?.ok_or(CheckError::Overflow)?;
    let mut people: Vec<T> = search.chosen.iter().flat_map(|&atom| atoms.members[atom].iter().cloned()).collect();
    people.sort();
    Ok(Some(Disclosure { people, combination }))
}

/// Whether the sums of exactly `target` follow from the published cells, and how; `None` when
/// they do not. Used, for example, to check that no hidden group's figures are derivable.
pub fn derivable<T: Ord + Clone>(
    cells: &[BTreeSet<T>],
    target: &BTreeSet<T>,
) -> Result<Option<Combination>, CheckError> {
    let atoms = Atoms::new(cells)?;
    let covered = atoms.members.iter().flatten().filter(|person| target.contains(*person)).count();
    if covered != target.len() {
        // Someone in the target is in no cell: nothing published says anything about them.
        return Ok(None);
    }
    let mut vector = Vec::with_capacity(atoms.members.len());
    for members in &atoms.members {
        let inside = members.iter().filter(|person| target.contains(*person)).count();
        if inside != 0 && inside != members.len() {
            // Every combination treats an atom's people alike, so a split atom is out of reach.
            return Ok(None);
        }
        vector.push(i128::from(inside != 0));
    }
    atoms.space()?.express(vector)
}

/// People grouped by the exact set of cells they are in.
struct Atoms<T> {
    members: Vec<Vec<T>>,
    /// One row per cell, one column per atom: 1 where the atom is inside the cell.
    matrix: Vec<Vec<i128>>,
}

impl<T: Ord + Clone> Atoms<T> {
    fn new(cells: &[BTreeSet<T>]) -> Result<Self, CheckError> {
        let mut signatures: BTreeMap<&T, Vec<usize>> = BTreeMap::new();
        for (index, cell) in cells.iter().enumerate() {
            for person in cell {
                signatures.entry(person).or_default().push(index);
            }
        }
        let mut classes: BTreeMap<Vec<usize>, Vec<T>> = BTreeMap::new();
        for (person, signature) in signatures {
            classes.entry(signature).or_default().push(person.clone());
        }
        if classes.len() > CHECK_ATOM_LIMIT {
            return Err(CheckError::TooManyAtoms { atoms: classes.len() });
        }
        let mut matrix = vec![vec![0i128; classes.len()]; cells.len()];
        let mut members = Vec::with_capacity(classes.len());
        for (atom, (signature, people)) in classes.into_iter().enumerate() {
            for cell in signature {
                matrix[cell][atom] = 1;
            }
            members.push(people);
        }
        Ok(Atoms { members, matrix })
    }

    fn space(&self) -> Result<RowSpace, CheckError> {
        RowSpace::new(&self.matrix, self.members.len())
    }
}

/// The cells' row space in reduced echelon form over the integers. Each row carries, after the
/// atom columns, the combination of original cells it equals, so a membership test can also
/// say how.
struct RowSpace {
    rows: Vec<Vec<i128>>,
    pivots: Vec<usize>,
    width: usize,
    cells: usize,
}

impl RowSpace {
    fn new(matrix: &[Vec<i128>], width: usize) -> Result<Self, CheckError> {
        let cells = matrix.len();
        let mut rows: Vec<Vec<i128>> = matrix
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let mut row = row.clone();
                row.extend((0..cells).map(|cell| i128::from(cell == index)));
                row
            })
            .collect();
        let mut pivots = Vec::new();
        for column in 0..width {
            let next = pivots.len();
            let Some(found) = (next..rows.len()).find(|&index| rows[index][column] != 0) else {
                continue;
            };
            rows.swap(next, found);
            let pivot = rows[next].clone();
            for (index, row) in rows.iter_mut().enumerate() {
                if index != next && row[column] != 0 {
                    *row = normalised(combine(pivot[column], row, row[column], &pivot)?);
                }
            }
            if rows[next][column] < 0 {
                rows[next].iter_mut().for_each(|value| *value = -*value);
            }
            pivots.push(column);
        }
        // The remaining rows are zero over the atoms: they only record dependencies among cells.
        rows.truncate(pivots.len());
        Ok(RowSpace { rows, pivots, width, cells })
    }

    /// A basis of the vectors over atoms that every cell annihilates.
    fn kernel(&self) -> Result<Vec<Vec<i128>>, CheckError> {
        let mut basis = Vec::new();
        for free in (0..self.width).filter(|column| !self.pivots.contains(column)) {
            let mut scale = 1i128;
            for (row, &pivot) in self.rows.iter().zip(&self.pivots) {
                if row[free] != 0 {
                    scale = lcm(scale, row[pivot])?;
                }
            }
            let mut vector = vec![0i128; self.width];
            vector[free] = scale;
            for (row, &pivot) in self.rows.iter().zip(&self.pivots) {
                if row[free] != 0 {
                    vector[pivot] = -(row[free].checked_mul(scale / row[pivot]).ok_or(CheckError::Overflow)?);
                }
            }
            basis.push(normalised(vector));
        }
        Ok(basis)
    }

    /// Writes `target` (over atoms) as a combination of the original cells, if it is one.
    fn express(&self, target: Vec<i128>) -> Result<Option<Combination>, CheckError> {
        let cells = self.cells;
        // Invariant: denominator * target - sum(coefficients * cells) = rest.
        let mut state = target;
        state.extend(std::iter::repeat_n(0, cells));
        state.push(1);
        let last = state.len() - 1;
        for (row, &pivot) in self.rows.iter().zip(&self.pivots) {
            let weight = state[pivot];
            if weight == 0 {
                continue;
            }
            let scale = row[pivot];
            let mut next = Vec::with_capacity(state.len());
            for (index, value) in state.iter().enumerate() {
                let scaled = value.checked_mul(scale).ok_or(CheckError::Overflow)?;
                let term = if index < self.width {
                    -(weight.checked_mul(row[index]).ok_or(CheckError::Overflow)?)
                } else if index < last {
                    weight.checked_mul(row[index]).ok_or(CheckError::Overflow)?
                } else {
                    0
                };
                next.push(scaled.checked_add(term).ok_or(CheckError::Overflow)?);
            }
            state = normalised(next);
        }
        if state[..self.width].iter().any(|&value| value != 0) {
            return Ok(None);
        }
        let sign = state[last].signum();
        Ok(Some(Combination {
            coefficients: state[self.width..last].iter().map(|value| value * sign).collect(),
            denominator: state[last] * sign,
        }))
    }
}

/// `a * row - b * other`, the step that clears a column without fractions.
fn combine(a: i128, row: &[i128], b: i128, other: &[i128]) -> Result<Vec<i128>, CheckError> {
    row.iter()
        .zip(other)
        .map(|(x, y)| a.checked_mul(*x)?.checked_sub(b.checked_mul(*y)?))
        .collect::<Option<Vec<i128>>>()
        .ok_or(CheckError::Overflow)
}

/// The vector divided by the greatest common divisor of its entries, so numbers stay small.
fn normalised(mut vector: Vec<i128>) -> Vec<i128> {
    let divisor = vector.iter().fold(0i128, |acc, value| gcd(acc, *value));
    if divisor > 1 {
        vector.iter_mut().for_each(|value| *value /= divisor);
    }
    vector
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    // Entries stay far below i128::MAX: every step divides by this and checks for overflow.
    a as i128
}

fn lcm(a: i128, b: i128) -> Result<i128, CheckError> {
    let divisor = gcd(a, b);
    if divisor == 0 {
        return Ok(0);
    }
    (a / divisor).checked_mul(b).map(i128::abs).ok_or(CheckError::Overflow)
}

/// Depth-first search over unions of small atoms, keeping for every null-space vector the sum
/// of its entries over the chosen atoms: a union is derivable when all those sums are zero.
struct Search<'a> {
    sizes: Vec<u64>,
    kernel: &'a [Vec<i128>],
    k: u64,
    order: &'a [usize],
    sums: Vec<i128>,
    chosen: Vec<usize>,
    steps: u64,
}

impl Search<'_> {
    fn run(&mut self, start: usize, size: u64) -> Result<bool, CheckError> {
        for position in start..self.order.len() {
            let atom = self.order[position];
            let grown = size + self.sizes[atom];
            if grown >= self.k {
                // The order is by size, so every later atom is too large as well.
                break;
            }
            self.steps += 1;
            if self.steps > CHECK_STEP_LIMIT {
                return Err(CheckError::TooManyCandidates);
            }
            self.shift(atom, 1)?;
            self.chosen.push(atom);
            if self.sums.iter().all(|&sum| sum == 0) || self.run(position + 1, grown)? {
                return Ok(true);
            }
            self.chosen.pop();
            self.shift(atom, -1)?;
        }
        Ok(false)
    }

    fn shift(&mut self, atom: usize, sign: i128) -> Result<(), CheckError> {
        for (sum, vector) in self.sums.iter_mut().zip(self.kernel) {
            *sum = sum.checked_add(sign * vector[atom]).ok_or(CheckError::Overflow)?;
        }
        Ok(())
    }
}

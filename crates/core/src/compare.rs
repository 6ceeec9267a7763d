//! Comparing a scan with an earlier one on the same device ("a film, not a photo"), and the one
//! rule for which scores of two versions may be compared at all ([`comparable`]), which the
//! employer's trend follows too.
//!
//! A new version of a questionnaire may keep its score ids while what they measure changes (one
//! item of a theme replaced); then there is nothing honest to say about the difference. So two
//! versions are compared only for the scores whose current definition names the earlier version
//! in `comparable_with`; results of the same version always compare. On the phone, an earlier
//! result kept with the scales it was measured on is compared only when those scales are still
//! the same (a moved band boundary is another measure, whatever the definition says). A person's
//! history compares only what their own report shows: never a `hidden` score, never an
//! `expert_only` one (the short WAI's sum means nothing without the arbeidsdeskundige).
//! Changes are told as band changes first (that is what a person reads), with the raw difference
//! second, and a difference smaller than a tenth of the scale counts as small: a repeat of the
//! same scan a week later would differ that much anyway.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::model::{Definition, Score, Signal};
use crate::scoring::{band_of, score_ranges};
use crate::ScanResult;

/// A change smaller than this share of a score's range is "small".
pub const SMALL_SHARE: f64 = 0.1;

/// How one score is measured: its range and its bands' lower bounds. Kept with each scan in the
/// device's history, so a later scan can tell whether it may be compared with it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ScoreScale {
    /// Score id.
    pub id: String,
    /// Lowest reachable value.
    pub low: f64,
    /// Highest reachable value.
    pub high: f64,
    /// Each band's key and lower bound, in order.
    pub bands: Vec<(String, f64)>,
}

/// Whether the score `score_id` of `now` measures the same thing as the score with that id in
/// version `earlier_version` of the same questionnaire, so that the two may be compared: always
/// within one version; across versions only when `now` names `earlier_version` in the score's
/// `comparable_with`. A score `now` does not have compares with nothing. The declaration is the
/// later version's, so an earlier definition never compares with a later version.
///
/// The one rule for a person's history on the phone and for an employer's trend.
pub fn comparable(now: &Definition, score_id: &str, earlier_version: &str) -> bool {
    now.score(score_id).is_some_and(|score| {
        earlier_version == now.questionnaire.version
            || score.comparable_with.iter().any(|version| version == earlier_version)
    })
}

/// Whether the person's own report shows this score (not `hidden`, not `expert_only`): only
/// those enter their history.
fn shown_to_person(score: &Score) -> bool {
    !score.hidden && !score.expert_only
}

/// The scores a person's history compares between an earlier result of `earlier_version` and a
/// result of `now`: those their own report shows that are [`comparable`], in definition order.
pub fn compared_in_history<'a>(now: &'a Definition, earlier_version: &str) -> Vec<&'a Score> {
    shown_where_comparable_is(now, earlier_version, true)
}

/// The scores the person's report shows that their history leaves out for an earlier result of
/// `earlier_version`, because the two versions measure them differently.
pub fn left_out_of_history<'a>(now: &'a Definition, earlier_version: &str) -> Vec<&'a Score> {
    shown_where_comparable_is(now, earlier_version, false)
}

/// The scores the person's report shows whose [`comparable`] is `comparable`: the two halves of
/// the history, split by the one rule.
fn shown_where_comparable_is<'a>(
    now: &'a Definition,
    earlier_version: &str,
    comparable_wanted: bool,
) -> Vec<&'a Score> {
    now.scores
        .iter()
        .filter(|score| shown_to_person(score) && comparable(now, &score.id, earlier_version) == comparable_wanted)
        .collect()
}

/// Whether an earlier result may be compared with a result of `now` at all: a result of the same
/// questionnaire with at least one score in [`compared_in_history`], each of them on the scales
/// kept with the earlier result (`kept`). Without kept scales (results kept before they were
/// recorded), only a result of the very same definition (content hash) compares.
pub fn history_comparable(now: &Definition, earlier: &ScanResult, kept: Option<&[ScoreScale]>) -> bool {
    if earlier.definition != now.questionnaire.id {
        return false;
    }
    let compared = compared_in_history(now, &earlier.version);
    if compared.is_empty() {
        return false;
    }
    match kept {
        None => now.content_hash.as_deref() == Some(earlier.content_hash.as_str()),
        Some(kept) => {
            let current = scales(now);
            compared.iter().all(|score| {
                let was = kept.iter().find(|scale| scale.id == score.id);
                let is = current.iter().find(|scale| scale.id == score.id);
                was.is_some() && was == is
            })
        }
    }
}

/// How every score a person's report shows is measured (hidden and expert-only scores are never
/// in their history, so never compared).
pub fn scales(definition: &Definition) -> Vec<ScoreScale> {
    let ranges = score_ranges(definition);
    definition
        .scores
        .iter()
        .filter(|score| shown_to_person(score))
        .map(|score| {
            let (low, high) = ranges.get(score.id.as_str()).map_or((0.0, 0.0), |range| range.out);
            let bands = score
                .bands
                .as_ref()
                .and_then(|name| definition.bands.get(name))
                .map(|set| set.levels.iter().map(|band| (band.key.clone(), band.from)).collect())
                .unwrap_or_default();
            ScoreScale { id: score.id.clone(), low, high, bands }
        })
        .collect()
}

/// Which way a score's band moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Movement {
    /// To a band that signals less concern (or, with the same signal, the better end).
    Better,
    /// To a band that signals more concern.
    Worse,
    /// The same band.
    Same,
    /// No band on one of the two sides (too few answers, or a score without bands).
    Unknown,
}

/// How one score changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Score id.
    pub id: String,
    /// The band key before, if any.
    pub before: Option<String>,
    /// The band key now, if any.
    pub after: Option<String>,
    /// Which way the band moved.
    pub movement: Movement,
    /// Now minus before, rounded as the report rounds the values (whole numbers on 0–100),
    /// when both have a value.
    pub difference: Option<f64>,
    /// Whether the difference is within what a repeat would give anyway (less than
    /// [`SMALL_SHARE`] of the range).
    pub small: bool,
}

fn concern(signal: Signal) -> i32 {
    match signal {
        Signal::Good => 0,
        Signal::Watch => 1,
        Signal::Attention => 2,
    }
}

/// How every score of [`compared_in_history`] changed from `earlier` to `now` (a result of
/// `definition`; check [`history_comparable`] first). Scores without a value or band on either
/// side say so.
pub fn changes(definition: &Definition, earlier: &ScanResult, now: &ScanResult) -> Vec<Change> {
    let ranges = score_ranges(definition);
    let compared = compared_in_history(definition, &earlier.version);
    now.scores
        .iter()
        .filter(|current| compared.iter().any(|score| score.id == current.id))
        .filter_map(|current| {
            let before = earlier.score(&current.id)?;
            let score = definition.score(&current.id)?;
            let (low, high) = ranges.get(score.id.as_str()).map_or((0.0, 0.0), |range| range.out);
            let difference = match (before.value, current.value) {
                (Some(before), Some(after)) => Some(crate::report::shown_value(after - before, score.rescale)),
                _ => None,
            };
            let small = difference.is_some_and(|difference| difference.abs() < SMALL_SHARE * (high - low));
            let movement = match (band_of(definition, before), band_of(definition, current)) {
                (Some(was), Some(is)) if was.key == is.key => Movement::Same,
                (Some(was), Some(is)) if was.signal != is.signal => {
                    if concern(is.signal) < concern(was.signal) {
                        Movement::Better
                    } else {
                        Movement::Worse
                    }
                }
                (Some(was), Some(is)) => {
                    // The same signal, another band (the WAI's "goed" and "uitstekend"): the
                    // direction is the one in which the set's signals improve.
                    let levels =
                        score.bands.as_ref().and_then(|name| definition.bands.get(name)).map(|set| &set.levels);
                    let position = |key: &str| levels.and_then(|levels| levels.iter().position(|band| band.key == key));
                    let upward = levels
                        .and_then(|levels| Some(concern(levels.first()?.signal) - concern(levels.last()?.signal)));
                    match (position(&was.key), position(&is.key), upward) {
                        (Some(from), Some(to), Some(upward)) if upward != 0 => {
                            if (to > from) == (upward > 0) {
                                Movement::Better
                            } else {
                                Movement::Worse
                            }
                        }
                        _ => Movement::Unknown,
                    }
                }
                _ => Movement::Unknown,
            };
            Some(Change {
                id: current.id.clone(),
                before: before.band.clone(),
                after: current.band.clone(),
                movement,
                difference,
                small,
            })
        })
        .collect()
}

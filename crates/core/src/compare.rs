//! Comparing a scan with an earlier one on the same device ("a film, not a photo").
//!
//! Two results are compared only when their scores are measured the same way: the same scores,
//! on the same range, with the same bands. A new version of a questionnaire may keep its score
//! ids while their meaning changes; then there is nothing honest to say about the difference.
//! Changes are told as band changes first (that is what a person reads), with the raw difference
//! second, and a difference smaller than a tenth of the scale counts as small: a repeat of the
//! same scan a week later would differ that much anyway.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::model::{Definition, Signal};
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

/// How every score the report shows is measured (hidden scores are never shown, so never
/// compared).
pub fn scales(definition: &Definition) -> Vec<ScoreScale> {
    let ranges = score_ranges(definition);
    definition
        .scores
        .iter()
        .filter(|score| !score.hidden)
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

/// Whether results measured on `earlier` and `now` may be compared: the same scores, each with
/// the same range and bands.
pub fn compatible(earlier: &[ScoreScale], now: &[ScoreScale]) -> bool {
    earlier == now
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

/// How every shown score changed from `earlier` to `now`, both of `definition`'s scales (check
/// [`compatible`] first). Scores without a value or band on either side say so.
pub fn changes(definition: &Definition, earlier: &ScanResult, now: &ScanResult) -> Vec<Change> {
    let ranges = score_ranges(definition);
    now.scores
        .iter()
        .filter(|current| definition.score(&current.id).is_some_and(|score| !score.hidden))
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
                    let levels = score.bands.as_ref().and_then(|name| definition.bands.get(name)).map(|set| &set.levels);
                    let position = |key: &str| levels.and_then(|levels| levels.iter().position(|band| band.key == key));
                    let upward = levels.and_then(|levels| Some(concern(levels.first()?.signal) - concern(levels.last()?.signal)));
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
            Some(Change { id: current.id.clone(), before: before.band.clone(), after: current.band.clone(), movement, difference, small })
        })
        .collect()
}

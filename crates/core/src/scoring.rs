//! Scoring: (definition, answers) → result. Pure and deterministic; the same code runs in the
//! browser (to show the report) and on the server (to re-check an upload).

use std::collections::BTreeMap;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::answers::{answer_number, check_answers, is_shown, item_condition_holds, AnswerError, AnswerValue, Answers};
use crate::model::{Band, Condition, Definition, Item, ItemType, LookupRow, Method, Score, Signal};

/// The outcome of scoring one scan.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ScanResult {
    /// Definition id.
    pub definition: String,
    /// Definition version.
    pub version: String,
    /// Content hash of the resolved definition that produced this result.
    pub content_hash: String,
    /// Every score, in definition order.
    pub scores: Vec<ScoreResult>,
    /// Ids of the flags raised, in definition order.
    pub flags: Vec<String>,
}

/// The outcome of one score.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ScoreResult {
    /// Score id.
    pub id: String,
    /// The value; `None` means "te weinig antwoorden" (too few answers to say anything).
    pub value: Option<f64>,
    /// Key of the band the value falls in, if the score has bands.
    pub band: Option<String>,
    /// How many inputs were answered.
    pub answered: u32,
    /// How many inputs must be answered for a value.
    pub needed: u32,
}

impl ScanResult {
    /// The result of the score with this id.
    pub fn score(&self, id: &str) -> Option<&ScoreResult> {
        self.scores.iter().find(|score| score.id == id)
    }

    /// The strongest signal among the banded scores shown in the report, if any.
    pub fn strongest_signal(&self, definition: &Definition) -> Option<Signal> {
        self.scores
            .iter()
            .filter(|result| definition.score(&result.id).is_some_and(|score| !score.hidden))
            .filter_map(|result| band_of(definition, result).map(|band| band.signal))
            .max()
    }
}

/// The band a score result falls in, looked up in the definition.
pub fn band_of<'a>(definition: &'a Definition, result: &ScoreResult) -> Option<&'a Band> {
    let score = definition.score(&result.id)?;
    let set = definition.bands.get(score.bands.as_ref()?)?;
    let key = result.band.as_ref()?;
    set.levels.iter().find(|band| &band.key == key)
}

/// Checks the answers and computes every score and flag.
///
/// Answers that do not fit the definition are an error (all of them are listed); missing answers
/// are not, and lead to `value: None` where a score's missing-data rule is not met.
pub fn score(definition: &Definition, answers: &Answers) -> Result<ScanResult, Vec<AnswerError>> {
    check_answers(definition, answers)?;
    let mut results: Vec<ScoreResult> = Vec::with_capacity(definition.scores.len());
    let ranges = score_ranges(definition);
    for score in &definition.scores {
        let range = ranges[score.id.as_str()];
        let raw = raw_value(definition, score, answers, &results);
        let value = raw.value.and_then(|value| finish(score, value, range.raw));
        let band = value.and_then(|value| {
            let set = definition.bands.get(score.bands.as_ref()?)?;
            band_for(&set.levels, value).map(|band| band.key.clone())
        });
        results.push(ScoreResult { id: score.id.clone(), value, band, answered: raw.answered, needed: raw.needed });
    }
    let flags = definition
        .flags
        .iter()
        .filter(|flag| condition_holds(definition, &flag.when, answers, &results))
        .map(|flag| flag.id.clone())
        .collect();
    Ok(ScanResult {
        definition: definition.questionnaire.id.clone(),
        version: definition.questionnaire.version.clone(),
        content_hash: definition.content_hash.clone().unwrap_or_default(),
        scores: results,
        flags,
    })
}

/// The band whose lower bound is the highest one at or below `value`.
pub fn band_for(levels: &[Band], value: f64) -> Option<&Band> {
    levels.iter().rev().find(|band| band.from <= value)
}

/// The points for `value` in a lookup table (the last row whose `from` is at most `value`).
pub fn lookup(rows: &[LookupRow], value: f64) -> Option<f64> {
    rows.iter().rev().find(|row| row.from <= value).map(|row| row.points)
}

/// Applies lookup, rescaling and rounding to a raw value.
fn finish(score: &Score, raw: f64, raw_range: (f64, f64)) -> Option<f64> {
    let (value, range) = if score.lookup.is_empty() {
        (raw, raw_range)
    } else {
        (lookup(&score.lookup, raw)?, lookup_range(&score.lookup, raw_range)?)
    };
    if score.rescale {
        let (low, high) = range;
        let scaled = if high > low { (value - low) / (high - low) * 100.0 } else { 100.0 };
        Some(round_to(scaled, 1))
    } else {
        Some(round_to(value, 2))
    }
}

/// Rounds half away from zero to `decimals` places. Half points (27.5) stay exact.
fn round_to(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    // Adding a tiny amount first keeps 2.675 from rounding down because of its binary form.
    ((value * factor) + value.signum() * 1e-9).round() / factor
}

struct Raw {
    value: Option<f64>,
    answered: u32,
    needed: u32,
}

/// An item's answer as a number (option value, or the number given); `None` when unanswered,
/// declined or not a number.
fn item_value(definition: &Definition, item: &Item, answers: &Answers) -> Option<f64> {
    answer_number(definition, item, answers.get(&item.id)?)
}

/// The item's value with reverse coding applied.
fn coded_value(definition: &Definition, item: &Item, answers: &Answers) -> Option<f64> {
    let value = item_value(definition, item, answers)?;
    if item.reverse {
        let (low, high) = item_range(definition, item)?;
        Some(low + high - value)
    } else {
        Some(value)
    }
}

fn raw_value(definition: &Definition, score: &Score, answers: &Answers, earlier: &[ScoreResult]) -> Raw {
    // Items hidden by a condition are not part of this person's scan; they neither count as
    // answered nor as missing.
    let items: Vec<&Item> =
        definition.score_items(score).into_iter().filter(|item| is_shown(definition, item, answers)).collect();
    let all_needed = |values: Vec<Option<f64>>, combine: &dyn Fn(&[f64]) -> f64| {
        let needed = values.len() as u32;
        let present: Vec<f64> = values.into_iter().flatten().collect();
        let answered = present.len() as u32;
        let value = (answered == needed && needed > 0).then(|| combine(&present));
        Raw { value, answered, needed }
    };
    match score.method {
        Method::Value => {
            all_needed(items.iter().map(|item| coded_value(definition, item, answers)).collect(), &|values| {
                values.iter().sum()
            })
        }
        Method::Sum | Method::Mean => {
            let total_weight: f64 = items.iter().map(|item| item.weight()).sum();
            let mut weight = 0.0;
            let mut sum = 0.0;
            let mut answered = 0u32;
            for item in &items {
                if let Some(value) = coded_value(definition, item, answers) {
                    weight += item.weight();
                    sum += item.weight() * value;
                    answered += 1;
                }
            }
            let count = items.len() as u32;
            let needed = match score.min_answered {
                Some(fraction) => ((fraction * count as f64) - 1e-9).ceil().max(1.0) as u32,
                None => count,
            };
            let value = (answered >= needed && answered > 0 && weight > 0.0).then(|| {
                match score.method {
                    // A sum over fewer items is prorated, so missing items do not read as low.
                    Method::Sum => sum * total_weight / weight,
                    _ => sum / weight,
                }
            });
            Raw { value, answered, needed }
        }
        Method::Lowest => {
            let item = items.first();
            let values: Option<Vec<f64>> = item.and_then(|item| match answers.get(&item.id) {
                Some(AnswerValue::List(keys)) if !keys.is_empty() => {
                    Some(keys.iter().filter_map(|key| definition.option_value(item, key)).collect())
                }
                _ => None,
            });
            let value = values.and_then(|values| values.into_iter().reduce(f64::min));
            Raw { answered: value.is_some() as u32, value, needed: 1 }
        }
        Method::Count => {
            let item = items.first();
            let column = score.column.as_deref().unwrap_or_default();
            let value = item.and_then(|item| match answers.get(&item.id) {
                // A partly filled matrix is not a count of zero: every row must be answered.
                Some(AnswerValue::Grid(grid)) if item.rows.iter().all(|row| grid.contains_key(&row.key)) => {
                    Some(grid.values().filter(|chosen| chosen.as_str() == column).count() as f64)
                }
                _ => None,
            });
            Raw { answered: value.is_some() as u32, value, needed: 1 }
        }
        Method::Weighted => {
            let driver = score.weight_by.as_deref().and_then(|id| match answers.get(id) {
                Some(AnswerValue::Text(key)) => score.weights.get(key),
                _ => None,
            });
            let values: Vec<Option<f64>> = items.iter().map(|item| coded_value(definition, item, answers)).collect();
            match driver {
                Some(weights) => {
                    all_needed(values, &|values| values.iter().zip(weights).map(|(value, weight)| value * weight).sum())
                }
                None => Raw {
                    value: None,
                    answered: values.iter().flatten().count() as u32,
                    needed: values.len() as u32 + 1,
                },
            }
        }
        Method::Total => all_needed(
            score
                .scores
                .iter()
                .map(|id| earlier.iter().find(|result| &result.id == id).and_then(|r| r.value))
                .collect(),
            &|values| values.iter().sum(),
        ),
    }
}

/// The lowest and highest value an item can contribute; `None` if it has no numeric value.
pub fn item_range(definition: &Definition, item: &Item) -> Option<(f64, f64)> {
    match item.kind {
        ItemType::Number => Some((item.min? as f64, item.max? as f64)),
        ItemType::Likert | ItemType::Single | ItemType::Multiple => {
            let values: Vec<f64> = definition.options_of(item).iter().filter_map(|option| option.value).collect();
            let low = values.iter().copied().reduce(f64::min)?;
            let high = values.iter().copied().reduce(f64::max)?;
            Some((low, high))
        }
        ItemType::Matrix | ItemType::Text => None,
    }
}

/// The reachable range of a score, before (`raw`) and after lookup and rescaling (`out`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Range of the computed number before the lookup table.
    pub raw: (f64, f64),
    /// Range of the reported value.
    pub out: (f64, f64),
}

/// The reachable ranges of every score, by id, in definition order. Scores whose inputs are
/// ill-defined get a degenerate (0, 0) range; the validator reports them.
pub fn score_ranges(definition: &Definition) -> BTreeMap<&str, Range> {
    let mut ranges = BTreeMap::new();
    for score in &definition.scores {
        let range = score_range(definition, score, &ranges);
        ranges.insert(score.id.as_str(), range);
    }
    ranges
}

fn score_range(definition: &Definition, score: &Score, earlier: &BTreeMap<&str, Range>) -> Range {
    let raw = raw_range(definition, score, earlier).unwrap_or((0.0, 0.0));
    let after_lookup =
        if score.lookup.is_empty() { raw } else { lookup_range(&score.lookup, raw).unwrap_or((0.0, 0.0)) };
    let out = if score.rescale { (0.0, 100.0) } else { (round_to(after_lookup.0, 2), round_to(after_lookup.1, 2)) };
    Range { raw, out }
}

fn raw_range(definition: &Definition, score: &Score, earlier: &BTreeMap<&str, Range>) -> Option<(f64, f64)> {
    let items = definition.score_items(score);
    let ranges: Option<Vec<(f64, f64, f64)>> =
        items.iter().map(|item| item_range(definition, item).map(|(low, high)| (low, high, item.weight()))).collect();
    match score.method {
        Method::Value | Method::Lowest => ranges?.first().map(|(low, high, _)| (*low, *high)),
        Method::Sum => {
            let ranges = ranges?;
            Some(ranges.iter().fold((0.0, 0.0), |(a, b), (low, high, w)| (a + w * low, b + w * high)))
        }
        Method::Mean => {
            let ranges = ranges?;
            let weight: f64 = ranges.iter().map(|(_, _, w)| w).sum();
            if weight <= 0.0 {
                return None;
            }
            let (low, high) = ranges.iter().fold((0.0, 0.0), |(a, b), (low, high, w)| (a + w * low, b + w * high));
            Some((low / weight, high / weight))
        }
        Method::Count => items.first().map(|item| (0.0, item.rows.len() as f64)),
        Method::Weighted => {
            let ranges = ranges?;
            score
                .weights
                .values()
                .map(|weights| {
                    ranges
                        .iter()
                        .zip(weights)
                        .fold((0.0, 0.0), |(a, b), ((low, high, _), w)| (a + w * low, b + w * high))
                })
                .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
        }
        Method::Total => score.scores.iter().try_fold((0.0, 0.0), |(a, b), id| {
            earlier.get(id.as_str()).map(|range| (a + range.out.0, b + range.out.1))
        }),
    }
}

/// The points reachable from inputs in `range`; `None` if the table does not cover its start.
pub fn lookup_range(rows: &[LookupRow], range: (f64, f64)) -> Option<(f64, f64)> {
    let (low, high) = range;
    lookup(rows, low)?;
    let reachable = rows.iter().enumerate().filter(|(index, row)| {
        let next_from = rows.get(index + 1).map_or(f64::INFINITY, |next| next.from);
        row.from <= high && next_from > low
    });
    reachable.fold(None, |acc: Option<(f64, f64)>, (_, row)| {
        Some(acc.map_or((row.points, row.points), |(a, b)| (a.min(row.points), b.max(row.points))))
    })
}

fn condition_holds(definition: &Definition, condition: &Condition, answers: &Answers, results: &[ScoreResult]) -> bool {
    if let Some(id) = &condition.item {
        return item_condition_holds(definition, id, condition, answers);
    }
    let Some(result) = condition.score.as_ref().and_then(|id| results.iter().find(|r| &r.id == id)) else {
        return false;
    };
    let Some(value) = result.value else { return false };
    let band_holds =
        condition.any_of.is_empty() || result.band.as_ref().is_some_and(|band| condition.any_of.contains(band));
    band_holds
        && condition.at_least.is_none_or(|bound| value >= bound)
        && condition.at_most.is_none_or(|bound| value <= bound)
}

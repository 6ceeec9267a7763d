//! Comparing with an earlier scan: only on the same scales, as band changes first, with small
//! differences called small; and values shown without false precision.

use werkscan_core::compare::{changes, compatible, scales, Movement};
use werkscan_core::report::shown_value;
use werkscan_core::scoring::band_for;
use werkscan_core::{score, Definition, ScanResult};

use crate::support::questionnaire;

fn result_of(definition: &Definition) -> ScanResult {
    score(definition, &werkscan_core::answers::example_answers(definition)).unwrap()
}

/// The result with one score set to `value` (and the band that value falls in).
fn with_value(definition: &Definition, mut result: ScanResult, id: &str, value: Option<f64>) -> ScanResult {
    let rule = definition.score(id).unwrap();
    let levels = &definition.bands[rule.bands.as_ref().unwrap()].levels;
    let entry = result.scores.iter_mut().find(|score| score.id == id).unwrap();
    entry.value = value;
    entry.band = value.and_then(|value| band_for(levels, value)).map(|band| band.key.clone());
    result
}

/// The first theme score of a definition, with the lower bounds of its lowest and highest band.
fn theme(definition: &Definition) -> (String, f64, f64) {
    let rule = definition.scores.iter().find(|score| score.theme.is_some() && !score.hidden && score.rescale).unwrap();
    let levels = &definition.bands[rule.bands.as_ref().unwrap()].levels;
    (rule.id.clone(), levels.first().unwrap().from, levels.last().unwrap().from)
}

#[test]
fn only_scans_on_the_same_scales_are_compatible() {
    let definition = questionnaire("werkscan");
    let own = scales(&definition);
    assert!(compatible(&own, &scales(&definition.clone())));
    assert!(own.iter().all(|scale| !definition.score(&scale.id).unwrap().hidden), "hidden scores are never compared");
    assert!(own.iter().any(|scale| (scale.low, scale.high) == (0.0, 100.0)));
    // Another questionnaire has other scores.
    assert!(!compatible(&own, &scales(&questionnaire("quickscan"))));
    // The same scores with a moved band boundary measure differently.
    let mut moved = definition.clone();
    let name = moved.scores.iter().find(|score| score.theme.is_some()).unwrap().bands.clone().unwrap();
    moved.bands.get_mut(&name).unwrap().levels[1].from += 5.0;
    assert!(!compatible(&own, &scales(&moved)));
    // The history keeps the scales as JSON; they read back equal.
    let kept: Vec<werkscan_core::compare::ScoreScale> = serde_json::from_str(&serde_json::to_string(&own).unwrap()).unwrap();
    assert!(compatible(&kept, &own));
}

#[test]
fn changes_are_band_moves_first_with_the_difference_second() {
    let definition = questionnaire("quickscan");
    let (id, lowest, highest) = theme(&definition);
    let earlier = with_value(&definition, result_of(&definition), &id, Some(lowest + 10.0));
    let now = with_value(&definition, earlier.clone(), &id, Some(highest + 5.0));
    let change = changes(&definition, &earlier, &now).into_iter().find(|change| change.id == id).unwrap();
    assert_eq!(change.movement, Movement::Better);
    assert_eq!(change.difference, Some(highest - lowest - 5.0));
    assert!(!change.small);
    assert_ne!(change.before, change.after);

    let back = changes(&definition, &now, &earlier).into_iter().find(|change| change.id == id).unwrap();
    assert_eq!(back.movement, Movement::Worse);

    // Three points within a band on a 0–100 scale: the same band, and small.
    let slightly = with_value(&definition, now.clone(), &id, Some(highest + 8.3));
    let change = changes(&definition, &now, &slightly).into_iter().find(|change| change.id == id).unwrap();
    assert_eq!(change.movement, Movement::Same);
    assert_eq!(change.difference, Some(3.0), "whole points on 0–100, as the report shows them");
    assert!(change.small);

    // Too few answers on one side: nothing to say about the band or the difference.
    let unknown = with_value(&definition, now.clone(), &id, None);
    let change = changes(&definition, &unknown, &now).into_iter().find(|change| change.id == id).unwrap();
    assert_eq!((change.movement, change.difference, change.small), (Movement::Unknown, None, false));
}

#[test]
fn a_better_band_with_the_same_signal_still_counts_as_better() {
    // The full WAI's "goed" (37–43) and "uitstekend" (44–49) are both good.
    let definition = questionnaire("wai");
    let good = with_value(&definition, result_of(&definition), "wai", Some(40.0));
    let excellent = with_value(&definition, good.clone(), "wai", Some(45.0));
    let change = changes(&definition, &good, &excellent).into_iter().find(|change| change.id == "wai").unwrap();
    assert_eq!(change.movement, Movement::Better);
    assert_eq!(change.difference, Some(5.0));
    assert!(!change.small, "5 of a 42-point range is more than a tenth");
    let change = changes(&definition, &excellent, &good).into_iter().find(|change| change.id == "wai").unwrap();
    assert_eq!(change.movement, Movement::Worse);
}

#[test]
fn values_are_shown_without_false_precision() {
    assert_eq!(shown_value(58.333, true), 58.0);
    assert_eq!(shown_value(58.5, true), 59.0);
    assert_eq!(shown_value(27.5, false), 27.5, "the WAI's half points are real");
    assert_eq!(shown_value(6.0, false), 6.0);
    assert_eq!(shown_value(-0.4, true).to_string(), "0", "no minus zero");
}

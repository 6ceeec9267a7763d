//! Comparing with an earlier scan: only scores declared comparable between the two versions, on
//! the same scales, never a score the person's report does not show; as band changes first, with
//! small differences called small; and values shown without false precision.

use werkscan_core::compare::{
    changes, comparable, compared_in_history, history_comparable, left_out_of_history, scales, Movement, ScoreScale,
};
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

/// The result as the same answers would have given it on another version of the definition.
fn as_version(result: &ScanResult, version: &str, hash: &str) -> ScanResult {
    ScanResult { version: version.into(), content_hash: hash.into(), ..result.clone() }
}

#[test]
fn versions_compare_only_where_the_later_one_declares_it() {
    let werkscan = questionnaire("werkscan");
    let now = werkscan.questionnaire.version.clone();
    assert_eq!(now, "3.0.0");
    // The same version always compares, whatever the score (the rule is about measures; who sees
    // a score is another question).
    for score in &werkscan.scores {
        assert!(comparable(&werkscan, &score.id, &now), "{}", score.id);
    }
    // 2.0.0: only the scores whose items all stayed.
    let with_2_0_0: Vec<&str> = werkscan
        .scores
        .iter()
        .filter(|score| comparable(&werkscan, &score.id, "2.0.0"))
        .map(|score| score.id.as_str())
        .collect();
    assert_eq!(with_2_0_0, ["was", "gezondheid_vitaliteit", "arbeidssituatie"]);
    for changed in ["zelfredzaamheid", "loopbaan_competenties", "organisatiecultuur", "werk_prive", "wai_kort_som"] {
        assert!(!comparable(&werkscan, changed, "2.0.0"), "{changed}");
    }
    // A version nobody named, and a score the definition does not have, compare with nothing.
    assert!(!comparable(&werkscan, "gezondheid_vitaliteit", "1.0.0"));
    assert!(!comparable(&werkscan, "gezondheid_vitaliteit", "2.0"));
    assert!(!comparable(&werkscan, "bestaat_niet", &now));
    // The declaration is the later version's: an earlier definition never claims a later one.
    let mut earlier = werkscan.clone();
    earlier.questionnaire.version = "2.0.0".into();
    for score in &mut earlier.scores {
        score.comparable_with.clear();
    }
    assert!(!comparable(&earlier, "gezondheid_vitaliteit", "3.0.0"));
    // The quick scan: four themes and the Work Ability Score kept their items.
    let quick = questionnaire("quickscan");
    let with_2_0_0: Vec<&str> = quick
        .scores
        .iter()
        .filter(|score| comparable(&quick, &score.id, "2.0.0"))
        .map(|score| score.id.as_str())
        .collect();
    assert_eq!(
        with_2_0_0,
        ["was", "zelfredzaamheid", "gezondheid_vitaliteit", "loopbaan_competenties", "arbeidssituatie"]
    );
    // The full WAI reworded a label only.
    assert!(comparable(&questionnaire("wai"), "wai", "2.0.0"));
}

#[test]
fn the_history_never_shows_a_score_the_person_does_not_see() {
    let werkscan = questionnaire("werkscan");
    let version = werkscan.questionnaire.version.clone();
    let earlier = result_of(&werkscan);
    let now = score(&werkscan, &werkscan_core::answers::example_answers(&werkscan)).unwrap();
    assert!(werkscan.score("wai_kort_som").unwrap().expert_only);
    assert!(now.score("wai_kort_som").is_some(), "the result has the expert's sum");
    let compared: Vec<&str> = compared_in_history(&werkscan, &version).iter().map(|score| score.id.as_str()).collect();
    assert!(!compared.contains(&"wai_kort_som"), "expert-only: {compared:?}");
    assert!(compared.iter().all(|id| !werkscan.score(id).unwrap().hidden), "hidden: {compared:?}");
    assert_eq!(compared.len(), 7, "the Work Ability Score and six themes: {compared:?}");
    let changed: Vec<String> = changes(&werkscan, &earlier, &now).into_iter().map(|change| change.id).collect();
    assert_eq!(changed, compared, "a second Werkscan lists exactly what the person's report shows");
    assert!(scales(&werkscan)
        .iter()
        .all(|scale| scale.id != "wai_kort_som" && !werkscan.score(&scale.id).unwrap().hidden));
    assert!(left_out_of_history(&werkscan, &version).is_empty());
}

#[test]
fn an_earlier_version_is_compared_on_its_declared_scores_only() {
    let werkscan = questionnaire("werkscan");
    let now = result_of(&werkscan);
    let earlier = as_version(&now, "2.0.0", &"ab".repeat(32));
    let kept = scales(&werkscan);
    assert!(history_comparable(&werkscan, &earlier, Some(&kept)));
    let changed: Vec<String> = changes(&werkscan, &earlier, &now).into_iter().map(|change| change.id).collect();
    assert_eq!(changed, ["was", "gezondheid_vitaliteit", "arbeidssituatie"]);
    let left_out: Vec<&str> = left_out_of_history(&werkscan, "2.0.0").iter().map(|score| score.id.as_str()).collect();
    assert_eq!(left_out, ["zelfredzaamheid", "loopbaan_competenties", "organisatiecultuur", "werk_prive"]);
    // A version with nothing declared: no comparison at all.
    assert!(!history_comparable(&werkscan, &as_version(&now, "1.0.0", &"cd".repeat(32)), Some(&kept)));
    assert!(changes(&werkscan, &as_version(&now, "1.0.0", &"cd".repeat(32)), &now).is_empty());
    // Another questionnaire never compares.
    let quick = questionnaire("quickscan");
    assert!(!history_comparable(&quick, &now, Some(&scales(&quick))));
}

#[test]
fn a_declared_score_whose_kept_scale_moved_is_not_compared() {
    let definition = questionnaire("werkscan");
    let own = scales(&definition);
    let now = result_of(&definition);
    assert!(history_comparable(&definition, &now, Some(&own)));
    assert!(own.iter().any(|scale| (scale.low, scale.high) == (0.0, 100.0)));
    // The same scores with a moved band boundary measure differently, even within a version.
    let mut moved = definition.clone();
    let name = moved.scores.iter().find(|score| score.theme.is_some()).unwrap().bands.clone().unwrap();
    moved.bands.get_mut(&name).unwrap().levels[1].from += 5.0;
    assert!(!history_comparable(&moved, &now, Some(&own)));
    // A kept scale of a score that is not compared does not matter (the expert's sum, kept by
    // earlier apps), nor does one the earlier scan did not have, as long as every compared score
    // was kept as it is.
    let mut with_extra = own.clone();
    with_extra.push(ScoreScale { id: "wai_kort_som".into(), low: 6.0, high: 42.0, bands: Vec::new() });
    assert!(history_comparable(&definition, &now, Some(&with_extra)));
    let without_a_theme: Vec<ScoreScale> = own.iter().filter(|scale| scale.id != "werk_prive").cloned().collect();
    assert!(!history_comparable(&definition, &now, Some(&without_a_theme)), "a compared score must have been kept");
    // Without kept scales, only the very same definition compares.
    assert!(history_comparable(&definition, &now, None));
    assert!(!history_comparable(
        &definition,
        &as_version(&now, &definition.questionnaire.version, &"ee".repeat(32)),
        None
    ));
    // The history keeps the scales as JSON; they read back equal.
    let kept: Vec<ScoreScale> = serde_json::from_str(&serde_json::to_string(&own).unwrap()).unwrap();
    assert!(history_comparable(&definition, &now, Some(&kept)));
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

/// A definition of an earlier version, as archived in tests/fixtures/previous.
fn archived(id: &str, version: &str) -> Option<Definition> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/previous/{id}-{version}.json"));
    let json = std::fs::read_to_string(path).ok()?;
    Some(serde_json::from_str(&json).expect("the model reads it"))
}

/// What a score measures, without its words: its rule, the items it reads (type, answer keys
/// and values, reverse coding, weight, whether optional or conditional), the scores it adds up,
/// its range and its bands. Two versions of a score with the same measure may be compared.
fn measure(definition: &Definition, id: &str) -> serde_json::Value {
    use serde_json::json;
    let score = definition.score(id).unwrap_or_else(|| panic!("no score {id}"));
    let mut rule = serde_json::to_value(score).unwrap();
    for words in ["label", "advice", "employer_advice", "comparable_with", "note", "section", "items", "scores"] {
        rule.as_object_mut().unwrap().remove(words);
    }
    let item_ids: Vec<String> = match &score.section {
        Some(section) => definition
            .sections
            .iter()
            .find(|s| &s.id == section)
            .unwrap()
            .items
            .iter()
            .filter(|item| item.kind.is_scorable())
            .map(|item| item.id.clone())
            .collect(),
        None => score.items.clone(),
    };
    let items: Vec<serde_json::Value> = item_ids
        .iter()
        .map(|item_id| {
            let item = definition.item(item_id).unwrap();
            let options: Vec<_> = definition.options_of(item).iter().map(|option| json!([option.key, option.value, option.exclusive])).collect();
            let columns: Vec<_> = item.columns.iter().map(|column| json!([column.key, column.value])).collect();
            let rows: Vec<&str> = item.rows.iter().map(|row| row.key.as_str()).collect();
            json!({ "id": item.id, "type": serde_json::to_value(item.kind).unwrap(), "options": options, "rows": rows, "columns": columns,
                    "min": item.min, "max": item.max, "reverse": item.reverse, "weight": item.weight(), "optional": item.optional,
                    "show_if": serde_json::to_value(&item.show_if).unwrap() })
        })
        .collect();
    let bands: Vec<_> = score
        .bands
        .as_ref()
        .map(|name| {
            definition.bands[name]
                .levels
                .iter()
                .map(|band| json!([band.key, band.from, serde_json::to_value(band.signal).unwrap()]))
                .collect()
        })
        .unwrap_or_default();
    let inputs: Vec<_> = score.scores.iter().map(|input| measure(definition, input)).collect();
    let range = werkscan_core::scoring::score_ranges(definition).get(id).map(|range| range.out);
    json!({ "rule": rule, "items": items, "inputs": inputs, "bands": bands, "range": range })
}

/// A score may only say it is comparable with a version in which it measured the same thing: the
/// archived definitions of that version are the proof. So a replaced item, a moved band or a new
/// rule for missing answers fails here as soon as someone declares the score comparable anyway.
#[test]
fn a_score_declared_comparable_measured_the_same_in_the_version_it_names() {
    let mut checked = 0;
    for definition in &crate::support::shipped().questionnaires {
        let id = &definition.questionnaire.id;
        for score in &definition.scores {
            for version in &score.comparable_with {
                let earlier =
                    archived(id, version).unwrap_or_else(|| panic!("{id} {version} is not in tests/fixtures/previous"));
                assert!(earlier.score(&score.id).is_some(), "{id} {version} has no score {}", score.id);
                assert_eq!(
                    measure(&earlier, &score.id),
                    measure(definition, &score.id),
                    "{id} {}: declared comparable with {version}",
                    score.id
                );
                checked += 1;
            }
        }
        // And the other way round: a theme that is not declared comparable with the previous
        // version really changed (or the declaration was forgotten).
        if let Some(earlier) = archived(id, "2.0.0") {
            for score in definition
                .scores
                .iter()
                .filter(|score| score.theme.is_some() && !score.comparable_with.contains(&"2.0.0".to_owned()))
            {
                assert_ne!(
                    measure(&earlier, &score.id),
                    measure(definition, &score.id),
                    "{id} {}: unchanged since 2.0.0 but not declared comparable",
                    score.id
                );
            }
        }
    }
    assert!(checked >= 8, "{checked} declarations checked");
    // The measure does tell a replaced item: the Werkscan's organisational culture is another.
    let earlier = archived("werkscan", "2.0.0").unwrap();
    assert_ne!(measure(&earlier, "organisatiecultuur"), measure(&questionnaire("werkscan"), "organisatiecultuur"));
}

/// The core's `changes::same_measure`, which `werkscan diff` and the editor use to judge a
/// `comparable_with`, agrees with the measure above on every score of every archived version
/// against the next and against the shipped one: where the measure is equal, so is
/// `same_measure`; where only `same_measure` holds, what differs is where the score is shown (its
/// theme, headline, hidden, expert-only) or its band set's name, none of which changes a number.
#[test]
fn same_measure_agrees_with_the_archived_measure() {
    use werkscan_core::changes::same_measure;
    let mut compared = 0;
    for current in &crate::support::shipped().questionnaires {
        let id = current.questionnaire.id.as_str();
        let (first, second) = (archived(id, "1.0.0").unwrap(), archived(id, "2.0.0").unwrap());
        for (old, new) in [(&first, &second), (&second, current), (&first, current)] {
            for score in new.scores.iter().filter(|score| old.score(&score.id).is_some()) {
                let (was, now) = (measure(old, &score.id), measure(new, &score.id));
                let same = same_measure(old, new, &score.id);
                if was == now {
                    assert!(same, "{id} {}", score.id);
                } else if same {
                    let shown_only = |mut value: serde_json::Value| {
                        for field in ["theme", "headline", "hidden", "expert_only", "bands"] {
                            value["rule"].as_object_mut().unwrap().remove(field);
                        }
                        value
                    };
                    assert_eq!(shown_only(was), shown_only(now), "{id} {}", score.id);
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 40, "{compared}");
}

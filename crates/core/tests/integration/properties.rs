//! Properties of scoring over random answer sets for every shipped questionnaire.

use proptest::prelude::*;
use werkscan_core::answers::{prune_hidden, toggle_option};
use werkscan_core::model::{Definition, ItemType};
use werkscan_core::scoring::{item_range, score_ranges};
use werkscan_core::{score, AnswerValue, Answers};

use crate::support::{questionnaire, shipped};

/// Turns one random number per item into an answer set that fits the definition: some items
/// left open, "zeg ik liever niet" where allowed, otherwise a valid answer.
fn answers_from(definition: &Definition, seeds: &[u32]) -> Answers {
    let mut answers = Answers::new();
    for (item, seed) in definition.items().zip(seeds.iter().cycle()) {
        let seed = *seed as usize;
        if seed.is_multiple_of(11) {
            continue; // not answered
        }
        if item.optional && seed.is_multiple_of(7) {
            answers.insert(item.id.clone(), AnswerValue::Declined);
            continue;
        }
        let options = definition.options_of(item);
        let value = match item.kind {
            ItemType::Likert | ItemType::Single => AnswerValue::Text(options[seed % options.len()].key.clone()),
            ItemType::Number => {
                let (min, max) = (item.min.unwrap(), item.max.unwrap());
                AnswerValue::Number(min + (seed as i64 % (max - min + 1)))
            }
            ItemType::Multiple => {
                // Ticked one by one as on the phone, where an exclusive option unticks the rest.
                let mut chosen: Vec<String> = Vec::new();
                for (index, option) in options.iter().enumerate() {
                    if (seed >> index) & 1 == 1 || index == seed % options.len() {
                        chosen = toggle_option(options, &chosen, &option.key, true).0;
                    }
                }
                AnswerValue::List(chosen)
            }
            ItemType::Matrix => AnswerValue::Grid(
                item.rows
                    .iter()
                    .enumerate()
                    .map(|(index, row)| (row.key.clone(), options[(seed / (index + 1)) % options.len()].key.clone()))
                    .collect(),
            ),
            ItemType::Text => AnswerValue::Text(format!("tekst {seed}")),
        };
        answers.insert(item.id.clone(), value);
    }
    prune_hidden(definition, &mut answers);
    answers
}

/// Every answer with its value mirrored within the item's range (lowest ↔ highest option).
fn mirrored(definition: &Definition, answers: &Answers) -> Answers {
    answers
        .iter()
        .map(|(id, value)| {
            let item = definition.item(id).unwrap();
            let mirrored = match (item.kind, value) {
                (ItemType::Likert | ItemType::Single, AnswerValue::Text(key))
                    if item_range(definition, item).is_some() =>
                {
                    let options = definition.options_of(item);
                    let (low, high) = item_range(definition, item).unwrap();
                    let own = options.iter().find(|option| &option.key == key).unwrap().value.unwrap();
                    let target = low + high - own;
                    let other = options.iter().find(|option| option.value == Some(target));
                    AnswerValue::Text(other.map_or(key.clone(), |option| option.key.clone()))
                }
                (ItemType::Number, AnswerValue::Number(number)) => {
                    AnswerValue::Number(item.min.unwrap() + item.max.unwrap() - number)
                }
                _ => value.clone(),
            };
            (id.clone(), mirrored)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_valid_answer_set_scores_inside_the_declared_range(seeds in proptest::collection::vec(any::<u32>(), 1..80)) {
        for definition in &shipped().questionnaires {
            let answers = answers_from(definition, &seeds);
            let result = score(definition, &answers).expect("generated answers fit");
            let ranges = score_ranges(definition);
            for outcome in &result.scores {
                let definition_score = definition.score(&outcome.id).unwrap();
                match outcome.value {
                    Some(value) => {
                        let (low, high) = ranges[outcome.id.as_str()].out;
                        prop_assert!(value >= low && value <= high, "{} = {value} outside {low}..{high}", outcome.id);
                        prop_assert_eq!(outcome.band.is_some(), definition_score.bands.is_some());
                    }
                    None => {
                        prop_assert!(outcome.band.is_none());
                        prop_assert!(outcome.answered < outcome.needed, "{}: no value although {} of {} answered", outcome.id, outcome.answered, outcome.needed);
                    }
                }
            }
        }
    }

    #[test]
    fn reverse_coding_is_symmetric(seeds in proptest::collection::vec(any::<u32>(), 1..80)) {
        // Mirroring every answer of a theme mirrors its 0–100 score: x becomes 100 − x,
        // whichever items are reverse-coded. Conditions are taken out, because mirroring the
        // answer a condition reads would change which items are asked at all.
        let mut definition = questionnaire("werkscan");
        for section in &mut definition.sections {
            for item in &mut section.items {
                item.show_if = None;
            }
        }
        let answers = answers_from(&definition, &seeds);
        let flipped = mirrored(&definition, &answers);
        let before = score(&definition, &answers).unwrap();
        let after = score(&definition, &flipped).unwrap();
        for theme in definition.scores.iter().filter(|score| score.theme.is_some() && score.rescale) {
            let (a, b) = (before.score(&theme.id).unwrap().value, after.score(&theme.id).unwrap().value);
            match (a, b) {
                (Some(a), Some(b)) => prop_assert!((a + b - 100.0).abs() <= 0.1 + 1e-9, "{}: {a} and {b}", theme.id),
                (None, None) => {}
                other => prop_assert!(false, "{}: {other:?}", theme.id),
            }
        }
    }

    #[test]
    fn too_few_answers_give_no_number(seeds in proptest::collection::vec(any::<u32>(), 1..80), keep in 0usize..3) {
        // Leave at most `keep` answers in each theme: below two thirds of 6 or more items,
        // every theme must say "te weinig antwoorden" rather than give a number.
        for definition in &shipped().questionnaires {
            let mut answers = answers_from(definition, &seeds);
            for theme in definition.scores.iter().filter(|score| score.min_answered.is_some()) {
                let items = definition.score_items(theme);
                if (keep as f64) >= theme.min_answered.unwrap() * items.len() as f64 {
                    continue;
                }
                for item in items.iter().skip(keep) {
                    answers.remove(&item.id);
                }
                prune_hidden(definition, &mut answers);
                let result = score(definition, &answers).unwrap();
                let outcome = result.score(&theme.id).unwrap();
                prop_assert_eq!(outcome.value, None, "{} with {} answers", theme.id, outcome.answered);
            }
        }
    }
}

#[test]
fn a_reverse_coded_item_counts_its_lowest_option_as_highest() {
    let definition = questionnaire("werkscan");
    let theme = definition.scores.iter().find(|score| score.theme.is_some()).unwrap();
    let items = definition.score_items(theme);
    let reversed = items.iter().find(|item| item.reverse).expect("a reverse-coded item");
    let lowest = |item: &werkscan_core::model::Item| {
        let options = definition.options_of(item);
        let low = item_range(&definition, item).unwrap().0;
        options.iter().find(|option| option.value == Some(low)).unwrap().key.clone()
    };
    // Only the reversed item answered, at its lowest option: the theme's only input is its top.
    let mut answers = Answers::new();
    answers.insert(reversed.id.clone(), AnswerValue::Text(lowest(reversed)));
    let mut forgiving = theme.clone();
    forgiving.min_answered = Some(0.01);
    let mut single = definition.clone();
    *single.scores.iter_mut().find(|score| score.id == theme.id).unwrap() = forgiving;
    let result = score(&single, &answers).unwrap();
    assert_eq!(result.score(&theme.id).unwrap().value, Some(100.0));
}

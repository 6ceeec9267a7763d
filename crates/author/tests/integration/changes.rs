//! The differences in words: what the core's `compare` finds, questions first, in Dutch and
//! English, with the changes of meaning marked.

use werkscan_author::changes::{item_change, lines, questionnaire_lines, score_change, Kind, What};
use werkscan_author::sources::check;
use werkscan_core::changes::{compare, ItemChange, ScoreChange};
use werkscan_core::model::{ItemType, Method};
use werkscan_core::Lang;

use super::quickscan;

#[test]
fn an_edit_is_told_as_questions_added_removed_and_changed() {
    let files = quickscan();
    let old = check(&files, "quickscan").definition.unwrap();
    let mut new = old.clone();
    new.questionnaire.version = "3.1.0".into();
    let first = new.sections[0].items[0].id.clone();
    new.sections[0].items[0].text.nl = "Anders gezegd".into();
    let gone = new.sections[1].items.remove(0).id;
    let mut added = new.sections[0].items[0].clone();
    added.id = "q_nieuw".into();
    new.sections[0].items.push(added);

    let changes = compare(&old, &new);
    let dutch = lines(Lang::Nl, &changes);
    let items: Vec<_> = dutch.iter().filter(|line| line.kind == Kind::Item).collect();
    let of = |id: &str| items.iter().find(|line| line.id == id).unwrap_or_else(|| panic!("{id} in {items:?}"));
    assert_eq!(of(&first).what, What::Changed);
    assert!(of(&first).details.contains(&"Vraag anders verwoord (Nederlands)".to_owned()), "{:?}", of(&first));
    assert!(!of(&first).meaning, "rewording keeps the meaning");
    assert_eq!(of(&gone).what, What::Removed);
    assert_eq!(of("q_nieuw").what, What::Added);
    assert_eq!(items[0].kind, Kind::Item, "questions come first");
    assert!(questionnaire_lines(Lang::Nl, &changes).contains(&"Versie 3.0.0 → 3.1.0".to_owned()));
    let english = lines(Lang::En, &changes);
    let reworded = english.iter().find(|line| line.id == first).unwrap();
    assert!(reworded.details.contains(&"Question reworded (Dutch)".to_owned()), "{reworded:?}");

    // An option worth another value changes what a stored answer says: marked.
    let mut revalued = old.clone();
    let scale = old.sections[0].items[0].scale.clone().unwrap();
    revalued.scales.get_mut(&scale).unwrap().options[0].value = Some(9.0);
    let changes = compare(&old, &revalued);
    assert!(lines(Lang::Nl, &changes).iter().any(|line| line.kind == Kind::Item && line.meaning));
}

#[test]
fn every_kind_of_change_has_words_in_both_languages() {
    let items = [
        ItemChange::Text(Lang::Nl),
        ItemChange::Kind { was: ItemType::Likert, now: ItemType::Single },
        ItemChange::OptionAdded { key: "a".into() },
        ItemChange::OptionValue { key: "a".into(), was: Some(1.0), now: None },
        ItemChange::Range { was: (Some(0), Some(10)), now: (Some(1), None) },
        ItemChange::Scores { joined: vec!["s1".into()], left: vec!["s2".into()] },
        ItemChange::Reverse { now: true },
        ItemChange::Weight { was: 1.0, now: 1.5 },
    ];
    for change in &items {
        let (nl, en) = (item_change(Lang::Nl, change), item_change(Lang::En, change));
        assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{change:?}: {nl} / {en}");
    }
    assert_eq!(item_change(Lang::Nl, &items[4]), "Antwoorden van 1 tot en met ?, was 0 tot en met 10");
    assert_eq!(item_change(Lang::Nl, &items[7]), "Gewicht 1,5, was 1");
    let method = ScoreChange::Method { was: Method::Mean, now: Method::Sum };
    assert_eq!(score_change(Lang::Nl, &method), "Berekening: gemiddelde → som");
    assert_eq!(score_change(Lang::En, &method), "Method: mean → sum");
}

//! Every shipped definition validates, and the shipped set is what the product promises.

use werkscan_core::model::DefinitionKind;
use werkscan_core::validate;

use crate::support::{questionnaire, shipped};

#[test]
fn every_shipped_definition_is_valid() {
    let loaded = shipped();
    let ids: Vec<&str> = loaded.questionnaires.iter().map(|d| d.questionnaire.id.as_str()).collect();
    assert_eq!(ids, ["quickscan", "wai", "werkscan"]);
    for definition in &loaded.questionnaires {
        assert_eq!(definition.questionnaire.kind, DefinitionKind::Questionnaire);
        assert!(validate(definition).is_empty());
        assert_eq!(definition.content_hash.as_ref().map(String::len), Some(64));
        // What the browser receives (JSON) reads back to exactly what was validated.
        let json = serde_json::to_string(definition).unwrap();
        let back: werkscan_core::Definition = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, definition);
    }
}

#[test]
fn the_werkscan_has_six_themes_and_the_short_wai_without_the_disease_list() {
    let werkscan = questionnaire("werkscan");
    let themes: Vec<&str> = werkscan.scores.iter().filter_map(|score| score.theme.as_deref()).collect();
    assert_eq!(
        themes,
        [
            "zelfredzaamheid",
            "gezondheid_vitaliteit",
            "loopbaan_competenties",
            "arbeidssituatie",
            "organisatiecultuur",
            "werk_prive"
        ]
    );
    for theme in &themes {
        let section = werkscan.sections.iter().find(|section| section.id == *theme).unwrap();
        let scored = section.items.iter().filter(|item| item.kind.is_scorable()).count();
        assert!((6..=10).contains(&scored), "{theme} has {scored} items");
        assert!(section.items.iter().any(|item| item.reverse), "{theme} has no reverse-coded item");
    }
    assert!(werkscan.item("wai_1").is_some() && werkscan.item("wai_7c").is_some());
    assert!(werkscan.item("wai_3").is_none(), "the short form leaves out the disease list");
    assert!(werkscan.score("wai").is_none(), "the short form never pretends to be a full WAI total");
    assert!(werkscan.score("wai_kort_som").is_some());
}

#[test]
fn the_quick_scan_is_short_and_reuses_the_work_ability_score() {
    let quick = questionnaire("quickscan");
    let werkscan = questionnaire("werkscan");
    assert!(quick.questionnaire.minutes <= 5);
    assert!(quick.items().count() <= 19, "{} items", quick.items().count());
    // The same part, so the same item and score definitions; the full WAI asks the same item 1.
    assert_eq!(quick.item("wai_1"), werkscan.item("wai_1"));
    assert_eq!(quick.score("was"), werkscan.score("was"));
    assert_eq!(questionnaire("wai").item("wai_1"), werkscan.item("wai_1"));
}

#[test]
fn changing_a_word_changes_the_content_hash() {
    let mut definition = questionnaire("quickscan");
    let before = werkscan_core::authoring::content_hash(&definition);
    assert_eq!(Some(&before), definition.content_hash.as_ref());
    definition.sections[0].items[0].text.nl.push('!');
    assert_ne!(werkscan_core::authoring::content_hash(&definition), before);
}

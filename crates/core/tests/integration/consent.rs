//! The consent text: its version is its content hash, and it says what, with whom, why and for
//! how long for every choice, in both languages.

use werkscan_core::consent::{canonical_json, computed_version, ConsentKey};
use werkscan_core::{consent_document, ConsentChoices, CONSENT_VERSION};

#[test]
fn version_is_the_content_hash() {
    let computed = computed_version();
    assert_eq!(
        CONSENT_VERSION, computed,
        "the consent text changed: set CONSENT_VERSION in crates/core/src/consent.rs to {computed}"
    );
}

#[test]
fn canonical_json_reads_back_as_the_document() {
    let parsed: werkscan_core::ConsentDocument = serde_json::from_slice(&canonical_json()).unwrap();
    assert_eq!(parsed, consent_document());
}

#[test]
fn every_choice_says_what_with_whom_why_and_how_long_in_both_languages() {
    let document = consent_document();
    let keys: Vec<ConsentKey> = document.items.iter().map(|item| item.key).collect();
    assert_eq!(
        keys,
        [ConsentKey::ShareScores, ConsentKey::ShareAnswers, ConsentKey::ContactMe, ConsentKey::GroupFigures]
    );
    for item in &document.items {
        for text in [&item.label, &item.what, &item.with_whom, &item.why, &item.how_long] {
            assert!(text.missing().is_empty(), "{:?} misses a translation", item.key);
        }
    }
    for text in [&document.title, &document.intro, &document.nothing_label, &document.nothing, &document.withdrawal, &document.group_note] {
        assert!(text.missing().is_empty());
    }
    assert_eq!(document.item(ConsentKey::ShareAnswers).unwrap().requires, Some(ConsentKey::ShareScores));
}

#[test]
fn nothing_is_chosen_by_default() {
    let choices = ConsentChoices::default();
    assert!(choices.is_nothing());
    assert!(!choices.needs_result());
    let parsed: ConsentChoices = serde_json::from_str("{}").unwrap();
    assert_eq!(parsed, choices);
    assert!(serde_json::from_str::<ConsentChoices>(r#"{"share_everything": true}"#).is_err());
    let mut choices = choices;
    choices.set(ConsentKey::GroupFigures, true);
    assert!(choices.get(ConsentKey::GroupFigures) && choices.needs_result() && !choices.is_nothing());
}

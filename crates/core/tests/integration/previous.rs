//! Definitions of the previous release (tests/fixtures/previous): what phones with an unfinished
//! draft and the server's database still hold. The current code must read them as before, keep
//! their content hash, and score answers that were valid for them, even where the current
//! version changed the rules (an exclusive option, an item left out of a mean).

use std::path::Path;

use werkscan_core::answers::example_answers;
use werkscan_core::authoring::content_hash;
use werkscan_core::json::FromJson;
use werkscan_core::report::{build, Audience};
use werkscan_core::{score, validate, AnswerValue, Definition};

use crate::support::questionnaire;

/// A definition as version 1.0.0 shipped it, read with serde as the server reads its database.
pub fn previous(id: &str) -> (Definition, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/previous/{id}-1.0.0.json"));
    let json = std::fs::read_to_string(path).expect("fixture exists");
    (serde_json::from_str(&json).expect("the model still reads it"), json)
}

#[test]
fn previous_definitions_read_the_same_both_ways_and_keep_their_hash() {
    for id in ["quickscan", "werkscan", "wai"] {
        let (definition, json) = previous(id);
        assert_eq!(definition.questionnaire.version, "1.0.0");
        // The phone's reader sees exactly what the server sees.
        assert_eq!(Definition::from_json_text(&json).as_ref(), Ok(&definition), "{id}");
        // New optional fields are left out when unused, so an old definition hashes as before:
        // a result made with it still names it exactly.
        assert_eq!(Some(content_hash(&definition)), definition.content_hash, "{id}");
        assert!(validate(&definition).is_empty(), "{id}: {:?}", validate(&definition));
        assert_ne!(definition.content_hash, questionnaire(id).content_hash, "{id}: the shipped version is new");
    }
    // Version 2.0.0 too (the versions `comparable_with` names), with the hash it shipped with.
    for id in ["quickscan", "werkscan", "wai"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/previous/{id}-2.0.0.json"));
        let json = std::fs::read_to_string(path).expect("fixture exists");
        let definition: Definition = serde_json::from_str(&json).expect("the model reads it");
        assert_eq!(definition.questionnaire.version, "2.0.0");
        assert_eq!(Definition::from_json_text(&json).as_ref(), Ok(&definition), "{id}");
        assert_eq!(Some(content_hash(&definition)), definition.content_hash, "{id}");
        assert!(validate(&definition).is_empty(), "{id}: {:?}", validate(&definition));
        assert_ne!(definition.content_hash, questionnaire(id).content_hash, "{id}: the shipped version is new");
    }
}

#[test]
fn a_draft_on_the_previous_version_is_scored_by_its_own_rules() {
    let (old, _) = previous("werkscan");
    let mut answers = example_answers(&old);
    // Valid then: "no hindrance" together with a kind of hindrance (item 4 had no exclusive
    // option yet), the retired zr_5, and gv_5 counted in its theme's mean.
    answers.insert("wai_4".into(), AnswerValue::List(vec!["geen_hinder".into(), "klachten".into()]));
    answers.insert("zr_5".into(), AnswerValue::Text("eens".into()));
    answers.insert("gv_4".into(), AnswerValue::Text("eens".into()));
    let with_gv_5 = |key: &str| {
        let mut answers = answers.clone();
        answers.insert("gv_5".into(), AnswerValue::Text(key.into()));
        score(&old, &answers).expect("answers that fitted version 1.0.0 still do")
    };
    let (low, high) = (with_gv_5("helemaal_oneens"), with_gv_5("helemaal_eens"));
    assert_eq!(low.version, "1.0.0");
    assert_eq!(low.content_hash, old.content_hash.clone().unwrap());
    assert_eq!(low.score("wai_4").unwrap().value, Some(5.0), "the lowest ticked option, as then");
    let theme = |result: &werkscan_core::ScanResult| result.score("gezondheid_vitaliteit").unwrap().value.unwrap();
    assert!(theme(&low) < theme(&high), "in 1.0.0, gv_5 was part of the mean");
    // Its report: version 1.0.0 has two headlines in the full WAI and shows the short WAI's
    // sum to everyone; the report of an old result follows its own definition.
    let report = build(&old, &low, Audience::Employee);
    assert!(report.other.iter().any(|line| line.id == "wai_kort_som"));
    // The same answers do not fit the current version, which the phone never mixes up: a draft
    // keeps the definition it started with.
    assert!(score(&questionnaire("werkscan"), &answers).is_err());
}

//! The phone's JSON reader (`werkscan_core::json`) against serde, which the server uses: both
//! must read everything the server sends to the same value.

use proptest::prelude::*;
use werkscan_core::answers::example_answers;
use werkscan_core::campaign::{PublicCampaign, QuestionnaireRef};
use werkscan_core::json::{exact_f64, FromJson, Json, ToJson};
use werkscan_core::model::CatalogueEntry;
use werkscan_core::{validate, AnswerValue, Answers, Definition};

use crate::support::{questionnaire, shipped};

#[test]
fn every_shipped_definition_reads_the_same_as_with_serde() {
    let loaded = shipped();
    assert!(loaded.questionnaires.len() >= 3);
    for definition in &loaded.questionnaires {
        let text = serde_json::to_string(&definition).unwrap();
        let read = Definition::from_json_text(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", definition.questionnaire.id));
        assert_eq!(&read, definition, "{}", definition.questionnaire.id);
        // Pretty-printed text (whitespace everywhere) reads the same too.
        assert_eq!(
            Definition::from_json_text(&serde_json::to_string_pretty(&definition).unwrap()).unwrap(),
            *definition
        );
    }
}

#[test]
fn catalogue_and_campaign_read_the_same_as_with_serde_and_campaigns_write_back() {
    for definition in &shipped().questionnaires {
        let entry = definition.catalogue_entry();
        let text = serde_json::to_string(&entry).unwrap();
        assert_eq!(CatalogueEntry::from_json_text(&text).unwrap(), entry);
    }
    let campaign = PublicCampaign {
        code: "DEMO-\"SNEL\"".into(),
        name: "Werkscan — najaar\n2026".into(),
        organisation: "Zorggroep De Linde".into(),
        questionnaire: QuestionnaireRef {
            id: "quickscan".into(),
            version: "1.0.0".into(),
            content_hash: "ab".repeat(32),
        },
        departments: vec!["Zorg".into(), "Facilitair \\ techniek".into()],
        open: true,
        starts_on: "2026-11-01".into(),
        ends_on: "2026-12-01".into(),
        delete_after: "2027-06-01".into(),
        experts: vec!["A. de Vries".into()],
        min_group_size: 10,
        controller: "Zorggroep De Linde".into(),
        controller_contact: Some("privacy@delinde.example".into()),
        privacy_officer: Some("M. Smit".into()),
        privacy_officer_contact: None,
        personal: true,
    };
    let serde_text = serde_json::to_string(&campaign).unwrap();
    assert_eq!(PublicCampaign::from_json_text(&serde_text).unwrap(), campaign);
    // What the phone writes, serde reads back identically.
    let written = campaign.to_json().write();
    assert_eq!(serde_json::from_str::<PublicCampaign>(&written).unwrap(), campaign);
    // A campaign a phone kept before the consent named the controller still reads, both ways.
    let mut kept: serde_json::Value = serde_json::from_str(&written).unwrap();
    for field in ["controller", "controller_contact", "privacy_officer", "privacy_officer_contact", "personal"] {
        kept.as_object_mut().unwrap().remove(field);
    }
    // Before personal invitations, every campaign had an open link.
    let old = PublicCampaign {
        controller: String::new(),
        controller_contact: None,
        privacy_officer: None,
        personal: false,
        ..campaign
    };
    assert_eq!(PublicCampaign::from_json_text(&kept.to_string()).unwrap(), old);
    assert_eq!(serde_json::from_value::<PublicCampaign>(kept).unwrap(), old);
}

#[test]
fn answers_of_every_shape_round_trip_both_ways() {
    for definition in &shipped().questionnaires {
        let mut answers = example_answers(definition);
        answers.insert("declined".into(), AnswerValue::Declined);
        let written = answers.to_json().write();
        assert_eq!(serde_json::from_str::<Answers>(&written).unwrap(), answers, "{}", definition.questionnaire.id);
        let serde_text = serde_json::to_string(&answers).unwrap();
        assert_eq!(Answers::from_json_text(&serde_text).unwrap(), answers);
    }
}

#[test]
fn wrong_or_missing_fields_are_errors_that_name_the_field() {
    let text = r#"{"questionnaire": {"id": "x", "version": "1"}, "sections": [{"id": "s", "items": [{"id": "a", "type": "slider"}]}]}"#;
    let error = Definition::from_json_text(text).unwrap_err();
    assert_eq!(error.at, "sections.0.items.0.type");
    assert!(error.message.contains("slider"), "{error}");

    let error = Definition::from_json_text(r#"{"sections": []}"#).unwrap_err();
    assert_eq!((error.at.as_str(), error.message.as_str()), ("questionnaire", "missing"));

    let error = Definition::from_json_text(r#"{"questionnaire": {"id": "x", "version": 1}}"#).unwrap_err();
    assert_eq!(error.at, "questionnaire.version");

    // Unknown fields are ignored, so a newer server does not break an older cached app.
    let read = Definition::from_json_text(
        r#"{"questionnaire": {"id": "x", "version": "1", "new_field": [1, 2]}, "later": {}}"#,
    )
    .unwrap();
    assert_eq!(read.questionnaire.id, "x");
}

#[test]
fn malformed_json_is_an_error_with_its_position() {
    for (text, position) in [
        ("", "byte 0"),
        ("{", "byte 1"),
        (r#"{"a" 1}"#, "byte 5"),
        ("[1,]", "byte 3"),
        ("01", "byte 1"),
        ("1.", "byte 2"),
        (r#""\x""#, "byte 3"),
        (r#""\ud800""#, "byte 7"),
        ("nul", "byte 0"),
        ("{} {}", "byte 3"),
    ] {
        let error = Json::parse(text).unwrap_err();
        assert_eq!(error.at, position, "{text:?}: {error}");
    }
    let deep = "[".repeat(200) + &"]".repeat(200);
    assert!(Json::parse(&deep).unwrap_err().message.contains("deeply"));
}

#[test]
fn strings_and_escapes_survive_a_round_trip() {
    let text = "quote \" backslash \\ newline \n tab \t control \u{1} emoji 🙂 é";
    let written = Json::String(text.into()).write();
    assert_eq!(Json::parse(&written).unwrap(), Json::String(text.into()));
    assert_eq!(serde_json::from_str::<String>(&written).unwrap(), text);
    assert_eq!(Json::parse(r#""\ud83d\ude42 \u00e9 \/""#).unwrap(), Json::String("🙂 é /".into()));
}

#[test]
fn numbers_outside_the_exact_range_are_refused_not_rounded() {
    assert_eq!(exact_f64("27.5"), Some(27.5));
    assert_eq!(exact_f64("-0.25e1"), Some(-2.5));
    assert_eq!(exact_f64("1e22"), Some(1e22));
    assert_eq!(exact_f64("0.30000000000000004"), None);
    assert_eq!(exact_f64("1e23"), None);
    assert_eq!(exact_f64("1.5x"), None);
    let error = Definition::from_json_text(
        r#"{"questionnaire": {"id": "x", "version": "1"}, "scores": [{"id": "s", "method": "sum", "lookup": [{"from": 0.30000000000000004, "points": 1}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(error.at, "scores.0.lookup.0.from");
}

#[test]
fn the_validator_refuses_numbers_the_phone_cannot_read_exactly() {
    let mut definition = questionnaire("wai");
    assert!(validate(&definition).is_empty());
    let score =
        definition.scores.iter_mut().find(|score| !score.lookup.is_empty()).expect("a score with a lookup table");
    score.lookup[0].points = 0.1 + 0.2;
    let problems = validate(&definition);
    let exactness: Vec<_> =
        problems.iter().filter(|problem| problem.message.contains("cannot be read exactly")).collect();
    assert_eq!(exactness.len(), 1, "{problems:?}");
    assert!(exactness[0].path.ends_with(".lookup[0].points"), "{problems:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Where the fast path answers, it gives exactly what the standard library's full algorithm
    /// gives; and every number of up to 15 digits gets an answer.
    #[test]
    fn exact_f64_agrees_with_the_standard_library(mantissa in -999_999_999_999_999i64..=999_999_999_999_999, exponent in -30i32..30) {
        let text = format!("{mantissa}e{exponent}");
        let expected: f64 = text.parse().unwrap();
        // Trailing zeros of the digits move into the exponent.
        let mut effective = exponent;
        let mut digits = mantissa.unsigned_abs();
        while digits != 0 && digits % 10 == 0 {
            digits /= 10;
            effective += 1;
        }
        match exact_f64(&text) {
            Some(value) => prop_assert_eq!(value.to_bits(), expected.to_bits(), "{}", text),
            None => prop_assert!(digits != 0 && !(-22..=22).contains(&effective), "{} was refused", text),
        }
        // The shortest text of a value (what the server writes) reads back exactly whenever the
        // text it came from did: the validator relies on this.
        if exact_f64(&text).is_some() {
            let shortest = expected.to_string();
            prop_assert_eq!(exact_f64(&shortest).map(f64::to_bits), Some(expected.to_bits()), "{}", shortest);
        }
    }

    /// Arbitrary text never panics the parser.
    #[test]
    fn any_text_is_parsed_or_refused_without_panicking(text in "\\PC{0,64}") {
        let _ = Json::parse(&text);
        let _ = Definition::from_json_text(&text);
    }
}

/// Every optional field of the model set at once, so that a field the reader misspells or skips
/// is caught even though no shipped questionnaire uses it.
/// A definition in which every field of every model type is set to something other than its
/// default (so that serde writes every field).
fn every_field_set() -> Definition {
    use std::collections::BTreeMap;
    use werkscan_core::model::{
        AnswerOption, Band, BandSet, Condition, DefinitionKind, Flag, Item, ItemType, LookupRow, MatrixRow, Meta,
        Method, Scale, Score, Section, Signal,
    };
    use werkscan_core::Text;
    let text = |word: &str| Text::new(format!("{word} (nl)"), format!("{word} (en)"));
    let option =
        |key: &str, value: f64| AnswerOption { key: key.into(), value: Some(value), label: text(key), exclusive: true };
    let condition = Condition {
        item: Some("a".into()),
        score: Some("s".into()),
        any_of: vec!["x".into()],
        at_least: Some(1.5),
        at_most: Some(-2.0),
    };
    let item = Item {
        id: "a".into(),
        kind: ItemType::Matrix,
        text: text("question"),
        help: Some(text("help")),
        optional: true,
        scale: Some("agree".into()),
        options: vec![option("x", 1.0)],
        min: Some(-3),
        max: Some(10),
        min_label: Some(text("low")),
        max_label: Some(text("high")),
        rows: vec![MatrixRow { key: "r".into(), label: text("row") }],
        columns: vec![option("c", 0.25)],
        reverse: true,
        weight: Some(2.5),
        show_if: Some(condition.clone()),
    };

    Definition {
        questionnaire: Meta {
            id: "all".into(),
            version: "1.2.3".into(),
            kind: DefinitionKind::Part,
            title: text("title"),
            description: text("description"),
            minutes: 12,
            provenance: text("provenance"),
            licence: text("licence"),
        },
        scales: BTreeMap::from([("agree".to_owned(), Scale { options: vec![option("y", 4.0)] })]),
        bands: BTreeMap::from([(
            "b".to_owned(),
            BandSet {
                levels: vec![Band {
                    key: "k".into(),
                    from: 27.5,
                    signal: Signal::Attention,
                    label: text("label"),
                    explanation: text("explanation"),
                    advice: text("advice"),
                    goal: Some(text("goal")),
                }],
            },
        )]),
        sections: vec![Section {
            id: "s1".into(),
            include: Some("part".into()),
            title: text("theme"),
            intro: Some(text("intro")),
            items: vec![item],
        }],
        scores: vec![Score {
            id: "s".into(),
            label: text("score"),
            theme: Some("s1".into()),
            method: Method::Weighted,
            items: vec!["a".into()],
            section: Some("s1".into()),
            scores: vec!["t".into()],
            column: Some("c".into()),
            weight_by: Some("a".into()),
            weights: BTreeMap::from([("x".to_owned(), vec![0.5, 1e-3])]),
            lookup: vec![LookupRow { from: 0.0, points: 7.0 }],
            rescale: true,
            min_answered: Some(0.75),
            bands: Some("b".into()),
            advice: BTreeMap::from([("k".to_owned(), text("own advice"))]),
            employer_advice: BTreeMap::from([("k".to_owned(), text("employer advice"))]),
            comparable_with: vec!["0.9.0".into()],
            headline: true,
            note: Some(text("note")),
            hidden: true,
            expert_only: true,
        }],
        flags: vec![Flag { id: "f".into(), when: condition, text: text("flag") }],
        content_hash: Some("ab".repeat(32)),
    }
}

#[test]
fn a_definition_with_every_field_set_reads_the_same_as_with_serde() {
    let definition = every_field_set();
    let read = Definition::from_json_text(&serde_json::to_string(&definition).unwrap()).unwrap();
    assert_eq!(read, definition);
}

/// The field names serde knows for a struct, or the variant names for an enum: what its derived
/// `Deserialize` hands the deserializer, caught by one that refuses everything else.
fn names_of<'de, T: serde::Deserialize<'de>>() -> &'static [&'static str] {
    struct Catch(Option<&'static [&'static str]>);
    #[derive(Debug)]
    struct Caught;
    impl std::fmt::Display for Caught {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("caught")
        }
    }
    impl std::error::Error for Caught {}
    impl serde::de::Error for Caught {
        fn custom<M: std::fmt::Display>(_: M) -> Caught {
            Caught
        }
    }
    impl<'de> serde::Deserializer<'de> for &mut Catch {
        type Error = Caught;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Caught> {
            Err(Caught)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Caught> {
            self.0 = Some(fields);
            Err(Caught)
        }
        fn deserialize_enum<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            variants: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Caught> {
            self.0 = Some(variants);
            Err(Caught)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
            newtype_struct seq tuple tuple_struct map identifier ignored_any
        }
    }
    let mut catch = Catch(None);
    let _ = T::deserialize(&mut catch);
    catch.0.expect("a struct or an enum")
}

/// The keys serde writes for a value.
fn keys_of(value: &impl serde::Serialize) -> Vec<String> {
    serde_json::to_value(value).unwrap().as_object().unwrap().keys().cloned().collect()
}

/// A field added to the model must be added to the phone's reader too, or this fails: every
/// field serde knows of every model type is set in `every_field_set` (so the comparison with
/// serde above covers it), and every variant of every enum reads the same both ways.
#[test]
fn no_field_or_variant_of_the_model_is_missing_from_the_phones_reader() {
    use werkscan_core::model::*;
    let definition = every_field_set();
    let item = &definition.sections[0].items[0];
    let score = &definition.scores[0];
    let band = &definition.bands["b"].levels[0];
    let checks: Vec<(&str, &[&str], Vec<String>)> = vec![
        ("Definition", names_of::<Definition>(), keys_of(&definition)),
        ("Meta", names_of::<Meta>(), keys_of(&definition.questionnaire)),
        ("Scale", names_of::<Scale>(), keys_of(&definition.scales["agree"])),
        ("AnswerOption", names_of::<AnswerOption>(), keys_of(&item.options[0])),
        ("Section", names_of::<Section>(), keys_of(&definition.sections[0])),
        ("Item", names_of::<Item>(), keys_of(item)),
        ("MatrixRow", names_of::<MatrixRow>(), keys_of(&item.rows[0])),
        ("Condition", names_of::<Condition>(), keys_of(item.show_if.as_ref().unwrap())),
        ("Score", names_of::<Score>(), keys_of(score)),
        ("LookupRow", names_of::<LookupRow>(), keys_of(&score.lookup[0])),
        ("BandSet", names_of::<BandSet>(), keys_of(&definition.bands["b"])),
        ("Band", names_of::<Band>(), keys_of(band)),
        ("Flag", names_of::<Flag>(), keys_of(&definition.flags[0])),
        ("Text", names_of::<werkscan_core::Text>(), keys_of(&item.text)),
    ];
    for (name, fields, written) in checks {
        let missing: Vec<&&str> = fields.iter().filter(|field| !written.iter().any(|key| key == *field)).collect();
        assert!(
            missing.is_empty(),
            "{name}: every_field_set() leaves {missing:?} unset, so the phone's reader of it is untested"
        );
    }
    // Every variant of every enum in the model, through both readers.
    let json = serde_json::to_value(&definition).unwrap();
    /// Puts a variant's name where the model has that enum.
    type Place = fn(&mut serde_json::Value, &str);
    let variants: [(&[&str], Place); 4] = [
        (names_of::<ItemType>(), |json, name| json["sections"][0]["items"][0]["type"] = name.into()),
        (names_of::<Method>(), |json, name| json["scores"][0]["method"] = name.into()),
        (names_of::<Signal>(), |json, name| json["bands"]["b"]["levels"][0]["signal"] = name.into()),
        (names_of::<DefinitionKind>(), |json, name| json["questionnaire"]["kind"] = name.into()),
    ];
    for (names, set) in variants {
        assert!(names.len() > 1);
        for variant in names {
            let mut json = json.clone();
            set(&mut json, variant);
            let text = json.to_string();
            let with_serde: Definition = serde_json::from_str(&text).unwrap();
            assert_eq!(Definition::from_json_text(&text), Ok(with_serde), "variant {variant}");
        }
    }
}

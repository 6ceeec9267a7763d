//! Hostile input: the phone's JSON reader against `serde_json` on generated inputs (the same value
//! or both refuse), and the upload check and the definition parser on mutated input (they refuse,
//! they never panic).

use proptest::prelude::*;
use serde_json::Value;
use werkscan_core::authoring::{load, SourceFile};
use werkscan_core::json::Json;
use werkscan_core::{build_submission, check_submission, score, ConsentChoices, Contact, Lang, Submission};

use crate::support::{questionnaire, questionnaires_dir, sources};

static WERKSCAN: std::sync::LazyLock<werkscan_core::Definition> =
    std::sync::LazyLock::new(|| questionnaire("werkscan"));
static SOURCES: std::sync::LazyLock<Vec<SourceFile>> = std::sync::LazyLock::new(|| sources(&questionnaires_dir()));

/// What `werkscan_core::json` read, in `serde_json`'s terms: objects with the last of duplicate
/// keys (as `serde_json` keeps them), numbers as `serde_json` reads the same digits.
fn as_value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(value) => Value::Bool(*value),
        Json::Number(text) => serde_json::from_str(text).expect("the reader kept a number serde_json reads"),
        Json::String(text) => Value::String(text.clone()),
        Json::Array(values) => Value::Array(values.iter().map(as_value).collect()),
        Json::Object(members) => {
            let mut map = serde_json::Map::new();
            for (key, value) in members {
                map.insert(key.clone(), as_value(value));
            }
            Value::Object(map)
        }
    }
}

/// Both readers on the same text: the same value, or both refuse.
fn same_reading(text: &str) -> Result<(), TestCaseError> {
    let ours = Json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => prop_assert_eq!(as_value(&ours), theirs, "{:?}", text),
        (Err(_), Err(_)) => {}
        (ours, theirs) => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
    Ok(())
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |value| value.is_finite()).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        // Escapes, control characters, surrogate pairs and the characters JSON must escape.
        prop::collection::vec(
            prop_oneof![
                Just('"'),
                Just('\\'),
                Just('\n'),
                Just('\u{0}'),
                Just('\u{1F600}'),
                Just('é'),
                Just('\u{2028}')
            ],
            0..6
        )
        .prop_map(|chars| Value::String(chars.into_iter().collect())),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{0,4}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Small edits of JSON text: a character inserted, removed or replaced, from the characters that
/// matter to a JSON reader.
fn edited(text: &str, edits: &[(usize, u8, usize)]) -> String {
    const ALPHABET: &[&str] = &[
        "\"", "\\", "{", "}", "[", "]", ",", ":", "-", "0", "1", "e", "E", ".", "+", " ", "n", "u", "\\u", "\\ud800",
        "\\udc00", "\u{0}", "tru",
    ];
    let mut chars: Vec<String> = text.chars().map(String::from).collect();
    for &(position, kind, symbol) in edits {
        let at = if chars.is_empty() { 0 } else { position % (chars.len() + 1) };
        let symbol = ALPHABET[symbol % ALPHABET.len()].to_owned();
        match kind % 3 {
            0 => chars.insert(at, symbol),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = symbol,
            _ => chars.push(symbol),
        }
    }
    chars.concat()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_phone_reads_json_as_serde_json_does(value in any_json()) {
        same_reading(&serde_json::to_string(&value).unwrap())?;
        same_reading(&serde_json::to_string_pretty(&value).unwrap())?;
    }

    #[test]
    fn broken_json_is_refused_by_both_or_read_alike(
        value in any_json(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..4),
    ) {
        same_reading(&edited(&serde_json::to_string(&value).unwrap(), &edits))?;
    }

    #[test]
    fn escapes_and_numbers_are_read_alike(text in "[\\[\\]{}\",:0-9eE.+\\-\\\\u a-f n t r l s]{0,24}") {
        same_reading(&text)?;
    }

    #[test]
    fn mutated_uploads_are_refused_never_panic(
        choices in (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 0..5),
    ) {
        let definition = &*WERKSCAN;
        let answers = werkscan_core::answers::example_answers(definition);
        let result = score(definition, &answers).unwrap();
        let choices = ConsentChoices { share_scores: choices.0, share_answers: choices.1, contact_me: choices.2, group_figures: choices.3 };
        let contact = Contact { name: "Sam".into(), email: Some("sam@example.org".into()), phone: None, note: None };
        let mut upload = build_submission("CODE", None, definition, &result, &answers, choices, Lang::Nl, Some(contact));
        upload.consent.values = Some(crate::support::consent_values());
        let text = edited(&serde_json::to_string(&upload).unwrap(), &edits);
        // The server's decoder: whatever it accepts goes through the full check, which answers.
        if let Ok(decoded) = serde_json::from_str::<Submission>(&text) {
            let _ = check_submission(&decoded, definition);
        }
    }

}

proptest! {
    // Loading and validating every definition is the slow part; fewer cases suffice.
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn mutated_definitions_are_refused_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..6),
        file in 0usize..64,
    ) {
        let mut files: Vec<SourceFile> = SOURCES.clone();
        let index = file % files.len();
        files[index].contents = edited_lines(&files[index].contents, &edits);
        // Either it loads (the edit was harmless) or it says what is wrong; it never panics.
        let loaded = load(&files);
        for diagnostic in &loaded.diagnostics {
            prop_assert!(!diagnostic.to_string().is_empty());
        }
    }
}

/// Edits of a TOML file: lines removed, doubled or changed by one character.
fn edited_lines(text: &str, edits: &[(usize, u8, usize)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for &(position, kind, symbol) in edits {
        if lines.is_empty() {
            break;
        }
        let at = position % lines.len();
        match kind % 4 {
            0 => {
                lines.remove(at);
            }
            1 => lines.insert(at, lines[at].clone()),
            _ => lines[at] = edited(&lines[at], &[(symbol, kind / 4, symbol / 7)]),
        }
    }
    lines.join("\n")
}

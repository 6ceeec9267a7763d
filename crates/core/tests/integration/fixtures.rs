//! Broken definitions, each asserting its exact diagnostics. A fixture states what it expects in
//! comment lines of the form `# expect: LINE:COLUMN: FIELD: MESSAGE` at its end (so that
//! they do not shift the lines they talk about).

use std::path::Path;

use werkscan_core::authoring::{load, SourceFile};

fn check_fixture(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken").join(name);
    let contents = std::fs::read_to_string(&path).expect("fixture exists");
    let expected: Vec<String> =
        contents.lines().filter_map(|line| line.strip_prefix("# expect: ")).map(str::to_owned).collect();
    assert!(!expected.is_empty(), "{name} states no expectations");
    let loaded = load(&[SourceFile { path: name.into(), contents }]);
    let actual: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.file, name);
            d.to_string().strip_prefix(&format!("{name}:")).expect("file prefix").to_owned()
        })
        .collect();
    assert_eq!(actual, expected, "diagnostics of {name}");
    assert!(loaded.questionnaires.is_empty(), "a broken definition must not load");
}

#[test]
fn syntax_error() {
    check_fixture("syntax.toml");
}

#[test]
fn misspelled_field() {
    check_fixture("misspelled_field.toml");
}

#[test]
fn dangling_and_duplicate_references() {
    check_fixture("references.toml");
}

#[test]
fn bands_and_lookups_that_do_not_cover_the_range() {
    check_fixture("ranges.toml");
}

#[test]
fn include_cycles_and_unknown_parts() {
    check_fixture("include_cycle.toml");
}

#[test]
fn option_keys_that_are_not_stable_identifiers() {
    check_fixture("option_keys.toml");
}

#[test]
fn exclusive_options_advice_and_expert_only_where_they_belong() {
    check_fixture("exclusive_and_advice.toml");
}

#[test]
fn advice_for_employers_per_band_and_comparable_versions() {
    check_fixture("employer_advice.toml");
}

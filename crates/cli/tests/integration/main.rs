//! The `werkscan` command run as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn werkscan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_werkscan")).args(args).current_dir(repo()).output().expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_passes_on_the_shipped_definitions() {
    let output = werkscan(&["check", "questionnaires"]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(stdout(&output).starts_with("ok: "), "{}", stdout(&output));
    assert!(stdout(&output).contains("3 questionnaires"));
}

#[test]
fn check_lists_every_error_and_fails() {
    let output = werkscan(&["check", "crates/core/tests/fixtures/broken/references.toml"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains(
        "crates/core/tests/fixtures/broken/references.toml:22:1: sections[0].items[0].scale: unknown scale \"eens7\""
    ), "{text}");
    assert!(text.contains("10 problems in 1 files"), "{text}");
}

#[test]
fn score_prints_the_result_as_json() {
    let dir = std::env::temp_dir().join(format!("werkscan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let answers = dir.join("answers.json");
    std::fs::write(&answers, r#"{ "qzr_4": "eens", "qzr_2": "helemaal_eens", "wai_1": 7 }"#).unwrap();
    let output = werkscan(&["score", "questionnaires/quickscan.toml", answers.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["definition"], "quickscan");
    let was = result["scores"].as_array().unwrap().iter().find(|s| s["id"] == "was").unwrap();
    assert_eq!(was["value"], 7.0);
    assert_eq!(was["band"], "matig");

    std::fs::write(&answers, r#"{ "wai_1": 12 }"#).unwrap();
    let output = werkscan(&["score", "questionnaires/quickscan.toml", answers.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("wai_1: the number must be from 0 to 10"));
}

#[test]
fn example_gives_an_answers_file_that_scores() {
    let output = werkscan(&["example", "questionnaires/wai.toml"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let dir = std::env::temp_dir().join(format!("werkscan-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let answers = dir.join("answers.json");
    std::fs::write(&answers, &output.stdout).unwrap();
    let scored = werkscan(&["score", "questionnaires/wai.toml", answers.to_str().unwrap()]);
    assert!(scored.status.success(), "{}", String::from_utf8_lossy(&scored.stderr));
    let result: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    let total = result["scores"].as_array().unwrap().iter().find(|s| s["id"] == "wai").unwrap();
    assert!(total["value"].is_number(), "a complete answer set gives a WAI total: {total}");
}

#[test]
fn compile_writes_resolved_json_and_an_index() {
    let out = std::env::temp_dir().join(format!("werkscan-compile-{}", std::process::id()));
    let output = werkscan(&["compile", "questionnaires", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let index: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();
    assert_eq!(index.as_array().unwrap().len(), 3);
    let werkscan: werkscan_core::Definition =
        serde_json::from_slice(&std::fs::read(out.join("werkscan.json")).unwrap()).unwrap();
    assert!(werkscan.item("wai_7c").is_some(), "parts are resolved");
}

#[test]
fn wrong_usage_says_how() {
    let output = werkscan(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("werkscan check"));
}

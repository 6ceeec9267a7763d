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

/// The files `check` reads for these arguments, named as it names them.
fn sources_for(args: &[&str]) -> Vec<werkscan_core::authoring::SourceFile> {
    let paths: Vec<PathBuf> = args.iter().map(|arg| repo().join(arg)).collect();
    let files = werkscan_cli::definition_files(&paths).expect("the fixtures exist");
    files
        .iter()
        .map(|path| {
            let relative = path.strip_prefix(repo()).expect("inside the repository");
            werkscan_core::authoring::SourceFile {
                path: relative.display().to_string(),
                contents: std::fs::read_to_string(path).expect("readable"),
            }
        })
        .collect()
}

/// `werkscan check` prints exactly the core's rendering of the core's load (`Loaded::report`),
/// which the browser's editor shows: on every broken fixture alone and all together, on the
/// shipped questionnaires together, each with its parts, and each without them (every include
/// then fails). The exit status follows the diagnostics.
#[test]
fn check_prints_exactly_the_cores_rendering_on_every_fixture() {
    let broken = "crates/core/tests/fixtures/broken";
    let mut fixtures: Vec<String> = std::fs::read_dir(repo().join(broken))
        .unwrap()
        .map(|entry| format!("{broken}/{}", entry.unwrap().file_name().to_string_lossy()))
        .filter(|name| name.ends_with(".toml"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 8, "{fixtures:?}");
    let mut cases: Vec<Vec<String>> = fixtures.iter().map(|fixture| vec![fixture.clone()]).collect();
    cases.push(vec![broken.into()]);
    cases.push(vec!["questionnaires".into()]);
    for questionnaire in ["werkscan", "quickscan", "wai"] {
        let file = format!("questionnaires/{questionnaire}.toml");
        cases.push(vec![file.clone(), "questionnaires/parts".into()]);
        cases.push(vec![file]);
    }
    let mut failing = 0;
    for case in &cases {
        let args: Vec<&str> = case.iter().map(String::as_str).collect();
        let loaded = werkscan_core::authoring::load(&sources_for(&args));
        let output = werkscan(&[&["check"], &args[..]].concat());
        assert_eq!(stdout(&output), loaded.report(), "werkscan check {args:?}");
        assert_eq!(output.status.success(), loaded.diagnostics.is_empty(), "{args:?}");
        failing += usize::from(!loaded.diagnostics.is_empty());
    }
    assert_eq!(failing, cases.len() - 4, "only the shipped questionnaires with their parts pass");
}

#[test]
fn diff_lists_what_changed_since_an_archived_version() {
    let output =
        werkscan(&["diff", "crates/core/tests/fixtures/previous/werkscan-2.0.0.json", "questionnaires/werkscan.toml"]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    for line in [
        "werkscan 2.0.0 to werkscan 3.0.0",
        "  item zr_11: added",
        "  item zr_6: removed",
        "  item wai_7a: answer labels reworded (nl)",
        "  score zelfredzaamheid: now reads \"zr_11\", no longer reads \"zr_6\";",
        "ok: every id kept its meaning",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    let output = werkscan(&["diff", "questionnaires", "questionnaires"]);
    assert!(output.status.success());
    assert_eq!(stdout(&output).matches("  no changes\n").count(), 3, "{}", stdout(&output));
}

/// A copy of the questionnaires where the agreement scale's "eens" is worth 6 instead of 4: every
/// item on it keeps its id with another meaning, and each is named at its id in the file.
#[test]
fn diff_fails_on_an_id_kept_with_another_meaning() {
    let dir = std::env::temp_dir().join(format!("werkscan-diff-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("parts")).unwrap();
    for entry in std::fs::read_dir(repo().join("questionnaires/parts")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("parts").join(entry.file_name())).unwrap();
    }
    let shipped = std::fs::read_to_string(repo().join("questionnaires/werkscan.toml")).unwrap();
    let edited = shipped.replacen("version = \"3.0.0\"", "version = \"3.1.0\"", 1).replacen(
        "{ key = \"eens\", value = 4,",
        "{ key = \"eens\", value = 6,",
        1,
    );
    assert_ne!(edited, shipped);
    let file = dir.join("werkscan.toml");
    std::fs::write(&file, &edited).unwrap();
    let output = werkscan(&["diff", "questionnaires/werkscan.toml", file.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let offset = edited.find("id = \"zr_8\"").unwrap();
    let line = edited[..offset].matches('\n').count() + 1;
    assert!(
        text.contains(&format!(
            "{}:{line}:1: sections[0].items[0].id: item \"zr_8\" no longer means what it meant in version 3.0.0 (option \"eens\" is worth 6, was 4)",
            file.display()
        )),
        "{text}"
    );
    // No score declares 3.0.0 comparable, so the problems are the items', one per item on the scale.
    let items_on_the_scale = edited.matches("scale = \"eens5\"").count();
    assert!(text.ends_with(&format!("{items_on_the_scale} ids changed their meaning\n")), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

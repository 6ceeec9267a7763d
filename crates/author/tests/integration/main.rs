//! The author app's rules, tested without a browser: the validator's problems as `werkscan
//! check` prints them and where they are in a textarea, the line numbers, the missing languages,
//! a preview carried over to an edited definition and its outcome, what stops publishing and
//! the server's refusal, and the differences in words.

use std::path::{Path, PathBuf};

use werkscan_api::author::{SourceText, VersionSource, VersionSummary};
use werkscan_author::preview::{carried_over, outcome, started};
use werkscan_author::publishing::{blockers, refusal, Blocker};
use werkscan_author::sources::{
    caret_offset, check, file_index, file_name, line_count, line_numbers, missing_translations, rendered, source_files,
};
use werkscan_core::answers::example_answers;
use werkscan_core::report::{self, Audience};
use werkscan_core::{score, AnswerValue, Text};
use werkscan_kit::flow::Step;
use werkscan_kit::http::Reply;

mod changes;

fn questionnaires() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questionnaires")
}

/// A shipped version's files as the server gives them: the definition first, then its parts,
/// named as `werkscan check` names them.
fn shipped(file: &str, parts: &[&str]) -> Vec<SourceText> {
    let read = |path: &str| SourceText {
        path: format!("questionnaires/{path}"),
        contents: std::fs::read_to_string(questionnaires().join(path)).expect("a shipped file"),
    };
    std::iter::once(read(file)).chain(parts.iter().map(|part| read(&format!("parts/{part}.toml")))).collect()
}

fn quickscan() -> Vec<SourceText> {
    shipped("quickscan.toml", &["wai-was", "wai-vraag1"])
}

/// The 1-based line and column where `needle` starts in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line, column)
}

#[test]
fn a_shipped_version_checks_as_the_server_loads_it() {
    let files = quickscan();
    let checked = check(&files, "quickscan");
    assert_eq!(checked.diagnostics, Vec::new());
    let definition = checked.definition.expect("the quick scan resolves");
    let from_disk = werkscan_definitions::questionnaire_at(&questionnaires().join("quickscan.toml")).unwrap();
    assert_eq!(definition.content_hash, from_disk.content_hash, "the same resolved definition, the same hash");
    assert_eq!(definition.questionnaire.version, "3.0.0");
}

#[test]
fn a_fault_is_reported_with_its_file_line_column_and_field_as_werkscan_check_prints_it() {
    let mut files = quickscan();
    files[0].contents = files[0].contents.replacen("minutes = 5", "minutes = \"vijf\"", 1);
    let (line, _) = position(&files[0].contents, "minutes = \"vijf\"");
    let checked = check(&files, "quickscan");
    assert!(checked.definition.is_none(), "no definition while there is a problem");
    assert_eq!(checked.diagnostics.len(), 1, "{:?}", checked.diagnostics);
    let problem = &checked.diagnostics[0];
    assert_eq!((problem.file.as_str(), problem.line), ("questionnaires/quickscan.toml", line));
    assert!(problem.column > 1, "{problem:?}");
    let words = rendered(problem);
    assert!(words.starts_with(&format!("questionnaires/quickscan.toml:{line}:{}: ", problem.column)), "{words}");
    assert_eq!(words, problem.to_string(), "the core's rendering, which `werkscan check` prints");
    assert_eq!(
        checked.report,
        format!("{words}\n1 problems in 3 files\n"),
        "the whole of what `werkscan check` prints"
    );
    assert_eq!(file_index(&files, problem), Some(0));

    // A problem in a part points into the part's own file.
    let mut files = quickscan();
    files[1].contents = files[1].contents.replacen("version = \"", "version = \"x", 1);
    let checked = check(&files, "quickscan");
    assert!(!checked.diagnostics.is_empty());
    assert!(
        checked.diagnostics.iter().all(|problem| problem.file == "questionnaires/parts/wai-was.toml"),
        "{:?}",
        checked.diagnostics
    );
    assert_eq!(file_index(&files, &checked.diagnostics[0]), Some(1));
}

#[test]
fn a_syntax_error_still_names_its_line_and_column() {
    let mut files = quickscan();
    let broken = files[0].contents.replacen("[questionnaire]", "[questionnaire", 1);
    files[0].contents = broken.clone();
    let checked = check(&files, "quickscan");
    let problem = checked.diagnostics.iter().find(|problem| problem.file == files[0].path).expect("a syntax problem");
    let (line, _) = position(&broken, "[questionnaire\n");
    assert_eq!(problem.line, line, "{problem:?}");
    assert!(problem.message.starts_with("TOML syntax"), "{problem:?}");
}

#[test]
fn a_text_missing_a_language_is_listed_with_the_language_missing() {
    let mut files = quickscan();
    files[0].contents = files[0].contents.replacen(", en = \"Quick work scan\"", "", 1);
    let checked = check(&files, "quickscan");
    let missing = missing_translations(&checked.diagnostics);
    assert_eq!(missing.len(), 1, "{:?}", checked.diagnostics);
    assert_eq!(missing[0].field, "questionnaire.title.en");
    assert_eq!(missing[0].file, "questionnaires/quickscan.toml");
    assert!(missing_translations(&check(&quickscan(), "quickscan").diagnostics).is_empty());
}

#[test]
fn the_caret_goes_to_the_line_and_column_in_utf16_units() {
    let text = "a = 1\nbé = \"😀x\"\n\nlast";
    assert_eq!(caret_offset(text, 1, 1), 0);
    assert_eq!(caret_offset(text, 1, 5), 4);
    assert_eq!(caret_offset(text, 2, 1), 6);
    // `é` is one UTF-16 unit, the emoji two: column 8 is the `x`.
    assert_eq!(caret_offset(text, 2, 3), 8);
    assert_eq!(caret_offset(text, 2, 8), 6 + "bé = \"😀".encode_utf16().count() as u32);
    // A column past its line's end stays on the line; a line past the end is the text's end.
    assert_eq!(caret_offset(text, 3, 9), caret_offset(text, 3, 1));
    assert_eq!(caret_offset(text, 99, 1), text.encode_utf16().count() as u32);
    assert_eq!(caret_offset("", 1, 1), 0);
}

#[test]
fn line_numbers_match_the_lines_a_textarea_shows() {
    assert_eq!(line_count(""), 1);
    assert_eq!(line_count("a"), 1);
    assert_eq!(line_count("a\n"), 2);
    assert_eq!(line_count("a\nb\nc"), 3);
    assert_eq!(line_numbers(3), "1\n2\n3");
    assert_eq!(line_numbers(0), "1");
    let files = quickscan();
    assert_eq!(line_numbers(line_count(&files[0].contents)).lines().count(), files[0].contents.split('\n').count());
}

#[test]
fn downloads_are_named_as_the_files_in_the_repository() {
    assert_eq!(file_name("questionnaires/quickscan.toml"), "quickscan.toml");
    assert_eq!(file_name("questionnaires/parts/wai-was.toml"), "wai-was.toml");
    assert_eq!(file_name("wai.toml"), "wai.toml");
    assert_eq!(file_name("questionnaires/"), "definitie.toml");
    assert_eq!(source_files(&quickscan())[1].path, "questionnaires/parts/wai-was.toml");
}

#[test]
fn an_edit_keeps_the_answers_that_still_fit_and_the_question_where_it_still_is() {
    let files = quickscan();
    let definition = check(&files, "quickscan").definition.unwrap();
    let mut flow = started(definition.clone());
    let first = flow.current_item().unwrap().clone();
    let second = flow.visible_items()[1].clone();
    let options = definition.options_of(&first).to_vec();
    flow.answer(&first.id, AnswerValue::Text(options[1].key.clone()));
    flow.answer(&second.id, AnswerValue::Text(options[2].key.clone()));
    flow.go_next().unwrap();
    assert_eq!(flow.step, Step::Question(second.id.clone()));

    // Reworded: every answer and the step stay.
    let mut edited = files.clone();
    let nl = first.text.nl.clone();
    edited[0].contents = edited[0].contents.replacen(&nl, "Een nieuwe zin", 1);
    let reworded = check(&edited, "quickscan").definition.expect("still valid");
    let kept = carried_over(&flow, reworded);
    assert_eq!(kept.answers, flow.answers);
    assert_eq!(kept.step, flow.step);
    assert_eq!(kept.definition.item(&first.id).unwrap().text.nl, "Een nieuwe zin");

    // The second question gone: its answer goes, and the preview goes to the first question
    // without an answer.
    let mut removed = definition.clone();
    for section in &mut removed.sections {
        section.items.retain(|item| item.id != second.id);
    }
    let moved = carried_over(&flow, removed);
    assert!(!moved.answers.contains_key(&second.id));
    assert_eq!(moved.answers.get(&first.id), flow.answers.get(&first.id));
    let expected = werkscan_core::answers::first_unanswered(&moved.definition, &moved.answers).unwrap().id.clone();
    assert_eq!(moved.step, Step::Question(expected));

    // An option the answer named is gone: the answer goes.
    let mut fewer = definition.clone();
    let scale = first.scale.clone().expect("a likert item on a shared scale");
    fewer.scales.get_mut(&scale).unwrap().options.retain(|option| option.key != options[1].key);
    let dropped = carried_over(&flow, fewer);
    assert!(!dropped.answers.contains_key(&first.id));
}

#[test]
fn the_outcome_is_the_cores_scores_bands_and_advice() {
    let definition = check(&quickscan(), "quickscan").definition.unwrap();
    let mut flow = started(definition.clone());
    // Nothing answered: every score is there, without a value.
    let empty = outcome(&flow);
    assert!(!empty.scores.is_empty());
    assert!(empty.scores.iter().all(|line| line.value.is_none()), "{:?}", empty.scores);

    let answers = example_answers(&definition);
    for (item, value) in &answers {
        flow.answer(item, value.clone());
    }
    let shown = outcome(&flow);
    let result = score(&definition, &answers).unwrap();
    let built = report::build(&definition, &result, Audience::Expert);
    let expected: Vec<(String, Option<f64>, Option<String>)> =
        [built.headline, built.strengths, built.watch, built.attention, built.unknown, built.other]
            .into_iter()
            .flatten()
            .map(|line| (line.id, line.value, line.band.map(|band| band.key)))
            .collect();
    let got: Vec<(String, Option<f64>, Option<String>)> = shown
        .scores
        .iter()
        .map(|line| (line.id.clone(), line.value, line.band.as_ref().map(|band| band.key.clone())))
        .collect();
    assert_eq!(got, expected);
    assert!(shown.scores.iter().any(|line| line.value.is_some() && line.band.is_some()));
}

fn summary(version: &str) -> VersionSummary {
    VersionSummary {
        id: "quickscan".into(),
        version: version.into(),
        content_hash: "h".into(),
        title: Text::new("Snelle werkscan", "Quick work scan"),
        licence: Text::default(),
        source: VersionSource::File,
        introduced_at: "2026-12-01T10:00:00Z".into(),
        published_at: None,
        published_by: None,
        current: true,
    }
}

#[test]
fn publishing_waits_for_no_problems_no_changed_meaning_and_a_new_version_number() {
    let files = quickscan();
    let checked = check(&files, "quickscan");
    let known = vec![summary("3.0.0"), summary("2.0.0")];
    assert_eq!(blockers(&checked, &[], &known), vec![Blocker::VersionNotRaised("3.0.0".into())]);

    let mut raised = files.clone();
    raised[0].contents = raised[0].contents.replacen("version = \"3.0.0\"", "version = \"3.1.0\"", 1);
    let checked = check(&raised, "quickscan");
    assert_eq!(blockers(&checked, &[], &known), Vec::new());

    let mut faulty = raised.clone();
    faulty[0].contents = faulty[0].contents.replacen("minutes = 5", "minutes = -5", 1);
    let checked = check(&faulty, "quickscan");
    let count = checked.diagnostics.len();
    assert!(count > 0);
    let meaning = checked.diagnostics.clone();
    assert_eq!(blockers(&checked, &meaning, &known), vec![Blocker::Problems(count), Blocker::IdMeaning(count)]);
}

#[test]
fn a_refusal_carries_the_servers_diagnostics() {
    let body = r#"{"error":{"code":"invalid_definition","message":"the definition has problems","diagnostics":[
        {"file":"questionnaires/quickscan.toml","line":15,"column":11,"field":"questionnaire.minutes","message":"invalid type"}]}}"#;
    let refused = refusal(&Reply { status: 422, text: body.into() });
    assert_eq!(refused.code, "invalid_definition");
    assert_eq!(refused.status, 422);
    assert_eq!(refused.diagnostics.len(), 1);
    assert_eq!(
        rendered(&refused.diagnostics[0]),
        "questionnaires/quickscan.toml:15:11: questionnaire.minutes: invalid type"
    );
    let conflict = refusal(&Reply { status: 409, text: r#"{"error":{"code":"version_exists","message":"x"}}"#.into() });
    assert_eq!((conflict.code.as_str(), conflict.diagnostics.len()), ("version_exists", 0));
    let proxy = refusal(&Reply { status: 502, text: "<html>bad gateway</html>".into() });
    assert_eq!(proxy.code, "http_502");
}

//! File handling behind the `werkscan` command: scoring answers files and writing resolved JSON.
//! Reading definition files is `werkscan-definitions`'; parsing, validation and scoring are the
//! core crate's.

use std::fs;
use std::path::Path;

use werkscan_core::answers::example_answers;
use werkscan_core::{score, Answers};
pub use werkscan_definitions::{definition_files, load_dir, load_paths, questionnaire_at};

/// Scores an answers file against the questionnaire in `definition` and returns pretty JSON.
pub fn score_file(definition: &Path, answers: &Path) -> Result<String, String> {
    let questionnaire = questionnaire_at(definition)?;
    let wanted = &questionnaire.questionnaire.id;
    let text = fs::read_to_string(answers).map_err(|error| format!("{}: {error}", answers.display()))?;
    let answers: Answers =
        serde_json::from_str(&text).map_err(|error| format!("{}: not an answers file: {error}", answers.display()))?;
    let result = score(&questionnaire, &answers).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("the answers do not fit \"{wanted}\":\n{}", lines.join("\n"))
    })?;
    Ok(serde_json::to_string_pretty(&result).expect("a result always serialises"))
}

/// A complete answers file for the questionnaire in `definition`, as pretty JSON: a template
/// for authors and auditors to edit and feed to `score`.
pub fn example_file(definition: &Path) -> Result<String, String> {
    let questionnaire = questionnaire_at(definition)?;
    let answers = example_answers(&questionnaire);
    Ok(serde_json::to_string_pretty(&answers).expect("answers always serialise"))
}

/// Writes each questionnaire in `dir` as resolved JSON (`<id>.json`) and an `index.json` listing
/// them, for static hosting. Returns how many were written.
pub fn compile(dir: &Path, out: &Path) -> Result<usize, String> {
    let loaded = load_dir(dir)?;
    fs::create_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    for definition in &loaded.questionnaires {
        let path = out.join(format!("{}.json", definition.questionnaire.id));
        let json = serde_json::to_string(definition).expect("a definition always serialises");
        fs::write(&path, json).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    let index: Vec<_> = loaded.questionnaires.iter().map(|definition| definition.catalogue_entry()).collect();
    let path = out.join("index.json");
    let json = serde_json::to_string(&index).expect("an index always serialises");
    fs::write(&path, json).map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(loaded.questionnaires.len())
}

//! File handling behind the `werkscan` command: scoring answers files, writing resolved JSON and
//! comparing versions. Reading definition files is `werkscan-definitions`'; parsing, validation,
//! scoring, the rendering of a check and the comparison of versions are the core crate's.

use std::fs;
use std::path::Path;

use werkscan_core::answers::example_answers;
use werkscan_core::authoring::{load, questionnaire_id, SourceFile};
use werkscan_core::changes::{compare, id_meaning_problems};
use werkscan_core::{score, Answers, Definition};
pub use werkscan_definitions::{definition_files, load_dir, load_paths, questionnaire_at};
use werkscan_definitions::{definition_root, read_sources};

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

/// One side of `werkscan diff`: its questionnaires and the files they were read from.
struct Side {
    questionnaires: Vec<Definition>,
    /// The definition files (none for resolved JSON), where the new side's problems are placed.
    sources: Vec<SourceFile>,
}

/// Reads one side of a comparison: a resolved `.json` definition (as `compile` writes them and
/// the archive of earlier versions keeps them), a `.toml` questionnaire with the parts of its
/// directory tree, or every questionnaire of a directory. Definitions with problems are refused
/// with every diagnostic, as `check` prints them.
fn read_side(path: &Path) -> Result<Side, String> {
    if path.extension().is_some_and(|ext| ext == "json") {
        let text = fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
        let definition: Definition = serde_json::from_str(&text)
            .map_err(|error| format!("{}: not a resolved definition: {error}", path.display()))?;
        return Ok(Side { questionnaires: vec![definition], sources: Vec::new() });
    }
    let single = !path.is_dir();
    let root = if single { definition_root(path) } else { path.to_path_buf() };
    let sources = read_sources(&definition_files(&[root])?)?;
    let loaded = load(&sources);
    if !loaded.diagnostics.is_empty() {
        return Err(format!("{} has problems:\n{}", path.display(), loaded.report().trim_end()));
    }
    let mut questionnaires = loaded.questionnaires;
    if single {
        let text = fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
        let wanted =
            questionnaire_id(&text).ok_or_else(|| format!("{}: not a questionnaire definition", path.display()))?;
        questionnaires.retain(|definition| definition.questionnaire.id == wanted);
        if questionnaires.is_empty() {
            return Err(format!("{}: \"{wanted}\" is a part, not a questionnaire", path.display()));
        }
    }
    Ok(Side { questionnaires, sources })
}

/// What `werkscan diff OLD NEW` prints, and whether an id changed its meaning (the exit status).
///
/// Questionnaires are paired by id; two single files are compared whatever their ids. For each
/// pair: a heading, every change (`changes::Changes::lines`), then each id kept with another
/// meaning as a diagnostic in the new files (or named by the questionnaire's id when the new side
/// is JSON).
pub fn diff(old: &Path, new: &Path) -> Result<(String, bool), String> {
    let (before, after) = (read_side(old)?, read_side(new)?);
    let mut pairs: Vec<(&Definition, &Definition)> = Vec::new();
    let mut text = String::new();
    if before.questionnaires.len() == 1 && after.questionnaires.len() == 1 && !old.is_dir() && !new.is_dir() {
        pairs.push((&before.questionnaires[0], &after.questionnaires[0]));
    } else {
        for definition in &after.questionnaires {
            match before.questionnaires.iter().find(|earlier| earlier.questionnaire.id == definition.questionnaire.id) {
                Some(earlier) => pairs.push((earlier, definition)),
                None => text.push_str(&format!("{}: only in {}\n", definition.questionnaire.id, new.display())),
            }
        }
        for earlier in &before.questionnaires {
            if !after.questionnaires.iter().any(|definition| definition.questionnaire.id == earlier.questionnaire.id) {
                text.push_str(&format!("{}: only in {}\n", earlier.questionnaire.id, old.display()));
            }
        }
    }
    let mut problems = 0;
    for (earlier, definition) in pairs {
        text.push_str(&format!(
            "{} {} to {} {}\n",
            earlier.questionnaire.id,
            earlier.questionnaire.version,
            definition.questionnaire.id,
            definition.questionnaire.version
        ));
        let changes = compare(earlier, definition);
        if changes.is_empty() {
            text.push_str("  no changes\n");
        }
        for line in changes.lines() {
            text.push_str(&format!("  {line}\n"));
        }
        for diagnostic in id_meaning_problems(earlier, definition, &after.sources) {
            text.push_str(&format!("{diagnostic}\n"));
            problems += 1;
        }
    }
    if problems == 0 {
        text.push_str("ok: every id kept its meaning\n");
    } else {
        text.push_str(&format!("{problems} ids changed their meaning\n"));
    }
    Ok((text, problems > 0))
}

//! File handling behind the `werkscan` command: finding definition files, reading them, and
//! writing resolved JSON. The parsing, validation and scoring are the core crate's.

use std::fs;
use std::path::{Path, PathBuf};

use werkscan_core::authoring::{load, questionnaire_id, Loaded, SourceFile};
use werkscan_core::answers::example_answers;
use werkscan_core::{score, Answers, Definition};

/// Every `.toml` file under the given files and directories, sorted, so output is stable.
pub fn definition_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files)?;
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let metadata = fs::metadata(path).map_err(|error| format!("{}: {error}", path.display()))?;
    if metadata.is_dir() {
        let entries = fs::read_dir(path).map_err(|error| format!("{}: {error}", path.display()))?;
        for entry in entries {
            let entry = entry.map_err(|error| format!("{}: {error}", path.display()))?;
            let child = entry.path();
            if child.is_dir() || child.extension().is_some_and(|ext| ext == "toml") {
                collect(&child, files)?;
            }
        }
    } else {
        files.push(path.to_path_buf());
    }
    Ok(())
}

/// Reads and loads the files (parse, resolve includes, validate).
pub fn load_paths(files: &[PathBuf]) -> Result<Loaded, String> {
    let sources = files
        .iter()
        .map(|path| {
            fs::read_to_string(path)
                .map(|contents| SourceFile { path: path.display().to_string(), contents })
                .map_err(|error| format!("{}: {error}", path.display()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(load(&sources))
}

/// Loads every definition in a directory tree and fails with all diagnostics if any.
pub fn load_dir(dir: &Path) -> Result<Loaded, String> {
    let loaded = load_paths(&definition_files(&[dir.to_path_buf()])?)?;
    if loaded.diagnostics.is_empty() {
        Ok(loaded)
    } else {
        let lines: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
        Err(format!("the definitions have problems:\n{}", lines.join("\n")))
    }
}

/// The questionnaire defined in `definition`, resolved with the parts in its directory tree (its
/// own directory, or the parent when it sits in `parts/`).
pub fn questionnaire_at(definition: &Path) -> Result<Definition, String> {
    let loaded = load_dir(&definition_root(definition))?;
    let text = fs::read_to_string(definition).map_err(|error| format!("{}: {error}", definition.display()))?;
    let wanted = questionnaire_id(&text)
        .ok_or_else(|| format!("{}: not a questionnaire definition", definition.display()))?;
    loaded
        .questionnaires
        .into_iter()
        .find(|candidate| candidate.questionnaire.id == wanted)
        .ok_or_else(|| format!("{}: \"{wanted}\" is a part, not a questionnaire", definition.display()))
}

/// Scores an answers file against the questionnaire in `definition` and returns pretty JSON.
pub fn score_file(definition: &Path, answers: &Path) -> Result<String, String> {
    let questionnaire = questionnaire_at(definition)?;
    let wanted = &questionnaire.questionnaire.id;
    let text = fs::read_to_string(answers).map_err(|error| format!("{}: {error}", answers.display()))?;
    let answers: Answers = serde_json::from_str(&text)
        .map_err(|error| format!("{}: not an answers file: {error}", answers.display()))?;
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

fn definition_root(definition: &Path) -> PathBuf {
    let dir = definition.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    if dir.file_name().is_some_and(|name| name == "parts") {
        dir.parent().map(Path::to_path_buf).unwrap_or(dir)
    } else {
        dir
    }
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

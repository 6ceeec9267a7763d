//! Reading questionnaire definitions from disk: finding the `.toml` files of a directory tree,
//! reading them, and handing them to the core's authoring code (parse, resolve parts, validate,
//! hash). The server, the command-line tool and the tests all read definitions this way; the core
//! itself does no I/O.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use werkscan_core::authoring::{load, questionnaire_id, Loaded, SourceFile};
use werkscan_core::Definition;

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

/// Reads the files, each named in diagnostics by its path as given.
pub fn read_sources(files: &[PathBuf]) -> Result<Vec<SourceFile>, String> {
    files
        .iter()
        .map(|path| {
            fs::read_to_string(path)
                .map(|contents| SourceFile { path: path.display().to_string(), contents })
                .map_err(|error| format!("{}: {error}", path.display()))
        })
        .collect()
}

/// Reads and loads the files (parse, resolve includes, validate).
pub fn load_paths(files: &[PathBuf]) -> Result<Loaded, String> {
    Ok(load(&read_sources(files)?))
}

/// The files questionnaire `id` is made of: its own file first, then each part it includes,
/// directly or through another part, once each, in the order they are first included. Files
/// are matched to `include` entries by `questionnaire.id`, as the core's loader matches them; a
/// file that does not parse, or an id no file has, is left out (the loader reports those).
pub fn files_of<'a>(files: &'a [SourceFile], id: &str) -> Vec<&'a SourceFile> {
    let mut by_id: BTreeMap<String, (&SourceFile, Vec<String>)> = BTreeMap::new();
    for file in files {
        let Ok(definition) = toml::from_str::<Definition>(&file.contents) else { continue };
        let includes = definition.sections.iter().filter_map(|section| section.include.clone()).collect();
        by_id.entry(definition.questionnaire.id).or_insert((file, includes));
    }
    let mut order: Vec<&SourceFile> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut waiting = vec![id.to_owned()];
    while let Some(next) = waiting.pop() {
        if seen.contains(&next) {
            continue;
        }
        let Some((file, includes)) = by_id.get(&next) else { continue };
        seen.push(next);
        order.push(file);
        // Reversed onto the stack, so the first include is taken first.
        waiting.extend(includes.iter().rev().cloned());
    }
    order
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
    let wanted =
        questionnaire_id(&text).ok_or_else(|| format!("{}: not a questionnaire definition", definition.display()))?;
    loaded
        .questionnaires
        .into_iter()
        .find(|candidate| candidate.questionnaire.id == wanted)
        .ok_or_else(|| format!("{}: \"{wanted}\" is a part, not a questionnaire", definition.display()))
}

/// The directory whose tree holds a definition and its parts: its own, or the parent of `parts/`.
pub fn definition_root(definition: &Path) -> PathBuf {
    let dir = definition.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    if dir.file_name().is_some_and(|name| name == "parts") {
        dir.parent().map(Path::to_path_buf).unwrap_or(dir)
    } else {
        dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<SourceFile> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questionnaires");
        read_sources(&definition_files(&[dir]).unwrap()).unwrap()
    }

    fn names(files: &[&SourceFile]) -> Vec<String> {
        files.iter().map(|file| file.path.rsplit('/').next().unwrap().to_owned()).collect()
    }

    #[test]
    fn a_questionnaire_is_made_of_its_file_and_every_part_it_includes_once() {
        let files = shipped();
        assert_eq!(
            names(&files_of(&files, "werkscan")),
            [
                "werkscan.toml",
                "wai-kort.toml",
                "wai-was.toml",
                "wai-vraag1.toml",
                "wai-eisen.toml",
                "wai-gezondheid.toml"
            ]
        );
        assert_eq!(
            names(&files_of(&files, "wai")),
            ["wai.toml", "wai-vraag1.toml", "wai-eisen.toml", "wai-ziekte.toml", "wai-gezondheid.toml"]
        );
        assert!(files_of(&files, "onbekend").is_empty());
    }

    #[test]
    fn its_files_alone_load_to_the_same_definition() {
        let files = shipped();
        let everything = load(&files);
        for questionnaire in &everything.questionnaires {
            let own: Vec<SourceFile> = files_of(&files, &questionnaire.questionnaire.id).into_iter().cloned().collect();
            let alone = load(&own);
            assert!(alone.diagnostics.is_empty(), "{:?}", alone.diagnostics);
            assert_eq!(alone.questionnaires, vec![questionnaire.clone()]);
        }
    }
}

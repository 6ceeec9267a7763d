//! Loading the shipped definitions for tests.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use werkscan_core::authoring::{load, Loaded, SourceFile};
use werkscan_core::Definition;

/// The repository's `questionnaires/` directory.
pub fn questionnaires_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questionnaires")
}

/// Every `.toml` file below `dir`, as source files named relative to the repository.
pub fn sources(dir: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "toml") {
                let contents = std::fs::read_to_string(&path).expect("readable file");
                let name = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
                files.push(SourceFile { path: name, contents });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// All shipped definitions, loaded once per test binary; panics with every diagnostic if any.
pub fn shipped() -> &'static Loaded {
    static SHIPPED: LazyLock<Loaded> = LazyLock::new(|| {
        let loaded = load(&sources(&questionnaires_dir()));
        let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "shipped definitions have problems:\n{}", problems.join("\n"));
        loaded
    });
    &SHIPPED
}

/// One shipped questionnaire by id.
pub fn questionnaire(id: &str) -> Definition {
    shipped()
        .questionnaires
        .iter()
        .find(|definition| definition.questionnaire.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("no questionnaire {id}"))
}

/// A campaign's consent values as the demo campaign has them: a controller with a contact, a
/// data protection officer, two arbeidsdeskundigen.
pub fn consent_values() -> werkscan_core::ConsentValues {
    werkscan_core::ConsentValues {
        controller: "Zorggroep De Linde".into(),
        controller_contact: Some("privacy@delinde.example".into()),
        privacy_officer: Some("Marieke Smit".into()),
        privacy_officer_contact: Some("fg@delinde.example".into()),
        experts: vec!["Karim Bouzid".into(), "Anna de Boer".into()],
        min_group_size: 12,
        delete_after: "2027-12-01".into(),
    }
}

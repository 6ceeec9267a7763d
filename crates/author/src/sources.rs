//! The files an author edits and what the core's validator says of them: every problem exactly
//! as `werkscan check` prints it, the questionnaire they make when there is none, where a
//! problem's line and column are in the text of a `<textarea>`, and the line numbers beside it.

use werkscan_api::author::SourceText;
use werkscan_core::authoring::{self, Diagnostic, SourceFile};
use werkscan_core::Definition;

/// What the validator made of a set of files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    /// Every problem, sorted by file and line, as the core reports them.
    pub diagnostics: Vec<Diagnostic>,
    /// The resolved questionnaire (parts spliced in, content hash set), when it has no problem.
    pub definition: Option<Definition>,
    /// Everything `werkscan check` prints for these files, line by line (the core's one
    /// rendering of a check).
    pub report: String,
}

/// The core's view of the files: `path` is the name problems carry.
pub fn source_files(files: &[SourceText]) -> Vec<SourceFile> {
    files.iter().map(|file| SourceFile { path: file.path.clone(), contents: file.contents.clone() }).collect()
}

/// Runs the core's loader (parse, resolve parts, validate, hash) over the files, as the server
/// and `werkscan check` do. The questionnaire is the one whose id is `id` (the files of a version
/// hold one questionnaire and the parts it includes; another questionnaire among them is an
/// author's mistake the server refuses), else the only one there is.
pub fn check(files: &[SourceText], id: &str) -> Checked {
    let loaded = authoring::load(&source_files(files));
    let report = loaded.report();
    let definition = if loaded.diagnostics.is_empty() {
        let mut all = loaded.questionnaires;
        match all.iter().position(|definition| definition.questionnaire.id == id) {
            Some(index) => Some(all.swap_remove(index)),
            None if all.len() == 1 => all.pop(),
            None => None,
        }
    } else {
        None
    };
    Checked { diagnostics: loaded.diagnostics, definition, report }
}

/// A problem as `werkscan check` prints it: `file:line:column: field: message`.
pub fn rendered(diagnostic: &Diagnostic) -> String {
    diagnostic.to_string()
}

/// The validator's message for a text without one of its two languages.
pub const MISSING_TRANSLATION: &str = "translation is missing";

/// The problems that are a text missing Dutch or English (the field ends in `.nl` or `.en`).
pub fn missing_translations(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics.iter().filter(|diagnostic| diagnostic.message == MISSING_TRANSLATION).collect()
}

/// How many lines a text has, as a `<textarea>` shows them (an empty text has one; a text ending
/// in a newline has an empty last line).
pub fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

/// The line numbers beside a text of `count` lines, one per line.
pub fn line_numbers(count: usize) -> String {
    let mut out = String::new();
    for number in 1..=count.max(1) {
        if number > 1 {
            out.push('\n');
        }
        out.push_str(&number.to_string());
    }
    out
}

/// Where `line` and `column` (from 1; the column in characters, as the core counts them) are in
/// the text, as an offset for `setSelectionRange`, which counts UTF-16 code units. A column past
/// the end of its line is the line's end; a line past the end is the text's end.
pub fn caret_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0usize;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line.max(1) {
            let within: usize = content.chars().take(column.max(1) - 1).map(char::len_utf16).sum();
            return u32::try_from(offset + within).unwrap_or(u32::MAX);
        }
        offset += content.encode_utf16().count() + 1;
    }
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// The file name of a path, for a download (`questionnaires/parts/wai-was.toml` →
/// `wai-was.toml`).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().filter(|name| !name.is_empty()).unwrap_or("definitie.toml")
}

/// The index of the file a problem is in, if it is one of the files.
pub fn file_index(files: &[SourceText], diagnostic: &Diagnostic) -> Option<usize> {
    files.iter().position(|file| file.path == diagnostic.file)
}

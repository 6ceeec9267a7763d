//! Reading definitions as people write them: TOML files, with parts included, every problem
//! reported at once with its file, line, column and field.
//!
//! This module parses text handed to it; reading the files is the caller's job (the command-line
//! tool and the server), so the core stays free of I/O.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use toml::de::{DeTable, DeValue};

use crate::model::{Definition, DefinitionKind};
use crate::validate::{validate, Problem};

/// A definition file's name (as it should appear in messages) and its contents.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path shown in diagnostics, for example `questionnaires/werkscan.toml`.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// A problem in a definition file, located for the author.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Diagnostic {
    /// The file at fault.
    pub file: String,
    /// Line, counting from 1.
    pub line: usize,
    /// Column (in characters), counting from 1.
    pub column: usize,
    /// Path of the field at fault (`sections[0].items[2].scale`); empty for syntax errors.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{}", self.message)
    }
}

/// The outcome of loading a set of definition files.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// Questionnaires (not parts) that resolved and validated, with their content hash set,
    /// ordered by id.
    pub questionnaires: Vec<Definition>,
    /// Every problem found, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
}

impl Loaded {
    /// What `werkscan check` prints, line by line: every diagnostic, then `ok: N files, M
    /// questionnaires` or `N problems in M files`. The one rendering of a check, so the browser's
    /// editor shows exactly what the command-line tool prints (the CLI's tests hold the two
    /// together on every fixture).
    pub fn report(&self) -> String {
        let mut text = String::new();
        for diagnostic in &self.diagnostics {
            text.push_str(&diagnostic.to_string());
            text.push('\n');
        }
        if self.diagnostics.is_empty() {
            text.push_str(&format!("ok: {} files, {} questionnaires\n", self.files, self.questionnaires.len()));
        } else {
            text.push_str(&format!("{} problems in {} files\n", self.diagnostics.len(), self.files));
        }
        text
    }
}

/// A parsed file: its definition and where each field stands in the text.
struct Parsed {
    path: String,
    contents: String,
    spans: BTreeMap<String, usize>,
    definition: Definition,
}

impl Parsed {
    fn diagnostic(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        let offset = locate(&self.spans, field);
        let (line, column) = line_column(&self.contents, offset);
        Diagnostic { file: self.path.clone(), line, column, field: field.to_owned(), message: message.into() }
    }
}

/// Parses, resolves and validates every file. Files are matched to `include` entries by their
/// `questionnaire.id`, whatever their file name.
pub fn load(files: &[SourceFile]) -> Loaded {
    let mut diagnostics = BTreeSet::new();
    let mut parsed: Vec<Parsed> = Vec::new();
    for file in files {
        match parse(file) {
            Ok(ok) => parsed.push(ok),
            Err(diagnostic) => {
                diagnostics.insert(diagnostic);
            }
        }
    }
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, file) in parsed.iter().enumerate() {
        let id = file.definition.questionnaire.id.as_str();
        if let Some(first) = by_id.insert(id, index) {
            diagnostics.insert(
                file.diagnostic("questionnaire.id", format!("id \"{id}\" is already used by {}", parsed[first].path)),
            );
        }
    }
    let mut questionnaires = Vec::new();
    for index in 0..parsed.len() {
        let mut resolver = Resolver { files: &parsed, by_id: &by_id, diagnostics: Vec::new() };
        let (mut definition, origins) = resolver.resolve(index, &mut Vec::new());
        let include_failed = !resolver.diagnostics.is_empty();
        diagnostics.extend(resolver.diagnostics.drain(..));
        if include_failed {
            continue;
        }
        let problems = validate(&definition);
        for problem in &problems {
            let (file, field) = origins.locate(index, &problem.path);
            diagnostics.insert(parsed[file].diagnostic(&field, &problem.message));
        }
        if problems.is_empty() && definition.questionnaire.kind == DefinitionKind::Questionnaire {
            definition.content_hash = Some(content_hash(&definition));
            questionnaires.push(definition);
        }
    }
    questionnaires.sort_by(|a, b| a.questionnaire.id.cmp(&b.questionnaire.id));
    Loaded { questionnaires, diagnostics: diagnostics.into_iter().collect(), files: files.len() }
}

/// Places problems found in the resolved questionnaire `questionnaire` (paths as
/// [`validate`] gives them) in the files that wrote each element, as [`load`] places the
/// validator's. Files that do not parse are left out; when no file defines the questionnaire, each
/// problem names the questionnaire's id as its file, at line 1, column 1.
pub(crate) fn locate_problems(files: &[SourceFile], questionnaire: &str, problems: &[Problem]) -> Vec<Diagnostic> {
    let parsed: Vec<Parsed> = files.iter().filter_map(|file| parse(file).ok()).collect();
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, file) in parsed.iter().enumerate() {
        by_id.entry(file.definition.questionnaire.id.as_str()).or_insert(index);
    }
    let mut diagnostics: Vec<Diagnostic> = match by_id.get(questionnaire) {
        Some(&root) => {
            let mut resolver = Resolver { files: &parsed, by_id: &by_id, diagnostics: Vec::new() };
            let (_, origins) = resolver.resolve(root, &mut Vec::new());
            problems
                .iter()
                .map(|problem| {
                    let (file, field) = origins.locate(root, &problem.path);
                    parsed[file].diagnostic(&field, &problem.message)
                })
                .collect()
        }
        None => problems
            .iter()
            .map(|problem| Diagnostic {
                file: questionnaire.to_owned(),
                line: 1,
                column: 1,
                field: problem.path.clone(),
                message: problem.message.clone(),
            })
            .collect(),
    };
    diagnostics.sort();
    diagnostics.dedup();
    diagnostics
}

/// SHA-256 (hex) of a resolved definition's canonical JSON, with `content_hash` left out.
pub fn content_hash(definition: &Definition) -> String {
    let mut unhashed = definition.clone();
    unhashed.content_hash = None;
    // Struct fields serialise in declaration order and maps are sorted, so this is canonical.
    sha256_hex(&serde_json::to_vec(&unhashed).expect("a definition always serialises"))
}

/// SHA-256 of `bytes` as lower-case hex: the form of every content hash and text version.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The `questionnaire.id` of a definition's text, if it parses that far.
pub fn questionnaire_id(contents: &str) -> Option<String> {
    let tree = DeTable::parse(contents).ok()?;
    let meta = tree.get_ref().get("questionnaire")?;
    match meta.get_ref() {
        DeValue::Table(table) => match table.get("id")?.get_ref() {
            DeValue::String(id) => Some(id.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn parse(file: &SourceFile) -> Result<Parsed, Diagnostic> {
    let at = |offset: usize, field: String, message: String| {
        let (line, column) = line_column(&file.contents, offset);
        Diagnostic { file: file.path.clone(), line, column, field, message }
    };
    let tree = DeTable::parse(&file.contents).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        at(offset, String::new(), format!("TOML syntax: {}", error.message().trim()))
    })?;
    let mut spans = BTreeMap::new();
    collect_spans(&mut spans, String::new(), tree.get_ref());
    let definition: Definition = toml::from_str(&file.contents).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        let field = field_at(&spans, offset);
        at(offset, field, error.message().trim().to_owned())
    })?;
    if definition.content_hash.is_some() {
        let offset = locate(&spans, "content_hash");
        return Err(at(offset, "content_hash".into(), "content_hash is computed by the loader; remove it".into()));
    }
    Ok(Parsed { path: file.path.clone(), contents: file.contents.clone(), spans, definition })
}

fn collect_spans(spans: &mut BTreeMap<String, usize>, prefix: String, table: &DeTable<'_>) {
    for (key, value) in table.iter() {
        let path = if prefix.is_empty() { key.get_ref().to_string() } else { format!("{prefix}.{}", key.get_ref()) };
        // Point at the key, where an author looks for the field.
        spans.insert(path.clone(), key.span().start);
        collect_value(spans, path, value.get_ref());
    }
}

fn collect_value(spans: &mut BTreeMap<String, usize>, path: String, value: &DeValue<'_>) {
    match value {
        DeValue::Table(table) => collect_spans(spans, path, table),
        DeValue::Array(array) => {
            for (index, element) in array.iter().enumerate() {
                let element_path = format!("{path}[{index}]");
                spans.insert(element_path.clone(), element.span().start);
                collect_value(spans, element_path, element.get_ref());
            }
        }
        _ => {}
    }
}

/// The offset of the longest known prefix of `field`.
fn locate(spans: &BTreeMap<String, usize>, field: &str) -> usize {
    let mut candidate = field;
    loop {
        if let Some(offset) = spans.get(candidate) {
            return *offset;
        }
        match candidate.rfind(['.', '[']) {
            Some(cut) => candidate = &candidate[..cut],
            None => return 0,
        }
    }
}

/// The field whose position is the closest at or before `offset` (for serde's errors, which
/// carry a position but no path).
fn field_at(spans: &BTreeMap<String, usize>, offset: usize) -> String {
    spans
        .iter()
        .filter(|(_, start)| **start <= offset)
        .max_by_key(|(path, start)| (**start, path.len()))
        .map(|(path, _)| path.clone())
        .unwrap_or_default()
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Where each element of a resolved definition was written: (file index, index in that file).
#[derive(Default)]
struct Origins {
    sections: Vec<(usize, usize)>,
    scores: Vec<(usize, usize)>,
    flags: Vec<(usize, usize)>,
    scales: BTreeMap<String, usize>,
    bands: BTreeMap<String, usize>,
}

impl Origins {
    /// Maps a path in the resolved definition to the file and path where it was written.
    fn locate(&self, root: usize, path: &str) -> (usize, String) {
        for (prefix, list) in [("sections", &self.sections), ("scores", &self.scores), ("flags", &self.flags)] {
            if let Some(rest) = path.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('[')) {
                if let Some((number, tail)) = rest.split_once(']') {
                    if let Some((file, local)) = number.parse::<usize>().ok().and_then(|n| list.get(n)) {
                        return (*file, format!("{prefix}[{local}]{tail}"));
                    }
                }
            }
        }
        for (prefix, names) in [("scales.", &self.scales), ("bands.", &self.bands)] {
            if let Some(rest) = path.strip_prefix(prefix) {
                let name = rest.split(['.', '[']).next().unwrap_or_default();
                if let Some(file) = names.get(name) {
                    return (*file, path.to_owned());
                }
            }
        }
        (root, path.to_owned())
    }
}

struct Resolver<'a> {
    files: &'a [Parsed],
    by_id: &'a BTreeMap<&'a str, usize>,
    diagnostics: Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// The file's definition with its parts spliced in, and where each element came from.
    ///
    /// A part's sections stand where its `include` marker stands; its scores, flags, scales and
    /// bands come before the includer's own.
    fn resolve(&mut self, index: usize, stack: &mut Vec<usize>) -> (Definition, Origins) {
        let file = &self.files[index];
        let own = &file.definition;
        stack.push(index);
        let mut merged = Definition { sections: Vec::new(), scores: Vec::new(), flags: Vec::new(), ..own.clone() };
        let mut origins = Origins::default();
        for name in own.scales.keys() {
            origins.scales.insert(name.clone(), index);
        }
        for name in own.bands.keys() {
            origins.bands.insert(name.clone(), index);
        }
        for (local, section) in own.sections.iter().enumerate() {
            let Some(part_id) = &section.include else {
                origins.sections.push((index, local));
                merged.sections.push(section.clone());
                continue;
            };
            let field = format!("sections[{local}].include");
            if !section.id.is_empty() || section.intro.is_some() || !section.items.is_empty() {
                self.diagnostics
                    .push(file.diagnostic(&field, "a section with `include` has no id, intro or items of its own"));
            }
            let Some(&part) = self.by_id.get(part_id.as_str()) else {
                self.diagnostics.push(file.diagnostic(&field, format!("no definition with id \"{part_id}\"")));
                continue;
            };
            if stack.contains(&part) {
                self.diagnostics.push(file.diagnostic(&field, format!("including \"{part_id}\" here makes a cycle")));
                continue;
            }
            if self.files[part].definition.questionnaire.kind != DefinitionKind::Part {
                self.diagnostics
                    .push(file.diagnostic(&field, format!("\"{part_id}\" is not a part (kind = \"part\")")));
                continue;
            }
            let (part_definition, part_origins) = self.resolve(part, stack);
            merged.sections.extend(part_definition.sections);
            origins.sections.extend(part_origins.sections);
            // Earlier includes' scores and flags come first, then this one's, then the own ones
            // (added after the loop).
            merged.scores.extend(part_definition.scores);
            origins.scores.extend(part_origins.scores);
            merged.flags.extend(part_definition.flags);
            origins.flags.extend(part_origins.flags);
            self.merge_named(
                index,
                part_id,
                "scales",
                &mut merged.scales,
                part_definition.scales,
                &mut origins.scales,
                part_origins.scales,
            );
            self.merge_named(
                index,
                part_id,
                "bands",
                &mut merged.bands,
                part_definition.bands,
                &mut origins.bands,
                part_origins.bands,
            );
        }
        for (local, score) in own.scores.iter().enumerate() {
            origins.scores.push((index, local));
            merged.scores.push(score.clone());
        }
        for (local, flag) in own.flags.iter().enumerate() {
            origins.flags.push((index, local));
            merged.flags.push(flag.clone());
        }
        stack.pop();
        (merged, origins)
    }

    #[allow(clippy::too_many_arguments)]
    fn merge_named<T: PartialEq>(
        &mut self,
        includer: usize,
        part_id: &str,
        kind: &str,
        ours: &mut BTreeMap<String, T>,
        theirs: BTreeMap<String, T>,
        our_origins: &mut BTreeMap<String, usize>,
        their_origins: BTreeMap<String, usize>,
    ) {
        for (name, value) in theirs {
            match ours.get(&name) {
                Some(existing) if *existing != value => self.diagnostics.push(self.files[includer].diagnostic(
                    &format!("{kind}.{name}"),
                    format!("{kind} \"{name}\" is also defined, differently, in the included part \"{part_id}\""),
                )),
                Some(_) => {}
                None => {
                    if let Some(origin) = their_origins.get(&name) {
                        our_origins.insert(name.clone(), *origin);
                    }
                    ours.insert(name, value);
                }
            }
        }
    }
}

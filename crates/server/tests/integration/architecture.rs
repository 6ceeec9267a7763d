//! The server's shape, read from its sources: the areas (top-level modules of the library) do not
//! import each other in a cycle, the shared infrastructure uses no area, the pure modules use no
//! handler, storage or web module, and the demo seed is not part of the production library.
//!
//! The sources are read as text: every `crate::…` path (`use crate::a::b`, grouped
//! `use crate::{a, b::c}`, and paths written inline) names the top-level module it starts in;
//! a name the library root re-exports (`crate::AppState`) counts as the module it comes from.
//! Comments are skipped (a doc link is not an import), and so are `#[cfg(test)]` modules: a
//! test may reach for a fixture anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The composition root: the router (`lib.rs`) and `state.rs`, which holds one per-instance
/// resource of several areas (the upload writer, the password hashers, the mail settings) and
/// which every handler receives. Every area depends on them and they on the areas they wire;
/// that is their job, so their edges are left out of the graph. `state` must stay a holder of
/// handles: `state_holds_no_rules` checks that it calls into no area.
const COMPOSITION_ROOT: [&str; 2] = ["", "state"];

/// Modules that hold rules and nothing else: no database, no handlers, no web layer. They may
/// use other pure modules and `util` (identifiers, hashing, time) only.
const PURE: [&str; 4] = ["csv", "releases::figures", "booking::appointment", "booking::calendar"];

/// The shared infrastructure under the areas: it may use itself and the composition root's
/// `AppState`, never an area.
const INFRASTRUCTURE: [&str; 10] =
    ["csv", "db", "definitions", "error", "extract", "public", "serve", "static_files", "util", "web"];

/// Where the library's sources are.
fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// One source file of the library: its module path (`booking::routes`) and its text without
/// comments and test modules.
struct Source {
    module: String,
    file: String,
    text: String,
}

/// The library's files: those reached from `lib.rs` through `mod` declarations (the binary's
/// own modules, declared by `main.rs`, are not the library).
fn library() -> Vec<Source> {
    let mut out = Vec::new();
    let root = src();
    let mut stack = vec![(root.join("lib.rs"), String::new(), root.clone())];
    while let Some((file, module, dir)) = stack.pop() {
        let raw = std::fs::read_to_string(&file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let text = without_tests(&without_comments(&raw));
        for child in declared_modules(&text) {
            let path = if module.is_empty() { child.clone() } else { format!("{module}::{child}") };
            let flat = dir.join(format!("{child}.rs"));
            let folder = dir.join(&child).join("mod.rs");
            let (child_file, child_dir) = if flat.exists() {
                (flat, dir.join(&child))
            } else if folder.exists() {
                (folder, dir.join(&child))
            } else {
                panic!("module {path} declared in {} has no file", file.display())
            };
            stack.push((child_file, path, child_dir));
        }
        let file = file.strip_prefix(&root).expect("under src").display().to_string();
        out.push(Source { module, file, text });
    }
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

/// `mod name;` declarations (inline `mod name { … }` stay part of their file).
fn declared_modules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let rest = ["pub mod ", "pub(crate) mod ", "mod "].iter().find_map(|prefix| line.strip_prefix(prefix));
        if let Some(name) = rest.and_then(|rest| rest.strip_suffix(';')) {
            out.push(name.trim().to_owned());
        }
    }
    out
}

/// The text without `//` and `/* */` comments; string literals are kept as they are, and a
/// `//` inside one (a URL) is not taken for a comment.
fn without_comments(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(next) = next {
                    out.push(next);
                }
                i += 2;
                continue;
            }
            in_string = c != '"';
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '\'' && next.is_some() && chars.get(i + 2) == Some(&'\'') {
            // A character literal such as '"' must not open a string.
            out.extend(&chars[i..i + 3]);
            i += 3;
        } else if c == '\'' && next == Some('\\') {
            let end = chars[i + 2..].iter().position(|&c| c == '\'').map_or(chars.len(), |at| i + 3 + at);
            out.extend(&chars[i..end]);
            i = end;
        } else {
            in_string = c == '"';
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The text without `#[cfg(test)]` items (the braces of the item that follows are matched).
fn without_tests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find(['{', ';']) else { return out };
        if after.as_bytes()[open] == b';' {
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0;
        let mut end = after.len();
        for (index, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + index + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every path that starts with `crate::`, with grouped imports expanded one level
/// (`crate::{a::b, c}` gives `a::b` and `c`).
fn crate_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (depth == 1 && c == ',') {
                    out.push(item.trim().to_owned());
                    item.clear();
                    if depth == 0 {
                        break;
                    }
                } else {
                    item.push(c);
                }
            }
        } else {
            out.push(rest.chars().take_while(|&c| c.is_alphanumeric() || c == '_' || c == ':').collect());
        }
    }
    out.retain(|path| !path.is_empty());
    out
}

/// The names `lib.rs` re-exports (`pub use state::{AppState, Config};`), with the module they
/// come from.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for statement in lib.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else { continue };
        let module = path.split("::").next().unwrap_or_default().trim().to_owned();
        let names = path.rsplit("::").next().unwrap_or_default();
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            out.insert(name.trim().to_owned(), module.clone());
        }
    }
    out
}

/// The top-level module a `crate::` path lands in, or `""` for the library root itself.
fn area_of(path: &str, reexported: &BTreeMap<String, String>) -> String {
    let first = path.split("::").next().unwrap_or_default();
    reexported.get(first).cloned().unwrap_or_else(|| {
        if first.starts_with(char::is_uppercase) {
            String::new()
        } else {
            first.to_owned()
        }
    })
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or_default()
}

/// Edges between top-level modules, each with one place that makes it.
fn graph(sources: &[Source]) -> BTreeMap<String, BTreeMap<String, String>> {
    let lib = sources.iter().find(|source| source.module.is_empty()).expect("lib.rs");
    let reexported = reexports(&lib.text);
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for source in sources {
        let from = top(&source.module);
        if COMPOSITION_ROOT.contains(&from) {
            continue;
        }
        for path in crate_paths(&source.text) {
            let to = area_of(&path, &reexported);
            if to == from || COMPOSITION_ROOT.contains(&to.as_str()) {
                continue;
            }
            edges
                .entry(from.to_owned())
                .or_default()
                .entry(to)
                .or_insert_with(|| format!("{}: crate::{path}", source.file));
        }
    }
    edges
}

/// A cycle in the graph, as the list of its nodes (the first repeated at the end), if any.
fn cycle(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeMap<String, String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|seen| seen == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flat_map(BTreeMap::keys) {
            if let Some(found) = visit(next, edges, done, path) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

fn describe(found: &[String], edges: &BTreeMap<String, BTreeMap<String, String>>) -> String {
    found
        .windows(2)
        .map(|pair| format!("  {} → {} ({})", pair[0], pair[1], edges[&pair[0]][&pair[1]]))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_import_cycle_between_the_servers_areas() {
    let edges = graph(&library());
    if let Some(found) = cycle(&edges) {
        panic!("the server's areas import each other in a cycle: {}\n{}", found.join(" → "), describe(&found, &edges));
    }
}

#[test]
fn the_infrastructure_uses_no_area() {
    let sources = library();
    let lib = sources.iter().find(|source| source.module.is_empty()).expect("lib.rs");
    let reexported = reexports(&lib.text);
    let mut problems = Vec::new();
    for source in sources.iter().filter(|source| INFRASTRUCTURE.contains(&top(&source.module))) {
        for path in crate_paths(&source.text) {
            let to = area_of(&path, &reexported);
            if !INFRASTRUCTURE.contains(&to.as_str()) && !COMPOSITION_ROOT.contains(&to.as_str()) {
                problems.push(format!("{} uses crate::{path}", source.file));
            }
        }
    }
    assert!(problems.is_empty(), "the shared infrastructure reaches into areas:\n{}", problems.join("\n"));
}

#[test]
fn pure_modules_use_no_handler_storage_or_web_module() {
    let sources = library();
    let lib = sources.iter().find(|source| source.module.is_empty()).expect("lib.rs");
    let reexported = reexports(&lib.text);
    let mut problems = Vec::new();
    for pure in PURE {
        let Some(source) = sources.iter().find(|source| source.module == pure) else {
            problems.push(format!("{pure} is listed as pure but is not a module of the library"));
            continue;
        };
        for path in crate_paths(&source.text) {
            let module = path.rsplit_once("::").map_or(path.as_str(), |(module, _)| module);
            let allowed = PURE.iter().any(|other| module == *other || module.starts_with(&format!("{other}::")))
                || area_of(&path, &reexported) == "util";
            if !allowed {
                problems.push(format!("{} uses crate::{path}", source.file));
            }
        }
        for word in ["sqlx", "axum", "AppState", "tokio"] {
            if source.text.split(|c: char| !c.is_alphanumeric() && c != '_').any(|token| token == word) {
                problems.push(format!("{} uses {word}", source.file));
            }
        }
    }
    assert!(problems.is_empty(), "pure modules reach beyond rules:\n{}", problems.join("\n"));
}

#[test]
fn state_holds_no_rules() {
    // state.rs may name an area's types (the handles it holds) but call nothing of an area
    // except constructors: a call there would route a dependency around the graph's check.
    let sources = library();
    let state = sources.iter().find(|source| source.module == "state").expect("state.rs");
    let lib = sources.iter().find(|source| source.module.is_empty()).expect("lib.rs");
    let reexported = reexports(&lib.text);
    let modules: BTreeSet<&str> = sources.iter().map(|source| source.module.as_str()).collect();
    let calls: Vec<String> = crate_paths(&state.text)
        .into_iter()
        .filter(|path| !INFRASTRUCTURE.contains(&area_of(path, &reexported).as_str()))
        .filter(|path| path.rsplit("::").next().is_some_and(|last| last.starts_with(char::is_lowercase)))
        .filter(|path| !modules.contains(path.as_str()))
        .collect();
    assert!(calls.is_empty(), "state.rs reaches into areas beyond their types: {calls:?}");
}

#[test]
fn the_demo_seed_is_not_in_the_production_library() {
    let offending: Vec<String> = library()
        .into_iter()
        .filter(|source| source.text.contains("fn seed_demo") || source.text.contains("DEMO_ORG"))
        .map(|source| source.file)
        .collect();
    assert!(offending.is_empty(), "the demo seed belongs to the binary, not the library: {offending:?}");
}

#[test]
fn the_reader_finds_cycles_and_grouped_imports() {
    // The checks above are only as good as this reader: a grouped import and an inline path are
    // both edges, and a two-module cycle is found and named.
    let text = "use crate::{a::b, c::{d, e}};\nfn f() { crate::g::h(); }\n// crate::ignored\n";
    assert_eq!(crate_paths(&without_comments(text)), vec!["a::b", "c::{d, e}", "g::h"]);
    let sources = vec![
        Source { module: String::new(), file: "lib.rs".into(), text: "pub use x::Thing;".into() },
        Source { module: "x".into(), file: "x.rs".into(), text: "use crate::y::f;".into() },
        Source { module: "y".into(), file: "y.rs".into(), text: "fn g(_: crate::Thing) {}".into() },
    ];
    let edges = graph(&sources);
    assert_eq!(cycle(&edges), Some(vec!["x".to_owned(), "y".to_owned(), "x".to_owned()]));
    assert!(without_tests("a\n#[cfg(test)]\nmod tests { use crate::z; }\nb").contains('b'));
    assert!(!without_tests("a\n#[cfg(test)]\nmod tests { use crate::z; }\nb").contains("crate::z"));
}

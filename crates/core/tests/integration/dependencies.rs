//! Invariant 3 (ARCHITECTURE.md): the core is pure. What it depends on is read from `cargo tree`,
//! so a dependency added to its Cargo.toml fails here until the invariant is changed with it.

use std::collections::BTreeSet;
use std::process::Command;

/// The core's direct dependencies with the given `cargo tree` feature arguments.
fn direct_dependencies(features: &[&str]) -> BTreeSet<String> {
    tree(&["--depth", "1"], features).into_iter().filter(|name| name != "werkscan-core").collect()
}

/// Every package in the core's tree (normal dependencies only), by name.
fn tree(depth: &[&str], features: &[&str]) -> BTreeSet<String> {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-p", "werkscan-core", "-e", "normal", "--prefix", "none", "--format", "{lib}"])
        .args(depth)
        .args(features)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.trim_end_matches(" (*)").replace('_', "-"))
        .filter(|line| !line.is_empty())
        .collect()
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|name| name.to_string()).collect()
}

#[test]
fn the_core_depends_on_chrono_alone_and_serde_and_toml_only_by_feature() {
    assert_eq!(direct_dependencies(&["--no-default-features"]), names(&["chrono"]));
    assert_eq!(
        direct_dependencies(&["--no-default-features", "--features", "serde"]),
        names(&["chrono", "serde", "serde-json"])
    );
    assert_eq!(
        direct_dependencies(&["--no-default-features", "--features", "authoring"]),
        names(&["chrono", "serde", "serde-json", "sha2", "toml"])
    );
}

/// Nothing in the core's whole tree does I/O, talks to a browser or a database, or serves HTTP.
#[test]
fn nothing_below_the_core_does_io() {
    let everything = tree(&[], &["--all-features"]);
    assert!(everything.contains("chrono"), "the check read the wrong tree: {everything:?}");
    let io =
        ["tokio", "axum", "hyper", "sqlx", "leptos", "web-sys", "js-sys", "wasm-bindgen", "gloo-storage", "reqwest"];
    let found: Vec<&str> = io.into_iter().filter(|name| everything.contains(*name)).collect();
    assert!(found.is_empty(), "the core pulls in {found:?}");
}

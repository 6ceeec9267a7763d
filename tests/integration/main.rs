//! The scan app's promises that a browser test cannot see: what it is built from.

use std::process::Command;

/// `cargo tree` for an app crate as built for the browser, one package or feature per line.
fn tree(package: &str, edges: &str, extra: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-p", package, "-e", edges, "--target", "wasm32-unknown-unknown", "--prefix", "none"])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What serde the app's own dependencies bring in: everything but Leptos and gloo-storage, which
/// depend on serde for features the apps never call (JSON goes through `werkscan_core::json`,
/// and gloo-storage is used only through its raw handle, which passes texts).
fn own_serde(package: &str) -> Vec<String> {
    let own = tree(package, "normal", &["--prune", "leptos", "--prune", "gloo-storage"]);
    assert!(own.contains("werkscan-core"), "the check looked at the wrong tree:\n{own}");
    let features = tree(package, "normal,features", &["-i", "werkscan-core"]);
    own.lines()
        .filter(|line| line.contains("serde"))
        .chain(features.lines().filter(|line| line.starts_with("werkscan-core feature")))
        .map(str::to_owned)
        .collect()
}

/// Invariant 11 (ARCHITECTURE.md): the scan app carries no serde. Nothing of ours brings serde in,
/// and the core is built without its `serde` feature (so serde cannot even be called on its
/// types). The release build's byte budget (scripts/bundle-size.sh) shows what the linker kept.
#[test]
fn the_scan_app_depends_on_no_serde_of_its_own() {
    assert_eq!(own_serde("werkscan-scan"), Vec::<String>::new());
}

/// The check can fail: the report app, which uses serde, shows it.
#[test]
fn the_check_sees_serde_where_it_is() {
    let found = own_serde("werkscan-report");
    assert!(found.iter().any(|line| line.starts_with("serde ")), "{found:?}");
    assert!(found.iter().any(|line| line == "werkscan-core feature \"serde\""), "{found:?}");
}

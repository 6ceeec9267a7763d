#!/usr/bin/env bash
# The release build of the five browser apps into dist/scan, dist/report, dist/login,
# dist/console and dist/author,
# exactly as they are shipped and measured (start.sh, test.sh and measure.sh all build through
# here). Each is an ordinary Trunk build with the top-level Trunk.toml; the server serves each
# app's page for its routes (werkscan_core::routes).
#
# Beyond `trunk build --release`, the standard library is compiled together with the app with
# the panic strategy "immediate-abort": a panic stops the module at once instead of formatting a
# message. That drops the panic-message and formatting machinery (about 16 KB gzipped of the scan
# module, see docs/PERFORMANCE.md), the largest single step to the byte budget for the first
# question. Panics still stop the app; only their message is gone from the release build.
# `trunk serve` (debug, stable toolchain) keeps the messages through console_error_panic_hook.
#
# These are nightly features, so this build runs on the nightly pinned in scripts/toolchain.env
# (setup.sh installs it). Paths are remapped and source locations left out, so the output does
# not depend on where the repository or the cargo cache lives: two clean builds give the same
# bytes (scripts/reproducible-build.sh shows it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.env
export PATH="$PWD/tools/node_modules/.bin:$PATH"
export RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN"
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
# The linker drops the unused stream classes that Leptos' server-function client exports
# (scripts/wasm-ld.sh says why).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$PWD/scripts/wasm-ld.sh"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none --remap-path-prefix=$PWD=/werkscan --remap-path-prefix=$cargo_home=/cargo"
# With arguments (`scan`, `report`, `login`, `console`, `author`), only those apps, for working on one of them.
apps=("$@")
[ ${#apps[@]} -gt 0 ] || apps=(scan report login console author)
for app in "${apps[@]}"; do
  case "$app" in
    scan) trunk build --release ;;
    report) trunk build crates/report/index.html --release --dist dist/report --public-url /r/ ;;
    login) trunk build crates/login/index.html --release --dist dist/login --public-url /beheer/login/ ;;
    console) trunk build crates/console/index.html --release --dist dist/console --public-url /beheer/ ;;
    author) trunk build crates/author/index.html --release --dist dist/author --public-url /beheer/auteur/ ;;
    *) echo "unknown app: $app (scan, report, login, console or author)" >&2; exit 2 ;;
  esac
done

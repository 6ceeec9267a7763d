#!/usr/bin/env bash
# The release build of the phone app into dist/, exactly as it is shipped and measured
# (start.sh, test.sh and measure.sh all build through here). Extra arguments go to Trunk.
#
# Beyond `trunk build --release`, the standard library is compiled together with the app with
# the panic strategy "immediate-abort": a panic stops the module at once instead of formatting a
# message. That drops the panic-message and formatting machinery from both modules (about 16 KB
# gzipped of the scan module, see docs/PERFORMANCE.md), the largest single step to the 150 KB
# budget for the first question. Panics still stop the app; only their message is gone from the
# release build. `trunk serve` (debug) keeps the messages through console_error_panic_hook.
#
# Both are unstable Cargo/rustc features. RUSTC_BOOTSTRAP lets the machine's one (stable)
# toolchain accept them for this build only; every other build of the workspace stays on
# stable features. setup.sh installs the standard library's sources (rustup's rust-src).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$PATH"

export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
exec trunk build --release "$@"

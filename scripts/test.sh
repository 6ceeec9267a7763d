#!/usr/bin/env bash
# Sets everything up (only what is missing) and runs every test: definitions, the core and
# server suites (SQLite and PostgreSQL), the app's logic, the core built for WebAssembly, the
# release build of the app, and the browser tests in headless Chromium against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"
# Two cores: keep parallel jobs to what the machine has.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

step() { printf '\n== %s\n' "$*"; }

step "questionnaire definitions"
cargo run -q -p werkscan-cli -- check questionnaires/

step "the core crate builds for the browser (no I/O, no server dependencies)"
cargo build -q -p werkscan-core --target wasm32-unknown-unknown

step "Rust tests: core, command line, server (SQLite and PostgreSQL), app logic"
cargo test --workspace

step "release build of the app"
trunk build --release

step "browser tests (headless Chromium, real server on loopback)"
cargo build -q -p werkscan-server
node --test --test-concurrency=1 tests/e2e/

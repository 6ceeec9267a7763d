#!/usr/bin/env bash
# Sets everything up (only what is missing) and runs every test: definitions, the core and
# server suites (SQLite and PostgreSQL), the app's logic, the core built for WebAssembly, the
# release build of the app, and the browser tests in headless Chromium against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# Two cores: keep parallel jobs to what the machine has.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

step() { printf '\n== %s\n' "$*"; }

step "the core crate builds for the browser (no I/O, no server dependencies)"
cargo build -q -p werkscan-core --target wasm32-unknown-unknown

step "Rust tests: core, command line, server (SQLite and PostgreSQL), app logic"
# The server's PostgreSQL suite uses the database `test` (WERKSCAN_TEST_POSTGRES); a fresh
# PostgreSQL may only have `postgres`. Without PostgreSQL this does nothing and the suite says so.
if [ -z "${WERKSCAN_TEST_POSTGRES:-}" ] && command -v psql >/dev/null; then
  psql "postgres://postgres@127.0.0.1:5432/postgres" -qc "CREATE DATABASE test" >/dev/null 2>&1 || true
fi
cargo test --workspace

# The binaries below were built by the tests (with the workspace's features); building them
# again with `cargo run -p` or `cargo build -p` would compile several crates a second time.
step "questionnaire definitions"
target/debug/werkscan check questionnaires/

step "release build of the app, within its byte budget"
./scripts/build-app.sh
./scripts/bundle-size.sh

step "browser tests (headless Chromium, real server on loopback)"
node --test --test-concurrency=1 tests/e2e/*.test.mjs

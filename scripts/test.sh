#!/usr/bin/env bash
# Sets everything up (only what is missing) and runs every test: formatting and lints, the
# definitions, the core, kit, app and server suites (SQLite and PostgreSQL), the core built for
# WebAssembly, the release build of the five apps with the byte budgets of the scan and the
# staff login, and the browser tests in headless Chromium against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# Two cores: keep parallel jobs to what the machine has.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

step() { printf '\n== %s\n' "$*"; }

step "formatting (rustfmt.toml) and lints (clippy, warnings are errors)"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
# The browser apps once more as the browser builds them (32-bit pointers), where some lints
# judge differently from the host.
cargo clippy --target wasm32-unknown-unknown -p werkscan-scan -p werkscan-report -p werkscan-login \
  -p werkscan-author -p werkscan-console -p werkscan-kit -- -D warnings

step "the core crate builds for the browser as the scan app uses it (no I/O, no serde, no server dependencies)"
cargo build -q -p werkscan-core --no-default-features --target wasm32-unknown-unknown

step "the wire contract builds for the browser as the report and the console use it (serde only)"
cargo build -q -p werkscan-api --target wasm32-unknown-unknown

step "Rust tests: core, definitions, command line, kit, scan, report, server (SQLite and PostgreSQL)"
# The server's PostgreSQL half is marked ignored (a test that cannot run must not count as
# passed) and is run here with --include-ignored whenever PostgreSQL answers. It uses the database
# `test` (WERKSCAN_TEST_POSTGRES), which a fresh PostgreSQL may lack.
pg_url="${WERKSCAN_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test}"
if [ -z "${WERKSCAN_TEST_POSTGRES:-}" ] && command -v psql >/dev/null; then
  psql "postgres://postgres@127.0.0.1:5432/postgres" -qc "CREATE DATABASE test" >/dev/null 2>&1 || true
fi
if command -v psql >/dev/null && psql "$pg_url" -qtAc "SELECT 1" >/dev/null 2>&1; then
  cargo test --workspace -- --include-ignored
else
  cat >&2 <<EOT

#############################################################################
## PostgreSQL at $pg_url is NOT reachable.
## The PostgreSQL half of the server tests is IGNORED: it did NOT run.
#############################################################################

EOT
  if [ "${WERKSCAN_REQUIRE_POSTGRES:-}" = 1 ]; then
    echo "WERKSCAN_REQUIRE_POSTGRES=1: failing" >&2
    exit 1
  fi
  cargo test --workspace
fi

# The binaries below were built by the tests (with the workspace's features); building them
# again with `cargo run -p` or `cargo build -p` would compile several crates a second time.
step "questionnaire definitions"
target/debug/werkscan check questionnaires/

step "release build of the five apps, the scan and the staff login within their byte budgets"
./scripts/build-app.sh
./scripts/bundle-size.sh

step "browser tests (headless Chromium, real server on loopback)"
node --test --test-concurrency=1 tests/e2e/*.test.mjs

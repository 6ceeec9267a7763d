#!/usr/bin/env bash
# Installs what building, running and testing Werkscan needs, and only what is missing, so a
# second run takes seconds. Versions are pinned: Trunk downloads any tool it cannot find at the
# pinned version, and downloads fail on machines without general internet access.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/toolchain.env
TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version in Cargo.lock (Cargo.toml pins it with "=").
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release build of the apps runs on a pinned nightly and compiles the standard library with
# them (scripts/toolchain.env, scripts/build-app.sh): that toolchain and the standard library's
# sources. No prebuilt WebAssembly standard library is needed (the build compiles its own), which
# is as well: rustup does not offer one for every nightly.
if ! rustup run "$WASM_TOOLCHAIN" rustc --version >/dev/null 2>&1; then
  say "installing the pinned toolchain for the release build ($WASM_TOOLCHAIN)"
  rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal
fi
if ! rustup component list --installed --toolchain "$WASM_TOOLCHAIN" | grep -q '^rust-src'; then
  rustup component add --toolchain "$WASM_TOOLCHAIN" rust-src
fi

# Trunk builds offline (Trunk.toml), so every crate must be in the cargo cache before it runs:
# the workspace's, and the standard library's own, which the release build compiles. Both are
# quick when nothing is missing.
say "fetching crates (only what is missing)"
cargo fetch --locked --quiet
cargo "+$WASM_TOOLCHAIN" fetch --quiet --manifest-path "$(rustup run "$WASM_TOOLCHAIN" rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Chromium for the browser tests (Playwright drives it directly; no chromedriver).
if [ ! -x /usr/bin/chromium ]; then
  say "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

# Trunk's post-build hook runs on Node.js; the browser tests use `import.meta.dirname` (20.11 or later).
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 11) ? 0 : 1)' 2>/dev/null; then
  say "Node.js 20.11 or later is needed (found: $(node --version 2>/dev/null || echo none))"
  exit 1
fi

# wasm-opt, terser (the release build's glue), Playwright (driving Debian's Chromium), axe-core and Lighthouse, pinned by
# tools/package-lock.json. Debian's binaryen is too old for this rustc's wasm output.
if [ ! -d tools/node_modules ] || [ tools/package-lock.json -nt tools/node_modules/.installed ]; then
  say "installing the node tools (wasm-opt, terser, playwright-core, axe-core, lighthouse)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi
say "ready"

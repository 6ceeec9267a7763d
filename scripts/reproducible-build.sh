#!/usr/bin/env bash
# Shows that the release build is reproducible: the committed tree is cloned twice into different
# folders and built from scratch in each (own target folder), then the apps' WebAssembly modules
# and glue are compared byte for byte. Takes two full release builds.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for copy in first second; do
  git clone -q "$repo" "$work/$copy"
  # The node tools (wasm-opt, terser) are the pinned ones already installed here.
  ln -s "$repo/tools/node_modules" "$work/$copy/tools/node_modules"
  (cd "$work/$copy" && CARGO_TARGET_DIR="$work/$copy-target" ./scripts/build-app.sh >"$work/$copy.log" 2>&1) || {
    cat "$work/$copy.log"
    exit 1
  }
  (cd "$work/$copy/dist" && sha256sum */*.wasm */werkscan-*.js | sort -k2) >"$work/$copy.sums"
done
cat "$work/first.sums"
if diff -u "$work/first.sums" "$work/second.sums"; then
  echo "== reproducible: both builds gave the same bytes"
else
  echo "== NOT reproducible" >&2
  exit 1
fi

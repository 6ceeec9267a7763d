#!/usr/bin/env bash
# Proves that the README's commands work on a fresh machine of this kind, where the cargo cache is
# empty: a clean clone of the committed tree, an empty CARGO_HOME, then the set-up and the release
# build of the apps (what failed on a fresh machine before). Installed binaries (Trunk,
# wasm-bindgen) are reused, as the issue allows: building Trunk takes about ten minutes and proves
# nothing about our own steps. Prints how long each step took.
#   ./scripts/fresh-machine-check.sh          set-up and release build
#   ./scripts/fresh-machine-check.sh --full   the whole test command as well
# Run it before every submission that touches the set-up or the build; the README has its time.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/werkscan"
export CARGO_HOME="$work/cargo-home"
mkdir -p "$CARGO_HOME/bin"
for tool in trunk wasm-bindgen wasm-bindgen-test-runner; do
  if command -v "$tool" >/dev/null; then ln -s "$(command -v "$tool")" "$CARGO_HOME/bin/$tool"; fi
done
export PATH="$CARGO_HOME/bin:$PATH"
cd "$work/werkscan"

timed() {
  local label=$1; shift
  local start=$SECONDS
  "$@"
  echo "== $label: $((SECONDS - start)) s"
}
timed "setup.sh from an empty cargo cache" ./scripts/setup.sh
timed "release build of the five apps" ./scripts/build-app.sh
./scripts/bundle-size.sh | tail -1
if [ "${1:-}" = "--full" ]; then
  timed "test.sh" ./scripts/test.sh
fi
echo "== fresh-machine check passed (clone of $(git -C "$repo" rev-parse --short HEAD))"

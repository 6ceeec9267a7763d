#!/usr/bin/env bash
# The linker of the shipped WebAssembly (scripts/build-app.sh sets it): the toolchain's own
# wasm linker, asked not to export the JavaScript stream classes of `wasm-streams`.
#
# Why: Leptos always brings `server_fn`'s browser client, and with it `wasm-streams`, whose
# `IntoUnderlyingSource`, `IntoUnderlyingSink` and `IntoUnderlyingByteSource` are exported from
# the module for JavaScript to call. No app of ours uses server functions or streams, but an
# exported function is never removed as unused, so their code (and their glue classes) went to
# every phone: about 2 KB gzipped of the scan, which has a byte budget (docs/PERFORMANCE.md).
# Without the `--export`, the linker drops them as any other unused code; wasm-bindgen then finds
# no such exports and writes no glue for them.
#
# Everything else is passed on unchanged. rustc calls the linker with `--export NAME` (or
# `--export=NAME`), possibly through a response file (`@FILE`) when the line is long; both are
# filtered the same way.
set -euo pipefail

dropped='intounderlying'

# The linker rustc would have run: rust-lld of the toolchain that runs this build, as wasm-ld.
sysroot="$(rustc --print sysroot)"
host="$(rustc -vV | sed -n 's/^host: //p')"
lld="$sysroot/lib/rustlib/$host/bin/rust-lld"

# Reads arguments one per line from stdin and writes them, without the dropped exports.
filter() {
  local skip_next=0 arg
  while IFS= read -r arg; do
    if [ "$skip_next" = 1 ]; then
      skip_next=0
      case "$arg" in *"$dropped"*) continue ;; *) printf '%s\n' "--export" "$arg"; continue ;; esac
    fi
    case "$arg" in
      --export) skip_next=1 ;;
      --export=*"$dropped"*) ;;
      *) printf '%s\n' "$arg" ;;
    esac
  done
  if [ "$skip_next" = 1 ]; then printf '%s\n' "--export"; fi
}

args=()
for arg in "$@"; do
  case "$arg" in
    @*)
      # A response file: filtered into a copy beside it.
      filtered="${arg#@}.filtered"
      filter < "${arg#@}" > "$filtered"
      args+=("@$filtered")
      ;;
    *) args+=("$arg") ;;
  esac
done

mapfile -t kept < <(printf '%s\n' "${args[@]}" | filter)
# rustc names the flavour itself (`-flavor wasm`) when it knows the linker is lld.
if [ "${kept[0]:-}" = -flavor ]; then
  exec "$lld" "${kept[@]}"
fi
exec "$lld" -flavor wasm "${kept[@]}"

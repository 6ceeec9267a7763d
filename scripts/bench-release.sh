#!/usr/bin/env bash
# Group figures: computing a release over many uploads, and reading the employer's dashboard
# under concurrent load, once on a SQLite file and once on the local PostgreSQL. The release
# server and crates/server/examples/release_bench.rs; load from a separate process on loopback.
#   ./scripts/bench-release.sh [uploads] [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
uploads="${1:-100000}"
connections="${2:-16}"
seconds="${3:-10}"
bench_start release_bench

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  echo "### $label: computing a release over $uploads uploads"
  "$bench" compute --db "$db" --uploads "$uploads" --runs 3 | tee "$dir/$label.compute"
  local campaign
  campaign=$(awk '/^campaign /{print $2}' "$dir/$label.compute")
  start_server "$label" "$db" "$port"
  echo "### $label: reading the dashboard ($connections connections, $seconds s)"
  "$bench" read --addr "127.0.0.1:$port" --campaign "$campaign" --connections "$connections" --seconds "$seconds"
  stop_server
}

on_both_databases werkscan_bench_release 18191

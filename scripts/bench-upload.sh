#!/usr/bin/env bash
# Upload throughput: the release server on loopback, loaded by a separate process
# (crates/server/examples/upload_bench.rs), once on a SQLite file and once on the local
# PostgreSQL. Prints the benchmark's own report for each. Bounded: 10 s per run.
#   ./scripts/bench-upload.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
connections="${1:-32}"
seconds="${2:-10}"
bench_start upload_bench

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  # As in production behind a reverse proxy: uploads from many people's addresses (50,000 here),
  # the per-address limits at their defaults.
  start_server "$label" "$db" "$port" --trust-proxy
  echo "### $label ($connections connections, $seconds s, consent: scores)"
  "$bench" --addr "127.0.0.1:$port" --code DEMO-SNEL --connections "$connections" --seconds "$seconds" --share scores --addresses 50000
  stop_server
}

on_both_databases werkscan_bench 18181

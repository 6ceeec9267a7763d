#!/usr/bin/env bash
# The arbeidsdeskundige's inbox with many shared results, read under concurrent load, once on a
# SQLite file and once on the local PostgreSQL. The release server and
# crates/server/examples/inbox_bench.rs; load from a separate process on loopback.
# The read runs once per number of concurrent readers: one expert alone, a few at once, and a
# crowd (the load generator shares the two cores with the server).
#   ./scripts/bench-inbox.sh [results] ["connections …"] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
results="${1:-10000}"
connections="${2:-1 4 16}"
seconds="${3:-10}"
bench_start inbox_bench

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  echo "### $label: $results shared results"
  "$bench" seed --db "$db" --results "$results" | tee "$dir/$label.seed"
  local campaign
  campaign=$(awk '/^campaign /{print $2}' "$dir/$label.seed")
  start_server "$label" "$db" "$port"
  echo "### $label: reading the inbox"
  "$bench" read --addr "127.0.0.1:$port" --campaign "$campaign" --connections "$connections" --seconds "$seconds"
  stop_server
}

on_both_databases werkscan_bench_inbox 18193

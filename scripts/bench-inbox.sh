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
cargo build -q --profile server -p werkscan-server --bin werkscan-server --example inbox_bench
server=target/server/werkscan-server
bench=target/server/examples/inbox_bench
dir=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  echo "### $label: $results shared results"
  "$bench" seed --db "$db" --results "$results" | tee "$dir/$label.seed"
  local campaign
  campaign=$(awk '/^campaign /{print $2}' "$dir/$label.seed")
  "$server" serve --db "$db" --addr "127.0.0.1:$port" >"$dir/$label.log" 2>&1 &
  pid=$!
  wait_until_up "$port" "$dir/$label.log"
  echo "### $label: reading the inbox"
  "$bench" read --addr "127.0.0.1:$port" --campaign "$campaign" --connections "$connections" --seconds "$seconds"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=""
}

run sqlite "sqlite://$dir/bench.sqlite" 18193
pg_base="${WERKSCAN_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
if psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS werkscan_bench_inbox" -c "CREATE DATABASE werkscan_bench_inbox" >/dev/null 2>&1; then
  run postgresql "$pg_base/werkscan_bench_inbox" 18194
else
  echo "### postgresql: NOT RUN (no PostgreSQL at $pg_base)"
fi

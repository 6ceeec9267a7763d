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
cargo build -q --profile server -p werkscan-server --bin werkscan-server --example upload_bench
server=target/server/werkscan-server
bench=target/server/examples/upload_bench
dir=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  # Every upload comes from this one address: the per-address limit is not what is measured.
  "$server" serve --db "$db" --addr "127.0.0.1:$port" --uploads-per-address 100000000 >"$dir/$label.log" 2>&1 &
  pid=$!
  wait_until_up "$port" "$dir/$label.log"
  echo "### $label ($connections connections, $seconds s, consent: scores)"
  "$bench" --addr "127.0.0.1:$port" --code DEMO-SNEL --connections "$connections" --seconds "$seconds" --share scores
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=""
}

run sqlite "sqlite://$dir/bench.sqlite" 18181
pg_base="${WERKSCAN_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
if psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS werkscan_bench" -c "CREATE DATABASE werkscan_bench" >/dev/null 2>&1; then
  run postgresql "$pg_base/werkscan_bench" 18182
else
  echo "### postgresql: NOT RUN (no PostgreSQL at $pg_base)"
fi

#!/usr/bin/env bash
# Booking throughput: the release server on loopback, loaded by a separate process
# (crates/server/examples/booking_bench.rs) that books distinct free slots of one expert over many
# connections, once on a SQLite file and once on the local PostgreSQL; then the time to compute
# an expert's free slots over a six-week window (crates/booking/examples/slots_bench.rs).
#   ./scripts/bench-booking.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
connections="${1:-32}"
seconds="${2:-10}"
cargo build -q --profile server -p werkscan-server --bin werkscan-server --example booking_bench
server=target/server/werkscan-server
bench=target/server/examples/booking_bench
dir=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  # Every booking comes from this one address: the per-address limit is not what is measured.
  "$server" serve --db "$db" --addr "127.0.0.1:$port" --bookings-per-address 100000000 >"$dir/$label.log" 2>&1 &
  pid=$!
  wait_until_up "$port" "$dir/$label.log"
  echo "### $label"
  "$bench" --addr "127.0.0.1:$port" --code DEMO-SNEL --connections "$connections" --seconds "$seconds"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=""
}

run sqlite "sqlite://$dir/bench.sqlite" 18191
pg_base="${WERKSCAN_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
if psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS werkscan_bench_booking" -c "CREATE DATABASE werkscan_bench_booking" >/dev/null 2>&1; then
  run postgresql "$pg_base/werkscan_bench_booking" 18192
else
  echo "### postgresql: NOT RUN (no PostgreSQL at $pg_base)"
fi
echo "### free slots over a six-week window"
cargo run -q --profile server -p werkscan-booking --example slots_bench

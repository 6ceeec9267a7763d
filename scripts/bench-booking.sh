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
bench_start booking_bench

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  # As in production behind a reverse proxy: bookings from many people's addresses (50,000
  # here), the per-address limit at its default.
  start_server "$label" "$db" "$port" --trust-proxy
  echo "### $label"
  "$bench" --addr "127.0.0.1:$port" --code DEMO-SNEL --connections "$connections" --seconds "$seconds" --addresses 50000
  stop_server
}

on_both_databases werkscan_bench_booking 18191
echo "### free slots over a six-week window"
cargo run -q --profile server -p werkscan-booking --example slots_bench

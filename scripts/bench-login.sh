#!/usr/bin/env bash
# Memory under a login storm: the release server on loopback, rounds of parallel wrong-password
# logins from a separate process (crates/server/examples/login_bench.rs), each from an address
# of its own through a trusted proxy so that every one reaches Argon2; prints the rate, the
# statuses, the latency and the server's resident memory at rest, at its peak and after, once on a
# SQLite file and once on the local PostgreSQL. Bounded: rounds × parallel logins.
#   ./scripts/bench-login.sh [rounds] [parallel]
# WERKSCAN_BENCH_SERVER=PATH runs the same storm against another build of the server (an older
# commit's, for a before/after comparison); the load generator is this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
rounds="${1:-10}"
parallel="${2:-48}"
bench_start login_bench
server="${WERKSCAN_BENCH_SERVER:-$server}"

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  # As behind a reverse proxy: every login from another address, the limits at their defaults.
  start_server "$label" "$db" "$port" --trusted-proxies 1
  echo "### $label ($rounds rounds of $parallel parallel wrong logins; $server)"
  "$bench" --addr "127.0.0.1:$port" --pid "$pid" --rounds "$rounds" --parallel "$parallel"
  stop_server
}

on_both_databases werkscan_bench_login 18195

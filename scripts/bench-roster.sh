#!/usr/bin/env bash
# Personal invitations: importing a roster (checking and storing every address) and approving it
# (a personal link and a message per address into the outbox), end to end over HTTP on loopback,
# once on a SQLite file and once on the local PostgreSQL. See
# crates/server/examples/roster_bench.rs.
#   ./scripts/bench-roster.sh [people] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
people="${1:-10000}"
runs="${2:-3}"
bench_start roster_bench

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  start_server "$label" "$db" "$port"
  echo "### $label: a roster of $people addresses, $runs campaigns"
  "$bench" --addr "127.0.0.1:$port" --people "$people" --runs "$runs"
  stop_server
}

on_both_databases werkscan_bench_roster 18291

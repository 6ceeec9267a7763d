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
cargo build -q --profile server -p werkscan-server --bin werkscan-server --example release_bench
server=target/server/werkscan-server
bench=target/server/examples/release_bench
dir=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

run() {
  local label=$1 db=$2 port=$3
  "$server" seed-demo --db "$db" >/dev/null
  echo "### $label: computing a release over $uploads uploads"
  "$bench" compute --db "$db" --uploads "$uploads" --runs 3 | tee "$dir/$label.compute"
  local campaign
  campaign=$(awk '/^campaign /{print $2}' "$dir/$label.compute")
  "$server" serve --db "$db" --addr "127.0.0.1:$port" >"$dir/$label.log" 2>&1 &
  pid=$!
  wait_until_up "$port" "$dir/$label.log"
  echo "### $label: reading the dashboard ($connections connections, $seconds s)"
  "$bench" read --addr "127.0.0.1:$port" --campaign "$campaign" --connections "$connections" --seconds "$seconds"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=""
}

run sqlite "sqlite://$dir/bench.sqlite" 18191
pg_base="${WERKSCAN_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
if psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS werkscan_bench_release" -c "CREATE DATABASE werkscan_bench_release" >/dev/null 2>&1; then
  run postgresql "$pg_base/werkscan_bench_release" 18192
else
  echo "### postgresql: NOT RUN (no PostgreSQL at $pg_base)"
fi

# Shared by the scripts that start a server of their own (measure.sh, the bench-*.sh).

# wait_until_up PORT LOG: waits up to 10 s for the server on 127.0.0.1:PORT to answer; if it does
# not, prints its log and stops the script, so no number is ever taken from a server that is not
# there.
wait_until_up() {
  local port=$1 log=$2
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/api/questionnaires" >/dev/null && return 0
    sleep 0.1
  done
  echo "the server on port $port did not start:" >&2
  cat "$log" >&2
  exit 1
}

# The benchmarks' frame (bench-*.sh). bench_start EXAMPLE builds the release server and the load
# generator crates/server/examples/EXAMPLE.rs, and sets $server, $bench and a scratch folder
# $dir, removed on exit together with a server start_server left running.
bench_start() {
  cargo build -q --profile server -p werkscan-server --bin werkscan-server --example "$1"
  server=target/server/werkscan-server
  bench=target/server/examples/$1
  dir=$(mktemp -d)
  pid=""
  trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
}

# start_server LABEL DB PORT [SERVE ARGUMENTS…]: serves DB on 127.0.0.1:PORT in the background
# (log in $dir/LABEL.log) and waits until it answers. stop_server stops it.
start_server() {
  local label=$1 db=$2 port=$3
  shift 3
  "$server" serve --db "$db" --addr "127.0.0.1:$port" "$@" >"$dir/$label.log" 2>&1 &
  pid=$!
  wait_until_up "$port" "$dir/$label.log"
}

stop_server() {
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=""
}

# on_both_databases NAME PORT: runs the caller's `run LABEL DB PORT` on a fresh SQLite file, then
# on a fresh PostgreSQL database NAME at $WERKSCAN_BENCH_POSTGRES (default: the local one), or
# says plainly that the PostgreSQL half did not run.
on_both_databases() {
  local name=$1 port=$2
  run sqlite "sqlite://$dir/$name.sqlite" "$port"
  local pg_base="${WERKSCAN_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
  if psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null 2>&1; then
    run postgresql "$pg_base/$name" "$((port + 1))"
  else
    echo "### postgresql: NOT RUN (no PostgreSQL at $pg_base)"
  fi
}

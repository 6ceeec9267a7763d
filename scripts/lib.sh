# Shared by the scripts that start a server of their own (measure.sh, bench-upload.sh).

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

#!/usr/bin/env bash
# Sets everything up (only what is missing), builds the app and the server, loads the demo data
# into the embedded SQLite database and starts Werkscan. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
ADDR="${WERKSCAN_ADDR:-127.0.0.1:8080}"
DB="${WERKSCAN_DB:-sqlite://data/werkscan.sqlite}"

./scripts/build-app.sh
cargo build --profile server -p werkscan-server
server=target/server/werkscan-server

# Loads the demo data (printing its logins and campaign links), then prints the address to open
# once it is listening. Plain http on loopback, so the session cookie cannot be Secure here.
exec "$server" serve --seed-demo --db "$DB" --addr "$ADDR" --base-url "http://$ADDR" --dist dist --questionnaires questionnaires --insecure-cookies

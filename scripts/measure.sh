#!/usr/bin/env bash
# Measures what docs/PERFORMANCE.md reports: the bytes the browser needs for the first question
# (release build; scripts/bundle-size.sh) and Lighthouse on its mobile profile. Prints Markdown tables.
#   ./scripts/measure.sh            bundle + Lighthouse
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
./scripts/setup.sh >/dev/null
export PATH="$PWD/tools/node_modules/.bin:$PATH"

./scripts/build-app.sh >/dev/null 2>&1
echo "## Bundle (release build)"
echo
./scripts/bundle-size.sh
echo

cargo build -q --profile server -p werkscan-server
dir=$(mktemp -d)
port=18765
# With the demo data, so that a campaign link (how most employees arrive) can be measured too.
target/server/werkscan-server serve --seed-demo --base-url "http://127.0.0.1:$port" --db "sqlite://$dir/measure.sqlite" --addr "127.0.0.1:$port" --dist dist --questionnaires questionnaires --insecure-cookies >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_until_up "$port" "$dir/server.log"

echo "## Lighthouse $(lighthouse --version) (mobile profile: emulated phone, simulated slow 4G and 4x CPU slowdown)"
echo
echo "| page | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms | CLS | bytes sent |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for path in / /c/DEMO-SNEL /scan/werkscan; do
  # A run that fails must not be reported with the previous page's numbers. On a cold browser
  # Lighthouse now and then fails to record the trace (NO_NAVSTART, no performance score): such
  # a run is repeated, three times at most, and what still fails shows as an error in its cell.
  for attempt in 1 2 3; do
    rm -f "$dir/lh.json"
    CHROME_PATH=/usr/bin/chromium lighthouse "http://127.0.0.1:$port$path" \
      --only-categories=performance,accessibility,best-practices --output=json --output-path="$dir/lh.json" --quiet \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=$dir/profile" >/dev/null 2>&1 || true
    node -e 'process.exit(typeof require(process.argv[1]).categories.performance.score === "number" ? 0 : 1)' "$dir/lh.json" 2>/dev/null && break
  done
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories, a = r.audits;
    // An audit that failed says so in its cell instead of stopping the table.
    const value = (id, format) => typeof a[id]?.numericValue === "number" ? format(a[id].numericValue) : `error: ${a[id]?.errorMessage ?? "no result"}`;
    const ms = (id) => value(id, Math.round);
    console.log(`| ${process.argv[2]} | ${c.performance.score} | ${c.accessibility.score} | ${c["best-practices"].score} | ${ms("first-contentful-paint")} | ${ms("largest-contentful-paint")} | ${ms("total-blocking-time")} | ${value("cumulative-layout-shift", (v) => v.toFixed(3))} | ${value("total-byte-weight", String)} |`);
  ' "$dir/lh.json" "$path"
done

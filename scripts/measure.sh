#!/usr/bin/env bash
# Measures what docs/PERFORMANCE.md reports: the bytes the browser needs for the first question
# (release build, gzip -9) and Lighthouse on its mobile profile. Prints a Markdown table.
#   ./scripts/measure.sh            bundle + Lighthouse
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
./scripts/setup.sh >/dev/null
export PATH="$PWD/tools/node_modules/.bin:$PATH"

./scripts/build-app.sh >/dev/null 2>&1
echo "## Bundle (release build, gzip -9)"
echo
echo "| file | bytes | gzipped |"
echo "|---|---:|---:|"
total=0; total_gz=0
for file in dist/index.html dist/loader-*.js dist/werkscan-app-*.js dist/werkscan-app-*_bg.wasm dist/main-*.css; do
  bytes=$(stat -c %s "$file"); gz=$(gzip -9c "$file" | wc -c)
  total=$((total + bytes)); total_gz=$((total_gz + gz))
  printf '| %s | %d | %d |\n' "${file#dist/}" "$bytes" "$gz"
done
printf '| **total for the first question** | %d | **%d** (%.1f KiB) |\n\n' "$total" "$total_gz" "$(awk "BEGIN { print $total_gz / 1024 }")"

echo "Loaded later, for the report and \"mijn gegevens\" (the service worker fetches it while the person answers):"
echo
echo "| file | bytes | gzipped |"
echo "|---|---:|---:|"
for file in dist/werkscan-report-*.js dist/werkscan-report-*_bg.wasm; do
  printf '| %s | %d | %d |\n' "${file#dist/}" "$(stat -c %s "$file")" "$(gzip -9c "$file" | wc -c)"
done
echo

cargo build -q --profile server -p werkscan-server
dir=$(mktemp -d)
port=18765
target/server/werkscan-server serve --db "sqlite://$dir/measure.sqlite" --addr "127.0.0.1:$port" --dist dist --questionnaires questionnaires --insecure-cookies >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_until_up "$port" "$dir/server.log"

echo "## Lighthouse $(lighthouse --version) (mobile profile: emulated phone, simulated slow 4G and 4x CPU slowdown)"
echo
echo "| page | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for path in / /scan/werkscan; do
  # A run that fails must not be reported with the previous page's numbers.
  rm -f "$dir/lh.json"
  CHROME_PATH=/usr/bin/chromium lighthouse "http://127.0.0.1:$port$path" \
    --only-categories=performance,accessibility,best-practices --output=json --output-path="$dir/lh.json" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=$dir/profile" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories, a = r.audits;
    console.log(`| ${process.argv[2]} | ${c.performance.score} | ${c.accessibility.score} | ${c["best-practices"].score} | ${Math.round(a["first-contentful-paint"].numericValue)} | ${Math.round(a["largest-contentful-paint"].numericValue)} | ${Math.round(a["total-blocking-time"].numericValue)} |`);
  ' "$dir/lh.json" "$path"
done

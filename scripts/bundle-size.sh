#!/usr/bin/env bash
# The bytes of the release build in dist/ (run ./scripts/build-app.sh first), as Markdown tables:
# what the browser needs before the first question (the scan app), the report app it loads
# later, the staff login (what a member of staff downloads before the login screen is usable,
# budget 250 KB gzipped, issue #23), the staff console and the questionnaire authors' app
# (neither of those two has a budget).
# "gzip -9" is the budget's measure (issue #3: at most 150 KB before the first question; issue #23: 140 KB); "sent"
# is what the server actually sends a browser that accepts Brotli (the .br copies in dist/).
# Exits non-zero when the first question needs more than the budget, so a change that breaks it
# fails the tests instead of waiting for the next measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=140000
LOGIN_BUDGET=250000

table() {
  local label=$1; shift
  local total=0 total_gz=0 total_br=0 file bytes gz br
  echo "| file | bytes | gzip -9 | sent (Brotli) |"
  echo "|---|---:|---:|---:|"
  for file in "$@"; do
    [ -f "$file" ] || { echo "missing: $file (run ./scripts/build-app.sh)" >&2; exit 1; }
    bytes=$(stat -c %s "$file"); gz=$(gzip -9c "$file" | wc -c)
    if [ -f "$file.br" ]; then br=$(stat -c %s "$file.br"); else br=$bytes; fi
    total=$((total + bytes)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
    printf '| %s | %d | %d | %d |\n' "${file#dist/}" "$bytes" "$gz" "$br"
  done
  printf '| **%s** | %d | **%d** | %d |\n\n' "$label" "$total" "$total_gz" "$total_br"
  last_total_gz=$total_gz
}

echo "Before the first question:"
echo
table "total for the first question" dist/scan/index.html dist/scan/werkscan-scan-*[0-9a-f].js dist/scan/werkscan-scan-*_bg.wasm dist/scan/main-*.css
first=$last_total_gz
echo "The report app, for the report, sharing, booking and \"mijn gegevens\" (the service worker fetches it while the person answers):"
echo
table "report app" dist/report/index.html dist/report/werkscan-report-*[0-9a-f].js dist/report/werkscan-report-*_bg.wasm dist/report/*.css
echo "The staff login (all a member of staff downloads before logging in; the server sends it for every staff screen until a login is complete):"
echo
table "staff login" dist/login/index.html dist/login/werkscan-login-*[0-9a-f].js dist/login/werkscan-login-*_bg.wasm dist/login/*.css
login=$last_total_gz
echo "The staff console (never loaded by an employee, nor by staff before logging in):"
echo
table "staff console" dist/console/index.html dist/console/werkscan-console-*[0-9a-f].js dist/console/werkscan-console-*_bg.wasm dist/console/*.css
echo "The questionnaire authors' app (sent only to a login of a definition author):"
echo
table "authors' app" dist/author/index.html dist/author/werkscan-author-*[0-9a-f].js dist/author/werkscan-author-*_bg.wasm dist/author/*.css

if [ "$first" -gt "$BUDGET" ]; then
  echo "over budget: the first question needs $first bytes gzipped, the budget is $BUDGET" >&2
  exit 1
fi
if [ "$login" -gt "$LOGIN_BUDGET" ]; then
  echo "over budget: the staff login needs $login bytes gzipped, the budget is $LOGIN_BUDGET" >&2
  exit 1
fi
echo "Budget: $first of $BUDGET bytes gzipped before the first question."
echo "Budget: $login of $LOGIN_BUDGET bytes gzipped before the staff login is usable."

#!/usr/bin/env bash
# The employee's first screen against SurveyJS 2.5.38 doing the same job, in one run: Lighthouse
# (tools/node_modules, its mobile profile: emulated phone, simulated slow 4G, 4x CPU slowdown) on
# our campaign link and a scan's introduction, and on a SurveyJS page with the quick scan's
# introduction and first question (scripts/surveyjs-page.mjs), taken alternately, ROUNDS rounds
# (default 3). Prints a Markdown table. docs/PERFORMANCE.md, "The employee's first screen".
#
#   ./scripts/lighthouse-vs-surveyjs.sh [ROUNDS]
#
# THROTTLING=devtools applies the same network and CPU limits to the page load itself instead
# of simulating them afterwards from an unthrottled load (Lighthouse's default, "simulate"). The
# simulation counts every file that arrived before the first paint of the unthrottled load as
# needed for that paint, so it puts the app's module (preloaded, not needed for a drawn screen)
# before our largest paint; the applied run measures when the paint really comes. Only the applied
# run gives "ready": when the app has taken over the drawn screen and done what was tapped on it
# (the werkscan:ready mark).
#
# The apps must be built (./scripts/build-app.sh scan report). WERKSCAN_SERVER and WERKSCAN_DIST
# measure another build instead (a server binary and its dist folder, e.g. main's, for "before").
# SurveyJS is installed on demand into tools/surveyjs (gitignored): it is only measured, never
# part of the build or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"
rounds=${1:-3}
throttling=${THROTTLING:-simulate}

server=${WERKSCAN_SERVER:-}
if [ -z "$server" ]; then
  cargo build -q --profile server -p werkscan-server --bin werkscan-server
  server=${CARGO_TARGET_DIR:-target}/server/werkscan-server
fi
dist=${WERKSCAN_DIST:-dist}
[ -f "$dist/scan/index.html" ] || { echo "no built apps in $dist: run ./scripts/build-app.sh scan report" >&2; exit 1; }

surveyjs=tools/surveyjs
if [ ! -f "$surveyjs/node_modules/survey-js-ui/package.json" ]; then
  mkdir -p "$surveyjs"
  [ -f "$surveyjs/package.json" ] || echo '{ "private": true }' >"$surveyjs/package.json"
  (cd "$surveyjs" && npm install --no-audit --no-fund --loglevel=error --save-exact survey-core@2.5.38 survey-js-ui@2.5.38 >/dev/null)
fi

dir=$(mktemp -d)
port=18766
sj_port=18767
"$server" serve --seed-demo --base-url "http://127.0.0.1:$port" --db "sqlite://$dir/measure.sqlite" --addr "127.0.0.1:$port" --dist "$dist" --questionnaires questionnaires --insecure-cookies >"$dir/server.log" 2>&1 &
pids=$!
trap 'kill $pids 2>/dev/null || true; rm -rf "$dir"' EXIT
# Seeding the demo hashes its passwords, which takes a debug build a while on a busy machine:
# up to two minutes here, then wait_until_up's own ten seconds.
for _ in $(seq 1200); do curl -sf "http://127.0.0.1:$port/api/questionnaires" >/dev/null && break; sleep 0.1; done
wait_until_up "$port" "$dir/server.log"
node scripts/surveyjs-page.mjs "http://127.0.0.1:$port/api/questionnaires/quickscan" "$sj_port" "$surveyjs/node_modules" >"$dir/surveyjs.log" 2>&1 &
pids="$pids $!"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$sj_port/" >/dev/null && break; sleep 0.1; done

echo "Lighthouse $(lighthouse --version), mobile profile, throttling $throttling; $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | page | performance | FCP ms | LCP ms | TTI ms | ready ms | TBT ms | CLS | bytes sent |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for round in $(seq "$rounds"); do
  for target in "ours /c/DEMO-SNEL" "ours /scan/werkscan" "surveyjs /"; do
    read -r who path <<<"$target"
    if [ "$who" = ours ]; then url="http://127.0.0.1:$port$path"; label="Werkscan \`$path\`"; else url="http://127.0.0.1:$sj_port$path"; label="SurveyJS 2.5.38"; fi
    # A run without a performance score (now and then NO_NAVSTART on a cold browser) is repeated,
    # three times at most; what still fails shows as an error in its cell.
    for attempt in 1 2 3; do
      rm -rf "$dir/lh.json" "$dir/profile"
      CHROME_PATH=/usr/bin/chromium lighthouse "$url" --throttling-method="$throttling" --only-categories=performance --output=json --output-path="$dir/lh.json" --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=$dir/profile" >/dev/null 2>&1 || true
      node -e 'process.exit(typeof require(process.argv[1]).categories.performance.score === "number" ? 0 : 1)' "$dir/lh.json" 2>/dev/null && break
    done
    node -e '
      const r = require(process.argv[1]);
      const a = r.audits;
      const value = (id, format) => typeof a[id]?.numericValue === "number" ? format(a[id].numericValue) : `error: ${a[id]?.errorMessage ?? "no result"}`;
      const ms = (id) => value(id, Math.round);
      // "ready": when our app has taken over the drawn screen and carried out any tap made on it
      // before (the werkscan:ready mark, werkscan_kit::loading); the drawn screen answers taps
      // from its first paint. Marks are times of the load itself, so only a run with the limits
      // applied gives it; SurveyJS sets none.
      const mark = (a["user-timings"]?.details?.items ?? []).find((item) => item.name === "werkscan:ready");
      const ready = process.argv[4] !== "devtools" ? "—" : mark ? Math.round(mark.startTime) : "none";
      console.log(`| ${process.argv[3]} | ${process.argv[2]} | ${r.categories.performance.score} | ${ms("first-contentful-paint")} | ${ms("largest-contentful-paint")} | ${ms("interactive")} | ${ready} | ${ms("total-blocking-time")} | ${value("cumulative-layout-shift", (v) => v.toFixed(3))} | ${value("total-byte-weight", String)} |`);
    ' "$dir/lh.json" "$label" "$round" "$throttling"
  done
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

"""Trunk post-build hook. Three jobs, all on the staged `dist`:

1. The report module (`werkscan-report`, built by Trunk as a "worker" so that it is compiled and
   optimised but not loaded) gets a content hash in its file names, like every other asset, so
   it can be cached for a year and an update is never mixed with an old module.
2. The inline module script Trunk writes into index.html is replaced by `loader-<hash>.js`: the
   Content-Security-Policy forbids inline scripts, and the loader picks the module for the path
   (the same choice as `routing::Route::module` in the app). The report module's files are named
   in a `werkscan:precache` meta tag, so the service worker fetches them while the person
   answers and the report opens instantly and offline.
3. The service worker's cache is named after the build (see there).
"""

import hashlib
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def fail(message: str) -> None:
    sys.exit(f"trunk_post_build: {message}")


# 1. Hash the report module's file names.
report_js = staging / "werkscan-report.js"
report_wasm = staging / "werkscan-report_bg.wasm"
if not report_js.is_file() or not report_wasm.is_file():
    fail("the report module (werkscan-report.js, werkscan-report_bg.wasm) was not built")
tag = digest(report_js.read_bytes() + report_wasm.read_bytes())
report_js = report_js.rename(staging / f"werkscan-report-{tag}.js")
report_wasm = report_wasm.rename(staging / f"werkscan-report-{tag}_bg.wasm")

# 2. Replace the inline loader.
# Trunk minifies the page in release builds: attribute quotes and `</head>` may be gone.
pattern = re.compile(r'<script type="?module"?([^>]*)>(.*?)</script>', re.S)
match = pattern.search(html)
if match is None:
    fail("no inline module script found in index.html")
attributes, body = match.group(1), match.group(2)
scan_js = re.search(r"from '(/werkscan-app-[^']+\.js)'", body)
scan_wasm = re.search(r"module_or_path: '(/werkscan-app-[^']+_bg\.wasm)'", body)
if scan_js is None or scan_wasm is None:
    fail("Trunk's loader no longer names the scan module as expected; update this hook")

loader = f"""// Starts the module for this path: the report module for /scan/{{id}}/rapport and
// /mijn-gegevens, the scan module for everything else (routing::Route::module in the app).
const report = /^\\/+(scan\\/[^/]+\\/rapport|mijn-gegevens)\\/*$/.test(location.pathname);
const [glue, wasm] = report
  ? ["/{report_js.name}", "/{report_wasm.name}"]
  : ["{scan_js.group(1)}", "{scan_wasm.group(1)}"];
const module = await import(glue);
await module.default({{ module_or_path: wasm }});
"""
name = f"loader-{digest(loader.encode('utf-8'))}.js"
(staging / name).write_text(loader, encoding="utf-8")
# Drop nonce/integrity attributes that belonged to the inline form.
attributes = re.sub(r'\s(nonce|integrity)="[^"]*"', "", attributes)
precache = f'<meta name="werkscan:precache" content="/{report_js.name} /{report_wasm.name}" />'
loader_tag = f'<script type="module" src="/{name}"{attributes}></script>'
html = html[: match.start()] + precache + loader_tag + html[match.end():]
index.write_text(html, encoding="utf-8")

# 3. Name the service worker's cache after this build. A changed sw.js is what makes browsers
#    install the new worker, which fetches the new modules ahead and drops the old cache.
worker = staging / "sw.js"
source = worker.read_text(encoding="utf-8")
named, count = re.subn(r'const CACHE = "[^"]*";', f'const CACHE = "werkscan-{digest(html.encode("utf-8"))}";', source)
if count != 1:
    fail("sw.js has no `const CACHE = \"…\";` line to name after the build")
worker.write_text(named, encoding="utf-8")

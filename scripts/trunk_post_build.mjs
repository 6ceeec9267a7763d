// Trunk post-build hook (Trunk.toml). Four jobs, all on the staged `dist`, in this order (Trunk
// runs the hooks of one stage side by side, so they are one script). In release builds the
// wasm-bindgen glue is minified first (see `minifyGlue`).
//
// 1. The report module (`werkscan-report`, built by Trunk as a "worker" so that it is compiled
//    and optimised but not loaded) gets a content hash in its file names, like every other
//    asset, so it can be cached for a year and an update is never mixed with an old module.
// 2. The inline module script Trunk writes into index.html is replaced by `loader-<hash>.js`:
//    the Content-Security-Policy forbids inline scripts, and the loader picks the module for the
//    path (the same choice as `routing::Route::module` in the app). The report module's files
//    are named in a `werkscan:precache` meta tag, so the service worker fetches them while the
//    person answers and the report opens instantly and offline.
// 3. The service worker's cache is named after the build (see there).
// 4. Release builds only: every text and wasm file gets a Brotli (`.br`) and a gzip (`.gz`)
//    copy at the highest settings, which the server sends to browsers that accept them
//    (crates/server/src/web.rs). Compressing once here beats compressing on every request.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, statSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const staging = process.env.TRUNK_STAGING_DIR ?? "dist";
const release = process.env.TRUNK_PROFILE === "release";

function digest(data) {
  return createHash("sha256").update(data).digest("hex").slice(0, 16);
}

function fail(message) {
  console.error(`trunk_post_build: ${message}`);
  process.exit(1);
}

/**
 * Release builds: the wasm-bindgen glue minified with terser (Trunk's own minifier stops at its
 * `export default` and leaves it whole; minified it is 1.5 KB smaller gzipped per module).
 * Returns the new content's Subresource Integrity value.
 */
async function minifyGlue(path) {
  const terser = createRequire(join(process.cwd(), "tools", "package.json"))("terser");
  const { code } = await terser.minify(readFileSync(path, "utf8"), { module: true, compress: true, mangle: true });
  writeFileSync(path, code);
  return `sha384-${createHash("sha384").update(code).digest("base64")}`;
}

// 1. Hash the report module's file names (after minifying, so the name follows the content).
const reportJsPath = join(staging, "werkscan-report.js");
const reportWasmPath = join(staging, "werkscan-report_bg.wasm");
if (!existsSync(reportJsPath) || !existsSync(reportWasmPath)) {
  fail("the report module (werkscan-report.js, werkscan-report_bg.wasm) was not built");
}
if (release) await minifyGlue(reportJsPath);
const tag = digest(Buffer.concat([readFileSync(reportJsPath), readFileSync(reportWasmPath)]));
const reportJs = `werkscan-report-${tag}.js`;
const reportWasm = `werkscan-report-${tag}_bg.wasm`;
renameSync(reportJsPath, join(staging, reportJs));
renameSync(reportWasmPath, join(staging, reportWasm));

// 2. Replace the inline loader.
// Trunk minifies the page in release builds: attribute quotes and `</head>` may be gone.
const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");
const inline = /<script type="?module"?([^>]*)>([\s\S]*?)<\/script>/.exec(html);
if (inline === null) fail("no inline module script found in index.html");
const [whole, attributes, body] = inline;
const scanJs = /from '(\/werkscan-app-[^']+\.js)'/.exec(body);
const scanWasm = /module_or_path: '(\/werkscan-app-[^']+_bg\.wasm)'/.exec(body);
if (scanJs === null || scanWasm === null) {
  fail("Trunk's loader no longer names the scan module as expected; update this hook");
}

const loader = `// Starts the module for this path: the report module for /scan/{id}/rapport and
// /mijn-gegevens, the scan module for everything else (routing::Route::module in the app).
const report = /^\\/+(scan\\/[^/]+\\/rapport|mijn-gegevens)\\/*$/.test(location.pathname);
const [glue, wasm] = report
  ? ["/${reportJs}", "/${reportWasm}"]
  : ["${scanJs[1]}", "${scanWasm[1]}"];
const module = await import(glue);
await module.default({ module_or_path: wasm });
`;
const loaderName = `loader-${digest(loader)}.js`;
writeFileSync(join(staging, loaderName), loader);
// Drop nonce/integrity attributes that belonged to the inline form.
const loaderAttributes = attributes.replace(/\s(nonce|integrity)="[^"]*"/g, "");
const precache = `<meta name="werkscan:precache" content="/${reportJs} /${reportWasm}" />`;
const loaderTag = `<script type="module" src="/${loaderName}"${loaderAttributes}></script>`;
html = html.slice(0, inline.index) + precache + loaderTag + html.slice(inline.index + whole.length);
if (release) {
  // The scan module's glue is preloaded with Trunk's integrity value, which must follow it.
  const integrity = await minifyGlue(join(staging, scanJs[1]));
  const preload = new RegExp(`(<link[^>]*href="?${scanJs[1].replace(/[.]/g, "\\.")}"?[^>]*integrity="?)sha384-[A-Za-z0-9+/=]+`);
  if (!preload.test(html)) fail("no integrity value for the scan module's glue found in index.html");
  html = html.replace(preload, `$1${integrity}`);
}
writeFileSync(indexPath, html);

// 3. Name the service worker's cache after this build. A changed sw.js is what makes browsers
//    install the new worker, which fetches the new modules ahead and drops the old cache.
const workerPath = join(staging, "sw.js");
const worker = readFileSync(workerPath, "utf8");
const cacheLine = /const CACHE = "[^"]*";/;
if (!cacheLine.test(worker)) fail('sw.js has no `const CACHE = "…";` line to name after the build');
writeFileSync(workerPath, worker.replace(cacheLine, `const CACHE = "werkscan-${digest(html)}";`));

// 4. Compressed copies, last, so they match the files as changed above.
if (release) {
  const compressible = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt)$/;
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  for (const path of walk(staging).filter((path) => compressible.test(path))) {
    const data = readFileSync(path);
    const brotli = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    // A copy that is not smaller is not worth a second file.
    if (brotli.length < data.length) writeFileSync(`${path}.br`, brotli);
    const gzip = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
    if (gzip.length < data.length) writeFileSync(`${path}.gz`, gzip);
  }
}

// Trunk post-build hook (Trunk.toml), for each of the three apps. Release builds only, on the
// staged output; nothing Trunk wrote into the page is rewritten.
//
// 1. The wasm-bindgen glue is minified with terser: Trunk's own minifier stops at its
//    `export default` and leaves it whole; minified it is about 1.5 KB smaller gzipped per app.
//    (The pages carry no integrity values for it: index.html sets data-integrity="none".)
// 2. A start-up script that a page places after its content (the scan's: index.html) is made
//    `async`, so the page is complete (DOMContentLoaded) without waiting for the app's module; as
//    Trunk writes it, a module script waits for the whole document. In the head that would let
//    the app start before the body exists, so a start-up script there is left as it is.
// 3. Every text and wasm file gets a Brotli (`.br`) and a gzip (`.gz`) copy at the highest
//    settings, which the server sends to browsers that accept them (crates/server/src/static_files.rs).
//    Compressing once here beats compressing on every request.
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const staging = process.env.TRUNK_STAGING_DIR ?? "dist";
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

// Terser lives in tools/ (pinned by tools/package-lock.json) beside this script's folder.
const terser = createRequire(new URL("../tools/package.json", import.meta.url))("terser");
for (const path of walk(staging).filter((path) => /werkscan-[a-z]+-[0-9a-f]+\.js$/.test(path))) {
  const { code } = await terser.minify(readFileSync(path, "utf8"), { module: true, compress: true, mangle: true });
  writeFileSync(path, code);
}

for (const path of walk(staging).filter((path) => path.endsWith(".html"))) {
  const page = readFileSync(path, "utf8");
  const body = page.indexOf("<body");
  const start = page.indexOf("<script type=module>", body);
  if (body >= 0 && start > body) {
    writeFileSync(path, `${page.slice(0, start)}<script type=module async>${page.slice(start + "<script type=module>".length)}`);
  }
}

const compressible = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt)$/;
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

// Shared set-up for the browser tests: the real server on loopback with a fresh SQLite file,
// Debian's Chromium driven by Playwright, and helpers that answer questions like a person does.
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "../../tools/node_modules/playwright-core/index.mjs";

export const repo = resolve(import.meta.dirname, "../..");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

async function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Starts `werkscan-server serve` on a free loopback port with a fresh database. */
export async function startServer({ seed = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "werkscan-e2e-"));
  const db = `sqlite://${join(dir, "werkscan.sqlite")}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const binary = process.env.WERKSCAN_SERVER_BIN || join(repo, "target/debug/werkscan-server");
  const common = ["--db", db, "--questionnaires", join(repo, "questionnaires")];
  const seeding = seed ? ["--seed-demo", "--base-url", base] : [];
  const child = spawn(binary, ["serve", ...common, ...seeding, "--addr", `127.0.0.1:${port}`, "--dist", join(repo, "dist"), "--insecure-cookies"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  // The server says when it listens, after loading the definitions and, if asked, the demo
  // data (password hashing in a debug build takes a while): wait for that line, and give up at
  // once if the process ends instead.
  await new Promise((resolve, reject) => {
    const done = (error) => {
      clearTimeout(timer);
      child.stdout.off("data", listening);
      child.off("exit", exited);
      child.off("error", done);
      if (error) {
        child.kill("SIGKILL");
        reject(new Error(`server did not start (${error.message}):\n${log}`));
      } else {
        resolve();
      }
    };
    const listening = () => log.includes("werkscan-server listening on") && done();
    const exited = (code) => done(new Error(`it exited with ${code}`));
    const timer = setTimeout(() => done(new Error("not listening after 120 s")), 120_000);
    child.stdout.on("data", listening);
    child.on("exit", exited);
    child.on("error", done);
  });
  return { base, log: () => log, stop: () => child.kill("SIGTERM") };
}

/**
 * Registers before/after hooks that start a server (seeded if asked) and a browser for one
 * test file, and returns a handle whose `server` and `browser` are set once they run.
 */
export function useServerAndBrowser(hooks, options = {}) {
  const handle = { server: null, browser: null };
  hooks.before(async () => {
    handle.server = await startServer(options);
    handle.browser = await startBrowser();
  });
  hooks.after(async () => {
    await handle.browser?.close();
    handle.server?.stop();
  });
  return handle;
}

/** Chromium as on a 360 px phone. */
export async function startBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export async function phone(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, locale: "nl-NL", ...options });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { context, page, errors };
}

/** The id of the question on screen, or null when none is. */
export async function currentItem(page) {
  const fieldset = page.locator("fieldset.question");
  if ((await fieldset.count()) === 0) return null;
  return fieldset.getAttribute("data-item");
}

/** Waits until the question on screen is not `previous` (or the report shows). */
export async function waitForStep(page, previous) {
  await page.waitForFunction(
    (previous) => {
      const fieldset = document.querySelector("fieldset.question");
      return document.querySelector(".report") || (fieldset && fieldset.dataset.item !== previous);
    },
    previous,
    { timeout: 10000 },
  );
}

/** The item type of the question on screen (`likert`, `matrix`, …). */
export async function questionKind(page) {
  const name = await page.locator("fieldset.question").getAttribute("class");
  return name.match(/question-(\w+)/)[1];
}

/**
 * Asserts that nothing left the phone: requests were recorded, and each is a GET to our own
 * origin without a query (so none carries answers).
 */
export function assertNothingSent(requests, base) {
  assert.ok(requests.length > 0, "no requests were recorded");
  for (const request of requests) {
    assert.equal(request.method, "GET", `${request.method} ${request.url}`);
    assert.ok(request.url.startsWith(`${base}/`), `third-party request ${request.url}`);
    assert.ok(!request.url.includes("?"), `request with a query: ${request.url}`);
  }
}

/** Records every request the page makes, with its method, address and body. */
export function watchRequests(page) {
  const requests = [];
  page.on("request", (request) => requests.push({ method: request.method(), url: request.url(), body: request.postData() }));
  return requests;
}

/**
 * Opens the demo quick-scan campaign (the server must be seeded), picks a department and
 * completes the scan by tapping, up to the report with its consent form.
 */
export async function campaignScan(page, base) {
  await page.goto(`${base}/c/DEMO-SNEL`);
  await page.getByText("Thuiszorg").tap();
  await page.getByRole("button", { name: "Naar de scan" }).tap();
  await page.waitForURL(/\/scan\/quickscan$/);
  await page.locator(".intro button.button-large").tap();
  for (let step = 0; step < 60 && (await currentItem(page)); step++) await answerByTapping(page, step + 2);
  await page.locator(".report").waitFor();
  await page.locator(".share").waitFor();
}

/**
 * Answers the question on screen by tapping, choosing option `pick` (modulo the number of
 * options, never "zeg ik liever niet"), and moves on. Returns the item id answered.
 */
export async function answerByTapping(page, pick) {
  const item = await currentItem(page);
  const kind = await questionKind(page);
  if (kind === "matrix") {
    const rows = page.locator("fieldset.matrix-row");
    for (let row = 0; row < (await rows.count()); row++) {
      const labels = rows.nth(row).locator(".choice label");
      await labels.nth((pick + row) % (await labels.count())).tap();
    }
  } else if (kind === "text") {
    await page.locator("fieldset.question textarea").fill("Het gaat goed.");
  } else {
    const labels = page.locator("fieldset.question .choice:not(.choice-decline) label, fieldset.question .number-choice label");
    await labels.nth(pick % (await labels.count())).tap();
  }
  // Likert and single-choice questions move on by themselves after a tap; the others need "Volgende".
  if (kind !== "likert" && kind !== "single") {
    await page.locator(".nav-buttons .button:not(.button-secondary)").tap();
  }
  await waitForStep(page, item);
  return item;
}

/** The app's keys in local storage. */
export async function storedKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("werkscan.")));
}

/** The answers of a scan's draft, as stored on the device. */
export async function storedAnswers(page, id) {
  return page.evaluate((id) => JSON.parse(localStorage.getItem(`werkscan.draft.${id}`)).answers, id);
}

/** What the core crate computes for these answers (`werkscan score`). */
export function scoreWithCli(definitionFile, answers) {
  const dir = mkdtempSync(join(tmpdir(), "werkscan-answers-"));
  const file = join(dir, "answers.json");
  writeFileSync(file, JSON.stringify(answers));
  const output = execFileSync(join(repo, "target/debug/werkscan"), ["score", join(repo, "questionnaires", definitionFile), file], { encoding: "utf8" });
  return JSON.parse(output);
}

/**
 * The values the report computed, by score id: each card carries the exact value in `data-value`
 * (the text shows it rounded, "58 van 100"); `null` for "too few answers".
 */
export async function reportNumbers(page) {
  return page.evaluate(() => {
    const numbers = {};
    for (const card of document.querySelectorAll("[data-score]")) {
      const exact = card.dataset.value;
      numbers[card.dataset.score] = exact === undefined || exact === "" ? null : Number(exact);
    }
    return numbers;
  });
}

/** Opens a scan from the start page and begins it. */
export async function openScan(page, base, id) {
  await page.goto(`${base}/scan/${id}`);
  await page.locator("button.button-large").tap();
  await page.locator("fieldset.question").waitFor();
}

const axeSource = readFileSync(join(repo, "tools/node_modules/axe-core/axe.min.js"), "utf8");

/** What axe-core finds against WCAG 2.1 A and AA and its best practices, one line per rule. */
export async function violations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  return result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

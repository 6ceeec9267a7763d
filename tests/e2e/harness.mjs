// Shared set-up for the browser tests: the real server on loopback with a fresh SQLite file,
// Debian's Chromium driven by Playwright, and helpers that answer questions like a person does.
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
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

/**
 * A fresh, empty PostgreSQL database for one server, or null when PostgreSQL does not answer
 * (then the caller skips loudly, or fails when WERKSCAN_REQUIRE_POSTGRES=1, as in CI).
 */
export function freshPostgres() {
  const admin = process.env.WERKSCAN_E2E_POSTGRES_ADMIN || "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `werkscan_e2e_${process.pid}_${randomBytes(4).toString("hex")}`;
  try {
    execFileSync("psql", [admin, "-qc", `CREATE DATABASE ${name}`], { stdio: "pipe" });
  } catch (error) {
    if (process.env.WERKSCAN_REQUIRE_POSTGRES === "1") throw new Error(`PostgreSQL is required and did not answer: ${error.message}`);
    return null;
  }
  return {
    url: admin.replace(/\/[^/]*$/, `/${name}`),
    drop: () => execFileSync("psql", [admin, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: "pipe" }),
  };
}

/**
 * Starts `werkscan-server serve` on a free loopback port with a fresh database: a SQLite file,
 * or the PostgreSQL database at `postgres` (a URL).
 */
export async function startServer({ seed = false, postgres = null, mail = false } = {}) {
  const sink = mail ? await startMailSink() : null;
  const mailing = sink ? ["--smtp-url", sink.url, "--mail-every", "1"] : [];
  const dir = mkdtempSync(join(tmpdir(), "werkscan-e2e-"));
  const db = postgres || `sqlite://${join(dir, "werkscan.sqlite")}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const binary = process.env.WERKSCAN_SERVER_BIN || join(repo, "target/debug/werkscan-server");
  const common = ["--db", db, "--questionnaires", join(repo, "questionnaires")];
  const seeding = seed ? ["--seed-demo", "--base-url", base] : [];
  const child = spawn(binary, ["serve", ...common, ...seeding, ...mailing, "--addr", `127.0.0.1:${port}`, "--dist", join(repo, "dist"), "--insecure-cookies"], {
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
  const stop = () => {
    child.kill("SIGTERM");
    sink?.close();
  };
  return { base, log: () => log, stop, mail: sink };
}

/**
 * A mail server on loopback that accepts every message (plain SMTP, no TLS: as much of SMTP as
 * the server's mailer speaks) and keeps it, so a test reads what a person would find in their
 * mailbox.
 */
export async function startMailSink() {
  const messages = [];
  const server = createServer((socket) => {
    socket.setEncoding("utf8");
    let pending = "";
    let data = null;
    let recipients = [];
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      pending += chunk;
      let end;
      while ((end = pending.indexOf("\r\n")) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (data !== null) {
          if (line === ".") {
            messages.push({ to: recipients, raw: data });
            data = null;
            recipients = [];
            socket.write("250 kept\r\n");
          } else {
            data += (line.startsWith("..") ? line.slice(1) : line) + "\r\n";
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-sink\r\n250 8BITMIME\r\n");
        else if (verb === "RCPT") {
          recipients.push(line.replace(/^RCPT TO:\s*<([^>]*)>.*$/i, "$1").toLowerCase());
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          data = "";
          socket.write("354 go on\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `smtp://127.0.0.1:${server.address().port}`,
    messages,
    /** The first message to `address`, waiting for it up to `timeout` ms. */
    async waitFor(address, timeout = 20_000) {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        const found = messages.find((message) => message.to.includes(address.toLowerCase()));
        if (found) return { ...found, text: mailText(found.raw) };
        await new Promise((done) => setTimeout(done, 200));
      }
      throw new Error(`no mail to ${address} within ${timeout} ms`);
    },
    close: () => server.close(),
  };
}

/** The text of a single-part message, with its quoted-printable or base64 transfer encoding undone. */
export function mailText(raw) {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = (headers.match(/^Content-Transfer-Encoding:\s*(\S+)/im) || [])[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
  }
  return body;
}

/**
 * Registers before/after hooks that start a server (seeded if asked) and a browser for one
 * test file, and returns a handle whose `server` and `browser` are set once they run.
 */
export function useServerAndBrowser(hooks, options = {}) {
  const handle = { server: null, browser: null, database: null };
  hooks.before(async () => {
    if (options.database === "postgres") {
      handle.database = freshPostgres();
      if (!handle.database) {
        console.error("\n#### PostgreSQL does not answer: the PostgreSQL browser tests are SKIPPED ####\n");
        handle.skipped = true;
        return;
      }
    }
    handle.server = await startServer({ ...options, postgres: handle.database?.url });
    handle.browser = await startBrowser();
  });
  hooks.after(async () => {
    await handle.browser?.close();
    handle.server?.stop();
    // The server needs a moment to close its connections before the database can go.
    if (handle.database) {
      await new Promise((done) => setTimeout(done, 500));
      handle.database.drop();
    }
  });
  return handle;
}

/** Chromium as on a laptop, for the staff console. */
export async function laptop(browser, options = {}) {
  return phone(browser, { viewport: { width: 1280, height: 800 }, hasTouch: false, ...options });
}

function base32Bytes(secret) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of secret.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const bytes = [];
  for (let index = 0; index + 8 <= bits.length; index += 8) bytes.push(parseInt(bits.slice(index, index + 8), 2));
  return Buffer.from(bytes);
}

/** The six-digit code an authenticator app shows for a base32 secret (RFC 6238, SHA-1, 30 s). */
export function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const hash = createHmac("sha1", base32Bytes(secret)).update(counter).digest();
  const offset = hash[hash.length - 1] & 0xf;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/**
 * Asserts that the element with this id has the keyboard focus, waiting up to five seconds for
 * it: the apps move the focus in the frame after they draw an error (`requestAnimationFrame`),
 * which on a loaded machine can come well after the error's text is on the screen.
 */
export async function expectFocus(page, id) {
  await page.waitForFunction((wanted) => document.activeElement?.id === wanted, id, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.id), id);
}

/**
 * Logs in to the staff console as `{ email, password }` and waits until the console has moved on
 * to the role's start screen (`home`, a pattern for the path). At a first login that needs a
 * second factor (the expert, the admin) it sets one up with the secret shown, as a person with an
 * authenticator app would, and confirms the recovery codes were kept.
 */
export async function logInToConsole(page, base, { email, password, home }) {
  await page.goto(`${base}/beheer/login/`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => home.test(url.pathname) || /\/tweede-factor\/instellen$/.test(url.pathname));
  if (/\/tweede-factor\/instellen$/.test(new URL(page.url()).pathname)) {
    await page.locator(".qr svg").waitFor();
    const secret = (await page.locator("code.secret").textContent()).replace(/\s/g, "");
    await page.getByLabel("Vul de code van zes cijfers uit de app in").fill(totp(secret));
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await page.getByLabel("Ik heb de codes bewaard").check();
    await page.getByRole("button", { name: "Verder" }).click();
  }
  // The login is complete only once the console has moved on to the role's start screen.
  await page.waitForURL((url) => home.test(url.pathname));
  await page.locator("#console-nav").waitFor({ state: "attached" });
}

/** Answers for every item of a definition, varied by `seed` (the same seed, the same answers). */
export function variedAnswers(definition, seed) {
  let state = seed * 2654435761 + 1;
  const next = (below) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
  const answers = {};
  for (const section of definition.sections) {
    for (const item of section.items) {
      const options = item.type === "likert" && item.scale ? definition.scales[item.scale].options : item.type === "matrix" ? item.columns : item.options;
      if (item.type === "number") answers[item.id] = item.min + next(item.max - item.min + 1);
      else if (item.type === "multiple") answers[item.id] = [options.filter((option) => !option.exclusive)[0].key];
      else if (item.type === "matrix") answers[item.id] = Object.fromEntries(item.rows.map((row) => [row.key, options[next(options.length)].key]));
      else if (item.type !== "text") answers[item.id] = options[next(options.length)].key;
    }
  }
  return answers;
}

/**
 * Shares a scan of a demo campaign through the API, as a phone would after consent, scored with
 * the core (`werkscan score`): every item answered with `werkscan example`, or varied by `seed`.
 * For group figures alone the result carries only what a release needs, and the department goes
 * only with a choice that needs it, as the phone sends them. For a campaign with personal
 * invitations, `invitation` is the token of the person's link (`?u=`), sent as the phone does.
 * Returns the receipt.
 */
export async function shareViaApi(base, { campaign = "DEMO-SNEL", department = "Thuiszorg", choices, contact = null, seed = null, invitation = null }) {
  const public_ = await (await fetch(`${base}/api/c/${campaign}`)).json();
  const { id, version } = public_.questionnaire;
  const file = `${id}.toml`;
  const definition = await (await fetch(`${base}/api/questionnaires/${id}/${version}`)).json();
  const answers =
    seed === null
      ? JSON.parse(execFileSync(join(repo, "target/debug/werkscan"), ["example", join(repo, "questionnaires", file)], { encoding: "utf8" }))
      : variedAnswers(definition, seed);
  let result = scoreWithCli(file, answers);
  if (!choices.share_scores && choices.group_figures) {
    // What a release needs, as the phone sends it (Definition::group_figure_scores): the theme
    // scores, then the headline's band without its value.
    const usable = definition.scores.filter((score) => !score.hidden && score.bands);
    const themes = usable.filter((score) => score.theme && !score.headline).map((score) => score.id);
    const headlines = usable.filter((score) => score.headline).map((score) => score.id);
    const byId = Object.fromEntries(result.scores.map((score) => [score.id, score]));
    const scores = [...themes.map((id) => byId[id]), ...headlines.map((id) => ({ ...byId[id], value: null }))];
    result = { ...result, scores, flags: [] };
  }
  const consent = await (await fetch(`${base}/api/consent`)).json();
  const submission = {
    campaign,
    // Only with a choice that needs it (werkscan_core::submission::needs_department).
    department: choices.share_scores || choices.group_figures ? department : null,
    definition: result.definition,
    version: result.version,
    content_hash: result.content_hash,
    consent: {
      text_version: consent.version,
      lang: "nl",
      choices,
      // The campaign's words filled into the consent text, as the phone takes them from the link
      // (werkscan_core::consent::ConsentValues::of).
      values: {
        controller: public_.controller,
        controller_contact: public_.controller_contact,
        privacy_officer: public_.privacy_officer,
        privacy_officer_contact: public_.privacy_officer_contact,
        experts: public_.experts,
        min_group_size: public_.min_group_size,
        delete_after: public_.delete_after,
      },
    },
    result: choices.share_scores || choices.group_figures ? result : null,
    answers: choices.share_answers ? answers : null,
    contact: choices.contact_me ? contact : null,
    // Only with a personal invitation: a campaign with an open link refuses one.
    ...(invitation ? { invitation } : {}),
  };
  const reply = await fetch(`${base}/api/submissions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": randomBytes(32).toString("hex") },
    body: JSON.stringify(submission),
  });
  assert.equal(reply.status, 201, await reply.clone().text());
  return { ...(await reply.json()), result };
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
    if (message.type() !== "error") return;
    // A refused request names its address, so that a test can accept one answer it expects.
    const url = message.location()?.url;
    errors.push(/^Failed to load resource/.test(message.text()) && url ? `${message.text()} (${new URL(url).pathname})` : message.text());
  });
  return { context, page, errors };
}

/**
 * Waits until the app has taken over the first screen the server drew into the page, where it
 * drew one (crates/server/src/first_screen.rs): until then that screen's controls are disabled.
 */
export async function appReady(page) {
  await page.waitForFunction(() => !document.querySelector("#shell[data-screen]"));
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
  await appReady(page);
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

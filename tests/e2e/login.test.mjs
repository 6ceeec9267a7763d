// The staff login (issue 23) in a real browser against the real server with the demo data: a
// member of staff who opens a staff screen while logged out gets only the small login app (no
// byte of the console, within the login's budget, with no error in the browser's console; the
// console's files are fetched ahead only once a person starts typing); the
// arbeidsdeskundige logs in with the second factor and comes back to the screen they wanted,
// the inbox; an author lands in the authors' app. Wrong passwords and the language switch are
// the login app's too.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { laptop, phone, repo, shareViaApi, totp, useServerAndBrowser, violations } from "./harness.mjs";

const EXPERT = { email: "ad@delinde.example", password: "demo-arbeidsdeskundige" };
const AUTHOR = { email: "auteur@arbopraktijkvandijk.example", password: "demo-auteur" };
/** What the login may weigh, gzipped (scripts/bundle-size.sh checks the build against it too). */
const BUDGET = 250_000;

/** Every request of a page, and the bytes that came over the wire for each (Chromium's count). */
async function recordTraffic(page) {
  const requests = [];
  const wire = new Map();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map();
  cdp.on("Network.requestWillBeSent", ({ requestId, request }) => urls.set(requestId, request.url));
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const url = urls.get(requestId);
    if (url) wire.set(url, (wire.get(url) || 0) + encodedDataLength);
  });
  page.on("request", (request) => requests.push(new URL(request.url()).pathname));
  // Every page load a script asks for (location.replace and the like), even one that a second
  // request aborts before it is sent.
  const navigations = [];
  await cdp.send("Page.enable");
  cdp.on("Page.frameRequestedNavigation", ({ url }) => navigations.push(new URL(url).pathname));
  return { requests, wire, navigations };
}

/** The second step's set-up at a first login: the secret typed over, the codes kept. */
async function setUpSecondStep(page) {
  await page.locator(".qr svg").waitFor();
  const secret = (await page.locator("code.secret").textContent()).replace(/\s/g, "");
  await page.getByLabel("Vul de code van zes cijfers uit de app in").fill(totp(secret));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.locator(".recovery-codes code").first().waitFor();
  const codes = await page.locator(".recovery-codes code").allTextContents();
  await page.getByLabel("Ik heb de codes bewaard").check();
  await page.getByRole("button", { name: "Verder" }).click();
  return codes;
}

describe("the staff login", () => {
  const env = useServerAndBrowser({ before, after }, { seed: true });
  const base = () => env.server.base;

  before(async () => {
    await shareViaApi(base(), {
      campaign: "DEMO-SNEL",
      choices: { share_scores: true, share_answers: false, contact_me: false, group_figures: false },
    });
  });

  test("logged out, a staff screen gets only the login app; the expert logs in with the second factor and lands in the inbox", async () => {
    const { context, page, errors } = await laptop(env.browser);
    const { requests, wire, navigations } = await recordTraffic(page);
    await page.goto(`${base()}/beheer/resultaten`);
    await page.getByLabel("E-mailadres").waitFor();
    await page.waitForLoadState("networkidle");
    // The address says where one comes back to; the screen is the login's.
    await page.waitForURL(/\/beheer\/login\/\?terug=%2Fbeheer%2Fresultaten$/);
    assert.equal(await page.locator("h1").textContent(), "Inloggen");
    assert.deepEqual(await violations(page), [], "axe on the login");

    // Nothing of the console: only the login's own files, the session (null), the icon.
    const own = requests.filter((path) => path.startsWith("/beheer/"));
    assert.ok(own.every((path) => path === "/beheer/resultaten" || path.startsWith("/beheer/login/")), own.join(", "));
    assert.ok(!requests.some((path) => /werkscan-console/.test(path)), requests.join(", "));
    assert.ok(requests.some((path) => /^\/beheer\/login\/werkscan-login-[0-9a-f]+_bg\.wasm$/.test(path)), requests.join(", "));
    const session = await page.evaluate(async () => {
      const reply = await fetch("/api/session");
      return { status: reply.status, body: await reply.text() };
    });
    assert.deepEqual(session, { status: 200, body: "null" });
    // The bytes: what came over the wire, and the login's files gzipped as the budget counts them.
    const sent = [...wire.values()].reduce((sum, bytes) => sum + bytes, 0);
    assert.ok(sent <= BUDGET, `${sent} bytes came over the wire before the login was usable`);
    const dist = join(repo, "dist/login");
    const gzipped = readdirSync(dist)
      .filter((name) => /\.(html|js|wasm|css)$/.test(name))
      .reduce((sum, name) => sum + gzipSync(readFileSync(join(dist, name)), { level: 9 }).length, 0);
    assert.ok(gzipped <= BUDGET, `the login app is ${gzipped} bytes gzipped`);
    console.log(`# the login before it is usable: ${sent} bytes over the wire, ${gzipped} bytes of its files gzipped`);

    // Once a person starts typing, the console's files are fetched ahead (the login page's
    // header names them), so the console starts from the cache after the login.
    await page.getByLabel("E-mailadres").fill(EXPERT.email);
    for (let tries = 0; !requests.some((path) => /^\/beheer\/werkscan-console-[0-9a-f]+_bg\.wasm$/.test(path)); tries++) {
      assert.ok(tries < 100, "the console's module fetched ahead once the address is typed");
      await page.waitForTimeout(100);
    }
    assert.match(page.url(), /\/beheer\/login\/\?terug=/, "still on the login");
    assert.equal(await page.locator("h1").textContent(), "Inloggen");

    // A wrong password is said and announced.
    await page.getByLabel("Wachtwoord").fill("not the password");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("alert").filter({ hasText: "klopt niet" }).waitFor();
    // In English too.
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { name: "Log in" }).waitFor();
    await page.getByRole("alert").filter({ hasText: "is not right" }).waitFor();
    await page.getByRole("button", { name: "Wissel naar Nederlands" }).click();
    await page.getByRole("heading", { name: "Inloggen" }).waitFor();
    // Refused logins answer 401, which the browser logs; that one is expected.
    const loggedOut = errors.filter((error) => !/status of 401 .*\(\/api\/login\)$/.test(error));
    assert.deepEqual(loggedOut, [], "errors in the browser's console while logged out");

    // The right password, the second step set up, and back to the screen wanted: the inbox.
    await page.getByLabel("Wachtwoord").fill(EXPERT.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL(/\/beheer\/login\/tweede-factor\/instellen\?terug=%2Fbeheer%2Fresultaten$/);
    assert.deepEqual(await violations(page), [], "axe on the second step's set-up");
    const codes = await setUpSecondStep(page);
    await page.waitForURL(/\/beheer\/resultaten$/);
    await page.locator("table.inbox tbody tr").first().waitFor();
    assert.ok(requests.some((path) => /werkscan-console/.test(path)), "the console after the login");

    // Logged out and in again: the second step is given now, with a recovery code (the app's
    // code could repeat the one just used, which the server refuses as a replay).
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL(/\/beheer\/login\/$/);
    await page.getByLabel("E-mailadres").fill(EXPERT.email);
    await page.getByLabel("Wachtwoord").fill(EXPERT.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL(/\/beheer\/login\/tweede-factor$/);
    await page.getByLabel("Code").fill("000000");
    await page.getByRole("button", { name: "Verder" }).click();
    await page.getByRole("alert").filter({ hasText: "klopt niet" }).waitFor();
    await page.getByLabel("Code").fill(codes[0]);
    const asked = navigations.length;
    await page.getByRole("button", { name: "Verder" }).click();
    await page.waitForURL(/\/beheer\/resultaten$/);
    await page.locator("table.inbox tbody tr").first().waitFor();
    // The login leaves for the console once: a second page load would abort the first.
    assert.deepEqual(navigations.slice(asked), ["/beheer/resultaten"]);
    await context.close();
  });

  test("an author lands in the authors' app; the login fits a phone", async () => {
    const { context, page, errors } = await phone(env.browser);
    const { requests } = await recordTraffic(page);
    await page.goto(`${base()}/beheer/login/`);
    await page.getByLabel("E-mailadres").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the login is ${overflow}px too wide for a phone`);
    assert.deepEqual(await violations(page), [], "axe on the login on a phone");
    // The focus is on the screen's heading, so a screen reader starts there.
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    await page.getByLabel("E-mailadres").fill(AUTHOR.email);
    await page.getByLabel("Wachtwoord").fill(AUTHOR.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL(/\/beheer\/login\/tweede-factor\/instellen$/);
    await setUpSecondStep(page);
    await page.waitForURL(/\/beheer\/auteur$/);
    await page.locator('section[data-questionnaire="quickscan"]').waitFor();
    assert.ok(!requests.some((path) => /werkscan-console/.test(path)), "the author downloads nothing of the console");
    assert.deepEqual(errors, []);
    await context.close();
  });
});

// How long after logging in the arbeidsdeskundige's inbox is usable (issue 23: within 1.5 s on
// Lighthouse's desktop profile). Chromium through Playwright, with the network throttled as
// Lighthouse's desktop profile assumes (40 ms round trip, 10 Mbit/s each way; no CPU slowdown),
// against a running server with the demo data and at least one result shared with the demo
// expert, the address, password and code typed at ten characters a second. Measured: from the
// click that completes the login (the second step's "Verder") to the
// first row of the inbox on screen, which takes the login app's last request, the page load of
// the console, its module and the inbox's request. "cold" rounds start with an empty cache (a
// new browser context each), "warm" rounds log in again in the same context (the console's
// files cached, as on a working day). Prints a Markdown table; nothing here is a test.
//   node scripts/measure-login.mjs http://127.0.0.1:18765 [rounds]
import { chromium } from "../tools/node_modules/playwright-core/index.mjs";
import { totp } from "../tests/e2e/harness.mjs";

const base = process.argv[2];
const rounds = Number(process.argv[3] || 3);
const EXPERT = { email: "ad@delinde.example", password: "demo-arbeidsdeskundige" };
// Lighthouse's desktop profile (constants.throttling.desktopDense4G).
const DESKTOP = { offline: false, latency: 40, downloadThroughput: (10240 * 1024) / 8, uploadThroughput: (10240 * 1024) / 8 };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

async function throttled(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", DESKTOP);
  return page;
}

// Typed as a person types (ten characters a second), not filled in at once: the login fetches
// the console's files ahead while a person types (werkscan_api::login::PREFETCH_HEADER), and a
// filled-in form would leave it no time a person gives it.
const TYPING = { delay: 100 };

async function password(page) {
  await page.goto(`${base}/beheer/resultaten`);
  await page.getByLabel("E-mailadres").pressSequentially(EXPERT.email, TYPING);
  await page.getByLabel("Wachtwoord").pressSequentially(EXPERT.password, TYPING);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

// The demo expert's first login sets up the second step; its recovery codes serve the rounds.
const setup = await browser.newContext({ viewport: { width: 1350, height: 940 } });
let page = await setup.newPage();
await password(page);
await page.waitForURL(/tweede-factor/);
let codes = [];
if (/instellen/.test(page.url())) {
  await page.locator(".qr svg").waitFor();
  const secret = (await page.locator("code.secret").textContent()).replace(/\s/g, "");
  await page.getByLabel("Vul de code van zes cijfers uit de app in").fill(totp(secret));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.locator(".recovery-codes code").first().waitFor();
  codes = await page.locator(".recovery-codes code").allTextContents();
  await page.getByLabel("Ik heb de codes bewaard").check();
  await page.getByRole("button", { name: "Verder" }).click();
  await page.locator("table.inbox tbody tr").first().waitFor();
} else {
  throw new Error("the demo expert has a second step already: start the server on a fresh database");
}
await setup.close();

/** One login with a recovery code; the milliseconds from "Verder" to the inbox's first row. */
async function timedLogin(page) {
  await password(page);
  await page.waitForURL(/\/tweede-factor(\?.*)?$/);
  await page.getByLabel("Code").pressSequentially(codes.shift(), TYPING);
  const start = Date.now();
  await page.getByRole("button", { name: "Verder" }).click();
  await page.locator("table.inbox tbody tr").first().waitFor();
  return Date.now() - start;
}

const rows = [];
for (let round = 1; round <= rounds; round++) {
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
  page = await throttled(context);
  const cold = await timedLogin(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await page.waitForURL(/\/beheer\/login\/$/);
  const warm = await timedLogin(page);
  await context.close();
  rows.push([round, cold, warm]);
}
await browser.close();
console.log("| round | cold cache: login to first inbox row, ms | warm cache, ms |");
console.log("|---:|---:|---:|");
for (const [round, cold, warm] of rows) console.log(`| ${round} | ${cold} | ${warm} |`);

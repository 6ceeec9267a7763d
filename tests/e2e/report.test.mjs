// The report on a phone, in a real browser: a short summary first, themes that open on demand
// (and all of them on paper), scores without false precision, a comparison with an earlier scan
// only on the same scales, and a campaign link that was opened before still opening offline.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { useServerAndBrowser, answerByTapping, currentItem, openScan, phone, violations } from "./harness.mjs";

const env = useServerAndBrowser({ before, after }, { seed: true });

async function completeQuickScan(page, seed) {
  await openScan(page, env.server.base, "quickscan");
  for (let step = 0; step < 60 && (await currentItem(page)); step++) await answerByTapping(page, seed + step);
  await page.locator(".report").waitFor();
}

test("the report leads with a summary, opens each theme on demand, and shows scores without false precision", async () => {
  const { context, page, errors } = await phone(env.browser);
  await completeQuickScan(page, 1);
  const report = page.locator(".report");
  // The summary comes before the scores, and says what goes well, what needs attention, what next.
  const order = await report.evaluate((element) => [...element.querySelectorAll(".summary, .report-group")].map((node) => node.className));
  assert.match(order[0], /summary/);
  for (const part of ["good", "attention", "next"]) {
    assert.ok((await report.locator(`[data-summary="${part}"]`).innerText()).trim().length > 10, part);
  }
  await report.getByText("Wat je nu kunt doen").waitFor();
  // Themes are closed: a name and a band on a button; the explanation opens on demand.
  const toggles = report.locator(".theme-toggle");
  assert.equal(await toggles.count(), 6);
  for (let index = 0; index < 6; index++) assert.equal(await toggles.nth(index).getAttribute("aria-expanded"), "false");
  assert.equal(await report.locator(".theme-body:visible").count(), 0);
  await toggles.first().tap();
  assert.equal(await toggles.first().getAttribute("aria-expanded"), "true");
  const body = report.locator(`#${await toggles.first().getAttribute("aria-controls")}`);
  assert.ok(await body.isVisible());
  assert.ok((await body.innerText()).length > 20);
  assert.deepEqual(await violations(page), []);
  // No "58,3 van 100": whole numbers on 0–100, the exact value kept for the tests only.
  const text = await report.evaluate((element) => element.textContent);
  assert.ok(!/\d+,\d+ van 100/.test(text), "a decimal on a 0–100 score");
  const values = await report.locator(".score-value").allTextContents();
  assert.ok(values.some((value) => / van 100$/.test(value)));
  for (const value of values.filter((value) => / van 100$/.test(value))) assert.match(value, /^\d{1,3} van 100$/);
  // On paper every theme is open.
  await page.emulateMedia({ media: "print" });
  assert.equal(await report.locator(".theme-body:visible").count(), 6);
  await page.emulateMedia({ media: "screen" });
  // Advice reads as advice: "Wat kan helpen" only where something could help.
  for (const card of await report.locator(".strengths .score-card").all()) {
    assert.equal(await card.getByText("Wat kan helpen:").count(), 0);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("an earlier scan is compared on the same scales, as band changes with the difference second", async () => {
  const { context, page, errors } = await phone(env.browser);
  await completeQuickScan(page, 0);
  await page.getByRole("button", { name: "Opnieuw beginnen" }).tap();
  await page.locator("button.button-large").tap();
  await page.locator("fieldset.question").waitFor();
  for (let step = 0; step < 60 && (await currentItem(page)); step++) await answerByTapping(page, 3);
  await page.locator(".report").waitFor();
  const history = page.locator(".history");
  await history.getByText(/^Vergeleken met je scan van \d{1,2} [a-z]+ \d{4}:$/).waitFor();
  const changes = history.locator(".changes li");
  assert.ok((await changes.count()) >= 6);
  const movements = await changes.evaluateAll((items) => items.map((item) => item.dataset.movement));
  for (const movement of movements) assert.ok(["better", "worse", "same", "unknown"].includes(movement), movement);
  assert.ok(movements.some((movement) => movement !== "same"), "the second scan was answered differently");
  // The band comes first, the raw change after it, in brackets.
  const moved = changes.filter({ has: page.locator(".raw") }).first();
  assert.match(await moved.innerText(), /: (vooruit|achteruit|gelijk gebleven).*\([+−±]\d+( punten)?(, klein verschil)?\)$/);
  await history.getByText(/Kleine verschillen, minder dan een tiende van de schaal/).waitFor();
  assert.deepEqual(await violations(page), []);

  // Had the earlier scan been measured differently (a band boundary moved), it is not compared.
  await page.evaluate(() => {
    const kept = JSON.parse(localStorage.getItem("werkscan.history"));
    const scale = kept[0].scales.find((scale) => scale.bands.length > 1);
    scale.bands[1][1] += 5;
    localStorage.setItem("werkscan.history", JSON.stringify(kept));
  });
  await page.reload();
  await page.locator(".report").waitFor();
  await history.getByText(/andere versie van de vragen of een andere schaal/).waitFor();
  assert.equal(await history.locator(".changes").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a campaign link opened before opens offline as it was kept, never as 'does not exist'", async () => {
  const { context, page, errors } = await phone(env.browser);
  await page.goto(`${env.server.base}/c/DEMO-SNEL`);
  await page.getByText("Thuiszorg").waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByText("Thuiszorg").waitFor();
  // Online, through the worker, the server draws the invitation into the page; the worker keeps
  // only the app's plain page, never this campaign's drawing (crates/server/src/first_screen.rs).
  const kept = await page.evaluate(async () => {
    const pages = [];
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        if ((response.headers.get("content-type") ?? "").startsWith("text/html")) pages.push([new URL(request.url).pathname, await response.text()]);
      }
    }
    return pages;
  });
  assert.ok(kept.some(([path]) => path === "/"), JSON.stringify(kept.map(([path]) => path)));
  for (const [path, html] of kept) {
    assert.ok(!path.startsWith("/c/") && !html.includes("data-screen") && !html.includes("Thuiszorg"), `${path}: ${html}`);
  }
  // No department chosen, no scan started: only opened. Now without a connection.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { name: "Quickscan voor alle medewerkers" }).waitFor();
  await page.getByText("Thuiszorg").waitFor();
  assert.equal(await page.getByText(/bestaat niet/).count(), 0);
  // A link never opened on this phone says it needs a connection, not that it does not exist.
  await page.goto(`${env.server.base}/c/DEMO-WERKSCAN`);
  await page.locator("main button").waitFor();
  assert.equal(await page.getByText(/bestaat niet/).count(), 0);
  // Nor does it show another campaign's invitation that this phone opened before.
  assert.equal(await page.getByText("Quickscan voor alle medewerkers").count(), 0);
  assert.deepEqual(await violations(page), []);
  await context.setOffline(false);
  assert.deepEqual(errors.filter((error) => !error.includes("net::") && !error.includes("no connection")), []);
  await context.close();
});

// axe-core on every kind of screen: start page, introduction, each item type, report, my data,
// withdrawing with a code.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { useServerAndBrowser, answerByTapping, appReady, campaignScan, currentItem, phone, questionKind, violations } from "./harness.mjs";

const env = useServerAndBrowser({ before, after }, { seed: true });

/** Walks a scan and checks the first screen of each item type, then the report. */
async function checkScan(page, id, seen) {
  await page.goto(`${env.server.base}/scan/${id}`);
  await appReady(page);
  await page.locator("button.button-large").waitFor();
  if (!seen.has("intro")) {
    seen.set("intro", await violations(page));
  }
  await page.locator("button.button-large").tap();
  await page.locator("fieldset.question").waitFor();
  for (let step = 0; step < 200 && (await currentItem(page)); step++) {
    const kind = await questionKind(page);
    if (!seen.has(kind)) seen.set(kind, await violations(page));
    await answerByTapping(page, step);
  }
  await page.locator(".report").waitFor();
  seen.set(`report ${id}`, await violations(page));
}

/** Whether the element is entirely inside the viewport as it is (without scrolling). */
async function inView(page, locator) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= height && box.x + box.width <= width;
}

test("on a 390 × 844 phone the button to begin is in view without scrolling, in both languages", async () => {
  const { context, page, errors } = await phone(env.browser, { viewport: { width: 390, height: 844 } });
  for (const lang of ["nl", "en"]) {
    await page.goto(`${env.server.base}/`);
    if (lang === "en") await page.locator(".lang-switch").tap();
    const begin = page.locator(".catalogue .button").first();
    await begin.waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    assert.ok(await inView(page, begin), `${lang}: the start page's first button is below the fold: ${JSON.stringify(await begin.boundingBox())}`);
    // The scan's own introduction: its start button too.
    await begin.tap();
    const start = page.locator(".intro button.button-large");
    await start.waitFor();
    assert.ok(await inView(page, start), `${lang}: the introduction's button is below the fold: ${JSON.stringify(await start.boundingBox())}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * A page with the app held back is complete when its content is (DOMContentLoaded): the start-up
 * script is `async` (index.html), so the page does not wait for the module, and Lighthouse's
 * "interactive" is no earlier than this event. Its "load" waits for the module.
 */
const CONTENT_LOADED = { waitUntil: "domcontentloaded" };

/** Holds the app's module back until the returned function is called: the page shows what the server drew. */
async function holdTheApp(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  // Both its files: the glue and the WebAssembly.
  await page.route(/\/werkscan-scan-[0-9a-f]+(_bg\.wasm|\.js)$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Where the screen's parts are and what they say, in the drawn screen or in the app's. */
async function layout(page, scope) {
  return page.evaluate((scope) => {
    const root = document.querySelector(scope);
    // The drawn screen's status line (#early-status) is its own, empty and not shown until an early tap.
    const parts = [...root.querySelectorAll(".site-header, .brand, .header-link, main, h1, p:not(#early-status), fieldset, legend, .choice, button")];
    return parts.map((element) => {
      const box = element.getBoundingClientRect();
      return { tag: element.tagName, class: element.className, text: element.textContent, box: [box.x, box.y, box.width, box.height] };
    });
  }, scope);
}

for (const [path, screen] of [["/c/DEMO-SNEL", "campaign"], ["/scan/werkscan", "scan"]]) {
  test(`${path}: the app takes over the screen the server drew without moving anything, focus on its one heading`, async () => {
    const { context, page, errors } = await phone(env.browser);
    await page.addInitScript(() => {
      window.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
      // Every candidate for the largest paint, and whether it was the server's drawing.
      window.largest = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.largest.push(entry.element ? entry.element.closest("#shell") !== null : "removed");
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const release = await holdTheApp(page);
    await page.goto(`${env.server.base}${path}`, CONTENT_LOADED);
    const drawn = page.locator(`#shell[data-screen="${screen}"]`);
    await drawn.locator("h1").waitFor();
    // The server's screen: one heading, its controls usable, nothing focused in it.
    assert.equal(await page.locator("h1").count(), 1);
    assert.equal(await drawn.locator(":disabled").count(), 0);
    assert.ok(await drawn.locator("#early-status").isHidden());
    const before = await layout(page, "#shell");
    await page.waitForFunction(() => window.largest.length > 0);
    // Not ready while the drawn screen waits for the app (the mark Lighthouse's runs report)…
    assert.equal(await page.evaluate(() => performance.getEntriesByName("werkscan:ready").length), 0);
    const heldUntil = await page.evaluate(() => performance.now());
    release();
    await appReady(page);
    await page.locator("main#inhoud h1").waitFor();
    // …and ready once, after the app was let through.
    await page.waitForFunction(() => performance.getEntriesByName("werkscan:ready").length > 0);
    const marks = await page.evaluate(() => performance.getEntriesByName("werkscan:ready").map((mark) => mark.startTime));
    assert.equal(marks.length, 1);
    assert.ok(marks[0] > heldUntil, `${marks[0]} after ${heldUntil}`);
    // The app's screen: the same parts in the same places with the same words.
    const afterwards = await layout(page, "body");
    assert.deepEqual(afterwards, before);
    assert.equal(await page.evaluate(() => window.layoutShift), 0);
    // The largest paint was the server's drawing: the app drew nothing larger.
    assert.ok((await page.evaluate(() => window.largest)).every((inShell) => inShell === true), JSON.stringify(await page.evaluate(() => window.largest)));
    // As before: one heading, focused, so a screen reader reads the screen at once; the skip link
    // leads to the one main landmark; the controls work.
    assert.equal(await page.locator("h1").count(), 1);
    assert.equal(await page.locator("main").count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1");
    assert.equal(await page.evaluate(() => document.querySelectorAll("[id]").length), await page.evaluate(() => new Set([...document.querySelectorAll("[id]")].map((element) => element.id)).size));
    await page.keyboard.press("Tab");
    if (screen === "campaign") {
      assert.equal(await page.evaluate(() => document.activeElement.id), "department-0");
    } else {
      assert.equal(await page.evaluate(() => document.activeElement.className), "button button-large");
      await page.keyboard.press("Enter");
      await page.locator("fieldset.question").waitFor();
    }
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

/** The drawn screen's answer to a tap made before the app has started. */
async function answeredEarly(page) {
  const status = page.locator("#shell[data-screen] #early-status");
  assert.equal(await status.textContent(), "Even laden…");
  assert.equal(await status.getAttribute("role"), "status");
  assert.ok(await status.isVisible());
}

/**
 * A phone on `path` with the app held back, showing the screen the server drew (`kind`), and
 * `release` to let the app through. `prepare` runs in the page before its own scripts.
 */
async function heldOn(path, kind, prepare) {
  const { context, page, errors } = await phone(env.browser);
  if (prepare) await page.addInitScript(prepare);
  const release = await holdTheApp(page);
  await page.goto(`${env.server.base}${path}`, CONTENT_LOADED);
  const drawn = page.locator(`#shell[data-screen="${kind}"]`);
  await drawn.locator("h1").waitFor();
  return { context, page, errors, release, drawn };
}

/** The department the phone keeps for the quick scan's campaign (werkscan_kit::campaign). */
async function keptDepartment(page) {
  await page.waitForURL(/\/scan\/quickscan$/);
  return page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.campaign.quickscan")).department);
}

test("a choice and a tap made before the app has arrived are carried out by the app, in order", async () => {
  const { context, page, errors, release, drawn } = await heldOn("/c/DEMO-SNEL", "campaign");
  // The browser's own radio button takes the choice; the tap is kept and answered at once.
  await drawn.getByText("Thuiszorg").tap();
  assert.ok(await drawn.locator("#department-1").isChecked());
  await drawn.getByRole("button", { name: "Naar de scan" }).tap();
  await answeredEarly(page);
  assert.equal(await drawn.getByRole("button", { name: "Naar de scan" }).getAttribute("data-pressed"), "1");
  assert.equal(new URL(page.url()).pathname, "/c/DEMO-SNEL");
  release();
  // The app took the choice and the tap over: on to the scan, with the department kept for it.
  assert.equal(await keptDepartment(page), "Thuiszorg");
  await page.locator(".intro h1").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a tap on the drawn introduction's button starts the scan once the app is there", async () => {
  const { context, page, errors, release, drawn } = await heldOn("/scan/werkscan", "scan");
  await drawn.locator("button.button-large").tap();
  await answeredEarly(page);
  release();
  // The first question, its text focused as on every question's screen.
  await page.locator("fieldset.question").waitFor();
  assert.equal(await page.locator("#shell").count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "LEGEND");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a keyboard user's choice and focus on the drawn screen stay where they were when the app takes over", async () => {
  const { context, page, errors, release, drawn } = await heldOn("/c/DEMO-SNEL", "campaign");
  // The skip link, then into the radio group; the arrow key moves and chooses, as in any form.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  for (let step = 0; step < 10 && (await page.evaluate(() => document.activeElement.id)) !== "department-0"; step++) {
    await page.keyboard.press("Tab");
  }
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.id), "department-1");
  // Nothing tapped: nothing to answer.
  assert.ok(await drawn.locator("#early-status").isHidden());
  release();
  await appReady(page);
  await page.locator("main#inhoud h1").waitFor();
  await page.waitForFunction(() => performance.getEntriesByName("werkscan:ready").length > 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), "department-1");
  assert.ok(await page.locator("#department-1").isChecked());
  // The app knows the choice: its button goes on to the scan without asking again.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await keptDepartment(page), "Thuiszorg");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an early tap is not carried out on a screen that changed at the takeover", async () => {
  // English was chosen on this phone before: the server draws Dutch, the app shows English.
  const { context, page, errors, release, drawn } = await heldOn("/scan/werkscan", "scan", () =>
    localStorage.setItem("werkscan.lang", JSON.stringify("en")),
  );
  await drawn.getByRole("button", { name: "Start de scan" }).tap();
  await answeredEarly(page);
  release();
  await appReady(page);
  const start = page.getByRole("button", { name: "Start the scan" });
  await start.waitFor();
  await page.waitForFunction(() => performance.getEntriesByName("werkscan:ready").length > 0);
  // The person sees the new screen and decides again; nothing was tapped for them.
  assert.equal(await page.locator("fieldset.question").count(), 0);
  await start.tap();
  await page.locator("fieldset.question").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the start page does not jump when the list of scans arrives late", async () => {
  const { context, page } = await phone(env.browser);
  // Every layout shift the page makes, as Lighthouse adds them up (CLS).
  await page.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  // A slow connection: the list comes a second after the page has drawn itself.
  await page.route((url) => url.pathname === "/api/questionnaires", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.goto(`${env.server.base}/`);
  await page.locator(".catalogue .button").first().waitFor();
  await page.waitForTimeout(300);
  const shift = await page.evaluate(() => window.layoutShift);
  assert.ok(shift < 0.01, `the start page shifted by ${shift.toFixed(3)} (CLS) when the list arrived`);
  await page.locator(".two-col").waitFor();
  await context.close();
});

test("axe finds no violations on any kind of screen", async () => {
  const { context, page } = await phone(env.browser);
  const seen = new Map();
  await page.goto(`${env.server.base}/`);
  await page.locator(".catalogue li").first().waitFor();
  seen.set("start", await violations(page));
  await checkScan(page, "werkscan", seen);
  await checkScan(page, "wai", seen);
  await page.goto(`${env.server.base}/mijn-gegevens`);
  await page.getByRole("heading", { name: "Je gegevens op dit apparaat" }).waitFor();
  seen.set("my data", await violations(page));
  await page.goto(`${env.server.base}/intrekken`);
  await page.getByRole("heading", { name: "Intrekken wat je deelde" }).waitFor();
  seen.set("withdraw", await violations(page));
  await page.goto(`${env.server.base}/scan/quickscan/rapport`);
  await page.getByText("nog geen afgeronde scan").waitFor();
  seen.set("report without a scan", await violations(page));
  // A campaign invitation, then the consent form with the contact fields open.
  // The invitation as the server draws it into the page, then as the app shows it.
  // On a phone without the service worker yet: the worker's copy of the module would start the
  // app at once, past the held request.
  const fresh = await phone(env.browser);
  const release = await holdTheApp(fresh.page);
  await fresh.page.goto(`${env.server.base}/c/DEMO-SNEL`, CONTENT_LOADED);
  await fresh.page.locator("#shell[data-screen] h1").waitFor();
  seen.set("campaign drawn", await violations(fresh.page));
  release();
  await fresh.context.close();
  await page.goto(`${env.server.base}/c/DEMO-SNEL`);
  await appReady(page);
  await page.getByText("Thuiszorg").waitFor();
  seen.set("campaign", await violations(page));
  await campaignScan(page, env.server.base);
  await page.locator('label[for="consent-contactme"]').tap();
  await page.locator("#contact-name").waitFor();
  seen.set("consent", await violations(page));
  await page.goto(`${env.server.base}/bestaat-niet`);
  seen.set("not found", await violations(page));
  for (const kind of ["start", "intro", "likert", "number", "single", "multiple", "matrix", "text", "report werkscan", "report wai", "my data", "withdraw", "report without a scan", "campaign drawn", "campaign", "consent", "not found"]) {
    assert.ok(seen.has(kind), `screen ${kind} was not reached`);
    assert.deepEqual(seen.get(kind), [], `violations on ${kind}`);
  }
  await context.close();
});

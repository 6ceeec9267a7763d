// The staff console on a phone (390 × 844) and a laptop (1366 × 768), on SQLite and on
// PostgreSQL: every screen of every role (employer, arbeidsdeskundige, practice admin, admin)
// fits the width without scrolling sideways, axe finds nothing, and on the phone every control
// is at least 44 px for a thumb; the menu collapses behind a button that works with the keyboard
// alone and keeps the unread count in view; at 1366 px the inbox's filters and the new-account
// form do not cover each other.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { phone, shareViaApi, logInToConsole, useServerAndBrowser, violations } from "./harness.mjs";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

const ROLES = {
  employer: { email: "werkgever@delinde.example", password: "demo-werkgever", home: /\/beheer\/campagnes$/ },
  expert: { email: "ad@delinde.example", password: "demo-arbeidsdeskundige", home: /\/beheer\/resultaten$/ },
  practiceAdmin: { email: "beheer@arbopraktijkvandijk.example", password: "demo-praktijkbeheer", home: /\/beheer\/praktijk$/ },
  admin: { email: "admin@werkscan.example", password: "demo-beheerder", home: /\/beheer\/accounts$/ },
};

/** Opens a console screen and waits until what it loads has arrived. */
async function open(page, base, path) {
  await page.goto(`${base}/beheer${path}`);
  await page.locator("main h1").first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => ![...document.querySelectorAll("main [role=status]")].some((node) => /^(Laden|Loading)…$/.test(node.textContent.trim())));
}

/** What is wrong with the screen on show at this size: sideways scroll, axe, small controls. */
async function problems(page, screen) {
  const found = [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  if (scrollWidth > innerWidth) found.push(`${screen}: scrolls sideways by ${scrollWidth - innerWidth}px`);
  for (const violation of await violations(page)) found.push(`${screen}: ${violation}`);
  if (page.viewportSize().width <= PHONE.width) {
    // Every control a thumb uses (text links inside sentences excepted) is at least 44 px high
    // and wide.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll("button, select, .button, .header-link, .status-tabs a, input:not([type=checkbox]):not([type=radio]):not([type=hidden])")]
        .filter((element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden")
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.height < 43.5 || box.width < 43.5)
        .map(({ element, box }) => `${element.tagName.toLowerCase()}.${element.className} "${element.textContent.trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    for (const control of small) found.push(`${screen}: control smaller than 44 px: ${control}`);
  }
  return found;
}

/** Every screen of `paths` at both sizes; the problems found, one line each. */
async function sweep(page, base, paths) {
  const found = [];
  for (const size of [PHONE, LAPTOP]) {
    await page.setViewportSize(size);
    for (const path of paths) {
      await open(page, base, path);
      found.push(...(await problems(page, `${path} at ${size.width}px`)));
    }
  }
  return found;
}

/** Whether two boxes overlap. */
function overlap(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

for (const database of ["sqlite", "postgres"]) {
  describe(`the console on a phone and a laptop on ${database}`, () => {
    const env = useServerAndBrowser({ before, after }, { seed: true, database });
    const base = () => env.server.base;
    let shared;

    before(async () => {
      if (env.skipped) return;
      shared = await shareViaApi(base(), {
        campaign: "DEMO-SNEL",
        choices: { share_scores: true, share_answers: true, contact_me: true, group_figures: false },
        contact: { name: "Sam de Vries-van den Berg", email: "sam.de.vries-van.den.berg@voorbeeld-organisatie.example", phone: "0612345678", note: "Liever na 17 uur" },
      });
    });

    test("the arbeidsdeskundige's screens fit a phone and a laptop, and the menu works with the keyboard alone", async (t) => {
      if (env.skipped) return t.skip("PostgreSQL does not answer");
      const { context, page, errors } = await phone(env.browser, { viewport: PHONE, hasTouch: true });
      await open(page, base(), "/login/");
      const found = await problems(page, "/login/ at 390px");
      await logInToConsole(page, base(), ROLES.expert);

      // Collapsed, the header is one row: the menu does not take the screen.
      await page.locator("table.inbox").waitFor();
      const toggle = page.locator("button.menu-toggle");
      const nav = page.locator("#console-nav");
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await toggle.getAttribute("aria-controls"), "console-nav");
      assert.equal(await nav.isVisible(), false, "the menu is closed at first");
      const header = await page.locator("header.console-header").boundingBox();
      assert.ok(header.height <= 120, `the closed header is ${header.height}px high`);

      // From the screen's heading (where the focus goes when a screen opens), back with
      // Shift+Tab to the button, the last thing in the closed header; open with Enter: the menu
      // follows the button in the focus order.
      await page.locator("main h1").focus();
      let presses = 0;
      while (!(await toggle.evaluate((button) => button === document.activeElement)) && presses++ < 6) await page.keyboard.press("Shift+Tab");
      assert.ok(presses <= 6, "the menu's button is reached with the keyboard");
      assert.equal(presses, 1, "the button is right before the screen's content while the menu is closed");
      await page.keyboard.press("Enter");
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      await nav.waitFor({ state: "visible" });
      found.push(...(await problems(page, "open menu at 390px")));
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.closest("#console-nav") !== null), true, "Tab goes into the open menu");
      // Escape closes it and puts the focus back on the button.
      await page.keyboard.press("Escape");
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await nav.isVisible(), false);
      assert.ok(await toggle.evaluate((button) => button === document.activeElement), "the focus is back on the menu's button");
      // Space opens and closes it too.
      await page.keyboard.press(" ");
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      await page.keyboard.press(" ");
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      // Going somewhere from the menu closes it: Enter, Tab past "Uitkomsten" to "Opvolgen", Enter.
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Opvolgen");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/beheer\/opvolgen$/);
      await page.getByRole("heading", { name: "Opvolgen", level: 1 }).waitFor();
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await nav.isVisible(), false, "the menu closes after going somewhere");

      // The unread count stays in view on the closed menu's button: a share arrives after the
      // appointments and the inbox were seen (kept to the second), and the next screen shows it.
      await open(page, base(), "/afspraken");
      await open(page, base(), "/resultaten");
      assert.equal(await toggle.locator(".badge").count(), 0, "nothing unread");
      await page.waitForTimeout(1100);
      await shareViaApi(base(), { campaign: "DEMO-SNEL", choices: { share_scores: true, share_answers: false, contact_me: false, group_figures: false } });
      await open(page, base(), "/beschikbaarheid");
      await toggle.locator(".badge").waitFor();
      assert.equal((await toggle.locator(".badge").textContent()).trim(), "1");
      await page.getByRole("button", { name: /^Menu\s*, 1 nieuw$/ }).waitFor();

      // Every screen, at both sizes.
      const campaigns = await page.evaluate(async () => (await fetch("/api/campaigns")).json());
      const paths = ["/resultaten", `/resultaten/${shared.submission_id}`, "/opvolgen", "/afspraken", "/beschikbaarheid", "/campagnes", `/campagnes/${campaigns[0].id}`, "/logboek", "/account"];
      found.push(...(await sweep(page, base(), paths)));

      // At 1366 px the inbox's four filters sit side by side without covering each other.
      await page.setViewportSize(LAPTOP);
      await open(page, base(), "/resultaten");
      const boxes = [];
      for (const label of ["Campagne", "Afdeling", "Signaal", "Volgorde"]) {
        const field = page.locator("form.filters").getByLabel(label, { exact: true });
        boxes.push({ label, box: await field.boundingBox() });
      }
      for (let a = 0; a < boxes.length; a++) {
        for (let b = a + 1; b < boxes.length; b++) {
          assert.ok(!overlap(boxes[a].box, boxes[b].box), `${boxes[a].label} covers ${boxes[b].label}: ${JSON.stringify(boxes)}`);
        }
      }
      // The menu is in the header's row, without its button.
      assert.equal(await toggle.isVisible(), false);
      assert.ok(await page.getByRole("navigation", { name: "Hoofdmenu" }).isVisible());

      assert.deepEqual(found, []);
      assert.deepEqual(errors.filter((error) => !/status of 401/.test(error)), []);
      await context.close();
    });

    test("the employer's, practice admin's and admin's screens fit a phone and a laptop", async (t) => {
      if (env.skipped) return t.skip("PostgreSQL does not answer");
      const found = [];

      const employer = await phone(env.browser, { viewport: PHONE, hasTouch: true });
      await logInToConsole(employer.page, base(), ROLES.employer);
      const own = await employer.page.evaluate(async () => (await fetch("/api/campaigns")).json());
      const campaign = own[0].id;
      found.push(...(await sweep(employer.page, base(), ["/campagnes", "/campagnes/nieuw", `/campagnes/${campaign}`, `/campagnes/${campaign}/poster`, `/campagnes/${campaign}/cijfers`, "/account"])));
      await employer.context.close();

      const practiceAdmin = await phone(env.browser, { viewport: PHONE, hasTouch: true });
      await logInToConsole(practiceAdmin.page, base(), ROLES.practiceAdmin);
      found.push(...(await sweep(practiceAdmin.page, base(), ["/praktijk", "/account"])));
      await practiceAdmin.context.close();

      const admin = await phone(env.browser, { viewport: PHONE, hasTouch: true });
      await logInToConsole(admin.page, base(), ROLES.admin);
      found.push(...(await sweep(admin.page, base(), ["/accounts", "/organisaties", "/praktijken", "/versies", "/audit", "/account"])));
      // At 1366 px the new account's fields keep to their own place: "Organisatie" does not run
      // under the button or another field.
      await admin.page.setViewportSize(LAPTOP);
      await open(admin.page, base(), "/accounts");
      const form = admin.page.locator("form.console-form");
      const organisation = await form.getByLabel("Organisatie").boundingBox();
      const button = await form.getByRole("button", { name: "Account aanmaken" }).boundingBox();
      assert.ok(!overlap(organisation, button), `"Organisatie" runs under the button: ${JSON.stringify({ organisation, button })}`);
      for (const label of ["E-mailadres", "Naam", "Rol"]) {
        const other = await form.getByLabel(label, { exact: true }).boundingBox();
        assert.ok(!overlap(organisation, other), `"Organisatie" covers "${label}"`);
      }
      await admin.context.close();

      assert.deepEqual(found, []);
    });
  });
}

// The practice admin's "Mijn praktijk" in a real browser against the real server, on SQLite and
// on PostgreSQL, with axe on the screen: the practice's arbeidsdeskundigen (a new one gets a link
// to choose a password, one is deactivated and given access again), its definition authors (one
// added the same way) and the practice's audit
// trail, which says who did what, when and in which campaign, in words, and nothing of what was
// shared. The screen fits a phone of 360 px.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { laptop, shareViaApi, totp, useServerAndBrowser, violations } from "./harness.mjs";

const PRACTICE_ADMIN = { email: "beheer@arbopraktijkvandijk.example", password: "demo-praktijkbeheer" };
const EXPERT_NAME = "Karim Bouzid";

async function noViolations(page, screen) {
  assert.deepEqual(await violations(page), [], `axe on ${screen}`);
}

/** Logs in as the practice admin and sets up the second step (their first login). */
async function logInFirstTime(page, base) {
  await page.goto(`${base}/beheer/login/`);
  await page.getByLabel("E-mailadres").fill(PRACTICE_ADMIN.email);
  await page.getByLabel("Wachtwoord").fill(PRACTICE_ADMIN.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(/\/beheer\/login\/tweede-factor\/instellen$/);
  const secret = (await page.locator("code.secret").textContent()).replace(/\s/g, "");
  await page.getByLabel("Vul de code van zes cijfers uit de app in").fill(totp(secret));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.getByLabel("Ik heb de codes bewaard").check();
  await page.getByRole("button", { name: "Verder" }).click();
  await page.waitForURL(/\/beheer\/praktijk$/);
}

/** The row of a person in the table of arbeidsdeskundigen. */
function expertRow(page, name) {
  return page.getByRole("table", { name: "Arbeidsdeskundigen van je praktijk" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

for (const database of ["sqlite", "postgres"]) {
  describe(`the practice admin's screen on ${database}`, () => {
    const env = useServerAndBrowser({ before, after }, { seed: true, database });
    const base = () => env.server.base;

    test("a practice admin manages its arbeidsdeskundigen and reads its audit trail", async (t) => {
      if (env.skipped) return t.skip("PostgreSQL does not answer");
      // Someone shares with the practice's expert, with contact details that must never show.
      await shareViaApi(base(), {
        choices: { share_scores: true, share_answers: false, contact_me: true, group_figures: false },
        contact: { name: "Uniekenaam Persoon", email: "uniek@example.org", phone: null, note: null },
      });
      const { context, page } = await laptop(env.browser);
      await logInFirstTime(page, base());
      const karim = expertRow(page, EXPERT_NAME);
      await karim.waitFor();
      assert.match(await karim.textContent(), /actief, tweede stap/);
      assert.match(await karim.textContent(), /Werkscan 2026/);
      await noViolations(page, "Mijn praktijk");

      // A new arbeidsdeskundige: the screen says where the link went, never a password.
      const experts = page.getByRole("region", { name: "Arbeidsdeskundigen", exact: true });
      await experts.getByLabel("Naam", { exact: true }).fill("Lotte de Boer");
      await experts.getByLabel("E-mailadres").fill("lotte@arbopraktijkvandijk.example");
      await experts.getByRole("button", { name: "Arbeidsdeskundige toevoegen" }).click();
      await experts.getByRole("status").filter({ hasText: "Er is een link gestuurd naar lotte@arbopraktijkvandijk.example" }).waitFor();
      const lotte = expertRow(page, "Lotte de Boer");
      await lotte.waitFor();
      assert.match(await lotte.textContent(), /tweede stap nog niet ingesteld/);

      // A definition author of the practice, added the same way in a section of its own; the
      // demo author is listed already.
      const authors = page.getByRole("region", { name: "Auteurs van vragenlijsten" });
      const authorTable = authors.getByRole("table", { name: "Auteurs van je praktijk" });
      await authorTable.waitFor();
      await authors.getByLabel("Naam", { exact: true }).fill("Ruben Schrijver");
      await authors.getByLabel("E-mailadres").fill("ruben@arbopraktijkvandijk.example");
      await authors.getByRole("button", { name: "Auteur toevoegen" }).click();
      await authors.getByRole("status").filter({ hasText: "Er is een link gestuurd naar ruben@arbopraktijkvandijk.example" }).waitFor();
      const ruben = authorTable.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Ruben Schrijver", exact: true }) });
      await ruben.waitFor();
      assert.match(await ruben.textContent(), /actief, tweede stap nog niet ingesteld/);
      assert.equal(await expertRow(page, "Ruben Schrijver").count(), 0, "an author is not listed as an arbeidsdeskundige");

      // Deactivated, and given access again.
      page.once("dialog", (dialog) => dialog.accept());
      await page.getByRole("button", { name: `Blokkeren: ${EXPERT_NAME}` }).click();
      await karim.filter({ hasText: "geblokkeerd" }).waitFor();
      await page.getByRole("button", { name: `Weer toegang geven: ${EXPERT_NAME}` }).click();
      await karim.filter({ hasText: "actief" }).waitFor();

      // The trail in words: who, what (and whom), which campaign; never what was shared.
      await page.reload();
      const trail = page.getByRole("table", { name: "Logboek van je praktijk" });
      await trail.waitFor();
      const rows = await trail.locator("tbody tr").allTextContents();
      const text = rows.join("\n");
      assert.match(text, /Account weer actief: Karim Bouzid/);
      assert.match(text, /Anouk van Dijk \(praktijkbeheer\).*Account geblokkeerd: Karim Bouzid/);
      assert.match(text, /Account aangemaakt: Lotte de Boer/);
      assert.match(text, /Account aangemaakt: Ruben Schrijver/);
      assert.doesNotMatch(text, /Uniekenaam|uniek@example\.org/);
      await page.getByRole("status").filter({ hasText: /^1–\d+ van \d+$/ }).waitFor();
      await noViolations(page, "Mijn praktijk with its trail");
      // On a phone of 360 px the page does not scroll sideways (wide tables scroll in their box).
      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `"Mijn praktijk" is ${overflow}px too wide for a phone`);
      await noViolations(page, "Mijn praktijk on a phone");
      await context.close();
    });
  });
}

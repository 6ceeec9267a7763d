// "Mijn gegevens" (issue #18, art. 15 and 20 AVG) in a real browser against the real server: the
// person sees everything the server keeps about what they shared, with the receipt on the phone
// (nothing to type) or with the withdrawal code on another device, as a readable page and as a
// JSON file that is exactly what the server holds. axe checks every screen.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { useServerAndBrowser, campaignScan, phone, violations } from "./harness.mjs";

const env = useServerAndBrowser({ before, after }, { seed: true });

/** What the server answers for a withdrawal code, fetched as any client would. */
async function serverCopy(code) {
  const reply = await fetch(`${env.server.base}/api/my-data`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code }),
  });
  assert.equal(reply.status, 200);
  return reply.json();
}

test("the receipt on the phone shows what the server keeps, and the download is exactly the server's copy", async () => {
  const { context, page, errors } = await phone(env.browser, { acceptDownloads: true });
  await campaignScan(page, env.server.base);
  await page.locator('label[for="consent-sharescores"]').tap();
  await page.locator('label[for="consent-shareanswers"]').tap();
  await page.locator('label[for="consent-contactme"]').tap();
  await page.locator("#contact-name").fill("Sam de Vries");
  await page.locator("#contact-email").fill("sam@example.org");
  const upload = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/api/submissions"));
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  const sent = JSON.parse((await upload).postData());
  await page.locator(".code-card .withdrawal-code").waitFor();
  const receipts = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.receipts")));
  const receipt = receipts[receipts.length - 1];

  await page.goto(`${env.server.base}/mijn-gegevens`);
  await page.getByRole("heading", { name: "Wat de server van je bewaart" }).waitFor();
  assert.deepEqual(await violations(page), []);
  // Nothing to type: the receipt on this device is the proof.
  const fetched = page.waitForResponse((response) => response.url().endsWith("/api/my-data"));
  await page.locator(".held-receipts button").first().tap();
  assert.equal((await fetched).status(), 200);
  const heading = page.getByRole("heading", { name: "Dit bewaart de server van je" });
  await heading.waitFor();
  // The focus moves to the result, so a screen reader hears it and the keyboard goes on from it.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "held-result");
  const held = page.locator(".held");
  for (const name of ["Wat je deelde", "Wie verantwoordelijk is", "Je toestemming", "Je uitkomst", "Je antwoorden", "Je contactgegevens", "Wat de arbeidsdeskundige bijhoudt", "Je afspraken"]) {
    await held.getByRole("heading", { name, exact: true }).waitFor();
  }
  const campaign = await (await fetch(`${env.server.base}/api/c/DEMO-SNEL`)).json();
  const text = await held.innerText();
  for (const expected of ["Sam de Vries", "sam@example.org", campaign.name, campaign.controller, "Thuiszorg", receipt.submission_id]) {
    assert.ok(text.includes(expected), `the page does not show ${expected}`);
  }
  // Dates in words, not as machine text.
  assert.match(text, /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/);
  assert.ok(!text.includes(sent.consent.values.delete_after), "a date is shown in words");
  // The consent text the person read is there too.
  await held.locator("details.held-consent summary").tap();
  await held.locator("details.held-consent").getByText(campaign.controller).first().waitFor();
  // Fits a 360 px phone.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "the page scrolls sideways");
  assert.deepEqual(await violations(page), []);

  // The file: the server's copy, exactly.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download als bestand (JSON)" }).tap()]);
  assert.match(download.suggestedFilename(), /^werkscan-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.deepEqual(file, await serverCopy(receipt.withdrawal_code));
  // And that is what was uploaded.
  assert.equal(file.submission_id, receipt.submission_id);
  assert.deepEqual(file.answers, sent.answers);
  assert.deepEqual(file.contact, sent.contact);
  assert.deepEqual(file.result, sent.result);
  assert.deepEqual(file.consent.values, sent.consent.values);
  assert.deepEqual(file.consent.choices, sent.consent.choices);
  assert.equal(file.campaign.code, "DEMO-SNEL");
  assert.equal(file.responsible.name, campaign.controller);
  assert.deepEqual(errors, []);
  await context.close();
});

test("on another device the withdrawal code shows the same, by keyboard", async () => {
  const first = await phone(env.browser);
  await campaignScan(first.page, env.server.base);
  await first.page.locator('label[for="consent-sharescores"]').tap();
  await first.page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  await first.page.locator(".code-card .withdrawal-code").waitFor();
  const receipts = await first.page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.receipts")));
  const receipt = receipts[receipts.length - 1];
  await first.context.close();

  const { context, page, errors } = await phone(env.browser, { acceptDownloads: true });
  await page.goto(`${env.server.base}/mijn-gegevens`);
  await page.getByRole("heading", { name: "Wat de server van je bewaart" }).waitFor();
  // No receipts here: only the code field.
  assert.equal(await page.locator(".held-receipts").count(), 0);
  // Something that cannot be a code is caught on the phone.
  const field = page.getByLabel("Of vul je intrekcode in");
  await field.fill("ABCD-1234");
  await field.press("Enter");
  await page.locator("#held-code-error").getByText("Dit lijkt geen intrekcode.").waitFor();
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  // Typed in small letters with spaces, sent with the Enter key.
  await field.fill(receipt.withdrawal_code.toLowerCase().replaceAll("-", " "));
  await field.press("Enter");
  await page.getByRole("heading", { name: "Dit bewaart de server van je" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "held-result");
  const held = page.locator(".held");
  await held.getByText("De server bewaart je antwoorden niet.").waitFor();
  await held.getByText("De server bewaart geen contactgegevens van je deling.").waitFor();
  // The download link is reached with the keyboard from the result.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Download als bestand (JSON)");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.deepEqual(file, await serverCopy(receipt.withdrawal_code));
  assert.equal(file.answers, null);
  assert.equal(file.contact, null);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

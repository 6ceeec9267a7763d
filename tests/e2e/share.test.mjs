// Sharing after consent, in a real browser against the real server: nothing leaves the phone
// before consent, exactly the ticked parts are sent, offline uploads wait and go later, and a
// withdrawal deletes what was shared.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { useServerAndBrowser, assertNothingSent, campaignScan, phone, watchRequests } from "./harness.mjs";

const env = useServerAndBrowser({ before, after }, { seed: true });

/** A completed campaign scan whose "group figures" consent was given while offline: queued. */
async function queuedWhileOffline() {
  const { context, page } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  await page.locator('label[for="consent-groupfigures"]').tap();
  await context.setOffline(true);
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  await page.getByText("U bent nu offline").waitFor();
  return { context, page };
}

test("nothing is sent before consent; after consent exactly the ticked parts are; withdrawal deletes", async () => {
  const { context, page, errors } = await phone(env.browser);
  const requests = watchRequests(page);
  await campaignScan(page, env.server.base);
  // Up to here nothing left the phone.
  assertNothingSent(requests, env.server.base);
  // Nothing is pre-ticked and sharing needs a choice.
  assert.equal(await page.locator(".consent-choices input:checked").count(), 0);
  assert.ok(await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).isDisabled());
  // "Also share my answers" needs the result first.
  assert.ok(await page.locator("#consent-shareanswers").isDisabled());

  await page.locator('label[for="consent-sharescores"]').tap();
  await page.locator('label[for="consent-contactme"]').tap();
  await page.locator("#contact-name").fill("Sam de Vries");
  await page.locator("#contact-email").fill("sam@example.org");
  const upload = page.waitForRequest((request) => request.method() === "POST");
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  const sent = JSON.parse((await upload).postData());
  assert.equal(sent.campaign, "DEMO-SNEL");
  assert.equal(sent.department, "Thuiszorg");
  assert.deepEqual(sent.consent.choices, { share_scores: true, share_answers: false, contact_me: true, group_figures: false });
  assert.equal(sent.consent.lang, "nl");
  assert.match(sent.consent.text_version, /^[0-9a-f]{64}$/);
  assert.ok(sent.result && sent.result.scores.length > 0, "the result is sent");
  assert.equal(sent.answers, null, "answers are not sent without consent for them");
  assert.deepEqual(sent.contact, { name: "Sam de Vries", email: "sam@example.org", phone: null, note: null });

  await page.getByText("Gedeeld op").waitFor();
  const receipts = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.receipts")));
  assert.equal(receipts.length, 1);

  const withdrawal = page.waitForResponse((response) => response.request().method() === "DELETE");
  await page.getByRole("button", { name: /Trek mijn deelname in/ }).tap();
  assert.equal((await withdrawal).status(), 200);
  await page.getByText("Ingetrokken").waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("werkscan.receipts")), null);
  // The server no longer knows the submission: withdrawing again finds nothing.
  const again = await fetch(`${env.server.base}/api/submissions/${receipts[0].submission_id}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${receipts[0].withdrawal_token}` },
  });
  assert.equal(again.status, 404);
  assert.deepEqual(errors, []);
  await context.close();
});

test("niets delen sends nothing", async () => {
  const { context, page, errors } = await phone(env.browser);
  const requests = watchRequests(page);
  await campaignScan(page, env.server.base);
  await page.getByRole("button", { name: "Niets delen" }).tap();
  await page.getByRole("status").filter({ hasText: /niets/i }).waitFor();
  assertNothingSent(requests, env.server.base);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an upload made offline waits on the device and goes out when the connection returns", async () => {
  const { context, page } = await queuedWhileOffline();
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.outbox")));
  assert.equal(queued.length, 1);
  assert.equal(queued[0].submission.answers, null);
  assert.equal(queued[0].submission.contact, null);
  // The upload's key was made when the person shared, and goes out with it.
  assert.match(queued[0].key, /^[0-9a-f]{64}$/);
  const upload = page.waitForResponse((response) => response.request().method() === "POST");
  await context.setOffline(false);
  const response = await upload;
  assert.equal(response.status(), 201);
  assert.equal(response.request().headers()["idempotency-key"], queued[0].key);
  assert.equal((await response.json()).withdrawal_token, queued[0].key);
  await page.getByText("Gedeeld op").waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("werkscan.outbox")), null);
  await context.close();
});

test("a queued upload the server refuses is not lost without a word", async () => {
  const { context, page } = await queuedWhileOffline();
  // The consent text changed while the phone was offline: the queued version is outdated.
  await page.evaluate(() => {
    const queue = JSON.parse(localStorage.getItem("werkscan.outbox"));
    queue[0].submission.consent.text_version = "0".repeat(64);
    localStorage.setItem("werkscan.outbox", JSON.stringify(queue));
  });
  // The tab is closed while offline and opened again later, with a connection: the app sends
  // the queue at start and must say that the server refused it.
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  const refused = again.waitForResponse((response) => response.request().method() === "POST");
  await again.goto(`${env.server.base}/scan/quickscan`);
  assert.equal((await refused).status(), 422);
  await again.locator(".share .error").filter({ hasText: /consent/i }).waitFor();
  assert.equal(await again.evaluate(() => localStorage.getItem("werkscan.outbox")), null);
  // The person can choose again: the choices are back, none ticked.
  assert.ok((await again.locator(".consent-choices input").count()) > 0);
  assert.equal(await again.locator(".consent-choices input:checked").count(), 0);
  await context.close();
});

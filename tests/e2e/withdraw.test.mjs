// Withdrawing without the phone, and wiping the phone, in a real browser against the real server:
// the withdrawal code from the receipt withdraws on another device at /intrekken (asked first);
// "wis mijn gegevens" says that it leaves shared uploads on the server, shows the codes, and offers
// to withdraw first; wrong codes are limited. axe checks every screen.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { useServerAndBrowser, campaignScan, phone, violations, watchRequests } from "./harness.mjs";

const env = useServerAndBrowser({ before, after }, { seed: true });

/** A finished campaign scan whose result was shared with the arbeidsdeskundige; its receipt. */
async function sharedScan(page) {
  await campaignScan(page, env.server.base);
  await page.locator('label[for="consent-sharescores"]').tap();
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  await page.locator(".code-card .withdrawal-code").waitFor();
  const receipts = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.receipts")));
  return receipts[receipts.length - 1];
}

/** Whether the server still has the upload: withdrawing it with its token answers 200 once. */
async function stillOnServer(receipt) {
  const reply = await fetch(`${env.server.base}/api/submissions/${receipt.submission_id}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${receipt.withdrawal_token}` },
  });
  return reply.status === 200;
}

test("the withdrawal code withdraws from another device, after asking", async () => {
  const phoneOne = await phone(env.browser);
  const receipt = await sharedScan(phoneOne.page);
  await phoneOne.context.close();

  // Another device, with nothing of the first one.
  const { context, page, errors } = await phone(env.browser);
  const requests = watchRequests(page);
  await page.goto(`${env.server.base}/intrekken`);
  await page.getByRole("heading", { name: "Intrekken wat je deelde" }).waitFor();
  assert.deepEqual(await violations(page), []);
  // Something that cannot be a code is caught on the phone; nothing is sent.
  await page.getByLabel("Je intrekcode").fill("ABCD-1234");
  await page.getByRole("button", { name: "Trek in", exact: true }).tap();
  await page.getByText("Dit lijkt geen intrekcode.").waitFor();
  assert.equal(await page.getByLabel("Je intrekcode").getAttribute("aria-invalid"), "true");
  assert.equal(requests.filter((request) => request.method !== "GET").length, 0);
  // The real code, typed in small letters with spaces.
  await page.getByLabel("Je intrekcode").fill(receipt.withdrawal_code.toLowerCase().replaceAll("-", " "));
  await page.getByRole("button", { name: "Trek in", exact: true }).tap();
  await page.getByText("Weet je het zeker?").waitFor();
  await page.getByText(receipt.withdrawal_code).waitFor();
  assert.deepEqual(await violations(page), []);
  // "No" goes back without sending.
  await page.getByRole("button", { name: "Nee, terug" }).tap();
  assert.equal(requests.filter((request) => request.method !== "GET").length, 0);
  await page.getByRole("button", { name: "Trek in", exact: true }).tap();
  const withdrawal = page.waitForResponse((response) => response.url().endsWith("/api/withdrawals"));
  await page.getByRole("button", { name: "Ja, trek in en wis" }).tap();
  assert.equal((await withdrawal).status(), 200);
  await page.getByText("Ingetrokken. Wat je met deze code deelde, is gewist.").waitFor();
  assert.deepEqual(await violations(page), []);
  assert.equal(await stillOnServer(receipt), false, "the upload is gone from the server");
  // The same code again: unknown now, said calmly.
  await page.getByRole("button", { name: "Nog een code intrekken" }).tap();
  await page.getByLabel("Je intrekcode").fill(receipt.withdrawal_code);
  await page.getByRole("button", { name: "Trek in", exact: true }).tap();
  await page.getByRole("button", { name: "Ja, trek in en wis" }).tap();
  await page.getByText("Deze code kennen we niet.").waitFor();
  assert.deepEqual(errors.filter((error) => !error.includes("404")), []);
  await context.close();
});

test("wis mijn gegevens says what stays on the server, shows the codes, and withdraws first when asked", async () => {
  const { context, page, errors } = await phone(env.browser);
  const receipt = await sharedScan(page);
  await page.goto(`${env.server.base}/mijn-gegevens`);
  await page.getByRole("heading", { name: "Wat je vanaf dit apparaat hebt gedeeld" }).waitFor();
  await page.locator(".receipts").getByText(receipt.withdrawal_code).waitFor();
  await page.getByRole("button", { name: "Wis mijn gegevens" }).tap();
  const ask = page.locator(".confirm-box");
  await ask.getByText(/Wat dit niet doet: wat je hebt gedeeld, blijft op de server staan/).waitFor();
  await ask.getByText(receipt.withdrawal_code).waitFor();
  await ask.getByText(/Schrijf eerst je intrekcodes op/).waitFor();
  assert.deepEqual(await violations(page), []);
  // Without a connection nothing is withdrawn, so nothing is erased.
  await context.setOffline(true);
  await page.getByRole("button", { name: "Eerst intrekken, dan alles wissen" }).tap();
  await page.getByText("Intrekken lukte nu niet, dus er is nog niets gewist.").waitFor();
  assert.ok((await page.evaluate(() => Object.keys(localStorage))).length > 0);
  await context.setOffline(false);
  await page.getByRole("button", { name: "Eerst intrekken, dan alles wissen" }).tap();
  await page.getByText("Alles is gewist.").waitFor();
  await page.getByText("Wat je had gedeeld, is ingetrokken en van de server gewist.").waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.equal(await stillOnServer(receipt), false);
  assert.deepEqual(errors.filter((error) => !error.includes("net::")), []);
  await context.close();
});

test("erasing only the device leaves what was shared on the server, withdrawable with its code", async () => {
  const { context, page } = await phone(env.browser);
  const receipt = await sharedScan(page);
  await page.goto(`${env.server.base}/mijn-gegevens`);
  await page.getByRole("button", { name: "Wis mijn gegevens" }).tap();
  await page.getByRole("button", { name: "Alleen dit apparaat wissen" }).tap();
  await page.getByText("Alles is gewist.").waitFor();
  await page.getByText(/staat nog op de server. Intrekken kan met je intrekcode op .*\/intrekken/).waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  // Later, the code still works.
  const reply = await fetch(`${env.server.base}/api/withdrawals`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: receipt.withdrawal_code }),
  });
  assert.equal(reply.status, 200);
  await context.close();
});

// Last in this file: it uses up this address's free wrong codes.
test("wrong codes are limited, and the screen says to wait", async () => {
  const { context, page } = await phone(env.browser);
  await page.goto(`${env.server.base}/intrekken`);
  // Five wrong codes are free; after that each wrong code makes the address wait twice as long
  // (1, 2, 4, … seconds). Keep trying, waiting as told, until the wait is long enough for the
  // screen below to be refused for certain on a slow machine too.
  const statuses = [];
  let wait = 0;
  for (let attempt = 0; attempt < 40 && wait < 16; attempt += 1) {
    const group = String.fromCharCode(65 + (attempt % 26)).repeat(4).replace(/[ILOU]/g, "K");
    const reply = await fetch(`${env.server.base}/api/withdrawals`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: `${group}-2345-6789-${attempt % 2 ? "ABCD" : "EFGH"}` }),
    });
    statuses.push(reply.status);
    if (reply.status === 429) {
      wait = Number(reply.headers.get("retry-after"));
      assert.ok(wait >= 1, `Retry-After ${reply.headers.get("retry-after")}`);
      if (wait < 16) await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    } else {
      assert.equal(reply.status, 404, statuses.join(" "));
    }
  }
  assert.ok(wait >= 16, statuses.join(" "));
  await page.getByLabel("Je intrekcode").fill("LLLL-2345-6789-ABCD");
  await page.getByRole("button", { name: "Trek in", exact: true }).tap();
  await page.getByRole("button", { name: "Ja, trek in en wis" }).tap();
  await page.getByText("Er is een paar keer een code ingevuld die niet klopt. Wacht even en probeer het dan opnieuw. Dat is hoogstens een kwartier.").waitFor();
  assert.deepEqual(await violations(page), []);
  await context.close();
});

// Sharing after consent, in a real browser against the real server: nothing leaves the phone
// before consent, the consent names who is responsible and what the campaign knows, exactly the
// ticked parts are sent, offline uploads wait and go later, the receipt says what happens now and
// gives a withdrawal code, and a withdrawal asks first, deletes, and allows sharing again.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readFileSync } from "node:fs";
import { useServerAndBrowser, assertNothingSent, campaignScan, phone, violations, watchRequests } from "./harness.mjs";

const env = useServerAndBrowser({ before, after }, { seed: true });

/** A completed campaign scan whose "group figures" consent was given while offline: queued. */
async function queuedWhileOffline() {
  const { context, page } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  await page.locator('label[for="consent-groupfigures"]').tap();
  await context.setOffline(true);
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  await page.getByText("Je bent nu offline").waitFor();
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
  // The campaign's values filled into the words on screen go with the consent.
  const campaign = await (await fetch(`${env.server.base}/api/c/DEMO-SNEL`)).json();
  assert.deepEqual(sent.consent.values, {
    controller: campaign.controller,
    controller_contact: campaign.controller_contact,
    privacy_officer: campaign.privacy_officer,
    privacy_officer_contact: campaign.privacy_officer_contact,
    experts: campaign.experts,
    min_group_size: campaign.min_group_size,
    delete_after: campaign.delete_after,
  });
  assert.ok(sent.result && sent.result.scores.length > 0, "the result is sent");
  assert.equal(sent.answers, null, "answers are not sent without consent for them");
  assert.deepEqual(sent.contact, { name: "Sam de Vries", email: "sam@example.org", phone: null, note: null });

  await page.getByText("Gedeeld op").waitFor();
  const receipts = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.receipts")));
  assert.equal(receipts.length, 1);

  // Withdrawing asks first.
  await page.getByRole("button", { name: "Trek in wat ik deelde" }).tap();
  await page.getByText("Wil je intrekken wat je deelde?").waitFor();
  const withdrawal = page.waitForResponse((response) => response.request().method() === "DELETE");
  await page.getByRole("button", { name: "Ja, trek in en wis" }).tap();
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
  await again.locator(".share .error").filter({ hasText: /toestemmingstekst/ }).waitFor();
  assert.equal(await again.evaluate(() => localStorage.getItem("werkscan.outbox")), null);
  // The person can choose again: the choices are back, none ticked.
  assert.ok((await again.locator(".consent-choices input").count()) > 0);
  assert.equal(await again.locator(".consent-choices input:checked").count(), 0);
  await context.close();
});

const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

/** "2027-12-08" as "8 december 2027". */
function dutchDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

test("the consent names who is responsible, the experts, k and the date; each choice is short with details on demand", async () => {
  const { context, page, errors } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  const campaign = await (await fetch(`${env.server.base}/api/c/DEMO-SNEL`)).json();
  const share = page.locator(".share");
  await share.getByText(`Alleen de arbeidsdeskundige: ${campaign.experts[0]}.`).first().waitFor();
  await share.getByText(`minstens ${campaign.min_group_size} mensen`).first().waitFor();
  assert.ok((await share.innerText()).includes(dutchDate(campaign.delete_after)), "the deletion date in words");
  await share.getByText(/Nooit om je te beoordelen, en nooit voor besluiten over ziekteverzuim of over je contract/).waitFor();
  await share.getByText("Tel mijn uitkomst zonder naam mee in de groepscijfers").waitFor();
  const words = await share.innerText();
  for (const wrong of [/anoniem/i, /uitslag/i, /\b[Uu]w?\b/]) assert.ok(!wrong.test(words), `${wrong} on the consent screen`);
  // Why and how long per choice, and who is responsible with the rights, are folded away.
  const responsible = share.locator("details.consent-responsible");
  assert.equal(await responsible.getAttribute("open"), null);
  assert.ok(!(await share.getByText(/verwerkingsverantwoordelijke/).isVisible()));
  await responsible.locator("summary").tap();
  for (const part of [
    "verwerkingsverantwoordelijke",
    campaign.controller,
    campaign.controller_contact,
    campaign.privacy_officer,
    campaign.privacy_officer_contact,
    "gezondheidsgegevens",
    "uitdrukkelijke toestemming",
    "Autoriteit Persoonsgegevens",
    "intrekcode",
  ]) {
    assert.ok((await responsible.innerText()).includes(part), `${part} is named`);
  }
  await share.locator(".consent-item").first().locator("details summary").tap();
  await share.getByText("Zo kan de arbeidsdeskundige een goed gesprek met je voorbereiden.").waitFor();
  // A choice that cannot be made yet looks it and says why.
  const answers = share.locator(".consent-item").filter({ has: page.locator("#consent-shareanswers") });
  assert.ok(await page.locator("#consent-shareanswers").isDisabled());
  assert.match(await answers.getAttribute("class"), /consent-item-disabled/);
  assert.equal(await answers.locator("label").evaluate((label) => getComputedStyle(label).borderTopStyle), "dashed");
  assert.equal(await answers.locator(".consent-requires").innerText(), "Kan alleen als je ook je uitkomst deelt.");
  await page.locator('label[for="consent-sharescores"]').tap();
  assert.ok(!(await page.locator("#consent-shareanswers").isDisabled()));
  assert.equal(await answers.locator(".consent-requires").count(), 0);
  assert.equal(await answers.locator("label").evaluate((label) => getComputedStyle(label).borderTopStyle), "solid");
  // "Deel wat ik heb aangevinkt" and "Niets delen": side by side, the same size, not the same look.
  const shareButton = page.getByRole("button", { name: "Deel wat ik heb aangevinkt" });
  const nothingButton = page.getByRole("button", { name: "Niets delen" });
  const [a, b] = [await shareButton.boundingBox(), await nothingButton.boundingBox()];
  assert.ok(Math.abs(a.y - b.y) < 1 && Math.abs(a.height - b.height) < 1 && Math.abs(a.width - b.width) < 2, `${JSON.stringify([a, b])}`);
  assert.notEqual(await shareButton.getAttribute("class"), await nothingButton.getAttribute("class"));
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the first layer comes before any choice on a 360 px phone, and each health-data choice says so", async () => {
  const { context, page, errors } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  const campaign = await (await fetch(`${env.server.base}/api/c/DEMO-SNEL`)).json();
  const layer = page.locator(".consent-first-layer");
  await layer.getByRole("heading", { name: "Eerst in het kort" }).waitFor();
  const lines = await layer.locator("li").allInnerTexts();
  assert.ok(lines.length >= 4 && lines.length <= 5, lines.join("\n"));
  for (const line of lines) assert.ok(await layer.getByText(line, { exact: true }).isVisible(), `${line} is shown, not folded away`);
  const all = lines.join(" ");
  for (const part of ["gezondheidsgegevens", "artikel 9 lid 2 onder a AVG", campaign.controller, campaign.experts[0], "Nooit je werkgever", "Waarvoor", dutchDate(campaign.delete_after), "intrekcode"]) {
    assert.ok(all.includes(part), `the first layer names ${part}: ${all}`);
  }
  // Above the first choice, and within the phone's width.
  const [box, first] = [await layer.boundingBox(), await page.locator(".consent-item").first().boundingBox()];
  assert.ok(box.y + box.height <= first.y && box.x >= 0 && box.x + box.width <= 360, JSON.stringify([box, first]));
  // Every choice with a result or answers says it holds health data; contact details alone do not.
  for (const [id, health] of [["sharescores", true], ["shareanswers", true], ["contactme", false], ["groupfigures", true]]) {
    const label = await page.locator(`label[for="consent-${id}"]`).innerText();
    assert.equal(label.includes("(gezondheidsgegevens)"), health, label);
  }
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("group figures alone send the theme scores and the work-ability band, nothing more", async () => {
  const { context, page, errors } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  await page.locator('label[for="consent-groupfigures"]').tap();
  const upload = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/api/submissions"));
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  const sent = JSON.parse((await upload).postData());
  await page.getByRole("heading", { name: "Wat je hebt gedeeld" }).waitFor();
  const definition = await (await fetch(`${env.server.base}/api/questionnaires/${sent.definition}/${sent.version}`)).json();
  const known = Object.fromEntries(definition.scores.map((score) => [score.id, score]));
  const ids = sent.result.scores.map((score) => score.id);
  assert.ok(ids.length > 0 && ids.every((id) => known[id].bands && !known[id].hidden && !known[id].expert_only), ids.join(" "));
  for (const score of sent.result.scores) {
    if (known[score.id].headline) assert.deepEqual([score.value, typeof score.band], [null, "string"], "the headline's band, not its value");
    else assert.equal(typeof score.value, "number", score.id);
  }
  assert.deepEqual(sent.result.flags, []);
  assert.equal(sent.answers, null);
  assert.equal(sent.contact, null);
  assert.equal(sent.department, "Thuiszorg", "group figures are shown per department");
  assert.deepEqual(errors, []);
  await context.close();
});

test("after sharing: the date in words, what was shared, what happens now, and a withdrawal code to keep", async () => {
  const { context, page, errors } = await phone(env.browser, { acceptDownloads: true });
  await campaignScan(page, env.server.base);
  const campaign = await (await fetch(`${env.server.base}/api/c/DEMO-SNEL`)).json();
  await page.locator('label[for="consent-sharescores"]').tap();
  await page.locator('label[for="consent-groupfigures"]').tap();
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  const share = page.locator(".share");
  await share.getByText(/^Gedeeld op \d{1,2} [a-z]+ \d{4}\.$/).waitFor();
  await share.getByText(`Je uitkomst, met ${campaign.experts[0]}.`).waitFor();
  await share.getByText("Je uitkomst zonder naam, voor de groepscijfers.").waitFor();
  await share.getByRole("heading", { name: "Wat er nu gebeurt" }).waitFor();
  await share.getByText(`${campaign.experts[0]} neemt geen contact met je op`).waitFor();
  await share.getByText(`zodra minstens ${campaign.min_group_size} mensen meedoen`).waitFor();
  await share.getByText(`We bewaren het tot en met ${dutchDate(campaign.delete_after)}.`).waitFor();
  const [receipt] = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.receipts")));
  const code = (await share.locator(".code-card .withdrawal-code").innerText()).trim();
  assert.match(code, /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
  assert.equal(code, receipt.withdrawal_code);
  await share.getByText(/\/intrekken/).waitFor();
  // The code as a file to keep.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Bewaar als bestand" }).tap()]);
  const file = readFileSync(await download.path(), "utf8");
  assert.ok(file.includes(code) && file.includes("/intrekken"), file);
  // Printed, the code and what was shared are on paper; the buttons are not.
  await page.emulateMedia({ media: "print" });
  assert.ok(await share.locator(".code-card .withdrawal-code").isVisible());
  assert.ok(!(await page.getByRole("button", { name: "Trek in wat ik deelde" }).isVisible()));
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(await violations(page), []);

  // Withdrawing asks first and says what will be gone; "no" keeps everything.
  await page.getByRole("button", { name: "Trek in wat ik deelde" }).tap();
  const ask = page.locator(".confirm-box");
  await ask.getByText("Wil je intrekken wat je deelde?").waitFor();
  assert.deepEqual(await ask.locator("li").allInnerTexts(), ["je uitkomst", "je uitkomst in de groepscijfers"]);
  assert.deepEqual(await violations(page), []);
  await page.getByRole("button", { name: "Nee, laat het staan" }).tap();
  assert.equal(await page.locator(".confirm-box").count(), 0);
  assert.equal((await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.receipts")))).length, 1);
  await page.getByRole("button", { name: "Trek in wat ik deelde" }).tap();
  await page.getByRole("button", { name: "Ja, trek in en wis" }).tap();
  await page.getByText("Ingetrokken. Wat je had gedeeld, is gewist.").waitFor();
  // And sharing again is possible, from scratch.
  await page.getByRole("button", { name: "Opnieuw kiezen wat je deelt" }).tap();
  assert.equal(await page.locator(".consent-choices input:checked").count(), 0);
  await page.locator('label[for="consent-groupfigures"]').tap();
  const upload = page.waitForResponse((response) => response.request().method() === "POST");
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  assert.equal((await upload).status(), 201);
  const again = (await share.locator(".code-card .withdrawal-code").innerText()).trim();
  assert.notEqual(again, code);
  assert.deepEqual(errors, []);
  await context.close();
});

test("words the campaign no longer has are refused, and the new words are shown to choose again", async () => {
  const { context, page, errors } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  const campaign = await (await fetch(`${env.server.base}/api/c/DEMO-SNEL`)).json();
  // The phone kept the campaign as it was before an extension moved the deletion date, and
  // cannot reach the campaign's link just now: the consent shows the kept words.
  await page.evaluate(() => {
    const key = "werkscan.campaign.quickscan";
    const kept = JSON.parse(localStorage.getItem(key));
    kept.campaign.delete_after = "2020-01-31";
    localStorage.setItem(key, JSON.stringify(kept));
  });
  await page.route("**/api/c/DEMO-SNEL", (route) => route.abort());
  await page.reload();
  const share = page.locator(".share");
  await share.getByText("We bewaren alles wat je deelt tot en met 31 januari 2020.").waitFor();
  await page.unroute("**/api/c/DEMO-SNEL");
  await page.locator('label[for="consent-groupfigures"]').tap();
  const refused = page.waitForResponse((response) => response.request().method() === "POST");
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  assert.equal((await refused).status(), 409);
  await share.getByText("De tekst hieronder is veranderd sinds je hem las").waitFor();
  await share.getByText(`We bewaren alles wat je deelt tot en met ${dutchDate(campaign.delete_after)}.`).waitFor();
  assert.equal(await page.locator(".consent-choices input:checked").count(), 0, "nothing stays ticked under the old words");
  assert.equal(await page.evaluate(() => localStorage.getItem("werkscan.receipts")), null);
  // Agreeing to the new words works.
  await page.locator('label[for="consent-groupfigures"]').tap();
  const upload = page.waitForResponse((response) => response.request().method() === "POST");
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  assert.equal((await upload).status(), 201);
  assert.equal(JSON.parse((await upload).request().postData()).consent.values.delete_after, campaign.delete_after);
  assert.deepEqual(errors.filter((error) => !/409|ERR_FAILED/.test(error)), []);
  await context.close();
});

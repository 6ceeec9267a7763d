// Booking the adviesgesprek on a phone-sized screen, in a real browser against the real server:
// one choice per screen, what is shared said before confirming, the calendar file, moving and
// cancelling from the link, keeping what was typed without a connection, and a scan without a
// campaign pointing elsewhere. axe checks every screen; the request log shows that booking sends
// no score and no answer.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { useServerAndBrowser, campaignScan, openScan, answerByTapping, currentItem, phone, violations, watchRequests, expectFocus } from "./harness.mjs";

const env = useServerAndBrowser({ before, after }, { seed: true });

/** Taps the label of the first choice of the group on screen, then "Volgende". */
async function chooseFirstAndGoOn(page) {
  await page.locator("fieldset.question .choice label").first().tap();
  await page.getByRole("button", { name: "Volgende" }).tap();
}

async function assertAxeClean(page, screen) {
  assert.deepEqual(await violations(page), [], `violations on ${screen}`);
}

/** From a finished campaign scan's report to the check screen, by video. */
async function toCheckScreen(page) {
  await page.getByRole("link", { name: "Plan een gesprek" }).tap();
  await page.getByText("Hoe wil je het gesprek voeren?").waitFor();
  await assertAxeClean(page, "booking: kind");
  await page.getByText("Met video").tap();
  await page.getByRole("button", { name: "Volgende" }).tap();
  await page.getByText("Op welke dag?").waitFor();
  await page.locator("fieldset.question .choice").first().waitFor();
  // Read aloud, the day and its number of free times are two parts, not "december9 vrije tijden".
  const dayText = await page.locator("fieldset.question .choice label").first().textContent();
  assert.match(dayText, /[a-z], \d+ vrije tijden$/, dayText);
  await assertAxeClean(page, "booking: day");
  await chooseFirstAndGoOn(page);
  await page.getByText("Hoe laat?").waitFor();
  await assertAxeClean(page, "booking: time");
  await chooseFirstAndGoOn(page);
  await page.getByText("Hoe kan de arbeidsdeskundige je bereiken?").waitFor();
  await page.locator("#booking-name").fill("Sam de Vries");
  await page.locator("#booking-email").fill("sam@example.org");
  // One line under the e-mail field suggests a private address, and the field points to it.
  const hint = page.locator("#booking-email-hint");
  assert.match(await hint.textContent(), /e-mailadres van jezelf, niet dat van je werk/);
  assert.equal(await page.locator("#booking-email").getAttribute("aria-describedby"), "booking-email-hint");
  await assertAxeClean(page, "booking: contact");
  await page.getByRole("button", { name: "Volgende" }).tap();
  await page.getByRole("heading", { name: "Klopt dit?" }).waitFor();
}

test("book, add to the calendar, move and cancel on a phone; nothing but the typed details is sent", async () => {
  const { context, page, errors } = await phone(env.browser, { acceptDownloads: true });
  const requests = watchRequests(page);
  await campaignScan(page, env.server.base);
  const reportUrl = page.url();
  await toCheckScreen(page);
  await page.getByText("Je uitkomst en je antwoorden gaan niet mee.").waitFor();
  await page.getByText("Je werkgever ziet niet dat je een gesprek plant.").waitFor();
  await assertAxeClean(page, "booking: check");
  const booking = page.waitForRequest((request) => request.method() === "POST" && request.url().includes("/appointments"));
  await page.getByRole("button", { name: "Bevestig het gesprek" }).tap();
  const bookingRequest = await booking;
  const sent = JSON.parse(bookingRequest.postData());
  assert.deepEqual(Object.keys(sent).sort(), ["email", "expert", "kind", "lang", "name", "phone", "shared_result", "start"]);
  assert.equal(sent.shared_result, null);
  assert.equal(sent.kind, "video");
  assert.equal(sent.email, "sam@example.org");
  await page.getByRole("heading", { name: "Je gesprek is gepland" }).waitFor();
  await assertAxeClean(page, "booking: done");
  // The only requests that sent anything were the booking: no upload, no score, no answer.
  const sending = requests.filter((request) => request.method !== "GET");
  assert.equal(sending.length, 1, sending.map((request) => request.url).join(" "));
  assert.ok(!/"scores"|"answers"|"result"|"value"|"band"/.test(sending[0].body), sending[0].body);

  // "Zet in mijn agenda" gives a calendar invitation.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Zet in mijn agenda" }).tap()]);
  const ics = readFileSync(await download.path(), "utf8");
  assert.match(ics, /METHOD:REQUEST/);
  assert.match(ics, /SEQUENCE:0/);
  // Private, and its title says with whom (the expert's name as their account gives it),
  // nothing about health or a scan.
  assert.match(ics, /\r\nCLASS:PRIVATE\r\n/);
  assert.match(ics, /\r\nSUMMARY:Afspraak met [^\r]+\r\n/);
  assert.doesNotMatch(ics.match(/\r\nSUMMARY:[^\r]+/)[0], /scan|gezond|advies/i);
  // The booking is kept on the device, and "mijn gegevens" shows it.
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.bookings")));
  assert.equal(kept.length, 1);
  const manage = await page.locator(".manage-link a").getAttribute("href");
  assert.equal(manage, `/afspraak/${kept[0].token}`);
  // The link's credential is the one the server made, not the key the phone sent with the booking
  // (that key only makes a retry the same booking).
  const answer = await (await bookingRequest.response()).json();
  assert.equal(kept[0].token, answer.token);
  assert.notEqual(kept[0].token, bookingRequest.headers()["idempotency-key"]);

  // The link works from any device: a fresh context without the phone's storage.
  const other = await phone(env.browser, { acceptDownloads: true });
  await other.page.goto(`${env.server.base}${manage}`);
  await other.page.getByRole("heading", { name: "Je gesprek" }).waitFor();
  await other.page.getByText(kept[0].words).waitFor();
  await assertAxeClean(other.page, "appointment");
  // Move it.
  await other.page.getByRole("button", { name: "Verzetten", exact: true }).tap();
  await other.page.getByText("Kies een nieuw moment").waitFor();
  await other.page.locator("fieldset.question .choice label").nth(1).tap();
  await other.page.getByText("Hoe laat?").waitFor();
  await other.page.locator("fieldset.question").nth(1).locator(".choice label").first().tap();
  await assertAxeClean(other.page, "appointment: move");
  await other.page.getByRole("button", { name: "Verzetten", exact: true }).tap();
  await other.page.getByText("Het gesprek is verzet.").waitFor();
  const [moved] = await Promise.all([other.page.waitForEvent("download"), other.page.getByRole("link", { name: "Zet in mijn agenda" }).tap()]);
  assert.match(readFileSync(await moved.path(), "utf8"), /SEQUENCE:1/);
  // Cancel it, after being asked.
  await other.page.getByRole("button", { name: "Afzeggen" }).tap();
  await other.page.getByText("Weet je het zeker?").waitFor();
  await assertAxeClean(other.page, "appointment: cancel?");
  await other.page.getByRole("button", { name: "Ja, zeg het gesprek af" }).tap();
  await other.page.getByText("Dit gesprek is afgezegd.").first().waitFor();
  const [cancelled] = await Promise.all([other.page.waitForEvent("download"), other.page.getByRole("link", { name: "Haal het uit mijn agenda" }).tap()]);
  const cancellation = readFileSync(await cancelled.path(), "utf8");
  assert.match(cancellation, /METHOD:CANCEL/);
  assert.match(cancellation, /SEQUENCE:2/);
  assert.deepEqual(other.errors, []);
  await other.context.close();

  // The phone learns what happened on the other device the next time the report opens: the
  // booking it kept is no longer shown as planned, and booking is offered again.
  const now = await (await fetch(`${env.server.base}/api/appointments/${kept[0].token}`)).json();
  assert.equal(now.status, "cancelled");
  assert.notEqual(now.words, kept[0].words, "it was moved before it was cancelled");
  await page.goto(reportUrl);
  await page.getByRole("link", { name: "Plan een gesprek" }).waitFor();
  assert.equal(await page.getByText("Je hebt een gesprek gepland:").count(), 0);
  const refreshed = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.bookings")));
  assert.deepEqual([refreshed[0].status, refreshed[0].words], ["cancelled", now.words]);
  // "Mijn gegevens" shows it at its last time, as cancelled.
  await page.goto(`${env.server.base}/mijn-gegevens`);
  await page.getByRole("heading", { name: "Gesprekken" }).waitFor();
  const line = page.locator("ul.bookings li").filter({ has: page.getByRole("link", { name: now.words }) });
  await line.getByText("Dit gesprek is afgezegd.").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("after sharing, the booking offers the details typed then and the shared result, all editable", async () => {
  const { context, page, errors } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  await page.locator('label[for="consent-sharescores"]').tap();
  await page.locator('label[for="consent-contactme"]').tap();
  await page.locator("#contact-name").fill("Zoë de Vries");
  await page.locator("#contact-email").fill("zoe@example.org");
  await page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
  await page.getByRole("heading", { name: "Wat je hebt gedeeld" }).waitFor();
  await page.getByRole("link", { name: "Plan een gesprek" }).tap();
  await page.getByText("Telefonisch").tap();
  await page.getByRole("button", { name: "Volgende" }).tap();
  await page.locator("fieldset.question .choice").first().waitFor();
  await chooseFirstAndGoOn(page);
  await page.getByText("Hoe laat?").waitFor();
  await chooseFirstAndGoOn(page);
  await page.getByText("Hoe kan de arbeidsdeskundige je bereiken?").waitFor();
  assert.equal(await page.locator("#booking-name").inputValue(), "Zoë de Vries");
  assert.equal(await page.locator("#booking-email").inputValue(), "zoe@example.org");
  assert.equal(await page.locator("#link-result").isChecked(), true);
  // A phone call without a number: the message sits under the phone field, which is marked and
  // has focus, on a 360 px screen, not hidden under the buttons.
  await page.getByRole("button", { name: "Volgende" }).tap();
  const phoneField = page.locator("#booking-phone");
  await page.locator("#booking-phone-error").waitFor();
  assert.equal(await phoneField.getAttribute("aria-invalid"), "true");
  assert.equal(await phoneField.getAttribute("aria-describedby"), "booking-phone-error");
  await expectFocus(page, "booking-phone");
  const [field, message, buttons] = [await phoneField.boundingBox(), await page.locator("#booking-phone-error").boundingBox(), await page.locator(".nav-buttons").boundingBox()];
  assert.ok(message.y >= field.y + field.height && message.y + message.height <= buttons.y, JSON.stringify([field, message, buttons]));
  assert.deepEqual(await violations(page), []);
  await phoneField.fill("06 1234 5678");
  assert.equal(await phoneField.getAttribute("aria-invalid"), null, "typing takes the mark away");
  // The suggestion can be changed, and the result can be left out.
  await page.locator("#booking-name").fill("Zoë");
  await page.locator('label[for="link-result"]').tap();
  await page.getByRole("button", { name: "Volgende" }).tap();
  await page.getByRole("heading", { name: "Klopt dit?" }).waitFor();
  const booking = page.waitForRequest((request) => request.method() === "POST" && request.url().includes("/appointments"));
  await page.getByRole("button", { name: "Bevestig het gesprek" }).tap();
  const sent = JSON.parse((await booking).postData());
  assert.deepEqual([sent.name, sent.email, sent.phone, sent.shared_result], ["Zoë", "zoe@example.org", "06 1234 5678", null]);
  await page.getByRole("heading", { name: "Je gesprek is gepland" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("without a connection, booking says so and keeps what was typed", async () => {
  const { context, page } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  await toCheckScreen(page);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Bevestig het gesprek" }).tap();
  await page.getByText("Plannen kan alleen met internet.").waitFor();
  await page.getByRole("button", { name: "Vorige" }).tap();
  assert.equal(await page.locator("#booking-name").inputValue(), "Sam de Vries");
  assert.equal(await page.locator("#booking-email").inputValue(), "sam@example.org");
  // Back online, the same booking goes through.
  await context.setOffline(false);
  await page.getByRole("button", { name: "Volgende" }).tap();
  await page.getByRole("button", { name: "Bevestig het gesprek" }).tap();
  await page.getByRole("heading", { name: "Je gesprek is gepland" }).waitFor();
  await context.close();
});

test("a scan not opened from a campaign says where to go instead of offering a booking", async () => {
  const { context, page, errors } = await phone(env.browser);
  await openScan(page, env.server.base, "quickscan");
  for (let step = 0; step < 60 && (await currentItem(page)); step++) await answerByTapping(page, step);
  await page.locator(".report").waitFor();
  await page.getByText("Met wie kun je praten?").waitFor();
  // A real route rather than a dead end: where to find an arbeidsdeskundige, for employees and
  // for the self-employed, and the GP for health.
  const talk = await page.locator(".talk").innerText();
  for (const part of ["arbeidsdeskundigen.nl", "bedrijfsarts", "zelfstandige", "huisarts"]) assert.ok(talk.includes(part), `${part}: ${talk}`);
  assert.equal(await page.getByRole("link", { name: "Plan een gesprek" }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("one reminder to book can be asked for, and is off until ticked", async () => {
  const { context, page } = await phone(env.browser);
  await campaignScan(page, env.server.base);
  const box = page.locator("#remind-me");
  assert.equal(await box.isChecked(), false);
  assert.equal(await page.locator("#remind-email").count(), 0);
  await page.locator('label[for="remind-me"]').tap();
  await page.locator("#remind-email").fill("later@example.org");
  const asked = page.waitForResponse((response) => response.url().endsWith("/reminder"));
  await page.getByRole("button", { name: "Zet de herinnering aan" }).tap();
  assert.equal((await asked).status(), 201);
  await page.getByText(/sturen we je één herinnering/).waitFor();
  assert.deepEqual(await violations(page), []);
  await context.close();
});

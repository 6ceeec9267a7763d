// Personal invitations in a real browser against the real server (issue 19): the employer
// creates a campaign with personal invitations in the console and pastes the roster (refused by
// line first, on the screen and by the server); the arbeidsdeskundige checks and approves it in
// the console; the invitations arrive at a mail server on loopback; one person opens their
// personal link on a phone, does the scan and shares group figures through the report's own
// consent; the others share with their tokens through the API, one with a printed letter's; the
// practice reminds everyone once a day; the campaign closes, the expert publishes, and the
// employer's dashboard shows figures per department. A campaign with an open link shows only the
// total, and says why. axe runs on every new screen.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { answerByTapping, currentItem, laptop, phone, shareViaApi, totp, useServerAndBrowser, violations, expectFocus } from "./harness.mjs";

const EXPERT = { email: "ad@delinde.example", password: "demo-arbeidsdeskundige" };
const EMPLOYER = { email: "werkgever@delinde.example", password: "demo-werkgever" };
const GROUP_ONLY = { share_scores: false, share_answers: false, contact_me: false, group_figures: true };

async function noViolations(page, screen) {
  assert.deepEqual(await violations(page), [], `axe on ${screen}`);
}

async function logIn(page, base, { email, password }) {
  await page.goto(`${base}/beheer/login/`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

/** The expert's first login: the second step is set up before anything else. */
async function logInAsExpert(page, base) {
  await logIn(page, base, EXPERT);
  await page.waitForURL(/\/beheer\/login\/tweede-factor\/instellen$/);
  await page.locator(".qr svg").waitFor();
  const secret = (await page.locator("code.secret").textContent()).replace(/\s/g, "");
  await page.getByLabel("Vul de code van zes cijfers uit de app in").fill(totp(secret));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.locator(".recovery-codes code").first().waitFor();
  await page.getByLabel("Ik heb de codes bewaard").check();
  await page.getByRole("button", { name: "Verder" }).click();
  // The login is complete only once the console has moved on.
  await page.waitForURL(/\/beheer\/resultaten$/);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).waitFor();
}

/** Fills in the new-campaign form up to the invitations choice; the caller chooses and creates. */
async function newCampaign(page, name) {
  await page.goto(page.url().replace(/\/beheer\/.*$/, "/beheer/campagnes/nieuw"));
  await page.getByLabel("Welke vragenlijst?").selectOption("quickscan");
  await page.locator(".preview details").waitFor();
  await page.getByLabel("Naam (zien werknemers ook)").fill(name);
  await page.getByRole("textbox", { name: "Afdeling 1", exact: true }).fill("Zorg");
  await page.getByRole("button", { name: "Afdeling toevoegen" }).click();
  await page.getByRole("textbox", { name: "Afdeling 2", exact: true }).fill("Kantoor");
  await page.getByLabel("Minimale groepsgrootte").fill("5");
  await page.getByLabel("Karim Bouzid").check();
}

/** The employer closes the campaign on its page. */
async function close(page) {
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Campagne sluiten" }).click();
  await page.getByText("Gesloten").first().waitFor();
}

/** The expert checks the release of a closed campaign and publishes it. */
async function publish(page, campaignUrl) {
  await page.goto(`${campaignUrl}/vrijgave`);
  await page.locator(".signals li").first().waitFor();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Vrijgeven aan de werkgever" }).click();
  await page.getByText(/Vrijgegeven op .* door Karim Bouzid/).waitFor();
}

/** The groups of the dashboard's heatmap (its columns after the themes'), in order. */
async function dashboardGroups(page, campaignUrl) {
  await page.goto(`${campaignUrl}/cijfers`);
  await page.locator("table.heatmap").waitFor();
  return page.locator("table.heatmap thead .heat-group").allTextContents();
}

/** Errors in a browser console, without those a test causes on purpose. */
function unexpected(errors, expected = []) {
  return errors.filter((error) => !/status of 401/.test(error) && !expected.some((pattern) => pattern.test(error)));
}

describe("personal invitations", () => {
  const env = useServerAndBrowser({ before, after }, { seed: true, mail: true });
  const base = () => env.server.base;
  let employer;
  let expert;

  before(async () => {
    employer = await laptop(env.browser);
    await logIn(employer.page, base(), EMPLOYER);
    await employer.page.waitForURL(/\/beheer\/campagnes$/);
    expert = await laptop(env.browser);
    await logInAsExpert(expert.page, base());
  });

  after(async () => {
    await employer?.context.close();
    await expert?.context.close();
  });

  test("a roster checked by the practice, invitations by mail and letter, and figures per department", async () => {
    const page = employer.page;
    await newCampaign(page, "Persoonlijk e2e");
    // Personal invitations are the default, and then nobody types a headcount: the roster gives it.
    assert.ok(await page.getByLabel("Persoonlijke uitnodigingen (aanbevolen)").isChecked());
    assert.equal(await page.getByLabel("Aantal medewerkers (niet verplicht)").count(), 0);
    await page.getByText(/Je ziet cijfers per afdeling/).waitFor();
    await noViolations(page, "new campaign with personal invitations");
    await page.getByRole("button", { name: "Campagne aanmaken" }).click();
    await page.waitForURL(/\/beheer\/campagnes\/(?!nieuw$)[^/]+$/);
    const campaignUrl = page.url().replace(/\/$/, "");
    const campaignId = campaignUrl.split("/").pop();

    // No open link, QR code or poster is offered: everyone gets a link of their own.
    await page.getByRole("heading", { name: "Persoonlijke uitnodigingen" }).waitFor();
    await page.getByText(/krijgt iedereen een persoonlijke link van de praktijk/).waitFor();
    assert.equal(await page.locator(".campaign-link").count(), 0);
    assert.equal(await page.locator("img.qr").count(), 0);
    await page.getByText(/nog geen e-mailadressen gegeven/).waitFor();
    await noViolations(page, "campaign page with an empty roster");

    // The roster, pasted: line 4 of Zorg is not an address. The form says so by line, next to
    // Zorg's box, and puts the focus there; nothing is sent.
    let puts = 0;
    page.on("request", (request) => request.method() === "PUT" && request.url().endsWith(`/api/campaigns/${campaignId}/roster`) && puts++);
    const zorg = page.getByLabel("E-mailadressen voor Zorg");
    const kantoor = page.getByLabel("E-mailadressen voor Kantoor");
    const zorgLines = (fourth) => ["zorg1@delinde.example", "zorg2@delinde.example, zorg3@delinde.example", "", fourth, "zorg5@delinde.example", "zorg6@delinde.example", "zorg7@delinde.example", ""].join("\n");
    await zorg.fill(zorgLines("geen-adres"));
    // As pasted from a spreadsheet: cells separated by tabs, and a semicolon list.
    await kantoor.fill("kantoor1@delinde.example\tkantoor2@delinde.example\nkantoor3@delinde.example;kantoor4@delinde.example\n\nkantoor5@delinde.example kantoor6@delinde.example");
    await page.getByRole("button", { name: "Lijst naar de praktijk sturen" }).click();
    await page.getByText("Regel 4: dit is geen e-mailadres.").waitFor();
    assert.equal(puts, 0);
    await expectFocus(page, "roster-department-0");
    assert.equal(await zorg.getAttribute("aria-invalid"), "true");
    assert.equal(await kantoor.getAttribute("aria-invalid"), "false");
    assert.match(await zorg.getAttribute("aria-describedby"), /roster-department-0-error/);
    await noViolations(page, "roster with a problem");

    // An address only the server can tell is wrong: its refusal lands on the same line.
    await zorg.fill(zorgLines("zorg4@delinde..example"));
    // Sent with the keyboard alone: from the box, Tab to the button and Enter.
    await kantoor.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText("Regel 4: dit is geen e-mailadres.").waitFor();
    assert.equal(puts, 1);
    await expectFocus(page, "roster-department-0");

    await zorg.fill(zorgLines("zorg4@delinde.example"));
    await page.getByRole("button", { name: "Lijst naar de praktijk sturen" }).click();
    await page.getByText(/De praktijk controleert de lijst\. Daarna/).waitFor();
    await page.locator("table.roster-numbers").waitFor();
    const numbers = async (target) => (await target.locator("table.roster-numbers tbody tr").allInnerTexts()).map((row) => row.split(/\s+/).join(" "));
    assert.deepEqual(await numbers(page), ["Zorg 7 0", "Kantoor 6 0"]);
    await noViolations(page, "roster waiting for the practice");

    // The practice checks numbers and domains (no addresses) and approves.
    const review = expert.page;
    await review.goto(campaignUrl);
    await review.getByRole("heading", { name: "Lijst met e-mailadressen controleren" }).waitFor();
    await review.locator("table.roster-review").waitFor();
    const reviewed = await review.locator("table.roster-review tbody").innerText();
    assert.match(reviewed, /Zorg[\s\S]*7 per e-mail, 0 per brief[\s\S]*delinde\.example: 7/);
    assert.match(reviewed, /Kantoor[\s\S]*6 per e-mail, 0 per brief[\s\S]*delinde\.example: 6/);
    assert.ok(!reviewed.includes("zorg1@"), "the practice sees no addresses");
    await noViolations(review, "the practice's check of the roster");
    review.once("dialog", (dialog) => {
      assert.match(dialog.message(), /naar 13 mensen/);
      dialog.accept();
    });
    await review.getByRole("button", { name: "Goedkeuren en uitnodigingen versturen" }).click();
    await review.getByText("Goedgekeurd: de uitnodigingen zijn verstuurd.").waitFor();
    await review.getByRole("heading", { name: "Brieven voor mensen zonder e-mail" }).waitFor();
    await noViolations(review, "the approved roster");

    // Each invited person's mail holds a personal link.
    const addresses = [...Array.from({ length: 7 }, (_, index) => `zorg${index + 1}@delinde.example`), ...Array.from({ length: 6 }, (_, index) => `kantoor${index + 1}@delinde.example`)];
    const links = {};
    for (const address of addresses) {
      const mail = await env.server.mail.waitFor(address);
      const link = mail.text.match(/http:\/\/\S+\/c\/([A-Z0-9]+)\?u=([0-9a-f]+)/);
      assert.ok(link, `a personal link in the mail to ${address}:\n${mail.text}`);
      assert.ok(link[0].startsWith(`${base()}/c/`));
      links[address] = { url: link[0], code: link[1], token: link[2] };
    }
    const code = links["zorg1@delinde.example"].code;
    assert.equal(new Set(Object.values(links).map((link) => link.token)).size, addresses.length, "every link is different");

    // A letter for someone in Kantoor without e-mail: one page to print, with the QR code and
    // the link, shown once.
    await review.getByLabel("Afdeling", { exact: true }).selectOption("Kantoor");
    await review.getByLabel("Aantal brieven (1 tot 500)").fill("1");
    await review.getByRole("button", { name: "Brieven maken" }).click();
    await review.locator("article.letter").waitFor();
    assert.equal(await review.locator("article.letter").count(), 1);
    assert.equal(await review.locator("article.letter .letter-qr svg").count(), 1);
    const letterLink = (await review.locator("article.letter .letter-link").textContent()).trim();
    const letterToken = letterLink.match(new RegExp(`^${base()}/c/${code}\\?u=([0-9a-f]+)$`))[1];
    assert.match(await review.locator("article.letter").innerText(), /Kantoor[\s\S]*minstens 5 mensen/);
    await noViolations(review, "letters to print");
    await review.emulateMedia({ media: "print" });
    assert.ok(!(await review.getByRole("button", { name: "Afdrukken of als PDF bewaren" }).isVisible()), "the buttons are not printed");
    assert.ok(!(await review.locator("main > h1").isVisible()), "nor the screen's heading");
    assert.ok(await review.locator("article.letter .letter-link").isVisible());
    await review.emulateMedia({ media: "screen" });
    review.once("dialog", (dialog) => dialog.accept());
    await review.getByRole("button", { name: "Klaar, terug naar de campagne" }).click();
    await review.locator("table.roster-review").waitFor();
    assert.match(await review.locator("table.roster-review tbody").innerText(), /6 per e-mail, 1 per brief/);

    // A reminder goes to everyone invited by mail, at most once a day.
    review.once("dialog", (dialog) => dialog.accept());
    await review.getByRole("button", { name: "Herinnering sturen" }).click();
    await review.getByText("Herinnering gestuurd aan 13 mensen.").waitFor();
    review.once("dialog", (dialog) => dialog.accept());
    await review.getByRole("button", { name: "Herinnering sturen" }).click();
    await review.getByText("Vandaag is er al een herinnering gestuurd. Dat kan één keer per dag.").waitFor();
    const deadline = Date.now() + 20_000;
    while (addresses.some((address) => env.server.mail.messages.filter((message) => message.to.includes(address)).length < 2) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
    }
    for (const address of addresses) {
      assert.equal(env.server.mail.messages.filter((message) => message.to.includes(address)).length, 2, `an invitation and one reminder to ${address}`);
    }

    // The employer sees numbers only, and that the practice sent the invitations.
    await page.reload();
    await page.getByText("De uitnodigingen zijn verstuurd door de praktijk.").waitFor();
    assert.equal(await page.locator(".roster textarea").count(), 0);
    assert.deepEqual(await numbers(page), ["Zorg 7 0", "Kantoor 6 1"]);
    await noViolations(page, "the employer's approved roster");
    // The same page on a 360 px phone: nothing wider than the screen.
    const small = await phone(env.browser);
    await logIn(small.page, base(), EMPLOYER);
    await small.page.waitForURL(/\/beheer\/campagnes$/);
    await small.page.goto(campaignUrl);
    await small.page.getByText("De uitnodigingen zijn verstuurd door de praktijk.").waitFor();
    const overflow = await small.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the campaign page is ${overflow}px too wide for a phone`);
    await small.context.close();

    // One person opens their link on a phone: only their own department is offered, and the
    // report's share panel sends the token with the upload.
    const person = await phone(env.browser);
    const own = links["zorg1@delinde.example"];
    await person.page.goto(own.url);
    await person.page.getByText("Zorg", { exact: true }).waitFor();
    assert.equal(await person.page.getByText("Kantoor", { exact: true }).count(), 0);
    await person.page.getByText("Zorg", { exact: true }).tap();
    await person.page.getByRole("button", { name: "Naar de scan" }).tap();
    await person.page.waitForURL(/\/scan\/quickscan$/);
    await person.page.locator(".intro button.button-large").tap();
    for (let step = 0; step < 60 && (await currentItem(person.page)); step++) await answerByTapping(person.page, step + 2);
    await person.page.locator(".report").waitFor();
    await person.page.locator(".share").waitFor();
    await person.page.locator('label[for="consent-groupfigures"]').tap();
    const upload = person.page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/api/submissions"));
    await person.page.getByRole("button", { name: "Deel wat ik heb aangevinkt" }).tap();
    const sent = JSON.parse((await upload).postData());
    assert.equal(sent.campaign, code);
    assert.equal(sent.invitation, own.token);
    assert.equal(sent.department, "Zorg");
    await person.page.getByText("Gedeeld op").waitFor();
    assert.deepEqual(person.errors, []);
    await person.context.close();

    // The others share with their own links, one in Kantoor with the letter's; one person in each
    // department does not take part (a department in which everyone took part is not shown: the
    // employer knows its headcount from the roster).
    let seed = 1;
    const notHere = ["zorg1@delinde.example" /* shared on the phone */, "zorg7@delinde.example", "kantoor6@delinde.example"];
    for (const address of addresses.filter((address) => !notHere.includes(address))) {
      const department = address.startsWith("zorg") ? "Zorg" : "Kantoor";
      await shareViaApi(base(), { campaign: code, department, seed: seed++, invitation: links[address].token, choices: GROUP_ONLY });
    }
    await shareViaApi(base(), { campaign: code, department: "Kantoor", seed: seed++, invitation: letterToken, choices: GROUP_ONLY });

    // The campaign closes, the expert publishes, and the dashboard shows each department.
    await page.goto(campaignUrl);
    await close(page);
    await publish(review, campaignUrl);
    assert.equal(await review.locator(".open-link-note").count(), 0);
    const groups = await dashboardGroups(page, campaignUrl);
    assert.deepEqual(groups, ["Hele organisatie", "Zorg", "Kantoor"]);
    assert.match(await page.locator(".facts").first().textContent(), /Deelnemers in de groepscijfers\s*12/);
    assert.equal(await page.locator(".open-link-note").count(), 0);
    await noViolations(page, "the dashboard with departments");
    // The only refusals in the employer's browser: the two rosters the server refused.
    assert.deepEqual(unexpected(employer.errors, [/status of 422 .*\/roster\)$/]), []);
    // And in the expert's: the second reminder of the day.
    assert.deepEqual(unexpected(expert.errors, [/status of 409 .*\/roster\/remind\)$/]), []);
  });

  test("a campaign with an open link shows only the total, and says why", async () => {
    const page = employer.page;
    await newCampaign(page, "Open link e2e");
    await page.getByLabel("Open link", { exact: true }).check();
    // With an open link a headcount can be given again.
    await page.getByRole("group", { name: "Afdeling 1" }).getByLabel("Aantal medewerkers (niet verplicht)").fill("20");
    await page.getByText(/Je ziet dan alleen het totaal/).waitFor();
    await noViolations(page, "new campaign with an open link");
    await page.getByRole("button", { name: "Campagne aanmaken" }).click();
    await page.waitForURL(/\/beheer\/campagnes\/(?!nieuw$)[^/]+$/);
    const campaignUrl = page.url().replace(/\/$/, "");
    await page.locator(".campaign-link code").waitFor();
    assert.equal(await page.locator(".roster").count(), 0, "no roster with an open link");
    const code = (await page.locator(".campaign-link code").textContent()).trim().split("/c/")[1];

    // Uploads naming departments, enough for each to be shown if departments could be trusted.
    let seed = 100;
    for (const [department, count] of [["Zorg", 6], ["Kantoor", 6]]) {
      for (let index = 0; index < count; index++) await shareViaApi(base(), { campaign: code, department, seed: seed++, choices: GROUP_ONLY });
    }
    await close(page);
    await publish(expert.page, campaignUrl);
    await expert.page.locator(".open-link-note").waitFor();

    const groups = await dashboardGroups(page, campaignUrl);
    assert.deepEqual(groups, ["Hele organisatie"]);
    const note = page.locator(".open-link-note");
    await note.waitFor();
    assert.match(await note.textContent(), /open link.*alleen het totaal.*iedereen meedoen en elke afdeling kiezen.*persoonlijke uitnodigingen/s);
    assert.match(await page.locator(".facts").first().textContent(), /Deelnemers in de groepscijfers\s*12/);
    await noViolations(page, "the dashboard of an open link");
    assert.deepEqual(unexpected(employer.errors, [/status of 422 .*\/roster\)$/]), []);
    assert.deepEqual(unexpected(expert.errors, [/status of 409 .*\/roster\/remind\)$/]), []);
  });
});

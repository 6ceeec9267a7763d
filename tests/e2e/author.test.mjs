// The questionnaire authors' app (issue 24) in a real browser against the real server with the
// demo data: the demo author logs in through the console and lands in the authors' app, opens the
// quick scan, types a fault and sees it exactly as `werkscan check` prints it (file, line, column,
// field), goes to it from the list of problems (the caret lands on its line and column), mends
// it, answers questions in the preview on the scan's own screens and sees the score the core
// computes, rewords a question and raises the version, sees the differences, publishes, finds the
// new version in the list and downloads its files. Then the demo employer starts a campaign on the
// new version, and a phone completes it with the new wording. An employer's session (and no
// session) gets nothing of the authors' app.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { answerByTapping, currentItem, laptop, logInToConsole, phone, repo, scoreWithCli, totp, useServerAndBrowser, violations } from "./harness.mjs";

const AUTHOR = { email: "auteur@arbopraktijkvandijk.example", password: "demo-auteur" };
const EMPLOYER = { email: "werkgever@delinde.example", password: "demo-werkgever" };
const EXPERT_NAME = "Karim Bouzid";

async function noViolations(page, screen) {
  assert.deepEqual(await violations(page), [], `axe on ${screen}`);
}

/** What `werkscan check` prints for these files, laid out as in the repository. */
function checkWithCli(files) {
  const dir = mkdtempSync(join(tmpdir(), "werkscan-author-"));
  for (const { path, contents } of files) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  try {
    return execFileSync(join(repo, "target/debug/werkscan"), ["check", "questionnaires/"], { cwd: dir, encoding: "utf8" });
  } catch (error) {
    return error.stdout;
  }
}

/** The text of the file open in the editor. */
async function editorText(page) {
  return page.locator(".file-panel:not([hidden]) textarea").inputValue();
}

/** Puts the caret at `offset` of the open file's text, with the focus in it. */
async function caretAt(page, offset) {
  const text = page.locator(".file-panel:not([hidden]) textarea");
  await text.focus();
  await text.evaluate((area, at) => area.setSelectionRange(at, at), offset);
}

/** The 1-based line and column of a UTF-16 offset in a text. */
function lineColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** The lines of the screen's list of problems. */
async function problemsOnScreen(page) {
  return (await page.locator(".sources > .problems .problem").allTextContents()).map((text) => text.trim());
}

describe("the questionnaire authors' app", () => {
  const env = useServerAndBrowser({ before, after }, { seed: true });
  const base = () => env.server.base;

  test("an author writes, checks, previews and publishes a version; an employer runs it and a phone completes it", async () => {
    const author = await laptop(env.browser, { acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    const page = author.page;
    const requests = [];
    page.on("request", (request) => requests.push(request.url()));

    // Logged out, the authors' app's address gets the login app; after it (and setting up the
    // second step) the login sends the author on to the screen wanted, the authors' app.
    await page.goto(`${base()}/beheer/auteur`);
    await page.waitForURL(/\/beheer\/login\/\?terug=%2Fbeheer%2Fauteur$/);
    await page.getByLabel("E-mailadres").fill(AUTHOR.email);
    await page.getByLabel("Wachtwoord").fill(AUTHOR.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL(/\/beheer\/login\/tweede-factor\/instellen\?terug=%2Fbeheer%2Fauteur$/);
    const secret = (await page.locator("code.secret").textContent()).replace(/\s/g, "");
    await page.getByLabel("Vul de code van zes cijfers uit de app in").fill(totp(secret));
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await page.getByLabel("Ik heb de codes bewaard").check();
    await page.getByRole("button", { name: "Verder" }).click();
    await page.waitForURL(/\/beheer\/auteur$/);

    // The list: every questionnaire, its versions with source, licence and which is current.
    const quick = page.locator('section[data-questionnaire="quickscan"]');
    await quick.waitFor();
    const current = quick.locator('tr[data-version="3.0.0"]');
    assert.match(await current.textContent(), /huidig/);
    assert.match(await current.textContent(), /Bestand op de server/);
    assert.match(await current.locator(".licence").textContent(), /EUPL-1\.2/);
    await noViolations(page, "the list of versions");

    // The editor of quickscan 3.0.0: its file and the part it includes, as tabs.
    await current.getByRole("link", { name: /Openen/ }).click();
    await page.waitForURL(/\/beheer\/auteur\/vragenlijsten\/quickscan\/3\.0\.0$/);
    const tabs = page.getByRole("tab");
    await tabs.first().waitFor();
    const definition = await page.evaluate(async () => (await fetch("/api/questionnaires/quickscan/3.0.0")).json());
    const sources = await page.evaluate(async () => (await fetch("/api/author/questionnaires/quickscan/versions/3.0.0")).json());
    assert.deepEqual(await tabs.allTextContents(), sources.files.map((file) => file.path.split("/").pop()));
    assert.equal(sources.files[0].path, "questionnaires/quickscan.toml");
    assert.ok(sources.files.some((file) => file.path === "questionnaires/parts/wai-was.toml"), "the part it includes is a tab too");
    await page.getByText("De validator vindt geen problemen.").waitFor();
    const original = await editorText(page);
    assert.equal(original, sources.files[0].contents);
    // Tab is not trapped: from the text it goes on to the next control.
    await caretAt(page, 0);
    await page.keyboard.press("Tab");
    assert.notEqual(await page.evaluate(() => document.activeElement.tagName), "TEXTAREA");

    // A fault typed in: the version gets a letter. The problem shows on every change, exactly as
    // `werkscan check` prints it for the same files.
    const versionAt = original.indexOf('version = "3.0.0"') + 'version = "3.0.0'.length;
    await caretAt(page, versionAt);
    await page.keyboard.type("x");
    await page.locator(".sources > .problems .problem").first().waitFor();
    const faulty = await editorText(page);
    assert.equal(faulty, original.slice(0, versionAt) + "x" + original.slice(versionAt));
    const cli = checkWithCli([{ path: sources.files[0].path, contents: faulty }, ...sources.files.slice(1)]);
    const cliProblems = cli.trim().split("\n").slice(0, -1);
    assert.ok(cliProblems.length > 0, cli);
    assert.deepEqual(await problemsOnScreen(page), cliProblems);
    assert.match(cliProblems[0], /^questionnaires\/quickscan\.toml:\d+:\d+: questionnaire\.version: /);
    assert.equal(await page.locator(".check-output pre").textContent(), cli);
    // The preview kept the last text without problems, and the focus stayed in the text.
    await page.getByText("Het voorbeeld toont de laatste tekst zonder problemen.").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.tagName), "TEXTAREA");
    await noViolations(page, "the editor with a problem");

    // Choosing the problem puts the caret on its line and column.
    await caretAt(page, 0);
    const [, line, column] = cliProblems[0].match(/:(\d+):(\d+):/).map(Number);
    await page.locator(".sources > .problems .problem").first().click();
    await page.waitForFunction(() => document.activeElement?.tagName === "TEXTAREA");
    const caret = await page.locator(".file-panel:not([hidden]) textarea").evaluate((area) => area.selectionStart);
    assert.deepEqual(lineColumn(faulty, caret), { line, column });

    // Mended: no problems again.
    await caretAt(page, versionAt + 1);
    await page.keyboard.press("Backspace");
    await page.getByText("De validator vindt geen problemen.").waitFor();
    assert.equal(await editorText(page), original);

    // The preview on the scan's own question screen: three answers make the first theme's score.
    const phoneFrame = page.locator(".phone");
    const answers = {};
    for (let step = 0; step < 3; step++) {
      const item = await phoneFrame.locator("fieldset.question").getAttribute("data-item");
      const found = definition.sections.flatMap((section) => section.items).find((candidate) => candidate.id === item);
      const options = found.scale ? definition.scales[found.scale].options : found.options;
      await phoneFrame.locator("fieldset.question .choice label").nth(3).click();
      answers[item] = options[3].key;
      await page.waitForFunction((previous) => document.querySelector(".phone fieldset.question")?.dataset.item !== previous, item);
    }
    const expected = scoreWithCli("quickscan.toml", answers);
    const theme = definition.scores.find((score) => score.theme && !score.hidden);
    const scored = expected.scores.find((score) => score.id === theme.id);
    assert.ok(scored.value !== null, "three answers score the first theme");
    const scoreLine = page.locator(`.outcome-scores li[data-score="${theme.id}"]`);
    await page.waitForFunction((id) => document.querySelector(`.outcome-scores li[data-score="${id}"]`)?.dataset.value !== "", theme.id);
    assert.equal(Number(await scoreLine.getAttribute("data-value")), scored.value);
    assert.match(await scoreLine.textContent(), new RegExp(`${theme.label.nl}: \\d+ van 100 · `));
    // In English, the same question screen in the other language.
    await page.getByRole("button", { name: "English", exact: true }).last().click();
    await phoneFrame.getByText(/Question \d+ of \d+/).waitFor();
    await page.getByRole("button", { name: "Nederlands", exact: true }).last().click();

    // A question reworded and the version raised: the differences say so.
    const differences = page.locator("section.differences");
    const edited = await editorText(page);
    const firstItem = definition.sections[0].items[0];
    const textAt = edited.indexOf(`"${firstItem.text.nl}"`) + firstItem.text.nl.length + 1;
    await caretAt(page, textAt);
    await page.keyboard.type(" (nieuw)");
    // The preview is drawn again for the new text; the scan's question, which takes the focus
    // on a phone, does not take it from the text being typed.
    await differences.locator(`li[data-id="${firstItem.id}"]`).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => document.activeElement.id), "file-text-0");
    const raiseAt = edited.indexOf('version = "3.0.0"') + 'version = "3.'.length;
    await caretAt(page, raiseAt);
    await page.keyboard.press("Delete");
    await page.keyboard.type("1");
    await page.getByText("De validator vindt geen problemen.").waitFor();
    await differences.getByText("Versie 3.0.0 → 3.1.0").waitFor();
    const changed = differences.locator(`li[data-id="${firstItem.id}"]`);
    assert.match(await changed.textContent(), /gewijzigd – Vraag anders verwoord \(Nederlands\)/);
    // The preview follows the text: back at the first question, it reads the new words.
    for (let back = 0; back < 3; back++) {
      await phoneFrame.getByRole("button", { name: "Vorige" }).click();
    }
    await phoneFrame.locator("fieldset.question legend").filter({ hasText: `${firstItem.text.nl} (nieuw)` }).waitFor();

    const publish = page.getByRole("button", { name: "Publiceren", exact: true });
    assert.equal(await publish.isEnabled(), true);

    // An answer worth another value under the same key changes what every stored answer of its
    // items says: the id rule lists each item as a problem, and publishing waits.
    const reworded = await editorText(page);
    const valueAt = reworded.indexOf('{ key = "helemaal_oneens", value = 1') + '{ key = "helemaal_oneens", value = '.length;
    await caretAt(page, valueAt);
    await page.keyboard.press("Delete");
    await page.keyboard.type("0");
    const meaning = differences.locator(".id-meaning .problem");
    await meaning.first().waitFor();
    assert.match((await meaning.first().textContent()).trim(), /^questionnaires\/quickscan\.toml:\d+:\d+: /);
    assert.equal(await publish.isEnabled(), false);
    await page.getByText(/Een id dat iets anders gaat betekenen, krijgt een nieuw id/).waitFor();
    await noViolations(page, "the editor with an id whose meaning changes");
    await caretAt(page, valueAt);
    await page.keyboard.press("Delete");
    await page.keyboard.type("1");
    await meaning.first().waitFor({ state: "detached" });
    assert.equal(await editorText(page), reworded);
    assert.equal(await publish.isEnabled(), true);

    // A refusal of the server is shown with its problems (answered here in the server's place,
    // once: the screen lets nothing through that the server would refuse).
    await page.route("**/api/author/questionnaires", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 422,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "invalid_definition", message: "x", diagnostics: [{ file: "questionnaires/quickscan.toml", line: 15, column: 11, field: "questionnaire.version", message: "made up" }] } }),
          })
        : route.continue(),
    );
    await publish.click();
    const refused = page.locator(".refused[role=alert]");
    await refused.getByText("De server publiceert deze versie niet: de validator vindt problemen.").waitFor();
    assert.equal((await refused.locator(".problem").textContent()).trim(), "questionnaires/quickscan.toml:15:11: questionnaire.version: made up");
    await page.unroute("**/api/author/questionnaires");

    // Published; the new version is in the list, current, published here by the author.
    await publish.click();
    await page.getByText("Versie 3.1.0 is gepubliceerd.").waitFor();
    const published = await editorText(page);
    assert.ok(published.includes(`${firstItem.text.nl} (nieuw)`) && published.includes('version = "3.1.0"'));

    // Downloaded as the repository's files.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download quickscan.toml" }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), "quickscan.toml");
    assert.equal(readFileSync(await file.path(), "utf8"), published);

    await page.getByRole("link", { name: "Naar de lijst met versies" }).click();
    const newRow = page.locator('section[data-questionnaire="quickscan"] tr[data-version="3.1.0"]');
    await newRow.waitFor();
    assert.match(await newRow.textContent(), /huidig/);
    assert.match(await newRow.textContent(), /Hier gepubliceerd/);
    assert.doesNotMatch(await quick.locator('tr[data-version="3.0.0"]').textContent(), /huidig/);

    // Nothing went anywhere but this server.
    for (const url of requests) assert.ok(url.startsWith(`${base()}/`) || url.startsWith("blob:"), `third-party request ${url}`);
    // Nothing went wrong but the one refusal answered in the server's place.
    assert.deepEqual(author.errors.filter((error) => !/status of 401/.test(error) && !/status of 422 .*\(\/api\/author\/questionnaires\)$/.test(error)), []);
    await author.context.close();

    // The employer starts a campaign, which takes the new version.
    const employer = await laptop(env.browser);
    await logInToConsole(employer.page, base(), { ...EMPLOYER, home: /\/beheer\/campagnes$/ });
    const own = employer.page;
    // The employer's session gets nothing of the authors' app: neither its page nor its files.
    const authorPage = readFileSync(join(repo, "dist/author/index.html"), "utf8");
    const files = [...authorPage.matchAll(/\/beheer\/auteur\/(werkscan-author-[0-9a-f]+(?:_bg\.wasm|\.js))/g)].map((match) => match[0]);
    assert.ok(files.length >= 2, "the authors' page names its module and script");
    for (const path of ["/beheer/auteur", ...files]) {
      const reply = await own.evaluate(async (path) => {
        const response = await fetch(path, { redirect: "manual" });
        return { status: response.status, body: await response.text() };
      }, path);
      assert.equal(reply.status, 403, path);
      assert.ok(!reply.body.includes("werkscan-author"), path);
    }
    await own.getByRole("link", { name: "Nieuwe campagne" }).click();
    await own.getByLabel("Welke vragenlijst?").selectOption("quickscan");
    await own.locator(".preview details").waitFor();
    await own.getByLabel("Naam (zien werknemers ook)").fill("Nieuwe versie");
    await own.getByLabel("Open link", { exact: true }).check();
    await own.getByRole("textbox", { name: "Afdeling 1", exact: true }).fill("Zorg");
    await own.getByLabel("Minimale groepsgrootte").fill("5");
    await own.getByLabel(EXPERT_NAME).check();
    await own.getByRole("button", { name: "Campagne aanmaken" }).click();
    await own.waitForURL(/\/beheer\/campagnes\/(?!nieuw$)[^/]+$/);
    const link = (await own.locator(".campaign-link code").textContent()).trim();
    const code = link.split("/c/")[1];
    const campaign = await own.evaluate(async (code) => (await fetch(`/api/c/${code}`)).json(), code);
    assert.equal(campaign.questionnaire.version, "3.1.0");
    await employer.context.close();

    // A phone completes the campaign on the new version, with the new wording.
    const person = await phone(env.browser);
    const screen = person.page;
    // Without a session nothing of the authors' app comes either: the login instead.
    const anonymous = await fetch(`${base()}${files[0]}`, { redirect: "manual" });
    assert.equal(anonymous.status, 303);
    assert.ok(!(await anonymous.text()).includes("wasm"));
    await screen.goto(`${base()}/c/${code}`);
    await screen.getByText("Zorg", { exact: true }).tap();
    await screen.getByRole("button", { name: "Naar de scan" }).tap();
    await screen.waitForURL(/\/scan\/quickscan$/);
    await screen.locator(".intro button.button-large").tap();
    await screen.locator("fieldset.question").waitFor();
    assert.match(await screen.locator("fieldset.question legend").textContent(), /\(nieuw\)$/);
    for (let step = 0; step < 60 && (await currentItem(screen)); step++) await answerByTapping(screen, step + 2);
    await screen.locator(".report").waitFor();
    // The scan was on the version published here.
    const newVersion = await (await fetch(`${base()}/api/questionnaires/quickscan/3.1.0`)).json();
    const draft = await screen.evaluate(() => JSON.parse(localStorage.getItem("werkscan.draft.quickscan")));
    assert.equal(draft.definition_hash, newVersion.content_hash);
    await person.context.close();
  });
});

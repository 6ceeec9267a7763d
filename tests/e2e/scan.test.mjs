// The employee's scan in a real browser, driven like a person: tapping through the Werkscan
// and the quick scan, resuming after a reload, wiping the device, working offline, and doing it
// all with the keyboard alone.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  repo,
  useServerAndBrowser,
  answerByTapping,
  assertNothingSent,
  currentItem,
  openScan,
  phone,
  reportNumbers,
  scoreWithCli,
  storedAnswers,
  storedKeys,
  violations,
  waitForStep,
  watchRequests,
} from "./harness.mjs";

const env = useServerAndBrowser({ before, after });

/** Taps through a whole scan; the choice per question varies so that bands differ. */
async function completeByTapping(page, seed) {
  const answered = [];
  for (let step = 0; step < 200 && (await currentItem(page)); step++) {
    answered.push(await answerByTapping(page, (seed * 7 + step * 3) % 11));
  }
  await page.locator(".report").waitFor();
  return answered;
}

function assertReportMatchesCore(shown, expected) {
  let compared = 0;
  for (const score of expected.scores) {
    if (!(score.id in shown)) continue; // hidden sub-scores are not shown
    assert.equal(shown[score.id], score.value, `score ${score.id}`);
    compared++;
  }
  assert.ok(compared >= 3, `compared ${compared} scores`);
}

// The seeds pick answers that give the Werkscan's report themes in all three bands.
for (const [id, file, seed] of [
  ["werkscan", "werkscan.toml", 2],
  ["quickscan", "quickscan.toml", 9],
]) {
  test(`${id}: completed by tapping, the report equals what the core computes, and nothing is sent`, async () => {
    const { context, page, errors } = await phone(env.browser);
    const requests = watchRequests(page);
    await openScan(page, env.server.base, id);
    const answered = await completeByTapping(page, seed);
    assert.ok(answered.length >= (id === "werkscan" ? 50 : 19), `${answered.length} questions answered`);

    const answers = await storedAnswers(page, id);
    const expected = scoreWithCli(file, answers);
    assertReportMatchesCore(await reportNumbers(page), expected);
    // Strengths come first: no "attention" card stands before a "good" one. The werkscan's
    // answers were chosen so that its report has both, so the order is really checked there.
    const order = await page.$$eval(".report-group", (groups) => groups.map((group) => group.className));
    const strengths = order.findIndex((name) => name.includes("strengths"));
    const attention = order.findIndex((name) => name.includes("attention"));
    if (id === "werkscan") assert.ok(strengths >= 0 && attention >= 0, `both kinds expected: ${order.join(" ")}`);
    if (strengths >= 0 && attention >= 0) assert.ok(strengths < attention, order.join(" "));

    assertNothingSent(requests, env.server.base);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the report opens directly: without a finished scan it says so; after one, a reload shows it again and counts it once", async () => {
  const { context, page, errors } = await phone(env.browser);
  await page.goto(`${env.server.base}/scan/quickscan/rapport`);
  await page.getByText("Op dit apparaat is nog geen afgeronde scan").waitFor();
  await page.getByRole("link", { name: "Naar de scan" }).tap();
  await page.locator(".intro button.button-large").tap();
  await completeByTapping(page, 2);
  assert.equal(new URL(page.url()).pathname, "/scan/quickscan/rapport");
  const shown = await reportNumbers(page);
  await page.reload();
  await page.locator(".report").waitFor();
  assert.deepEqual(await reportNumbers(page), shown);
  const history = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.history")));
  assert.equal(history.length, 1);
  // The scan page of a finished scan hands over to the report, without a history entry to
  // bounce back into.
  await page.goto(`${env.server.base}/scan/quickscan`);
  await page.waitForURL(/\/scan\/quickscan\/rapport$/);
  await page.locator(".report").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("links move between screens and the back button returns", async () => {
  const { context, page, errors } = await phone(env.browser);
  await page.goto(`${env.server.base}/`);
  await page.getByRole("link", { name: /Begin.*Snelle werkscan/ }).tap();
  await page.locator("button.button-large").waitFor();
  assert.equal(new URL(page.url()).pathname, "/scan/quickscan");
  await page.goBack();
  await page.locator(".catalogue li").first().waitFor();
  assert.equal(new URL(page.url()).pathname, "/");
  await page.getByRole("link", { name: "Mijn gegevens" }).tap();
  await page.getByRole("heading", { name: "Je gegevens op dit apparaat" }).waitFor();
  // A path no screen has: the scan app's page says so, with status 404 (which the browser also
  // reports in the console).
  const missing = await page.goto(`${env.server.base}/bestaat/niet`);
  assert.equal(missing.status(), 404);
  await page.getByRole("heading", { name: "Deze pagina bestaat niet" }).waitFor();
  assert.deepEqual(errors.filter((error) => !/status of 404/.test(error)), []);
  await context.close();
});

test("a reload halfway resumes at the same question with the same answers", async () => {
  const { context, page } = await phone(env.browser);
  await openScan(page, env.server.base, "werkscan");
  for (let step = 0; step < 9; step++) await answerByTapping(page, step);
  const item = await currentItem(page);
  const progress = await page.locator(".progress-text").textContent();
  const answers = await storedAnswers(page, "werkscan");
  assert.equal(Object.keys(answers).length, 9);

  await page.reload();
  // Straight back at the same question, with the draft intact.
  await page.locator("fieldset.question").waitFor();
  assert.equal(await currentItem(page), item);
  assert.equal(await page.locator(".progress-text").textContent(), progress);
  assert.deepEqual(await storedAnswers(page, "werkscan"), answers);
  // Going back shows the earlier answer still ticked.
  await page.locator(".nav-buttons .button-secondary").tap();
  await waitForStep(page, item);
  assert.equal(await page.locator("fieldset.question input:checked").count(), 1);
  await context.close();
});

test("a draft keeps the definition version it was started with when the server has a newer one", async () => {
  const { context, page, errors } = await phone(env.browser);
  await openScan(page, env.server.base, "quickscan");
  for (let step = 0; step < 3; step++) await answerByTapping(page, step);
  const item = await currentItem(page);
  // Make the stored copy an "older version": other wording, other hash. The server still
  // offers the current one, so the app must finish the draft on the stored copy.
  const changedText = await page.evaluate(() => {
    const draftKey = "werkscan.draft.quickscan";
    const draft = JSON.parse(localStorage.getItem(draftKey));
    const oldKey = `werkscan.definition.${draft.definition_hash}`;
    const definition = JSON.parse(localStorage.getItem(oldKey));
    const target = definition.sections.flatMap((section) => section.items).find((candidate) => candidate.id === draft.step.item);
    target.text.nl = "Oude versie: " + target.text.nl;
    definition.questionnaire.version = "0.9.0";
    definition.content_hash = "0".repeat(64);
    localStorage.removeItem(oldKey);
    localStorage.setItem(`werkscan.definition.${definition.content_hash}`, JSON.stringify(definition));
    draft.definition_hash = definition.content_hash;
    localStorage.setItem(draftKey, JSON.stringify(draft));
    return target.text.nl;
  });
  await page.reload();
  await page.locator("fieldset.question").waitFor();
  assert.equal(await currentItem(page), item);
  assert.equal((await page.locator("fieldset.question legend").textContent()).trim(), changedText);
  await page.getByText("Je gaat verder met de versie van de vragenlijst waarmee je begon.").waitFor();
  assert.equal(Object.keys(await storedAnswers(page, "quickscan")).length, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a draft begun on the previous definition version (1.0.0) is finished on it after the update", async () => {
  const { context, page, errors } = await phone(env.browser);
  const old = readFileSync(join(repo, "crates/core/tests/fixtures/previous/quickscan-1.0.0.json"), "utf8");
  const hash = JSON.parse(old).content_hash;
  // What a phone kept from before the update: the 1.0.0 definition, as the server sent it, and
  // a draft on it with an answer to an item that later versions no longer ask (qzr_1).
  await page.goto(`${env.server.base}/`);
  await page.evaluate(({ old, hash }) => {
    localStorage.setItem(`werkscan.definition.${hash}`, old);
    const draft = { definition_hash: hash, answers: { qzr_1: "eens", qzr_2: "neutraal" }, step: { at: "question", item: "qzr_3" }, started_at: "2026-11-30T10:00:00Z", finished_at: null };
    localStorage.setItem("werkscan.draft.quickscan", JSON.stringify(draft));
  }, { old, hash });
  await page.goto(`${env.server.base}/scan/quickscan`);
  await page.locator("fieldset.question").waitFor();
  assert.equal(await currentItem(page), "qzr_3");
  await page.getByText("Je gaat verder met de versie van de vragenlijst waarmee je begon.").waitFor();
  await completeByTapping(page, 4);
  const shown = await reportNumbers(page);
  assert.ok(Object.values(shown).filter((value) => value !== null).length >= 7, JSON.stringify(shown));
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem("werkscan.draft.quickscan")));
  assert.equal(draft.definition_hash, hash, "finished on the version it began with");
  assert.equal(draft.answers.qzr_1, "eens");
  assert.deepEqual(errors, []);
  await context.close();
});

test("no hindrance unticks the other choices and the other way round, said politely, with a check mark", async () => {
  const { context, page, errors } = await phone(env.browser, { viewport: { width: 390, height: 844 } });
  await openScan(page, env.server.base, "wai");
  for (let step = 0; step < 10 && (await currentItem(page)) !== "wai_4"; step++) await answerByTapping(page, step + 1);
  assert.equal(await currentItem(page), "wai_4");
  // Options in order: geen_hinder (exclusive), klachten, soms_aanpassen, vaak_aanpassen, deeltijd, niet_werken.
  const label = (index) => page.locator(`label[for="wai_4-${index}"]`);
  const ticked = () => page.$$eval("fieldset.question input[type=checkbox]", (boxes) => boxes.map((box) => box.checked));
  const status = () => page.locator("fieldset.question [role=status]").textContent();
  const checkMark = (index) =>
    page.evaluate((index) => {
      const style = getComputedStyle(document.querySelector(`label[for="wai_4-${index}"]`), "::after");
      return { content: style.content, width: style.borderBottomWidth, transform: style.transform };
    }, index);

  await label(1).tap();
  await label(4).tap();
  assert.deepEqual(await ticked(), [false, true, false, false, true, false]);
  assert.equal(await status(), "");
  // A ticked box shows a check mark (a rotated border), an unticked one none.
  const mark = await checkMark(1);
  assert.equal(mark.content, '""');
  assert.equal(mark.width, "3px");
  assert.notEqual(mark.transform, "none");
  assert.equal((await checkMark(2)).content, "none");

  await label(0).tap();
  assert.deepEqual(await ticked(), [true, false, false, false, false, false]);
  assert.equal(
    await status(),
    "Vinkje weggehaald bij: Ik kan mijn werk doen, maar ik krijg er wel klachten van; Door mijn ziekte of letsel kan ik alleen in deeltijd werken.",
  );
  assert.equal(await page.locator("fieldset.question [role=status]").getAttribute("role"), "status");
  assert.deepEqual(await violations(page), []);

  await label(4).tap();
  assert.deepEqual(await ticked(), [false, false, false, false, true, false]);
  assert.equal(await status(), "Vinkje weggehaald bij: Nee, ik heb geen ziekte of letsel dat mij hindert.");
  await label(1).tap();
  assert.deepEqual(await ticked(), [false, true, false, false, true, false]);
  assert.equal(await status(), "", "nothing else was unticked");
  assert.deepEqual((await storedAnswers(page, "wai")).wai_4, ["deeltijd", "klachten"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("wis mijn gegevens leaves nothing in local storage", async () => {
  const { context, page } = await phone(env.browser);
  await openScan(page, env.server.base, "quickscan");
  await completeByTapping(page, 3);
  assert.ok((await storedKeys(page)).length >= 3);
  await page.goto(`${env.server.base}/mijn-gegevens`);
  await page.getByRole("button", { name: "Wis mijn gegevens" }).tap();
  await page.locator(".confirm .button-danger").tap();
  await page.getByText("Alles is gewist").waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await context.close();
});

test("a first visit gets the app Brotli-compressed, within the budget up to the first question", async () => {
  const { context, page, errors } = await phone(env.browser);
  const pending = [];
  page.on("requestfinished", (request) => {
    pending.push(
      (async () => ({ url: request.url(), encoding: (await (await request.response()).allHeaders())["content-encoding"], sizes: await request.sizes() }))(),
    );
  });
  await page.goto(`${env.server.base}/scan/quickscan`);
  await page.locator("button.button-large").tap();
  await page.locator("fieldset.question").waitFor();
  const received = await Promise.all(pending);
  const paths = received.map((entry) => new URL(entry.url).pathname);
  // The page (drawn by the server, with the style sheet written into it) and the scan app, each
  // compressed; never the report app (the service worker fetches that on its own, later) or
  // the staff console.
  for (const pattern of [/^\/scan\/quickscan$/, /^\/werkscan-scan-\w+\.js$/, /^\/werkscan-scan-\w+_bg\.wasm$/, /^\/api\/questionnaires\/quickscan$/]) {
    const entry = received.find((entry) => pattern.test(new URL(entry.url).pathname));
    assert.ok(entry, `${pattern} was not fetched: ${paths.join(" ")}`);
    assert.equal(entry.encoding, "br", `${pattern}`);
  }
  assert.ok(!paths.some((path) => path.startsWith("/r/") || path.startsWith("/beheer")), paths.join(" "));
  assert.ok(!paths.some((path) => /^\/main-\w+\.css$/.test(path)), `the drawn page's style sheet fetched again: ${paths.join(" ")}`);
  assert.equal(await page.locator("head style").count(), 1);
  // Everything the page received up to the first question, as sent (definition included).
  const sent = received.reduce((sum, entry) => sum + entry.sizes.responseBodySize, 0);
  assert.ok(sent > 50_000 && sent <= 150_000, `${sent} bytes sent: ${paths.join(" ")}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("after the first visit the app and its questionnaires work offline", async () => {
  const { context, page, errors } = await phone(env.browser);
  await page.goto(`${env.server.base}/`);
  await page.locator(".catalogue li").first().waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Reload once so the service worker controls the page, then cut the network.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.goto(`${env.server.base}/scan/quickscan`);
  await page.locator("button.button-large").tap();
  await page.locator("fieldset.question").waitFor();
  await answerByTapping(page, 1);
  const item = await currentItem(page);
  await page.reload();
  await page.locator("fieldset.question").waitFor();
  assert.equal(await currentItem(page), item);
  assert.equal(Object.keys(await storedAnswers(page, "quickscan")).length, 1);
  await context.setOffline(false);
  assert.deepEqual(errors.filter((error) => !error.includes("net::")), []);
  await context.close();
});

test("the quick scan can be completed with the keyboard alone", async () => {
  const { context, page } = await phone(env.browser, { hasTouch: false });
  await page.goto(`${env.server.base}/scan/quickscan`);
  // The button may still be the one the server drew: the app carries the key press out when it
  // takes over, so the first question comes either way.
  await page.locator("button.button-large").focus();
  await page.keyboard.press("Enter");
  await page.locator("fieldset.question").waitFor();
  for (let step = 0; step < 40; step++) {
    const item = await currentItem(page);
    if (!item) break;
    // Focus moved to the new question.
    assert.equal(await page.evaluate(() => document.activeElement.tagName), "LEGEND", `focus on ${item}`);
    await page.keyboard.press("Tab"); // into the radio group
    await page.keyboard.press("Space"); // choose the focused option
    await page.keyboard.press("ArrowDown"); // browse: must not skip the question
    await page.waitForTimeout(300);
    assert.equal(await currentItem(page), item, "arrow keys do not move on");
    await page.keyboard.press("Tab"); // Vorige
    await page.keyboard.press("Tab"); // Volgende
    await page.keyboard.press("Enter");
    await waitForStep(page, item);
  }
  await page.locator(".report").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1");
  await context.close();
});

// The employer's dashboard (issue 21) in a real browser against the real server with the demo
// data: as the employer on DEMO-AFGEROND, the heatmap of themes × groups is a real table (caption,
// headers, each cell's band in words with its icon, the mean, the norm and the trend beside it),
// "waar beginnen" names the themes with the most people in "vraagt aandacht", an action is added
// to the action plan (refused field by field first, then kept), the CSV holds exactly the
// numbers and words of the screen, the print view fits two A4 pages, the heatmap scrolls inside
// its own region on a 360 px phone, axe finds nothing, and the campaign's arbeidsdeskundige reads
// the same action plan without buttons.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { laptop, phone, logInToConsole, useServerAndBrowser, violations } from "./harness.mjs";

const EMPLOYER = { email: "werkgever@delinde.example", password: "demo-werkgever" };
const EXPERT = { email: "ad@delinde.example", password: "demo-arbeidsdeskundige" };
const LAPTOP = { width: 1366, height: 768 };

async function noViolations(page, screen) {
  assert.deepEqual(await violations(page), [], `axe on ${screen}`);
}

/** Errors in the browser console, without the 401 of asking "am I logged in?" while logged out. */
function unexpected(errors) {
  return errors.filter((error) => !/status of 401/.test(error));
}

/** The rows of the dashboard's CSV: fields unquoted, the formula guard (`'-2.5`) taken off. */
function parseCsv(text) {
  const lines = text.replace(/^\uFEFF/, "").split("\r\n").filter((line) => line.length > 0);
  const rows = lines.slice(1).map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1].replace(/""/g, '"').replace(/^'(?=[=+\-@\t\r])/, "")));
  assert.equal(lines[0], "onderdeel,groep,thema,cijfer,band,waarde");
  return rows.map(([part, group, theme, figure, band, value]) => ({ part, group, theme, figure, band, value }));
}

/** Text to find literally inside a regular expression. */
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A CSV number as the screen writes it in Dutch: a decimal comma, a real minus sign. */
function dutch(value) {
  return value.replace(".", ",").replace(/^-/, "−");
}

/** What the screen shows, read from the page: the heatmap, the details per theme, the plan. */
async function screenFigures(page) {
  return page.evaluate(() => {
    const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);
    const heat = document.querySelector("table.heatmap");
    const groups = [...heat.querySelectorAll("thead .heat-group")].map(text);
    const cells = {};
    for (const row of heat.querySelectorAll("tbody tr")) {
      const theme = text(row.querySelector(".heat-theme"));
      [...row.querySelectorAll("td")].forEach((cell, index) => {
        cells[`${groups[index]}|${theme}`] = {
          band: text(cell.querySelector(".heat-band")),
          mean: text(cell.querySelector(".heat-mean"))?.replace(/^Gemiddelde /, "") ?? null,
          compare: [...cell.querySelectorAll(".heat-compare")].map(text),
          hidden: cell.classList.contains("heat-hidden"),
        };
      });
    }
    const details = {};
    for (const theme of document.querySelectorAll("details.theme")) {
      const name = text(theme.querySelector(".theme-name"));
      const table = theme.querySelector("table.figures");
      const columns = [...table.querySelectorAll("thead th")].map(text);
      for (const row of table.querySelectorAll("tbody tr")) {
        const group = text(row.querySelector("th"));
        const values = [...row.querySelectorAll("td")].map(text);
        details[`${group}|${name}`] = Object.fromEntries(columns.slice(1).map((column, index) => [column, values[index]]));
      }
    }
    const plan = [...document.querySelectorAll("table.plan-table tbody tr")].map((row) => {
      const cells = row.querySelectorAll("td");
      return {
        number: text(row.querySelector("th .meta")),
        theme: text(row.querySelector("th")).replace(/^Actie \d+ /, ""),
        action: text(cells[0]),
        owner: text(cells[1]),
        date: cells[2].querySelector("time").getAttribute("datetime"),
        status: text(cells[3]),
      };
    });
    const start = [...document.querySelectorAll(".start-list > li")].map((item) => ({ theme: text(item.querySelector("h3")), words: text(item) }));
    const notes = [...document.querySelectorAll(".compare-note")].map(text).join(" ");
    return { groups, cells, details, plan, start, notes, hidden: text(document.querySelector(".hidden-groups")) };
  });
}

describe("the employer's dashboard of DEMO-AFGEROND", () => {
  const env = useServerAndBrowser({ before, after }, { seed: true });
  const base = () => env.server.base;

  test("heatmap, waar beginnen, an action added, CSV equal to the screen, two printed pages, axe; the expert reads the plan", async () => {
    const employer = await laptop(env.browser, { viewport: LAPTOP });
    const page = employer.page;
    await logInToConsole(page, base(), { ...EMPLOYER, home: /\/beheer\/campagnes$/ });
    const campaigns = await page.evaluate(async () => (await fetch("/api/campaigns")).json());
    const campaign = campaigns.find((campaign) => campaign.code === "DEMO-AFGEROND");
    assert.ok(campaign, "the demo has DEMO-AFGEROND");
    const api = await page.evaluate(async (id) => (await fetch(`/api/campaigns/${id}/figures`)).json(), campaign.id);
    await page.goto(`${base()}/beheer/campagnes/${campaign.id}/cijfers`);
    const heat = page.locator("table.heatmap");
    await heat.waitFor();

    // The heatmap is a real table: a caption, a column header per shown group (the organisation
    // first), a row header per theme.
    assert.match(await heat.locator("caption").textContent(), /Per thema en groep/);
    const themes = api.measures.filter((measure) => measure.kind === "theme");
    const shown = api.groups.filter((group) => group.shown);
    const name = (group) => (group.kind === "total" ? "Hele organisatie" : group.kind === "no_department" ? "Afdeling niet genoemd" : group.name);
    assert.deepEqual(await heat.locator("thead .heat-group").allTextContents(), shown.map(name));
    assert.equal(await heat.locator("thead th[scope=col]").count(), shown.length + 1);
    assert.deepEqual(await heat.locator("tbody th[scope=row] .heat-theme").allTextContents(), themes.map((theme) => theme.label.nl));
    const region = page.getByRole("region", { name: /Per thema en groep/ });
    assert.equal(await region.getAttribute("tabindex"), "0", "the scrolling region is reached with the keyboard");

    // Each shown cell: the band of the mean (the last band whose `from` it reaches) in words
    // with its icon, the mean, and the norm and trend beside it where those exist.
    const screen = await screenFigures(page);
    const hidden = api.groups.filter((group) => !group.shown).map(name);
    for (const theme of themes) {
      for (const group of shown) {
        const figure = group.measures.find((measure) => measure.score === theme.score);
        const cell = screen.cells[`${name(group)}|${theme.label.nl}`];
        if (!figure?.shown || figure.mean == null) {
          assert.ok(cell.hidden, `${name(group)} ${theme.label.nl} is not shown`);
          continue;
        }
        const band = theme.bands.filter((band) => band.from <= figure.mean).pop();
        assert.equal(cell.mean, dutch(String(figure.mean)), `${name(group)} ${theme.label.nl}`);
        assert.match(cell.band, new RegExp(`^[◆!✓] ?${band.label.nl}$`));
        const norm = api.norm?.measures.find((measure) => measure.score === theme.score);
        assert.equal(cell.compare.some((words) => words.startsWith("Andere organisaties: ")), norm?.mean != null);
        const change = api.trend?.groups.find((other) => other.kind === group.kind && other.name === group.name)?.measures.find((measure) => measure.score === theme.score);
        assert.equal(cell.compare.some((words) => words.startsWith("Vorige campagne: ")), Boolean(change));
      }
    }
    // Hidden departments are named together, in one line.
    if (hidden.length > 1) assert.match(screen.hidden, new RegExp(`^${hidden.slice(0, -1).join(", ")} en ${hidden.at(-1)}: samen te klein om te tonen`));
    // The norm is other organisations, or the reason there is none; the trend does not say it
    // is the same people.
    const compare = (await page.locator(".compare-note").allTextContents()).join(" ");
    if (api.norm) assert.match(compare, new RegExp(`${api.norm.organisations} organisaties met samen ${api.norm.respondents} deelnemers.*versie ${api.norm.version}`));
    else assert.match(compare, /Er is nog geen vergelijking met andere organisaties/);
    if (api.trend) assert.match(compare, /Vergeleken met de groep van .*niet per se dezelfde mensen/);
    assert.equal(await page.getByText("Gemiddelde elders").count(), 0);
    assert.equal(await page.getByText(/niet over wie je bent/).count(), 0, "no employee band texts on the dashboard");

    // Waar beginnen: the server's themes, each with its count, departments and advice.
    const start = page.locator(".start-here");
    assert.ok(api.start_here.length > 0, "the demo has people in vraagt aandacht");
    assert.deepEqual(
      await start.locator("h3").allTextContents(),
      api.start_here.map((item) => api.measures.find((measure) => measure.score === item.score).label.nl),
    );
    for (const [index, item] of api.start_here.entries()) {
      const words = await start.locator("li").nth(index).textContent();
      assert.ok(words.includes(`${item.attention} van de ${item.respondents} mensen`), words);
      if (item.departments.length) assert.ok(words.includes(`Het sterkst bij: ${item.departments.at(-1)}`), words);
      if (item.advice) assert.ok(words.includes(item.advice.nl), words);
    }
    await noViolations(page, "the dashboard");

    // An action: refused field by field before anything is sent, the problem beside its field.
    const posts = [];
    page.on("request", (request) => request.method() === "POST" && request.url().endsWith("/actions") && posts.push(request.url()));
    const first = api.start_here[0];
    const firstLabel = api.measures.find((measure) => measure.score === first.score).label.nl;
    await start.getByRole("button", { name: new RegExp(`^Actie kiezen voor dit thema\\s*:\\s*${escape(firstLabel)}$`) }).click();
    const form = page.locator("form.plan-form");
    await form.getByText("Schrijf hier geen namen of gezondheidsgegevens van medewerkers").waitFor();
    assert.equal(await form.getByLabel("Thema").inputValue(), first.score, "the theme is chosen");
    await form.getByRole("button", { name: "Toevoegen aan het actieplan" }).click();
    await form.getByText("Beschrijf de actie in 1 tot 500 tekens").waitFor();
    const actionField = form.getByLabel("Wat gaat de organisatie doen?");
    assert.equal(await actionField.getAttribute("aria-invalid"), "true");
    assert.match(await actionField.getAttribute("aria-describedby"), /plan-action-error/);
    assert.ok(await actionField.evaluate((field) => field === document.activeElement), "the keyboard is on the first field with a problem");
    assert.equal(posts.length, 0);
    await noViolations(page, "the action form with problems");
    await actionField.fill("Elke maand teamoverleg over de werkverdeling");
    await form.getByLabel("Wie pakt het op? (functie of team)").fill("Teamleiders");
    await form.getByLabel("Klaar op").fill("2027-03-01");
    await form.getByRole("button", { name: "Toevoegen aan het actieplan" }).click();
    await page.getByText("Actie toegevoegd aan het actieplan.").waitFor();
    assert.equal(posts.length, 1);
    const planTable = page.locator("table.plan-table");
    await planTable.getByText("Elke maand teamoverleg over de werkverdeling").waitFor();
    // Marked done.
    await planTable.getByRole("button", { name: /^Klaar \(actie \d+\)$/ }).first().click();
    await page.getByText("Actie staat op klaar.").waitFor();
    // An unfinished action of last year's plan is carried into this one, with a new date.
    const open = (api.previous_actions?.actions ?? []).filter((action) => !action.done);
    if (open.length) {
      const previous = page.locator(".previous-actions");
      await previous.getByRole("button", { name: new RegExp(`Overnemen in dit plan\\s*:\\s*${escape(open[0].action)}`) }).click();
      assert.equal(await form.getByLabel("Wat gaat de organisatie doen?").inputValue(), open[0].action);
      await form.getByText("Overgenomen uit het vorige actieplan").waitFor();
      await form.getByLabel("Klaar op").fill("2027-06-01");
      await form.getByRole("button", { name: "Toevoegen aan het actieplan" }).click();
      await previous.getByText("(overgenomen in dit plan)").waitFor();
      await planTable.getByText(open[0].action).waitFor();
    }

    // The CSV: every number and word of it is on the screen.
    const after = await screenFigures(page);
    const csv = parseCsv(await page.evaluate(async (id) => (await fetch(`/api/campaigns/${id}/figures.csv`)).text(), campaign.id));
    let compared = 0;
    for (const row of csv) {
      if (row.part === "uitkomst" && row.theme && row.value !== "niet getoond") {
        const detail = after.details[`${row.group}|${row.theme}`];
        assert.ok(detail, `the details show ${row.group} ${row.theme}`);
        if (row.figure === "gemiddelde") {
          assert.equal(after.cells[`${row.group}|${row.theme}`]?.mean ?? dutch(row.value), dutch(row.value), `heatmap ${row.group} ${row.theme}`);
          assert.equal(Object.entries(detail).find(([column]) => column.startsWith("Gemiddelde"))[1], dutch(row.value));
        } else if (row.figure === "respondenten") assert.equal(detail.Aantal, row.value);
        else if (row.figure === "aantal") assert.ok(detail[row.band].startsWith(`${row.value} (`), `${row.group} ${row.theme} ${row.band}`);
        compared++;
      } else if (row.part === "uitkomst" && !row.theme && row.value === "niet getoond") {
        assert.ok(after.hidden.includes(row.group), `${row.group} is named as hidden`);
      } else if (row.part === "trend") {
        const cell = after.cells[`${row.group}|${row.theme}`];
        const trend = cell.compare.find((words) => words.startsWith("Vorige campagne: "));
        if (row.figure === "betekenis") assert.ok(trend.includes(row.value), `${trend} says ${row.value}`);
        if (row.figure === "verschil") assert.ok(trend.endsWith(`(${dutch(row.value).replace(/^(?=\d)(?!0$)/, "+")})`), `${trend} ends in ${row.value}`);
        compared++;
      } else if (row.part === "norm" && row.theme && row.figure === "gemiddelde") {
        const detail = Object.entries(after.details).find(([key]) => key.startsWith("Bij andere organisaties") && key.endsWith(`|${row.theme}`));
        assert.equal(Object.entries(detail[1]).find(([column]) => column.startsWith("Gemiddelde"))[1], dutch(row.value));
        compared++;
      } else if (row.part === "norm" && !row.theme && row.figure === "versie") {
        assert.ok(after.notes.includes(`(versie ${row.value})`), after.notes);
        compared++;
      } else if (row.part === "waar beginnen") {
        const item = after.start[Number(row.group) - 1];
        assert.equal(item.theme, row.theme, `waar beginnen ${row.group}`);
        if (row.figure === "vraagt aandacht") assert.ok(item.words.includes(`${row.value} van de `), item.words);
        if (row.figure === "respondenten") assert.ok(item.words.includes(` van de ${row.value} mensen`), item.words);
        if (row.figure === "sterkst in") for (const department of row.value.split("; ")) assert.ok(item.words.includes(department), `${item.words} names ${department}`);
        compared++;
      } else if (row.part === "actieplan") {
        const action = after.plan.find((item) => item.number === row.group);
        assert.ok(action, `${row.group} is on the screen`);
        assert.equal(action.theme, row.theme);
        const shownValue = { actie: action.action, eigenaar: action.owner, datum: action.date, status: action.status.replace(/^\W+/, "").toLowerCase() }[row.figure];
        assert.equal(shownValue, row.value, `${row.group} ${row.figure}`);
        compared++;
      }
    }
    assert.ok(compared > themes.length, `the CSV's figures were compared (${compared})`);
    assert.ok(csv.some((row) => row.part === "actieplan" && row.value === "Elke maand teamoverleg over de werkverdeling"), "the action is exported");
    for (const part of ["uitkomst", "trend", "norm", "waar beginnen", "actieplan"]) {
      if (part === "norm" && !api.norm) continue;
      assert.ok(csv.some((row) => row.part === part), `the CSV has ${part} rows`);
    }

    // On paper: the heatmap, waar beginnen and the plan on at most two A4 pages, no buttons.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("button:visible").count(), 0, "no buttons in print");
    assert.ok(await heat.isVisible() && (await start.isVisible()) && (await planTable.isVisible()));
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g).length;
    assert.ok(pages <= 2, `the print view has ${pages} pages`);
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(unexpected(employer.errors), []);
    await employer.context.close();

    // On a 360 px phone the page does not scroll sideways; the heatmap scrolls in its region.
    const small = await phone(env.browser);
    await logInToConsole(small.page, base(), { ...EMPLOYER, home: /\/beheer\/campagnes$/ });
    await small.page.goto(`${base()}/beheer/campagnes/${campaign.id}/cijfers`);
    await small.page.locator("table.heatmap").waitFor();
    const overflow = await small.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the dashboard is ${overflow}px too wide for a phone`);
    const phoneRegion = small.page.getByRole("region", { name: /Per thema en groep/ });
    if (await phoneRegion.evaluate((node) => node.scrollWidth > node.clientWidth)) {
      await phoneRegion.focus();
      await small.page.keyboard.press("ArrowRight");
      await small.page.waitForFunction(() => document.querySelector(".heatmap-scroll").scrollLeft > 0);
    }
    await noViolations(small.page, "the dashboard on a phone");
    await small.context.close();

    // The campaign's arbeidsdeskundige reads the same plan, without a button or a form.
    const expert = await laptop(env.browser, { viewport: LAPTOP });
    await logInToConsole(expert.page, base(), { ...EXPERT, home: /\/beheer\/resultaten$/ });
    await expert.page.goto(`${base()}/beheer/campagnes/${campaign.id}/vrijgave`);
    const expertPlan = expert.page.locator("#actieplan");
    await expertPlan.getByText("Elke maand teamoverleg over de werkverdeling").waitFor();
    assert.equal(await expertPlan.locator("button").count(), 0);
    assert.equal(await expertPlan.locator("form").count(), 0);
    await noViolations(expert.page, "the release review with the action plan");
    assert.deepEqual(unexpected(expert.errors), []);
    await expert.context.close();
  });
});

// At 200 teams: the seeded 2,000-person demo organisation (the one
// `make bench` measures) is dropped through a test hook, then every page is
// opened, a team is opened, the digest is sorted and the findings are
// filtered, as a leader would. What a person sees is asserted, and that no
// page ever holds more than 10,000 elements (the Deviations page held
// 115,000 before it rendered only what is visible).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { useBrowser, screenshotDir, assertAccessible, showPage } from "./harness.mjs";

const suite = useBrowser();

const MOST_ELEMENTS = 10_000;
const elements = (page) => page.evaluate(() => document.getElementsByTagName("*").length);

/** Scrolls to the end a screen at a time (what is drawn on scrolling gets drawn) and returns the most elements seen. */
async function scrollThrough(page) {
  let most = await elements(page);
  for (let step = 0; step < 80; step++) {
    const moved = await page.evaluate(() => {
      const y = window.scrollY;
      window.scrollBy(0, window.innerHeight);
      return window.scrollY !== y;
    });
    await page.waitForTimeout(120);
    most = Math.max(most, await elements(page));
    if (!moved) break;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return most;
}

async function assertFewElements(page, where) {
  const count = await elements(page);
  assert.ok(count <= MOST_ELEMENTS, `${where}: ${count} elements, at most ${MOST_ELEMENTS}`);
  const most = await scrollThrough(page);
  assert.ok(most <= MOST_ELEMENTS, `${where}, scrolled to the end: ${most} elements, at most ${MOST_ELEMENTS}`);
  return count;
}

/** The "N findings shown in M teams" status the page announces. */
async function shownCounts(page) {
  const text = await page.locator(".deviations [role=status]").textContent();
  const [, findings, teams] = text.match(/^(\d+) findings? shown in (\d+) teams?$/) ?? [];
  assert.ok(findings, `a status says what is shown: ${text}`);
  return { findings: Number(findings), teams: Number(teams) };
}

/** What is on the screen (a full page of 200 teams is a poster, not a screenshot). */
const screenshot = (page, name) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

const pagerText = (scope) => scope.locator("nav.pager .pager__where").first().textContent();

test("200 teams: every page opens with at most 10,000 elements, and teams, rows and charts come as they are asked for", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open({ hash: "#test-hooks", viewport: { width: 1366, height: 900 } });
  await page.evaluate(() => window.__teamdiffTestHooks.dropDemo("org2k"));
  await page.waitForFunction(() => document.querySelector('[data-testid="summary-teams"]')?.textContent === "200"
    && !document.querySelector(".progress"), null, { timeout: 300_000, polling: 500 });
  assert.equal(await page.getByTestId("summary-people").textContent(), "2000");
  await assertFewElements(page, "Load");

  // Deviations: one line per team, a page of teams at a time.
  await showPage(page, "Deviations");
  const lede = await page.locator(".deviations .lede").textContent();
  const [, total, teamCount] = lede.match(/^(\d+) open findings across (\d+) teams\. .*Open a team to see its findings\.$/) ?? [];
  assert.ok(total, `the lede counts findings and teams and says how to see them: ${lede}`);
  assert.ok(Number(total) > 500 && Number(teamCount) > 100, `more findings than open at once, more teams than a page: ${lede}`);
  assert.deepEqual(await shownCounts(page), { findings: Number(total), teams: Number(teamCount) });
  const lines = page.locator(".team-findings");
  assert.equal(await lines.count(), 50, "the first page of team lines");
  assert.equal(await page.locator("li.finding").count(), 0, "teams start as one line each");
  assert.equal(await page.locator(".chart-panel").count(), 6);
  assert.ok(await page.locator(".chart-panel[aria-busy=true]").count() >= 1, "charts below the screen are not drawn yet");
  assert.equal(await pagerText(page.locator(".deviations")), `1–50 of ${teamCount} teams`);
  const names = await lines.locator("h3").allTextContents();
  assert.deepEqual([...names].sort(), names, "teams in order, not ranked");
  const lineTotal = names.reduce((sum, name) => sum + Number(name.match(/\((\d+)\)$/)[1]), 0);
  assert.ok(lineTotal > 0 && lineTotal < Number(total));
  assert.match(await lines.first().locator(".team-findings__summary").textContent(), /[A-Z][a-z].*: \d+/, "the line says which tripwires fired");
  await assertFewElements(page, "Deviations");

  // Opening a team shows its findings, a page at a time.
  const busiest = names.map((name) => [name, Number(name.match(/\((\d+)\)$/)[1])]).sort((a, b) => b[1] - a[1])[0];
  const team = lines.filter({ has: page.getByRole("button", { name: busiest[0], exact: true }) });
  await team.getByRole("button", { name: busiest[0], exact: true }).click();
  assert.equal(await team.getByRole("button", { name: busiest[0], exact: true }).getAttribute("aria-expanded"), "true");
  const cards = team.locator("li.finding");
  assert.equal(await cards.count(), Math.min(busiest[1], 20));
  assert.match(await cards.first().locator(".finding__ask").textContent(), /^Ask: .+\?/);
  assert.match(await cards.first().locator(".finding__evidence code").first().textContent(), /^[\w.-]+\.csv:\d+$/);
  assert.equal(await team.locator("nav.pager").count(), busiest[1] > 20 ? 1 : 0, "more than twenty findings come a page at a time");
  await lines.nth(Math.max(0, names.indexOf(busiest[0]) - 2)).evaluate((line) => line.scrollIntoView());
  await screenshot(page, "scale-deviations");
  await team.getByRole("button", { name: busiest[0], exact: true }).click();
  assert.equal(await cards.count(), 0, "closed again");

  // Filters apply to every team, not only the page shown.
  const option = page.getByLabel("Tripwire").locator("option").nth(1);
  const [, tripwireTitle, tripwireCount] = (await option.textContent()).match(/^(.+) \((\d+)\)$/);
  await page.getByLabel("Tripwire").selectOption({ index: 1 });
  assert.equal((await shownCounts(page)).findings, Number(tripwireCount));
  for (const summary of await lines.locator(".team-findings__summary").allTextContents()) {
    assert.match(summary, new RegExp(`^${tripwireTitle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\d+`), "only that tripwire");
  }
  await page.getByLabel("Severity").selectOption("high");
  const high = await shownCounts(page);
  assert.ok(high.findings <= Number(tripwireCount));
  await page.getByLabel("Tripwire").selectOption("");
  await page.getByLabel("Severity").selectOption("");
  assert.equal((await shownCounts(page)).findings, Number(total));
  await page.getByLabel("Find a team").fill("amber falc");
  assert.deepEqual(await lines.locator("h3").allTextContents().then((t) => t.map((n) => n.replace(/ \(\d+\)$/, ""))), ["Amber Falcons"]);
  await page.getByLabel("Find a team").fill("");

  // Charts: drawn when scrolled to (the scrolling above drew them), each with its table a page of rows at a time.
  const quiet = page.locator('[data-chart="quiet_days"]');
  await quiet.scrollIntoViewIfNeeded();
  await quiet.locator("svg").waitFor();
  await quiet.getByText("Show as a table").click();
  assert.equal(await quiet.locator("table tbody tr").count(), 50);
  assert.match(await pagerText(quiet), /^1–50 of \d+ rows$/);
  await scrollThrough(page);
  assert.equal(await page.locator(".chart-panel svg").count(), 6, "every chart drawn once scrolled to");
  assert.ok(await elements(page) <= MOST_ELEMENTS, "every chart drawn, still at most 10,000 elements");

  // The digest: every team sorted, fifty at a time.
  await showPage(page, "Org digest");
  // org2k groups its teams: the digest opens by group (groups.test.mjs); here, every team.
  await page.getByRole("button", { name: "All teams (200)" }).click();
  await page.getByRole("table", { name: /^Org digest: 200 teams\./ }).waitFor();
  const rows = page.locator("table.digest tbody tr");
  assert.equal(await rows.count(), 50);
  assert.equal(await pagerText(page.locator(".digest-page")), "1–50 of 200 teams");
  assert.equal(await rows.locator("td.digest__trend svg polyline").count(), 50, "a sparkline per shown team");
  await assertFewElements(page, "Org digest");
  const totals = () => rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector(".digest__total")?.textContent ?? 0)));
  await page.getByRole("button", { name: /^Open findings/ }).click();
  await page.getByRole("button", { name: /^Open findings/ }).click();
  const header = page.locator("table.digest thead th", { has: page.getByRole("button", { name: /^Open findings/ }) });
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  const first = await totals();
  assert.deepEqual(first, [...first].sort((a, b) => b - a));
  await screenshot(page, "scale-digest");
  await page.locator(".digest-page").getByRole("button", { name: "Next →" }).click();
  assert.equal(await pagerText(page.locator(".digest-page")), "51–100 of 200 teams");
  const second = await totals();
  assert.ok(Math.max(...second) <= Math.min(...first), "the sort spans every team, not one page");
  await page.getByRole("button", { name: /^Team/ }).click();
  const byName = await page.locator("table.digest tbody th[scope=row]").allTextContents();
  assert.deepEqual(byName, [...byName].sort());
  assert.equal(await pagerText(page.locator(".digest-page")), "1–50 of 200 teams", "a new order starts at its first page");
  await page.getByLabel("Find a team").fill("Blue Prism");
  assert.deepEqual(await page.locator("table.digest tbody th[scope=row]").allTextContents(), ["Blue Prism"]);

  // The model: a page of teams, and any team found by name.
  await showPage(page, "Model");
  assert.equal(await page.locator("table.model-table").first().locator("tbody tr").count(), 20);
  assert.equal(await pagerText(page.locator("main")), "1–20 of 200 teams");
  await assertFewElements(page, "Model");
  await page.getByLabel("Find a team").fill("copper");
  await page.getByLabel("Flavor of Copper Summit").waitFor();
  assert.equal(await page.getByLabel("Flavor of Copper Summit").inputValue(), "legacy");

  // Leadership: the matrix at the top, a page of team cards.
  await showPage(page, "Leadership");
  await page.locator('[data-chart="leadership_matrix"] svg').waitFor();
  assert.equal(await page.locator("li.leadership-team").count(), 24);
  assert.equal(await pagerText(page.locator("main")), "1–24 of 200 teams");
  await assertFewElements(page, "Leadership");

  await showPage(page, "Shareholders");
  await page.getByRole("img", { name: /Power-interest grid/ }).locator("svg").waitFor();
  await assertFewElements(page, "Shareholders");

  await showPage(page, "Deviations");
  await assertAccessible(page, "Deviations at 200 teams");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// Groups at 200 teams: the Load page's "Try a 200-team organization" button
// (generated in the worker, with a progress bar and Cancel), then the Org
// digest and the Leadership page rolled up by group, with drill-down into a
// group and back, sorting, and "All teams". The small demo has no groups
// and its digest is unchanged. Times and memory are printed, not asserted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, screenshot, loadDemo, showPage, assertAccessible } from "./harness.mjs";

const suite = useBrowser();

const MOST_ELEMENTS = 10_000;
const elements = (page) => page.evaluate(() => document.getElementsByTagName("*").length);
const summaryTeams = (page) => page.getByTestId("summary-teams").textContent();
const groupLines = (page, table) => page.locator(`table.${table} tbody tr`);

/** Peak wasm memory of the page and its workers, sampled every 200 ms until `stop()`. */
function sampleMemory(page) {
  let peak = 0;
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      const wasm = await Promise.all([page, ...page.workers()].map((scope) =>
        scope.evaluate(() => globalThis.teamdiffWasmMemory?.buffer.byteLength ?? 0).catch(() => 0)));
      peak = Math.max(peak, wasm.reduce((a, b) => a + b, 0));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return async () => {
    sampling = false;
    await loop;
    return peak;
  };
}

/**
 * Runs a person's action and waits for the page to settle; the long tasks it
 * caused are kept by action, so screenshots and the accessibility check
 * (long tasks of their own) are not counted as navigation.
 */
function actions(page) {
  const windows = [];
  const act = async (what, action) => {
    const start = await page.evaluate(() => performance.now());
    await action();
    await page.waitForTimeout(150);
    windows.push({ what, start, end: await page.evaluate(() => performance.now()) });
  };
  const longest = async () => {
    const tasks = await page.evaluate(() => window.__longTasks);
    return windows.map(({ what, start, end }) => ({
      what, ms: Math.max(0, ...tasks.filter((t) => t.start >= start && t.start < end).map((t) => t.ms)),
    }));
  };
  return { act, longest };
}

test("the 200-team demo from the Load page: digest and leadership roll up by group, drill down and back", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open({ viewport: { width: 1366, height: 900 } });
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, ms: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  });

  // Without groups, the digest is one table of teams, as before.
  await loadDemo(page);
  assert.equal(await summaryTeams(page), "3");
  await showPage(page, "Org digest");
  await page.locator("table.digest").waitFor();
  assert.equal(await page.locator("table.digest--groups").count(), 0, "the small demo has no groups");
  assert.equal(await page.getByRole("button", { name: /^By group/ }).count(), 0);
  assert.equal(await page.locator("table.digest tbody tr").count(), 3);
  await showPage(page, "Load");

  // Cancelled while it is generated or read: the small demo is still there.
  const large = page.getByRole("button", { name: "Try a 200-team organization" });
  await large.click();
  await page.locator(".progress").waitFor();
  await page.getByRole("button", { name: "Cancel loading" }).click();
  await page.locator(".progress").waitFor({ state: "detached" });
  await page.waitForFunction(() => document.querySelector('[data-testid="summary-teams"]')?.textContent === "3");

  // The button, as a person would click it; progress labels are recorded as they change.
  await page.evaluate(() => {
    window.__labels = new Set();
    new MutationObserver(() => {
      const label = document.querySelector(".progress label")?.textContent;
      if (label) window.__labels.add(label.replace(/\d+%$/, "%"));
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const stopSampling = sampleMemory(page);
  const clicked = Date.now();
  const loadStart = await page.evaluate(() => performance.now());
  await large.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="summary-teams"]')?.textContent === "200"
    && !document.querySelector(".progress"), null, { timeout: 240_000, polling: 100 });
  const loadMs = Date.now() - clicked;
  const peakWasm = await stopSampling();
  assert.equal(await page.getByTestId("summary-people").textContent(), "2000");
  const labels = await page.evaluate(() => [...window.__labels]);
  assert.ok(labels.some((l) => /^Generating the 200-team demo organization/.test(l)), `generating is shown: ${labels}`);
  assert.ok(labels.some((l) => /^Analysing \S+\.csv \(the 200-team demo organization\)/.test(l)), `one bar over the files: ${labels}`);
  const loadTasks = await page.evaluate((start) => window.__longTasks.filter((t) => t.start >= start).map((t) => t.ms), loadStart);
  console.log(`200-team demo: click → everything shown ${loadMs} ms; peak wasm memory (page + worker) ${(peakWasm / 1e6).toFixed(0)} MB; ` +
    `longest main-thread task while loading ${Math.max(0, ...loadTasks).toFixed(0)} ms`);
  await screenshot(page, "load-200-teams");

  const { act, longest } = actions(page);
  // The digest opens on one line per group.
  await act("open the digest", () => showPage(page, "Org digest"));
  const groups = groupLines(page, "digest--groups");
  await groups.first().waitFor();
  assert.equal(await groups.count(), 20);
  assert.match(await page.locator("table.digest--groups caption").textContent(), /^Org digest by group: 20 groups of 200 teams\./);
  assert.equal(await page.getByRole("button", { name: "By group (20)" }).getAttribute("aria-pressed"), "true");
  const first = groups.first().locator("td");
  assert.equal(await first.nth(0).textContent(), "10", "ten teams a group");
  assert.match(await first.nth(2).textContent(), /^\d+ of 10$/, "stale updates: teams of the group's");
  assert.match(await first.nth(4).textContent(), /(green|yellow|red|unknown) \d+/, "latest statuses");
  const totals = async () => groups.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector(".digest__total")?.textContent ?? 0)));
  const all = await totals();
  assert.ok(all.reduce((a, b) => a + b, 0) > 500, `the groups add up the org's findings: ${all}`);
  assert.ok((await elements(page)) <= MOST_ELEMENTS);
  await assertAccessible(page, "Org digest by group");
  await screenshot(page, "digest-groups");

  // Sorted by open findings, most first, then back by name.
  const sortBy = (name) => act(`sort groups by ${name}`, () => page.locator("table.digest--groups thead").getByRole("button", { name }).click());
  await sortBy(/^Open findings/);
  await sortBy(/^Open findings/);
  const descending = await totals();
  assert.deepEqual(descending, [...descending].sort((a, b) => b - a));
  assert.equal(await page.locator("table.digest--groups thead th[aria-sort=descending]").textContent(), "Open findings ↓");
  const busiest = await groups.first().locator("th").textContent();

  // Drill down into the busiest group: its ten teams, sortable; then back.
  await act("open a group", () => page.getByRole("button", { name: `Open ${busiest}: 10 teams` }).click());
  await page.getByRole("heading", { name: `${busiest}: 10 teams` }).waitFor();
  const teamRows = page.locator(".digest-group table.digest tbody tr");
  assert.equal(await teamRows.count(), 10);
  const teamTotals = await teamRows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector(".digest__total")?.textContent ?? 0)));
  assert.equal(teamTotals.reduce((a, b) => a + b, 0), descending[0], "the group's line is its teams added up");
  await act("sort its teams", () => page.locator(".digest-group thead").getByRole("button", { name: /^Open findings/ }).click());
  const ascending = await teamRows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector(".digest__total")?.textContent ?? 0)));
  assert.deepEqual(ascending, [...teamTotals].sort((a, b) => a - b));
  await screenshot(page, "digest-group");
  await act("back to the groups", () => page.getByRole("button", { name: "← All groups" }).click());
  await groups.first().waitFor();
  assert.equal(await groups.count(), 20);

  // Every team, with its group, a page at a time.
  await act("all teams", () => page.getByRole("button", { name: "All teams (200)" }).click());
  assert.equal(await page.locator("table.digest thead th").nth(1).textContent(), "Group ↕");
  assert.equal(await page.locator("table.digest tbody tr").count(), 50);
  assert.equal(await page.locator("nav.pager .pager__where").first().textContent(), "1–50 of 200 teams");
  assert.ok((await elements(page)) <= MOST_ELEMENTS);
  await act("by group", () => page.getByRole("button", { name: "By group (20)" }).click());
  await groups.first().waitFor();

  // Leadership: one line per group with its teams by mode; a group opens its own matrix and cards.
  await act("open Leadership", () => showPage(page, "Leadership"));
  const leadershipGroups = groupLines(page, "leadership-groups");
  await leadershipGroups.first().waitFor();
  assert.equal(await leadershipGroups.count(), 20);
  const modes = await leadershipGroups.first().locator(".tag-list li").allTextContents();
  assert.equal(modes.reduce((sum, m) => sum + Number(m.match(/: (\d+)$/)[1]), 0), 10, `a group's modes count its ten teams: ${modes}`);
  const group = await leadershipGroups.nth(3).locator("th").textContent();
  await act("open a group's matrix and cards", () => page.getByRole("button", { name: `Open ${group}: 10 teams` }).click());
  await page.getByRole("heading", { name: `${group}: 10 teams` }).waitFor();
  assert.equal(await page.locator("li.leadership-team").count(), 10);
  await page.locator(".chart-panel svg").first().waitFor();
  assert.match(await page.locator(".chart-panel h3").textContent(), new RegExp(`: ${group}$`));
  assert.ok((await elements(page)) <= MOST_ELEMENTS);
  await screenshot(page, "leadership-group");
  await act("back to every team", () => page.getByRole("button", { name: "← All groups" }).click());
  await leadershipGroups.first().waitFor();
  assert.equal(await page.locator("li.leadership-team").count(), 24, "the first page of every team's cards");

  const tour = await longest();
  console.log(`groups tour, longest main-thread task per action (0: none over 50 ms): ${tour.map((a) => `${a.what} ${a.ms.toFixed(0)}`).join(", ")}`);
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

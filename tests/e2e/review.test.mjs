// Saved reviews end to end: the demo is loaded and "Save this review"
// downloads teamdiff-review-YYYY-MM-DD.json; in a fresh page a later state
// of the same organisation is dropped with the saved review, and the What
// changed page shows new, resolved and persisting findings, the roster move
// and the stakeholder who moved quadrant; the report carries it, presenter
// mode hides every name in it, and a broken review is refused by line and
// column without changing anything.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useBrowser, screenshot, assertAccessible, dropFiles, showPage } from "./harness.mjs";

const suite = useBrowser();

async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

/** The demo's files, as the app's own generator writes them for today. */
async function demoFiles(page) {
  return page.evaluate(() => window.__teamdiffTestHooks.demoFiles("small"));
}

const asDropped = (files) => files.map(({ name, text, type }) => ({ name, bytes: Buffer.from(text, "utf8"), type }));

/**
 * Two weeks of work later, as tests/review.rs makes it natively: Ivy Chen
 * contacted at last (her drift resolves), Priya Nair moved from Comet to
 * Bedrock, Tom Reyes now keenly interested, and a new stakeholder nobody
 * has contacted (a new drift finding).
 */
function later(files, asOf) {
  return files.map(({ name, text }) => {
    if (name === "roster.csv") text = text.replace("Priya Nair,Comet,", "Priya Nair,Bedrock,");
    if (name === "stakeholders.csv") {
      text = text.replace("Ivy Chen,Support Lead,2,4,\n", `Ivy Chen,Support Lead,2,4,${asOf}\n`);
      text = text.replace("Tom Reyes,CFO,5,2,", "Tom Reyes,CFO,5,5,");
      text += "Noor Aziz,Head of Legal,5,5,\n";
    }
    return { name, text };
  });
}

async function waitForAnalysis(page) {
  await page.getByTestId("summary-files").waitFor();
  await page.locator(".progress").waitFor({ state: "detached" }).catch(() => {});
}

/** Saves the review of the demo from a first page: { name, text, files }. */
async function saveDemoReview() {
  const { page, context, assertPrivate, consoleErrors } = await suite.open({ hash: "#test-hooks" });
  const files = await demoFiles(page);
  await dropFiles(page, asDropped(files));
  await waitForAnalysis(page);
  await showPage(page, "What changed");
  const save = page.getByRole("button", { name: "Save this review" });
  await assert.doesNotReject(save.waitFor());
  await page.waitForFunction(() => !document.querySelector(".what-changed-page .actions button").disabled);
  await page.getByText("No saved review is loaded").waitFor();
  const saved = await downloaded(page, () => save.click());
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
  return { ...saved, files };
}

async function openWithReview(saved) {
  const app = await suite.open({ hash: "#test-hooks" });
  const asOf = JSON.parse(saved.text).as_of;
  await dropFiles(app.page, [{ name: saved.name, bytes: Buffer.from(saved.text), type: "application/json" }, ...asDropped(later(saved.files, asOf))]);
  await waitForAnalysis(app.page);
  // The review is no data file: the Load page says it is loaded and leads on.
  await app.page.getByText(`Saved review ${saved.name} (as of ${asOf}) is loaded`).waitFor();
  await app.page.getByRole("button", { name: "See what changed" }).click();
  await app.page.getByRole("heading", { name: "What changed", level: 2 }).waitFor();
  await app.page.locator(".what-changed__counts").waitFor();
  return app;
}

const rowsOf = (page, caption) => page.locator("table", { has: page.locator("caption", { hasText: caption }) }).locator("tbody tr");

test("a saved review dropped with later exports shows new, resolved and persisting findings", async () => {
  const saved = await saveDemoReview();
  assert.match(saved.name, /^teamdiff-review-\d{4}-\d{2}-\d{2}\.json$/);
  const review = JSON.parse(saved.text);
  assert.equal(review.format, "teamdiff-review");
  assert.equal(review.version, 1);
  assert.equal(saved.name, `teamdiff-review-${review.as_of}.json`);
  assert.equal(review.model.format, "teamdiff-model");
  assert.ok(review.findings.some((f) => f.subject === "Ivy Chen"), "the demo's drift on Ivy Chen is saved");
  assert.deepEqual(Object.keys(review).sort(), ["as_of", "findings", "format", "model", "stakeholders", "teams", "version"]);
  for (const row of ["evidence", ".csv", "why"]) assert.ok(!saved.text.includes(row), `no rows in the review (${row})`);

  const { page, assertPrivate, consoleErrors } = await openWithReview(saved);
  const counts = await page.locator(".what-changed__counts").textContent();
  const [, fresh, resolved, persisting] = counts.match(/(\d+) new, (\d+) resolved, (\d+) persisting/).map(Number);
  assert.ok(fresh >= 1 && resolved >= 1 && persisting >= 1, counts);
  assert.match(counts, /roster moves: 1 · stakeholders who moved quadrant: 1,/);

  const findings = rowsOf(page, "Findings since");
  const cells = async (text) => (await findings.filter({ hasText: text }).first().locator("td").allTextContents()).map((c) => c.trim());
  assert.equal((await cells("Noor Aziz"))[0], "new");
  assert.equal((await cells("Ivy Chen"))[0], "resolved");
  const persisted = (await findings.filter({ hasText: /^persisting/ }).allTextContents()).length;
  assert.equal(persisted, persisting);
  assert.match((await findings.filter({ hasText: "persisting" }).first().locator("td").last().textContent()).trim(), /^\d+ days$/);
  assert.deepEqual((await rowsOf(page, "joined or left").first().locator("td").allTextContents()).map((c) => c.trim()), ["Priya Nair", "moved", "Comet", "Bedrock"]);
  assert.match(await rowsOf(page, "Stakeholders who moved").filter({ hasText: "Tom Reyes" }).textContent(), /keep satisfied.*manage closely/);
  const stakeholders = (await rowsOf(page, "Stakeholders who moved").allTextContents()).join("\n");
  assert.ok(!stakeholders.includes("Ivy Chen"), "Ivy Chen was contacted since the saved review");
  assert.ok((await rowsOf(page, "Teams that changed most").count()) >= 2);
  await screenshot(page, "what-changed");
  await assertAccessible(page, "What changed");

  // The report carries it.
  await showPage(page, "Deviations");
  const report = await downloaded(page, () => page.getByRole("button", { name: "Download report (HTML)" }).click());
  assert.match(report.text, /What changed since \d{4}-\d{2}-\d{2}/);
  assert.ok(report.text.includes("Noor Aziz"));

  // Presenter mode: no name from the review or the files on the page.
  await page.getByRole("button", { name: /Presenter mode/ }).click();
  await showPage(page, "What changed");
  await page.waitForFunction(() => document.querySelector(".what-changed__counts") && !document.body.textContent.includes("Priya Nair"));
  const shown = await page.locator(".what-changed-page").textContent();
  const names = new Set([...Object.values(review.teams).flat(), ...review.stakeholders.map((s) => s.name), "Noor Aziz"]);
  for (const name of names) assert.ok(!shown.includes(name), `${name} shows in presenter mode`);
  assert.match(shown, /Person [A-Z]\d+/);
  await screenshot(page, "what-changed-presenter");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
});

test("a broken or foreign review is refused with its line and column and changes nothing", async () => {
  const saved = await saveDemoReview();
  const { page, assertPrivate } = await openWithReview(saved);
  const before = await page.locator(".what-changed__counts").textContent();

  const cut = saved.text.slice(0, Math.floor(saved.text.length / 2));
  const newer = saved.text.replace('"version": 1', '"version": 2');
  await showPage(page, "Load");
  await dropFiles(page, [
    { name: "cut-review.json", bytes: Buffer.from(cut), type: "application/json" },
    { name: "newer-review.json", bytes: Buffer.from(newer), type: "application/json" },
  ]);
  const refusals = page.getByRole("alert");
  await page.getByText(/cut-review\.json:\d+:\d+: this saved review was not loaded: the file ends too early/).waitFor();
  await page.getByText(/newer-review\.json:3:3: this saved review was not loaded: it was saved by a newer teamdiff/).waitFor();
  assert.ok((await refusals.count()) >= 1);
  await showPage(page, "What changed");
  assert.equal(await page.locator(".what-changed__counts").textContent(), before, "the review compared with stays");

  await page.getByRole("button", { name: "Forget the saved review" }).click();
  await page.getByText("No saved review is loaded").waitFor();
  assertPrivate();
});

test("a stakeholder rated several times shows their path on the grid and the quadrant change", async () => {
  const { page, assertPrivate, consoleErrors } = await suite.open({ hash: "#test-hooks" });
  const files = await demoFiles(page);
  // The demo's stakeholders with a `date` column, Tom Reyes rated twice
  // before: manage closely in the summer, then keep satisfied as now.
  const dated = files.map(({ name, text }) => {
    if (name !== "stakeholders.csv") return { name, text };
    const [header, ...rows] = text.trimEnd().split("\n");
    const tom = rows.find((r) => r.startsWith("Tom Reyes,"));
    return {
      name,
      text: [`${header},date`, ...rows.map((r) => `${r},2026-11-01`), "Tom Reyes,CFO,5,5,,2026-06-01", "Tom Reyes,CFO,4,4,,2026-08-01"].join("\n") + "\n",
      tom,
    };
  });
  await dropFiles(page, asDropped(dated));
  await waitForAnalysis(page);
  await showPage(page, "Shareholders");
  const list = page.locator(".stakeholder-paths");
  await list.waitFor();
  assert.match(await list.textContent(), /1 stakeholder is rated more than once/);
  assert.match(await list.locator("li").filter({ hasText: "Tom Reyes" }).textContent(), /Tom Reyes: manage closely → keep satisfied \(2026-11-01\)/);
  await page.locator(".shareholders svg").first().waitFor();
  assert.equal(await page.locator('.shareholders svg circle[r="4"]').count(), 2, "a mark per earlier rating");
  await screenshot(page, "shareholders-over-time");
  await assertAccessible(page, "Shareholders over time");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
});

test("at 200 teams What changed comes a page of rows at a time", async () => {
  const { page, assertPrivate, consoleErrors } = await suite.open({ hash: "#test-hooks", viewport: { width: 1366, height: 900 } });
  await page.evaluate(() => window.__teamdiffTestHooks.dropDemo("org2k"));
  await page.waitForFunction(() => document.querySelector('[data-testid="summary-teams"]')?.textContent === "200"
    && !document.querySelector(".progress"), null, { timeout: 300_000, polling: 500 });
  await showPage(page, "What changed");
  await page.waitForFunction(() => !document.querySelector(".what-changed-page .actions button").disabled);
  const saved = await downloaded(page, () => page.getByRole("button", { name: "Save this review" }).click());
  const review = JSON.parse(saved.text);
  assert.ok(review.findings.length > 500, `an organisation's worth of findings: ${review.findings.length}`);

  // The same data again, with the review: everything persists, nothing else changed.
  await dropFiles(page, [{ name: saved.name, bytes: Buffer.from(saved.text), type: "application/json" }]);
  await page.locator(".what-changed__counts").waitFor({ timeout: 300_000 });
  assert.match(await page.locator(".what-changed__counts").textContent(), new RegExp(`^0 new, 0 resolved, ${review.findings.length} persisting findings · roster moves: 0`));
  const findings = page.locator("table", { has: page.locator("caption", { hasText: "Findings since" }) });
  assert.equal(await findings.locator("tbody tr").count(), 50, "one page of rows");
  assert.equal(await page.locator("nav.pager .pager__where").first().textContent(), `1–50 of ${review.findings.length} rows`);
  await page.getByText("Teams that changed most: none.").waitFor();
  const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
  assert.ok(elements < 10_000, `${elements} elements on the page`);
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
});

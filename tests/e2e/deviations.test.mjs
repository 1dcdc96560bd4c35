// The Deviations page with the demo organisation: findings grouped by team
// with their question, filters, the six charts with tables, accepting a
// finding, and every export read back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useBrowser, screenshot, assertAccessible, loadDemo, showPage } from "./harness.mjs";

const suite = useBrowser();

async function openDeviations(options) {
  const app = await suite.open(options);
  await loadDemo(app.page);
  await showPage(app.page, "Deviations");
  await app.page.getByRole("heading", { name: "Deviations", level: 2 }).waitFor();
  return app;
}

const findings = (page) => page.locator("li.finding");

async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test("findings are grouped by team, each with why, norm, evidence and the question to ask", async () => {
  const { page, context, assertPrivate, consoleErrors } = await openDeviations();
  const quiet = page.locator('li.finding[data-tripwire="quiet_contributor"]').first();
  await quiet.waitFor();
  const text = await quiet.textContent();
  assert.match(text, /Quiet contributor|quiet/i);
  assert.match(await quiet.locator(".finding__ask").textContent(), /^Ask: .+\?/);
  assert.match(await quiet.locator(".finding__measures").textContent(), /Norm\s*\d+ days\s*Observed\s*\d+ days/);
  assert.match(await quiet.locator(".finding__evidence code").first().textContent(), /^[\w.-]+\.csv:\d+$/);
  const teams = await page.locator(".team-findings > h3").allTextContents();
  assert.ok(teams.length >= 3, `findings of several teams: ${teams}`);
  assert.deepEqual([...teams].sort(), teams, "teams in order, not ranked");

  // Filters are real, labelled selects.
  const all = await findings(page).count();
  await page.getByLabel("Tripwire").selectOption("quiet_contributor");
  const onlyQuiet = await findings(page).count();
  assert.ok(onlyQuiet > 0 && onlyQuiet < all, `${onlyQuiet} of ${all}`);
  assert.equal(await page.locator('li.finding:not([data-tripwire="quiet_contributor"])').count(), 0);
  await page.getByLabel("Tripwire").selectOption("");
  await page.getByLabel("Severity").selectOption("high");
  const high = await findings(page).count();
  assert.ok(high > 0 && high < all);
  assert.equal(await page.locator("li.finding:not(.finding--high)").count(), 0);
  await page.getByLabel("Severity").selectOption("");
  assert.equal(await findings(page).count(), all);

  // The six charts, each with its table alternative.
  const panels = page.locator(".chart-panel");
  assert.equal(await panels.count(), 6);
  const quietChart = page.locator('[data-chart="quiet_days"] svg');
  const thresholds = await quietChart.locator('[stroke="#000000"][stroke-width="2"]').count();
  assert.ok(thresholds >= 3, `a threshold line per team, found ${thresholds}`);
  const labels = (await quietChart.locator("text").allTextContents()).map((l) => l.trim()).filter(Boolean);
  assert.ok(labels.some((l) => /: (7|10|14) d$/.test(l)), `threshold labels carry the team norm: ${labels.join(" | ")}`);
  for (const id of ["review_wait", "cycle_time", "decision_latency", "decision_split", "update_freshness"]) {
    assert.equal(await page.locator(`[data-chart="${id}"] svg`).count(), 1, id);
  }
  const freshness = page.locator('[data-chart="update_freshness"]');
  await freshness.getByText("Show as a table").click();
  assert.ok(await freshness.locator("table tbody tr").count() >= 3);

  await assertAccessible(page, "Deviations");
  await screenshot(page, "deviations");
  // Projector layout: nothing spills sideways.
  await page.setViewportSize({ width: 1920, height: 1080 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 1920×1080 (${overflow}px)`);
  await page.setViewportSize({ width: 1366, height: 768 });
  const laptopOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(laptopOverflow <= 0, `no horizontal scrolling at 1366×768 (${laptopOverflow}px)`);
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("accepting a finding as allowed removes it and lists it with its reason", async () => {
  const { page, context, assertPrivate } = await openDeviations();
  await page.getByLabel("Tripwire").selectOption("quiet_contributor");
  const before = await findings(page).count();
  const first = findings(page).first();
  const subject = await first.locator(".finding__subject").textContent();

  // A blank reason is refused by the model with a clear message.
  await first.getByText("Accept as allowed…").click();
  await first.getByLabel("Why it is allowed").fill("   ");
  await first.getByRole("button", { name: "Accept as allowed" }).click();
  await page.getByRole("alert").getByText(/say why this deviation is allowed/).waitFor();
  assert.equal(await findings(page).count(), before);

  await first.getByLabel("Why it is allowed").fill("On parental leave until March");
  await first.getByRole("button", { name: "Accept as allowed" }).click();
  await page.waitForFunction((n) => document.querySelectorAll("li.finding").length === n - 1, before);
  const remaining = await page.locator("li.finding .finding__subject").allTextContents();
  assert.ok(!remaining.includes(subject), `${subject} no longer fires`);
  const accepted = page.locator("table.accepted");
  assert.match(await accepted.textContent(), /On parental leave until March/);
  assert.match(await accepted.textContent(), new RegExp(subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.equal(await page.getByRole("alert").count(), 0, "the earlier error is cleared");
  assertPrivate();
  await context.close();
});

test("the report and the CSV download with every finding and no script", async () => {
  const { page, context, assertPrivate } = await openDeviations();
  const count = await findings(page).count();
  const asks = await page.locator(".finding__ask").allTextContents();

  const report = await downloaded(page, () => page.getByRole("button", { name: "Download report (HTML)" }).click());
  assert.match(report.name, /^teamdiff-report-\d{4}-\d{2}-\d{2}\.html$/);
  const html = report.bytes.toString("utf8");
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, new RegExp(`Findings \\(${count}\\)`));
  assert.equal((html.match(/<svg/g) ?? []).length, 6, "the six charts inline");
  assert.ok(html.includes("Content-Security-Policy"));
  const firstAsk = asks[0].replace(/^Ask: /, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  assert.ok(html.includes(firstAsk), `the report asks: ${firstAsk}`);

  const csv = await downloaded(page, () => page.getByRole("button", { name: "Download findings (CSV)" }).click());
  assert.match(csv.name, /^teamdiff-findings-.*\.csv$/);
  const text = csv.bytes.toString("utf8");
  assert.match(text, /^Tripwire,Team,Subject,Person,Severity,Norm,Observed,Evidence,Why,Question to ask\r?\n/);
  assert.ok(text.includes("quiet_contributor"));
  const records = text.split(/\r?\n(?=[a-z_]+,)/).filter((l) => l.trim()).length - 1;
  assert.equal(records, count, "one CSV record per finding");
  assertPrivate();
  await context.close();
});

test("each chart downloads as SVG and as PNG", async () => {
  const { page, context, assertPrivate } = await openDeviations();
  const panel = page.locator('[data-chart="quiet_days"]');
  const svg = await downloaded(page, () => panel.getByRole("button", { name: "Download SVG" }).click());
  assert.equal(svg.name, "teamdiff-quiet_days.svg");
  assert.match(svg.bytes.toString("utf8"), /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const png = await downloaded(page, () => panel.getByRole("button", { name: "Download PNG" }).click());
  assert.equal(png.name, "teamdiff-quiet_days.png");
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
  const width = png.bytes.readUInt32BE(16);
  assert.ok(width >= 1000, `drawn at twice the chart's size: ${width}px`);
  assertPrivate();
  await context.close();
});

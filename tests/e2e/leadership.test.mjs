// The Leadership page: the confidence × autonomy matrix with its four
// quadrants, and each team's position with reasons and interventions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, screenshot, assertAccessible, loadDemo, showPage } from "./harness.mjs";

const suite = useBrowser();

test("the matrix shows the four quadrants and every team, with reasons and interventions", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open();
  await loadDemo(page);
  await showPage(page, "Leadership");
  const chart = page.locator('[data-chart="leadership_matrix"] svg');
  await chart.waitFor();
  const labels = (await chart.locator("text").allTextContents()).map((l) => l.trim()).filter(Boolean);
  for (const quadrant of ["scalable", "selective micromanagement", "micro-mismanagement", "hands-off"]) {
    assert.ok(labels.includes(quadrant), `quadrant label ${quadrant} in ${labels.join(" | ")}`);
  }
  const cards = page.locator("li.leadership-team");
  assert.equal(await cards.count(), 3);
  for (let i = 0; i < 3; i++) {
    const card = cards.nth(i);
    const team = (await card.locator("h3").textContent()) ?? "";
    assert.match(await card.locator(".mode").textContent(), /^(scalable|selective micromanagement|micro-mismanagement|hands-off)$/);
    assert.ok(await card.locator("h4:text('Why') + ul li").count() >= 1, `${team} has reasons`);
    assert.match(await card.locator(".leadership-team__axes").textContent(), /^Confidence \d+% · autonomy \d+%$/);
    const teamName = team.replace(await card.locator(".mode").textContent(), "");
    assert.ok(labels.some((l) => teamName.startsWith(l) || l.startsWith(teamName.slice(0, 20))), `${teamName} is drawn on the matrix`);
  }
  const interventions = page.locator("li.leadership-team h4:text('Interventions') + ul li");
  assert.ok(await interventions.count() >= 1, "the demo has an active intervention");
  assert.match(await interventions.first().textContent(), /exit criterion: .+ \S+\.csv:\d+$/);

  await page.getByText("Show as a table").click();
  assert.equal(await page.locator('[data-chart="leadership_matrix"] table tbody tr').count(), 3);
  const tableModes = await page.locator('[data-chart="leadership_matrix"] table tbody tr td:nth-child(4)').allTextContents();
  assert.deepEqual(tableModes, await cards.locator(".mode").allTextContents(), "the table reads like the cards");
  await assertAccessible(page, "Leadership");
  await screenshot(page, "leadership");
  await page.setViewportSize({ width: 1920, height: 1080 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "fits 1920×1080");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

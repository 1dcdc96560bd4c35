// Unvetted text stays inert: files whose names, titles, summaries and
// reasons are markup are loaded, every page is visited, and no element,
// attribute or dialog may come of it, in the page or the exported report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useBrowser, dropFiles, fixture, showPage } from "./harness.mjs";

const suite = useBrowser();

const HOSTILE = ["hostile_teams.csv", "hostile_roster.csv", "hostile_pull_requests.csv", "hostile_updates.csv", "hostile_interventions.csv"];
const PAGES = ["Load", "Model", "Deviations", "Shareholders", "Org digest", "Leadership"];

/** Elements and attributes the app never writes itself; any is an injection. */
function injected(root) {
  const found = [];
  for (const el of root.querySelectorAll("img, iframe, object, embed, foreignObject, textarea, b")) found.push(`<${el.localName}>`);
  for (const el of root.querySelectorAll("script")) if (!el.src?.endsWith("/boot.js")) found.push("<script>");
  for (const el of root.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.localName}[${attr.name}]`);
      if (/^\s*javascript:/i.test(attr.value)) found.push(`${el.localName}[${attr.name}=javascript:]`);
    }
  }
  return found;
}

test("hostile names, titles and summaries stay text on every page and in the report", async () => {
  const { page, context, assertPrivate } = await suite.open();
  const dialogs = [];
  page.on("dialog", (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  const files = await Promise.all(HOSTILE.map(async (name) => ({ name, bytes: await fixture("e2e", name) })));
  await dropFiles(page, files);
  await page.waitForFunction((n) => document.querySelector('[data-testid="summary-files"]')?.textContent === String(n), HOSTILE.length);

  for (const title of PAGES) {
    await showPage(page, title);
    await page.waitForTimeout(100);
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
    await page.mouse.move(400, 400);
    const found = await page.evaluate(`(${injected.toString()})(document)`);
    assert.deepEqual(found, [], `nothing injected on the ${title} page`);
  }
  // The hostile text is shown, as text.
  await showPage(page, "Deviations");
  const shown = await page.locator("main").textContent();
  assert.ok(shown.includes("</svg><script>alert(1)</script>"), "the hostile team name is visible as text");
  assert.ok(shown.includes("<svg onload=alert(5)>#2"), "the hostile repository is visible as text");
  const svgText = await page.locator(".chart-panel svg text").allTextContents();
  assert.ok(svgText.some((t) => t.includes("<img") || t.includes("</svg>")), "chart labels carry the hostile text as text");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download report (HTML)" }).click()]);
  const report = await readFile(await download.path(), "utf8");
  assert.doesNotMatch(report, /<script/i);
  const inReport = await page.evaluate(`(${injected})(new DOMParser().parseFromString(${JSON.stringify(report)}, "text/html"))`);
  assert.deepEqual(inReport, [], "nothing injected in the report");
  assert.ok(report.includes("&lt;/svg&gt;&lt;script&gt;alert(10)&lt;/script&gt;"), "the hostile reason is in the report, escaped");
  assert.deepEqual(dialogs, [], "no script ran");
  assertPrivate();
  await context.close();
});

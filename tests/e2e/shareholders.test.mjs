// The Shareholders page with the demo org: the grid's four quadrants, a
// stakeholder dragged with the mouse and one moved with the arrow keys (the
// table alternative follows), and the grid saved as SVG and PNG.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useBrowser, screenshot, assertAccessible, loadDemo, showPage } from "./harness.mjs";

const suite = useBrowser();

async function openShareholders(viewport) {
  const app = await suite.open(viewport ? { viewport } : {});
  await loadDemo(app.page);
  await showPage(app.page, "Shareholders");
  await app.page.getByRole("heading", { name: "Shareholders", exact: true }).waitFor();
  return app;
}

const table = (page) => page.getByRole("table", { name: "Stakeholders: power and interest" });
/** [name, quadrant, power cell] of every placed stakeholder, in grid order. */
const rows = (page) =>
  table(page).locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)).filter((cells) => cells[2] !== "not rated"));

/** Polls the table alternative until `check(rows)` holds. */
async function rowsWhen(page, check) {
  for (let tries = 0; tries < 100; tries += 1) {
    const current = await rows(page);
    if (check(current)) return current;
    await page.waitForTimeout(100);
  }
  throw new Error(`the table never changed as expected: ${JSON.stringify(await rows(page))}`);
}

test("the grid shows four labelled quadrants and contact drift", async () => {
  const { page, context, assertPrivate, consoleErrors } = await openShareholders({ width: 1920, height: 1080 });
  const grid = page.getByRole("img", { name: /Power-interest grid/ });
  const svg = grid.locator("svg");
  await svg.waitFor();
  for (const label of ["manage closely", "keep satisfied", "keep informed", "monitor"]) {
    assert.equal(await svg.locator("text", { hasText: label }).count() >= 1, true, `quadrant ${label}`);
  }
  const placed = await rows(page);
  assert.ok(placed.length >= 4);
  assert.equal(await svg.locator('circle[r="6"]').count(), placed.length, "one current mark per stakeholder");
  const drifting = placed.filter((cells) => cells[7] === "yes").length;
  assert.ok(drifting > 0, "the demo has contact drift");
  assert.equal(await svg.locator('circle[stroke-width="3"]').count(), drifting, "a ring per drifting stakeholder");
  await page.getByText(`Contact drift (${drifting}):`).waitFor();
  await assertAccessible(page, "Shareholders");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a stakeholder dragged with the mouse is re-rated, initial position kept", async () => {
  const { page, context, assertPrivate } = await openShareholders();
  const svg = page.getByRole("img", { name: /Power-interest grid/ }).locator("svg");
  await svg.waitFor();
  const before = await rows(page);
  const index = before.findIndex((cells) => cells[2] !== "manage closely");
  assert.ok(index >= 0, "someone outside manage closely");
  const dot = await svg.locator('circle[r="6"]').nth(index).boundingBox();
  const box = await svg.boundingBox();
  await page.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.3, { steps: 8 });
  await page.mouse.up();
  const after = await rowsWhen(page, (current) => current[index][2] === "manage closely");
  assert.equal(after[index][0], before[index][0], "same stakeholder");
  assert.equal(after[index][2], "manage closely");
  const [initial, current] = after[index][3].split(" → ");
  assert.notEqual(initial, current, "power moved, the initial rating is kept beside it");
  assert.equal(await svg.locator('circle[r="5"]').count(), 1, "a hollow mark at the initial position");
  await page.getByRole("button", { name: "Undo 1 re-rating" }).waitFor();
  // The workshop's outcome leaves as a stakeholders.csv teamdiff reads back.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download re-rated stakeholders.csv" }).click();
  const download = await downloading;
  assert.equal(download.suggestedFilename(), "stakeholders-after-workshop.csv");
  const lines = (await readFile(await download.path(), "utf8")).trim().split("\n");
  assert.equal(lines[0], "name,role,power,interest,last_contact,file_power,file_interest");
  const movedRow = lines.find((line) => line.startsWith(`${before[index][0]},`));
  assert.ok(movedRow, `a row for ${before[index][0]}`);
  const [, , power, interest, , filePower, fileInterest] = movedRow.split(",");
  assert.ok(Number(power) > 0.5 && Number(interest) > 0.5, `now high power and interest: ${movedRow}`);
  assert.ok(power !== filePower || interest !== fileInterest, "the file's rating is kept beside it");
  await screenshot(page, "shareholders");
  assertPrivate();
  await context.close();
});

test("the arrow keys move the chosen stakeholder, and the grid downloads as SVG and PNG", async () => {
  const { page, context, assertPrivate } = await openShareholders();
  const before = await rows(page);
  const index = before.findIndex((cells) => cells[2] === "manage closely" || cells[2] === "keep satisfied");
  assert.ok(index >= 0, "someone with high power");
  const name = before[index][0];
  const button = page.getByRole("list", { name: "Stakeholders to re-rate" }).getByRole("button", { name: new RegExp(`^${name}:`) });
  await button.focus();
  for (let i = 0; i < 11; i += 1) await page.keyboard.press("ArrowDown");
  const after = await rowsWhen(page, (current) => /keep informed|monitor/.test(current[index][2]));
  assert.match(after[index][2], /keep informed|monitor/);
  assert.equal(await button.getAttribute("aria-pressed"), "true");
  assert.match(await page.getByRole("status").filter({ hasText: name }).textContent(), /power \d+%/);

  const svgDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download SVG" }).click();
  const svgFile = await svgDownload;
  assert.equal(svgFile.suggestedFilename(), "stakeholder-grid.svg");
  const text = await readFile(await svgFile.path(), "utf8");
  assert.match(text, /^<svg/);
  assert.match(text, /manage closely/);
  assert.equal((text.match(/r="5"/g) ?? []).length, 1, "the exported grid shows the re-rating");

  const pngDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download PNG" }).click();
  const pngFile = await pngDownload;
  assert.equal(pngFile.suggestedFilename(), "stakeholder-grid.png");
  const png = await readFile(await pngFile.path());
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], "a real PNG");
  assertPrivate();
  await context.close();
});

test("presenter mode hides the stakeholders' names on the grid, the list and the table", async () => {
  const { page, context, assertPrivate } = await openShareholders();
  const names = (await rows(page)).map((cells) => cells[0]);
  await page.getByRole("button", { name: /^Presenter mode/ }).click();
  await page.waitForFunction((all) => all.every((name) => !document.body.textContent.includes(name)), names);
  const shown = (await rows(page)).map((cells) => cells[0]);
  assert.ok(shown.every((label) => /^Person /.test(label)), shown.join(", "));
  const svgText = await page.getByRole("img", { name: /Power-interest grid/ }).locator("svg").textContent();
  assert.ok(names.every((name) => !svgText.includes(name)), "no name inside the chart either");
  assertPrivate();
  await context.close();
});

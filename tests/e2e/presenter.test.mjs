// Presenter mode: one control, obvious when on, and no individual's name
// anywhere in the DOM on any page, including tables, tooltips and charts.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, fixture, screenshot, assertAccessible, loadDemo, showPage } from "./harness.mjs";

const suite = useBrowser();
let people;
before(async () => {
  // Every person the demo names; kept current by `cargo test --test demo_people`.
  people = JSON.parse(await fixture("e2e", "demo_people.json"));
});

const PAGES = ["Load", "Model", "Deviations", "Shareholders", "Org digest", "Leadership"];

/** Names found in the page's markup, attributes included, ignoring case. */
async function namesShown(page) {
  const markup = (await page.evaluate(() => document.body.innerHTML)).toLowerCase();
  return people.filter((name) => markup.includes(name.toLowerCase()));
}

test("presenter mode leaves no person's name on any page, and names return when it is off", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open();
  await loadDemo(page);
  await showPage(page, "Deviations");
  await page.locator("li.finding").first().waitFor();
  assert.ok((await namesShown(page)).length > 0, "names show while presenter mode is off");

  const toggle = page.getByRole("button", { name: /Presenter mode/ });
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  assert.match(await toggle.textContent(), /ON \(names hidden\)/);
  assert.equal(await page.locator("header.topbar--presenter").count(), 1, "the header shows it is on");
  // The worker pseudonymises; wait for its snapshot.
  await page.locator(".finding__title", { hasText: /Person [A-Z]\d+/ }).first().waitFor();

  for (const title of PAGES) {
    await showPage(page, title);
    await page.waitForTimeout(50);
    if (title === "Deviations") await screenshot(page, "presenter");
    // Open every table alternative and disclosure: hidden text counts too.
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
    assert.deepEqual(await namesShown(page), [], `no name on the ${title} page`);
  }
  await showPage(page, "Deviations");
  await assertAccessible(page, "Deviations in presenter mode");

  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await page.waitForFunction(() => !/Person [A-Z]\d+/.test(document.querySelector("main").textContent));
  assert.ok((await namesShown(page)).length > 0, "names are back");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("in presenter mode the report and the CSV carry pseudonyms only", async () => {
  const { page, context, assertPrivate } = await suite.open();
  await loadDemo(page);
  await page.getByRole("button", { name: /Presenter mode/ }).click();
  await showPage(page, "Deviations");
  await page.locator(".finding__title", { hasText: /Person [A-Z]\d+/ }).first().waitFor();
  for (const button of ["Download report (HTML)", "Download findings (CSV)"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
    const text = (await (await import("node:fs/promises")).readFile(await download.path(), "utf8")).toLowerCase();
    assert.deepEqual(people.filter((name) => text.includes(name.toLowerCase())), [], `no name in ${download.suggestedFilename()}`);
    assert.match(text, /person [a-z]\d+/);
    if (button.includes("HTML")) assert.match(text, /presenter mode/);
  }
  assertPrivate();
  await context.close();
});

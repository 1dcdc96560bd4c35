// The Model page with the demo org: edit a flavor and a norm and watch the
// findings follow, export the model and import it back, refuse a broken
// model file by name while the model stays, and keep nothing on the device
// unless asked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useBrowser, screenshot, assertAccessible, loadDemo, showPage } from "./harness.mjs";

const suite = useBrowser();

async function openDemoModel() {
  const app = await suite.open();
  const { page } = app;
  await loadDemo(page);
  await showPage(page, "Model");
  await page.getByRole("heading", { name: "Model", exact: true }).waitFor();
  return app;
}

const openFindings = async (page) => Number(await page.getByTestId("open-findings").textContent());
/** Waits until the open-findings count differs from `before`. */
const findingsChangeFrom = (page, before) =>
  page.waitForFunction((n) => Number(document.querySelector('[data-testid="open-findings"]')?.textContent) !== n, before);

test("editing a flavor and a norm changes the model and the findings", async () => {
  const { page, context, assertPrivate, consoleErrors } = await openDemoModel();
  const flavor = page.getByLabel("Flavor of Bedrock");
  assert.equal(await flavor.inputValue(), "infra");
  const quiet = page.getByLabel("Bedrock: Quiet days without a merged PR (days)");
  assert.equal(await quiet.inputValue(), "14");
  const before = await openFindings(page);

  // Infra tolerates 14 quiet days; greenfield only 7: Hugo's 10 now fire.
  await flavor.selectOption("greenfield");
  await findingsChangeFrom(page, before);
  assert.equal(await quiet.inputValue(), "7");
  assert.ok((await openFindings(page)) > before, "a stricter flavor opens findings");
  const row = page.getByRole("row", { name: /^Bedrock/ });
  assert.match(await row.textContent(), /greenfield default/);

  // A team's own value beats its flavor, and says so.
  const afterFlavor = await openFindings(page);
  await quiet.fill("30");
  await quiet.press("Tab");
  await findingsChangeFrom(page, afterFlavor);
  assert.equal(await quiet.inputValue(), "30");
  assert.match(await row.textContent(), /team's own \(greenfield default 7\)/);

  // Out of range: refused at the field, the model keeps 30.
  await quiet.fill("0");
  await quiet.press("Tab");
  await page.getByText("Quiet days without a merged PR must be a whole number from 1 to 365; not changed.").waitFor();
  assert.equal(await quiet.getAttribute("aria-invalid"), "true");

  // Back to the flavor default.
  await page.getByRole("button", { name: "reset Bedrock: Quiet days without a merged PR to the greenfield default 7" }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Bedrock: Quiet days without a merged PR (days)"]')?.value === "7");
  assert.equal(await openFindings(page), afterFlavor);
  await screenshot(page, "model");
  await assertAccessible(page, "Model");

  assert.equal(await page.evaluate(() => localStorage.length), 0, "nothing is stored without opting in");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a custom flavor is made from a preset, edited, given to a team, and removed once unused", async () => {
  const { page, context, assertPrivate, consoleErrors } = await openDemoModel();
  const flavors = page.getByRole("region", { name: "Flavors" });
  await flavors.getByLabel("New flavor", { exact: true }).fill("Research");
  await flavors.getByLabel("Base the new flavor on").selectOption("infra");
  await flavors.getByRole("button", { name: "Add flavor" }).click();
  const quiet = page.getByLabel("research flavor: Quiet days without a merged PR (days)");
  await quiet.waitFor();
  assert.equal(await quiet.inputValue(), "14", "starts as a copy of infra");
  await quiet.fill("21");
  await quiet.press("Tab");
  await page.waitForFunction(() =>
    document.querySelector('[aria-label="research flavor: Quiet days without a merged PR (days)"]')?.value === "21");

  // A team under the new flavor takes its norms.
  await page.getByLabel("Flavor of Bedrock").selectOption("research");
  await page.waitForFunction(() => document.querySelector('[aria-label="Bedrock: Quiet days without a merged PR (days)"]')?.value === "21");
  assert.match(await page.getByRole("row", { name: /^Bedrock/ }).textContent(), /research default/);

  // In use: refused, by name. Unused: gone.
  await flavors.getByRole("button", { name: "Remove the research flavor" }).click();
  await page.getByRole("alert").getByText(/`research` is still the flavor of Bedrock/).waitFor();
  await page.getByLabel("Flavor of Bedrock").selectOption("infra");
  await page.waitForFunction(() => document.querySelector('[aria-label="Bedrock: Quiet days without a merged PR (days)"]')?.value === "14");
  await flavors.getByRole("button", { name: "Remove the research flavor" }).click();
  await quiet.waitFor({ state: "detached" });

  // The contact cadence is part of the model too.
  const closely = page.getByLabel("Manage closely");
  assert.equal(await closely.inputValue(), "30");
  await closely.fill("10");
  await closely.press("Tab");
  await page.waitForFunction(() => document.getElementById("cadence-manage_closely_days")?.value === "10");
  await assertAccessible(page, "Model with a custom flavor");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("suggestions from history can be accepted", async () => {
  const { page, context, assertPrivate } = await openDemoModel();
  await page.getByRole("button", { name: "Suggest from history" }).click();
  const table = page.getByRole("table", { name: "Norms proposed from history" });
  await table.waitFor();
  const accept = table.getByRole("button", { name: /^Accept / }).first();
  const label = await accept.getAttribute("aria-label");
  // "Accept 9 days for Comet: Quiet days without a merged PR"
  const [, value, team, norm] = label.match(/^Accept (\d+)\D*? for (.+?): (.+)$/);
  await accept.click();
  const input = page.getByLabel(new RegExp(`^${team}: ${norm.replace(/[()]/g, "\\$&")}`));
  await page.waitForFunction(([t, n, v]) => {
    const field = [...document.querySelectorAll("input[type=number]")].find((i) => i.getAttribute("aria-label")?.startsWith(`${t}: ${n}`));
    return field?.value === v;
  }, [team, norm, value]);
  assert.equal(await input.inputValue(), value);
  assert.match(await page.getByRole("row", { name: new RegExp(`^${team}`) }).first().textContent(), /team's own/);
  await assertAccessible(page, "Model with suggestions");
  assertPrivate();
  await context.close();
});

test("the model exports, re-imports, and a broken file is refused while the model stays", async () => {
  const { page, context, assertPrivate } = await openDemoModel();
  const flavor = page.getByLabel("Flavor of Ledger");
  await flavor.selectOption("greenfield");
  await page.waitForFunction(() => document.querySelector('[aria-label="Flavor of Ledger"]')?.value === "greenfield");

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export teamdiff-model.json" }).click();
  const download = await downloading;
  assert.equal(download.suggestedFilename(), "teamdiff-model.json");
  const exported = await readFile(await download.path(), "utf8");
  const model = JSON.parse(exported);
  assert.equal(model.format, "teamdiff-model");
  assert.equal(model.teams.Ledger.flavor, "greenfield");

  // Change it, then import the exported file: back to what was exported.
  await flavor.selectOption("infra");
  await page.waitForFunction(() => document.querySelector('[aria-label="Flavor of Ledger"]')?.value === "infra");
  await page.setInputFiles("#model-import", { name: "teamdiff-model.json", mimeType: "application/json", buffer: Buffer.from(exported) });
  await page.waitForFunction(() => document.querySelector('[aria-label="Flavor of Ledger"]')?.value === "greenfield");

  // A broken file: a clear message naming it; the model is untouched.
  const broken = exported.replace('"flavor": "greenfield"', '"flavor": "rocket"');
  await page.setInputFiles("#model-import", { name: "broken-model.json", mimeType: "application/json", buffer: Buffer.from(broken) });
  const alert = page.getByRole("alert").getByText(/^broken-model\.json was not loaded: .*rocket.*Your current model is unchanged\./);
  await alert.waitFor();
  assert.equal(await flavor.inputValue(), "greenfield");
  await page.setInputFiles("#model-import", { name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{ not json") });
  await page.getByRole("alert").getByText(/^notes\.json was not loaded: line 1, column \d+: not valid JSON/).waitFor();
  assert.equal(await flavor.inputValue(), "greenfield");
  assertPrivate();
  await context.close();
});

test("the model is remembered only after opting in, and Forget everything erases it", async () => {
  const { page, context, assertPrivate } = await openDemoModel();
  await page.getByLabel("Flavor of Comet").selectOption("legacy");
  await page.waitForFunction(() => document.querySelector('[aria-label="Flavor of Comet"]')?.value === "legacy");
  assert.equal(await page.evaluate(() => localStorage.length), 0);

  const remember = page.getByLabel("Remember my model on this device");
  assert.equal(await remember.isChecked(), false, "off by default");
  await remember.check();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("teamdiff.model") ?? "{}").teams?.Comet?.flavor === "legacy");

  // A new visit starts with the remembered model, before any file is loaded.
  await page.reload();
  await showPage(page, "Model");
  await page.waitForFunction(() => document.querySelector('[aria-label="Flavor of Comet"]')?.value === "legacy");
  assert.equal(await page.getByLabel("Remember my model on this device").isChecked(), true);

  // Loading the demo now must not overwrite the remembered model with the demo's.
  await showPage(page, "Load");
  await page.getByRole("button", { name: "Try the demo organization" }).click();
  await showPage(page, "Model");
  await page.waitForFunction(() => document.querySelector('[aria-label="Flavor of Comet"]')?.value === "greenfield");
  await page.getByText("The demo organization's model is not saved").waitFor();
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem("teamdiff.model")).teams.Comet.flavor), "legacy");

  await showPage(page, "Load");
  await page.getByRole("button", { name: "Forget everything" }).click();
  await page.waitForFunction(() => localStorage.length === 0);
  await showPage(page, "Model");
  assert.equal(await page.getByLabel("Remember my model on this device").isChecked(), false);
  assert.equal(await page.getByLabel("Flavor of Comet").count(), 0, "the model is gone too");
  assertPrivate();
  await context.close();
});

test("a deviation accepted on the Deviations page is listed on the Model page and can be revoked", async () => {
  const { page, context, assertPrivate } = await openDemoModel();
  const before = await openFindings(page);
  await showPage(page, "Deviations");
  const first = page.locator("li.finding").first();
  await first.getByText("Accept as allowed…").click();
  await first.getByLabel("Why it is allowed").fill("Agreed in the March offsite");
  await first.getByRole("button", { name: "Accept as allowed" }).click();
  await page.locator("table.accepted").waitFor();

  await showPage(page, "Model");
  const accepted = page.locator("table.accepted");
  assert.match(await accepted.textContent(), /Agreed in the March offsite/);
  assert.equal(await openFindings(page), before - 1, "the accepted finding no longer counts");
  await accepted.getByRole("button", { name: /^Revoke the accepted / }).click();
  await page.waitForFunction(() => document.querySelector("table.accepted") === null);
  assert.equal(await openFindings(page), before, "revoked: it fires again");
  assertPrivate();
  await context.close();
});

test("in presenter mode the model shows no names and is not exported", async () => {
  const { page, context, assertPrivate } = await openDemoModel();
  await showPage(page, "Deviations");
  const first = page.locator("li.finding[data-tripwire='quiet_contributor']").first();
  const subject = (await first.locator(".finding__subject").textContent()).trim();
  await first.getByText("Accept as allowed…").click();
  await first.getByLabel("Why it is allowed").fill(`${subject} is on leave`);
  await first.getByRole("button", { name: "Accept as allowed" }).click();
  await page.locator("table.accepted").waitFor();
  await showPage(page, "Model");
  await page.getByLabel("Remember my model on this device").check();
  await page.waitForFunction(() => localStorage.getItem("teamdiff.model") !== null);

  await page.getByRole("button", { name: /^Presenter mode/ }).click();
  await page.waitForFunction((name) => !document.body.textContent.includes(name), subject);
  assert.match(await page.locator("table.accepted").textContent(), /Person /);
  assert.equal(await page.getByRole("button", { name: "Export teamdiff-model.json" }).isDisabled(), true);
  await page.getByLabel("Flavor of Ledger").selectOption("infra");
  await page.waitForFunction(() => document.querySelector('[aria-label="Flavor of Ledger"]')?.value === "infra");
  const stored = await page.evaluate(() => localStorage.getItem("teamdiff.model"));
  assert.ok(stored.includes(subject), "what is remembered keeps the real names, never pseudonyms");
  assertPrivate();
  await context.close();
});

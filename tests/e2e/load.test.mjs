// The vertical slice, as a person sees it: drop a PR export, read the
// summary, see the chart; bad files are refused by name and change nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useBrowser, dropFiles, fixture, screenshot, assertAccessible, showPage } from "./harness.mjs";

const suite = useBrowser();

const summaryValue = (page, name) => page.getByTestId(`summary-${name}`).textContent();
/** Waits until the summary shows `expected` for `name`. */
const summaryShows = (page, name, expected) =>
  page.waitForFunction(([testId, value]) => document.querySelector(`[data-testid="${testId}"]`)?.textContent === value,
    [`summary-${name}`, expected]);

test("the CSP forbids every connection", async () => {
  const { page, context, assertPrivate } = await suite.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:/);
  // A fetch from the page itself must be refused by the browser.
  const fetched = await page.evaluate(() => fetch("https://example.com/").then(() => "sent", (e) => `refused: ${e}`));
  assert.match(fetched, /^refused/);
  assertPrivate();
  await context.close();
});

test("dropping a pull-request CSV shows the summary and the merged-per-week chart", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open();
  await dropFiles(page, [{ name: "pull_requests.csv", bytes: await fixture("e2e", "pull_requests.csv") }]);
  await page.getByRole("heading", { name: "Summary" }).waitFor();
  assert.equal(await summaryValue(page, "files"), "1");
  assert.equal(await summaryValue(page, "rows"), "40");
  assert.equal(await summaryValue(page, "people"), "5");
  const row = page.getByRole("row", { name: /pull_requests\.csv/ });
  assert.match(await row.textContent(), /40\s*40\s*0/);
  const chart = page.getByRole("img", { name: /merged pull requests per week/i });
  await chart.locator("svg").waitFor();
  const bars = await chart.locator("svg rect").count();
  assert.ok(bars >= 8, `expected a bar per week, found ${bars} rects`);
  await screenshot(page, "load-pull-requests");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("left alone, the worker warms up on its throwaway drop, and a drop after it reads as usual", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open();
  // A new worker's wasm memory is 1.5 MB; the warm-up's drop of the medium
  // demo (engine::warm_up) grows it to about 11. The page posts its settings
  // to every new worker as it starts: the warm-up must not take them for a
  // drop and stop.
  const workerMemory = async () => Math.max(0, ...await Promise.all(page.workers().map((worker) =>
    worker.evaluate(() => globalThis.teamdiffWasmMemory?.buffer.byteLength ?? 0).catch(() => 0))));
  const deadline = Date.now() + 20_000;
  while ((await workerMemory()) < 5e6 && Date.now() < deadline) await page.waitForTimeout(100);
  assert.ok((await workerMemory()) >= 5e6, `the worker's wasm memory stayed at ${await workerMemory()} bytes`);
  await dropFiles(page, [{ name: "pull_requests.csv", bytes: await fixture("e2e", "pull_requests.csv") }]);
  await summaryShows(page, "rows", "40");
  assert.equal(await summaryValue(page, "files"), "1");
  assert.equal(await summaryValue(page, "people"), "5");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the file picker is reachable by keyboard and loads the same file", async () => {
  const { page, context, assertPrivate } = await suite.open();
  const picker = page.locator("label[role=button]", { hasText: /drop csv or json exports here/i });
  const chooser = page.waitForEvent("filechooser");
  // A round trip to the page, so Playwright's file-chooser interception is in
  // place before the key press (otherwise the native dialog may win the race).
  await page.evaluate(() => 0);
  await picker.focus();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "button");
  await page.keyboard.press("Enter");
  await (await chooser).setFiles({
    name: "pull_requests.csv", mimeType: "text/csv", buffer: await fixture("e2e", "pull_requests.csv"),
  });
  await page.getByTestId("summary-rows").waitFor();
  assert.equal(await summaryValue(page, "rows"), "40");
  assertPrivate();
  await context.close();
});

test("bad files are refused by name and earlier files stay loaded", async () => {
  const { page, context, assertPrivate } = await suite.open();
  await dropFiles(page, [{ name: "pull_requests.csv", bytes: await fixture("e2e", "pull_requests.csv") }]);
  await page.getByTestId("summary-rows").waitFor();
  for (const name of ["binary.csv", "empty.csv", "notes.txt"]) {
    await dropFiles(page, [{ name, bytes: await fixture("e2e", name) }]);
    const alert = page.getByRole("alert").getByText(new RegExp(`Could not load ${name.replace(".", "\\.")}`));
    await alert.waitFor();
  }
  assert.equal(await summaryValue(page, "files"), "1");
  assert.equal(await summaryValue(page, "rows"), "40");
  await screenshot(page, "load-refused");
  // The app still works after refusals.
  await dropFiles(page, [{ name: "again.csv", bytes: await fixture("e2e", "pull_requests.csv") }]);
  await summaryShows(page, "files", "2");
  assertPrivate();
  await context.close();
});

test("the demo organization loads without any file", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open({ viewport: { width: 1920, height: 1080 } });
  await page.getByRole("button", { name: "Try the demo organization" }).click();
  await summaryShows(page, "teams", "3");
  assert.ok(Number(await summaryValue(page, "people")) >= 15);
  await page.getByRole("img", { name: /merged pull requests per week/i }).locator("svg").waitFor();
  await screenshot(page, "demo");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("every teamdiff template can be downloaded", async () => {
  const { page, context, assertPrivate } = await suite.open();
  await page.getByText("Templates for what no tool exports").click();
  const buttons = page.getByRole("button", { name: /^Download the .+\.csv template$/ });
  assert.equal(await buttons.count(), 12, "one per template");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the stakeholders.csv template" }).click();
  const download = await downloading;
  assert.equal(download.suggestedFilename(), "stakeholders.csv");
  const text = await readFile(await download.path(), "utf8");
  assert.match(text, /^name,role,power,interest,last_contact\n/);
  assertPrivate();
  await context.close();
});

test("a file with unknown headers is mapped by the user, then loads", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open();
  await dropFiles(page, [{ name: "people.csv", bytes: await fixture("e2e", "people_unknown_headers.csv") }]);
  const form = page.getByRole("form", { name: "people.csv: which columns are which?" });
  await form.waitFor();
  assert.match(await page.getByRole("row", { name: /people\.csv/ }).textContent(), /unknown/);
  // The suggestion, shown for the user to check.
  assert.equal(await form.getByLabel("This file holds").inputValue(), "roster");
  assert.equal(await form.getByLabel("Full Name").inputValue(), "person");
  assert.equal(await form.getByLabel("Teem").inputValue(), "team", "a weak match: suggested, not loaded");
  // Each column shows what it holds, so the user can judge the guess.
  const fullNameRow = form.getByRole("row", { name: /Full Name/ });
  assert.match(await fullNameRow.getByRole("cell").first().textContent(), /Cleo Park\s*Dev Rao/);
  // The user corrects one guess by hand, and asks to remember the mapping.
  await form.getByLabel("Job Role").selectOption("");
  await form.getByLabel("Job Role").selectOption("role");
  await form.getByLabel("Remember this mapping for files with these headers").check();
  await screenshot(page, "load");
  await assertAccessible(page, "Load with the mapping step");
  await form.getByRole("button", { name: "Load with this mapping" }).click();
  await summaryShows(page, "people", "3");
  const row = page.getByRole("row", { name: /people\.csv/ });
  assert.match(await row.textContent(), /roster\s*3\s*3\s*0/);
  await row.getByText("3 mapped").click();
  assert.match(await row.textContent(), /Full Name → person/);
  assert.equal(await page.getByRole("form").count(), 0, "the mapping step is done");

  // Remembered for this session: the same headers load at once.
  await dropFiles(page, [{ name: "people-again.csv", bytes: await fixture("e2e", "people_unknown_headers.csv") }]);
  await summaryShows(page, "files", "2");
  assert.match(await page.getByRole("row", { name: /people-again\.csv/ }).textContent(), /roster/);
  assert.equal(await page.evaluate(() => localStorage.length), 0, "remembered in this tab only: no opt-in to storage");

  // Forgotten one by one: the same headers ask again.
  const remembered = page.getByRole("region", { name: "Remembered column mappings" });
  assert.match(await remembered.textContent(), /roster from Full Name, Teem, Job Role/);
  await remembered.getByRole("button", { name: /Forget the mapping: roster/ }).click();
  await remembered.waitFor({ state: "detached" });
  await dropFiles(page, [{ name: "people-third.csv", bytes: await fixture("e2e", "people_unknown_headers.csv") }]);
  await page.getByRole("form", { name: "people-third.csv: which columns are which?" }).waitFor();
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
test("a long load shows progress and can be cancelled without losing earlier files", async () => {
  const { page, context, assertPrivate } = await suite.open();
  await dropFiles(page, [{ name: "pull_requests.csv", bytes: await fixture("e2e", "pull_requests.csv") }]);
  await summaryShows(page, "rows", "40");
  // ~60 MB of pull requests, built in the page (shipping it over the wire
  // protocol would take longer than the load): long enough to press Cancel.
  const dataTransfer = await page.evaluateHandle(() => {
    const header = "number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n";
    const parts = [header];
    for (let n = 0; n < 520_000; n++) {
      parts.push(`${n},big/repo,"A long, quoted title for change ${n}",Person ${n % 500},2026-03-01T10:00:00Z,2026-03-02T10:00:00Z,,merged,,Reviewer ${n % 97}\n`);
    }
    const transfer = new DataTransfer();
    transfer.items.add(new File(parts, "huge.csv", { type: "text/csv" }));
    return transfer;
  });
  await page.dispatchEvent(".drop-zone", "drop", { dataTransfer });
  const progress = page.getByRole("status").filter({ hasText: /huge\.csv/ });
  await progress.waitFor();
  assert.match(await progress.textContent(), /(Reading|Analysing) huge\.csv … \d+%/);
  await page.getByRole("button", { name: "Cancel loading" }).click();
  await progress.waitFor({ state: "detached" });
  // The earlier file is replayed into a fresh worker; the cancelled one is gone.
  await summaryShows(page, "files", "1");
  assert.equal(await summaryValue(page, "rows"), "40");
  assert.equal(await page.getByRole("row", { name: /huge\.csv/ }).count(), 0);
  assertPrivate();
  await context.close();
});

test("a 200 MB export loads whole, without crashing the tab", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open();
  // Built in the page, like the cancel test: 1.7 million pull requests.
  const rows = 1_700_000;
  const bytes = await page.evaluate((count) => {
    const header = "number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n";
    const parts = [header];
    for (let n = 0; n < count; n++) {
      const day = String(1 + (n % 28)).padStart(2, "0");
      parts.push(`${n},big/repo,"A long, quoted title for change ${n}",Person ${n % 500},2026-03-${day}T10:00:00Z,2026-03-${day}T18:00:00Z,,merged,,Reviewer ${n % 97}\n`);
    }
    const file = new File(parts, "two-hundred-megabytes.csv", { type: "text/csv" });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    window.__bigDrop = transfer;
    return file.size;
  }, rows);
  assert.ok(bytes > 200 * 1024 * 1024, `${bytes} bytes`);
  await page.evaluate(() => {
    const zone = document.querySelector(".drop-zone");
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: window.__bigDrop, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction((expected) => document.querySelector('[data-testid="summary-rows"]')?.textContent === expected,
    String(rows), { timeout: 240_000, polling: 500 });
  await page.getByRole("img", { name: "Bar chart: merged pull requests per week" }).waitFor();
  await page.locator(".progress").waitFor({ state: "detached", timeout: 240_000 });
  // Still a working page: another page opens (no roster, so no teams).
  await showPage(page, "Org digest");
  await page.getByRole("table", { name: /^Org digest: 0 teams\./ }).waitFor();
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

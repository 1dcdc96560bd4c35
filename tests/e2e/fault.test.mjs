// A worker that dies (a panic, or a trap such as running out of memory) is
// reported with the file and line it was on, replaced, and replayed without
// that file: the page stays usable and nothing loaded before is lost. A
// model change shows a busy state with Cancel, and one that never ends can
// be cancelled. The failures are forced through the test hooks that
// `#test-hooks` installs (src/ui/bridge.rs); nothing else can cause them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, dropFiles, fixture, showPage } from "./harness.mjs";

const suite = useBrowser();

const summaryShows = (page, name, expected) =>
  page.waitForFunction(([testId, value]) => document.querySelector(`[data-testid="${testId}"]`)?.textContent === value,
    [`summary-${name}`, expected]);

/** Drops files through the test hook, asking the worker to fail with `fault`. */
async function dropWithFault(page, files, fault) {
  const payload = files.map(({ name, bytes }) => ({ name, base64: Buffer.from(bytes).toString("base64") }));
  await page.evaluate(([items, fault]) => {
    const files = items.map(({ name, base64 }) => new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: "text/csv" }));
    window.__teamdiffTestHooks.dropFiles(files, fault);
  }, [payload, fault]);
}

async function openWithOneFile() {
  const opened = await suite.open({ hash: "#test-hooks" });
  await dropFiles(opened.page, [{ name: "pull_requests.csv", bytes: await fixture("e2e", "pull_requests.csv") }]);
  await summaryShows(opened.page, "rows", "40");
  return opened;
}

test("the test hooks exist only when asked for", async () => {
  const { page, context } = await suite.open();
  assert.equal(await page.evaluate(() => typeof window.__teamdiffTestHooks), "undefined");
  await context.close();
});

test("a worker that panics on a file names the file and line, keeps earlier files and loads the next", async () => {
  const { page, context, assertPrivate } = await openWithOneFile();
  const prs = await fixture("e2e", "pull_requests.csv");
  await dropWithFault(page, [{ name: "crash.csv", bytes: prs }], "panic");
  const report = page.getByRole("alert").getByText(/Could not load crash\.csv:/);
  await report.waitFor();
  assert.match(await report.textContent(),
    /crash\.csv:41:0: the analysis stopped while reading this file near this line: an internal error: panicked at .*a fault the tests asked for/);
  // The replacement worker replayed what was loaded; the crashed file is not among it.
  await page.locator(".progress").waitFor({ state: "detached" });
  await summaryShows(page, "files", "1");
  assert.equal(await page.getByTestId("summary-rows").textContent(), "40");
  assert.equal(await page.getByRole("row", { name: /crash\.csv/ }).count(), 0);
  await dropFiles(page, [{ name: "again.csv", bytes: prs }]);
  await summaryShows(page, "files", "2");
  assert.equal(await page.getByTestId("summary-rows").textContent(), "80");
  assertPrivate();
  await context.close();
});

test("a trap without a panic message (as out of memory gives) is recovered the same way, and the rest of the drop loads", async () => {
  const { page, context, assertPrivate } = await openWithOneFile();
  const prs = await fixture("e2e", "pull_requests.csv");
  await dropWithFault(page, [{ name: "first.csv", bytes: prs }, { name: "second.csv", bytes: prs }], "abort");
  const report = page.getByRole("alert").getByText(/Could not load first\.csv:/);
  await report.waitFor();
  assert.match(await report.textContent(), /most likely ran out of memory/);
  await summaryShows(page, "files", "2");
  assert.equal(await page.getByRole("row", { name: /second\.csv/ }).count(), 1);
  assert.equal(await page.getByRole("row", { name: /first\.csv/ }).count(), 0);
  assertPrivate();
  await context.close();
});

test("a model change that never ends shows a busy state with Cancel, on any page", async () => {
  const { page, context, assertPrivate } = await openWithOneFile();
  await showPage(page, "Model");
  await page.evaluate(() => window.__teamdiffTestHooks.change(JSON.stringify({ type: "show_suggestions", on: true }), "hang"));
  const busy = page.getByRole("status").filter({ hasText: "Updating every view" });
  await busy.waitFor();
  await page.getByRole("button", { name: "Cancel this change" }).click();
  await busy.waitFor({ state: "detached" });
  // A fresh worker replayed the loaded file; the hung change was dropped.
  await showPage(page, "Load");
  await summaryShows(page, "rows", "40");
  await dropFiles(page, [{ name: "again.csv", bytes: await fixture("e2e", "pull_requests.csv") }]);
  await summaryShows(page, "files", "2");
  assertPrivate();
  await context.close();
});

test("a model change that panics is named, not applied, and the page carries on", async () => {
  const { page, context, assertPrivate } = await openWithOneFile();
  await page.evaluate(() => window.__teamdiffTestHooks.change(JSON.stringify({ type: "show_suggestions", on: true }), "panic"));
  const report = page.getByRole("alert").getByText(/The analysis stopped while suggesting norms from history/);
  await report.waitFor();
  assert.match(await report.textContent(), /That change was not applied, and teamdiff restarted it with everything loaded before\./);
  await showPage(page, "Model");
  await page.getByRole("heading", { name: "Model", exact: true }).waitFor();
  await showPage(page, "Load");
  await summaryShows(page, "rows", "40");
  assertPrivate();
  await context.close();
});

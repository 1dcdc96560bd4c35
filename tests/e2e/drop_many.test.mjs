// Dropping several files at once: one load, one snapshot, one summary; a
// refused file in the drop is named and is not replayed after a cancel,
// while the drop's good files are.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, dropFiles, fixture } from "./harness.mjs";

const suite = useBrowser();

const summaryShows = (page, name, expected) =>
  page.waitForFunction(([testId, value]) => document.querySelector(`[data-testid="${testId}"]`)?.textContent === value,
    [`summary-${name}`, expected]);

test("a drop of several files loads them together and names the one refused", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open();
  const prs = await fixture("e2e", "pull_requests.csv");
  await dropFiles(page, [
    { name: "first.csv", bytes: prs },
    { name: "empty.csv", bytes: await fixture("e2e", "empty.csv") },
    { name: "second.csv", bytes: prs },
  ]);
  await summaryShows(page, "files", "2");
  assert.equal(await page.getByTestId("summary-rows").textContent(), "80");
  // The pull requests are read first (engine::dispatch::reading_order), so
  // the summary can show both before empty.csv is tried: count the
  // refusals once the drop is done.
  await page.locator(".progress").waitFor({ state: "detached" });
  const refusals = page.getByRole("alert").getByText(/Could not load empty\.csv/);
  assert.equal(await refusals.count(), 1);

  // Cancelling a later load replays what was loaded into a fresh worker: the
  // drop's two good files come back, the refused one is not tried again.
  const dataTransfer = await page.evaluateHandle(() => {
    const rows = ["number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n"];
    for (let n = 0; n < 400_000; n++) rows.push(`${n},r,"Title ${n}",P ${n % 50},2026-03-01T10:00:00Z,,,open,,\n`);
    const transfer = new DataTransfer();
    transfer.items.add(new File(rows, "huge.csv", { type: "text/csv" }));
    return transfer;
  });
  await page.dispatchEvent(".drop-zone", "drop", { dataTransfer });
  await page.getByRole("status").filter({ hasText: /huge\.csv/ }).waitFor();
  await page.getByRole("button", { name: "Cancel loading" }).click();
  // The worker runs jobs in order, so once a later drop shows, the replay is done.
  await dropFiles(page, [{ name: "third.csv", bytes: prs }]);
  await summaryShows(page, "files", "3");
  assert.equal(await page.getByTestId("summary-rows").textContent(), "120");
  assert.equal(await refusals.count(), 1, "the refused file is not replayed");
  assert.equal(await page.getByRole("row", { name: /huge\.csv/ }).count(), 0);
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

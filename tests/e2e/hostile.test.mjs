// Hostile files after a good one, as an unlucky or malicious user would
// drop them: a sample of the malformed corpus (tests/fixtures/malformed/)
// and a multi-megabyte file of tiny rows ending in one huge cell, built in
// the page. Each is reported with its file and line; the page stays
// responsive and keeps the good file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, dropFiles, fixture, showPage } from "./harness.mjs";

const suite = useBrowser();

/**
 * Waits until the page reports `name` with a line: as a refusal, or as a
 * warning on its row of the file list.
 */
async function reportedWithLine(page, name) {
  const located = new RegExp(`${name.replace(/\./g, "\\.")}:[1-9]\\d*:\\d+: `);
  await page.waitForFunction((source) => {
    const pattern = new RegExp(source);
    const shown = [...document.querySelectorAll(".refusal, table.files tr")].map((e) => e.textContent);
    return shown.some((text) => pattern.test(text));
  }, located.source, { timeout: 120_000 });
}

test("hostile files are reported by file and line, and the page keeps the good file and stays usable", async () => {
  const { page, context, assertPrivate } = await suite.open();
  const prs = await fixture("e2e", "pull_requests.csv");
  await dropFiles(page, [{ name: "pull_requests.csv", bytes: prs }]);
  await page.getByTestId("summary-rows").waitFor();

  const sample = ["06_binary_nul.csv", "08_json_truncated.json", "19_unclosed_quote.csv", "33_huge_cell.csv"];
  await dropFiles(page, await Promise.all(sample.map(async (name) => ({ name, bytes: await fixture("malformed", name) }))));
  await page.getByRole("alert").getByText(/Could not load 06_binary_nul\.csv/).waitFor();
  for (const name of sample.slice(1)) await reportedWithLine(page, name);

  // Tiny rows make ingest expect millions of them; then one 20 MB cell.
  await page.evaluate(() => {
    const parts = ["pr,reviewer,state,submitted_at\n"];
    for (let n = 0; n < 200_000; n++) parts.push(`${n},a,,2026-03-01\n`);
    parts.push(`200000,a,,${"9".repeat(20_000_000)}\n`);
    const transfer = new DataTransfer();
    transfer.items.add(new File(parts, "tiny-rows-huge-cell.csv", { type: "text/csv" }));
    document.querySelector(".drop-zone").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await reportedWithLine(page, "tiny-rows-huge-cell.csv");
  await page.locator(".progress").waitFor({ state: "detached", timeout: 120_000 });

  // The good file is still there, whole, and the page still works.
  assert.match(await page.getByRole("row", { name: /pull_requests\.csv/ }).textContent(), /40\s*40\s*0/);
  await showPage(page, "Org digest");
  await page.getByRole("table", { name: /^Org digest:/ }).waitFor();
  await showPage(page, "Load");
  const files = Number(await page.getByTestId("summary-files").textContent());
  await dropFiles(page, [{ name: "again.csv", bytes: prs }]);
  await page.waitForFunction((before) => document.querySelector('[data-testid="summary-files"]')?.textContent === String(before + 1), files);
  assertPrivate();
  await context.close();
});

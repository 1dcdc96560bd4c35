// One person across tools: a roster names Ana Reyes, the GitHub export only
// her login `areyes`. The Load page lists `areyes` as matching nobody, with
// Ana as the suggestion; one click confirms it, and her PRs then count for
// her (her open PR's finding moves to her team, she is no longer "quiet").
// Undo puts it back. The files are built here, dated relative to today.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, dropFiles, screenshot, assertAccessible, showPage } from "./harness.mjs";

const suite = useBrowser();

const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");

// As a people tool exports it: display names, emails, a GitHub column that
// is filled for some people only.
const roster = [
  "Name,Team,Role,Email,GitHub",
  "Ana Reyes,Atlas,Software Engineer,ana.reyes@corp.example,",
  "Ben Okafor,Atlas,Senior Software Engineer,ben.okafor@corp.example,bokafor",
  "Chen Wei,Atlas,Engineering Manager,chen.wei@corp.example,cwei",
].join("\r\n") + "\r\n";

// `gh pr list --json number,title,author,createdAt,mergedAt,closedAt,state,reviewRequests,reviews`
const prs = JSON.stringify([
  { number: 311, title: "Retry card charges on 502", author: { login: "areyes", is_bot: false }, state: "MERGED",
    createdAt: daysAgo(4), mergedAt: daysAgo(2), closedAt: daysAgo(2), reviewRequests: [],
    reviews: [{ author: { login: "bokafor" }, state: "APPROVED", submittedAt: daysAgo(3) }] },
  { number: 312, title: "Idempotency keys for refunds", author: { login: "areyes", is_bot: false }, state: "OPEN",
    createdAt: daysAgo(8), mergedAt: null, closedAt: null, reviewRequests: [{ login: "bokafor" }], reviews: [] },
  { number: 305, title: "Ledger export", author: { login: "bokafor", is_bot: false }, state: "MERGED",
    createdAt: daysAgo(30), mergedAt: daysAgo(1), closedAt: daysAgo(1), reviewRequests: [],
    reviews: [{ author: { login: "cwei" }, state: "APPROVED", submittedAt: daysAgo(29) }] },
], null, 2);

const finding = (page, tripwire) => page.locator(`li.finding[data-tripwire="${tripwire}"]`);

test("an unmatched GitHub login is confirmed as its roster person in one click, and her findings follow", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open();
  await dropFiles(page, [
    { name: "people.csv", bytes: roster },
    { name: "prs.json", bytes: prs, type: "application/json" },
  ]);
  const heading = page.getByRole("heading", { name: "Names that match nobody on the roster (1)" });
  await heading.waitFor();
  const unmatched = page.getByTestId("unmatched-identity");
  assert.equal(await unmatched.count(), 1);
  assert.match(await unmatched.textContent(), /areyes\s+PR author · first in prs\.json:\d+ · 2 rows/);
  const confirm = page.getByRole("button", { name: "Confirm: areyes is Ana Reyes" });
  assert.match(await confirm.locator("xpath=..").textContent(), /Confirm: areyes is Ana Reyes\s*Atlas · login fits the name/);
  await assertAccessible(page, "Load with an unmatched name");
  await screenshot(page, "load-identities");

  // Before: her open PR waits under "(not on roster)", and Ana looks quiet.
  await showPage(page, "Deviations");
  await finding(page, "slow_first_review").first().waitFor();
  assert.match(await finding(page, "slow_first_review").textContent(), /by areyes has had no review/);
  assert.equal(await finding(page, "quiet_contributor").filter({ hasText: "Ana Reyes" }).count(), 1);

  await showPage(page, "Load");
  await page.getByRole("button", { name: "Confirm: areyes is Ana Reyes" }).click();
  const confirmed = page.getByTestId("confirmed-identity");
  await confirmed.waitFor();
  assert.match(await confirmed.textContent(), /areyes is Ana Reyes \(Atlas\)/);
  assert.equal(await page.getByTestId("unmatched-identity").count(), 0);
  await page.getByText("Every name in the files now matches a roster person.").waitFor();
  await assertAccessible(page, "Load with a confirmed match");

  // After: the PR is Ana's, in Atlas, and her merge counts.
  await showPage(page, "Deviations");
  const waiting = finding(page, "slow_first_review").filter({ hasText: "by Ana Reyes has had no review" });
  await waiting.waitFor();
  const team = await waiting.locator("xpath=ancestor::*[contains(@class,'team-findings')]/h3").first().textContent();
  assert.match(team, /Atlas/);
  assert.equal(await finding(page, "quiet_contributor").filter({ hasText: "Ana Reyes" }).count(), 0);
  assert.equal(await finding(page, "slow_first_review").filter({ hasText: "areyes" }).count(), 0);
  await screenshot(page, "deviations-after-identity");

  // The Model page shows where the data is: Atlas has all three PRs now.
  await showPage(page, "Model");
  await page.getByText(/^Show coverage of \d+ teams? \(\d+ with not enough data/).click();
  const atlas = page.getByTestId("coverage-row").filter({ has: page.getByRole("rowheader", { name: "Atlas" }) });
  await atlas.waitFor();
  assert.match(await atlas.textContent(), /Atlas\s*3\s*3\s*\d{4}-\d\d-\d\d – /);
  await screenshot(page, "model-coverage");

  // Undo: the name is unmatched again and Ana is quiet again.
  await showPage(page, "Load");
  await page.getByRole("button", { name: "Undo: areyes is Ana Reyes" }).click();
  await page.getByTestId("unmatched-identity").waitFor();
  assert.equal(await page.getByTestId("confirmed-identity").count(), 0);

  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("presenter mode shows the list with pseudonyms only", async () => {
  const { page, context, assertPrivate } = await suite.open();
  await dropFiles(page, [
    { name: "people.csv", bytes: roster },
    { name: "prs.json", bytes: prs, type: "application/json" },
  ]);
  await page.getByTestId("unmatched-identity").waitFor();
  await page.getByRole("button", { name: /Presenter mode/ }).click();
  // The worker pseudonymises; wait for its snapshot.
  await page.locator(".identity__name", { hasText: /Person [A-Z]\d+/ }).waitFor();
  const text = await page.locator("section.identities").textContent();
  for (const name of ["areyes", "Ana Reyes", "Ana"]) assert.ok(!text.includes(name), `${name} in ${text}`);
  assert.match(text, /Person /);
  // Confirming by the shown names still works.
  await page.locator(".identity__confirm").first().click();
  await page.getByTestId("confirmed-identity").waitFor();
  assert.ok(!(await page.getByTestId("confirmed-identity").textContent()).includes("Reyes"));
  assertPrivate();
  await context.close();
});

// As of any date: the date control in the frame re-evaluates every view as
// the organisation stood on a past day (a finding planted 18 days ago does
// not exist 30 days back), says what it had to approximate, refuses a day
// after today, and comes back to today. Then the findings-over-time chart
// streams in after the first snapshot, on a team's detail and the digest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, screenshot, assertAccessible, showPage } from "./harness.mjs";

const suite = useBrowser();

/** The local date `days` before today, as the date input writes it. */
function daysAgo(days) {
  const day = new Date();
  day.setDate(day.getDate() - days);
  const pad = (n) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

const incident = (page) => page.locator('li.finding[data-tripwire="postmortem_gap"]', { hasText: "INC-2041" });

test("a past as-of day hides what did not exist yet, a future day is refused, and today comes back", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open({ hash: "#test-hooks" });
  await page.evaluate(() => window.__teamdiffTestHooks.dropDemo("small"));
  await page.getByTestId("summary-files").waitFor();
  await showPage(page, "Deviations");
  await incident(page).waitFor();
  const before = await page.locator("li.finding").count();
  const control = page.getByLabel("As of:");
  assert.equal(await control.inputValue(), daysAgo(0));
  assert.equal(await page.locator(".as-of__today").textContent(), "(today)");

  // INC-2041's postmortem is dated 18 days ago: 30 days ago it was not written.
  // `fill` fires the change event a person's pick does.
  await control.fill(daysAgo(30));
  await page.locator(".as-of__note").waitFor();
  await page.waitForFunction(() => !document.querySelector(".topbar .as-of__today"));
  await incident(page).waitFor({ state: "detached" });
  assert.equal(await incident(page).count(), 0, "the incident had not happened yet");
  assert.match(await page.locator(".as-of__note").textContent(), /approximated from created and resolved dates/);
  assert.ok((await page.locator("li.finding").count()) < before, "fewer findings then");
  assert.equal(await control.inputValue(), daysAgo(30));
  await screenshot(page, "asof-past");
  await assertAccessible(page, "Deviations as of a past day");

  // A day after today is refused here, by name, and nothing changes.
  await control.fill(daysAgo(-3));
  const error = page.locator(".as-of__error");
  await error.waitFor();
  assert.match(await error.textContent(), new RegExp(`${daysAgo(-3)} is after today`));
  assert.equal(await incident(page).count(), 0, "still as of the past day");
  assert.equal(await control.inputValue(), daysAgo(30), "the control still shows the day in use");

  await page.getByRole("button", { name: "Back to today" }).click();
  await incident(page).waitFor();
  await page.locator(".as-of__today").waitFor();
  assert.equal(await page.locator(".as-of__error").count(), 0);
  assert.equal(await page.locator(".as-of__note").count(), 0);
  assert.equal(await page.locator("li.finding").count(), before);
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("findings over time stream in after the first chart, on a team's detail and the digest", async () => {
  const { page, context, assertPrivate, consoleErrors } = await suite.open({ hash: "#test-hooks" });
  await page.evaluate(() => window.__teamdiffTestHooks.dropDemo("small"));
  await page.getByTestId("summary-files").waitFor();
  await showPage(page, "Deviations");
  const ledger = page.locator(".team-findings", { has: page.getByRole("button", { name: /^Ledger \(\d+\)$/ }) });
  await ledger.waitFor();
  if ((await ledger.locator(".team-findings__toggle").getAttribute("aria-expanded")) !== "true") {
    await ledger.locator(".team-findings__toggle").click();
  }
  const trend = ledger.locator('[data-chart="findings_over_time_team"] svg');
  await trend.waitFor({ timeout: 30_000 });
  assert.equal(await trend.locator("circle").count(), 26, "a point per week");
  assert.ok((await trend.locator("text").allTextContents()).some((t) => t.includes("Open findings per week: Ledger")));
  await screenshot(page, "asof-team-trend");

  await showPage(page, "Org digest");
  const digest = page.locator('[data-chart="findings_over_time"] svg');
  await digest.waitFor();
  assert.equal(await digest.locator("circle").count(), 26);
  await screenshot(page, "asof-digest-trend");
  await assertAccessible(page, "Org digest with findings over time");
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

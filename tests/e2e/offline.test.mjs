// After the first visit the app starts with no network at all, from the
// service worker's cache of its own files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./harness.mjs";

const suite = useBrowser();

test("the app starts and works offline after one visit", async () => {
  const { page, context, requests, assertPrivate, consoleErrors } = await suite.open();
  // Installed, activated and in control of this page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith("teamdiff-")));
    return (await cache.keys()).map((request) => new URL(request.url).pathname).sort();
  });
  assert.deepEqual(cached, [
    "/teamdiff/", "/teamdiff/boot.js", "/teamdiff/crash-report.js", "/teamdiff/index.html", "/teamdiff/parser.js", "/teamdiff/style.css", "/teamdiff/sw.js",
    "/teamdiff/teamdiff.js", "/teamdiff/teamdiff_bg.wasm.js", "/teamdiff/worker.js",
  ], "only the app's own files are cached");

  await context.setOffline(true);
  const reloaded = await page.reload();
  assert.equal(reloaded.fromServiceWorker(), true, "the page itself came from the cache");
  await page.getByText("Offline: nothing leaves this device").waitFor();
  // The worker starts from the cache too: the demo loads and is analysed.
  await page.getByRole("button", { name: "Try the demo organization" }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="summary-teams"]')?.textContent === "3");
  assert.ok(requests.length > 0);
  assertPrivate();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// Shared e2e harness: a static server for dist/ (mounted under a sub-path, as
// a real host would), Debian's Chromium via playwright-core, a privacy guard
// that records every request, and helpers that drop real files.
import { createServer } from "node:http";
import { readFile, stat, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, extname, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, "..", "..");
export const distDir = join(repoRoot, "dist");
export const screenshotDir = join(repoRoot, "docs", "screenshots");
/** The app is served here, not at /, so relative URLs are exercised. */
export const mountPath = "/teamdiff/";

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

/** Serves dist/ on 127.0.0.1 at an ephemeral port. */
export async function startServer() {
  if (!existsSync(join(distDir, "index.html"))) throw new Error(`no ${distDir}/index.html: run trunk build first`);
  const served = new Set();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(mountPath)) {
      response.writeHead(404).end();
      return;
    }
    let relative = normalize(url.pathname.slice(mountPath.length)).replace(/^(\.\.[/\\])+/, "");
    if (relative === "" || relative === ".") relative = "index.html";
    const path = join(distDir, relative);
    try {
      if (!(await stat(path)).isFile()) throw new Error("not a file");
      const body = await readFile(path);
      served.add(url.pathname);
      response.writeHead(200, { "content-type": contentTypes[extname(path)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: origin + mountPath, served, close: () => new Promise((r) => server.close(r)) };
}

/** `extraArgs`: more Chromium switches (the benchmark adds precise memory info). */
export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--no-first-run", "--disable-sync", "--disable-quic", "--disable-features=MediaRouter,OptimizationHints",
      ...extraArgs,
    ],
  });
}

/**
 * Opens the app and records every request the page, its workers and its
 * service worker make. `assertPrivate()` fails on anything that is not one
 * of the app's own static files (or an in-page data:/blob: URL).
 * `hash: "#test-hooks"` opens it with `window.__teamdiffTestHooks`
 * (src/ui/bridge.rs), which can make the worker fail on purpose.
 */
export async function openApp(browser, server, { viewport = { width: 1366, height: 768 }, hash = "" } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const requests = [];
  const record = (request) => requests.push(request.url());
  context.on("request", record);
  const page = await context.newPage();
  page.on("request", record);
  page.on("worker", (worker) => worker.on("console", () => {}));
  const consoleErrors = [];
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(server.url + hash);
  await page.getByText("Offline: nothing leaves this device").waitFor();

  const assertPrivate = () => {
    const foreign = requests.filter((raw) => {
      const url = new URL(raw);
      if (url.protocol === "data:" || url.protocol === "blob:") return false;
      if (url.origin !== server.origin) return true;
      const relative = url.pathname === mountPath ? "index.html" : url.pathname.slice(mountPath.length);
      return !url.pathname.startsWith(mountPath) || !existsSync(join(distDir, relative));
    });
    if (foreign.length > 0) throw new Error(`the page made requests beyond its own static files:\n${foreign.join("\n")}`);
    return requests.length;
  };
  return { context, page, requests, consoleErrors, assertPrivate };
}

/** Drops files on the drop zone through a real DataTransfer, as a person would. */
export async function dropFiles(page, files) {
  const payload = files.map(({ name, bytes, type }) => ({
    name, type: type ?? "text/csv", base64: Buffer.from(bytes).toString("base64"),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const { name, type, base64 } of items) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type }));
    }
    return transfer;
  }, payload);
  await page.dispatchEvent(".drop-zone", "dragover", { dataTransfer });
  await page.dispatchEvent(".drop-zone", "drop", { dataTransfer });
}

export async function fixture(...parts) {
  return readFile(join(repoRoot, "tests", "fixtures", ...parts));
}

/**
 * Saves `docs/screenshots/NAME.png`: the whole page by default, only the
 * first screen with `{ fullPage: false }`, or one element with `{ element }`
 * (a locator), for the README where a whole 200-team page is too tall.
 */
export async function screenshot(page, name, { fullPage = true, element } = {}) {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  if (element) {
    await element.screenshot({ path });
  } else {
    await page.screenshot({ path, fullPage });
  }
}

/**
 * Runs axe-core on the page as it is now and fails on serious or critical
 * violations, listing each rule with the first offending elements.
 */
export async function assertAccessible(page, label = "page") {
  const source = await readFile(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
  // The app's CSP forbids inline <script> (so addScriptTag fails); evaluating
  // through the DevTools protocol is not subject to it.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`);
  });
  if (violations.length > 0) throw new Error(`axe found serious/critical violations on ${label}:\n${violations.join("\n")}`);
}

/** Loads the built-in demo organisation from the Load page and waits for it. */
export async function loadDemo(page) {
  await page.getByRole("button", { name: "Try the demo organization" }).click();
  await page.getByTestId("summary-files").waitFor();
}

/** Clicks a page tab, as a person would. */
export async function showPage(page, title) {
  await page.getByRole("navigation", { name: "Pages" }).getByRole("button", { name: title, exact: true }).click();
}

/**
 * One server and one browser for the calling test file, started before its
 * tests and closed after them. `suite.open(options)` is `openApp` on them.
 */
export function useBrowser() {
  const suite = {
    server: null,
    browser: null,
    open: (options) => openApp(suite.browser, suite.server, options),
  };
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

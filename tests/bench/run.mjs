// Drives the in-browser benchmark headless: serves dist/ (the real app,
// under /teamdiff/ with its own CSP), the bench page and the data files
// written by the native bench, then
//   1. runs teamdiff's wasm pipeline, udsv, papaparse and DuckDB-wasm
//      (loading each file into a table) on the same bytes, and fails on any
//      request beyond this server;
//   2. drops the org2k files on the REAL app page and times drop → first
//      chart and drop → everything loaded, records the longest main-thread
//      task (PerformanceObserver "longtask") and samples memory;
//   3. with org2k still loaded, opens every page, scrolls it to the end,
//      sorts the digest and filters and expands the deviations, and records
//      each page's open time (click → next frame), DOM size and the longest
//      main-thread task of the whole tour (`nav_longest_task_ms`).
// Usage: node run.mjs --data DIR --out FILE [--size medium|org2k]... [--runs N] [--app-runs N]
//                     [--engines teamdiff,teamdiff_cold,udsv,papaparse,duckdb] [--dist DIR] [--no-parsers]
//                     [--no-pages] [--memory-timeline] [--js-flags V8_FLAGS] [--drop-after MS]
// teamdiff runs in a fresh worker that first does what the app's worker does when it starts, the warm-up
// drop of `engine::warm_up`; teamdiff_cold leaves that out: the difference is what V8's tiering (baseline
// code until the optimised is ready) would cost a worker's first drop.
// (--dist and --engines compare builds, e.g. opt-level 3 against "s"; --app-runs 0 skips the app;
// `--no-parsers --app-runs 1` is the quick way to measure only the pages while working on them.)
import { createServer } from "node:http";
import { readFile, writeFile, stat } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { launchBrowser, distDir, repoRoot } from "../e2e/harness.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const dataDir = option("--data", join(repoRoot, "target", "bench-data"));
const outFile = option("--out", join(repoRoot, "target", "bench-browser.json"));
const sizes = args.flatMap((a, i) => (args[i - 1] === "--size" ? [a] : []));
const runs = Number(option("--runs", "3"));
const appRuns = Number(option("--app-runs", "3"));
const engines = option("--engines", "teamdiff,teamdiff_cold,udsv,papaparse,duckdb").split(",");
const dist = option("--dist", distDir);
const parsers = !args.includes("--no-parsers");
const tourPages = !args.includes("--no-pages");
// Prints each sample of the workers' wasm memory with its time since the drop: where in a drop memory grows.
const memoryTimeline = args.includes("--memory-timeline");
// The app's drop waits this long after the page is ready: the app's worker warms up when it starts (`engine::warm_up`),
// and a drop that comes at once waits for the rest of it.
const dropAfterMs = Number(option("--drop-after", "0"));
const benchDir = join(repoRoot, "tests", "bench");

const contentTypes = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json", ".csv": "text/csv",
};
const mounts = [["/teamdiff/", dist], ["/bench/", benchDir], ["/data/", dataDir]];

function startServer() {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, "http://127.0.0.1");
    const mount = mounts.find(([prefix]) => pathname.startsWith(prefix));
    if (!mount) return response.writeHead(404).end();
    let relative = normalize(decodeURIComponent(pathname.slice(mount[0].length))).replace(/^(\.\.[/\\])+/, "");
    if (relative === "" || relative === ".") relative = "index.html";
    const path = join(mount[1], relative);
    try {
      if (!(await stat(path)).isFile()) throw new Error("not a file");
      response.writeHead(200, { "content-type": contentTypes[extname(path)] ?? "application/octet-stream" });
      response.end(await readFile(path));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ origin: `http://127.0.0.1:${server.address().port}`, server })));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function parserBench(browser, origin, size) {
  const context = await browser.newContext();
  // Nothing but this server: DuckDB-wasm is served from node_modules, and
  // any reach for extensions or the network fails the run.
  const elsewhere = [];
  context.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)) elsewhere.push(url);
  });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && console.error(`bench page: ${m.text()}`));
  page.on("pageerror", (e) => console.error(`bench page: ${e}`));
  await page.goto(`${origin}/bench/`);
  await page.waitForFunction(() => typeof window.runBench === "function");
  page.on("console", (m) => m.type() === "log" && console.log(m.text()));
  const summary = await page.evaluate((options) => window.runBench(options), { size, runs, engines });
  await context.close();
  if (elsewhere.length) throw new Error(`the bench page reached beyond ${origin}: ${elsewhere.join(", ")}`);
  return summary;
}

/** One drop of every file of `size` on the real app; see the header. */
async function appRun(browser, origin, size) {
  const dir = join(dataDir, size);
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
  // A file manager hands over a selection sorted by name.
  const paths = manifest.files.map((f) => join(dir, f.name)).sort();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, ms: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  const page = await context.newPage();
  const workers = [];
  page.on("worker", (worker) => workers.push(worker));
  page.on("pageerror", (e) => console.error(`app: ${e}`));
  await page.goto(`${origin}/teamdiff/`);
  await page.getByText("Offline: nothing leaves this device").waitFor();
  await page.waitForFunction(() => globalThis.teamdiffWasmMemory !== undefined);
  // Real, disk-backed File objects, exactly what a drop hands over.
  await page.evaluate(() => {
    const input = Object.assign(document.createElement("input"), { type: "file", multiple: true, id: "bench-files", hidden: true });
    document.body.append(input);
  });
  // A person takes a moment to drop files after the page opens; the benchmark drops at once (see --drop-after).
  if (dropAfterMs > 0) await page.waitForTimeout(dropAfterMs);
  await page.setInputFiles("#bench-files", paths);

  // Two samplers: the page answers at once, the worker only between tasks
  // (its wasm memory only grows, so late samples still see its peak).
  const pageSamples = [];
  const workerSamples = [];
  let sampling = true;
  const every = async (sample) => {
    while (sampling) {
      await sample().catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const sampledSince = performance.now();
  const samplers = Promise.all([
    every(async () => pageSamples.push(await page.evaluate(() => ({
      js: performance.memory?.usedJSHeapSize ?? 0, wasm: globalThis.teamdiffWasmMemory?.buffer.byteLength ?? 0,
    })))),
    every(async () => {
      const all = await Promise.all(workers.map((w) => w.evaluate(() => ({
        js: self.performance?.memory?.usedJSHeapSize ?? null, wasm: self.teamdiffWasmMemory?.buffer.byteLength ?? 0,
        // The engine worker's parse pool (src/ui/parse_pool.rs): the most wasm memory its parsers held at
        // once, as they reported it (they end with each drop, so a sample could miss them alive).
        pool: self.teamdiffPoolWasmMemory ?? 0,
      })).catch(() => null)));
      workerSamples.push(all.filter(Boolean));
      if (memoryTimeline) {
        const wasm = all.filter(Boolean).map((w) => (w.wasm / 1e6).toFixed(0)).join(" + ");
        console.log(`  ${(performance.now() - sampledSince).toFixed(0)} ms: worker wasm ${wasm} MB`);
      }
    }),
  ]);

  await page.evaluate((fileCount) => {
    const bench = (window.__bench = { start: 0, firstChart: null, loaded: null, reading: 0, analysing: 0, checking: 0, lastProgress: 0 });
    let stage = null;
    let stageSince = 0;
    const check = () => {
      const now = performance.now();
      // Where the time goes: the progress label says "Reading …" or "Analysing …".
      const label = document.querySelector(".progress label")?.textContent ?? null;
      const current = label?.startsWith("Reading") ? "reading" : label?.startsWith("Analysing") ? "analysing"
        : label?.startsWith("Checking") ? "checking" : null;
      if (current !== stage) {
        if (stage) bench[stage] += now - stageSince;
        if (stage) bench.lastProgress = now - bench.start;
        stage = current;
        stageSince = now;
      }
      if (bench.firstChart === null && document.querySelector("figure.chart svg")) bench.firstChart = now - bench.start;
      const files = document.querySelector('[data-testid="summary-files"]')?.textContent;
      if (bench.loaded === null && files === String(fileCount) && !document.querySelector(".progress")) {
        bench.loaded = now - bench.start;
      }
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
    const transfer = new DataTransfer();
    for (const file of document.getElementById("bench-files").files) transfer.items.add(file);
    const zone = document.querySelector(".drop-zone");
    bench.start = performance.now();
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, paths.length);
  await page.waitForFunction(() => window.__bench.loaded !== null, null, { timeout: 600_000, polling: 250 });
  // Let the last chart draw and any trailing long task finish.
  // (With --memory-timeline, long enough for the findings history the worker computes next.)
  await page.waitForTimeout(memoryTimeline ? 8000 : 500);
  sampling = false;
  await samplers;
  const result = await page.evaluate(() => {
    const { start, firstChart, loaded, reading, analysing, checking, lastProgress } = window.__bench;
    const tasks = window.__longTasks.filter((t) => t.start + t.ms >= start);
    return {
      firstChart, loaded, longestTask: Math.max(0, ...tasks.map((t) => t.ms)), longTasks: tasks.length,
      // Seen on the page: time showing "Reading", "Analysing", and from the last progress to the first chart
      // (model, tripwires, view-models, the snapshot's trip to the page and its first render).
      phases: { reading, analysing, checking, after_progress: loaded - lastProgress },
    };
  });
  const peak = (list, pick) => Math.max(0, ...list.map(pick));
  const sum = (list, pick) => list.reduce((total, item) => total + (pick(item) ?? 0), 0);
  const workerJsKnown = workerSamples.some((all) => all.some((w) => w.js !== null));
  const memory = {
    page_js: peak(pageSamples, (s) => s.js),
    page_wasm: peak(pageSamples, (s) => s.wasm),
    worker_js: workerJsKnown ? peak(workerSamples, (all) => sum(all, (w) => w.js)) : null,
    worker_wasm: peak(workerSamples, (all) => sum(all, (w) => w.wasm)),
    pool_wasm: peak(workerSamples, (all) => sum(all, (w) => w.pool)),
    samples: pageSamples.length + workerSamples.length,
  };
  // Peaks of the parts added up: an upper bound on the peak of their sum.
  memory.peak = memory.page_js + memory.page_wasm + (memory.worker_js ?? 0) + memory.worker_wasm + memory.pool_wasm;
  const pages = tourPages ? await pageTour(page) : null;
  await context.close();
  return { ...result, memory, pages };
}

/**
 * With everything loaded: opens each page, scrolls it to the end (so
 * whatever is drawn on scrolling is drawn), and on the way sorts the
 * digest, filters the deviations and opens a team, as a person would.
 * Every long task from the first click to the last counts.
 */
async function pageTour(page) {
  const settle = () => page.waitForTimeout(400);
  await page.evaluate(() => {
    // From `act` to the next painted frame: the main-thread work one click causes.
    window.__toNextFrame = (act) => new Promise((resolve) => {
      const started = performance.now();
      act();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
    });
    window.__tourStart = performance.now();
    window.__elements = () => document.getElementsByTagName("*").length;
    window.__clickTab = (title) => window.__toNextFrame(() =>
      [...document.querySelectorAll("nav.tabs button")].find((b) => b.textContent.trim() === title).click());
  });
  const pages = [];
  const actions = [];
  const act = async (what, script, arg) => {
    const ms = await page.evaluate(script, arg);
    if (ms !== null) actions.push({ what, ms });
    await settle();
  };
  for (const title of ["Model", "Deviations", "Shareholders", "Org digest", "Leadership", "Load"]) {
    const before = await page.evaluate(() => performance.now());
    const openMs = await page.evaluate((t) => window.__clickTab(t), title);
    await settle();
    const elements = await page.evaluate(() => window.__elements());
    // Scroll to the end a screen at a time; lazily drawn parts appear.
    let most = elements;
    for (let step = 0; step < 60; step++) {
      const moved = await page.evaluate(() => {
        const y = window.scrollY;
        window.scrollBy(0, window.innerHeight);
        return window.scrollY !== y;
      });
      await page.waitForTimeout(150);
      most = Math.max(most, await page.evaluate(() => window.__elements()));
      if (!moved) break;
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle();
    if (title === "Org digest") {
      // org2k's teams are grouped: the digest opens on its groups, and the
      // sorts below are the team table's.
      await act("show all teams (the digest opens by group)", () => window.__toNextFrame(() =>
        [...document.querySelectorAll(".view-toggle button")].find((b) => b.textContent.startsWith("All teams")).click()));
      for (const column of ["Open findings", "Last update", "Status", "Flavor", "Open findings", "Team"]) {
        await act(`sort digest by ${column}`, (label) => window.__toNextFrame(() =>
          [...document.querySelectorAll("table.digest thead button")].find((b) => b.textContent.startsWith(label)).click()), column);
      }
    }
    if (title === "Deviations") {
      // `value: null` picks the first real option.
      const choose = ({ name, value }) => window.__toNextFrame(() => {
        const select = document.querySelector(`select[name="${name}"]`);
        select.value = value ?? select.options[1]?.value ?? "";
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await act("filter by tripwire", choose, { name: "tripwire", value: null });
      await act("filter by severity", choose, { name: "severity", value: "high" });
      await act("clear the tripwire filter", choose, { name: "tripwire", value: "" });
      await act("clear the severity filter", choose, { name: "severity", value: "" });
      // Teams start as one line each; open the first.
      await act("open a team", () => {
        const opener = document.querySelector(".team-findings [aria-expanded=false]");
        return opener ? window.__toNextFrame(() => opener.click()) : null;
      });
    }
    const longest = await page.evaluate((since) => Math.max(0, ...window.__longTasks
      .filter((t) => t.start + t.ms >= since).map((t) => t.ms)), before);
    pages.push({ title, open_ms: openMs, elements, most_elements: most, longest_task_ms: longest });
    if (title === "Deviations") console.log(`  ${await page.locator(".deviations .lede").textContent()}`);
    console.log(`  page ${title}: open ${openMs.toFixed(0)} ms, ${elements} elements (most while scrolling ${most}), longest task ${longest.toFixed(0)} ms`);
  }
  for (const a of actions) console.log(`  ${a.what}: ${a.ms.toFixed(0)} ms to the next frame`);
  const longestTask = await page.evaluate(() => Math.max(0, ...window.__longTasks
    .filter((t) => t.start + t.ms >= window.__tourStart).map((t) => t.ms)));
  return { pages, actions, longest_task_ms: longestTask };
}

const { origin, server } = await startServer();
// V8 flags for every page and worker, to see what the engine's tiers cost (e.g. `--js-flags --no-liftoff`).
const jsFlags = option("--js-flags", null);
const browser = await launchBrowser(["--enable-precise-memory-info", ...(jsFlags ? [`--js-flags=${jsFlags}`] : [])]);
const output = { parsers: [], app: null };
try {
  for (const size of parsers ? (sizes.length ? sizes : ["medium", "org2k"]) : []) {
    const summary = await parserBench(browser, origin, size);
    output.parsers.push(summary);
    for (const [engine, r] of Object.entries(summary.engines)) {
      console.log(`browser ${size} ${engine}: median ${r.ms.toFixed(0)} ms (${r.mb_per_s.toFixed(1)} MB/s, ${r.rows} rows)`);
    }
  }
  if (appRuns > 0) {
    const appSize = "org2k";
    const appResults = [];
    for (let i = 0; i < appRuns; i++) {
      const run = await appRun(browser, origin, appSize);
      appResults.push(run);
      console.log(`app ${appSize} run ${i + 1}: first chart ${run.firstChart?.toFixed(0)} ms, all loaded ${run.loaded.toFixed(0)} ms, ` +
        `longest task ${run.longestTask.toFixed(0)} ms (${run.longTasks} long tasks), peak memory ${(run.memory.peak / 1e6).toFixed(0)} MB; ` +
        `reading ${run.phases.reading.toFixed(0)} ms, analysing ${run.phases.analysing.toFixed(0)} ms, ` +
        `checking ${run.phases.checking.toFixed(0)} ms, last progress → everything shown ${run.phases.after_progress.toFixed(0)} ms` +
        (run.pages ? `; page tour: longest task ${run.pages.longest_task_ms.toFixed(0)} ms` : ""));
    }
    const bytes = JSON.parse(await readFile(join(dataDir, appSize, "manifest.json"), "utf8")).files.reduce((s, f) => s + f.bytes, 0);
    output.app = {
      size: appSize,
      bytes,
      ...(dropAfterMs > 0 && { drop_after_ms: dropAfterMs }),
      runs: appResults,
      first_chart_ms: median(appResults.map((r) => r.firstChart)),
      loaded_ms: median(appResults.map((r) => r.loaded)),
      longest_task_ms: median(appResults.map((r) => r.longestTask)),
      peak_memory_bytes: median(appResults.map((r) => r.memory.peak)),
      nav_longest_task_ms: tourPages ? median(appResults.map((r) => r.pages.longest_task_ms)) : null,
      memory_method: appResults[0].memory.worker_js === null
        ? "sum of peaks sampled every 200 ms: page JS heap (performance.memory.usedJSHeapSize, --enable-precise-memory-info) " +
          "+ page wasm memory + worker wasm memory + its parse pool's peak wasm memory; the worker's JS heap is not included (performance.memory does not exist in workers)"
        : "sum of peaks sampled every 200 ms: page and worker JS heaps (performance.memory.usedJSHeapSize) + page and worker wasm memory + the parse pool's peak wasm memory",
    };
  }
} finally {
  await browser.close();
  server.close();
}
await writeFile(outFile, JSON.stringify(output, null, 2));
console.log(`browser results written to ${outFile}`);

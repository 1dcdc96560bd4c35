// Rewrites the generated part of BENCHMARKS.md (between the bench markers)
// from the native and browser results, and prints the summary line last.
// Usage: node report.mjs --native FILE --browser FILE --bundle FILE --machine FILE --command CMD
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "../e2e/harness.mjs";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  if (at < 0) throw new Error(`missing ${name}`);
  return args[at + 1];
};
const native = JSON.parse((await readFile(option("--native"), "utf8")).split("\n").find((l) => l.startsWith("bench-json: ")).slice(12));
const browser = JSON.parse(await readFile(option("--browser"), "utf8"));
const bundle = JSON.parse(await readFile(option("--bundle"), "utf8"));
const machine = JSON.parse(await readFile(option("--machine"), "utf8"));
const command = option("--command");

const mb = (bytes) => (bytes / 1e6).toFixed(1);
const ms = (value) => Math.round(value).toLocaleString("en-US");
const rate = (count, millis) => Math.round(count / (millis / 1000)).toLocaleString("en-US");
const mbps = (bytes, millis) => (bytes / 1e6 / (millis / 1000)).toFixed(1);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const table = (header, rows) =>
  [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

const nativeOf = (size) => native.find((r) => r.size === size);
const browserOf = (size) => browser.parsers.find((r) => r.size === size);
const org2kNative = nativeOf("org2k");
const org2kBrowser = browserOf("org2k");
if (browser.app?.drop_after_ms) throw new Error("run.mjs --drop-after is a diagnostic: the benchmark's drop comes as soon as the page is ready");
const wasm = org2kBrowser.engines.teamdiff;
// The same pipeline in a worker that skipped the app worker's warm-up (`engine::warm_up`).
const cold = org2kBrowser.engines.teamdiff_cold;
const ratio = (value) => value.toFixed(2);
const duckdb = org2kBrowser.engines.duckdb;
const summary = {
  wasm_vs_udsv: ratio(org2kBrowser.engines.udsv.ms / wasm.ms),
  wasm_vs_udsv_cold: cold ? ratio(org2kBrowser.engines.udsv.ms / cold.ms) : "n/a",
  wasm_vs_duckdb: duckdb ? ratio(duckdb.ms / wasm.ms) : "n/a",
  wasm_vs_papaparse: ratio(org2kBrowser.engines.papaparse.ms / wasm.ms),
  wasm_vs_native: ratio(wasm.ms / org2kNative.total_ms),
  first_chart_ms: Math.round(browser.app.first_chart_ms),
  all_loaded_ms: Math.round(browser.app.loaded_ms),
  longest_task_ms: Math.round(browser.app.longest_task_ms),
  peak_mem_ratio: ratio(browser.app.peak_memory_bytes / browser.app.bytes),
  nav_longest_task_ms: Math.round(browser.app.nav_longest_task_ms),
};
const summaryLine = `summary: ${Object.entries(summary).map(([k, v]) => `${k}=${v}`).join(" ")}`;

const nativeTable = table(
  ["size", "input", "rows", "runs", "ingest", "ingest MB/s", "ingest on-CPU (MB per CPU-second)", "ingest rows/s", "model", "tripwires", "ingest + model + tripwires", "pipeline MB/s", "pipeline rows/s"],
  native.map((r) => [
    r.size, `${mb(r.bytes)} MB`, r.rows.toLocaleString("en-US"), r.runs, `${ms(r.ingest_ms)} ms`, mbps(r.bytes, r.ingest_ms),
    r.ingest_cpu_ms == null ? "—" : `${ms(r.ingest_cpu_ms)} ms (${mbps(r.bytes, r.ingest_cpu_ms)})`,
    rate(r.rows, r.ingest_ms), `${ms(r.model_ms)} ms`, `${ms(r.evaluate_ms)} ms`, `${ms(r.total_ms)} ms`,
    mbps(r.bytes, r.total_ms), rate(r.rows, r.total_ms),
  ]),
);
const snapshotLine = native
  .map((r) => `${r.size}: built in ${ms(r.snapshot_build_ms)} ms natively (one run), ${(r.snapshot_json_bytes / 1000).toFixed(1)} kB of JSON serialised in ${r.snapshot_serialise_ms.toFixed(1)} ms`)
  .join(", ");
const browserRows = [];
for (const run of browser.parsers) {
  for (const [engine, r] of Object.entries(run.engines)) {
    const what = {
      teamdiff: "wasm: ingest + model + tripwires (worker warmed up as the app's is)",
      teamdiff_cold: "the same, in a worker that skipped the warm-up",
      duckdb: "register + CREATE TABLE … AS SELECT * FROM read_csv(…) per file",
    }[engine] ?? "parse only (decode + parse)";
    const teamdiffNotes = () =>
      `ingest ${ms(r.ingest_ms)} ms, model + tripwires ${ms(r.analyse_ms)} ms, wasm memory ${mb(r.wasm_memory_bytes)} MB` +
      (r.warm_up_ms === undefined ? "" : `; the worker's warm-up before it took ${ms(r.warm_up_ms)} ms`);
    const notes = {
      teamdiff: teamdiffNotes,
      teamdiff_cold: teamdiffNotes,
      duckdb: () => `eh bundle, one thread; wasm memory ${mb(r.wasm_memory_bytes)} MB (${(r.wasm_memory_bytes / run.bytes).toFixed(2)} × input)`,
    }[engine];
    browserRows.push([
      run.size, engine, what, run.runs, `${ms(r.ms)} ms`, mbps(run.bytes, r.ms), rate(r.rows, r.ms), notes ? notes() : "",
    ]);
  }
}
const browserTable = table(["size", "engine", "what", "runs", "median", "MB/s", "rows/s", "notes"], browserRows);
const app = browser.app;
const appTable = table(
  ["measure", "median", "runs"],
  [
    ["drop → first chart", `${ms(app.first_chart_ms)} ms`, app.runs.map((r) => ms(r.firstChart)).join(", ")],
    ["drop → every file loaded and the snapshot shown (all_loaded_ms)", `${ms(app.loaded_ms)} ms`, app.runs.map((r) => ms(r.loaded)).join(", ")],
    ["of which the page showed \"Reading …\"", `${ms(median(app.runs.map((r) => r.phases.reading)))} ms`, app.runs.map((r) => ms(r.phases.reading)).join(", ")],
    ["of which the page showed \"Analysing …\" (ingest)", `${ms(median(app.runs.map((r) => r.phases.analysing)))} ms`, app.runs.map((r) => ms(r.phases.analysing)).join(", ")],
    ["of which the page showed \"Checking the tripwires …\" (model, tripwires, every view, once per drop)", `${ms(median(app.runs.map((r) => r.phases.checking ?? 0)))} ms`, app.runs.map((r) => ms(r.phases.checking ?? 0)).join(", ")],
    ["longest main-thread task", `${ms(app.longest_task_ms)} ms`, app.runs.map((r) => `${ms(r.longestTask)} (${r.longTasks} long tasks)`).join(", ")],
    ["peak wasm + JS memory", `${mb(app.peak_memory_bytes)} MB (${summary.peak_mem_ratio} × input)`,
      app.runs.map((r) => `${mb(r.memory.peak)} MB = page JS ${mb(r.memory.page_js)} + page wasm ${mb(r.memory.page_wasm)} + worker wasm ${mb(r.memory.worker_wasm)}${r.memory.worker_js === null ? "" : ` + worker JS ${mb(r.memory.worker_js)}`}`).join("; ")],
  ],
);
// Each page of each run, then every sort, filter and opening: medians over the runs.
const tours = app.runs.map((r) => r.pages).filter(Boolean);
if (tours.length === 0) throw new Error("no page tour in the browser results: run.mjs ran with --no-pages");
const across = (pick) => tours.map(pick).filter((v) => v !== undefined);
const pagesTable = table(
  ["page", "open (click → next frame)", "elements when open", "most elements while scrolling to the end", "longest task on the page", "runs (open ms)"],
  tours[0].pages.map(({ title }, i) => {
    const of = (key) => across((t) => t.pages[i]?.[key]);
    return [title, `${ms(median(of("open_ms")))} ms`, ms(median(of("elements"))), ms(median(of("most_elements"))),
      `${ms(median(of("longest_task_ms")))} ms`, of("open_ms").map(ms).join(", ")];
  }),
);
const actionsTable = table(
  ["action", "click → next frame", "runs"],
  tours[0].actions.map(({ what }, i) => {
    const of = across((t) => t.actions[i]?.ms);
    return [what, `${ms(median(of))} ms`, of.map(ms).join(", ")];
  }),
);

const bundleTable = table(
  ["file", "raw", "gzip -9"],
  [...bundle.files.map((f) => [f.name, `${(f.raw / 1024).toFixed(1)} KiB`, `${(f.gzip / 1024).toFixed(1)} KiB`]),
    ["**total**", `**${(bundle.raw / 1024).toFixed(1)} KiB**`, `**${(bundle.gzip / 1024).toFixed(1)} KiB**`]],
);

const generated = `<!-- bench:begin (generated by scripts/bench.sh; edits here are overwritten) -->
## Latest run

* **Date:** ${machine.date}
* **Command:** \`${command}\`
* **Machine:** ${machine.cpu}, ${machine.cores} cores, ${machine.memory}; load average ${machine.load} when the run started.
  **Noise:** a shared 2-core VM (the load average says how busy it was), so single runs vary by tens of percent; every figure is the median of the runs listed.
* **Software:** ${machine.rustc}; ${machine.chromium}; node ${machine.node}
* **Data:** the seeded demo organisations (\`src/demo/\`, seed 42, today 2026-11-22): the same bytes for every engine.

\`\`\`text
${summaryLine}
\`\`\`

| target | goal | measured |
|---|---|---|
| wasm_vs_udsv (teamdiff full pipeline throughput ÷ udsv parse-only; teamdiff's worker warmed up at start, as the app's is) | ≥ 1.5 (stretch 2.0) | ${summary.wasm_vs_udsv} |
| wasm_vs_udsv_cold (the same, teamdiff's worker without the warm-up) | (for comparison) | ${summary.wasm_vs_udsv_cold} |
| wasm_vs_duckdb (teamdiff full pipeline throughput ÷ DuckDB-wasm loading the same CSVs into tables) | ≥ 1.0 (stretch 2.0) | ${summary.wasm_vs_duckdb} |
| wasm_vs_papaparse | (higher is better) | ${summary.wasm_vs_papaparse} |
| wasm_vs_native (wasm time ÷ native time, org2k pipeline) | ≤ 2.0 | ${summary.wasm_vs_native} |
| first_chart_ms (org2k, real app) | ≤ 2000 (stretch 1000) | ${summary.first_chart_ms} |
| all_loaded_ms (org2k, real app: drop → every file loaded and the snapshot shown) | ≤ 4000 | ${summary.all_loaded_ms} |
| longest_task_ms (main thread while loading) | ≤ 50 | ${summary.longest_task_ms} |
| peak_mem_ratio (peak memory ÷ input bytes) | ≤ 1.5 (stretch 1.0) | ${summary.peak_mem_ratio} |
| nav_longest_task_ms (main thread while opening every page, scrolling each to its end, sorting the digest, filtering and opening a team; org2k loaded; 0 = no task reached the 50 ms \`longtask\` threshold) | ≤ 50 | ${summary.nav_longest_task_ms} |

### Native (\`cargo bench --bench pipeline\`, release profile)

${nativeTable}

The snapshot the worker posts after a drop (model, tripwires and every page's view-models; JSON parsed on the page's main thread): ${snapshotLine}.

### In the browser (headless Chromium, \`tests/bench/\`): same bytes, fresh worker per run, engines interleaved

${browserTable}

### The real app page, org2k dropped at once (files in name order)

${appTable}

Memory: ${app.memory_method}.

### Every page with org2k loaded (\`tests/bench/run.mjs\`, after the drop above; medians of the runs)

Elements are \`document.getElementsByTagName("*").length\`, the page's header and tabs included.

${pagesTable}

${actionsTable}

### Bundle (\`dist/\` after \`trunk build --release\`)

${bundleTable}
<!-- bench:end -->`;

const path = join(repoRoot, "BENCHMARKS.md");
let text;
try {
  text = await readFile(path, "utf8");
} catch {
  text = "# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n";
}
const begin = text.indexOf("<!-- bench:begin");
const end = text.indexOf("<!-- bench:end -->");
if (begin < 0 || end < 0) throw new Error("BENCHMARKS.md lost its bench markers");
await writeFile(path, text.slice(0, begin) + generated + text.slice(end + "<!-- bench:end -->".length));
console.log(`BENCHMARKS.md updated`);
console.log(summaryLine);

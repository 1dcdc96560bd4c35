// teamdiff's wasm pipeline (`ui::bench::BenchPipeline`, as the browser bench runs it) in Node, for a
// profile of the wasm by function name. Node's V8 is older than Chromium's and grows wasm memory far
// more slowly (a 64 KiB `memory.grow` took 0.4 ms here against 4 µs in Chromium), so its first run says
// little about the browser's; but from the second run on, the code optimised and the memory grown, its
// times are steady to a few milliseconds even on a busy machine, which makes it the quick way to see
// where the wasm spends its time and to compare two builds.
//
//   node tests/bench/wasm-profile.mjs [--dist DIR] [--data DIR] [--size org2k] [--runs 4] [--top 40]
//
// Prints each run's times (ingest per file of a megabyte or more, then model + tripwires), then the
// functions with the most self time over every run but the first, from V8's sampling profiler.
import { readFileSync, readdirSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { distDir, repoRoot } from "../e2e/harness.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dist = option("--dist", distDir);
const data = join(option("--data", join(repoRoot, "target", "bench-data")), option("--size", "org2k"));
const runs = Number(option("--runs", "4"));
const top = Number(option("--top", "40"));
// `--callers NAME`: also the call paths (three callers up) of the functions whose name contains NAME.
const callersOf = option("--callers", null);

// wasm-bindgen's glue for the web target looks for `self`.
globalThis.self = globalThis;
const glue = await import(pathToFileURL(join(dist, "teamdiff.js")));
const { default: wasmBytes } = await import(pathToFileURL(join(dist, "teamdiff_bg.wasm.js")));
await glue.default({ module_or_path: await WebAssembly.compile(wasmBytes) });

const { today } = JSON.parse(readFileSync(join(data, "manifest.json"), "utf8"));
const files = readdirSync(data)
  .filter((name) => name.endsWith(".csv"))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(data, name))) }));

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
// The timed part of each warm run (not the teardown of its rows), in performance.now() time.
const timed = [];
await session.post("Profiler.start");
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const pipeline = new glue.BenchPipeline(today);
  const perFile = [];
  for (const { name, bytes } of files) {
    const at = performance.now();
    pipeline.ingest(name, bytes);
    if (bytes.length >= 1e6) perFile.push(`${name} ${(performance.now() - at).toFixed(0)}`);
  }
  const ingested = performance.now();
  const findings = pipeline.analyse();
  const finished = performance.now();
  if (run > 0 || runs === 1) timed.push([started, finished]);
  pipeline.free();
  console.log(
    `run ${run + 1}: ${(finished - started).toFixed(0)} ms = ingest ${(ingested - started).toFixed(0)} ` +
      `(${perFile.join(", ")}) + model and tripwires ${(finished - ingested).toFixed(0)}; ${findings} findings`,
  );
}
const stopped = performance.now();
const { profile } = await session.post("Profiler.stop");

// Self time per function over the warm runs' timed parts.
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
const shortName = (id) => (nodes.get(id)?.callFrame.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "");
const callerPaths = new Map();
const selfSamples = new Map();
let at = profile.startTime;
let counted = 0;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i];
  // The profile's clock is not performance.now()'s: both end at the stop.
  const ms = stopped - (profile.endTime - at) / 1000;
  if (!timed.some(([from, to]) => ms >= from && ms <= to)) continue;
  const name = nodes.get(profile.samples[i]).callFrame.functionName || "(anonymous)";
  selfSamples.set(name, (selfSamples.get(name) ?? 0) + 1);
  if (callersOf && name.includes(callersOf)) {
    const path = [];
    for (let id = parents.get(profile.samples[i]); id !== undefined && path.length < 3; id = parents.get(id)) path.push(shortName(id));
    const key = `${shortName(profile.samples[i])} <- ${path.join(" <- ")}`;
    callerPaths.set(key, (callerPaths.get(key) ?? 0) + 1);
  }
  counted++;
}
console.log(`\nself time over ${runs > 1 ? `runs 2–${runs}` : "the run"} (${counted} samples):`);
for (const [name, samples] of [...selfSamples].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${((100 * samples) / counted).toFixed(2).padStart(6)} %  ${name.replace(/::h[0-9a-f]{16}$/, "")}`);
}
if (callersOf) {
  console.log(`\ncall paths of functions named like ${callersOf}:`);
  for (const [path, samples] of [...callerPaths].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * samples) / counted).toFixed(2).padStart(6)} %  ${path}`);
  }
}

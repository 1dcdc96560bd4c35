// One benchmark run in a fresh (classic) worker: teamdiff's wasm pipeline,
// udsv or papaparse over the files the page sends. Classic, so the parsers'
// browser builds load with importScripts; teamdiff's ES module is imported
// dynamically. Timing covers everything from bytes to result: decoding to a
// string for the JS parsers, the copies into wasm memory for teamdiff.
importScripts("node_modules/papaparse/papaparse.min.js", "node_modules/udsv/dist/uDSV.iife.min.js");

const engines = {
  // teamdiff's full pipeline. While the app reads a drop in turn (src/ui/parse_pool.rs, POOL_IN_USE), it reads
  // one file after another as the engine worker does: a big file held in JS (the app's ArrayBuffer, here these
  // bytes) and copied into wasm a megabyte at a time as it is parsed, a small one copied whole (before session 10
  // every file was copied whole); once it reads drops on its parse pool, so does this: from Files, on the pool.
  // `cold` leaves out the warm-up the app's worker runs when it starts (`engine::warm_up`), before any drop can
  // reach it: the time a worker's first drop would take on baseline code, reported beside the app's.
  async teamdiff(files, today, how, cold = false) {
    const { default: init, BenchPipeline, bench_read_drop, bench_pool_size, bench_parsers_for_this_machine,
      bench_wasm_memory_bytes, bench_pool_wasm_memory_bytes, bench_warm_up } = await import("/teamdiff/teamdiff.js");
    const { default: wasmBytes } = await import("/teamdiff/teamdiff_bg.wasm.js");
    // As worker.js: compiled once, the parsers get the module.
    const module = await WebAssembly.compile(wasmBytes);
    self.teamdiffWasmModule = module;
    await init({ module_or_path: module });
    const workers = how === "pool" ? bench_parsers_for_this_machine() : how === "files" ? 0 : bench_pool_size();
    const fromFiles = how !== undefined || workers > 0;
    // As worker_main does first (src/ui/worker.rs).
    const warmUpStarted = performance.now();
    if (!cold) await bench_warm_up(today);
    const warmUpMs = cold ? null : performance.now() - warmUpStarted;
    // Made before the clock starts, as a drop hands them over.
    const dropped = fromFiles ? files.map(({ name, bytes }) => new File([bytes], name)) : null;
    const started = performance.now();
    let pipeline;
    if (fromFiles) {
      pipeline = await bench_read_drop(today, dropped, workers, "/teamdiff/parser.js");
    } else {
      pipeline = new BenchPipeline(today);
      for (const { name, bytes } of files) pipeline.ingest(name, bytes);
    }
    const rows = pipeline.rows();
    const ingested = performance.now();
    const findings = pipeline.analyse();
    const finished = performance.now();
    pipeline.free();
    return {
      ms: finished - started, ingestMs: ingested - started, analyseMs: finished - ingested, warmUpMs,
      rows, findings, wasmMemoryBytes: bench_wasm_memory_bytes() + bench_pool_wasm_memory_bytes(), poolWorkers: workers,
    };
  },
  // For measuring the pool (`run.mjs --engines teamdiff,teamdiff_files,teamdiff_pool`): the app's way of reading
  // a drop from Files, in turn and on the parse pool, whether or not the app uses the pool yet.
  teamdiff_files(files, today) {
    return engines.teamdiff(files, today, "files");
  },
  teamdiff_pool(files, today) {
    return engines.teamdiff(files, today, "pool");
  },
  teamdiff_cold(files, today) {
    return engines.teamdiff(files, today, undefined, true);
  },
  async udsv(files) {
    const started = performance.now();
    let rows = 0;
    for (const { bytes } of files) {
      const text = new TextDecoder().decode(bytes);
      const parser = uDSV.initParser(uDSV.inferSchema(text));
      rows += parser.stringArrs(text).length;
    }
    return { ms: performance.now() - started, rows };
  },
  async papaparse(files) {
    const started = performance.now();
    let rows = 0;
    for (const { bytes } of files) {
      const text = new TextDecoder().decode(bytes);
      // skipEmptyLines as teamdiff skips blank lines; the header is counted as a row, subtracted below.
      rows += Papa.parse(text, { skipEmptyLines: true }).data.length - 1;
    }
    return { ms: performance.now() - started, rows };
  },
};

self.onmessage = async ({ data: { engine, files, today } }) => {
  try {
    const result = await engines[engine](files, today);
    self.postMessage({ ok: true, ...result });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
};

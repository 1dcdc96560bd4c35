// One benchmark run in a fresh (classic) worker: teamdiff's wasm pipeline,
// udsv or papaparse over the files the page sends. Classic, so the parsers'
// browser builds load with importScripts; teamdiff's ES module is imported
// dynamically. Timing covers everything from bytes to result: decoding to a
// string for the JS parsers, the copy into wasm memory for teamdiff.
importScripts("node_modules/papaparse/papaparse.min.js", "node_modules/udsv/dist/uDSV.iife.min.js");

const engines = {
  // Read as the app's engine worker reads a drop of several files: from Files (made before the clock starts, as
  // a drop hands them over), on the parse pool (src/ui/parse_pool.rs) and in this worker at once when the app
  // uses the pool, else one after another; joined in drop order; then the model and every tripwire.
  async teamdiff(files, today, workers) {
    const { default: init, bench_read_drop, bench_pool_size, bench_parsers_for_this_machine, bench_wasm_memory_bytes,
      bench_pool_wasm_memory_bytes } = await import("/teamdiff/teamdiff.js");
    const { default: wasmBytes } = await import("/teamdiff/teamdiff_bg.wasm.js");
    // As worker.js: compiled once, the parsers get the module.
    const module = await WebAssembly.compile(wasmBytes);
    self.teamdiffWasmModule = module;
    await init({ module_or_path: module });
    const dropped = files.map(({ name, bytes }) => new File([bytes], name));
    const started = performance.now();
    const pool = workers === "pool" ? bench_parsers_for_this_machine() : bench_pool_size();
    const pipeline = await bench_read_drop(today, dropped, pool, "/teamdiff/parser.js");
    const rows = pipeline.rows();
    const ingested = performance.now();
    const findings = pipeline.analyse();
    const finished = performance.now();
    pipeline.free();
    return {
      ms: finished - started, ingestMs: ingested - started, analyseMs: finished - ingested,
      rows, findings, wasmMemoryBytes: bench_wasm_memory_bytes() + bench_pool_wasm_memory_bytes(),
      poolWorkers: pool,
    };
  },
  // The same, on the parse pool whether or not the app uses it yet (for measuring the pool:
  // `run.mjs --engines teamdiff,teamdiff_pool`).
  teamdiff_pool(files, today) {
    return engines.teamdiff(files, today, "pool");
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

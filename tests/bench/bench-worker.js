// One benchmark run in a fresh (classic) worker: teamdiff's wasm pipeline,
// udsv or papaparse over the files the page sends. Classic, so the parsers'
// browser builds load with importScripts; teamdiff's ES module is imported
// dynamically. Timing covers everything from bytes to result: decoding to a
// string for the JS parsers, the copy into wasm memory for teamdiff.
importScripts("node_modules/papaparse/papaparse.min.js", "node_modules/udsv/dist/uDSV.iife.min.js");

const engines = {
  async teamdiff(files, today) {
    const { default: init, BenchPipeline, bench_wasm_memory_bytes } = await import("/teamdiff/teamdiff.js");
    const { default: wasmBytes } = await import("/teamdiff/teamdiff_bg.wasm.js");
    await init({ module_or_path: wasmBytes });
    const started = performance.now();
    const pipeline = new BenchPipeline(today);
    let rows = 0;
    for (const { name, bytes } of files) rows += pipeline.ingest(name, bytes);
    const ingested = performance.now();
    const findings = pipeline.analyse();
    const finished = performance.now();
    pipeline.free();
    return {
      ms: finished - started, ingestMs: ingested - started, analyseMs: finished - ingested,
      rows, findings, wasmMemoryBytes: bench_wasm_memory_bytes(),
    };
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

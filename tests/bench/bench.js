// The bench page: fetches one size's files once, then runs each engine in a
// fresh worker on those very bytes, interleaved round by round so a noisy
// neighbour hurts every engine alike. DuckDB-wasm brings its own worker
// (its `eh` bundle, one thread), driven from this page by its async API.
const results = document.getElementById("results");
const log = (line) => (results.textContent += line + "\n");

async function loadFiles(size) {
  const manifest = await (await fetch(`/data/${size}/manifest.json`)).json();
  const files = [];
  for (const { name } of manifest.files) {
    const bytes = new Uint8Array(await (await fetch(`/data/${size}/${name}`)).arrayBuffer());
    files.push({ name, bytes });
  }
  return { manifest, files };
}

function runInWorker(engine, files, today) {
  return new Promise((resolve, reject) => {
    const worker = new Worker("bench-worker.js");
    worker.onmessage = ({ data }) => {
      worker.terminate();
      data.ok ? resolve(data) : reject(new Error(`${engine}: ${data.error}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`${engine}: ${event.message}`));
    };
    // Copied, not transferred: every engine gets the same bytes.
    worker.postMessage({ engine, files, today });
  });
}

/**
 * DuckDB-wasm loading the files into tables: a fresh database in a fresh
 * worker, then, timed, each file's bytes registered (a copy, transferred)
 * and `CREATE TABLE … AS SELECT * FROM read_csv(…)`. Rows are counted after
 * the clock stops. Memory is DuckDB's wasm memory once every table exists
 * (it only grows, so that is its peak); the registered copies of the files
 * sit in the worker's JS heap beside it and are not included, as the JS
 * heap of teamdiff's worker is not.
 */
let duckdbRuns = 0;
async function runDuckdb(files) {
  const duckdb = await import("./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs");
  const channelName = `duckdb-memory-${++duckdbRuns}`;
  const worker = new Worker(`duckdb-worker.js?channel=${channelName}`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(new URL("node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm", location.href).href);
    const connection = await db.connect();
    const copies = files.map(({ bytes }) => bytes.slice());
    const tables = files.map((_, i) => `file_${i}`);
    const started = performance.now();
    for (const [i, { name }] of files.entries()) {
      const path = `${i}_${name}`;
      await db.registerFileBuffer(path, copies[i]);
      await connection.query(`CREATE TABLE ${tables[i]} AS SELECT * FROM read_csv('${path.replaceAll("'", "''")}')`);
    }
    const ms = performance.now() - started;
    let rows = 0;
    for (const table of tables) rows += Number((await connection.query(`SELECT count(*) AS n FROM ${table}`)).getChildAt(0).get(0));
    const channel = new BroadcastChannel(channelName);
    const wasmMemoryBytes = await new Promise((resolve) => {
      channel.onmessage = ({ data }) => resolve(data);
      channel.postMessage("size?");
    });
    channel.close();
    await connection.close();
    return { ms, rows, wasmMemoryBytes };
  } finally {
    await db.terminate().catch(() => {});
    worker.terminate();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

window.runBench = async ({ size, runs, engines = ["teamdiff", "teamdiff_cold", "udsv", "papaparse", "duckdb"] }) => {
  const { manifest, files } = await loadFiles(size);
  const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const samples = Object.fromEntries(engines.map((e) => [e, []]));
  for (let round = 0; round < runs; round++) {
    for (const engine of engines) {
      const result = engine === "duckdb" ? await runDuckdb(files) : await runInWorker(engine, files, manifest.today);
      samples[engine].push(result);
      log(`${size} round ${round + 1} ${engine}: ${result.ms.toFixed(0)} ms, ${result.rows} rows`);
    }
  }
  const summary = { size, bytes, runs, engines: {} };
  for (const engine of engines) {
    const list = samples[engine];
    const ms = median(list.map((r) => r.ms));
    summary.engines[engine] = {
      ms, all_ms: list.map((r) => r.ms), rows: list[0].rows, mb_per_s: bytes / 1e6 / (ms / 1000),
      ...(engine.startsWith("teamdiff") && {
        ingest_ms: median(list.map((r) => r.ingestMs)),
        analyse_ms: median(list.map((r) => r.analyseMs)),
        // Before the clock starts, as in the app's worker before a drop can reach it.
        ...(list[0].warmUpMs !== null && { warm_up_ms: median(list.map((r) => r.warmUpMs)) }),
        findings: list[0].findings,
        wasm_memory_bytes: Math.max(...list.map((r) => r.wasmMemoryBytes)),
      }),
      ...(engine === "duckdb" && { wasm_memory_bytes: Math.max(...list.map((r) => r.wasmMemoryBytes)) }),
    };
  }
  return summary;
};

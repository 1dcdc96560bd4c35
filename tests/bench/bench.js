// The bench page: fetches one size's files once, then runs each engine in a
// fresh worker on those very bytes, interleaved round by round so a noisy
// neighbour hurts every engine alike.
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

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

window.runBench = async ({ size, runs, engines = ["teamdiff", "udsv", "papaparse"] }) => {
  const { manifest, files } = await loadFiles(size);
  const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const samples = Object.fromEntries(engines.map((e) => [e, []]));
  for (let round = 0; round < runs; round++) {
    for (const engine of engines) {
      const result = await runInWorker(engine, files, manifest.today);
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
      ...(engine === "teamdiff" && {
        ingest_ms: median(list.map((r) => r.ingestMs)),
        analyse_ms: median(list.map((r) => r.analyseMs)),
        findings: list[0].findings,
        wasm_memory_bytes: Math.max(...list.map((r) => r.wasmMemoryBytes)),
      }),
    };
  }
  return summary;
};

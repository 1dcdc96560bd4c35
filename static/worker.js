// The parsing worker: the same wasm as the page, started in a module worker.
// Messages that arrive while wasm is still starting are queued and replayed.
import init, { worker_main } from "./teamdiff.js";
import wasmBytes from "./teamdiff_bg.wasm.js";

const early = [];
self.onmessage = (event) => early.push(event);

const wasm = await init({ module_or_path: wasmBytes });
// Read by the benchmark (scripts/bench.sh) to report peak wasm memory; nothing else uses it.
self.teamdiffWasmMemory = wasm.memory;
worker_main();
for (const event of early) self.onmessage(event);

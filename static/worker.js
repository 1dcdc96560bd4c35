// The parsing worker: the same wasm as the page, started in a module worker.
// Messages that arrive while wasm is still starting are queued and replayed.
//
// If the worker throws or traps (running out of memory traps without a
// panic message), the page is told in the protocol's own terms, the
// `crashed` variant of `FromWorker` in src/engine/protocol.rs, so it can
// report it and start a new worker. A panic has already been reported by
// the panic hook (`ui::worker`) by then.
import init, { worker_main } from "./teamdiff.js";
import { reportCrashes } from "./crash-report.js";
import wasmBytes from "./teamdiff_bg.wasm.js";

const reportCrash = reportCrashes();

const early = [];
self.onmessage = (event) => early.push(event);

try {
  // Compiled here once: the parse pool's workers (src/ui/parse_pool.rs)
  // are handed this module rather than compiling the bytes again.
  const module = await WebAssembly.compile(wasmBytes);
  self.teamdiffWasmModule = module;
  const wasm = await init({ module_or_path: module });
  // Read by the benchmark (scripts/bench.sh) to report peak wasm memory; nothing else uses it.
  self.teamdiffWasmMemory = wasm.memory;
  worker_main();
} catch (error) {
  reportCrash(`the worker could not start: ${error}`);
  throw error;
}
for (const event of early) self.onmessage(event);

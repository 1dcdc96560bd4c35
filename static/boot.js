// Starts the app. External (not inline) so the CSP needs no 'unsafe-inline'.
import init from "./teamdiff.js";
import wasmBytes from "./teamdiff_bg.wasm.js";

init({ module_or_path: wasmBytes }).then(
  (wasm) => {
    // Read by the benchmark (scripts/bench.sh) to report peak wasm memory; nothing else uses it.
    globalThis.teamdiffWasmMemory = wasm.memory;
  },
  (error) => {
    const status = document.getElementById("boot-status");
    if (status) status.textContent = `teamdiff could not start: ${error}`;
    throw error;
  },
);

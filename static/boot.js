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

// Offline after the first visit: a service worker that caches only our own
// files (static/sw.js). Not on file:// or where the browser has none.
if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register("./sw.js").catch((error) => console.warn(`teamdiff: offline support unavailable: ${error}`));
}

// Starts the app. External (not inline) so the CSP needs no 'unsafe-inline'.
import init from "./teamdiff.js";
import wasmBytes from "./teamdiff_bg.wasm.js";

init({ module_or_path: wasmBytes }).catch((error) => {
  const status = document.getElementById("boot-status");
  if (status) status.textContent = `teamdiff could not start: ${error}`;
  throw error;
});

// A parse pool worker (src/ui/parse_pool.rs): the same wasm as the page,
// started by the engine worker for a drop of several files. Its first
// message is the engine worker's compiled WebAssembly.Module (so nothing is
// compiled twice); jobs that arrive while it starts are queued and replayed.
//
// If it throws or traps (running out of memory traps without a panic
// message), the engine worker is told in the pool's own terms, the
// `crashed` variant of `FromParser` in src/engine/protocol.rs, and refuses
// the file it was reading by name.
import init, { parser_main } from "./teamdiff.js";
import { reportCrashes } from "./crash-report.js";

const reportCrash = reportCrashes();

const early = [];
let starting = false;
self.onmessage = (event) => {
  if (starting) return early.push(event);
  starting = true;
  start(event.data.module);
};

async function start(module) {
  try {
    // No `self.teamdiffWasmMemory` here: the parser reports its memory to
    // the engine worker, which the benchmark asks (src/ui/parse_pool.rs).
    await init({ module_or_path: module });
    parser_main();
  } catch (error) {
    reportCrash(`the parser could not start: ${error}`);
    return;
  }
  for (const event of early) self.onmessage(event);
}

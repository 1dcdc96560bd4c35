// How a worker (static/worker.js, static/parser.js) says it threw or
// trapped: running out of memory traps without a panic message, so nothing
// in Rust can report it. Posted once, as the JSON of the `crashed` variant
// its reader expects (`FromWorker` / `FromParser` in
// src/engine/protocol.rs), so the page or the engine worker can name what
// was lost and carry on.

/** Listens for this worker's uncaught errors; returns the reporter, for
 *  failures the worker catches itself (a start that fails). */
export function reportCrashes() {
  let crashed = false;
  function reportCrash(what) {
    if (crashed) return;
    crashed = true;
    self.postMessage(JSON.stringify({ crashed: { message: String(what) } }));
  }
  self.addEventListener("error", (event) => {
    event.preventDefault();
    reportCrash(event.error ?? event.message);
  });
  self.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    reportCrash(event.reason);
  });
  return reportCrash;
}

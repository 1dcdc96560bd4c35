// DuckDB-wasm's own `eh` worker, wrapped so the bench page can ask for its
// wasm memory: every WebAssembly.Memory the worker creates or instantiates
// is remembered, and a BroadcastChannel (not the worker's message port,
// which DuckDB's protocol owns) answers with their sizes. Wasm memory only
// grows, so its size after the last CREATE TABLE is DuckDB's peak.
const memories = new Set();
const NativeMemory = WebAssembly.Memory;
WebAssembly.Memory = function Memory(descriptor) {
  const memory = new NativeMemory(descriptor);
  memories.add(memory);
  return memory;
};
WebAssembly.Memory.prototype = NativeMemory.prototype;
const remember = (result) => {
  const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
  for (const value of Object.values(instance?.exports ?? {})) {
    if (value instanceof NativeMemory) memories.add(value);
  }
  return result;
};
for (const name of ["instantiate", "instantiateStreaming"]) {
  const native = WebAssembly[name];
  WebAssembly[name] = (...args) => native.apply(WebAssembly, args).then(remember);
}
const channel = new BroadcastChannel(new URL(self.location.href).searchParams.get("channel"));
channel.onmessage = () => channel.postMessage([...memories].reduce((sum, m) => sum + m.buffer.byteLength, 0));
importScripts("node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js");

// duckdb-browser.mjs imports "apache-arrow" by its bare name; the page's
// import map points that name here. Arrow's own ES modules import tslib and
// flatbuffers by bare names too, so the page loads Arrow's single-file UMD
// build instead (a classic script, `globalThis.Arrow`) and this module
// re-exports the four names DuckDB's async API uses.
const { Type, RecordBatchReader, Table, tableToIPC } = globalThis.Arrow;
export { Type, RecordBatchReader, Table, tableToIPC };

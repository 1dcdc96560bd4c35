#!/usr/bin/env bash
# `make bench`: the native pipeline benchmark, then the in-browser one on the
# same bytes (after each drop of org2k on the real app, a tour of every page:
# open times, element counts, nav_longest_task_ms), then BENCHMARKS.md's
# generated tables. The last line printed is the summary line the issues
# define. About 7–10 minutes on a 2-core machine.
# Knobs: BENCH_RUNS (native runs, default 5), BENCH_BROWSER_RUNS (default 3),
# BENCH_APP_RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
source .tools/env

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
out=target/bench
mkdir -p "$out"
load=$(cut -d' ' -f1-3 /proc/loadavg)

if [ ! -d tests/bench/node_modules ] || [ tests/bench/package-lock.json -nt tests/bench/node_modules/.package-lock.json ]; then
    say "npm ci in tests/bench (udsv, papaparse, DuckDB-wasm)"
    (cd tests/bench && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
[ -d tests/e2e/node_modules ] || scripts/setup.sh --test >&2

say "native: cargo bench --bench pipeline (writes the data files for the browser)"
cargo bench --locked --quiet --bench pipeline -- --size medium --size org2k --runs "${BENCH_RUNS:-5}" \
    --json --write-data target/bench-data | tee "$out/native.txt" >&2

say "trunk build --release"
trunk build --release >"$out/trunk.log" 2>&1 || { cat "$out/trunk.log" >&2; exit 1; }

say "browser: tests/bench/run.mjs"
node tests/bench/run.mjs --data target/bench-data --out "$out/browser.json" --size medium --size org2k \
    --runs "${BENCH_BROWSER_RUNS:-3}" --app-runs "${BENCH_APP_RUNS:-3}" >&2

# Bundle size: every file the page can load, raw and gzip -9.
node -e '
const fs = require("fs"), zlib = require("zlib");
const files = fs.readdirSync("dist").sort().map((name) => {
  const bytes = fs.readFileSync("dist/" + name);
  return { name, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
});
const total = (k) => files.reduce((s, f) => s + f[k], 0);
fs.writeFileSync(process.argv[1], JSON.stringify({ files, raw: total("raw"), gzip: total("gzip") }));
' "$out/bundle.json"

node -e '
const [out, date, cpu, cores, memory, load, rustc, chromium] = process.argv.slice(1);
require("fs").writeFileSync(out, JSON.stringify({ date, cpu, cores, memory, load, rustc, chromium, node: process.version }));
' "$out/machine.json" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "$(nproc)" \
    "$(free -g | awk '/^Mem:/ { print $2 " GB RAM" }')" "$load" "$(rustc --version)" "$(/usr/bin/chromium --version 2>/dev/null || echo chromium)"

node tests/bench/report.mjs --native "$out/native.txt" --browser "$out/browser.json" --bundle "$out/bundle.json" \
    --machine "$out/machine.json" --command "make bench"

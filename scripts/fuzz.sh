#!/usr/bin/env sh
# Fuzz one target for a bounded time: `scripts/fuzz.sh [TARGET] [SECONDS] [-- LIBFUZZER FLAGS...]`.
#
#   TARGET   ingest_file (default: any bytes into ingest), ingest_json (bytes
#            read as a JSON export) or model_file (teamdiff-model.json import)
#   SECONDS  how long to run (default 60; 0 = until another flag stops it)
#
# For example a campaign of ten million executions:
#   scripts/fuzz.sh ingest_file 0 -- -runs=10000000
#
# No nightly toolchain is needed: RUSTC_BOOTSTRAP=1 lets the installed stable
# rustc take the -Z flags cargo-fuzz passes, and cargo-fuzz and libFuzzer
# (built by libfuzzer-sys with the system C++ compiler) come from crates.io.
# The sanitizer is off: the crate has no `unsafe`, so AddressSanitizer would
# only halve the executions per second; panics, overflows (debug assertions
# are on), timeouts and memory blow-ups are what is hunted. The corpus is
# seeded with the fixtures so the fuzzer starts from files shaped like what
# users drop; crashes land in fuzz/artifacts/TARGET/.
set -eu
cd "$(dirname "$0")/.."
target="${1:-ingest_file}"
seconds="${2:-60}"
[ $# -ge 2 ] && shift 2 || shift $#
[ "${1:-}" = "--" ] && shift

dict=""
case "$target" in
    ingest_file) seeds="tests/fixtures/ingest tests/fixtures/malformed" ;;
    ingest_json) seeds="tests/fixtures/ingest/*.json tests/fixtures/malformed/*.json"; dict="-dict=fuzz/json.dict" ;;
    model_file) seeds="fuzz/seeds/model_file"; dict="-dict=fuzz/json.dict" ;;
    *) echo "unknown fuzz target \"$target\": ingest_file, ingest_json or model_file" >&2; exit 2 ;;
esac

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
for seed in $seeds; do
    if [ -d "$seed" ]; then cp "$seed"/* "$corpus"/; elif [ -e "$seed" ]; then cp "$seed" "$corpus"/; fi
done

# Inputs up to 64 KiB: big enough for every structure ingest has, small
# enough to keep executions per second in the thousands. A run slower
# than 10 s, or a process above 2 GB, is reported as a finding.
RUSTC_BOOTSTRAP=1 cargo fuzz run --release --debug-assertions --sanitizer none "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $dict "$@"

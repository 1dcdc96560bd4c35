#!/usr/bin/env bash
# The wasm-bindgen tests, in headless Chromium through chromedriver.
#
# The runner gives chromedriver only 5 s to bind its port by default; on a cold
# CI machine (first exec of a freshly installed driver) that is too short, so
# the driver gets a minute. A browser or driver that fails to *start* is retried
# up to twice more; a run whose tests reported a result is never retried, so a
# failing test always fails the build.
set -uo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER="$PWD/scripts/chromedriver-quiet" \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60
driver_log="${TMPDIR:-/tmp}/teamdiff-chromedriver.log"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Failures of the browser harness itself, before any test could report.
start_failure='failed to create a [A-Za-z]+ session|driver failed to (start|bind)|DevToolsActivePort|Failed to detect test as having been run'

for attempt in 1 2 3; do
    : >"$driver_log"
    cargo test --locked --target wasm32-unknown-unknown --test browser --test browser_storage --test browser_worker 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    [ "$status" -eq 0 ] && exit 0
    if grep -q "test result: FAILED" "$log" || ! grep -Eq "$start_failure" "$log"; then
        break
    fi
    [ "$attempt" -lt 3 ] && echo "test-wasm: the browser harness did not start (attempt $attempt); trying again" >&2 && sleep 2
done

# CI shows only the tail of the output: end with why it failed.
{
    echo "test-wasm: FAILED (exit $status). What went wrong:"
    grep -E "panicked at|^test .* FAILED|test result:|$start_failure|non-200 response|timed out|^(Error|error):" "$log" | head -40 | sed 's/^/  | /'
    if [ -s "$driver_log" ]; then
        echo "test-wasm: chromedriver's last words:"
        tail -15 "$driver_log" | sed 's/^/  | /'
    fi
} >&2
exit "$status"

#!/usr/bin/env bash
# The wasm-bindgen tests, in headless Chromium through chromedriver.
# A Chromium that fails to *start* (seen once on a heavily loaded machine:
# "DevToolsActivePort file doesn't exist") is retried once; a failing test
# is never retried.
set -uo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER="$PWD/scripts/chromedriver-quiet" WASM_BINDGEN_TEST_TIMEOUT=120
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for attempt in 1 2; do
    cargo test --locked --target wasm32-unknown-unknown --test browser --test browser_storage 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    [ "$status" -eq 0 ] && exit 0
    grep -q "failed to create a Chrome session" "$log" || exit "$status"
    [ "$attempt" -eq 1 ] && echo "test-wasm: Chromium did not start; trying once more" >&2
done
exit "$status"

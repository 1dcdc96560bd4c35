#!/usr/bin/env sh
# Fuzz `ingest_file` for a bounded time (default 60 s): `scripts/fuzz.sh [SECONDS]`.
# Seeds the corpus with the real-export and malformed fixtures so the fuzzer
# starts from files shaped like what users drop.
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo +nightly install cargo-fuzz
fi

corpus=fuzz/corpus/ingest_file
mkdir -p "$corpus"
cp tests/fixtures/ingest/* tests/fixtures/malformed/* "$corpus"/

cargo +nightly fuzz run ingest_file "$corpus" -- -max_total_time="$seconds" -max_len=65536 -timeout=10

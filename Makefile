# The README's two commands are `make serve` and `make test`; each does its own setup.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ENV := source .tools/env &&

.PHONY: setup setup-test serve dist test test-native test-wasm test-e2e bench fuzz

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

## Serve the app at http://127.0.0.1:8080 (rebuilds on change).
serve: setup
	$(ENV) trunk serve

## A static bundle in dist/ that works from any static host and any sub-path.
dist: setup
	$(ENV) trunk build --release

## Every test: native core, wasm in headless Chromium, Playwright end to end.
test: setup-test
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory test-e2e

test-native:
	$(ENV) cargo test --locked

test-wasm:
	$(ENV) scripts/test-wasm.sh

test-e2e:
	$(ENV) trunk build --release
	cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec *.test.mjs

bench: setup-test
	scripts/bench.sh

fuzz:
	scripts/fuzz.sh

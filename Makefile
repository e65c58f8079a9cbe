# SP Outreach. `make demo` and `make test` work on a fresh machine: both install what is missing.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# The wasm test runner picks GECKODRIVER before CHROMEDRIVER whatever the flags say (toolchain.md):
# each browser run sets its own driver and unsets the other's.
CHROMEDRIVER := /usr/bin/chromedriver
GECKODRIVER := $(HOME)/.cargo/bin/geckodriver

PKG := build/pkg
WASM := $(PKG)/sp_outreach_bg.wasm
WASM_OPT := --flatten --rereloop -Oz --merge-similar-functions -Oz --converge --low-memory-unused --strip-producers --strip-target-features
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types

.PHONY: setup build package gates test test-native test-js test-wasm test-e2e test-clients bench demo clean

setup:
	@scripts/setup.sh

## build: the core as wasm (wasm-pack --target web, then wasm-opt -Oz) into build/pkg, and the
## extension with it into dist/chrome and dist/firefox.
build: setup
	wasm-pack --quiet build --target web --release --out-dir $(PKG) --no-pack
	@# Flatten and re-reloop before -Oz, merge similar functions, iterate to a fixed point, and
	@# use that Rust leaves the first 1 KB of memory unused: 1.4 KB gzip less than -Oz alone on
	@# this core (99,739 → 98,275 bytes, binaryen 132). No custom sections ship.
	wasm-opt $(WASM_OPT) $(WASM_FEATURES) $(WASM) -o $(WASM).opt && mv $(WASM).opt $(WASM)
	node scripts/strip-comments.mjs $(PKG)/sp_outreach.js
	for f in $(PKG)/snippets/*/src/wasm/*.js; do node scripts/strip-comments.mjs $$f; done
	@echo "built $(WASM): $$(stat -c %s $(WASM)) bytes"
	node scripts/build-extension.mjs

## package: store-ready zips in dist/packages (web-ext build for both; Firefox's is its .xpi-ready zip).
package: build
	web-ext build --source-dir dist/firefox --artifacts-dir dist/packages --filename "sp-outreach-firefox-{version}.zip" --overwrite-dest
	web-ext build --source-dir dist/chrome --artifacts-dir dist/packages --filename "sp-outreach-chrome-{version}.zip" --overwrite-dest

## test: every test. The gates, native Rust, the built package in Node, the .d.ts contract, wasm
## in Node, Chrome and Firefox (windows and service workers) against the stand-in server.
test: build gates test-native test-js test-wasm test-e2e test-clients

## gates: the formatter; clippy with -D warnings, natively and for wasm32 (src/wasm/ only builds
## there), with clippy.toml's size and sans-IO lints; the size of the shipped core
## (scripts/size-gate.mjs holds the limit).
gates:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p sp-outreach --lib --tests --target wasm32-unknown-unknown -- -D warnings
	node scripts/size-gate.mjs

test-native:
	cargo test --workspace

test-js:
	@# The generated .d.ts is the JS shell's contract: a change to it must be deliberate.
	@# Its InitOutput block lists the module's raw exports, whose names carry build hashes: folded.
	sed '/^export interface InitOutput/,/^}/c\export interface InitOutput { readonly memory: WebAssembly.Memory }' $(PKG)/sp_outreach.d.ts > build/api.d.ts
	diff -u tests/js/sp_outreach.d.ts build/api.d.ts || { echo "The core's TypeScript API changed: review build/api.d.ts and copy it to tests/js/sp_outreach.d.ts"; exit 1; }
	tsc -p tests/js/tsconfig.json
	@# The extension's scripts against the core's .d.ts and the browser API types.
	tsc -p tests/js/extension.tsconfig.json
	node --test tests/js/

test-wasm:
	node tests/standin/server.mjs > target/standin.url & pid=$$!
	trap "kill $$pid 2>/dev/null" EXIT
	for i in $$(seq 300); do [ -s target/standin.url ] && break; sleep 0.1; done
	export STANDIN_URL=$$(head -1 target/standin.url)
	echo "stand-in at $$STANDIN_URL"
	wasm-pack test --node -- --test wasm_flows
	env -u GECKODRIVER CHROMEDRIVER=$(CHROMEDRIVER) WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver $(CHROMEDRIVER) -- --test wasm_flows --test wasm_service_worker 2>&1 | tee target/wasm-chrome.log
	grep -q "Running headless tests in Chrome" target/wasm-chrome.log
	env -u CHROMEDRIVER GECKODRIVER=$(GECKODRIVER) WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --firefox --geckodriver $(GECKODRIVER) -- --test wasm_flows --test wasm_service_worker 2>&1 | tee target/wasm-firefox.log
	grep -q "Running headless tests in Firefox" target/wasm-firefox.log

## test-e2e: the shipped extension, unchanged, in real Chromium (sp-sandbox --tls, host-resolver rules) and
## Firefox (through sp-sandbox --proxy, any port) answering for the real Amazon host names and S3; web-ext
## lint on the Firefox build.
test-e2e:
	cargo build --quiet -p sp-sandbox
	web-ext lint --source-dir dist/firefox --warnings-as-errors --output text
	node --test --test-concurrency=1 tests/e2e/

## test-clients: a real third-party SP-API client, python-amazon-sp-api from PyPI (pinned, in a venv
## under target/, installed when missing), against sp-sandbox --proxy, pointed at it with environment
## variables only (HTTPS_PROXY, SSL_CERT_FILE and the client's own LWA_* / SP_API_* variables).
SPAPI_VENV := target/spapi-venv
CLIENTS := sandbox/tests/clients
test-clients:
	cargo build --quiet -p sp-sandbox
	cmp -s $(CLIENTS)/requirements.txt $(SPAPI_VENV)/requirements.txt || {
	  rm -rf $(SPAPI_VENV) && python3 -m venv $(SPAPI_VENV)
	  $(SPAPI_VENV)/bin/pip install --quiet --disable-pip-version-check -r $(CLIENTS)/requirements.txt
	  cp $(CLIENTS)/requirements.txt $(SPAPI_VENV)/requirements.txt; }
	rm -f target/sp-sandbox-proxy.url
	target/debug/sp-sandbox --proxy --port 0 --scenario $(CLIENTS)/scenario.json --write-certificate target/sp-sandbox-ca.pem > target/sp-sandbox-proxy.url & pid=$$!
	trap "kill $$pid 2>/dev/null" EXIT
	for i in $$(seq 100); do [ -s target/sp-sandbox-proxy.url ] && break; sleep 0.1; done
	url=$$(head -1 target/sp-sandbox-proxy.url)
	HTTPS_PROXY=$$url SSL_CERT_FILE=$(CURDIR)/target/sp-sandbox-ca.pem SP_SANDBOX_URL=$$url SP_API_AUTH_CACHE_TTL=3 \
	  LWA_APP_ID=amzn1.application-oa2-client.pythonspapi000000000000000000 LWA_CLIENT_SECRET=python-sp-api-secret \
	  SP_API_REFRESH_TOKEN='Atzr|python-sp-api-na' $(SPAPI_VENV)/bin/python $(CLIENTS)/python_sp_api.py

## bench: one performance table (bench/summary.mjs, last) with issue #16's goals beside this run's
## figures — size, cold wake in Chromium, keystroke and the worst input under the caps, a fresh
## schema beside ajv, the queue's storage cost per order at 100 / 1,000 / 10,000 orders, the bulk
## rate and its 429s with the worker stopped — after each part's own tables; and, as information,
## time per call natively and in wasm beside plain JS (its ratio goal is retired), the text
## policy's recall and false positives on the held-out halves of both corpora (each, and together),
## and the requests per second sp-sandbox sustains. Timings follow the machine's load (each part
## notes the load average); a part that fails is reported and the table still printed.
BENCH_PARTS := bench/policy.mjs bench/schema.mjs bench/scale.mjs bench/wake.mjs bench/bulk.mjs bench/autopilot.mjs
bench: build
	rm -rf target/bench
	cargo run --quiet --release --example bench
	node bench/bench.mjs
	cargo run --quiet --release --example policy_corpus -- tests/policy_corpus/heldout.jsonl tests/policy_corpus2/heldout.jsonl
	cargo run --quiet --release -p sp-sandbox --example load
	cargo build --quiet -p sp-sandbox
	failed=""
	for part in $(BENCH_PARTS); do node $$part || failed="$$failed $$part"; done
	node bench/summary.mjs
	if [ -n "$$failed" ]; then echo "failed:$$failed"; exit 1; fi

## demo: builds, then a scripted tour in Node: a request for each operation, a validation report,
## the wasm client's flows against sp-sandbox on the demo scenario, then Chromium with the extension on
## the demo orders page (headless, with screenshots in target/demo/, when there is no display).
demo: build
	cargo build --quiet -p sp-sandbox
	target/debug/sp-sandbox --port 0 --scenario www/demo/orders.json --www www --seed 1 \
	  --fault createProductReviewAndSellerFeedbackSolicitation:drop=midResponse,times=1 > target/sp-sandbox.url & pid=$$!
	trap "kill $$pid 2>/dev/null" EXIT
	for i in $$(seq 100); do [ -s target/sp-sandbox.url ] && break; sleep 0.1; done
	SP_SANDBOX_URL=$$(head -1 target/sp-sandbox.url) node scripts/demo.mjs
	node scripts/demo-browser.mjs

clean:
	rm -rf build target/standin.url

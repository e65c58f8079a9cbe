#!/usr/bin/env bash
# Installs what a fresh machine lacks for building and testing (../shared/docs/toolchain.md), and
# nothing that is already there. Idempotent; run by `make test`, `make build`, `make demo`.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the exact pin in Cargo.toml
WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1
export PATH="$HOME/.cargo/bin:$PATH"
logs=target/setup
mkdir -p "$logs"

say() { printf '[setup] %s\n' "$*"; }

# Debian packages: Chromium + chromedriver and Firefox ESR for the browser tests; curl, the plain
# HTTP client that drives sp-sandbox over TLS in sandbox/tests/process.rs.
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$logs/apt.log" 2>&1
  apt-get install -y -qq "${missing[@]}" >>"$logs/apt.log" 2>&1 || { tail -20 "$logs/apt.log"; exit 1; }
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown >"$logs/rustup.log" 2>&1
fi

# Cargo-installed tools, built in parallel. No --locked for wasm-bindgen-cli: its lock file pins a
# crate version this registry lacks (toolchain.md).
pids=()
install() { # name, check command, expected output fragment, cargo install args…
  local name=$1 check=$2 want=$3; shift 3
  if $check 2>/dev/null | grep -q -- "$want"; then return; fi
  say "cargo install $*"
  cargo install "$@" >"$logs/$name.log" 2>&1 &
  pids+=("$!:$name")
}
install wasm-bindgen "wasm-bindgen --version" "$WASM_BINDGEN_VERSION" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
install wasm-pack "wasm-pack --version" "$WASM_PACK_VERSION" wasm-pack --version "$WASM_PACK_VERSION"
install geckodriver "geckodriver --version" "$GECKODRIVER_VERSION" geckodriver --version "$GECKODRIVER_VERSION"
for p in "${pids[@]}"; do
  if ! wait "${p%%:*}"; then
    say "installing ${p#*:} failed:"; tail -30 "$logs/${p#*:}.log"; exit 1
  fi
done

# npm tooling (binaryen's wasm-opt — never Debian's v108 —, playwright-core, web-ext, ajv, typescript).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >"$logs/npm.log" 2>&1 || { tail -30 "$logs/npm.log"; exit 1; }
fi
say "ready: $(wasm-bindgen --version), $(wasm-pack --version), $(geckodriver --version | head -1), $(node_modules/.bin/wasm-opt --version)"

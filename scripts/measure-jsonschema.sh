#!/usr/bin/env bash
# Measures what the `jsonschema` crate would cost the shipped wasm, for the choice recorded in
# src/validate.rs: a minimal cdylib that validates a draft-04 schema, built like the core
# (opt-level z, lto, wasm-bindgen, wasm-opt -Oz), in target/measure-jsonschema/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
dir=target/measure-jsonschema
mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<'TOML'
[package]
name = "measure-jsonschema"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["cdylib"]
[dependencies]
jsonschema = { version = "=0.61.2", default-features = false }
serde_json = "1"
wasm-bindgen = "=0.2.130"
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
[workspace]
TOML
cat > "$dir/src/lib.rs" <<'RS'
use wasm_bindgen::prelude::*;
#[wasm_bindgen]
pub fn check(schema: &str, instance: &str) -> u32 {
    let (Ok(s), Ok(i)) = (serde_json::from_str(schema), serde_json::from_str(instance)) else { return 2 };
    match jsonschema::draft4::new(&s) { Ok(v) => v.iter_errors(&i).count() as u32, Err(_) => 3 }
}
RS
(cd "$dir" && cargo build --quiet --release --target wasm32-unknown-unknown)
wasm-bindgen --target web --out-dir "$dir/pkg" "$dir/target/wasm32-unknown-unknown/release/measure_jsonschema.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  "$dir/pkg/measure_jsonschema_bg.wasm" -o "$dir/opt.wasm"
echo "jsonschema 0.61.2 (+ serde_json), wasm-opt -Oz: $(stat -c %s "$dir/opt.wasm") bytes raw, $(gzip -9c "$dir/opt.wasm" | wc -c) bytes gzip"

#!/usr/bin/env bash
# Measures what a Unicode normalisation crate would cost the shipped wasm, for the choice recorded
# in src/policy/normalize.rs: a minimal wasm-bindgen cdylib that folds a string with
# unicode-normalization (NFKC, NFKD) or decancer, beside one that does not, built like the core
# (opt-level z, LTO, wasm-bindgen, wasm-opt -Oz), gzip -9, in target/measure-normalization/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
dir=target/measure-normalization
mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<'TOML'
[package]
name = "measure-normalization"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["cdylib"]
[features]
nfkc = ["dep:unicode-normalization"]
nfkd = ["dep:unicode-normalization"]
decancer = ["dep:decancer"]
[dependencies]
unicode-normalization = { version = "=0.1.26", default-features = false, optional = true }
decancer = { version = "=3.3.3", default-features = false, optional = true }
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
pub fn fold(s: &str) -> String {
    #[cfg(feature = "nfkc")]
    return unicode_normalization::UnicodeNormalization::nfkc(s).collect();
    #[cfg(feature = "nfkd")]
    return unicode_normalization::UnicodeNormalization::nfkd(s).collect();
    #[cfg(feature = "decancer")]
    return decancer::cure(s, decancer::Options::default()).map(|c| c.to_string()).unwrap_or_default();
    #[allow(unreachable_code)]
    s.chars().rev().collect()
}
RS
for feature in none nfkc nfkd decancer; do
  flags=()
  [ "$feature" != none ] && flags=(--features "$feature")
  (cd "$dir" && cargo build --quiet --release --target wasm32-unknown-unknown "${flags[@]}")
  wasm-bindgen --target web --out-dir "$dir/pkg" "$dir/target/wasm32-unknown-unknown/release/measure_normalization.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    "$dir/pkg/measure_normalization_bg.wasm" -o "$dir/opt.wasm"
  echo "$feature: $(stat -c %s "$dir/opt.wasm") bytes raw, $(gzip -9c "$dir/opt.wasm" | wc -c) bytes gzip"
done

//! The size rules clippy cannot check (clippy.toml has the others): no derived `Deserialize` and no
//! `parse::<f64>` in the library's sources. The first derived deserializer brings serde's
//! type-mismatch messages and, through them, core's float formatting: +7.6 KB gzip of wasm
//! (src/json.rs); `str::parse::<f64>` brings core's dec2flt: 15.6 KB (src/response.rs).
#![cfg(not(target_arch = "wasm32"))]
use std::fs;
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn no_derived_deserializer_nor_float_parsing_in_the_core() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 10);
    let mut found = Vec::new();
    for (path, text) in &files {
        // The library's code only: each file's tests start at its `mod tests`.
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
        for (n, line) in code.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")) {
            let derive_deserialize = line.contains("derive(") && line.contains("Deserialize");
            let float_parse = ["parse::<f64>", "parse::<f32>"].iter().any(|p| line.contains(p));
            if derive_deserialize || float_parse {
                found.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "read JSON by hand (src/json.rs) and numbers with serde_json's parser:\n{}", found.join("\n"));
}

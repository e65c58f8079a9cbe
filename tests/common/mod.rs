//! Shared helpers for the native integration tests: the reference material in ../shared.
#![allow(dead_code)]
use serde_json::Value;
use std::path::PathBuf;

pub fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spapi")
}

pub fn model(name: &str) -> Value {
    let path = shared().join("models").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// facts.md with its line wrapping undone (runs of white space as one space).
pub fn facts() -> String {
    let text = std::fs::read_to_string(shared().join("facts.md")).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

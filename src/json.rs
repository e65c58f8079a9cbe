//! Typed fields read out of parsed JSON by hand. Every document the core takes in (calls and
//! responses from JS, Amazon's bodies) is parsed to `serde_json::Value` and taken apart here,
//! never with `#[derive(Deserialize)]`: the first derived deserializer brings serde's
//! type-mismatch messages and, through them, core's float formatting. Measured on a minimal
//! wasm-bindgen + serde_json crate (opt-level z, LTO, wasm-opt -Oz): 66.6 KB raw / 32.2 KB gzip
//! with `Value` only, 86.3 KB / 39.7 KB with one derived struct.
use serde_json::{Map, Value};

pub type Object = Map<String, Value>;

/// What a value is, for messages: "a string", "an array", …
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Object, String> {
    v.as_object().ok_or_else(|| format!("{what} must be an object, not {}", kind(v)))
}

/// A field that may be absent or null.
pub fn opt_str<'a>(o: &'a Object, key: &str) -> Result<Option<&'a str>, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("{key} must be a string, not {}", kind(other))),
    }
}

pub fn req_str<'a>(o: &'a Object, key: &str) -> Result<&'a str, String> {
    opt_str(o, key)?.ok_or_else(|| format!("{key} is missing"))
}

pub fn bool_or(o: &Object, key: &str, default: bool) -> Result<bool, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(format!("{key} must be true or false, not {}", kind(other))),
    }
}

pub fn str_list(o: &Object, key: &str) -> Result<Vec<String>, String> {
    let list = match o.get(key) {
        None | Some(Value::Null) => return Err(format!("{key} is missing")),
        Some(Value::Array(a)) => a,
        Some(other) => return Err(format!("{key} must be an array of strings, not {}", kind(other))),
    };
    list.iter().map(|v| v.as_str().map(str::to_owned).ok_or_else(|| format!("{key} must hold strings, not {}", kind(v)))).collect()
}

/// `[[name, value], …]`, as headers cross the boundary.
pub fn pairs(o: &Object, key: &str) -> Result<Vec<(String, String)>, String> {
    let list = match o.get(key) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(other) => return Err(format!("{key} must be an array of [name, value] pairs, not {}", kind(other))),
    };
    list.iter()
        .map(|p| match p.as_array().map(Vec::as_slice) {
            Some([Value::String(k), Value::String(v)]) => Ok((k.clone(), v.clone())),
            _ => Err(format!("{key} must hold [name, value] pairs of strings")),
        })
        .collect()
}

/// A value as JSON text. Through `serde_json::to_string`, not `Value`'s `Display`, whose
/// `fmt::Write` adapter brings `io::Error` and its debug formatting into the wasm.
pub fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Why a text is not JSON, for error messages: "not JSON: expected value at line 1 column 1".
pub fn not_json(e: &serde_json::Error) -> String {
    format!("not JSON: {e}")
}

/// A JSON object from its fields. Used instead of `json!` with interpolated values, whose
/// `to_value(..).unwrap()` brings serde_json's error `Debug` and `io::Error`'s messages (2 KB).
/// Inserted one by one: collecting would sort, which brings a sort implementation along.
pub fn obj(fields: Vec<(&str, Value)>) -> Value {
    let mut o = Object::new();
    for (k, v) in fields {
        o.insert(k.to_owned(), v);
    }
    Value::Object(o)
}

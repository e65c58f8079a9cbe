//! One JSON reader for every document the core takes in: calls and responses handed over from JS,
//! Amazon's bodies. A `Reader` is a value and the way to it, so every parse error names where it
//! went wrong (`$._links.actions[3].href is missing`, `marketplaceIds[0] must be a string, not a
//! number`):
//!
//! ```
//! # use sp_outreach::json::{Reader, ReadError};
//! # fn main() -> Result<(), ReadError> {
//! let doc: serde_json::Value = serde_json::from_str(r#"{"_links":{"actions":[{"href":"/a"}]}}"#).unwrap();
//! let r = Reader::root(&doc);
//! for action in r.obj("_links")?.arr("actions")?.iter() {
//!     assert_eq!(action.str("href")?, "/a");
//! }
//! assert_eq!(r.obj("_embedded").unwrap_err().to_string(), "$._embedded is missing");
//! # Ok(()) }
//! ```
//!
//! A reader owns its path, grown one step at a time (one small allocation per step: linear in the
//! document). A reader that borrowed its parent and wrote the path only for an error measured the
//! same in the shipped wasm (within 0.1 KB gzip) but could not be kept in a `let` at the end of a
//! chain like the one above.
//!
//! Documents are parsed to `serde_json::Value` and read here, never with `#[derive(Deserialize)]`:
//! the first derived deserializer brings serde's type-mismatch messages and, through them, core's
//! float formatting. Measured on a minimal wasm-bindgen + serde_json crate (opt-level z, LTO,
//! wasm-opt -Oz): 66.6 KB raw / 32.2 KB gzip with `Value` only, 86.3 KB / 39.7 KB with one derived
//! struct.
use serde::Serialize;
use serde_json::{Map, Value};
use thiserror::Error;

pub type Object = Map<String, Value>;

/// Where a document or argument is malformed (a JSON path: `$` is the root of a document from
/// Amazon, a bare field name the root of an argument from JS) and what is wrong there, as a
/// predicate: "is missing", "must be an array, not a string".
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[error("{}", self.sentence())]
#[serde(rename_all = "camelCase")]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

impl ReadError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> ReadError {
        ReadError { path: path.into(), message: message.into() }
    }
    /// "$._links is missing"; "the value must be an object, not an array" at an argument's root.
    fn sentence(&self) -> String {
        let subject = if self.path.is_empty() { "the value" } else { &self.path };
        format!("{subject} {}", self.message)
    }
}

impl crate::out::ToJson for ReadError {
    fn to_json(&self, o: &mut crate::out::Out) {
        o.obj().key("path").str(&self.path).key("message").str(&self.message).end();
    }
}

/// Readers of JS arguments answer with the sentence (`from_js` in src/wasm wraps it).
impl From<ReadError> for String {
    fn from(e: ReadError) -> String {
        e.to_string()
    }
}

/// A value and its path.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    value: &'a Value,
    path: String,
}

/// The items of an array, each with its path.
#[derive(Debug, Clone)]
pub struct List<'a> {
    items: &'a [Value],
    path: String,
}

impl<'a> List<'a> {
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = Reader<'a>> + '_ {
        self.items.iter().enumerate().map(move |(i, value)| Reader { value, path: format!("{}[{i}]", self.path) })
    }
}

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

/// Appends `.key`, or `["key"]` when the key is not a plain name (validation paths use it too).
pub fn push_key(path: &mut String, key: &str) {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        crate::out::escaped(path, key);
        path.push(']');
    }
}

impl<'a> Reader<'a> {
    /// A document from Amazon: paths start at `$`.
    pub fn root(value: &'a Value) -> Reader<'a> {
        Reader { value, path: "$".to_owned() }
    }
    /// An argument from JS: paths are its field names (`marketplaceIds[0]`).
    pub fn arg(value: &'a Value) -> Reader<'a> {
        Reader { value, path: String::new() }
    }
    pub fn value(&self) -> &'a Value {
        self.value
    }
    /// The JSON path.
    pub fn path(&self) -> String {
        self.path.clone()
    }
    /// An error at this value's path.
    pub fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError::new(self.path.clone(), message)
    }
    fn wrong(&self, expected: &str) -> ReadError {
        self.error(format!("must be {expected}, not {}", kind(self.value)))
    }
    fn child(&self, key: &str, value: &'a Value) -> Reader<'a> {
        let mut path = self.path.clone();
        push_key(&mut path, key);
        Reader { value, path }
    }

    // The value itself.

    pub fn as_obj(&self) -> Result<&'a Object, ReadError> {
        self.value.as_object().ok_or_else(|| self.wrong("an object"))
    }
    pub fn as_str(&self) -> Result<&'a str, ReadError> {
        self.value.as_str().ok_or_else(|| self.wrong("a string"))
    }
    pub fn as_list(&self) -> Result<List<'a>, ReadError> {
        match self.value {
            Value::Array(items) => Ok(List { items, path: self.path.clone() }),
            _ => Err(self.wrong("an array")),
        }
    }
    pub fn as_bool(&self) -> Result<bool, ReadError> {
        self.value.as_bool().ok_or_else(|| self.wrong("true or false"))
    }
    /// A whole number (JSON writes `3.0` as a float: it counts).
    pub fn as_i64(&self) -> Result<i64, ReadError> {
        let v = self.value;
        v.as_i64()
            .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
            .ok_or_else(|| self.wrong("a whole number"))
    }

    // Fields of an object. Absent and null are the same: "not given".

    /// The field, when given. An error when this value is not an object.
    pub fn get(&self, key: &str) -> Result<Option<Reader<'a>>, ReadError> {
        Ok(self.as_obj()?.get(key).filter(|v| !v.is_null()).map(|v| self.child(key, v)))
    }
    /// The field, which must be given.
    pub fn field(&self, key: &str) -> Result<Reader<'a>, ReadError> {
        self.get(key)?.ok_or_else(|| self.child(key, &Value::Null).error("is missing"))
    }
    pub fn obj(&self, key: &str) -> Result<Reader<'a>, ReadError> {
        let r = self.field(key)?;
        r.as_obj()?;
        Ok(r)
    }
    pub fn opt_obj(&self, key: &str) -> Result<Option<Reader<'a>>, ReadError> {
        self.get(key)?.map(|r| r.as_obj().map(|_| r)).transpose()
    }
    pub fn arr(&self, key: &str) -> Result<List<'a>, ReadError> {
        self.field(key)?.as_list()
    }
    pub fn opt_arr(&self, key: &str) -> Result<Option<List<'a>>, ReadError> {
        self.get(key)?.map(|r| r.as_list()).transpose()
    }
    pub fn str(&self, key: &str) -> Result<&'a str, ReadError> {
        self.field(key)?.as_str()
    }
    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>, ReadError> {
        self.get(key)?.map(|r| r.as_str()).transpose()
    }
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, ReadError> {
        self.get(key)?.map(|r| r.as_bool()).transpose()
    }
    pub fn bool_or(&self, key: &str, default: bool) -> Result<bool, ReadError> {
        Ok(self.opt_bool(key)?.unwrap_or(default))
    }
    pub fn opt_i64(&self, key: &str) -> Result<Option<i64>, ReadError> {
        self.get(key)?.map(|r| r.as_i64()).transpose()
    }
    /// An array of strings; not given is empty.
    pub fn strs(&self, key: &str) -> Result<Vec<&'a str>, ReadError> {
        let mut out = Vec::new();
        if let Some(list) = self.opt_arr(key)? {
            for r in list.iter() {
                out.push(r.as_str()?);
            }
        }
        Ok(out)
    }
    /// Refuses fields other than `known`: a misspelt filter must not be silently dropped.
    pub fn only(&self, known: &[&str]) -> Result<(), ReadError> {
        match self.as_obj()?.iter().find(|(k, v)| !v.is_null() && !known.contains(&k.as_str())) {
            Some((k, v)) => Err(self.child(k, v).error(format!("is not a field here (expected one of {})", known.join(", ")))),
            None => Ok(()),
        }
    }
}

/// A JSON text parsed to a value, or why it is not JSON, at `$`.
pub fn parse(text: &str) -> Result<Value, ReadError> {
    serde_json::from_str(text).map_err(|e| ReadError::new("$", format!("is {}", not_json(&e))))
}

/// A value as JSON text (crate::out: serde_json's compact text without its serializer).
pub fn text(v: &Value) -> String {
    crate::out::text(v)
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

// The helpers below predate `Reader` and are kept for code not yet ported to it (src/wasm/client.rs
// and the flows); their messages name the field as the reader's do.

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_name_every_step() {
        let doc = json!({"_links": {"actions": [{"href": "/a"}, {"href": 3}]}, "we ird": {"x": true}});
        let r = Reader::root(&doc);
        let links = r.obj("_links").unwrap();
        let actions = links.arr("actions").unwrap();
        let errors: Vec<String> = actions.iter().filter_map(|a| a.str("href").err()).map(|e| e.to_string()).collect();
        assert_eq!(errors, ["$._links.actions[1].href must be a string, not a number"]);
        assert_eq!(r.obj("we ird").unwrap().str("x").unwrap_err().path, r#"$["we ird"].x"#);
        assert_eq!(r.arr("_links").unwrap_err().to_string(), "$._links must be an array, not an object");
        assert_eq!(r.obj("nope").unwrap_err().to_string(), "$.nope is missing");
        assert_eq!(Reader::root(&json!([])).get("a").unwrap_err().to_string(), "$ must be an object, not an array");
    }

    #[test]
    fn arguments_name_their_fields() {
        let call = json!({"operation": 1, "marketplaceIds": ["A", 2], "n": 3.0, "f": 1.5, "gone": null, "extra": 1});
        let r = Reader::arg(&call);
        assert_eq!(r.str("operation").unwrap_err().to_string(), "operation must be a string, not a number");
        assert_eq!(r.strs("marketplaceIds").unwrap_err().to_string(), "marketplaceIds[1] must be a string, not a number");
        assert_eq!(r.str("orderId").unwrap_err().to_string(), "orderId is missing");
        assert_eq!(r.opt_str("gone").unwrap(), None);
        assert_eq!(
            (r.opt_i64("n").unwrap(), r.opt_i64("f").unwrap_err().message.as_str()),
            (Some(3), "must be a whole number, not a number")
        );
        assert_eq!(Reader::arg(&json!("x")).as_obj().unwrap_err().to_string(), "the value must be an object, not a string");
        let e = r.only(&["operation", "marketplaceIds", "n", "f"]).unwrap_err();
        assert_eq!(e.to_string(), "extra is not a field here (expected one of operation, marketplaceIds, n, f)");
    }

    #[test]
    fn not_json_is_an_error_at_the_root() {
        let e = parse("<html>").unwrap_err();
        assert_eq!(e.path, "$");
        assert!(e.message.starts_with("is not JSON: expected value"), "{}", e.message);
        // Nesting beyond serde_json's recursion limit (128) is refused, not a stack overflow.
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&deep).unwrap_err().message.contains("recursion limit"));
        assert!(parse(r#""\ud800""#).is_err(), "a lone surrogate is not text");
        assert_eq!(parse(r#"{"__proto__": {"x": 1}}"#).unwrap()["__proto__"]["x"], 1);
    }
}

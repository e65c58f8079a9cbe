//! Saved states: each machine describes its state once, in a `visit` over a `Codec`, and the same
//! description writes it (`Writer`, to a JSON object) and reads it back (`Reader`). Read with the
//! care of any input (issue #11 item 1): a state comes from storage that other code may have
//! written, so its size is capped before parsing, every field is type-checked, numbers must be
//! finite and within range, names must be known, and the first problem is named by its path.
//!
//! One description for both directions, behind `dyn Codec`, rather than a derived Serialize plus a
//! hand-written reader per type: measured on the shipped wasm, the two-function form cost 13.5 KB
//! of code before wasm-opt for the five states (twiggy), and each field read was a copy of a large
//! `Result` in every caller.
use serde_json::{Map, Value};

use super::FlowError;
use crate::caps::MAX_JSON_UNITS;
use crate::json::kind;

/// The version written into every saved state; another version is refused, never guessed at.
pub const VERSION: u64 = 1;

/// A field that is not what the product writes there: of another type, out of range, unknown, too
/// long. One message for all, named by its path: a state is written by the core, so a field that
/// reads wrong was written by something else, and the state is not used.
const UNREADABLE: &str = "is not what the product writes there";

/// One state's fields, in both directions. Readers leave a field as it is when it is absent and
/// optional; a required one that is absent, or any field of the wrong type or range, is the error.
pub(crate) trait Codec {
    /// The kind of state: written as `name`, and read only when it is `name`.
    fn tag(&mut self, key: &'static str, name: &'static str);
    fn text(&mut self, key: &'static str, v: &mut String);
    fn opt_text(&mut self, key: &'static str, v: &mut Option<String>);
    /// A finite number.
    fn number(&mut self, key: &'static str, v: &mut f64);
    /// A time in ms since the epoch (finite, not negative), or none.
    fn time(&mut self, key: &'static str, v: &mut Option<f64>);
    fn count(&mut self, key: &'static str, v: &mut u32, max: u32);
    fn flag(&mut self, key: &'static str, v: &mut bool);
    /// One of `names`, as its index.
    fn choice(&mut self, key: &'static str, v: &mut usize, names: &[&'static str]);
    /// Any JSON value (a message body, a schema); `null` when absent.
    fn json(&mut self, key: &'static str, v: &mut Value);
    /// An object inside: written when `present`; read when there, and then `true`.
    fn nested(&mut self, key: &'static str, present: bool, visit: &mut dyn FnMut(&mut dyn Codec)) -> bool;
    /// A list of objects: `count` written; read, the number found (at most `max`). `item` is
    /// called for each index in order.
    fn list(&mut self, key: &'static str, count: usize, max: usize, item: &mut dyn FnMut(usize, &mut dyn Codec)) -> usize;
}

/// Writes a state to a JSON object.
#[derive(Default)]
pub(crate) struct Writer(Map<String, Value>);

impl Writer {
    fn put(&mut self, key: &str, v: Value) {
        self.0.insert(key.into(), v);
    }

    /// The JSON text of a state written by `visit`, with its version.
    pub(crate) fn text(visit: &mut dyn FnMut(&mut dyn Codec)) -> String {
        let mut w = Writer::default();
        w.put("v", VERSION.into());
        visit(&mut w);
        crate::json::text(&Value::Object(w.0))
    }
}

impl Codec for Writer {
    fn tag(&mut self, key: &'static str, name: &'static str) {
        self.put(key, name.into());
    }
    fn text(&mut self, key: &'static str, v: &mut String) {
        self.put(key, v.as_str().into());
    }
    fn opt_text(&mut self, key: &'static str, v: &mut Option<String>) {
        self.put(key, v.clone().into());
    }
    fn number(&mut self, key: &'static str, v: &mut f64) {
        self.put(key, (*v).into());
    }
    fn time(&mut self, key: &'static str, v: &mut Option<f64>) {
        self.put(key, (*v).into());
    }
    fn count(&mut self, key: &'static str, v: &mut u32, _max: u32) {
        self.put(key, (*v).into());
    }
    fn flag(&mut self, key: &'static str, v: &mut bool) {
        self.put(key, (*v).into());
    }
    fn choice(&mut self, key: &'static str, v: &mut usize, names: &[&'static str]) {
        self.put(key, names.get(*v).copied().unwrap_or_default().into());
    }
    fn json(&mut self, key: &'static str, v: &mut Value) {
        self.put(key, v.clone());
    }
    fn nested(&mut self, key: &'static str, present: bool, visit: &mut dyn FnMut(&mut dyn Codec)) -> bool {
        if present {
            let mut w = Writer::default();
            visit(&mut w);
            self.put(key, Value::Object(w.0));
        }
        present
    }
    fn list(&mut self, key: &'static str, count: usize, _max: usize, item: &mut dyn FnMut(usize, &mut dyn Codec)) -> usize {
        let mut out = Vec::with_capacity(count);
        for i in 0..count {
            let mut w = Writer::default();
            item(i, &mut w);
            out.push(Value::Object(w.0));
        }
        self.put(key, Value::Array(out));
        count
    }
}

/// Reads a state back from a JSON object, keeping the first problem.
pub(crate) struct Reader<'a> {
    o: &'a Map<String, Value>,
    path: String,
    pub(crate) error: Option<String>,
}

impl<'a> Reader<'a> {
    fn at(&mut self, key: &str, what: &str) {
        if self.error.is_none() {
            self.error = Some(format!("{}.{key} {what}", self.path));
        }
    }

    fn get(&mut self, key: &str) -> Option<&'a Value> {
        self.o.get(key).filter(|v| !v.is_null())
    }

    fn child(&mut self, v: &'a Value, path: String, visit: &mut dyn FnMut(&mut dyn Codec)) {
        match v.as_object() {
            Some(o) => {
                let mut r = Reader { o, path, error: None };
                visit(&mut r);
                if self.error.is_none() {
                    self.error = r.error;
                }
            }
            None => {
                if self.error.is_none() {
                    self.error = Some(format!("{path} must be an object, not {}", kind(v)));
                }
            }
        }
    }
}

/// Reads `text` (a saved state of this core's version) with `visit`; the first problem is the error.
pub(crate) fn read(text: &str, visit: &mut dyn FnMut(&mut dyn Codec)) -> Result<(), FlowError> {
    let bad = |m: String| Err(FlowError::State { message: m });
    if text.len() > MAX_JSON_UNITS {
        return bad("$ is larger than any state the product writes".into());
    }
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return bad(crate::json::not_json(&e)),
    };
    let Some(o) = v.as_object() else { return bad(format!("$ must be an object, not {}", kind(&v))) };
    if o.get("v").and_then(Value::as_u64) != Some(VERSION) {
        return bad("$.v is not a state version this core reads".into());
    }
    let mut r = Reader { o, path: "$".into(), error: None };
    visit(&mut r);
    match r.error {
        Some(m) => bad(m),
        None => Ok(()),
    }
}

impl Codec for Reader<'_> {
    fn tag(&mut self, key: &'static str, name: &'static str) {
        if self.get(key).and_then(Value::as_str) != Some(name) {
            self.at(key, UNREADABLE);
        }
    }
    fn text(&mut self, key: &'static str, v: &mut String) {
        match self.get(key) {
            Some(Value::String(s)) if s.len() <= 4096 => *v = s.clone(),
            Some(_) => self.at(key, UNREADABLE),
            None => self.at(key, "is missing"),
        }
    }
    fn opt_text(&mut self, key: &'static str, v: &mut Option<String>) {
        *v = None;
        if self.get(key).is_some() {
            let mut s = String::new();
            self.text(key, &mut s);
            *v = Some(s);
        }
    }
    fn number(&mut self, key: &'static str, v: &mut f64) {
        match self.get(key).and_then(Value::as_f64).filter(|n| n.is_finite()) {
            Some(n) => *v = n,
            None => self.at(key, UNREADABLE),
        }
    }
    fn time(&mut self, key: &'static str, v: &mut Option<f64>) {
        *v = None;
        if self.get(key).is_some() {
            let mut n = 0.0;
            self.number(key, &mut n);
            if n < 0.0 {
                self.at(key, UNREADABLE);
            }
            *v = Some(n);
        }
    }
    fn count(&mut self, key: &'static str, v: &mut u32, max: u32) {
        match self.get(key).map(Value::as_u64) {
            None => *v = 0,
            Some(Some(n)) if n <= u64::from(max) => *v = n as u32,
            Some(_) => self.at(key, UNREADABLE),
        }
    }
    fn flag(&mut self, key: &'static str, v: &mut bool) {
        match self.get(key) {
            None => *v = false,
            Some(Value::Bool(b)) => *v = *b,
            Some(_) => self.at(key, UNREADABLE),
        }
    }
    fn choice(&mut self, key: &'static str, v: &mut usize, names: &[&'static str]) {
        let mut s = String::new();
        self.text(key, &mut s);
        match names.iter().position(|n| *n == s) {
            Some(i) => *v = i,
            None => self.at(key, UNREADABLE),
        }
    }
    fn json(&mut self, key: &'static str, v: &mut Value) {
        *v = self.get(key).cloned().unwrap_or(Value::Null);
    }
    fn nested(&mut self, key: &'static str, _present: bool, visit: &mut dyn FnMut(&mut dyn Codec)) -> bool {
        match self.get(key) {
            Some(v) => {
                let path = format!("{}.{key}", self.path);
                self.child(v, path, visit);
                true
            }
            None => false,
        }
    }
    fn list(&mut self, key: &'static str, _count: usize, max: usize, item: &mut dyn FnMut(usize, &mut dyn Codec)) -> usize {
        let list = match self.get(key) {
            Some(Value::Array(a)) if a.len() <= max => a,
            Some(_) => {
                self.at(key, UNREADABLE);
                return 0;
            }
            None => return 0,
        };
        for (i, v) in list.iter().enumerate() {
            let path = format!("{}.{key}[{i}]", self.path);
            self.child(v, path, &mut |c| item(i, c));
        }
        list.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Debug, PartialEq)]
    struct State {
        name: String,
        note: Option<String>,
        due: Option<f64>,
        n: u32,
        on: bool,
        pick: usize,
        body: Value,
        inner: Option<u32>,
        rows: Vec<f64>,
    }

    impl State {
        fn visit(&mut self, c: &mut dyn Codec) {
            c.text("name", &mut self.name);
            c.opt_text("note", &mut self.note);
            c.time("due", &mut self.due);
            c.count("n", &mut self.n, 10);
            c.flag("on", &mut self.on);
            c.choice("pick", &mut self.pick, &["a", "b"]);
            c.json("body", &mut self.body);
            let mut inner = self.inner.unwrap_or_default();
            if c.nested("inner", self.inner.is_some(), &mut |c| c.count("x", &mut inner, 5)) {
                self.inner = Some(inner);
            }
            let rows = &mut self.rows;
            let n = c.list("rows", rows.len(), 3, &mut |i, c| {
                if i == rows.len() {
                    rows.push(0.0);
                }
                c.number("r", &mut rows[i]);
            });
            rows.truncate(n);
        }
    }

    #[test]
    fn one_description_writes_and_reads() {
        let mut s = State {
            name: "x".into(),
            note: None,
            due: Some(5.0),
            n: 7,
            on: true,
            pick: 1,
            body: serde_json::json!({"k": [1]}),
            inner: Some(3),
            rows: vec![1.5, 2.0],
        };
        let text = Writer::text(&mut |c| s.visit(c));
        let mut back = State::default();
        read(&text, &mut |c| back.visit(c)).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn states_are_read_with_care() {
        let check = |text: &str| {
            let mut s = State::default();
            match read(text, &mut |c| s.visit(c)) {
                Err(FlowError::State { message }) => message,
                other => panic!("{other:?}"),
            }
        };
        assert!(check("{").starts_with("not JSON"));
        assert_eq!(check("[]"), "$ must be an object, not an array");
        assert_eq!(check(r#"{"v":2}"#), "$.v is not a state version this core reads");
        assert_eq!(check(&" ".repeat(MAX_JSON_UNITS + 1)), "$ is larger than any state the product writes");
        let ok = r#""v":1,"name":"x","pick":"a""#;
        assert_eq!(check(r#"{"v":1}"#), "$.name is missing");
        let wrong = |path: &str| format!("{path} {UNREADABLE}");
        assert_eq!(check(&format!(r#"{{{ok},"due":-1}}"#)), wrong("$.due"));
        assert_eq!(check(&format!(r#"{{{ok},"n":11}}"#)), wrong("$.n"));
        assert_eq!(check(&format!(r#"{{{ok},"on":"yes"}}"#)), wrong("$.on"));
        assert_eq!(check(r#"{"v":1,"name":"x","pick":"c"}"#), wrong("$.pick"));
        assert_eq!(check(&format!(r#"{{{ok},"inner":{{"x":9}}}}"#)), wrong("$.inner.x"));
        assert_eq!(check(&format!(r#"{{{ok},"inner":3}}"#)), "$.inner must be an object, not a number");
        assert_eq!(check(&format!(r#"{{{ok},"rows":[{{"r":1}},{{"r":"x"}}]}}"#)), wrong("$.rows[1].r"));
        assert_eq!(check(&format!(r#"{{{ok},"rows":[{{}},{{}},{{}},{{}}]}}"#)), wrong("$.rows"));
        assert_eq!(check(&format!(r#"{{"v":1,"name":"{}","pick":"a"}}"#, "x".repeat(5000))), wrong("$.name"));
    }
}

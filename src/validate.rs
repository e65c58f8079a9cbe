//! JSON Schema (draft-04) validation of message bodies: the operation's built-in rules and the
//! schema the API itself returns under `_embedded.schema` (facts.md "HAL").
//!
//! Hand-written rather than the `jsonschema` crate, which does not fit a browser extension's size
//! budget. Measured here (scripts/measure-jsonschema.sh: a minimal cdylib, opt-level z, lto,
//! wasm-opt -Oz): `jsonschema` 0.61.2 with serde_json, default features off, is 1,962 KB raw /
//! 675 KB gzip, four to six times the whole core; this module is about 6 KB of wasm code
//! (twiggy, before wasm-opt) plus its messages. The subset covers what Amazon's schemas use: type, properties, required, additionalProperties, enum, items, min/maxLength in
//! characters, min/maxItems (and `maxLength` on arrays, the models' way of writing it), format
//! date-time, minimum/maximum, allOf/anyOf/oneOf/not and `$ref` within the document.
//! `pattern` is not checked (no regex engine in the core); no Amazon schema uses it.
//!
//! Bounded on any input (issue #12): the schema and the body are measured before any work
//! (`MAX_SCHEMA_NODES`, `MAX_BODY_NODES`, depths), and the check itself has a work budget
//! (`MAX_STEPS`), so a schema that refers to itself through anyOf/oneOf/allOf/$ref — 37 bytes of
//! `{"anyOf":[{"$ref":"#"},{"$ref":"#"}]}` took 18.9 s before — ends in a `Limit` error after at
//! most `MAX_STEPS` steps instead of exponential work. The measures and the budget cost 0.55 KB
//! gzip of the shipped core.
use serde::Serialize;
use serde_json::{Map, Value};

use crate::json::push_key;
use crate::out::{Out, ToJson};

/// One way a body breaks a rule: where (a JSON path like `$.attachments[0].fileName`), which
/// schema keyword, and a sentence for the seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    pub path: String,
    pub keyword: String,
    pub message: String,
}

impl ToJson for Violation {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("path").str(&self.path).key("keyword").str(&self.keyword).key("message").str(&self.message).end();
    }
}

impl Violation {
    pub(crate) fn new(path: &str, keyword: &str, message: String) -> Violation {
        Violation { path: path.to_owned(), keyword: keyword.to_owned(), message }
    }
}

/// Schema levels (each `$ref` followed counts one) the check may go down: deep enough for any real
/// schema (Amazon's go 4 deep), shallow enough that a `$ref` loop cannot exhaust the stack.
pub const MAX_DEPTH: u32 = 48;
/// Parts (JSON values) of a schema: Amazon's message schemas have under 60.
pub const MAX_SCHEMA_NODES: usize = 10_000;
/// JSON nesting of a schema: serde_json refuses deeper text (128) anyway.
pub const MAX_SCHEMA_NESTING: usize = 100;
/// Parts of a message body: a text and five attachments are about 20.
pub const MAX_BODY_NODES: usize = 1_000;
pub const MAX_BODY_NESTING: usize = 32;
/// Steps (schema-on-value checks, enum and required entries) one validation may take. A real
/// body and schema take under 100; a check of MAX_BODY_NODES parts against a plain schema about
/// 1,000; this leaves room for combinators and stops hostile recursion within milliseconds.
pub const MAX_STEPS: u64 = 200_000;
/// Allowed values an `enum` failure names; the rest are counted.
const ENUM_LISTED: usize = 10;

/// Why a body could not be checked at all: nothing is sent on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Limit {
    SchemaSize,
    SchemaNesting,
    /// `$ref`s followed deeper than MAX_DEPTH: the schema refers to itself.
    SchemaRecursion,
    /// More than MAX_STEPS steps.
    Work,
    BodySize,
    BodyNesting,
}

impl Limit {
    /// The body's own size, not the schema's: the seller can act on it.
    pub fn is_body(self) -> bool {
        matches!(self, Limit::BodySize | Limit::BodyNesting)
    }
    pub fn message(self) -> String {
        match self {
            Limit::SchemaSize => format!("the schema has more than {MAX_SCHEMA_NODES} parts"),
            Limit::SchemaNesting => format!("the schema is nested more than {MAX_SCHEMA_NESTING} levels deep"),
            Limit::SchemaRecursion => format!("the schema refers to itself more than {MAX_DEPTH} levels deep"),
            Limit::Work => format!(
                "checking the body takes more than {MAX_STEPS} steps: the schema refers to itself through anyOf, oneOf, allOf or $ref"
            ),
            Limit::BodySize => format!("the message has more than {MAX_BODY_NODES} parts"),
            Limit::BodyNesting => format!("the message is nested more than {MAX_BODY_NESTING} levels deep"),
        }
    }
}

/// Parts of `v` and its deepest nesting, counted no further than `cap` parts or `cap_depth`
/// levels: the measure itself is bounded (its recursion too).
pub fn measure(v: &Value, cap: usize, cap_depth: usize) -> (usize, usize) {
    fn walk(v: &Value, depth: usize, cap: usize, cap_depth: usize, seen: &mut (usize, usize)) {
        seen.0 += 1;
        seen.1 = seen.1.max(depth);
        if seen.0 > cap || depth > cap_depth {
            return;
        }
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(a) => Box::new(a.iter()),
            Value::Object(o) => Box::new(o.values()),
            _ => return,
        };
        for c in children {
            walk(c, depth + 1, cap, cap_depth, seen);
        }
    }
    let mut seen = (0, 0);
    walk(v, 1, cap, cap_depth, &mut seen);
    seen
}

/// Validate `instance` against `schema` (a draft-04 document whose `$ref`s resolve within itself):
/// every violation, or the `Limit` that stopped the check.
pub fn validate(schema: &Value, instance: &Value) -> Result<Vec<Violation>, Limit> {
    validate_counted(schema, instance).map(|(v, _)| v)
}

/// As `validate`, with the steps taken (tests bound the work structurally with it).
pub fn validate_counted(schema: &Value, instance: &Value) -> Result<(Vec<Violation>, u64), Limit> {
    let (nodes, nesting) = measure(schema, MAX_SCHEMA_NODES, MAX_SCHEMA_NESTING);
    if nodes > MAX_SCHEMA_NODES {
        return Err(Limit::SchemaSize);
    }
    if nesting > MAX_SCHEMA_NESTING {
        return Err(Limit::SchemaNesting);
    }
    let (nodes, nesting) = measure(instance, MAX_BODY_NODES, MAX_BODY_NESTING);
    if nodes > MAX_BODY_NODES {
        return Err(Limit::BodySize);
    }
    if nesting > MAX_BODY_NESTING {
        return Err(Limit::BodyNesting);
    }
    let mut v = Validator { root: schema, out: Vec::new(), steps: 0, stop: None };
    v.check(schema, instance, &mut String::from("$"), 0);
    match v.stop {
        Some(limit) => Err(limit),
        None => Ok((v.out, v.steps)),
    }
}

struct Validator<'a> {
    root: &'a Value,
    out: Vec<Violation>,
    steps: u64,
    /// Set when a limit is hit: every check returns at once from then on.
    stop: Option<Limit>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0) => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_matches(expected: &str, actual: &str) -> bool {
    expected == actual || (expected == "number" && actual == "integer")
}

fn article(t: &str) -> &'static str {
    match t.as_bytes().first() {
        Some(b'a' | b'e' | b'i' | b'o' | b'u') => "an",
        _ => "a",
    }
}

fn as_u64(schema: &Map<String, Value>, key: &str) -> Option<u64> {
    schema.get(key).and_then(|v| v.as_u64().or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)))
}

/// RFC 6901 JSON pointer (`/definitions/Attachment`) within `root`. Written out rather than
/// `Value::pointer`, whose `~1`/`~0` unescaping with `str::replace` brings a substring search
/// (3 KB of wasm) for this one use.
fn pointer<'v>(root: &'v Value, p: &str) -> Option<&'v Value> {
    if p.is_empty() {
        return Some(root);
    }
    let mut at = root;
    for token in p.strip_prefix('/')?.split('/') {
        let mut key = String::with_capacity(token.len());
        let mut chars = token.chars();
        while let Some(c) = chars.next() {
            key.push(match (c, c == '~') {
                (_, true) => match chars.next()? {
                    '0' => '~',
                    '1' => '/',
                    _ => return None,
                },
                (c, false) => c,
            });
        }
        at = match at {
            Value::Object(o) => o.get(&key)?,
            Value::Array(a) => a.get(
                key.parse::<usize>().ok().filter(|_| key.bytes().all(|b| b.is_ascii_digit()) && (key == "0" || !key.starts_with('0')))?,
            )?,
            _ => return None,
        };
    }
    Some(at)
}

/// A number as JSON writes it (serde_json's formatter is already in the binary; core's f64
/// Display would add ~13 KB of wasm).
fn number(n: f64) -> String {
    crate::json::text(&Value::from(n))
}

/// An allowed value as an enum failure names it, cut short before it is written: writing it whole
/// and cutting after cost 80 ms for 998 failures of ten 5,000-character values.
fn enum_value(v: &Value) -> String {
    match v {
        Value::String(s) => crate::json::text(&Value::String(crate::ids::truncate(s))),
        Value::Array(_) => "[…]".to_owned(),
        Value::Object(_) => "{…}".to_owned(),
        scalar => crate::json::text(scalar),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl<'a> Validator<'a> {
    fn fail(&mut self, path: &str, keyword: &str, message: String) {
        // Messages count against the budget too (a step per 16 bytes): what a check writes is
        // bounded like what it reads, whatever the schema's texts.
        self.spend((path.len() + message.len()) as u64 / 16);
        self.out.push(Violation::new(path, keyword, message));
    }

    /// Whether `schema` accepts `instance`, for anyOf/oneOf/not: checked into a fresh list, with
    /// the same budget.
    fn accepts(&mut self, schema: &'a Value, instance: &Value, path: &str, depth: u32) -> bool {
        let outer = std::mem::take(&mut self.out);
        self.check(schema, instance, &mut path.to_owned(), depth);
        let ok = self.out.is_empty();
        self.out = outer;
        ok
    }

    /// Counts `n` steps; false once the budget is spent.
    fn spend(&mut self, n: u64) -> bool {
        self.steps += n;
        if self.steps > MAX_STEPS && self.stop.is_none() {
            self.stop = Some(Limit::Work);
        }
        self.stop.is_none()
    }

    fn check(&mut self, schema: &'a Value, instance: &Value, path: &mut String, depth: u32) {
        let Value::Object(s) = schema else { return };
        if !self.spend(1) {
            return;
        }
        if depth > MAX_DEPTH {
            // The body's nesting was measured first: only `$ref`s can go this deep.
            self.stop = Some(Limit::SchemaRecursion);
            return;
        }
        // Draft-04: a schema with $ref is replaced by the target; its sibling keywords are ignored.
        if let Some(r) = s.get("$ref") {
            let target = r.as_str().and_then(|r| r.strip_prefix('#')).and_then(|p| pointer(self.root, p));
            match target {
                Some(t) => self.check(t, instance, path, depth + 1),
                None => {
                    let target = r.as_str().map(str::to_owned).unwrap_or_else(|| crate::json::text(r));
                    self.fail(path, "$ref", format!("the schema refers to {target}, which it does not define"))
                }
            }
            return;
        }
        if !self.check_type(s, instance, path) {
            return; // other keywords would only repeat the type error
        }
        if let Some(Value::Array(allowed)) = s.get("enum") {
            if !self.spend(allowed.len() as u64) {
                return;
            }
            if !allowed.contains(instance) {
                // At most ENUM_LISTED values, each cut short: every value in full, for each of a
                // long array's items, built ~1 GB of messages from a 199-value enum of 5,000-character
                // strings (bench/policy.mjs's worst inputs, issue #16) and ended in a RangeError.
                let mut list: Vec<String> = allowed.iter().take(ENUM_LISTED).map(enum_value).collect();
                if allowed.len() > ENUM_LISTED {
                    list.push(format!("… ({} more)", allowed.len() - ENUM_LISTED));
                }
                self.fail(path, "enum", format!("must be one of {}", list.join(", ")));
            }
        }
        match instance {
            Value::String(text) => self.check_string(s, text, path),
            Value::Number(n) => self.check_number(s, n.as_f64().unwrap_or(0.0), path),
            Value::Array(items) => self.check_array(s, items, path, depth),
            Value::Object(fields) => self.check_object(s, fields, path, depth),
            _ => {}
        }
        self.check_combinators(s, instance, path, depth);
    }

    fn check_type(&mut self, s: &Map<String, Value>, instance: &Value, path: &str) -> bool {
        let actual = type_name(instance);
        let ok = match s.get("type") {
            Some(Value::String(t)) => type_matches(t, actual),
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(|t| type_matches(t, actual)),
            _ => true,
        };
        if !ok {
            let expected = match s.get("type") {
                Some(Value::String(t)) => format!("{} {t}", article(t)),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(str::to_owned).collect::<Vec<String>>().join(" or "),
                _ => String::new(),
            };
            self.fail(path, "type", format!("must be {expected}, not {} {actual}", article(actual)));
        }
        ok
    }

    fn check_string(&mut self, s: &Map<String, Value>, text: &str, path: &str) {
        // Lengths are in characters, not bytes (facts.md "Operations"): "Grüße" is 5.
        let chars = text.chars().count() as u64;
        if let Some(min) = as_u64(s, "minLength") {
            if chars < min {
                let msg = if chars == 0 {
                    "must not be empty".into()
                } else {
                    format!("is {} long; the minimum is {min}", plural(chars, "character", "characters"))
                };
                self.fail(path, "minLength", msg);
            }
        }
        if let Some(max) = as_u64(s, "maxLength") {
            if chars > max {
                self.fail(path, "maxLength", format!("is {} long; the limit is {max}", plural(chars, "character", "characters")));
            }
        }
        if s.get("format").and_then(Value::as_str) == Some("date-time") && parse_date_time(text).is_none() {
            self.fail(path, "format", "must be a date and time like 2026-11-23T09:30:00Z".into());
        }
    }

    fn check_number(&mut self, s: &Map<String, Value>, n: f64, path: &str) {
        if let Some(min) = s.get("minimum").and_then(Value::as_f64) {
            let exclusive = s.get("exclusiveMinimum") == Some(&Value::Bool(true));
            if n < min || (exclusive && n == min) {
                self.fail(path, "minimum", format!("must be {} {}", if exclusive { "more than" } else { "at least" }, number(min)));
            }
        }
        if let Some(max) = s.get("maximum").and_then(Value::as_f64) {
            let exclusive = s.get("exclusiveMaximum") == Some(&Value::Bool(true));
            if n > max || (exclusive && n == max) {
                self.fail(path, "maximum", format!("must be {} {}", if exclusive { "less than" } else { "at most" }, number(max)));
            }
        }
    }

    fn check_array(&mut self, s: &'a Map<String, Value>, items: &[Value], path: &mut String, depth: u32) {
        let n = items.len() as u64;
        // The models write array bounds as minLength/maxLength (facts.md "Model quirks"): read both.
        for (key, is_min) in [("minItems", true), ("minLength", true), ("maxItems", false), ("maxLength", false)] {
            let Some(bound) = as_u64(s, key) else { continue };
            if is_min && n < bound {
                self.fail(path, key, format!("needs at least {}, got {n}", plural(bound, "item", "items")));
            } else if !is_min && n > bound {
                self.fail(path, key, format!("allows at most {}, got {n}", plural(bound, "item", "items")));
            }
        }
        let len = path.len();
        match s.get("items") {
            Some(each @ Value::Object(_)) => {
                for (i, item) in items.iter().enumerate() {
                    path.push_str(&format!("[{i}]"));
                    self.check(each, item, path, depth + 1);
                    path.truncate(len);
                }
            }
            Some(Value::Array(tuple)) => {
                for (i, (item, each)) in items.iter().zip(tuple).enumerate() {
                    path.push_str(&format!("[{i}]"));
                    self.check(each, item, path, depth + 1);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }

    fn check_object(&mut self, s: &'a Map<String, Value>, fields: &Map<String, Value>, path: &mut String, depth: u32) {
        let len = path.len();
        let props = s.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(required)) = s.get("required") {
            if !self.spend(required.len() as u64) {
                return;
            }
            for name in required.iter().filter_map(Value::as_str) {
                if !fields.contains_key(name) {
                    push_key(path, name);
                    self.fail(path, "required", format!("{name} is required"));
                    path.truncate(len);
                }
            }
        }
        for (name, value) in fields {
            push_key(path, name);
            match props.and_then(|p| p.get(name)) {
                Some(sub) => self.check(sub, value, path, depth + 1),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => self.fail(path, "additionalProperties", format!("{name} is not a field of this message")),
                    Some(extra @ Value::Object(_)) => self.check(extra, value, path, depth + 1),
                    _ => {}
                },
            }
            path.truncate(len);
        }
    }

    fn check_combinators(&mut self, s: &'a Map<String, Value>, instance: &Value, path: &mut String, depth: u32) {
        if let Some(Value::Array(all)) = s.get("allOf") {
            for sub in all {
                self.check(sub, instance, path, depth + 1);
            }
        }
        if let Some(Value::Array(any)) = s.get("anyOf") {
            if !any.is_empty() && !any.iter().any(|sub| self.accepts(sub, instance, path, depth + 1)) {
                self.fail(path, "anyOf", "matches none of the allowed forms".into());
            }
        }
        if let Some(Value::Array(one)) = s.get("oneOf") {
            let matching = one.iter().filter(|sub| self.accepts(sub, instance, path, depth + 1)).count();
            if matching != 1 {
                self.fail(path, "oneOf", format!("must match exactly one allowed form, matches {matching}"));
            }
        }
        if let Some(not @ Value::Object(_)) = s.get("not") {
            if self.accepts(not, instance, path, depth + 1) {
                self.fail(path, "not", "has a form that is not allowed".into());
            }
        }
    }
}

/// RFC 3339 date-time (JSON Schema `format: date-time`, RFC 3339 §5.6), as Unix seconds:
/// `2026-11-23T09:30:00Z`, `…:00.5+09:00`; `t`, `z` and a space for `T` are accepted, as the
/// `time` crate does. Hand-written: `time`'s RFC 3339 parser costs 12.0 KB of wasm (twiggy,
/// retained by this function before wasm-opt) for what is 40 lines here; tests/date_time.rs
/// checks this against `time` on valid and broken dates.
pub fn parse_date_time(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |n, d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let leap_year = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [31, if leap_year { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let days_in_month = *month_days.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    if at(i, b".") {
        let digits = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        i += 1 + digits;
    }
    let offset = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            (h * 60 + m) * 60 * if *sign == b'-' { -1 } else { 1 }
        }
        _ => return None,
    };
    // A leap second is only ever the last second of a UTC day (RFC 3339 §5.7).
    let local = hour * 3600 + minute * 60 + second.min(59);
    if second == 60 && (local - offset).rem_euclid(86_400) != 86_399 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + local - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level
/// Date Algorithms").
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(schema: &Value, instance: &Value) -> Vec<Violation> {
        validate(schema, instance).unwrap()
    }

    fn paths(v: &[Violation]) -> Vec<(&str, &str)> {
        v.iter().map(|v| (v.path.as_str(), v.keyword.as_str())).collect()
    }

    #[test]
    fn lengths_are_characters() {
        let s = json!({"type": "string", "maxLength": 5});
        assert!(check(&s, &json!("Grüße")).is_empty());
        assert!(check(&s, &json!("日本語です")).is_empty());
        let v = check(&s, &json!("日本語ですよ"));
        assert_eq!(v[0].message, "is 6 characters long; the limit is 5");
    }

    #[test]
    fn model_max_length_on_arrays_means_items() {
        let s = json!({"type": "array", "maxLength": 5, "items": {"type": "string"}});
        assert!(check(&s, &json!(vec!["a"; 5])).is_empty());
        assert_eq!(paths(&check(&s, &json!(vec!["a"; 6]))), [("$", "maxLength")]);
    }

    #[test]
    fn refs_required_additional_and_paths() {
        let s = json!({
            "type": "object", "additionalProperties": false,
            "properties": {"attachments": {"type": "array", "items": {"$ref": "#/definitions/A"}}},
            "definitions": {"A": {"type": "object", "required": ["fileName"], "properties": {"fileName": {"type": "string"}}}}
        });
        let v = check(&s, &json!({"attachments": [{"fileName": "a"}, {}], "extra": 1, "we ird": 2}));
        assert_eq!(
            paths(&v),
            [("$.attachments[1].fileName", "required"), ("$.extra", "additionalProperties"), ("$[\"we ird\"]", "additionalProperties")]
        );
    }

    #[test]
    fn types_enum_format_numbers() {
        assert_eq!(check(&json!({"type": "string"}), &json!(3))[0].message, "must be a string, not an integer");
        assert!(check(&json!({"type": "number"}), &json!(3)).is_empty());
        assert!(check(&json!({"type": ["string", "null"]}), &json!(null)).is_empty());
        assert_eq!(check(&json!({"enum": ["a", "b"]}), &json!("c"))[0].keyword, "enum");
        let dt = json!({"type": "string", "format": "date-time"});
        assert!(check(&dt, &json!("2026-11-23T09:30:00Z")).is_empty());
        assert!(check(&dt, &json!("2026-11-23T09:30:00+09:00")).is_empty());
        assert_eq!(check(&dt, &json!("2026-11-23")).len(), 1);
        assert_eq!(check(&dt, &json!("2026-02-30T00:00:00Z")).len(), 1);
        assert_eq!(check(&json!({"minimum": 1, "exclusiveMinimum": true}), &json!(1))[0].keyword, "minimum");
    }

    #[test]
    fn refs_follow_json_pointers() {
        let root = json!({"definitions": {"a/b": {"type": "string"}, "t~n": {"type": "integer"}, "list": [{"type": "null"}]}});
        for (p, want) in [
            ("", Some(&root)),
            ("/definitions/a~1b", Some(&root["definitions"]["a/b"])),
            ("/definitions/t~0n", Some(&root["definitions"]["t~n"])),
            ("/definitions/list/0", Some(&root["definitions"]["list"][0])),
        ] {
            assert_eq!(pointer(&root, p), want, "{p}");
            assert_eq!(root.pointer(p), want, "serde_json agrees on {p}");
        }
        for p in ["definitions", "/definitions/list/01", "/definitions/list/x", "/definitions/list/+0", "/definitions/t~2n", "/nope"] {
            assert_eq!(pointer(&root, p), None, "{p}");
            assert_eq!(root.pointer(p), None, "serde_json agrees on {p}");
        }
    }

    #[test]
    fn combinators() {
        let s = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
        assert!(check(&s, &json!(1)).is_empty());
        assert_eq!(check(&s, &json!([]))[0].keyword, "anyOf");
        let s = json!({"oneOf": [{"type": "number"}, {"type": "integer"}]});
        assert_eq!(check(&s, &json!(1))[0].keyword, "oneOf");
        assert_eq!(check(&json!({"not": {"type": "null"}}), &json!(null))[0].keyword, "not");
    }

    #[test]
    fn ref_loops_and_dangling_refs_are_errors_not_crashes() {
        assert_eq!(validate(&json!({"$ref": "#"}), &json!({})), Err(Limit::SchemaRecursion));
        let dangling = json!({"properties": {"a": {"$ref": "#/definitions/Nope"}}});
        assert_eq!(check(&dangling, &json!({"a": 1}))[0].message, "the schema refers to #/definitions/Nope, which it does not define");
        let mut deep = json!(1);
        for _ in 0..200 {
            deep = json!([deep]);
        }
        assert_eq!(validate(&json!({"items": {"$ref": "#"}}), &deep), Err(Limit::BodyNesting));
    }

    /// Issue #12's hostile schemas: each ends in a typed error within the step budget, where they
    /// took 18.9 s and 146 s before.
    #[test]
    fn self_referencing_schemas_stop_within_the_budget() {
        let body = json!({"text": "hello", "attachments": [{"uploadDestinationId": "u", "fileName": "a"}]});
        for schema in [
            json!({"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}),
            json!({"allOf": [{"$ref": "#"}, {"$ref": "#"}]}),
            json!({"oneOf": [{"$ref": "#"}, {"$ref": "#"}, {"$ref": "#"}]}),
            json!({"not": {"anyOf": [{"$ref": "#"}, {"not": {"$ref": "#"}}]}}),
            json!({"type": "object", "anyOf": [{"$ref": "#/definitions/a"}, {"$ref": "#/definitions/a"}], "definitions": {"a": {"allOf": [{"$ref": "#"}, {"$ref": "#"}]}}}),
        ] {
            let e = validate(&schema, &body).unwrap_err();
            assert!(matches!(e, Limit::Work | Limit::SchemaRecursion), "{schema}: {e:?}");
            assert!(!e.is_body());
        }
        // The budget counts every step: a plain check of the largest body stays far below it.
        let big = json!({"attachments": vec![json!({"uploadDestinationId": "u", "fileName": "a"}); 300]});
        let schema = crate::catalogue::Operation::find("invoice").unwrap().builtin_schema().unwrap();
        let (violations, steps) = validate_counted(schema, &big).unwrap();
        assert_eq!(violations.len(), 1, "maxItems");
        assert!(steps < 2_000, "{steps}");
    }

    #[test]
    fn failure_messages_are_bounded() {
        // The worst input bench/policy.mjs found: a long enum of long values, a long failing array.
        // (199 values ran out of steps, a typed Limit::Work; 100 fit in the budget.)
        let allowed: Vec<Value> = (0..100).map(|i| Value::String(format!("{i}{}", "v".repeat(5_000)))).collect();
        let schema = json!({"type": "array", "items": {"enum": allowed}});
        let body = Value::Array(vec![json!("nope"); MAX_BODY_NODES - 2]);
        let (violations, steps) = validate_counted(&schema, &body).unwrap();
        assert_eq!(violations.len(), MAX_BODY_NODES - 2);
        let longest = violations.iter().map(|v| v.message.len()).max().unwrap();
        assert!(longest < 1_000, "{longest} bytes");
        assert!(violations[0].message.ends_with("… (90 more)"), "{}", violations[0].message);
        assert!(steps <= MAX_STEPS, "{steps}");
        let allowed: Vec<Value> = (0..199).map(|i| Value::String(format!("{i}{}", "v".repeat(5_000)))).collect();
        assert_eq!(validate(&json!({"type": "array", "items": {"enum": allowed}}), &body), Err(Limit::Work));
    }

    #[test]
    fn sizes_are_measured_before_any_work() {
        let wide = Value::Array(vec![json!(1); MAX_BODY_NODES]);
        assert_eq!(validate(&json!({}), &wide), Err(Limit::BodySize));
        let schema = json!({"enum": vec![json!("x"); MAX_SCHEMA_NODES]});
        assert_eq!(validate(&schema, &json!("x")), Err(Limit::SchemaSize));
        let (nodes, depth) = measure(&json!({"a": [1, {"b": null}]}), 100, 10);
        assert_eq!((nodes, depth), (5, 4));
        assert!(Limit::BodySize.is_body() && Limit::Work.message().contains("200000 steps"));
    }
}

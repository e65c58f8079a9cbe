//! Saved states read back with the care of any input (issue #11 item 1): a state comes from
//! storage that other code may have written, so its size is capped before parsing, every field is
//! type-checked, numbers must be finite and within range, and each problem is named by its path.
use serde_json::Value;

use super::FlowError;
use crate::caps::MAX_JSON_UNITS;
use crate::json::{kind, Object};

/// The version written into every saved state; another version is refused, never guessed at.
pub const VERSION: u64 = 1;

fn bad(path: &str, what: &str) -> FlowError {
    FlowError::State { message: format!("{path} {what}") }
}

/// Parse a saved state: JSON text of an object with `"v": 1`.
pub fn parse(text: &str) -> Result<Value, FlowError> {
    if text.len() > MAX_JSON_UNITS {
        return Err(bad("$", "is larger than any state the product writes"));
    }
    let v: Value = serde_json::from_str(text).map_err(|e| FlowError::State { message: crate::json::not_json(&e) })?;
    let fields = Fields::new(&v, "$")?;
    if fields.o.get("v").and_then(Value::as_u64) != Some(VERSION) {
        return Err(bad("$.v", "is not a state version this core reads"));
    }
    Ok(v)
}

/// An object's fields, with the path of the object for messages.
pub struct Fields<'a> {
    pub o: &'a Object,
    path: String,
}

impl<'a> Fields<'a> {
    pub fn new(v: &'a Value, path: &str) -> Result<Fields<'a>, FlowError> {
        match v {
            Value::Object(o) => Ok(Fields { o, path: path.to_owned() }),
            other => Err(bad(path, &format!("must be an object, not {}", kind(other)))),
        }
    }

    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    fn present(&self, key: &str) -> Option<&'a Value> {
        self.o.get(key).filter(|v| !v.is_null())
    }

    pub fn obj(&self, key: &str) -> Result<Fields<'a>, FlowError> {
        let v = self.present(key).ok_or_else(|| bad(&self.at(key), "is missing"))?;
        Fields::new(v, &self.at(key))
    }

    pub fn opt_obj(&self, key: &str) -> Result<Option<Fields<'a>>, FlowError> {
        self.present(key).map(|v| Fields::new(v, &self.at(key))).transpose()
    }

    pub fn value(&self, key: &str) -> Option<&'a Value> {
        self.present(key)
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>, FlowError> {
        match self.present(key) {
            None => Ok(None),
            Some(Value::String(s)) if s.len() <= 4096 => Ok(Some(s)),
            Some(Value::String(_)) => Err(bad(&self.at(key), "is longer than any value the product writes")),
            Some(other) => Err(bad(&self.at(key), &format!("must be a string, not {}", kind(other)))),
        }
    }

    pub fn str(&self, key: &str) -> Result<&'a str, FlowError> {
        self.opt_str(key)?.ok_or_else(|| bad(&self.at(key), "is missing"))
    }

    pub fn opt_num(&self, key: &str) -> Result<Option<f64>, FlowError> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => match v.as_f64().filter(|n| n.is_finite()) {
                Some(n) => Ok(Some(n)),
                None => Err(bad(&self.at(key), &format!("must be a finite number, not {}", kind(v)))),
            },
        }
    }

    /// A time in ms since the epoch: finite and not negative.
    pub fn opt_time(&self, key: &str) -> Result<Option<f64>, FlowError> {
        match self.opt_num(key)? {
            Some(t) if t < 0.0 => Err(bad(&self.at(key), "is not a time")),
            other => Ok(other),
        }
    }

    pub fn time(&self, key: &str) -> Result<f64, FlowError> {
        self.opt_time(key)?.ok_or_else(|| bad(&self.at(key), "is missing"))
    }

    /// A count from 0 to `max`.
    pub fn count(&self, key: &str, max: u32) -> Result<u32, FlowError> {
        match self.present(key) {
            None => Ok(0),
            Some(v) => match v.as_u64() {
                Some(n) if n <= u64::from(max) => Ok(n as u32),
                _ => Err(bad(&self.at(key), &format!("must be a whole number from 0 to {max}"))),
            },
        }
    }

    pub fn bool(&self, key: &str) -> Result<bool, FlowError> {
        match self.present(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(bad(&self.at(key), &format!("must be true or false, not {}", kind(other)))),
        }
    }

    /// One of `names`, as its index.
    pub fn one_of(&self, key: &str, names: &[&str]) -> Result<usize, FlowError> {
        let s = self.str(key)?;
        names.iter().position(|n| *n == s).ok_or_else(|| bad(&self.at(key), &format!("is not one of {}", names.join(", "))))
    }

    pub fn arr(&self, key: &str, max: usize) -> Result<&'a Vec<Value>, FlowError> {
        match self.present(key) {
            Some(Value::Array(a)) if a.len() <= max => Ok(a),
            Some(Value::Array(_)) => Err(bad(&self.at(key), &format!("has more than {max} entries"))),
            Some(other) => Err(bad(&self.at(key), &format!("must be an array, not {}", kind(other)))),
            None => Err(bad(&self.at(key), "is missing")),
        }
    }

    pub fn path(&self, key: &str) -> String {
        self.at(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_read_with_care() {
        assert!(parse("{").is_err());
        assert!(parse("[]").is_err());
        assert!(parse(r#"{"v":2}"#).is_err());
        assert!(parse(&" ".repeat(MAX_JSON_UNITS + 1)).is_err());
        let v = parse(r#"{"v":1,"n":1e308,"t":-1,"c":7,"s":5,"b":"x","o":{"k":[1,2,3]}}"#).unwrap();
        let f = Fields::new(&v, "$").unwrap();
        assert_eq!(f.opt_num("n").unwrap(), Some(1e308));
        assert_eq!(f.opt_time("t").unwrap_err(), FlowError::State { message: "$.t is not a time".into() });
        assert_eq!(f.count("c", 10).unwrap(), 7);
        assert!(f.count("c", 3).is_err());
        assert!(f.str("s").is_err());
        assert!(f.bool("b").is_err());
        assert_eq!(f.obj("o").unwrap().arr("k", 3).unwrap().len(), 3);
        assert_eq!(f.obj("o").unwrap().arr("k", 2).unwrap_err(), FlowError::State { message: "$.o.k has more than 2 entries".into() });
        assert_eq!(f.one_of("b", &["x", "y"]).unwrap(), 0);
        assert!(f.one_of("b", &["y"]).is_err());
        assert_eq!(f.str("missing").unwrap_err(), FlowError::State { message: "$.missing is missing".into() });
    }
}

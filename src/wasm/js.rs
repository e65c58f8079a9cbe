//! The few JavaScript built-ins the boundary uses, declared here rather than taken from js-sys.
//! js-sys (0.3.107) puts closure-invoking shims and its JSPI executor's waker functions into the
//! wasm's function table whatever the crate uses of it, where nothing can remove them. Measured on
//! the shipped wasm + glue (make build, gzip -9): 140,798 bytes with js-sys, 138,992 without.
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse`: throws on text that is not JSON.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    /// `JSON.stringify`: a string, or undefined for a value JSON cannot write (a function); throws on
    /// a cycle or a BigInt.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    pub fn json_stringify(v: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set, catch)]
    fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(js_name = Error)]
    type JsError;
    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsError;

    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    pub fn is_array(v: &JsValue) -> bool;

    /// A JS string.
    #[wasm_bindgen(is_type_of = JsValue::is_string)]
    pub type JsString;
    /// Its length in UTF-16 code units, read before it is copied into the core.
    #[wasm_bindgen(method, getter)]
    pub fn length(this: &JsString) -> u32;

    /// A `Uint8Array`.
    #[wasm_bindgen(js_name = Uint8Array)]
    pub type Bytes;
    #[wasm_bindgen(method, getter, js_name = length)]
    pub fn byte_length(this: &Bytes) -> u32;

    #[wasm_bindgen(js_namespace = Promise, js_name = reject)]
    pub fn promise_reject(reason: &JsValue) -> JsValue;

    #[wasm_bindgen(js_namespace = Date)]
    pub fn now() -> f64;
    #[wasm_bindgen(js_namespace = Math)]
    pub fn random() -> f64;
}

#[wasm_bindgen(inline_js = "export function bytes(a) { return a; }")]
extern "C" {
    /// The bytes of a `Uint8Array`, copied into the core.
    #[wasm_bindgen(js_name = bytes)]
    pub fn to_vec(a: &Bytes) -> Vec<u8>;
}

/// A property of an object (or undefined).
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    reflect_get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets a property; a target that refuses it keeps what it had.
pub fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = reflect_set(obj, &JsValue::from_str(key), value);
}

/// An `Error` with this message.
pub fn error(message: &str) -> JsValue {
    JsError::new(message).into()
}

/// A value that is a `Uint8Array`.
pub fn as_bytes(v: &JsValue) -> Option<&Bytes> {
    v.dyn_ref::<Bytes>()
}

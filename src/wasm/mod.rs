//! The wasm boundary: the only module that knows about JavaScript. It re-exports the core's pure
//! functions for live feedback in the UI and a `Client` that runs whole flows over gloo-net.
//! No business rule lives here (docs/style.md, bitwarden/sdk-internal).
mod client;
mod js;
mod rules;

pub use client::{Client, Run};

use js::JsString;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::caps::{MAX_ATTACHMENT_BYTES, MAX_BODY_BYTES, MAX_FILES, MAX_JSON_UNITS, MAX_TEXT_UNITS};
use crate::catalogue::{Api, Operation, OPERATIONS};
use crate::error::BuildError;
use crate::flow::{FileSpec, FlowError, QueuedReview, Schedule, Window};
use crate::hal::HalError;
use crate::http::HttpResponse;
use crate::ids::MARKETPLACES;
use crate::out::{self, Out, ToJson};
use crate::request::{self, ApiCall, Endpoint};
use crate::upload::FileInfo;

/// The values the core hands to JS: generated from the Rust types (src/typescript.rs).
#[wasm_bindgen(typescript_custom_section)]
const TS_OUTPUTS: &'static str = include_str!("types.d.ts");

/// What JS hands to the core, read by hand from JSON beside this file's readers (and `Finding`,
/// until the text policy's types derive their TypeScript too).
#[wasm_bindgen(typescript_custom_section)]
const TS_INPUTS: &'static str = r#"
/** A response as JS hands it to `parseResponse` (and as loggers receive it). */
export interface HttpResponse { status: number; headers?: [string, string][]; body?: string }
export interface Endpoint { region: Region; sandbox?: boolean; baseUrl?: string | null }
export interface Call {
  /** operationId or message kind, e.g. "createConfirmDeliveryDetails" or "confirmDeliveryDetails" */
  operation: string;
  orderId: string;
  /** exactly one */
  marketplaceIds: string[];
  body?: unknown;
  /** the JSON Schema the API returned for the action (`_embedded.schema`) */
  schema?: unknown;
  /** the seller confirmed the links in the text relate to this message */
  confirmLinks?: boolean;
}
export type Rule =
  | "empty" | "tooLong" | "html" | "email" | "phone" | "link"
  | "positiveReview" | "reviewGating" | "reviewIncentive" | "reviewChange";
/**
 * start/end are UTF-16 offsets: `text.slice(start, end)` is the offending part, from the first
 * triggering word to the last; `words` are each triggering word's span. `message` is English;
 * a UI shows its own `finding_<rule>` text with `excerpt` (the original text, ≤ 60 characters).
 */
export interface Finding {
  rule: Rule; severity: "error" | "confirm"; start: number; end: number; message: string;
  excerpt: string; words: [number, number][];
}
/** Every error thrown by this module. `kind` is stable; `details` carries the typed error. */
export interface CoreError extends Error {
  name: "SpOutreachError";
  kind: string;
  /** "build" (nothing was sent), "api" (Amazon answered), "lwa", "network", "timeout", "outcome" */
  source: "build" | "api" | "lwa" | "network" | "timeout" | "outcome";
  details: unknown;
}
export interface ClientConfig {
  clientId: string; clientSecret: string; refreshToken: string;
  region: Region; sandbox?: boolean;
  /** explicit SP-API base URL for local testing (uploads may then go to its origin too) */
  baseUrl?: string;
  /** explicit Login with Amazon base URL for local testing (the path /auth/o2/token is added) */
  lwaUrl?: string;
  /** kept between 100 ms and 2 minutes; 30 s when not given */
  timeoutMs?: number;
  /** a previous client's `state()` (access token, rate-limit buckets), to go on where it was */
  state?: string;
  /** stores the client's state; called, and awaited, before every request */
  saveState?: (state: string) => unknown;
  onRetry?: (info: RetryInfo) => void;
  /** loggers never receive a secret: the access token's header and the token request's and answer's bodies are hidden */
  logRequest?: (operation: string, request: HttpRequest) => void;
  logResponse?: (operation: string, response: HttpResponse) => void;
  logError?: (operation: string, error: CoreError) => void;
}
export interface FileUpload { fileName: string; contentType: string; bytes: Uint8Array }
/** A run that goes on from a stored state, and stores the state when a create is about to leave. */
export interface RunOptions { state?: string | null; onSave?: (state: string) => unknown }
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "ApiCall")]
    pub type JsCall;
    #[wasm_bindgen(typescript_type = "Endpoint")]
    pub type JsEndpoint;
    #[wasm_bindgen(typescript_type = "HttpResponse")]
    pub type JsHttpResponse;
    #[wasm_bindgen(typescript_type = "ClientConfig")]
    pub type JsClientConfig;
    #[wasm_bindgen(typescript_type = "FileUpload[]")]
    pub type JsFiles;
    #[wasm_bindgen(typescript_type = "RunOptions")]
    pub type JsRunOptions;
}

/// The one error shape JS sees: an `Error` named SpOutreachError with `kind`, `source`, `details`.
/// Generic only in the thin wrapper: the body exists once in the wasm, not once per details type.
pub(crate) fn core_error(source: &str, kind: &str, message: &str, details: &dyn ToJson) -> JsValue {
    error_with_details(source, kind, message, &out::text(details))
}

fn error_with_details(source: &str, kind: &str, message: &str, details: &str) -> JsValue {
    let e = js::error(message);
    js::set(&e, "name", &JsValue::from_str("SpOutreachError"));
    js::set(&e, "kind", &JsValue::from_str(kind));
    js::set(&e, "source", &JsValue::from_str(source));
    js::set(&e, "details", &js::json_parse(details).unwrap_or(JsValue::NULL));
    e
}

pub(crate) fn flow_error(e: &FlowError) -> JsValue {
    error_with_details(e.source(), e.kind(), &e.message(), &e.details_json())
}

pub(crate) fn build_error(e: &BuildError) -> JsValue {
    core_error("build", e.kind(), &e.to_string(), e)
}

fn hal_error(e: &HalError) -> JsValue {
    core_error("api", "malformedResponse", &e.to_string(), e)
}

/// Values cross the boundary as JSON text: written by crate::out on this side, read by the
/// engine's native `JSON.parse` on the other (and `JSON.stringify` + serde_json the other way).
/// Measured against serde-wasm-bindgen (which walks JS objects property by property through
/// imports): about 3× faster per call and ~40 KB less wasm.
pub(crate) fn to_js(v: &dyn ToJson) -> Result<JsValue, JsValue> {
    json_to_js(&out::text(v))
}

pub(crate) fn json_to_js(text: &str) -> Result<JsValue, JsValue> {
    js::json_parse(text)
}

/// An argument of the wrong type or size: the product's typed error, never a glue TypeError.
fn bad_argument(what: &str, why: &str) -> JsValue {
    core_error("build", "invalidArgument", &format!("{what} {why}"), &crate::json::obj(vec![("argument", what.into())]))
}

fn too_large(what: &str, limit: usize) -> JsValue {
    bad_argument(what, &format!("is larger than the {limit} the product takes"))
}

/// A JS string of at most `max` UTF-16 units, measured before it is copied into the core.
fn capped(v: &JsValue, what: &str, max: usize) -> Result<String, JsValue> {
    let Some(s) = v.dyn_ref::<JsString>() else { return Err(bad_argument(what, "must be a string")) };
    if s.length() as usize > max {
        return Err(too_large(what, max));
    }
    Ok(v.as_string().unwrap_or_default())
}

/// A string argument (ids, kinds, states: capped at MAX_JSON_UNITS).
pub(crate) fn arg(v: &JsValue, what: &str) -> Result<String, JsValue> {
    capped(v, what, MAX_JSON_UNITS)
}

/// An optional string argument: undefined and null are none.
pub(crate) fn opt_arg(v: &JsValue, what: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    arg(v, what).map(Some)
}

pub(crate) fn api_arg(v: &JsValue) -> Result<Api, JsValue> {
    match arg(v, "api")?.as_str() {
        "messaging" => Ok(Api::Messaging),
        "solicitations" => Ok(Api::Solicitations),
        other => Err(build_error(&BuildError::UnknownOperation(crate::ids::truncate(other)))),
    }
}

/// A JS value as JSON, then read into `T` by `read` (crate::json: no derived deserializers).
pub(crate) fn from_js<T>(v: JsValue, what: &'static str, read: impl FnOnce(Value) -> Result<T, String>) -> Result<T, JsValue> {
    read(js_json(&v, what)?).map_err(|why| malformed(what, &why))
}

fn malformed(what: &'static str, why: &str) -> JsValue {
    core_error("build", "invalidArgument", &format!("{what} is malformed: {why}"), &BuildError::MissingField(what))
}

/// A JS value's JSON (one function for every reader: the generic part stays small). Its text is
/// measured before it is copied into the core; undefined, functions and symbols read as null; a
/// cycle or a BigInt, which JSON cannot write, is malformed.
#[inline(never)]
fn js_json(v: &JsValue, what: &'static str) -> Result<Value, JsValue> {
    let text = match js::json_stringify(v) {
        Ok(t) => match t.dyn_ref::<JsString>() {
            None => "null".into(),
            Some(s) if s.length() as usize > MAX_JSON_UNITS => return Err(too_large(what, MAX_JSON_UNITS)),
            Some(_) => t.as_string().unwrap_or_default(),
        },
        Err(_) => return Err(malformed(what, "it cannot be written as JSON")),
    };
    serde_json::from_str(&text).map_err(|e| malformed(what, &crate::json::not_json(&e)))
}

fn any(v: Value) -> Result<Value, String> {
    Ok(v)
}

/// The bytes of a Uint8Array of at most `max` bytes, measured before they are copied.
fn bytes(v: &JsValue, what: &str, max: usize) -> Result<Vec<u8>, JsValue> {
    let Some(a) = js::as_bytes(v) else { return Err(bad_argument(what, "must be a Uint8Array")) };
    if a.byte_length() as usize > max {
        return Err(too_large(what, max));
    }
    Ok(js::to_vec(a))
}

/// `[{ fileName, contentType, bytes }]`: counted, and each measured, before any is read; the
/// flow checks each (name, type, size) before anything is sent. The bytes stay in JS for the upload (the driver sends
/// them); they are copied in only for their Content-MD5.
pub(crate) fn files(v: &JsValue) -> Result<Vec<FileSpec>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !js::is_array(v) {
        return Err(bad_argument("files", "must be an array"));
    }
    let count = js::get(v, "length").as_f64().unwrap_or_default() as usize;
    if count > MAX_FILES {
        return Err(too_large("files", MAX_FILES));
    }
    let (mut specs, mut total) = (Vec::new(), 0usize);
    for i in 0..count {
        let f = js::get(v, itoa::Buffer::new().format(i));
        let get = |k: &str| js::get(&f, k);
        let b = bytes(&get("bytes"), "a file's bytes", MAX_ATTACHMENT_BYTES - total.min(MAX_ATTACHMENT_BYTES))?;
        total += b.len();
        let info = FileInfo {
            file_name: capped(&get("fileName"), "a file name", 1000)?,
            content_type: capped(&get("contentType"), "a content type", 200)?,
            size: b.len(),
        };
        specs.push(FileSpec { md5: crate::upload::content_md5(&b), info });
    }
    Ok(specs)
}

/// Build the request for one call: method, URL, headers and body — or throw a CoreError and build nothing.
#[wasm_bindgen(js_name = buildRequest, unchecked_return_type = "HttpRequest")]
pub fn build_request(
    call: JsCall,
    endpoint: JsEndpoint,
    #[wasm_bindgen(unchecked_param_type = "string")] access_token: JsValue,
) -> Result<JsValue, JsValue> {
    let call = from_js(call.into(), "the call", ApiCall::from_value)?;
    let endpoint = from_js(endpoint.into(), "the endpoint", |v| Endpoint::from_value(&v))?;
    let req = request::build_call(&call, &endpoint, &arg(&access_token, "the access token")?).map_err(|e| build_error(&e))?;
    to_js(&req)
}

/// Check a message body against the operation's rules, the API's schema (when given) and the text
/// policy, for live feedback as the seller types.
#[wasm_bindgen(js_name = checkBody, unchecked_return_type = "Report & { valid: boolean; needsLinkConfirmation: boolean }")]
pub fn check_body(
    #[wasm_bindgen(unchecked_param_type = "string")] operation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] schema: JsValue,
) -> Result<JsValue, JsValue> {
    let op = Operation::find(&arg(&operation, "the operation")?).map_err(|e| build_error(&e))?;
    let body = if body.is_undefined() { Value::Null } else { from_js(body, "the body", any)? };
    let schema = if schema.is_undefined() || schema.is_null() { None } else { Some(from_js(schema, "the schema", any)?) };
    let report = request::check_body(op, &body, schema.as_ref());
    if let Some(e) = report.limit_error() {
        return Err(build_error(&e));
    }
    let mut o = Out::default();
    o.obj();
    report.fields(&mut o);
    o.key("valid").bool(report.is_valid()).key("needsLinkConfirmation").bool(report.needs_link_confirmation()).end();
    json_to_js(o.as_str())
}

/// Text-policy findings for a message text, with UTF-16 spans.
#[wasm_bindgen(js_name = lintText, unchecked_return_type = "Finding[]")]
pub fn lint_text(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::policy::lint(&capped(&text, "the text", MAX_TEXT_UNITS)?))
}

/// Parse a Messaging or Solicitations actions document.
#[wasm_bindgen(js_name = parseActions, unchecked_return_type = "Actions")]
pub fn parse_actions(
    #[wasm_bindgen(unchecked_param_type = "\"messaging\" | \"solicitations\"")] api: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let api = api_arg(&api)?;
    let actions = crate::hal::parse_actions(api, &capped(&body, "the body", MAX_BODY_BYTES)?).map_err(|e| hal_error(&e))?;
    to_js(&actions)
}

/// Parse any response of `operation`: the typed success, or throw a CoreError carrying Amazon's
/// error, request id, rate limit, retryability and a plain explanation.
#[wasm_bindgen(js_name = parseResponse, unchecked_return_type = "Success")]
pub fn parse_response(
    #[wasm_bindgen(unchecked_param_type = "string")] operation: JsValue,
    response: JsHttpResponse,
) -> Result<JsValue, JsValue> {
    let op = Operation::find(&arg(&operation, "the operation")?).map_err(|e| build_error(&e))?;
    let response = from_js(response.into(), "the response", |v| HttpResponse::from_value(&v))?;
    match crate::response::parse_response(op, &response) {
        Ok(s) => to_js(&s),
        Err(e) => Err(flow_error(&FlowError::Api(e))),
    }
}

/// The operation catalogue.
#[wasm_bindgen(unchecked_return_type = "OperationInfo[]")]
pub fn operations() -> Result<JsValue, JsValue> {
    to_js(&OPERATIONS.as_slice())
}

/// The 23 marketplaces and their regions.
#[wasm_bindgen(unchecked_return_type = "MarketplaceInfo[]")]
pub fn marketplaces() -> Result<JsValue, JsValue> {
    to_js(&MARKETPLACES.as_slice())
}

/// Base64 of the MD5 digest of `bytes`: the Uploads API's contentMD5. At most 10 MB, the most an
/// attachment can be (crate::caps).
#[wasm_bindgen(js_name = contentMd5)]
pub fn content_md5(#[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue) -> Result<String, JsValue> {
    Ok(crate::upload::content_md5(&self::bytes(&bytes, "the bytes", MAX_ATTACHMENT_BYTES)?))
}

/// An order joins the bulk queue: its first state, for `Client.runQueuedReview`. `earliest` and
/// `latest` (its delivery dates, ms) give the review window when known; `scheduleDay` is the day
/// of the window to send on when orders wait for their window (the marketplace's scheduling is
/// on), `null` when they do not.
#[wasm_bindgen(js_name = queueReview, unchecked_return_type = "QueuedReviewState")]
pub fn queue_review(
    #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] marketplace_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | null | undefined")] earliest: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | null | undefined")] latest: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | null | undefined")] schedule_day: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let window = earliest.as_f64().zip(latest.as_f64()).and_then(|(e, l)| Window::from_delivery(e, l));
    let day = schedule_day.as_f64();
    let schedule = Schedule { enabled: day.is_some(), day: day.filter(|d| *d >= 0.0).map_or(0, |d| d.min(24.0) as u32) };
    let Some(now) = now.as_f64().filter(|n| n.is_finite() && *n >= 0.0) else { return Err(bad_argument("now", "must be a time in ms")) };
    let mut q = QueuedReview::new(&arg(&order_id, "orderId")?, &arg(&marketplace_id, "marketplaceId")?, window, schedule, now)
        .map_err(|e| flow_error(&e))?;
    to_js(&q.state())
}

/// The core's version, as in its user-agent.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

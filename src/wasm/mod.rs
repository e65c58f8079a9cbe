//! The wasm boundary: the only module that knows about JavaScript. It re-exports the core's pure
//! functions for live feedback in the UI and a `Client` that runs whole flows over gloo-net.
//! No business rule lives here (docs/style.md, bitwarden/sdk-internal).
mod client;
mod fetch;
mod rules;

pub use client::Client;

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::catalogue::{Api, Operation, OPERATIONS};
use crate::error::BuildError;
use crate::hal::HalError;
use crate::http::HttpResponse;
use crate::ids::MARKETPLACES;
use crate::lwa::LwaError;
use crate::request::{self, ApiCall, Endpoint};
use crate::response::ApiError;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export type Region = "na" | "eu" | "fe";
export type HttpMethod = "GET" | "POST" | "PUT";
export interface HttpRequest { method: HttpMethod; url: string; headers: [string, string][]; body: string | null }
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
export interface Violation { path: string; keyword: string; message: string }
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
export interface Report { violations: Violation[]; findings: Finding[]; valid: boolean; needsLinkConfirmation: boolean }
export interface Action { name: string; operationId: string | null; href: string; title: string | null; schema: Record<string, unknown> | null }
export interface Actions { selfHref: string | null; actions: Action[] }
export interface BodySpec { textMax: number | null; attachmentsMin: number | null; coverageDates: boolean }
export interface OperationInfo {
  operationId: string; action: string; api: "messaging" | "solicitations" | "uploads" | "orders" | "sellers"; method: HttpMethod; path: string;
  body: BodySpec | null; rate: { perSecond: number; burst: number }; role: string; legacy: boolean; creates: boolean;
}
/** `name` is the sales-channel name, e.g. "Amazon.ca" */
export interface MarketplaceInfo { id: string; country: string; region: Region; name: string }
export interface UploadDestination { uploadDestinationId: string; url: string; headers: [string, string][] }
export type Success =
  | ({ type: "actions" } & Actions)
  | { type: "attributes"; locale: string | null }
  | { type: "created" }
  | ({ type: "uploadDestination" } & UploadDestination)
  | { type: "order"; order: Order }
  | { type: "orders"; orders: Order[]; nextToken: string | null }
  | { type: "participations"; participations: Participation[] };
/** Every error thrown by this module. `kind` is stable; `details` carries the typed error. */
export interface CoreError extends Error {
  name: "SpOutreachError";
  kind: string;
  /** "build" (nothing was sent), "api" (Amazon answered), "lwa", "network", "timeout", "outcome" */
  source: "build" | "api" | "lwa" | "network" | "timeout" | "outcome";
  details: unknown;
}
export interface RetryInfo { operation: string; attempt: number; waitMs: number; reason: string }
export interface ClientConfig {
  clientId: string; clientSecret: string; refreshToken: string;
  region: Region; sandbox?: boolean;
  /** explicit SP-API base URL for local testing */
  baseUrl?: string;
  /** explicit Login with Amazon base URL for local testing (the path /auth/o2/token is added) */
  lwaUrl?: string;
  timeoutMs?: number;
  /** a previous client's `limiterState()`, to go on with its rate-limit buckets */
  limiterState?: string;
  /** requests that may have left after that state was saved: a token less per bucket for each */
  limiterInFlight?: number;
  onRetry?: (info: RetryInfo) => void;
  /** loggers receive requests and responses with the access token, refresh token and client secret redacted */
  logRequest?: (operation: string, request: HttpRequest) => void;
  logResponse?: (operation: string, response: HttpResponse) => void;
  logError?: (operation: string, error: CoreError) => void;
}
export interface FileUpload { fileName: string; contentType: string; bytes: Uint8Array }
export interface ReviewResult {
  status: "requested" | "notEligible";
  orderId: string;
  /** why not, when notEligible: "notOffered" or Amazon's refusal kind */
  reason: string | null;
  requestId: string | null;
  /** the outcome was unknown after the send and was settled by reading the actions again */
  verified: boolean;
  explanation: string;
}
export interface MessageResult { status: "sent"; kind: string; orderId: string; requestId: string | null; verified: boolean; attachments: { uploadDestinationId: string; fileName: string }[] }
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
}

/// The one error shape JS sees: an `Error` named SpOutreachError with `kind`, `source`, `details`.
/// Generic only in the thin wrapper: the body exists once in the wasm, not once per details type.
pub(crate) fn core_error(source: &str, kind: &str, message: &str, details: &impl Serialize) -> JsValue {
    error_with_details(source, kind, message, &json_text(details))
}

fn error_with_details(source: &str, kind: &str, message: &str, details: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name("SpOutreachError");
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&e, &JsValue::from_str(k), &v);
    };
    set("kind", JsValue::from_str(kind));
    set("source", JsValue::from_str(source));
    set("details", js_sys::JSON::parse(details).unwrap_or(JsValue::NULL));
    e.into()
}

pub(crate) fn build_error(e: &BuildError) -> JsValue {
    core_error("build", e.kind(), &e.to_string(), e)
}

/// A unit enum's serialized name ("quotaExceeded"), as its JSON text without the quotes.
fn variant_name(v: &impl Serialize) -> String {
    json_text(v).trim_matches('"').to_owned()
}

pub(crate) fn api_error(e: &ApiError) -> JsValue {
    core_error("api", &variant_name(&e.kind), &e.explanation, e)
}

pub(crate) fn lwa_error(e: &LwaError) -> JsValue {
    let kind = variant_name(&e.kind);
    // "lwa" + the kind with its first letter upper-cased: lwaInvalidGrant, lwaInvalidClient, …
    let mut chars = kind.chars();
    let kind: String = chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
    core_error("lwa", &format!("lwa{kind}"), &e.explanation, e)
}

fn hal_error(e: &HalError) -> JsValue {
    core_error("api", "malformedResponse", &e.to_string(), e)
}

/// JSON text of a value; "null" in the impossible case that it cannot be written.
fn json_text(v: &impl Serialize) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// Values cross the boundary as JSON text: serde_json on this side, the engine's native
/// `JSON.parse`/`JSON.stringify` on the other. Measured against serde-wasm-bindgen (which walks JS
/// objects property by property through imports): about 3× faster per call and ~40 KB less wasm.
pub(crate) fn to_js(v: &impl Serialize) -> Result<JsValue, JsValue> {
    parse_js(&json_text(v))
}

fn parse_js(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// A JS value as JSON, then read into `T` by `read` (crate::json: no derived deserializers).
pub(crate) fn from_js<T>(v: JsValue, what: &'static str, read: impl FnOnce(Value) -> Result<T, String>) -> Result<T, JsValue> {
    let malformed = |why: String| {
        let err = BuildError::MissingField(what);
        core_error("build", "invalidArgument", &format!("{what} is malformed: {why}"), &err)
    };
    // undefined (and functions) stringify to undefined: read them as null.
    let text = js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "null".into());
    let value: Value = serde_json::from_str(&text).map_err(|e| malformed(crate::json::not_json(&e)))?;
    read(value).map_err(malformed)
}

fn any(v: Value) -> Result<Value, String> {
    Ok(v)
}

/// Build the request for one call: method, URL, headers and body — or throw a CoreError and build nothing.
#[wasm_bindgen(js_name = buildRequest, unchecked_return_type = "HttpRequest")]
pub fn build_request(call: JsCall, endpoint: JsEndpoint, access_token: &str) -> Result<JsValue, JsValue> {
    let call = from_js(call.into(), "the call", ApiCall::from_value)?;
    let endpoint = from_js(endpoint.into(), "the endpoint", |v| Endpoint::from_value(&v))?;
    let req = request::build_call(&call, &endpoint, access_token).map_err(|e| build_error(&e))?;
    to_js(&req)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportJs<'a> {
    #[serde(flatten)]
    report: &'a request::Report,
    valid: bool,
    needs_link_confirmation: bool,
}

/// Check a message body against the operation's rules, the API's schema (when given) and the text
/// policy, for live feedback as the seller types.
#[wasm_bindgen(js_name = checkBody, unchecked_return_type = "Report")]
pub fn check_body(
    operation: &str,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] schema: JsValue,
) -> Result<JsValue, JsValue> {
    let op = Operation::find(operation).map_err(|e| build_error(&e))?;
    let body = if body.is_undefined() { Value::Null } else { from_js(body, "the body", any)? };
    let schema = if schema.is_undefined() || schema.is_null() { None } else { Some(from_js(schema, "the schema", any)?) };
    let report = request::check_body(op, &body, schema.as_ref());
    if let Some(e) = report.limit_error() {
        return Err(build_error(&e));
    }
    to_js(&ReportJs { valid: report.is_valid(), needs_link_confirmation: report.needs_link_confirmation(), report: &report })
}

/// Text-policy findings for a message text, with UTF-16 spans.
#[wasm_bindgen(js_name = lintText, unchecked_return_type = "Finding[]")]
pub fn lint_text(text: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::policy::lint(text))
}

/// Parse a Messaging or Solicitations actions document.
#[wasm_bindgen(js_name = parseActions, unchecked_return_type = "Actions")]
pub fn parse_actions(
    #[wasm_bindgen(unchecked_param_type = "\"messaging\" | \"solicitations\"")] api: &str,
    body: &str,
) -> Result<JsValue, JsValue> {
    let api = match api {
        "messaging" => Api::Messaging,
        "solicitations" => Api::Solicitations,
        other => return Err(build_error(&BuildError::UnknownOperation(crate::ids::truncate(other)))),
    };
    let actions = crate::hal::parse_actions(api, body).map_err(|e| hal_error(&e))?;
    to_js(&actions)
}

/// Parse any response of `operation`: the typed success, or throw a CoreError carrying Amazon's
/// error, request id, rate limit, retryability and a plain explanation.
#[wasm_bindgen(js_name = parseResponse, unchecked_return_type = "Success")]
pub fn parse_response(operation: &str, response: JsHttpResponse) -> Result<JsValue, JsValue> {
    let op = Operation::find(operation).map_err(|e| build_error(&e))?;
    let response = from_js(response.into(), "the response", |v| HttpResponse::from_value(&v))?;
    match crate::response::parse_response(op, &response) {
        Ok(s) => to_js(&s),
        Err(e) => Err(api_error(&e)),
    }
}

/// The operation catalogue.
#[wasm_bindgen(unchecked_return_type = "OperationInfo[]")]
pub fn operations() -> Result<JsValue, JsValue> {
    to_js(&OPERATIONS)
}

/// The 23 marketplaces and their regions.
#[wasm_bindgen(unchecked_return_type = "MarketplaceInfo[]")]
pub fn marketplaces() -> Result<JsValue, JsValue> {
    to_js(&MARKETPLACES)
}

/// Base64 of the MD5 digest of `bytes`: the Uploads API's contentMD5.
#[wasm_bindgen(js_name = contentMd5)]
pub fn content_md5(bytes: &[u8]) -> String {
    crate::upload::content_md5(bytes)
}

/// The core's version, as in its user-agent.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

//! Amazon's rules for the JS shell, each written once in the core (issue #11 item 3): the review
//! window, marketplaces by sales-channel name, regions by Seller Central host, and the constants
//! the shell shares with the core. Pure functions; arguments are checked here, so a wrongly typed
//! one is the product's typed error (`invalidArgument`), not a glue TypeError (issue #12).
use wasm_bindgen::prelude::*;

use super::{core_error, to_js};
use crate::autopilot::{self, Field, Plan, Setting};
use crate::error::BuildError;
use crate::ids::{Marketplace, Region};
use crate::window::review_window_at;

#[wasm_bindgen(typescript_custom_section)]
const TS_RULES: &'static str = r#"
/** What `buildRequest` builds: an order's Messaging/Solicitations call, or an Orders or Sellers read. */
export type ApiCall = Call | GetOrderCall | SearchOrdersCall | { operation: "getMarketplaceParticipations" };
export type IncludedData = "BUYER" | "RECIPIENT" | "PROCEEDS" | "EXPENSE" | "PROMOTION" | "CANCELLATION" | "FULFILLMENT" | "PACKAGES" | "TAX" | "PAYMENT" | "FULFILLMENT_ORDERS";
export type FulfillmentStatus = "PENDING_AVAILABILITY" | "PENDING" | "UNSHIPPED" | "PARTIALLY_SHIPPED" | "SHIPPED" | "CANCELLED" | "UNFULFILLABLE";
/** Orders 2026-01-01 getOrder. Ask for FULFILLMENT (and PACKAGES): without it an order has no status or delivery window. */
export interface GetOrderCall { operation: "getOrder"; orderId: string; includedData?: IncludedData[] }
/** Orders 2026-01-01 searchOrders: exactly one of createdAfter / lastUpdatedAfter; dates as RFC 3339 text. */
export interface SearchOrdersCall {
  operation: "searchOrders";
  createdAfter?: string; createdBefore?: string; lastUpdatedAfter?: string; lastUpdatedBefore?: string;
  fulfillmentStatuses?: FulfillmentStatus[];
  /** at most 50, all of the endpoint's region */
  marketplaceIds?: string[];
  fulfilledBy?: ("MERCHANT" | "AMAZON")[];
  /** 1 to 100 (Amazon's default: 100) */
  maxResultsPerPage?: number;
  /** `nextToken` of the previous page */
  paginationToken?: string;
  includedData?: IncludedData[];
}
/** Times are milliseconds since the Unix epoch. */
export interface DateRange { earliest: number | null; latest: number | null }
export interface Package { packageReferenceId: string; status: string | null; detailedStatus: string | null; shippedAt: number | null }
export interface Order {
  orderId: string;
  /** "AMAZON" or "NON_AMAZON" */
  salesChannel: string;
  /** the marketplace every call about this order must name */
  marketplaceId: string | null;
  marketplaceName: string | null;
  purchasedAt: number;
  lastUpdatedAt: number;
  /** null without includedData FULFILLMENT; a status the model does not list comes as Amazon wrote it */
  fulfillmentStatus: FulfillmentStatus | (string & {}) | null;
  fulfilledBy: "AMAZON" | "MERCHANT" | (string & {}) | null;
  /** the promised delivery dates the review window counts from */
  deliverBy: DateRange | null;
  /** with includedData PACKAGES (merchant-fulfilled orders only) */
  packages: Package[] | null;
}
export interface Participation {
  marketplaceId: string; countryCode: string; name: string; domainName: string | null; storeName: string | null;
  /** null for a marketplace id the core does not know */
  region: Region | null;
  participating: boolean; suspendedListings: boolean;
}
export type WindowState = "notYet" | "open" | "closed" | "notShipped" | "unknown";
/** `opensAt` / `closesAt` in ms ("opens around …", "closed since …"), null when the delivery dates are unknown. */
export interface ReviewWindow { state: WindowState; opensAt: number | null; closesAt: number | null }
/** The autopilot's decision for one order (issue #14): hand it to the queue at `at` (ms), skip it for good, or wait for a later look. */
export type AutopilotPlan = { plan: "send"; at: number } | { plan: "skip" | "wait"; reason: string };
/** An order as the autopilot plans it, from its Orders API read. */
export interface AutopilotOrder { status: string | null; earliest: number | null; latest: number | null }
/** A marketplace's autopilot setting: the day within the window (0: the first eligible day) and an optional daily cap. */
export interface AutopilotSetting { day: number; cap: number | null }
export interface CoreRules {
  /** the uploadDestinationId an attachment carries while the body is checked before its upload */
  uploadPlaceholderId: string;
  reviewWindowOpensAfterDays: number;
  reviewWindowClosesAfterDays: number;
  maxAttachments: number;
}
"#;

/// A wrongly typed argument, as the product's error.
fn invalid(what: &'static str, why: &str) -> JsValue {
    core_error("build", "invalidArgument", &format!("{what} is malformed: {why}"), &BuildError::MissingField(what))
}

/// Where an order stands in Amazon's review window at `nowMs`: from 5 days after the earliest to
/// 30 days after the latest delivery date, shipped orders only (facts.md "Business rules"). Give
/// an `Order`'s `fulfillmentStatus`, `deliverBy.earliest` and `deliverBy.latest`.
// Plain arguments rather than the order object: no shape to check at the boundary, and the
// shell may pass what it cached of an order.
#[wasm_bindgen(js_name = reviewWindow, unchecked_return_type = "ReviewWindow")]
pub fn review_window(
    #[wasm_bindgen(js_name = fulfillmentStatus)] fulfillment_status: Option<String>,
    #[wasm_bindgen(js_name = earliestDelivery)] earliest: Option<f64>,
    #[wasm_bindgen(js_name = latestDelivery)] latest: Option<f64>,
    #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
) -> Result<JsValue, JsValue> {
    let w = review_window_at(fulfillment_status.as_deref(), earliest, latest, now_ms).map_err(|why| invalid("a time", &why))?;
    to_js(&w)
}

/// A text argument, or the product's error: a `&str` parameter would let the glue throw its own
/// TypeError for a number (issue #12).
fn text_arg(v: &JsValue, what: &'static str) -> Result<String, JsValue> {
    v.as_string().ok_or_else(|| invalid(what, "it must be a string"))
}

fn text_or_null(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

/// The id of the marketplace a sales-channel text names ("Amazon.ca" → "A2EUQ1WTGCTBG2"), or
/// null. A page hint, for when the Orders API can't say: never a default to send with.
#[wasm_bindgen(js_name = marketplaceForChannel, unchecked_return_type = "string | null")]
pub fn marketplace_for_channel(#[wasm_bindgen(unchecked_param_type = "string")] channel: JsValue) -> Result<JsValue, JsValue> {
    Ok(text_or_null(Marketplace::by_channel(&text_arg(&channel, "the sales channel")?).map(|m| m.id)))
}

/// The region of a Seller Central host name (`location.hostname`), or null for any other host.
#[wasm_bindgen(js_name = regionForHost, unchecked_return_type = "Region | null")]
pub fn region_for_host(#[wasm_bindgen(unchecked_param_type = "string")] host: JsValue) -> Result<JsValue, JsValue> {
    Ok(text_or_null(Region::for_seller_central_host(&text_arg(&host, "the host")?).map(Region::as_str)))
}

/// The constants the shell shares with the core, as JSON text written once here (a test checks
/// it against the Rust constants: tests/rules.rs).
pub const RULES_JSON: &str =
    r#"{"uploadPlaceholderId":"pending-upload","reviewWindowOpensAfterDays":5,"reviewWindowClosesAfterDays":30,"maxAttachments":5}"#;

/// The constants the shell shares with the core.
#[wasm_bindgen(unchecked_return_type = "CoreRules")]
pub fn rules() -> Result<JsValue, JsValue> {
    super::json_to_js(RULES_JSON)
}

/// What is wrong with a pasted credential (`field`: "clientId", "clientSecret" or "refreshToken"),
/// as a code the options page words (`shape_<code>`), or null when its shape is right.
#[wasm_bindgen(js_name = checkCredential, unchecked_return_type = "string | null")]
pub fn check_credential(
    #[wasm_bindgen(unchecked_param_type = "\"clientId\" | \"clientSecret\" | \"refreshToken\"")] field: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(field) = Field::parse(&text_arg(&field, "the field")?) else { return Err(invalid("the field", "not a credential field")) };
    // Measured before it is copied: a paste of a whole file is "too long", not work.
    let value = super::capped(&value, "the value", 100_000)?;
    Ok(text_or_null(autopilot::check_credential(field, &value)))
}

/// Where the autopilot's next `searchOrders` starts (`lastUpdatedAfter`, ms): the first time 35
/// days back, then a little before the previous look.
#[wasm_bindgen(js_name = lookSince)]
pub fn look_since(
    #[wasm_bindgen(js_name = lastLookMs, unchecked_param_type = "number | null | undefined")] last_look_ms: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
) -> Result<f64, JsValue> {
    let last = if last_look_ms.is_null() || last_look_ms.is_undefined() { None } else { Some(time_arg(&last_look_ms)?) };
    Ok(autopilot::look_since(last, time_arg(&now_ms)?) as f64)
}

/// A time in ms (a JS number within ±2^53), or the product's error.
fn time_arg(v: &JsValue) -> Result<i64, JsValue> {
    match v.as_f64() {
        Some(t) if t.is_finite() && t.abs() <= 9.0e15 => Ok(t as i64),
        _ => Err(invalid("a time", "it must be a number of ms")),
    }
}

/// The autopilot's rule for one order found by its search: canceled never, shipped ones on the
/// seller's day of the review window or the next day under the daily cap. `fullDays`: the UTC
/// days (ms at 00:00) already at the cap in the order's marketplace.
#[wasm_bindgen(js_name = planAutopilot, unchecked_return_type = "AutopilotPlan")]
pub fn plan_autopilot(
    #[wasm_bindgen(unchecked_param_type = "AutopilotOrder")] order: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AutopilotSetting")] setting: JsValue,
    #[wasm_bindgen(js_name = fullDays, unchecked_param_type = "number[]")] full_days: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
) -> Result<JsValue, JsValue> {
    let now_ms = time_arg(&now_ms)?;
    let o = super::from_js(order, "the order", Ok)?;
    let s = super::from_js(setting, "the setting", Ok)?;
    let days: Vec<i64> = super::from_js(full_days, "fullDays", |v| match v {
        serde_json::Value::Array(a) if a.len() <= autopilot::MAX_FULL_DAYS => {
            a.iter().map(|d| d.as_i64().ok_or_else(|| "a day is not a whole number".to_owned())).collect()
        }
        _ => Err(format!("must be an array of at most {} days", autopilot::MAX_FULL_DAYS)),
    })?;
    let int = |v: &serde_json::Value, k: &str| v.get(k).and_then(serde_json::Value::as_i64);
    let setting =
        Setting { day: int(&s, "day").unwrap_or(0), cap: int(&s, "cap").map(|c| c.max(0).min(i64::from(autopilot::MAX_CAP)) as u32) };
    let plan = autopilot::plan(
        o.get("status").and_then(serde_json::Value::as_str),
        int(&o, "earliest"),
        int(&o, "latest"),
        setting,
        &days,
        now_ms,
    );
    let text = match plan {
        Plan::Send { at } => format!(r#"{{"plan":"send","at":{at}}}"#),
        Plan::Skip(r) => format!(r#"{{"plan":"skip","reason":"{r}"}}"#),
        Plan::Wait(r) => format!(r#"{{"plan":"wait","reason":"{r}"}}"#),
    };
    super::json_to_js(&text)
}

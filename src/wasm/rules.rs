//! Amazon's rules for the JS shell, each written once in the core (issue #11 item 3): the review
//! window, marketplaces by sales-channel name, regions by Seller Central host, and the constants
//! the shell shares with the core. Pure functions; arguments are checked here, so a wrongly typed
//! one is the product's typed error (`invalidArgument`), not a glue TypeError (issue #12).
use wasm_bindgen::prelude::*;

use super::{core_error, to_js};
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

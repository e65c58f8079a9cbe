//! Every operation the product calls, in one table. `tests/catalogue_drift.rs` checks this table
//! against Amazon's models in ../shared/spapi/models so it cannot drift.
use serde::Serialize;
use serde_json::Value;
use std::sync::OnceLock;

use crate::error::BuildError;
use crate::out::{Out, ToJson};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Api {
    Messaging,
    Solicitations,
    Uploads,
    /// Orders 2026-01-01 (models/orders_2026-01-01.json): which marketplace an order belongs to, its
    /// status and delivery window — what every send decision rests on (issue #10).
    Orders,
    /// Sellers v1 (models/sellers.json): the marketplaces the seller sells in.
    Sellers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// A token bucket's refill rate and size, from each operation's "Usage plan" table in the models.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub per_second: f64,
    pub burst: u32,
}

/// 1 request/s, burst 5: every Messaging and Solicitations operation (facts.md "Rate limits").
pub const MESSAGING_RATE: Rate = Rate { per_second: 1.0, burst: 5 };
/// 10 requests/s, burst 10: uploads_2020-11-01.json createUploadDestinationForResource.
pub const UPLOADS_RATE: Rate = Rate { per_second: 10.0, burst: 10 };
/// orders_2026-01-01.json getOrder: 0.5/s, burst 30 (facts.md "Orders and the seller's marketplaces").
pub const GET_ORDER_RATE: Rate = Rate { per_second: 0.5, burst: 30 };
/// orders_2026-01-01.json searchOrders: 0.0056/s (one call every three minutes), burst 20.
pub const SEARCH_ORDERS_RATE: Rate = Rate { per_second: 0.0056, burst: 20 };
/// sellers.json getMarketplaceParticipations: 0.016/s, burst 15.
pub const PARTICIPATIONS_RATE: Rate = Rate { per_second: 0.016, burst: 15 };

/// The roles an app needs for each API, as Seller Central's Develop Apps page names them
/// (facts.md "Rate limits"/"Roles" and "Orders and the seller's marketplaces"; the Sellers API's
/// from Amazon's role table for it, developer-docs.amazon.com/sp-api/docs/sellers-api).
const BUYER_COMMUNICATION: &str = "Buyer Communication";
const BUYER_SOLICITATION: &str = "Buyer Solicitation (or Product Listing)";
const ORDER_TRACKING: &str = "Inventory and Order Tracking";
const SELLERS_ROLES: &str = "Product Listing (or Selling Partner Insights)";

/// What a message body may carry. The models give lengths in characters and write the
/// 5-attachment limit as `maxLength: 5` on arrays (facts.md "Model quirks").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BodySpec {
    /// Maximum characters of `text` (minimum is always 1), when the kind carries text.
    pub text_max: Option<u32>,
    /// Attachments: None = not accepted; Some(min) = accepted, at least `min`, at most 5.
    pub attachments_min: Option<u32>,
    /// `coverageStartDate` / `coverageEndDate` (warranty only).
    pub coverage_dates: bool,
}

pub const MAX_ATTACHMENTS: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "OperationInfo"))]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// The model's operationId, e.g. `createConfirmDeliveryDetails`.
    pub operation_id: &'static str,
    /// The HAL action name the actions response uses for it, e.g. `confirmDeliveryDetails`.
    pub action: &'static str,
    pub api: Api,
    pub method: Method,
    /// Path template with `{amazonOrderId}` (or `{resource}` for uploads).
    pub path: &'static str,
    /// `None`: the operation takes no body.
    pub body: Option<BodySpec>,
    pub rate: Rate,
    /// The role the app needs (a 403 "access denied" names it).
    pub role: &'static str,
    /// Dropped from Amazon's newest model but still supported (negativeFeedbackRemoval, amazonMotors).
    pub legacy: bool,
    /// A POST that changes something for the buyer: an unknown outcome must be verified, never resent.
    pub creates: bool,
}

const fn read(operation_id: &'static str, action: &'static str, api: Api, path: &'static str) -> Operation {
    let role = if matches!(api, Api::Solicitations) { BUYER_SOLICITATION } else { BUYER_COMMUNICATION };
    Operation {
        operation_id,
        action,
        api,
        method: Method::Get,
        path,
        body: None,
        rate: MESSAGING_RATE,
        role,
        legacy: false,
        creates: false,
    }
}

const fn message(operation_id: &'static str, action: &'static str, path: &'static str, body: Option<BodySpec>, legacy: bool) -> Operation {
    let (api, method, rate, role) = (Api::Messaging, Method::Post, MESSAGING_RATE, BUYER_COMMUNICATION);
    Operation { operation_id, action, api, method, path, body, rate, role, legacy, creates: true }
}

/// A read of the Orders or Sellers API: no HAL action, so its "action" is its operationId.
const fn lookup(operation_id: &'static str, api: Api, path: &'static str, rate: Rate, role: &'static str) -> Operation {
    Operation { operation_id, action: operation_id, api, method: Method::Get, path, body: None, rate, role, legacy: false, creates: false }
}

const fn text(max: u32, attachments: bool) -> Option<BodySpec> {
    Some(BodySpec { text_max: Some(max), attachments_min: if attachments { Some(0) } else { None }, coverage_dates: false })
}

const fn files(min: u32, coverage_dates: bool) -> Option<BodySpec> {
    Some(BodySpec { text_max: None, attachments_min: Some(min), coverage_dates })
}

const M: &str = "/messaging/v1/orders/{amazonOrderId}";

/// How many operations the table holds.
pub const OPERATION_COUNT: usize = 19;

/// The table. Text limits and body fields from models/messaging.json definitions; the two legacy
/// kinds from models/messaging_legacy_2025-07-30.json; the Orders and Sellers reads from
/// models/orders_2026-01-01.json and sellers.json.
pub static OPERATIONS: [Operation; OPERATION_COUNT] = [
    read("getSolicitationActionsForOrder", "solicitationActions", Api::Solicitations, "/solicitations/v1/orders/{amazonOrderId}"),
    Operation {
        operation_id: "createProductReviewAndSellerFeedbackSolicitation",
        action: "productReviewAndSellerFeedback",
        api: Api::Solicitations,
        method: Method::Post,
        path: "/solicitations/v1/orders/{amazonOrderId}/solicitations/productReviewAndSellerFeedback",
        body: None,
        rate: MESSAGING_RATE,
        role: BUYER_SOLICITATION,
        legacy: false,
        creates: true,
    },
    read("getMessagingActionsForOrder", "messagingActions", Api::Messaging, M),
    read("GetAttributes", "attributes", Api::Messaging, "/messaging/v1/orders/{amazonOrderId}/attributes"),
    message(
        "confirmCustomizationDetails",
        "confirmCustomizationDetails",
        "/messaging/v1/orders/{amazonOrderId}/messages/confirmCustomizationDetails",
        text(800, true),
        false,
    ),
    message(
        "createConfirmDeliveryDetails",
        "confirmDeliveryDetails",
        "/messaging/v1/orders/{amazonOrderId}/messages/confirmDeliveryDetails",
        text(2000, false),
        false,
    ),
    // Attachments are the whole message here; an empty one says nothing, so the built-in rule asks for one.
    message(
        "createLegalDisclosure",
        "legalDisclosure",
        "/messaging/v1/orders/{amazonOrderId}/messages/legalDisclosure",
        files(1, false),
        false,
    ),
    // The legacy model gives this operation no body parameter at all.
    message(
        "createNegativeFeedbackRemoval",
        "negativeFeedbackRemoval",
        "/messaging/v1/orders/{amazonOrderId}/messages/negativeFeedbackRemoval",
        None,
        true,
    ),
    message(
        "createConfirmOrderDetails",
        "confirmOrderDetails",
        "/messaging/v1/orders/{amazonOrderId}/messages/confirmOrderDetails",
        text(2000, false),
        false,
    ),
    message(
        "createConfirmServiceDetails",
        "confirmServiceDetails",
        "/messaging/v1/orders/{amazonOrderId}/messages/confirmServiceDetails",
        text(2000, false),
        false,
    ),
    message("CreateAmazonMotors", "amazonMotors", "/messaging/v1/orders/{amazonOrderId}/messages/amazonMotors", files(1, false), true),
    message("CreateWarranty", "warranty", "/messaging/v1/orders/{amazonOrderId}/messages/warranty", files(1, true), false),
    message(
        "createDigitalAccessKey",
        "digitalAccessKey",
        "/messaging/v1/orders/{amazonOrderId}/messages/digitalAccessKey",
        text(400, true),
        false,
    ),
    message(
        "createUnexpectedProblem",
        "unexpectedProblem",
        "/messaging/v1/orders/{amazonOrderId}/messages/unexpectedProblem",
        text(2000, false),
        false,
    ),
    message("sendInvoice", "invoice", "/messaging/v1/orders/{amazonOrderId}/messages/invoice", files(1, false), false),
    Operation {
        operation_id: "createUploadDestinationForResource",
        action: "uploadDestination",
        api: Api::Uploads,
        method: Method::Post,
        path: "/uploads/2020-11-01/uploadDestinations/{resource}",
        body: None,
        rate: UPLOADS_RATE,
        role: BUYER_COMMUNICATION,
        legacy: false,
        // Creating a destination changes nothing for the buyer: safe to repeat.
        creates: false,
    },
    lookup("getOrder", Api::Orders, "/orders/2026-01-01/orders/{orderId}", GET_ORDER_RATE, ORDER_TRACKING),
    lookup("searchOrders", Api::Orders, "/orders/2026-01-01/orders", SEARCH_ORDERS_RATE, ORDER_TRACKING),
    lookup("getMarketplaceParticipations", Api::Sellers, "/sellers/v1/marketplaceParticipations", PARTICIPATIONS_RATE, SELLERS_ROLES),
];

impl Operation {
    /// Look an operation up by operationId or by its action name (message kind), e.g.
    /// `createConfirmDeliveryDetails` or `confirmDeliveryDetails`.
    pub fn find(name: &str) -> Result<&'static Operation, BuildError> {
        OPERATIONS
            .iter()
            .find(|o| o.operation_id == name || o.action == name)
            .ok_or_else(|| BuildError::UnknownOperation(crate::ids::truncate(name)))
    }

    pub fn index(&self) -> usize {
        OPERATIONS.iter().position(|o| o.operation_id == self.operation_id).unwrap_or(0)
    }

    /// The path with the order id in place of the template's one `{…}` parameter. Split on the
    /// braces (char patterns) rather than `str::replace`, whose substring search is 3 KB of wasm.
    pub fn path_for(&self, order_id: &str) -> String {
        match (self.path.find('{'), self.path.find('}')) {
            (Some(open), Some(close)) if open < close => format!("{}{order_id}{}", &self.path[..open], &self.path[close + 1..]),
            _ => self.path.to_owned(),
        }
    }

    /// Keyed on one order and one marketplace (`Call`): every Messaging and Solicitations operation.
    pub fn is_order_scoped(&self) -> bool {
        matches!(self.api, Api::Messaging | Api::Solicitations)
    }

    /// Message kinds: the Messaging POSTs.
    pub fn is_message(&self) -> bool {
        self.api == Api::Messaging && self.method == Method::Post
    }

    /// The operation's own rules as a JSON Schema, checked before any schema the API returns.
    /// Stricter than the models where they are loose: text is required where the kind is text,
    /// `maxItems` (not the models' `maxLength`) bounds attachments, and unknown fields are refused.
    pub fn builtin_schema(&self) -> Option<&'static Value> {
        static SCHEMAS: [OnceLock<Option<Value>>; OPERATION_COUNT] = [const { OnceLock::new() }; OPERATION_COUNT];
        SCHEMAS[self.index()].get_or_init(|| self.body.map(|b| b.schema())).as_ref()
    }
}

impl Api {
    pub fn as_str(self) -> &'static str {
        ["messaging", "solicitations", "uploads", "orders", "sellers"][self as usize]
    }
}

impl ToJson for Operation {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("operationId").str(self.operation_id).key("action").str(self.action);
        o.key("api").str(self.api.as_str()).key("method").str(self.method.as_str()).key("path").str(self.path);
        match &self.body {
            Some(b) => {
                o.key("body").obj().key("textMax").opt_int(b.text_max.map(i64::from));
                o.key("attachmentsMin").opt_int(b.attachments_min.map(i64::from)).key("coverageDates").bool(b.coverage_dates).end();
            }
            None => {
                o.key("body").null();
            }
        }
        o.key("rate").obj().key("perSecond").num(self.rate.per_second).key("burst").uint(self.rate.burst.into()).end();
        o.key("role").str(self.role).key("legacy").bool(self.legacy).key("creates").bool(self.creates).end();
    }
}

impl BodySpec {
    /// Written as JSON text and parsed once: far less wasm than the same tree built with `json!`
    /// (4.5 KB of code for this function that way, twiggy).
    fn schema(&self) -> Value {
        let mut properties = Vec::new();
        let mut required: Vec<String> = Vec::new();
        if let Some(max) = self.text_max {
            properties.push(format!(r#""text": {{"type": "string", "minLength": 1, "maxLength": {max}}}"#));
            required.push(r#""text""#.to_owned());
        }
        if let Some(min) = self.attachments_min {
            properties.push(format!(r##""attachments": {{"type": "array", "minItems": {min}, "maxItems": {MAX_ATTACHMENTS}, "items": {{"$ref": "#/definitions/Attachment"}}}}"##));
            if min > 0 {
                required.push(r#""attachments""#.to_owned());
            }
        }
        if self.coverage_dates {
            for f in ["coverageStartDate", "coverageEndDate"] {
                properties.push(format!(r#""{f}": {{"type": "string", "format": "date-time"}}"#));
            }
        }
        // definitions.Attachment: messaging.json#/definitions/Attachment, with non-empty strings.
        let text = format!(
            r#"{{"type": "object", "additionalProperties": false, "required": [{}], "properties": {{{}}},
              "definitions": {{"Attachment": {{"type": "object", "additionalProperties": false,
                "required": ["uploadDestinationId", "fileName"],
                "properties": {{"uploadDestinationId": {{"type": "string", "minLength": 1, "maxLength": 200}},
                                "fileName": {{"type": "string", "minLength": 1, "maxLength": 255}}}}}}}}}}"#,
            required.join(", "),
            properties.join(", ")
        );
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_id_or_action() {
        assert_eq!(Operation::find("confirmDeliveryDetails").unwrap().operation_id, "createConfirmDeliveryDetails");
        assert_eq!(Operation::find("CreateWarranty").unwrap().action, "warranty");
        assert!(matches!(Operation::find("deleteOrder"), Err(BuildError::UnknownOperation(_))));
        for (i, op) in OPERATIONS.iter().enumerate() {
            assert_eq!(op.index(), i);
        }
    }

    #[test]
    fn builtin_schemas_are_what_the_body_specs_say() {
        use serde_json::json;
        let op = Operation::find("warranty").unwrap();
        let (warranty, min) = (op.builtin_schema().unwrap(), op.body.unwrap().attachments_min.unwrap());
        assert_eq!(
            warranty["properties"]["attachments"],
            json!({"type": "array", "minItems": min, "maxItems": MAX_ATTACHMENTS, "items": {"$ref": "#/definitions/Attachment"}})
        );
        assert_eq!(warranty["properties"]["coverageEndDate"], json!({"type": "string", "format": "date-time"}));
        assert_eq!(warranty["additionalProperties"], json!(false));
        assert_eq!(warranty["definitions"]["Attachment"]["required"], json!(["uploadDestinationId", "fileName"]));
        let delivery = Operation::find("confirmDeliveryDetails").unwrap().builtin_schema().unwrap();
        assert_eq!(delivery["required"], json!(["text"]));
        assert_eq!(delivery["properties"]["text"]["maxLength"], json!(2000));
        for op in OPERATIONS.iter() {
            assert_eq!(op.builtin_schema().is_some(), op.body.is_some(), "{}", op.operation_id);
        }
    }

    #[test]
    fn paths_take_the_order_id() {
        let op = Operation::find("confirmDeliveryDetails").unwrap();
        assert_eq!(op.path_for("123-1234567-1234567"), "/messaging/v1/orders/123-1234567-1234567/messages/confirmDeliveryDetails");
        for op in OPERATIONS.iter() {
            let expected = op.path.replace("{amazonOrderId}", "X").replace("{resource}", "X").replace("{orderId}", "X");
            assert_eq!(op.path_for("X"), expected, "{}", op.operation_id);
        }
    }

    #[test]
    fn thirteen_messaging_operations_two_legacy() {
        let messaging = OPERATIONS.iter().filter(|o| o.api == Api::Messaging).count();
        assert_eq!(messaging, 13);
        let legacy: Vec<_> = OPERATIONS.iter().filter(|o| o.legacy).map(|o| o.action).collect();
        assert_eq!(legacy, ["negativeFeedbackRemoval", "amazonMotors"]);
    }
}

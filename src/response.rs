//! Any SP-API response → a typed success, or an `ApiError` that says what it means for the seller.
//! A 403 is not always an auth failure (facts.md "Business rules users hit").
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use crate::catalogue::{Api, Operation};
use crate::hal::{parse_actions, Actions};
use crate::http::HttpResponse;
use crate::json::{self, ReadError, Reader};
use crate::orders::{parse_order, parse_orders, parse_participations, Order, Participation};
use crate::out::{Out, ToJson};
use crate::upload::{parse_upload_destination, UploadDestination};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Success {
    Actions(Actions),
    #[serde(rename_all = "camelCase")]
    Attributes {
        locale: Option<String>,
    },
    /// The create was accepted (201).
    Created,
    UploadDestination(UploadDestination),
    /// getOrder. A struct variant: a newtype variant of a JSON value would take serde's tagged
    /// newtype serializer along, with its type-mismatch errors (2.2 KB gzip of the shipped core).
    Order {
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "Order"))]
        order: Order,
    },
    /// searchOrders: one page, and the token of the next (none on the last page).
    #[serde(rename_all = "camelCase")]
    Orders {
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "Order[]"))]
        orders: Vec<Order>,
        next_token: Option<String>,
    },
    /// getMarketplaceParticipations.
    Participations {
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "Participation[]"))]
        participations: Vec<Participation>,
    },
    /// An action's JSON Schema, read from its schema link (`Client.getSchema`).
    Schema {
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "Record<string, unknown>"))]
        schema: Value,
    },
}

/// What an error means, stable for the JS shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ApiErrorKind {
    /// 403 on a review request: already requested, or outside the 5–30 day window.
    AlreadyRequestedOrOutsideWindow,
    /// 403 naming the 5–30 day window explicitly.
    OutsideReviewWindow,
    /// 403 "Invalid amazonOrderId and template combination."
    MessageKindNotOffered,
    /// 400 "Attachment with ID … does not exist".
    AttachmentMissing,
    InvalidInput,
    NotFound,
    /// 403 access denied: role missing or authorisation revoked.
    AccessDenied,
    /// 403 because the access token expired or is invalid: refresh it and try again.
    TokenRejected,
    PayloadTooLarge,
    UnsupportedMediaType,
    QuotaExceeded,
    ServerError,
    /// A 2xx whose body we could not read.
    MalformedResponse,
    Unexpected,
}

/// One entry of SP-API's `{"errors":[{code, message, details}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AmazonError {
    pub code: String,
    pub message: String,
    pub details: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Error, Serialize)]
#[error("{explanation}")]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub kind: ApiErrorKind,
    pub status: u16,
    pub operation: &'static str,
    /// Amazon's own errors, first one first; empty when the body had none (HTML pages, empty bodies).
    pub errors: Vec<AmazonError>,
    pub request_id: Option<String>,
    /// `x-amzn-RateLimit-Limit`, requests per second.
    pub rate_limit: Option<f64>,
    /// Safe to send again after waiting: nothing was done (429; 5xx on a read).
    pub retryable: bool,
    /// A create may or may not have happened (5xx): re-read the actions, never resend blindly.
    pub outcome_unknown: bool,
    /// What it means, in words a seller understands.
    pub explanation: String,
    /// Where a malformed body went wrong, or the start of a non-JSON body.
    pub detail: Option<String>,
}

impl ApiError {
    pub fn code(&self) -> Option<&str> {
        self.errors.first().map(|e| e.code.as_str())
    }
    pub fn message(&self) -> Option<&str> {
        self.errors.first().map(|e| e.message.as_str())
    }
}

impl ToJson for Success {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("type");
        match self {
            Success::Actions(a) => {
                o.str("actions").key("selfHref").opt_str(a.self_href.as_deref()).key("actions").list(&a.actions);
            }
            Success::Attributes { locale } => {
                o.str("attributes").key("locale").opt_str(locale.as_deref());
            }
            Success::Created => {
                o.str("created");
            }
            Success::UploadDestination(d) => {
                o.str("uploadDestination");
                d.fields(o);
            }
            Success::Order { order } => {
                o.str("order").key("order").value(order.value());
            }
            Success::Orders { orders, next_token } => {
                o.str("orders").key("orders").arr();
                for order in orders {
                    o.value(order.value());
                }
                o.end_arr().key("nextToken").opt_str(next_token.as_deref());
            }
            Success::Schema { schema } => {
                o.str("schema").key("schema").value(schema);
            }
            Success::Participations { participations } => {
                o.str("participations").key("participations").arr();
                for p in participations {
                    o.value(p.value());
                }
                o.end_arr();
            }
        }
        o.end();
    }
}

impl ToJson for ApiError {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("kind").str(crate::flow::api_kind(self.kind)).key("status").uint(self.status.into());
        o.key("operation").str(self.operation).key("errors").arr();
        for e in &self.errors {
            o.obj().key("code").str(&e.code).key("message").str(&e.message).key("details").opt_str(e.details.as_deref()).end();
        }
        o.end_arr().key("requestId").opt_str(self.request_id.as_deref()).key("rateLimit").opt_num(self.rate_limit);
        o.key("retryable").bool(self.retryable).key("outcomeUnknown").bool(self.outcome_unknown);
        o.key("explanation").str(&self.explanation).key("detail").opt_str(self.detail.as_deref()).end();
    }
}

pub fn request_id(r: &HttpResponse) -> Option<String> {
    r.header("x-amzn-RequestId").map(str::to_owned)
}

/// The header is a decimal like `0.5` or `1.0`. Read as a JSON number: serde_json's number parser
/// is in the binary anyway, while `str::parse::<f64>` would add core's dec2flt (15.6 KB of wasm,
/// twiggy, most of it the powers-of-five table).
pub fn rate_limit(r: &HttpResponse) -> Option<f64> {
    r.header("x-amzn-RateLimit-Limit")
        .and_then(|v| serde_json::from_str::<Value>(v.trim()).ok()?.as_f64())
        .filter(|v| v.is_finite() && *v > 0.0)
}

/// Parse the response of `op`. The error is the product's whole account of a failed call, made
/// once per response; boxing it would add an allocation and wasm for no gain in this sans-IO core.
#[allow(clippy::result_large_err)]
pub fn parse_response(op: &Operation, r: &HttpResponse) -> Result<Success, ApiError> {
    if (200..300).contains(&r.status) {
        return parse_success(op, r).map_err(|why| {
            let detail = why.to_string();
            let mut e = error(op, r, Vec::new(), ApiErrorKind::MalformedResponse);
            e.explanation = format!("Amazon's answer could not be read: {detail}.");
            e.detail = Some(detail);
            e
        });
    }
    let (errors, detail) = parse_error_body(&r.body);
    let kind = classify(op, r.status, errors.first());
    let mut e = error(op, r, errors, kind);
    e.detail = detail;
    Err(e)
}

/// The answer to a schema link's GET (`request::build_schema_read`): a JSON object, or the error
/// of the actions read `op` it stands in for.
#[allow(clippy::result_large_err)]
pub fn parse_schema_response(op: &Operation, r: &HttpResponse) -> Result<Success, ApiError> {
    if !(200..300).contains(&r.status) {
        return parse_response(op, r);
    }
    match json::parse(&r.body) {
        Ok(schema @ Value::Object(_)) => Ok(Success::Schema { schema }),
        other => {
            let detail = other.err().map_or_else(|| "$: must be an object (a JSON Schema)".to_owned(), |e| e.to_string());
            let mut e = error(op, r, Vec::new(), ApiErrorKind::MalformedResponse);
            e.explanation = format!("Amazon's answer could not be read: {detail}.");
            e.detail = Some(detail);
            Err(e)
        }
    }
}

fn parse_success(op: &Operation, r: &HttpResponse) -> Result<Success, ReadError> {
    let doc = || json::parse(&r.body);
    Ok(match op.operation_id {
        "getSolicitationActionsForOrder" => Success::Actions(parse_actions(Api::Solicitations, &r.body)?),
        "getMessagingActionsForOrder" => Success::Actions(parse_actions(Api::Messaging, &r.body)?),
        "GetAttributes" => {
            let doc = doc()?;
            let root = Reader::root(&doc);
            let buyer = root.opt_obj("buyer")?;
            Success::Attributes {
                locale: buyer.map(|b| b.value().get("locale").and_then(Value::as_str).map(str::to_owned)).unwrap_or_default(),
            }
        }
        "createUploadDestinationForResource" => Success::UploadDestination(parse_upload_destination(&r.body)?),
        "getOrder" => Success::Order { order: parse_order(&doc()?)? },
        "searchOrders" => {
            let (orders, next_token) = parse_orders(&doc()?)?;
            Success::Orders { orders, next_token }
        }
        "getMarketplaceParticipations" => Success::Participations { participations: parse_participations(&doc()?)? },
        // A 2xx on a create means it was done, whatever the body says (`{}` in the models).
        _ => Success::Created,
    })
}

/// SP-API's `{"errors":[…]}`; anything else (an HTML error page, an empty body) gives no errors and
/// a short excerpt of what came instead.
pub fn parse_error_body(body: &str) -> (Vec<AmazonError>, Option<String>) {
    // Read leniently, not through json::Reader: a body that is not SP-API's error list has no
    // error to report, it is shown as an excerpt instead.
    let doc = json::parse(body).unwrap_or_default();
    let errors: Vec<AmazonError> = doc
        .get("errors")
        .and_then(Value::as_array)
        .iter()
        .flat_map(|l| l.iter())
        .filter_map(|e| {
            let s = |k: &str| e.get(k).and_then(Value::as_str).map(str::to_owned);
            Some(AmazonError {
                code: s("code")?,
                message: s("message").unwrap_or_default(),
                details: s("details").filter(|d| !d.is_empty()),
            })
        })
        .collect();
    if !errors.is_empty() {
        return (errors, None);
    }
    let trimmed = body.trim();
    let what = if trimmed.is_empty() {
        "an empty body".to_owned()
    } else if trimmed.starts_with('<') {
        "an HTML page instead of SP-API's error body".to_owned()
    } else {
        let excerpt: String = trimmed.chars().take(80).collect();
        format!("an unexpected body: {excerpt}")
    };
    (Vec::new(), Some(what))
}

/// Amazon's reason, in its own words: the message, and the details when they add something
/// ("marketplaceIds: Missing or invalid request parameter: marketplaceId"; facts.md "How strict
/// Amazon is"). None when Amazon said nothing beyond "Invalid Input".
fn reason(first: Option<&AmazonError>) -> Option<String> {
    let first = first?;
    let said = |s: &str| {
        let t = s.trim().trim_end_matches('.');
        (!t.is_empty() && !t.eq_ignore_ascii_case("invalid input")).then_some(t.to_owned())
    };
    match (said(&first.message), first.details.as_deref().and_then(said)) {
        (Some(m), Some(d)) if m != d => Some(format!("{m} ({d})")),
        (Some(m), _) => Some(m),
        (None, d) => d,
    }
}

fn classify(op: &Operation, status: u16, first: Option<&AmazonError>) -> ApiErrorKind {
    let message = first.map(|e| e.message.to_ascii_lowercase()).unwrap_or_default();
    let details = first.and_then(|e| e.details.as_deref()).unwrap_or("").to_ascii_lowercase();
    // A plain window scan: Amazon's messages are short, and `str::contains(&str)` would bring
    // core's two-way substring search (2.5 KB of wasm) for this one use.
    let has = |h: &str, n: &str| h.as_bytes().windows(n.len()).any(|w| w == n.as_bytes());
    let says = |s: &str| has(&message, s) || has(&details, s);
    match status {
        400 if says("attachment with id") => ApiErrorKind::AttachmentMissing,
        400 => ApiErrorKind::InvalidInput,
        401 => ApiErrorKind::TokenRejected,
        403 if says("token") && (says("expired") || says("revoked") || says("invalid")) => ApiErrorKind::TokenRejected,
        403 if says("5-30 day") || says("outside the") => ApiErrorKind::OutsideReviewWindow,
        403 if says("solicitation is not available") => ApiErrorKind::AlreadyRequestedOrOutsideWindow,
        403 if says("template combination") => ApiErrorKind::MessageKindNotOffered,
        403 if says("access to requested resource is denied") => ApiErrorKind::AccessDenied,
        // Any other 403 on a review request is the solicitation refusing, not bad credentials.
        403 if op.operation_id == "createProductReviewAndSellerFeedbackSolicitation" => ApiErrorKind::AlreadyRequestedOrOutsideWindow,
        403 => ApiErrorKind::AccessDenied,
        404 => ApiErrorKind::NotFound,
        413 => ApiErrorKind::PayloadTooLarge,
        415 => ApiErrorKind::UnsupportedMediaType,
        429 => ApiErrorKind::QuotaExceeded,
        500..=599 => ApiErrorKind::ServerError,
        _ => ApiErrorKind::Unexpected,
    }
}

fn explain(op: &Operation, kind: ApiErrorKind, status: u16, first: Option<&AmazonError>) -> String {
    let amazon = first.map(|e| format!(" Amazon said: \"{}\"", e.message)).unwrap_or_default();
    match kind {
        ApiErrorKind::AlreadyRequestedOrOutsideWindow => {
            "Amazon won't take a review request for this order: one was already requested, or the order is outside the window of 5 to 30 days after delivery.".into()
        }
        ApiErrorKind::OutsideReviewWindow => "This order is outside the review window: Amazon accepts review requests from 5 to 30 days after delivery.".into(),
        ApiErrorKind::MessageKindNotOffered => "Amazon doesn't offer this kind of message for this order right now; which kinds are offered depends on the order's status.".into(),
        ApiErrorKind::AttachmentMissing => "An attachment was not uploaded completely, so Amazon can't find it. Upload the file again and resend.".into(),
        ApiErrorKind::InvalidInput => match reason(first) {
            Some(why) => format!("Amazon refused the request: {why}."),
            None => format!(
                "Amazon refused the request as invalid without saying why (HTTP {status}, \"{}\"); nothing was done.",
                first.map_or("no message", |e| e.message.as_str())
            ),
        },
        ApiErrorKind::NotFound if op.api == Api::Orders => "Amazon can't find this order for this seller in this region: check the order id and the region.".into(),
        ApiErrorKind::NotFound => "Amazon can't find this order in this marketplace: check the order id and the marketplace.".into(),
        ApiErrorKind::AccessDenied => format!(
            "Amazon denied access: the app needs the {} role and the seller's authorisation must still be valid. Check the credentials in the options.",
            op.role
        ),
        ApiErrorKind::TokenRejected => "Amazon rejected the access token (expired or invalid); a new one is needed.".into(),
        ApiErrorKind::PayloadTooLarge => "The request is too large for Amazon.".into(),
        ApiErrorKind::UnsupportedMediaType => "Amazon did not accept the request's content type.".into(),
        ApiErrorKind::QuotaExceeded => "Amazon's rate limit was reached; the request will be sent again after a pause.".into(),
        ApiErrorKind::ServerError if op.creates => format!(
            "Amazon had a temporary problem (HTTP {status}) and it is not known whether the send went through; it will be checked before anything is sent again."
        ),
        ApiErrorKind::ServerError => format!("Amazon had a temporary problem (HTTP {status}); try again in a moment."),
        ApiErrorKind::MalformedResponse => "Amazon's answer could not be read.".into(),
        ApiErrorKind::Unexpected => format!("Amazon answered with an unexpected HTTP {status}.{amazon}"),
    }
}

fn error(op: &Operation, r: &HttpResponse, errors: Vec<AmazonError>, kind: ApiErrorKind) -> ApiError {
    let explanation = explain(op, kind, r.status, errors.first());
    let server = kind == ApiErrorKind::ServerError;
    ApiError {
        kind,
        status: r.status,
        operation: op.operation_id,
        errors,
        request_id: request_id(r),
        rate_limit: rate_limit(r),
        retryable: kind == ApiErrorKind::QuotaExceeded || (server && !op.creates),
        outcome_unknown: server && op.creates,
        explanation,
        detail: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(name: &str) -> &'static Operation {
        Operation::find(name).unwrap()
    }

    #[test]
    fn review_403_is_explained_not_called_bad_credentials() {
        let r = HttpResponse::new(
            403,
            &[("x-amzn-RequestId", "rid-1")],
            r#"{"errors":[{"code":"Unauthorized","message":"The requested solicitation is not available for this amazonOrderId.","details":""}]}"#,
        );
        let e = parse_response(op("productReviewAndSellerFeedback"), &r).unwrap_err();
        assert_eq!(e.kind, ApiErrorKind::AlreadyRequestedOrOutsideWindow);
        assert_eq!(e.code(), Some("Unauthorized"));
        assert_eq!(e.request_id.as_deref(), Some("rid-1"));
        assert!(e.explanation.contains("already requested"));
        assert!(!e.retryable && !e.outcome_unknown);
    }

    #[test]
    fn html_and_empty_bodies() {
        let e = parse_response(op("getSolicitationActionsForOrder"), &HttpResponse::new(502, &[], "<html><body>Bad Gateway</body></html>"))
            .unwrap_err();
        assert_eq!((e.kind, e.retryable), (ApiErrorKind::ServerError, true));
        assert_eq!(e.detail.as_deref(), Some("an HTML page instead of SP-API's error body"));
        let e = parse_response(op("productReviewAndSellerFeedback"), &HttpResponse::new(503, &[], "")).unwrap_err();
        assert_eq!((e.retryable, e.outcome_unknown), (false, true));
        let e = parse_response(op("getMessagingActionsForOrder"), &HttpResponse::new(200, &[], "<html>")).unwrap_err();
        assert_eq!(e.kind, ApiErrorKind::MalformedResponse);
    }

    #[test]
    fn created_and_attributes() {
        assert_eq!(parse_response(op("confirmDeliveryDetails"), &HttpResponse::new(201, &[], "{}")), Ok(Success::Created));
        assert_eq!(parse_response(op("productReviewAndSellerFeedback"), &HttpResponse::new(201, &[], "")), Ok(Success::Created));
        let a = parse_response(op("GetAttributes"), &HttpResponse::new(200, &[], r#"{"buyer":{"locale":"de-DE"}}"#)).unwrap();
        assert_eq!(a, Success::Attributes { locale: Some("de-DE".into()) });
        assert!(parse_response(op("GetAttributes"), &HttpResponse::new(200, &[], r#"{"buyer":"x"}"#)).is_err());
    }

    #[test]
    fn quota_and_rate_header() {
        let r = HttpResponse::new(
            429,
            &[("X-Amzn-RateLimit-Limit", "0.5")],
            r#"{"errors":[{"code":"QuotaExceeded","message":"You exceeded your quota for the requested resource."}]}"#,
        );
        let e = parse_response(op("confirmDeliveryDetails"), &r).unwrap_err();
        assert_eq!((e.kind, e.retryable, e.rate_limit), (ApiErrorKind::QuotaExceeded, true, Some(0.5)));
    }
}

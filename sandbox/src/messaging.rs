//! Messaging v1 (messaging.json, and messaging_legacy_2025-07-30.json for the two kinds Amazon's
//! newest model dropped): the actions offered for an order, each with the JSON Schema of its
//! payload, the buyer's locale, and one create per message kind, checked server-side.
use crate::errors::{json_response, ApiError};
use crate::gate::{Need, Op, RequestId};
use crate::hal::{actions_document, Action};
use crate::limits::SP_API;
use crate::request::{json_body, target};
use crate::rules::SentMessage;
use crate::scenario::format_date;
use crate::static_pairs;
use crate::world::{Sandbox, World};
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use bytes::Bytes;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

const fn op(id: &'static str) -> Op {
    Op::sp_api(id, SP_API, Need::BuyerCommunication)
}

const GET_ACTIONS: Op = op("getMessagingActionsForOrder");
const GET_ATTRIBUTES: Op = op("GetAttributes");

/// Every message kind: the name in its path and `_links.actions`, and its operationId.
pub const KINDS: [(&str, Op); 11] = [
    ("confirmCustomizationDetails", op("confirmCustomizationDetails")),
    ("confirmDeliveryDetails", op("createConfirmDeliveryDetails")),
    ("legalDisclosure", op("createLegalDisclosure")),
    ("confirmOrderDetails", op("createConfirmOrderDetails")),
    ("confirmServiceDetails", op("createConfirmServiceDetails")),
    ("warranty", op("CreateWarranty")),
    ("digitalAccessKey", op("createDigitalAccessKey")),
    ("unexpectedProblem", op("createUnexpectedProblem")),
    ("invoice", op("sendInvoice")),
    ("negativeFeedbackRemoval", op("createNegativeFeedbackRemoval")),
    ("amazonMotors", op("CreateAmazonMotors")),
];

/// The payload schema of each kind, as served under `_embedded.schema`: the request definition of
/// the model files, with `required` filled in (the models list none, facts.md "Model quirks").
/// Like Amazon's, they allow properties beyond the model's (no `additionalProperties: false`:
/// python-amazon-sp-api adds `marketplaceIds` to every body, facts.md "How strict Amazon is").
/// sandbox/tests/models.rs keeps them equal to the models.
pub fn schemas() -> &'static serde_json::Map<String, Value> {
    static SCHEMAS: OnceLock<serde_json::Map<String, Value>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        serde_json::from_str(include_str!("../data/message-schemas.json")).expect("data/message-schemas.json is valid JSON")
    })
}

fn validators() -> &'static HashMap<&'static str, jsonschema::Validator> {
    static VALIDATORS: OnceLock<HashMap<&'static str, jsonschema::Validator>> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        KINDS
            .iter()
            .map(|(name, _)| {
                let schema = &schemas()[*name]["schema"];
                (*name, jsonschema::draft4::new(schema).expect("data/message-schemas.json holds valid draft-04 schemas"))
            })
            .collect()
    })
}

pub async fn actions(State(sb): State<Sandbox>, Path(order): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    sb.call(&GET_ACTIONS, &headers, query.as_deref(), |w, _| {
        if sb.config.static_mode {
            return static_pairs::answer(GET_ACTIONS.id, &[("amazonOrderId", &order)], query.as_deref(), None);
        }
        let t = target(&order, query.as_deref(), &headers)?;
        let now = w.clock.now();
        let base = format!("/messaging/v1/orders/{order}");
        let order = w.order(&t)?;
        let style = order.actions_document;
        let kinds: Vec<String> = order.message_kinds(now).into_iter().map(str::to_owned).collect();
        let mut offered: Vec<Action> = kinds
            .iter()
            .filter_map(|k| {
                let s = schemas().get(k.as_str())?;
                Some(Action {
                    name: k,
                    title: s["schema"]["title"].as_str().unwrap_or(k),
                    path: format!("{base}/messages/{k}"),
                    schema: Some(s["schema"].clone()),
                })
            })
            .collect();
        // GetAttributes is listed as an action too, without a schema (the static sandbox pair does).
        offered.push(Action { name: "attributes", title: "Buyer attributes", path: format!("{base}/attributes"), schema: None });
        Ok(json_response(StatusCode::OK, &actions_document(&base, &t.marketplace_id, &offered, style)))
    })
    .await
}

/// `GET …/messages/{kind}/schema`: what an action's `_links.schema` points at — the kind's payload
/// schema, as `_embedded.schema` holds it (Amazon documents no operation for the link; it shares the
/// actions read's rate and role). 404 for an order that does not exist (yet) or a kind unknown.
pub async fn schema(
    State(sb): State<Sandbox>,
    Path((order, kind)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    sb.call(&GET_ACTIONS, &headers, query.as_deref(), |w, _| {
        let now = w.clock.now();
        let exists = w.orders.get(&order).is_some_and(|o| o.created <= now);
        match schemas().get(kind.as_str()) {
            Some(s) if exists && !sb.config.static_mode => {
                // The document as `_embedded.schema` holds it, its own link included (hal.rs).
                let mut schema = s["schema"].clone();
                let href = format!("/messaging/v1/orders/{order}/messages/{kind}/schema");
                schema["_links"] = json!({"self": {"href": href, "name": kind}});
                Ok(json_response(StatusCode::OK, &schema))
            }
            _ => Err(ApiError::not_found(format!("No schema for {kind:?} of order {order}."))),
        }
    })
    .await
}

pub async fn attributes(State(sb): State<Sandbox>, Path(order): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    sb.call(&GET_ATTRIBUTES, &headers, query.as_deref(), |w, _| {
        if sb.config.static_mode {
            return static_pairs::answer(GET_ATTRIBUTES.id, &[("amazonOrderId", &order)], query.as_deref(), None);
        }
        let t = target(&order, query.as_deref(), &headers)?;
        let locale = w.order(&t)?.buyer_locale.clone();
        Ok(json_response(StatusCode::OK, &json!({"buyer": {"locale": locale}})))
    })
    .await
}

/// One handler for the eleven create paths; the kind is the path's last segment.
pub async fn create(
    State(sb): State<Sandbox>,
    Path(order): Path<String>,
    OriginalUri(uri): OriginalUri,
    RawQuery(query): RawQuery,
    Extension(rid): Extension<RequestId>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let name = uri.path().rsplit('/').next().unwrap_or_default();
    let Some((kind, op)) = KINDS.iter().find(|(k, _)| *k == name) else {
        return axum::response::IntoResponse::into_response(ApiError::not_found(format!("No message kind {name:?}.")));
    };
    sb.call(op, &headers, query.as_deref(), |w, _| {
        if sb.config.static_mode {
            let parsed: Option<Value> = serde_json::from_slice(&body).ok();
            return static_pairs::answer(op.id, &[("amazonOrderId", &order)], query.as_deref(), parsed.as_ref());
        }
        let t = target(&order, query.as_deref(), &headers)?;
        let now = w.clock.now();
        if !w.order(&t)?.message_kinds(now).contains(kind) {
            return Err(ApiError::unauthorized("Invalid amazonOrderId and template combination."));
        }
        // createNegativeFeedbackRemoval takes no body (messaging_legacy_2025-07-30.json).
        let payload = if *kind == "negativeFeedbackRemoval" && body.is_empty() { json!({}) } else { json_body(&headers, &body)? };
        check_payload(w, kind, &payload)?;
        w.order(&t)?.messages.push(SentMessage { kind: (*kind).into(), at: format_date(now), request_id: rid.0, body: payload });
        Ok(json_response(StatusCode::CREATED, &json!({})))
    })
    .await
}

/// The payload against its schema (the jsonschema crate: independent of the core's validator),
/// then what a schema cannot say: at most 5 attachments (the models write it as `maxLength: 5`
/// on the array), the text rules of every text description (no HTML, no email addresses), and
/// attachments that were uploaded (facts.md: "Attachment with ID … does not exist").
fn check_payload(w: &World, kind: &str, payload: &Value) -> Result<(), ApiError> {
    let errors: Vec<String> = validators()[kind]
        .iter_errors(payload)
        .map(|e| format!("{}: {e}", if e.instance_path().as_str().is_empty() { "body".to_owned() } else { e.instance_path().to_string() }))
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::invalid_input(errors.join("; ")));
    }
    let attachments = payload.get("attachments").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if attachments.len() > 5 {
        return Err(ApiError::invalid_input(format!("/attachments: at most 5 attachments, got {}", attachments.len())));
    }
    if let Some(text) = payload.get("text").and_then(Value::as_str) {
        if text.trim().is_empty() {
            return Err(ApiError::invalid_input("/text: the text is blank"));
        }
        if let Some(tag) = html_tag(text) {
            return Err(ApiError::invalid_input(format!("/text: HTML is not allowed ({tag})")));
        }
        if let Some(email) = email_address(text) {
            return Err(ApiError::invalid_input(format!("/text: email addresses are not allowed ({email})")));
        }
    }
    if let (Some(start), Some(end)) =
        (payload.get("coverageStartDate").and_then(Value::as_str), payload.get("coverageEndDate").and_then(Value::as_str))
    {
        let parse = |s| time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok();
        if let (Some(s), Some(e)) = (parse(start), parse(end)) {
            if e < s {
                return Err(ApiError::invalid_input("/coverageEndDate: the coverage ends before it starts"));
            }
        }
    }
    for a in attachments {
        let id = a["uploadDestinationId"].as_str().unwrap_or_default();
        if !w.uploads.get(id).is_some_and(|u| u.finished) {
            return Err(ApiError::invalid_input(format!("Attachment with ID {id} does not exist")));
        }
    }
    Ok(())
}

/// `<tag`, `</tag` or `<!` — what a browser would read as markup.
fn html_tag(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(1)).find(|&i| b[i] == b'<' && (b[i + 1].is_ascii_alphabetic() || b[i + 1] == b'/' || b[i + 1] == b'!')).map(
        |i| {
            let end = text[i..].find('>').map_or(text.len(), |e| i + e + 1);
            &text[i..end.min(i + 40)]
        },
    )
}

/// A word with `@` between a local part and a dotted domain.
fn email_address(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || "<>()[],;:\"'".contains(c)).find(|w| {
        let Some((local, domain)) = w.split_once(['@', '＠']) else { return false };
        let domain = domain.trim_end_matches(['.', '!', '?']);
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert_eq!(html_tag("see <b>this</b>"), Some("<b>"));
        assert_eq!(html_tag("a < b and 3<4"), None);
        assert!(html_tag("<!-- x -->").is_some());
        assert_eq!(email_address("write to jane.doe@example.com."), Some("jane.doe@example.com."));
        assert!(email_address("ｊａｎｅ＠example.com").is_some());
        assert_eq!(email_address("meet @ noon, or @home"), None);
    }

    #[test]
    fn every_kind_has_a_schema_that_compiles() {
        assert_eq!(schemas().len(), KINDS.len());
        for (k, op) in KINDS {
            assert_eq!(schemas()[k]["operationId"], op.id);
            assert!(validators().contains_key(k));
        }
    }
}

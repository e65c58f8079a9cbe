//! HAL actions responses of Messaging and Solicitations (facts.md "HAL"; tutorial seed 001):
//! `_links.actions[]` (href, name) lists what may be done; `_embedded.actions[]` repeats each
//! action with its title and, optionally, `_embedded.schema`: the JSON Schema of its payload.
use serde::Serialize;
use serde_json::{Map, Value};
use thiserror::Error;

use crate::catalogue::{Api, Operation, OPERATIONS};

/// A malformed document: where (JSON path) and what.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[error("malformed response at {path}: {message}")]
#[serde(rename_all = "camelCase")]
pub struct HalError {
    pub path: String,
    pub message: String,
}

fn err(path: impl Into<String>, message: impl Into<String>) -> HalError {
    HalError { path: path.into(), message: message.into() }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// The action name as Amazon sent it, e.g. `confirmDeliveryDetails` — kept even when unknown to us.
    pub name: String,
    /// The catalogue's operationId for it, when we know the action.
    pub operation_id: Option<&'static str>,
    pub href: String,
    pub title: Option<String>,
    /// The JSON Schema of the payload, when the response embedded it.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "Record<string, unknown> | null"))]
    pub schema: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Actions {
    pub self_href: Option<String>,
    pub actions: Vec<Action>,
}

impl Actions {
    pub fn find(&self, action: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name == action)
    }
    pub fn offers(&self, op: &Operation) -> bool {
        self.find(op.action).is_some()
    }
}

/// The action name from a link: its `name`, or the last path segment of its href.
fn link_name(link: &Map<String, Value>, href: &str) -> String {
    match link.get("name").and_then(Value::as_str) {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ => href.split('?').next().unwrap_or("").rsplit('/').next().unwrap_or("").to_owned(),
    }
}

fn obj<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, HalError> {
    v.as_object().ok_or_else(|| err(path, format!("expected an object, found {}", kind(v))))
}

use crate::json::kind;

/// Parse an actions document of `api` (Messaging or Solicitations). A malformed one is an error
/// naming the exact path of the problem. Through `Value` only: a typed fast path that kept each
/// schema as raw text parsed bench/actions.json about twice as fast in wasm (71 against 163 µs),
/// but derived deserializers cost the shipped core 20 KB of wasm (crate::json).
pub fn parse_actions(api: Api, body: &str) -> Result<Actions, HalError> {
    let mut doc: Value = serde_json::from_str(body).map_err(|e| err("$", crate::json::not_json(&e)))?;
    walk(api, &mut doc)
}

/// Parse an actions document that is already a JSON value.
pub fn parse_actions_value(api: Api, doc: &Value) -> Result<Actions, HalError> {
    walk(api, &mut doc.clone())
}

fn known(api: Api, name: &str) -> Option<&'static str> {
    OPERATIONS.iter().find(|o| o.api == api && o.action == name).map(|o| o.operation_id)
}

/// Walks the document; the embedded schemas are moved out of it, not copied.
fn walk(api: Api, doc: &mut Value) -> Result<Actions, HalError> {
    let root = obj(doc, "$")?;
    let links = obj(root.get("_links").ok_or_else(|| err("$._links", "missing"))?, "$._links")?;
    let self_href = match links.get("self") {
        None | Some(Value::Null) => None,
        Some(s) => Some(
            obj(s, "$._links.self")?.get("href").and_then(Value::as_str).ok_or_else(|| err("$._links.self.href", "missing"))?.to_owned(),
        ),
    };
    let list = match links.get("actions") {
        None => return Err(err("$._links.actions", "missing")),
        Some(Value::Array(a)) => a,
        Some(other) => return Err(err("$._links.actions", format!("expected an array, found {}", kind(other)))),
    };
    let mut actions = Vec::with_capacity(list.len());
    for (i, link) in list.iter().enumerate() {
        let path = || format!("$._links.actions[{i}]");
        let link = link.as_object().ok_or_else(|| err(path(), format!("expected an object, found {}", kind(link))))?;
        let href = match link.get("href") {
            Some(Value::String(h)) if !h.is_empty() => h.clone(),
            _ => return Err(err(format!("{}.href", path()), "missing or not a string")),
        };
        let name = link_name(link, &href);
        let operation_id = known(api, &name);
        actions.push(Action { name, operation_id, href, title: None, schema: None });
    }
    // `_embedded` may be missing (facts.md); when present it must be well formed.
    let Some(embedded) = doc.get_mut("_embedded") else { return Ok(Actions { self_href, actions }) };
    let found = kind(embedded);
    let Some(embedded) = embedded.as_object_mut() else { return Err(err("$._embedded", format!("expected an object, found {found}"))) };
    match embedded.get_mut("actions") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (i, e) in list.iter_mut().enumerate() {
                let path = || format!("$._embedded.actions[{i}]");
                let found = kind(e);
                let e = e.as_object_mut().ok_or_else(|| err(path(), format!("expected an object, found {found}")))?;
                let self_link = match e.get("_links") {
                    Some(l) => obj(l, &format!("{}._links", path()))?.get("self").and_then(Value::as_object),
                    None => None,
                };
                let name = match (e.get("name").and_then(Value::as_str), self_link) {
                    (Some(n), _) => n.to_owned(),
                    (None, Some(l)) => link_name(l, l.get("href").and_then(Value::as_str).unwrap_or("")),
                    (None, None) => return Err(err(format!("{}.name", path()), "missing")),
                };
                let title = e.get("title").and_then(Value::as_str).map(str::to_owned);
                let schema = match e.get_mut("_embedded") {
                    None | Some(Value::Null) => None,
                    Some(Value::Object(inner)) => match inner.get_mut("schema") {
                        None | Some(Value::Null) => None,
                        Some(s @ Value::Object(_)) => Some(s.take()),
                        Some(other) => {
                            return Err(err(format!("{}._embedded.schema", path()), format!("expected an object, found {}", kind(other))))
                        }
                    },
                    Some(other) => return Err(err(format!("{}._embedded", path()), format!("expected an object, found {}", kind(other)))),
                };
                // An embedded action that _links does not list is not offered: ignore it.
                if let Some(a) = actions.iter_mut().find(|a| a.name == name) {
                    a.title = title;
                    a.schema = schema;
                }
            }
        }
        Some(other) => return Err(err("$._embedded.actions", format!("expected an array, found {}", kind(other)))),
    }
    Ok(Actions { self_href, actions })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TUTORIAL_ELIGIBLE: &str = r#"{"_links":{"actions":[{"href":"/solicitations/v1/orders/111-1111111-1111111/solicitations/productReviewAndSellerFeedback?marketplaceIds=ATVPDKIKX0DER","name":"productReviewAndSellerFeedback"}],"self":{"href":"/solicitations/v1/orders/111-1111111-1111111?marketplaceIds=ATVPDKIKX0DER"}},"_embedded":{"actions":[{"_links":{"schema":{"href":"/x/schema","name":"productReviewAndSellerFeedback"},"self":{"href":"/x","name":"productReviewAndSellerFeedback"}},"_embedded":{"schema":{"type":"object","properties":{},"required":[],"$schema":"http://json-schema.org/draft-04/schema#"}},"name":"productReviewAndSellerFeedback","title":"Request seller feedback and product review"}]}}"#;

    #[test]
    fn tutorial_eligible_and_ineligible() {
        let a = parse_actions(Api::Solicitations, TUTORIAL_ELIGIBLE).unwrap();
        assert_eq!(a.actions.len(), 1);
        let act = &a.actions[0];
        assert_eq!(act.operation_id, Some("createProductReviewAndSellerFeedbackSolicitation"));
        assert_eq!(act.title.as_deref(), Some("Request seller feedback and product review"));
        assert!(act.schema.is_some());
        let none =
            parse_actions(Api::Solicitations, r#"{"_links":{"actions":[],"self":{"href":"/s"}},"_embedded":{"actions":[]}}"#).unwrap();
        assert!(none.actions.is_empty());
    }

    #[test]
    fn text_and_value_agree() {
        let unnamed = r#"{"_links":{"actions":[{"href":"/m/messages/warranty?x=1"}]},"_embedded":{"actions":[{"_links":{"self":{"href":"/m/messages/warranty"}},"title":"W"}]}}"#;
        for body in [TUTORIAL_ELIGIBLE, unnamed, r#"{"_links":{"actions":[]}}"#] {
            let walked = parse_actions_value(Api::Solicitations, &serde_json::from_str(body).unwrap()).unwrap();
            assert_eq!(parse_actions(Api::Solicitations, body).unwrap(), walked, "{body}");
        }
        let a = parse_actions(Api::Solicitations, TUTORIAL_ELIGIBLE).unwrap();
        assert_eq!(a.actions[0].schema.as_ref().unwrap()["$schema"], "http://json-schema.org/draft-04/schema#");
    }

    #[test]
    fn missing_embedded_and_unknown_actions_are_kept() {
        let a = parse_actions(
            Api::Messaging,
            r#"{"_links":{"actions":[{"href":"/messaging/v1/orders/1/messages/somethingNew?m=1"}],"self":{"href":"/s"}}}"#,
        )
        .unwrap();
        assert_eq!(a.actions[0].name, "somethingNew");
        assert_eq!(a.actions[0].operation_id, None);
    }

    #[test]
    fn malformed_documents_have_precise_paths() {
        let cases = [
            ("<html>", "$"),
            ("[]", "$"),
            ("{}", "$._links"),
            (r#"{"_links":{"actions":{}}}"#, "$._links.actions"),
            (r#"{"_links":{"actions":[{"name":"x"}]}}"#, "$._links.actions[0].href"),
            (
                r#"{"_links":{"actions":[]},"_embedded":{"actions":[{"name":"a","_embedded":{"schema":3}}]}}"#,
                "$._embedded.actions[0]._embedded.schema",
            ),
            (r#"{"_links":{"actions":[]},"_embedded":{"actions":[{}]}}"#, "$._embedded.actions[0].name"),
            (r#"{"_links":{"actions":[]},"_embedded":{"actions":[{"name":"a","_embedded":[]}]}}"#, "$._embedded.actions[0]._embedded"),
            (r#"{"_links":{"actions":[]},"_embedded":7}"#, "$._embedded"),
        ];
        for (body, path) in cases {
            assert_eq!(parse_actions(Api::Messaging, body).unwrap_err().path, path, "{body}");
        }
    }
}

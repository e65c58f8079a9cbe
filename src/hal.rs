//! HAL actions responses of Messaging and Solicitations (facts.md "HAL"; tutorial seed 001):
//! `_links.actions[]` (href, name) lists what may be done; `_embedded.actions[]` repeats each
//! action with its title and, optionally, `_embedded.schema`: the JSON Schema of its payload.
use serde::Serialize;
use serde_json::Value;

use crate::catalogue::{Api, Operation, OPERATIONS};
use crate::json::{self, Object, Reader};
use crate::out::{Out, ToJson};

/// A malformed document: where (JSON path) and what. The one reader's error (crate::json).
pub type HalError = json::ReadError;

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
    /// Where the schema can be read (`_embedded.actions[]._links.schema.href`), when Amazon linked
    /// it without embedding it: `Client.getSchema` reads it from the same SP-API host (issue #10).
    pub schema_href: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Actions {
    pub self_href: Option<String>,
    pub actions: Vec<Action>,
}

impl ToJson for Action {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("name").str(&self.name).key("operationId").opt_str(self.operation_id).key("href").str(&self.href);
        o.key("title").opt_str(self.title.as_deref()).key("schema").item(&self.schema);
        o.key("schemaHref").opt_str(self.schema_href.as_deref()).end();
    }
}

impl ToJson for Actions {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("selfHref").opt_str(self.self_href.as_deref()).key("actions").list(&self.actions).end();
    }
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
fn link_name(link: &Object, href: &str) -> String {
    match link.get("name").and_then(Value::as_str) {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ => href.split('?').next().unwrap_or("").rsplit('/').next().unwrap_or("").to_owned(),
    }
}

/// Parse an actions document of `api` (Messaging or Solicitations). A malformed one is an error
/// naming the exact path of the problem. Through `Value` only: a typed fast path that kept each
/// schema as raw text parsed bench/actions.json about twice as fast in wasm (71 against 163 µs),
/// but derived deserializers cost the shipped core 20 KB of wasm (crate::json).
pub fn parse_actions(api: Api, body: &str) -> Result<Actions, HalError> {
    walk(api, &mut json::parse(body)?)
}

/// Parse an actions document that is already a JSON value.
pub fn parse_actions_value(api: Api, doc: &Value) -> Result<Actions, HalError> {
    walk(api, &mut doc.clone())
}

fn known(api: Api, name: &str) -> Option<&'static str> {
    OPERATIONS.iter().find(|o| o.api == api && o.action == name).map(|o| o.operation_id)
}

/// Reads the document, then moves the embedded schemas out of it (not copied). Linear in the
/// document: `_embedded` entries find their `_links` action through an index by name (a
/// serde_json `Map`, whose code the binary has anyway), not by a scan of every action for each
/// one, which took 20,000 actions into seconds (issue #12).
fn walk(api: Api, doc: &mut Value) -> Result<Actions, HalError> {
    let root = Reader::root(doc);
    let links = root.obj("_links")?;
    let self_href = match links.opt_obj("self")? {
        Some(s) => Some(s.str("href")?.to_owned()),
        None => None,
    };
    let list = links.arr("actions")?;
    let mut actions = Vec::with_capacity(list.len());
    // name → index of its first action: an embedded action describes the first one of its name.
    let mut index = Object::new();
    for link in list.iter() {
        let href = link.field("href")?;
        let href = href.as_str().ok().filter(|h| !h.is_empty()).ok_or_else(|| href.error("must be a non-empty string"))?;
        let name = link_name(link.as_obj()?, href);
        if !index.contains_key(&name) {
            index.insert(name.clone(), Value::from(actions.len()));
        }
        actions.push(Action { operation_id: known(api, &name), name, href: href.to_owned(), title: None, schema: None, schema_href: None });
    }
    // `_embedded` may be missing (facts.md); when present it must be well formed. Which embedded
    // entry gives each action its schema; the last entry of a name wins, as it sets the title.
    let mut schema_from: Vec<Option<usize>> = vec![None; actions.len()];
    if let Some(embedded) = root.opt_obj("_embedded")? {
        for (i, e) in embedded.opt_arr("actions")?.iter().flat_map(|l| l.iter()).enumerate() {
            let links = e.opt_obj("_links")?;
            let link = |k: &str| links.as_ref().and_then(|l| l.value().get(k)).and_then(Value::as_object);
            let self_link = link("self");
            let schema_href = link("schema").and_then(|s| s.get("href")).and_then(Value::as_str).filter(|h| !h.is_empty());
            let name = match (e.opt_str("name")?, self_link) {
                (Some(n), _) => n.to_owned(),
                (None, Some(l)) => link_name(l, l.get("href").and_then(Value::as_str).unwrap_or("")),
                (None, None) => return Err(HalError::new(format!("{}.name", e.path()), "is missing")),
            };
            let has_schema = match e.opt_obj("_embedded")? {
                Some(inner) => inner.opt_obj("schema")?.is_some(),
                None => false,
            };
            // An embedded action that _links does not list is not offered: ignore it.
            let Some(at) = index.get(&name).and_then(Value::as_u64).map(|a| a as usize) else { continue };
            if let (Some(action), Some(slot)) = (actions.get_mut(at), schema_from.get_mut(at)) {
                action.title = e.opt_str("title").ok().flatten().map(str::to_owned);
                action.schema_href = schema_href.map(str::to_owned);
                *slot = has_schema.then_some(i);
            }
        }
    }
    // The reads above proved each of these paths holds an object. `get_mut` steps, not
    // `Value::pointer_mut`, whose `~1` unescaping brings a substring search (3 KB of wasm).
    if let Some(list) = doc.get_mut("_embedded").and_then(|e| e.get_mut("actions")).and_then(Value::as_array_mut) {
        for (action, from) in actions.iter_mut().zip(schema_from) {
            let schema = from.and_then(|i| list.get_mut(i)).and_then(|e| e.get_mut("_embedded")).and_then(|e| e.get_mut("schema"));
            if let Some(schema) = schema {
                action.schema = Some(schema.take());
            }
        }
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

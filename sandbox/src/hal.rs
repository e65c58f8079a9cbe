//! HAL documents as Amazon answers them: `_links.actions[]` with href and name, `_links.self`,
//! and `_embedded.actions[]` each with `_links.self`, `_links.schema` and `_embedded.schema`
//! (facts.md "HAL"; the Solicitations tutorial seed shows a full example).
use crate::scenario::ActionsDocument;
use serde_json::{json, Value};

pub struct Action<'a> {
    pub name: &'a str,
    pub title: &'a str,
    /// Path of the action, without the query.
    pub path: String,
    pub schema: Option<Value>,
}

/// The document in the shape `style` says: `_embedded` with each schema (the default), `_embedded`
/// with schema links only, or `_links` alone.
pub fn actions_document(self_path: &str, marketplace_id: &str, actions: &[Action], style: ActionsDocument) -> Value {
    let href = |p: &str| format!("{p}?marketplaceIds={marketplace_id}");
    let links: Vec<Value> = actions.iter().map(|a| json!({"href": href(&a.path), "name": a.name})).collect();
    let embedded: Vec<Value> = actions
        .iter()
        .filter_map(|a| {
            let mut schema = a.schema.clone()?;
            let schema_link = json!({"href": format!("{}/schema", a.path), "name": a.name});
            if let Some(o) = schema.as_object_mut() {
                o.insert("_links".into(), json!({"self": schema_link}));
            }
            let mut action = json!({
                "_links": {"self": {"href": href(&a.path), "name": a.name}, "schema": schema_link},
                "name": a.name,
                "title": a.title,
            });
            if style == ActionsDocument::Embedded {
                action["_embedded"] = json!({"schema": schema});
            }
            Some(action)
        })
        .collect();
    let links = json!({"actions": links, "self": {"href": href(self_path)}});
    match style {
        ActionsDocument::LinksOnly => json!({ "_links": links }),
        _ => json!({ "_links": links, "_embedded": {"actions": embedded} }),
    }
}

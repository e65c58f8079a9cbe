//! HAL documents as Amazon answers them: `_links.actions[]` with href and name, `_links.self`,
//! and `_embedded.actions[]` each with `_links.self`, `_links.schema` and `_embedded.schema`
//! (facts.md "HAL"; the Solicitations tutorial seed shows a full example).
use serde_json::{json, Value};

pub struct Action<'a> {
    pub name: &'a str,
    pub title: &'a str,
    /// Path of the action, without the query.
    pub path: String,
    pub schema: Option<Value>,
}

pub fn actions_document(self_path: &str, marketplace_id: &str, actions: &[Action]) -> Value {
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
            Some(json!({
                "_links": {"self": {"href": href(&a.path), "name": a.name}, "schema": schema_link},
                "_embedded": {"schema": schema},
                "name": a.name,
                "title": a.title,
            }))
        })
        .collect();
    json!({
        "_links": {"actions": links, "self": {"href": href(self_path)}},
        "_embedded": {"actions": embedded},
    })
}

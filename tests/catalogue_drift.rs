//! The operation table in src/catalogue.rs against Amazon's models in ../shared/spapi/models:
//! every Messaging, Solicitations and Uploads operation is in the table with the same method,
//! path, body fields, text limits and rate, every table entry is in a model, and the Orders and
//! Sellers reads agree with orders_2026-01-01.json and sellers.json: path, method, rate, each query
//! parameter and its values, and every response field the core reads.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use serde_json::Value;
use sp_outreach::catalogue::{Api, Method, Operation, MAX_ATTACHMENTS, OPERATIONS};
use sp_outreach::orders::{self, Field, Keep, Kind};

struct ModelOp {
    file: &'static str,
    method: String,
    path: String,
    op: Value,
    definitions: Value,
}

const ORDER_MODELS: [&str; 2] = ["orders_2026-01-01.json", "sellers.json"];

fn model_ops() -> Vec<ModelOp> {
    let mut out = Vec::new();
    for file in ["messaging.json", "messaging_legacy_2025-07-30.json", "solicitations.json", "uploads_2020-11-01.json"]
        .into_iter()
        .chain(ORDER_MODELS)
    {
        let m = common::model(file);
        for (path, methods) in m["paths"].as_object().unwrap() {
            for (method, op) in methods.as_object().unwrap() {
                if method == "parameters" {
                    continue;
                }
                out.push(ModelOp {
                    file,
                    method: method.to_uppercase(),
                    path: path.clone(),
                    op: op.clone(),
                    definitions: m["definitions"].clone(),
                });
            }
        }
    }
    out
}

/// The "Usage plan" table in each operation's description: | Rate (requests per second) | Burst |.
fn usage_plan(description: &str) -> Option<(f64, u32)> {
    let line = description.lines().find(|l| l.trim_start().starts_with('|') && l.chars().any(|c| c.is_ascii_digit()))?;
    let cells: Vec<&str> = line.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
    Some((cells.first()?.parse().ok()?, cells.get(1)?.parse().ok()?))
}

#[test]
fn every_model_operation_is_in_the_table_and_agrees() {
    let ops = model_ops();
    assert!(ops.len() >= 16);
    for m in ops.iter().filter(|m| !ORDER_MODELS.contains(&m.file)) {
        let id = m.op["operationId"].as_str().unwrap();
        let ours = Operation::find(id).unwrap_or_else(|_| panic!("{id} from {} is missing from the catalogue", m.file));
        assert_eq!(ours.operation_id, id);
        assert_eq!(ours.method.as_str(), m.method, "{id} method");
        assert_eq!(ours.path, m.path, "{id} path");
        assert_eq!(
            ours.legacy,
            m.file == "messaging_legacy_2025-07-30.json" && !ops.iter().any(|o| o.file == "messaging.json" && o.op["operationId"] == id),
            "{id} legacy flag"
        );
        match usage_plan(m.op["description"].as_str().unwrap_or("")) {
            Some((rate, burst)) => assert_eq!((ours.rate.per_second, ours.rate.burst), (rate, burst), "{id} rate"),
            // sendInvoice's description has no usage plan; facts.md: every Messaging operation is 1/s burst 5.
            None => assert_eq!((ours.rate.per_second, ours.rate.burst), (1.0, 5), "{id} rate"),
        }
        let params = m.op["parameters"].as_array().unwrap();
        let body = params.iter().find(|p| p["in"] == "body");
        let marketplace = params.iter().find(|p| p["name"] == "marketplaceIds").unwrap();
        assert_eq!(marketplace["required"], true, "{id} marketplaceIds");
        if ours.operation_id == "createUploadDestinationForResource" {
            continue;
        }
        match (body, ours.body) {
            (None, None) => {}
            (Some(b), Some(spec)) => {
                let name = b["schema"]["$ref"].as_str().unwrap().rsplit('/').next().unwrap();
                let def = &m.definitions[name];
                let props = def["properties"].as_object().unwrap();
                let mut fields: Vec<&str> = props.keys().map(String::as_str).collect();
                fields.sort();
                let mut expected = Vec::new();
                if spec.attachments_min.is_some() {
                    expected.push("attachments");
                }
                if spec.coverage_dates {
                    expected.extend(["coverageEndDate", "coverageStartDate"]);
                }
                if spec.text_max.is_some() {
                    expected.push("text");
                }
                expected.sort();
                assert_eq!(fields, expected, "{id} body fields");
                if let Some(max) = spec.text_max {
                    assert_eq!(props["text"]["maxLength"].as_u64(), Some(max as u64), "{id} text maxLength");
                    assert_eq!(props["text"]["minLength"].as_u64(), Some(1), "{id} text minLength");
                }
                if let Some(a) = props.get("attachments") {
                    assert_eq!(a["maxLength"].as_u64(), Some(MAX_ATTACHMENTS as u64), "{id} attachments limit");
                    // Where the model asks for one attachment, so do we.
                    if a["minLength"].as_u64() == Some(1) {
                        assert!(spec.attachments_min.unwrap() >= 1, "{id} attachments minimum");
                    }
                }
                if spec.coverage_dates {
                    assert_eq!(props["coverageStartDate"]["format"], "date-time");
                }
            }
            (model, ours) => panic!("{id}: model body {model:?} vs catalogue body {ours:?}"),
        }
    }
    for ours in OPERATIONS.iter() {
        let model = ops.iter().find(|m| m.op["operationId"] == ours.operation_id);
        assert!(model.is_some(), "{} is in no model", ours.operation_id);
        if ours.method == Method::Post {
            assert!(ours.creates || ours.operation_id == "createUploadDestinationForResource");
        }
    }
}

fn model_op(id: &str) -> ModelOp {
    model_ops().into_iter().find(|m| m.op["operationId"] == id).unwrap_or_else(|| panic!("{id} is in no model"))
}

/// A definition of the model by `$ref` (`#/definitions/Order`).
fn resolve<'a>(definitions: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => &definitions[r.rsplit('/').next().unwrap()],
        None => schema,
    }
}

/// Every field a projection table reads is in the model's definition at its path, with the type
/// the table reads it as; a field the table calls required is required by the model.
fn check_table(definitions: &Value, def: &Value, table: &[Keep], what: &str) {
    for Keep(name, path, field, required) in table {
        let mut schema = resolve(definitions, def);
        for (i, key) in path.iter().enumerate() {
            let props = &schema["properties"];
            assert!(props.get(*key).is_some(), "{what}.{name}: {key} is not a property in the model ({path:?})");
            if i + 1 == path.len() && *required {
                let listed = schema["required"].as_array().is_some_and(|r| r.iter().any(|k| k == *key));
                assert!(listed, "{what}.{name}: the model does not require {key}");
            }
            if i + 1 < path.len() {
                let parent_required = schema["required"].as_array().is_some_and(|r| r.iter().any(|k| k == *key));
                assert!(parent_required || !*required, "{what}.{name}: {key} is optional in the model");
            }
            schema = resolve(definitions, &props[*key]);
        }
        match field {
            Field::Text | Field::RegionOf => assert_eq!(schema["type"], "string", "{what}.{name}"),
            Field::Time => {
                assert_eq!((schema["type"].as_str(), schema["format"].as_str()), (Some("string"), Some("date-time")), "{what}.{name}")
            }
            Field::Bool => assert_eq!(schema["type"], "boolean", "{what}.{name}"),
            Field::Object(sub) => check_table(definitions, schema, sub, &format!("{what}.{name}")),
            Field::List(sub) => {
                assert_eq!(schema["type"], "array", "{what}.{name}");
                check_table(definitions, &schema["items"], sub, &format!("{what}.{name}[]"));
            }
        }
    }
}

#[test]
fn the_orders_and_sellers_reads_agree_with_their_models() {
    let reads: Vec<&Operation> = OPERATIONS.iter().filter(|o| matches!(o.api, Api::Orders | Api::Sellers)).collect();
    assert_eq!(reads.iter().map(|o| o.operation_id).collect::<Vec<_>>(), ["getOrder", "searchOrders", "getMarketplaceParticipations"]);
    for ours in reads {
        let m = model_op(ours.operation_id);
        assert!(ORDER_MODELS.contains(&m.file));
        assert_eq!((ours.method.as_str(), ours.path), (m.method.as_str(), m.path.as_str()), "{}", ours.operation_id);
        let (rate, burst) = usage_plan(m.op["description"].as_str().unwrap()).unwrap();
        assert_eq!((ours.rate.per_second, ours.rate.burst), (rate, burst), "{} rate", ours.operation_id);
        assert!(!ours.creates && ours.body.is_none());
        // Query parameters: the same names in the model's order, each read as its model type says.
        let params = m.op["parameters"].as_array().cloned().unwrap_or_default();
        let query: Vec<&Value> = params.iter().filter(|p| p["in"] == "query").collect();
        let names: Vec<&str> = query.iter().map(|p| p["name"].as_str().unwrap()).collect();
        let table = orders::params(ours);
        assert_eq!(table.iter().map(|(n, _)| *n).collect::<Vec<_>>(), names, "{} parameters", ours.operation_id);
        for ((name, kind), p) in table.iter().zip(&query) {
            match kind {
                Kind::Date => assert_eq!((p["type"].as_str(), p["format"].as_str()), (Some("string"), Some("date-time")), "{name}"),
                Kind::Enum(values) => assert_eq!(
                    p["items"]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect::<Vec<_>>(),
                    *values,
                    "{name}"
                ),
                Kind::Marketplaces => {
                    assert_eq!(p["type"], "array", "{name}");
                    assert_eq!(p["maxItems"].as_u64(), Some(orders::MAX_MARKETPLACES as u64), "{name}");
                }
                Kind::Count => {
                    assert_eq!(p["type"], "integer", "{name}");
                    assert!(p["description"].as_str().unwrap().contains("between 1 and 100"), "{name}");
                }
                Kind::Token => assert_eq!(p["type"], "string", "{name}"),
            }
        }
        let path: Vec<&str> = params.iter().filter(|p| p["in"] == "path").map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(path, if ours.operation_id == "getOrder" { vec!["orderId"] } else { vec![] });
    }
    // The statuses the core knows are the model's.
    let orders_model = common::model("orders_2026-01-01.json");
    let d = &orders_model["definitions"];
    let statuses: Vec<&str> = d["FulfillmentStatus"]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(statuses, orders::FULFILLMENT_STATUSES);
    // Every response field read: getOrder's `order`, searchOrders' `orders` and `pagination.nextToken`.
    assert_eq!(d["GetOrderResponse"]["properties"]["order"]["$ref"], "#/definitions/Order");
    assert_eq!(d["SearchOrdersResponse"]["properties"]["orders"]["items"]["$ref"], "#/definitions/Order");
    assert_eq!(resolve(d, &d["SearchOrdersResponse"]["properties"]["pagination"])["properties"]["nextToken"]["type"], "string");
    check_table(d, &d["Order"], &orders::ORDER, "Order");
    let sellers = common::model("sellers.json");
    let d = &sellers["definitions"];
    let list = resolve(d, &d["GetMarketplaceParticipationsResponse"]["properties"]["payload"]);
    assert_eq!(list["type"], "array");
    check_table(d, &list["items"], &orders::PARTICIPATION, "MarketplaceParticipation");
}

#[test]
fn roles_are_named_for_every_operation() {
    let facts = common::facts();
    for op in OPERATIONS.iter() {
        let first = op.role.split(" (").next().unwrap();
        assert!(!first.is_empty(), "{}", op.operation_id);
        if op.api != Api::Sellers {
            assert!(facts.contains(first), "{}: role {first} is not in facts.md", op.operation_id);
        }
    }
}

#[test]
fn the_two_legacy_kinds_are_the_ones_the_newest_model_dropped() {
    let newest: Vec<String> =
        model_ops().iter().filter(|m| m.file == "messaging.json").map(|m| m.op["operationId"].as_str().unwrap().to_owned()).collect();
    let legacy: Vec<&str> = OPERATIONS.iter().filter(|o| o.legacy).map(|o| o.operation_id).collect();
    assert_eq!(legacy, ["createNegativeFeedbackRemoval", "CreateAmazonMotors"]);
    for l in legacy {
        assert!(!newest.iter().any(|n| n == l));
    }
}

#[test]
fn the_23_marketplaces_of_facts_md() {
    let facts = common::facts();
    for m in sp_outreach::MARKETPLACES.iter() {
        assert!(facts.contains(&format!("{} {}", m.country, m.id)), "{} {} not in facts.md", m.country, m.id);
    }
}

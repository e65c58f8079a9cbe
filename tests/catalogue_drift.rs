//! The operation table in src/catalogue.rs against Amazon's models in ../shared/spapi/models:
//! every model operation is in the table with the same method, path, body fields, text limits and
//! rate, and every table entry is in a model.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use serde_json::Value;
use sp_outreach::catalogue::{Method, Operation, MAX_ATTACHMENTS, OPERATIONS};

struct ModelOp {
    file: &'static str,
    method: String,
    path: String,
    op: Value,
    definitions: Value,
}

fn model_ops() -> Vec<ModelOp> {
    let mut out = Vec::new();
    for file in ["messaging.json", "messaging_legacy_2025-07-30.json", "solicitations.json", "uploads_2020-11-01.json"] {
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
    for m in &ops {
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
        assert!(ops.iter().any(|m| m.op["operationId"] == ours.operation_id), "{} is in no model", ours.operation_id);
        if ours.method == Method::Post {
            assert!(ours.creates || ours.operation_id == "createUploadDestinationForResource");
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

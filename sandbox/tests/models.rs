//! The emulator against Amazon's models in ../shared/spapi (beside the repository, as in CI): its
//! copies (data/static-pairs.json, data/message-schemas.json) cannot drift, and `--static`
//! replays every documented pair exactly.
mod common;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use common::*;
use serde_json::{json, Value};
use sp_sandbox::Config;
use std::collections::BTreeSet;

fn shared(file: &str) -> Value {
    let path = format!("{}/../../shared/spapi/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} (../shared must be beside the repository)"));
    serde_json::from_str(&text).unwrap()
}

fn data(file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap()
}

/// (operationId, method, path) of every operation in a model.
fn operations(model: &Value) -> Vec<(String, String, String)> {
    let mut ops = vec![];
    for (path, methods) in model["paths"].as_object().unwrap() {
        for (method, op) in methods.as_object().unwrap() {
            if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                ops.push((id.to_owned(), method.to_uppercase(), path.clone()));
            }
        }
    }
    ops
}

/// Every documented pair: the models' `x-amzn-api-sandbox` (sandbox_pairs.json and the legacy
/// model) and the seed Messaging model's `x-amazon-spds-sandbox-behaviors`.
fn documented_pairs() -> BTreeSet<String> {
    let mut pairs = BTreeSet::new();
    let mut add = |op: &str, status: &str, pair: &Value| {
        pairs.insert(
            json!({"operationId": op, "status": status.parse::<u16>().unwrap(), "request": pair["request"], "response": pair["response"]})
                .to_string(),
        );
    };
    for (_, ops) in shared("models/sandbox_pairs.json").as_object().unwrap() {
        for (op, statuses) in ops.as_object().unwrap() {
            for (status, s) in statuses.as_object().unwrap() {
                s["x-amzn-api-sandbox"]["static"].as_array().unwrap().iter().for_each(|p| add(op, status, p));
            }
        }
    }
    // Orders 2026-01-01 and Sellers: the operations sp-sandbox serves (not getAccount).
    let served = ["getOrder", "searchOrders", "getMarketplaceParticipations"];
    for (model, key, only) in [
        (shared("seeds/003_f4b1f7395d4b9377.txt"), "x-amazon-spds-sandbox-behaviors", None),
        (shared("models/messaging_legacy_2025-07-30.json"), "x-amzn-api-sandbox", None),
        (shared("models/orders_2026-01-01.json"), "x-amzn-api-sandbox", Some(served)),
        (shared("models/sellers.json"), "x-amzn-api-sandbox", Some(served)),
    ] {
        for (_, methods) in model["paths"].as_object().unwrap() {
            for (_, op) in methods.as_object().unwrap() {
                let Some(id) = op.get("operationId").and_then(Value::as_str) else { continue };
                if only.is_some_and(|o| !o.contains(&id)) {
                    continue;
                }
                for (status, r) in op["responses"].as_object().unwrap() {
                    let list = match r.get(key) {
                        Some(Value::Array(l)) => l.clone(),
                        Some(o) => o["static"].as_array().cloned().unwrap_or_default(),
                        None => continue,
                    };
                    list.iter().for_each(|p| add(id, status, p));
                }
            }
        }
    }
    pairs
}

#[test]
fn the_static_pairs_copy_equals_the_models() {
    let ours: BTreeSet<String> = data("static-pairs.json").as_array().unwrap().iter().map(Value::to_string).collect();
    assert_eq!(ours, documented_pairs());
    assert_eq!(ours.len(), 37, "13 Messaging operations × 2 + 2 Solicitations + 8 Orders + 1 Sellers");
}

#[test]
fn served_schemas_match_the_models_request_definitions() {
    let schemas = data("message-schemas.json");
    let current = shared("models/messaging.json");
    let legacy = shared("models/messaging_legacy_2025-07-30.json");
    let mut seen = 0;
    for model in [&current, &legacy] {
        for (id, method, path) in operations(model) {
            if method != "POST" {
                continue;
            }
            let kind = path.rsplit('/').next().unwrap();
            let ours = &schemas[kind];
            if ours.is_null() {
                panic!("{id} ({kind}) has no schema");
            }
            assert_eq!(ours["operationId"], id.as_str(), "{kind}");
            let op = &model["paths"][&path]["post"];
            let body = op["parameters"].as_array().unwrap().iter().find(|p| p["in"] == "body");
            let expected = match body {
                Some(b) => {
                    let name = b["schema"]["$ref"].as_str().unwrap().rsplit('/').next().unwrap();
                    model["definitions"][name]["properties"].clone()
                }
                None => json!({}),
            };
            assert_eq!(ours["schema"]["properties"], expected, "{kind}: properties as in the model");
            if expected.get("attachments").is_some() {
                assert_eq!(ours["schema"]["definitions"]["Attachment"], model["definitions"]["Attachment"], "{kind}");
            }
            seen += 1;
        }
    }
    assert!(seen >= 13, "every create of both models ({seen})");
}

#[tokio::test]
async fn static_mode_replays_every_documented_pair() {
    let (_, app) = sandbox_with(Config { static_mode: true, rate_scale: 0.0, ..Config::default() });
    let token = login(&app).await;
    let mut paths = std::collections::HashMap::new();
    for model in [
        "models/messaging.json",
        "models/messaging_legacy_2025-07-30.json",
        "models/solicitations.json",
        "models/orders_2026-01-01.json",
        "models/sellers.json",
    ] {
        for (id, method, path) in operations(&shared(model)) {
            paths.insert(id, (method, path));
        }
    }
    let mut replayed = 0;
    for pair in data("static-pairs.json").as_array().unwrap() {
        let op = pair["operationId"].as_str().unwrap();
        let (method, path) = &paths[op];
        let params = pair["request"]["parameters"].as_object().unwrap();
        // Path parameters into the path, the rest into the query (arrays repeated), as clients send them.
        let mut path = path.clone();
        let mut query = form_urlencoded::Serializer::new(String::new());
        let mut headers = vec![("x-amz-access-token", token.as_str())];
        let mut body = String::new();
        for (name, v) in params {
            let v = &v["value"];
            if name == "body" {
                headers.push(("content-type", "application/json"));
                body = v.to_string();
            } else if path.contains(&format!("{{{name}}}")) {
                path = path.replace(&format!("{{{name}}}"), v.as_str().unwrap());
            } else {
                for one in v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]) {
                    query.append_pair(name, one.as_str().unwrap());
                }
            }
        }
        if (path.contains("/messaging/") || path.contains("/solicitations/")) && !params.contains_key("marketplaceIds") {
            query.append_pair("marketplaceIds", US);
        }
        let uri = format!("{path}?{}", query.finish());
        let a = send(&app, method.parse::<Method>().unwrap(), &uri, &headers, body).await;
        assert_eq!(a.status.as_u16(), pair["status"].as_u64().unwrap() as u16, "{op} {uri}: {}", a.text);
        assert_eq!(a.json(), pair["response"], "{op} {uri}");
        assert!(a.header("x-amzn-requestid").is_some());
        replayed += 1;
    }
    assert_eq!(replayed, 37);

    // Anything else is an SP-API error body; tokens are still required.
    let other =
        post_json(&app, &token, &message("123-1234567-1234567", "confirmDeliveryDetails", US), &json!({"text": "Another message"})).await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST);
    assert!(other.error().1.contains("Could not match"), "{}", other.text);
    let unknown = get(&app, &token, &format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}")).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let no_token =
        send(&app, Method::GET, "/messaging/v1/orders/123-1234567-1234567?marketplaceIds=ATVPDKIKX0DER", &[], Body::empty()).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
}

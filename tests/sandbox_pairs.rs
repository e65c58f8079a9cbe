//! Every static sandbox pair of ../shared/spapi/models/sandbox_pairs.json, replayed: the request the
//! pair describes is what we build (or, for a pair whose order id is malformed, what we refuse to
//! build), and parsing its response gives the outcome the status says.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use serde_json::Value;
use sp_outreach::request::{build, Call, Endpoint};
use sp_outreach::response::{parse_response, ApiErrorKind, Success};
use sp_outreach::{HttpResponse, Operation, Region};

#[test]
fn every_static_pair_replays() {
    let pairs = common::model("sandbox_pairs.json");
    let endpoint = Endpoint { region: Region::Na, sandbox: true, base_url: None };
    let mut replayed = 0;
    for (file, ops) in pairs.as_object().unwrap() {
        for (op_id, statuses) in ops.as_object().unwrap() {
            let op = Operation::find(op_id).unwrap_or_else(|_| panic!("{file} {op_id} not in the catalogue"));
            for (status, sandbox) in statuses.as_object().unwrap() {
                let status: u16 = status.parse().unwrap();
                for pair in sandbox["x-amzn-api-sandbox"]["static"].as_array().unwrap() {
                    let params = &pair["request"]["parameters"];
                    let order = params["amazonOrderId"]["value"].as_str().unwrap();
                    let marketplace = params["marketplaceIds"]["value"][0].as_str().unwrap_or("ATVPDKIKX0DER");
                    let body = params.get("body").map(|b| b["value"].clone());
                    let call = Call {
                        operation: op_id.clone(),
                        order_id: order.into(),
                        marketplace_ids: vec![marketplace.into()],
                        body: body.clone(),
                        ..Default::default()
                    };
                    let response = HttpResponse::new(status, &[("x-amzn-RequestId", "sandbox")], &pair["response"].to_string());
                    match build(&call, &endpoint, "Atza|sandbox") {
                        Ok(req) => {
                            assert_eq!(req.method, op.method);
                            let path = op.path.replace("{amazonOrderId}", order);
                            assert_eq!(
                                req.url,
                                format!("https://sandbox.sellingpartnerapi-na.amazon.com{path}?marketplaceIds={marketplace}"),
                                "{op_id}"
                            );
                            let sent: Option<Value> = req.body.as_deref().map(|b| serde_json::from_str(b).unwrap());
                            assert_eq!(sent, body, "{op_id}: the body sent is the pair's body");
                        }
                        Err(e) => {
                            // Only the sendInvoice 400 pair ("badOrderId") and body-less creates of
                            // kinds that need a body: we refuse before sending, Amazon refuses after.
                            assert!(status >= 400 || body.is_none(), "{op_id} {status}: {e}");
                            if status < 400 {
                                assert_eq!(op_id, "sendInvoice", "{op_id}: {e}");
                            }
                        }
                    }
                    let parsed = parse_response(op, &response);
                    match status {
                        200 => match (parsed.unwrap(), op.operation_id) {
                            (Success::Actions(a), _) => {
                                assert!(!a.actions.is_empty(), "{op_id}");
                                let expected = pair["response"]["_links"]["actions"].as_array().unwrap().len();
                                assert_eq!(a.actions.len(), expected);
                                assert!(a.actions.iter().all(|x| x.href.contains(order)));
                            }
                            (Success::Attributes { locale }, "GetAttributes") => assert_eq!(locale.as_deref(), Some("en-US")),
                            (other, _) => panic!("{op_id}: {other:?}"),
                        },
                        201 => assert_eq!(parsed.unwrap(), Success::Created, "{op_id}"),
                        400 => {
                            let e = parsed.unwrap_err();
                            assert_eq!((e.kind, e.code()), (ApiErrorKind::InvalidInput, Some("InvalidInput")), "{op_id}");
                            assert_eq!(e.request_id.as_deref(), Some("sandbox"));
                            assert!(!e.retryable);
                        }
                        other => panic!("unexpected status {other} in the pairs"),
                    }
                    replayed += 1;
                }
            }
        }
    }
    assert_eq!(replayed, 24, "every pair replayed");
}

#[test]
fn the_400_pairs_order_ids_are_refused_or_passed_through() {
    // "123-1234567-0000000" is a well-formed id that Amazon's sandbox rejects: we build it and
    // parse Amazon's 400; "badOrderId" is malformed: we refuse it and send nothing.
    let call = |id: &str| Call {
        operation: "sendInvoice".into(),
        order_id: id.into(),
        marketplace_ids: vec!["ATVPDKIKX0DER".into()],
        body: Some(serde_json::json!({"attachments": [{"uploadDestinationId": "u", "fileName": "i.pdf"}]})),
        ..Default::default()
    };
    let e = Endpoint::new(Region::Na);
    assert!(build(&call("123-1234567-0000000"), &e, "t").is_ok());
    assert_eq!(build(&call("badOrderId"), &e, "t").unwrap_err().kind(), "invalidOrderId");
}

/// The static sandbox pairs of orders_2026-01-01.json and sellers.json for the reads the core
/// makes: each request is what we build from the pair's parameters (or, for the `TEST_CASE_400`
/// pairs, whose values are malformed, what we refuse to build), and each 200 answer parses to
/// what the pair's response says.
#[test]
fn orders_and_sellers_pairs_replay() {
    use sp_outreach::request::{build_call, ApiCall};
    let mut replayed = 0;
    for (file, wanted) in
        [("orders_2026-01-01.json", ["getOrder", "searchOrders"].as_slice()), ("sellers.json", &["getMarketplaceParticipations"])]
    {
        let model = common::model(file);
        for methods in model["paths"].as_object().unwrap().values() {
            for op in methods.as_object().unwrap().values() {
                let id = op["operationId"].as_str().unwrap();
                if !wanted.contains(&id) {
                    continue;
                }
                for (status, r) in op["responses"].as_object().unwrap() {
                    let Some(pairs) = r["x-amzn-api-sandbox"]["static"].as_array() else { continue };
                    for pair in pairs {
                        let mut call = serde_json::Map::new();
                        call.insert("operation".into(), id.into());
                        for (name, p) in pair["request"]["parameters"].as_object().unwrap() {
                            call.insert(name.clone(), p["value"].clone());
                        }
                        // The region of the pair's marketplace (searchOrders names one), else NA.
                        let region = call
                            .get("marketplaceIds")
                            .and_then(|m| m[0].as_str())
                            .map_or(Region::Na, |m| sp_outreach::Marketplace::by_id(m).unwrap().region);
                        let endpoint = Endpoint { region, sandbox: true, base_url: None };
                        let built = ApiCall::from_value(Value::Object(call.clone()))
                            .map_err(|e| e.to_string())
                            .and_then(|c| build_call(&c, &endpoint, "t").map_err(|e| e.to_string()));
                        let response =
                            HttpResponse::new(status.parse().unwrap(), &[("x-amzn-RequestId", "sandbox")], &pair["response"].to_string());
                        let parsed = parse_response(Operation::find(id).unwrap(), &response);
                        match status.as_str() {
                            "200" => {
                                let req = built.unwrap_or_else(|e| panic!("{id}: {e}"));
                                assert!(req.url.starts_with(&format!("https://sandbox.sellingpartnerapi-{}.amazon.com/", region.as_str())));
                                if let Some(order) = call.get("orderId") {
                                    assert!(req.url.contains(order.as_str().unwrap()));
                                }
                                for (name, p) in pair["request"]["parameters"].as_object().unwrap() {
                                    if let Some(list) = p["value"].as_array() {
                                        let values: Vec<&str> = list.iter().map(|v| v.as_str().unwrap()).collect();
                                        assert!(req.url.contains(&format!("{name}={}", values.join(","))), "{id}: {name} in {}", req.url);
                                    }
                                }
                                let expected = &pair["response"];
                                match parsed.unwrap_or_else(|e| panic!("{id}: {}", e.explanation)) {
                                    Success::Order { order } => {
                                        let o = &expected["order"];
                                        assert_eq!(order.order_id(), o["orderId"]);
                                        assert_eq!(order.marketplace_id(), o["salesChannel"]["marketplaceId"].as_str());
                                        assert_eq!(order.fulfillment_status(), o["fulfillment"]["fulfillmentStatus"].as_str());
                                        assert_eq!(order.deliver_by().is_some(), o["fulfillment"].get("deliverByWindow").is_some());
                                    }
                                    Success::Orders { orders, next_token } => {
                                        let list = expected["orders"].as_array().unwrap();
                                        assert_eq!(orders.len(), list.len());
                                        for (ours, theirs) in orders.iter().zip(list) {
                                            assert_eq!(ours.order_id(), theirs["orderId"]);
                                            assert_eq!(ours.marketplace_id(), theirs["salesChannel"]["marketplaceId"].as_str());
                                            let packages = theirs["packages"].as_array().map_or(0, Vec::len);
                                            assert_eq!(ours.value()["packages"].as_array().map_or(0, Vec::len), packages);
                                        }
                                        assert_eq!(next_token.as_deref(), expected["pagination"]["nextToken"].as_str());
                                    }
                                    Success::Participations { participations } => {
                                        assert_eq!(participations.len(), expected["payload"].as_array().unwrap().len());
                                        assert_eq!(participations[0].marketplace_id(), expected["payload"][0]["marketplace"]["id"]);
                                        assert!(participations[0].participating());
                                    }
                                    other => panic!("{id}: {other:?}"),
                                }
                            }
                            "400" => {
                                // TEST_CASE_400 is no date and no order id: we refuse before sending.
                                let refused = built.unwrap_err();
                                assert!(refused.contains("TEST_CASE_400"), "{id}: {refused}");
                                let e = parsed.unwrap_err();
                                assert_eq!((e.kind, e.code()), (ApiErrorKind::InvalidInput, Some("InvalidInput")), "{id}");
                            }
                            other => panic!("unexpected status {other}"),
                        }
                        replayed += 1;
                    }
                }
            }
        }
    }
    assert_eq!(replayed, 9, "every pair of the three reads replayed");
}

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

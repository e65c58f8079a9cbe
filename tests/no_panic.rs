//! Property tests: arbitrary JSON and strings never panic a parser, validator, linter or builder
//! (a panic would kill the wasm module).
#![cfg(not(target_arch = "wasm32"))]
use proptest::prelude::*;
use serde_json::Value;
use sp_outreach::catalogue::OPERATION_COUNT;
use sp_outreach::request::{build, build_call, check_body, ApiCall, Call, Endpoint};
use sp_outreach::window::review_window_at;
use sp_outreach::{hal, lint, lwa, response, validate, Api, HttpResponse, Marketplace, Region, OPERATIONS};

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,20}".prop_map(Value::String),
        prop_oneof![
            Just("text"),
            Just("attachments"),
            Just("_links"),
            Just("actions"),
            Just("href"),
            Just("#"),
            Just("#/definitions/A"),
            Just("getOrder"),
            Just("searchOrders"),
            Just("getMarketplaceParticipations"),
            Just("2026-01-01T00:00:00Z"),
            Just("123-1234567-1234567"),
            Just("ATVPDKIKX0DER"),
            Just("SHIPPED"),
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        let key = prop_oneof![
            Just("type".to_owned()),
            Just("properties".to_owned()),
            Just("items".to_owned()),
            Just("$ref".to_owned()),
            Just("required".to_owned()),
            Just("enum".to_owned()),
            Just("maxLength".to_owned()),
            Just("minItems".to_owned()),
            Just("anyOf".to_owned()),
            Just("not".to_owned()),
            Just("_links".to_owned()),
            Just("_embedded".to_owned()),
            Just("actions".to_owned()),
            Just("schema".to_owned()),
            Just("text".to_owned()),
            Just("attachments".to_owned()),
            Just("definitions".to_owned()),
            Just("payload".to_owned()),
            Just("errors".to_owned()),
            Just("operation".to_owned()),
            Just("orderId".to_owned()),
            Just("createdAfter".to_owned()),
            Just("marketplaceIds".to_owned()),
            Just("includedData".to_owned()),
            Just("order".to_owned()),
            Just("orders".to_owned()),
            Just("salesChannel".to_owned()),
            Just("fulfillment".to_owned()),
            "[a-z]{1,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect()))
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn validator_never_panics(schema in json(), instance in json()) {
        let _ = validate(&schema, &instance);
    }

    #[test]
    fn parsers_never_panic(doc in json(), raw in ".{0,200}", status in 0u16..1000) {
        let text = doc.to_string();
        for body in [&text, &raw] {
            let _ = hal::parse_actions(Api::Messaging, body);
            let _ = hal::parse_actions(Api::Solicitations, body);
            let _ = sp_outreach::upload::parse_upload_destination(body);
            let r = HttpResponse::new(status, &[("x-amzn-RateLimit-Limit", raw.as_str())], body);
            let _ = lwa::parse_token_response(&r, 0.0);
            for op in OPERATIONS.iter() {
                let _ = response::parse_response(op, &r);
            }
        }
    }

    #[test]
    fn linter_never_panics_and_spans_are_in_bounds(text in "\\PC{0,300}", mixed in "[<>@&a-z.:/ 星５★\u{1F600}\u{3000}\u{FF20}]{0,120}") {
        for t in [&text, &mixed] {
            let units = t.encode_utf16().count();
            for f in lint(t) {
                prop_assert!(f.start <= f.end && f.end <= units);
            }
        }
    }

    #[test]
    fn builder_never_panics(op in 0usize..OPERATION_COUNT, order in ".{0,25}", market in ".{0,16}", body in json(), schema in json(), token in ".{0,8}") {
        let call = Call { operation: OPERATIONS[op].operation_id.into(), order_id: order, marketplace_ids: vec![market], body: Some(body.clone()), schema: Some(schema.clone()), confirm_links: false };
        let _ = build(&call, &Endpoint::new(Region::Na), &token);
        let _ = check_body(&OPERATIONS[op], &body, Some(&schema));
        if let Ok(c) = ApiCall::from_value(body) {
            let _ = build_call(&c, &Endpoint::new(Region::Eu), &token);
        }
    }

    #[test]
    fn rules_never_panic(status in prop::option::of(".{0,12}"), a in prop::option::of(any::<f64>()), b in prop::option::of(any::<f64>()), now in any::<f64>(), text in ".{0,40}") {
        if let Ok(w) = review_window_at(status.as_deref(), a, b, now) {
            prop_assert!(w.opens_at.is_some() == w.closes_at.is_some());
        }
        let _ = Marketplace::by_channel(&text);
        let _ = Region::for_seller_central_host(&text);
    }
}

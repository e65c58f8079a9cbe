//! Arbitrary requests — paths, methods, content types, bodies, tokens — never get a 500 and never
//! panic: bad input gets SP-API's own error body with a 4xx.
mod common;

use axum::http::Method;
use common::*;
use proptest::prelude::*;

fn path() -> impl Strategy<Value = String> {
    let order = prop_oneof![Just(ELIGIBLE.to_owned()), Just(UNSHIPPED.to_owned()), "[0-9a-zA-Z%-]{0,22}"];
    let kind =
        prop_oneof![Just("confirmDeliveryDetails".to_owned()), Just("invoice".to_owned()), Just("warranty".to_owned()), "[a-zA-Z%]{0,12}"];
    let query = prop_oneof![Just(format!("?marketplaceIds={US}")), Just(String::new()), "\\?[a-zA-Z=&%,]{0,30}"];
    (order, kind, query, 0..11usize).prop_map(|(o, k, q, shape)| match shape {
        0 => format!("/solicitations/v1/orders/{o}{q}"),
        1 => format!("/solicitations/v1/orders/{o}/solicitations/productReviewAndSellerFeedback{q}"),
        2 => format!("/messaging/v1/orders/{o}{q}"),
        3 => format!("/messaging/v1/orders/{o}/messages/{k}{q}"),
        4 => format!("/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/{o}/messages/{k}{q}&contentMD5={k}"),
        5 => format!("/buyer-seller-messaging-prod-draft-attachment-namarketplace/%2F{k}/{o}{q}"),
        6 => format!("/orders/2026-01-01/orders/{o}{q}&includedData={k}"),
        7 => format!("/orders/2026-01-01/orders{q}&createdAfter={k}&paginationToken={o}&maxResultsPerPage={k}"),
        8 => format!("/orders/2026-01-01/orders?lastUpdatedAfter=2026-01-0{}&fulfillmentStatuses={k}{}", o.len() % 10, q.replace('?', "&")),
        9 => format!("/sellers/v1/marketplaceParticipations{q}"),
        _ => format!("/auth/o2/token{q}"),
    })
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(r#"{"text":"Arrives Tuesday."}"#.to_owned()),
        Just(r#"{"attachments":[{"uploadDestinationId":"x","fileName":"a.pdf"}],"coverageStartDate":"2026-01-01T00:00:00Z","coverageEndDate":"x"}"#.to_owned()),
        Just("grant_type=refresh_token&client_id=&client_secret=%ZZ".to_owned()),
        ".{0,200}",
        "[\\[\\]{}\":,a-z0-9 ]{0,120}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn never_a_500(path in path(), method in 0..4usize, ct in 0..4usize, body in body(), with_token in any::<bool>()) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let (_, app) = sandbox();
            let token = if with_token { login(&app).await } else { "Atza|nope".to_owned() };
            let method = [Method::GET, Method::POST, Method::PUT, Method::DELETE][method].clone();
            let ct = ["application/json", "application/x-www-form-urlencoded", "text/plain", ""][ct];
            let mut headers = vec![("x-amz-access-token", token.as_str())];
            if !ct.is_empty() {
                headers.push(("content-type", ct));
            }
            let a = send(&app, method, &path, &headers, body).await;
            assert!(a.status.as_u16() < 500, "{path}: {} {}", a.status, a.text);
            assert!(a.header("x-amzn-requestid").is_some());
        });
    }
}

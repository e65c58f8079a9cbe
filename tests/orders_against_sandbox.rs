//! The core's Orders reads against sp-sandbox: every order of the demo scenario is read with
//! `getOrder` and found again by paging `searchOrders`, both built and parsed by the core and
//! answered by the emulator in-process; the review window the core computes from Amazon's answer
//! (src/window.rs) must agree with the emulator's own, independently written, eligibility.
#![cfg(not(target_arch = "wasm32"))]

use axum::body::Body;
use serde_json::Value;
use sp_outreach::lwa::{parse_token_response, token_request};
use sp_outreach::orders::Query;
use sp_outreach::request::Endpoint;
use sp_outreach::response::{parse_response, Success};
use sp_outreach::window::WindowState;
use sp_outreach::{Credentials, HttpRequest, HttpResponse, Region};
use sp_sandbox::{Config, Sandbox, Scenario};
use tower::ServiceExt;

async fn exchange(app: &axum::Router, req: &HttpRequest) -> HttpResponse {
    let (host, path) = req.url.split_once("://").unwrap().1.split_once('/').unwrap();
    let mut r = axum::http::Request::builder().method(req.method.as_str()).uri(format!("/{path}")).header("host", host);
    for (k, v) in &req.headers {
        r = r.header(k, v);
    }
    let body = req.body.clone().map(String::into_bytes).unwrap_or_default();
    let resp = app.clone().oneshot(r.body(Body::from(body)).unwrap()).await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned())).collect();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
    HttpResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

async fn admin(app: &axum::Router, path: &str) -> Value {
    let r = axum::http::Request::builder().uri(format!("/_sandbox/{path}")).body(Body::empty()).unwrap();
    let resp = app.clone().oneshot(r).await.unwrap();
    serde_json::from_slice(&axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap()).unwrap()
}

#[tokio::test]
async fn every_demo_order_reads_the_same_window_on_both_sides() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/demo/orders.json")).unwrap();
    let scenario: Value = serde_json::from_str(&text).unwrap();
    let app_creds = &scenario["applications"][0];
    // Rate limits off: this test is about what the answers say, not when they come.
    let sandbox = Sandbox::new(Config { rate_scale: 0.0, ..Config::default() }, Scenario::from_json(&text).unwrap());
    sandbox.world().clock.freeze(true);
    let app = sp_sandbox::app(sandbox.clone());
    let creds = Credentials {
        client_id: app_creds["clientId"].as_str().unwrap().into(),
        client_secret: app_creds["clientSecret"].as_str().unwrap().into(),
        refresh_token: app_creds["refreshToken"].as_str().unwrap().into(),
    };
    let token = parse_token_response(&exchange(&app, &token_request(&creds, Some("https://api.amazon.com")).unwrap()).await, 0.0)
        .unwrap()
        .access_token;
    let view = admin(&app, "orders").await;
    let now_ms = time::OffsetDateTime::parse(view["now"].as_str().unwrap(), &time::format_description::well_known::Rfc3339)
        .unwrap()
        .unix_timestamp()
        * 1000;

    let mut compared = 0;
    for region in [Region::Na, Region::Eu, Region::Fe] {
        let endpoint = Endpoint::new(region);
        let mine: Vec<&Value> = view["orders"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| sp_outreach::ids::Marketplace::by_id(o["marketplaceId"].as_str().unwrap()).map(|m| m.region).ok() == Some(region))
            .collect();
        for o in &mine {
            let id = o["amazonOrderId"].as_str().unwrap();
            let q = Query::get_order(id).with("includedData", &["FULFILLMENT", "PACKAGES"]).unwrap();
            let resp = exchange(&app, &q.build(&endpoint, &token).unwrap()).await;
            let Ok(Success::Order { order }) = parse_response(q.op, &resp) else { panic!("{id}: {} {}", resp.status, resp.body) };
            assert_eq!(order.marketplace_id(), o["marketplaceId"].as_str(), "{id}: the marketplace is Amazon's answer");
            let window = order.review_window(now_ms).state;
            let expected: &[WindowState] = match o["reviewRequest"].as_str().unwrap() {
                "eligible" | "alreadyRequested" => &[WindowState::Open],
                "notShipped" => &[WindowState::NotShipped],
                "outsideWindow" => &[WindowState::NotYet, WindowState::Closed],
                other => panic!("{other}"),
            };
            assert!(expected.contains(&window), "{id}: the core says {window:?}, the emulator {}", o["reviewRequest"]);
            compared += 1;
        }
        // The same orders found again by searching, page by page (up to 100 a page, tokens URL-encoded).
        let mut found = Vec::new();
        let mut token_next: Option<String> = None;
        loop {
            let mut q =
                Query::search_orders().with("createdAfter", &["2020-01-01T00:00:00Z"]).unwrap().with("maxResultsPerPage", &["7"]).unwrap();
            if let Some(t) = &token_next {
                q = q.with("paginationToken", &[t]).unwrap();
            }
            let resp = exchange(&app, &q.build(&endpoint, &token).unwrap()).await;
            let Ok(Success::Orders { orders, next_token }) = parse_response(q.op, &resp) else { panic!("{} {}", resp.status, resp.body) };
            found.extend(orders.iter().map(|o| o.order_id().to_owned()));
            match next_token {
                Some(t) => token_next = Some(t),
                None => break,
            }
        }
        found.sort();
        let mut want: Vec<String> = mine.iter().map(|o| o["amazonOrderId"].as_str().unwrap().to_owned()).collect();
        want.sort();
        assert_eq!(found, want, "searchOrders in {region:?} finds every order of the region once");
    }
    assert!(compared >= 40, "{compared} orders compared");
}

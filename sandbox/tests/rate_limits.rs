//! Rate limits under the emulator's clock: a bucket per application and operation at Amazon's
//! rates (facts.md: 1/s burst 5; uploads 10/s burst 10), 429 `QuotaExceeded` without the
//! rate-limit header, refills as the clock advances, and `--rate-scale`.
mod common;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use common::*;
use sp_sandbox::Config;

fn attributes() -> String {
    format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}")
}

#[tokio::test]
async fn burst_of_five_then_one_per_second() {
    let (sb, app) = sandbox_with(Config::default());
    let token = login(&app).await;
    for i in 0..5 {
        assert_eq!(get(&app, &token, &attributes()).await.status, StatusCode::OK, "request {i} of the burst");
    }
    let throttled = get(&app, &token, &attributes()).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.error(), ("QuotaExceeded".into(), "You exceeded your quota for the requested resource.".into()));
    assert_eq!(throttled.header("x-amzn-ratelimit-limit"), None, "never on 429");
    assert!(throttled.header("x-amzn-requestid").is_some());
    // Another operation has its own bucket.
    assert_eq!(get(&app, &token, &format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}")).await.status, StatusCode::OK);
    sb.world().clock.advance(time::Duration::milliseconds(999));
    assert_eq!(get(&app, &token, &attributes()).await.status, StatusCode::TOO_MANY_REQUESTS);
    sb.world().clock.advance(time::Duration::milliseconds(1));
    assert_eq!(get(&app, &token, &attributes()).await.status, StatusCode::OK, "one token a second");
    assert_eq!(get(&app, &token, &attributes()).await.status, StatusCode::TOO_MANY_REQUESTS);
    sb.world().clock.advance(time::Duration::seconds(60));
    let refilled = futures_count(&app, &token, 7).await;
    assert_eq!(refilled, 5, "the bucket holds at most the burst");

    // A 429 is logged like any answer.
    let log = send(&app, Method::GET, "/_sandbox/log?operation=GetAttributes", &[], Body::empty()).await.json();
    assert!(log.as_array().unwrap().iter().any(|e| e["status"] == 429));
}

async fn futures_count(app: &axum::Router, token: &str, n: usize) -> usize {
    let mut ok = 0;
    for _ in 0..n {
        if get(app, token, &attributes()).await.status == StatusCode::OK {
            ok += 1;
        }
    }
    ok
}

#[tokio::test]
async fn buckets_are_per_application() {
    let (sb, app) = sandbox_with(Config::default());
    {
        let mut w = sb.world();
        let mut s = w.scenario.clone();
        s.applications.push(sp_sandbox::scenario::Application {
            client_id: "amzn1.application-oa2-client.second".into(),
            client_secret: "s2".into(),
            refresh_tokens: Default::default(),
            refresh_token: Some("Atzr|r2".into()),
            roles: None,
            marketplaces: None,
            store_name: None,
        });
        w.scenario = s;
    }
    let first = login(&app).await;
    let form = "grant_type=refresh_token&refresh_token=Atzr%7Cr2&client_id=amzn1.application-oa2-client.second&client_secret=s2";
    let second = send(&app, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], form).await.json()
        ["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(futures_count(&app, &first, 6).await, 5);
    assert_eq!(futures_count(&app, &second, 6).await, 5, "the second application has its own bucket");
}

#[tokio::test]
async fn rate_scale_multiplies_the_refill() {
    let (sb, app) = sandbox_with(Config { rate_scale: 20.0, ..Config::default() });
    let token = login(&app).await;
    assert_eq!(futures_count(&app, &token, 5).await, 5);
    let first = get(&app, &token, &attributes()).await;
    assert_eq!(first.status, StatusCode::TOO_MANY_REQUESTS);
    sb.world().clock.advance(time::Duration::milliseconds(50));
    let ok = get(&app, &token, &attributes()).await;
    assert_eq!(ok.status, StatusCode::OK, "×20: a token every 50 ms");
    assert_eq!(ok.header("x-amzn-ratelimit-limit"), Some("20.0"), "the header tells the scaled rate");
}

#[tokio::test]
async fn uploads_allow_ten_a_second() {
    let (_, app) = sandbox_with(Config::default());
    let token = login(&app).await;
    let uri = format!("/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/{ELIGIBLE}/messages/invoice?marketplaceIds={US}&contentMD5=1B2M2Y8AsgTpgAmY7PhCfg%3D%3D");
    let mut statuses = vec![];
    for _ in 0..11 {
        statuses.push(send(&app, Method::POST, &uri, &[("x-amz-access-token", &token)], Body::empty()).await.status.as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 10, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&429));
}

#[tokio::test]
async fn scale_zero_turns_limits_off() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    assert_eq!(futures_count(&app, &token, 50).await, 50);
}

#[tokio::test]
async fn each_region_has_its_own_buckets() {
    let (_, app) = sandbox_with(Config::default());
    let token = login(&app).await;
    let us = format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}");
    let jp = format!("/messaging/v1/orders/{IN_TRANSIT}/attributes?marketplaceIds={JP}");
    let mut statuses = vec![];
    for _ in 0..6 {
        statuses.push(get(&app, &token, &us).await.status.as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
    assert_eq!(get(&app, &token, &jp).await.status, StatusCode::OK, "the Far East endpoint's bucket is full");
}

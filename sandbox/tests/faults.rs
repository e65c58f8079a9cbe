//! Injected faults, in-process: statuses with a probability (seeded), latency, and connections
//! dropped before or after processing. Over real sockets: tests/process.rs.
mod common;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use common::*;
use serde_json::json;
use sp_sandbox::faults::Fault;
use sp_sandbox::Config;

const CREATE: &str = "createProductReviewAndSellerFeedbackSolicitation";

fn with_faults(specs: &[&str], seed: u64) -> (sp_sandbox::Sandbox, axum::Router) {
    sandbox_with(Config { rate_scale: 0.0, seed, faults: specs.iter().map(|s| Fault::parse(s).unwrap()).collect(), ..Config::default() })
}

#[tokio::test]
async fn a_status_fault_answers_without_processing() {
    let (sb, app) = with_faults(&[&format!("{CREATE}:status=503,times=1")], 1);
    let token = login(&app).await;
    let first = create_review(&app, &token, ELIGIBLE, US).await;
    assert_eq!(first.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(first.error().0, "ServiceUnavailable");
    assert!(sb.world().orders[ELIGIBLE].solicited_at.is_none(), "nothing was done");
    assert_eq!(create_review(&app, &token, ELIGIBLE, US).await.status, StatusCode::CREATED, "times=1: the fault is spent");
    // A reset restores the command line's faults.
    send(&app, Method::POST, "/_sandbox/reset", &[], Body::empty()).await;
    let token = login(&app).await;
    assert_eq!(create_review(&app, &token, ELIGIBLE, US).await.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn probabilities_are_seeded_and_about_right() {
    let run = |seed| async move {
        let (_, app) = with_faults(&["GetAttributes:status=500,p=0.3"], seed);
        let token = login(&app).await;
        let mut failures = vec![];
        for i in 0..400 {
            if get(&app, &token, &format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}")).await.status
                == StatusCode::INTERNAL_SERVER_ERROR
            {
                failures.push(i);
            }
        }
        failures
    };
    let a = run(7).await;
    assert_eq!(a, run(7).await, "the same seed fails the same requests");
    assert!((80..=160).contains(&a.len()), "p=0.3 of 400: {}", a.len());
}

#[tokio::test(start_paused = true)]
async fn latency_delays_the_answer() {
    let (_, app) = with_faults(&["*:latency=1500"], 1);
    let started = tokio::time::Instant::now();
    let token = login(&app).await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(1500));
    let started = tokio::time::Instant::now();
    assert_eq!(get(&app, &token, &format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}")).await.status, StatusCode::OK);
    assert!(started.elapsed() >= std::time::Duration::from_millis(1500));
}

#[tokio::test]
async fn drop_before_does_nothing_drop_after_does_the_work() {
    let (sb, app) = with_faults(&[], 1);
    let token = login(&app).await;
    let set = |fault: serde_json::Value| {
        let app = app.clone();
        async move { send(&app, Method::PUT, "/_sandbox/faults", &[], fault.to_string()).await }
    };
    set(json!({"operation": CREATE, "drop": "before", "times": 1})).await;
    let before = create_review(&app, &token, ELIGIBLE, US).await;
    assert_eq!(before.header("x-sp-sandbox-dropped"), Some("before"), "in-process, the marker says what a socket would see");
    assert!(sb.world().orders[ELIGIBLE].solicited_at.is_none());

    set(json!({"operation": CREATE, "drop": "after", "times": 1})).await;
    let after = create_review(&app, &token, ELIGIBLE, US).await;
    assert_eq!(after.header("x-sp-sandbox-dropped"), Some("after"));
    assert!(sb.world().orders[ELIGIBLE].solicited_at.is_some(), "processed: the exactly-once case");
    // Reading the actions again resolves the unknown outcome: no longer offered.
    let actions = get(&app, &token, &format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}")).await;
    assert!(action_names(&actions.json()).is_empty());

    let log = send(&app, Method::GET, &format!("/_sandbox/log?operation={CREATE}"), &[], Body::empty()).await.json();
    let outcomes: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["dropped-before", "dropped-after"]);
}

#[tokio::test]
async fn mid_response_sends_half_an_answer() {
    let (sb, app) = with_faults(&[&format!("{CREATE}:drop=midResponse")], 1);
    let token = login(&app).await;
    let req = axum::http::Request::post(solicitation(UK_ORDER, UK)).header("x-amz-access-token", &token).body(Body::empty()).unwrap();
    let resp = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert!(axum::body::to_bytes(resp.into_body(), usize::MAX).await.is_err(), "the body breaks off");
    assert!(sb.world().orders[UK_ORDER].solicited_at.is_some());
}

#[tokio::test]
async fn faults_are_managed_through_the_admin_api() {
    let (_, app) = with_faults(&[], 1);
    let add = send(
        &app,
        Method::POST,
        "/_sandbox/faults",
        &[],
        json!([{"operation": "*", "latencyMs": 5}, {"operation": "lwaToken", "status": 500}]).to_string(),
    )
    .await;
    assert_eq!(add.json().as_array().unwrap().len(), 2);
    let lwa =
        send(&app, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], "grant_type=refresh_token")
            .await;
    assert_eq!(
        (lwa.status, lwa.json()["error"].as_str()),
        (StatusCode::INTERNAL_SERVER_ERROR, Some("server_error")),
        "LWA's own error shape"
    );
    for bad in [
        json!({"operation": "x", "probability": 3}),
        json!({"operation": "x", "status": 200}),
        json!({"operation": "x", "drop": "sideways"}),
        json!({"op": "x"}),
    ] {
        assert_eq!(send(&app, Method::POST, "/_sandbox/faults", &[], bad.to_string()).await.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    assert_eq!(send(&app, Method::DELETE, "/_sandbox/faults", &[], Body::empty()).await.json(), json!([]));
    assert_eq!(send(&app, Method::GET, "/_sandbox/faults", &[], Body::empty()).await.json(), json!([]));
}

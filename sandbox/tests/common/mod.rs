//! Shared by the emulator's in-process tests: a sandbox on a frozen clock with a small scenario,
//! and a helper that sends one request through the router (axum's `oneshot`).
#![allow(dead_code)]
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use sp_sandbox::{app, Config, Sandbox, Scenario};
use tower::ServiceExt;

pub const US: &str = "ATVPDKIKX0DER";
pub const UK: &str = "A1F83G8C2ARO7P";
pub const JP: &str = "A1VC38T7YXB528";
/// Delivered 10 days ago: inside the review window.
pub const ELIGIBLE: &str = "111-0000000-0000001";
/// Delivered 2 days ago: the window opens in 3 days.
pub const TOO_EARLY: &str = "111-0000000-0000002";
/// Delivered 40 days ago: the window closed 10 days ago.
pub const TOO_LATE: &str = "111-0000000-0000003";
pub const UNSHIPPED: &str = "111-0000000-0000004";
pub const CANCELED: &str = "111-0000000-0000005";
pub const UK_ORDER: &str = "202-0000000-0000006";
/// Shipped, arriving in two days.
pub const IN_TRANSIT: &str = "249-0000000-0000007";

pub const CLIENT_ID: &str = "amzn1.application-oa2-client.test";
pub const CLIENT_SECRET: &str = "test-client-secret";
pub const REFRESH_TOKEN: &str = "Atzr|test-refresh-token";

pub fn scenario_json() -> String {
    let order = |id: &str, market: &str, status: &str, delivered: Option<i32>, locale: &str, extra: &str| {
        let dates = delivered
            .map(|d| format!(r#","earliestDeliveryDate":"now{:+}d","latestDeliveryDate":"now{:+}d""#, -d - 1, -d))
            .unwrap_or_default();
        format!(
            r#"{{"amazonOrderId":"{id}","marketplaceId":"{market}","status":"{status}","purchaseDate":"now-45d","buyerLocale":"{locale}"{dates}{extra}}}"#
        )
    };
    let orders = [
        order(ELIGIBLE, US, "Shipped", Some(10), "en-US", ""),
        order(TOO_EARLY, US, "Shipped", Some(2), "es-US", ""),
        order(TOO_LATE, US, "Shipped", Some(40), "en-US", r#","traits":["negativeFeedback"]"#),
        order(UNSHIPPED, US, "Unshipped", None, "en-US", r#","traits":["customized"]"#),
        order(CANCELED, US, "Canceled", None, "en-US", ""),
        order(UK_ORDER, UK, "Shipped", Some(10), "en-GB", r#","refunded":true,"details":{"buyerName":"Amelia Clarke"}"#),
        order(IN_TRANSIT, JP, "Shipped", Some(-2), "ja-JP", ""),
    ];
    format!(
        r#"{{"now":"2026-11-23T12:00:00Z","applications":[{{"clientId":"{CLIENT_ID}","clientSecret":"{CLIENT_SECRET}","refreshToken":"{REFRESH_TOKEN}"}}],"orders":[{}]}}"#,
        orders.join(",")
    )
}

/// A stateful sandbox on the test scenario, its clock frozen at 2026-11-23T12:00Z.
pub fn sandbox_with(config: Config) -> (Sandbox, Router) {
    let sb = Sandbox::new(config, Scenario::from_json(&scenario_json()).unwrap());
    {
        let mut w = sb.world();
        w.clock.freeze(true);
        w.clock.set(time::macros::datetime!(2026-11-23 12:00 UTC));
    }
    let router = app(sb.clone());
    (sb, router)
}

/// Rate limits off: tests/rate_limits.rs tests them.
pub fn sandbox() -> (Sandbox, Router) {
    sandbox_with(Config { rate_scale: 0.0, ..Config::default() })
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// The first SP-API error's code and message.
    pub fn error(&self) -> (String, String) {
        let e = &self.json()["errors"][0];
        (e["code"].as_str().unwrap_or_default().to_owned(), e["message"].as_str().unwrap_or_default().to_owned())
    }

    pub fn details(&self) -> String {
        self.json()["errors"][0]["details"].as_str().unwrap_or_default().to_owned()
    }

    /// The first error's message and details together: where a test looks for the reason.
    pub fn reason(&self) -> String {
        let (_, message) = self.error();
        format!("{message} {}", self.details())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn send(app: &Router, method: Method, uri: &str, headers: &[(&str, &str)], body: impl Into<Body>) -> Answer {
    let mut req = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = app.clone().oneshot(req.body(body.into()).unwrap()).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap_or_default();
    Answer { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
}

pub async fn login(app: &Router) -> String {
    let form = format!(
        "grant_type=refresh_token&refresh_token={}&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}",
        REFRESH_TOKEN.replace('|', "%7C")
    );
    let a = send(app, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    a.json()["access_token"].as_str().unwrap().to_owned()
}

/// GET with the access token.
pub async fn get(app: &Router, token: &str, uri: &str) -> Answer {
    send(app, Method::GET, uri, &[("x-amz-access-token", token)], Body::empty()).await
}

/// POST of a JSON body with the access token.
pub async fn post_json(app: &Router, token: &str, uri: &str, body: &Value) -> Answer {
    send(app, Method::POST, uri, &[("x-amz-access-token", token), ("content-type", "application/json")], body.to_string()).await
}

pub fn solicitation(order: &str, market: &str) -> String {
    format!("/solicitations/v1/orders/{order}/solicitations/productReviewAndSellerFeedback?marketplaceIds={market}")
}

pub fn message(order: &str, kind: &str, market: &str) -> String {
    format!("/messaging/v1/orders/{order}/messages/{kind}?marketplaceIds={market}")
}

pub async fn create_review(app: &Router, token: &str, order: &str, market: &str) -> Answer {
    send(app, Method::POST, &solicitation(order, market), &[("x-amz-access-token", token)], Body::empty()).await
}

/// The names under `_links.actions` of an actions document.
pub fn action_names(doc: &Value) -> Vec<String> {
    doc["_links"]["actions"]
        .as_array()
        .unwrap_or_else(|| panic!("not an actions document: {doc}"))
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect()
}

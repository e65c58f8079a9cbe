//! Shared bodies of the wasm tests, run in Node, in browser windows and in a service worker.
//! They call the exports JS sees and drive the Client over real fetches to the stand-in server
//! (tests/standin/server.mjs), whose URL is baked in at compile time as STANDIN_URL.
#![allow(dead_code)]
use js_sys::{Array, Function, Promise, Reflect, JSON};
use serde_json::Value;
use sp_outreach::wasm::{self, Client};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub const STANDIN: &str = match option_env!("STANDIN_URL") {
    Some(u) => u,
    None => "http://127.0.0.1:9",
};
pub const US: &str = "ATVPDKIKX0DER";

pub fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap()
}

fn s(v: &JsValue, k: &str) -> String {
    get(v, k).as_string().unwrap_or_default()
}

/// A fresh order id ending in `tail` (the stand-in's behaviour), unique per test run.
pub fn order(tail: &str) -> String {
    let r = (js_sys::Math::random() * 1e10) as u64;
    format!("{:03}-{:07}-{tail}", r % 1000, (r / 1000) % 10_000_000)
}

pub async fn fetch_text(url: &str) -> String {
    let r = gloo_net::http::Request::get(url).send().await.expect("stand-in reachable");
    r.text().await.unwrap()
}

/// The stand-in's log, only the entries that name `needle`.
pub async fn log(needle: &str) -> Vec<Value> {
    let all: Vec<Value> = serde_json::from_str(&fetch_text(&format!("{STANDIN}/_standin/log")).await).unwrap();
    all.into_iter().filter(|e| e["path"].as_str().unwrap_or("").contains(needle)).collect()
}

fn count(log: &[Value], method: &str, suffix: &str) -> usize {
    log.iter().filter(|e| e["method"] == method && e["path"].as_str().unwrap().ends_with(suffix)).count()
}

pub fn config(extra: &str) -> JsValue {
    js(&format!(
        r#"{{"clientId":"amzn1.application-oa2-client.standin","clientSecret":"standin-secret","refreshToken":"Atzr|standin-refresh","region":"na","baseUrl":"{STANDIN}","lwaUrl":"{STANDIN}"{extra}}}"#
    ))
}

pub fn client(config: JsValue) -> Client {
    Client::new(config.unchecked_into()).map_err(|e| format!("{e:?}")).expect("client")
}

/// The client's methods return their promise as a plain `JsValue` (the core does not link js-sys).
async fn wait(p: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::from(p)).await
}

fn assert_core_error(e: &JsValue, kind: &str) {
    assert!(e.is_instance_of::<js_sys::Error>(), "{e:?}");
    assert_eq!(s(e, "name"), "SpOutreachError");
    assert_eq!(s(e, "kind"), kind, "{e:?}");
    assert!(!s(e, "message").is_empty());
}

pub fn pure_functions() {
    let call = js(&format!(
        r#"{{"operation":"confirmDeliveryDetails","orderId":"123-1234567-1234567","marketplaceIds":["{US}"],"body":{{"text":"Arrives Tuesday."}}}}"#
    ));
    let req = wasm::build_request(call.unchecked_into(), js(r#"{"region":"na"}"#).unchecked_into(), "Atza|t".into()).unwrap();
    assert_eq!(s(&req, "url"), format!("https://sellingpartnerapi-na.amazon.com/messaging/v1/orders/123-1234567-1234567/messages/confirmDeliveryDetails?marketplaceIds={US}"));
    assert_eq!(s(&req, "body"), r#"{"text":"Arrives Tuesday."}"#);

    let bad = js(&format!(r#"{{"operation":"confirmDeliveryDetails","orderId":"123","marketplaceIds":["{US}"]}}"#));
    let e = wasm::build_request(bad.unchecked_into(), js(r#"{"region":"na"}"#).unchecked_into(), "t".into()).unwrap_err();
    assert_core_error(&e, "invalidOrderId");
    assert_eq!(s(&e, "source"), "build");

    let html = js(&format!(
        r#"{{"operation":"confirmDeliveryDetails","orderId":"123-1234567-1234567","marketplaceIds":["{US}"],"body":{{"text":"<b>hi</b>"}}}}"#
    ));
    let e = wasm::build_request(html.unchecked_into(), js(r#"{"region":"na"}"#).unchecked_into(), "t".into()).unwrap_err();
    assert_core_error(&e, "invalidBody");

    let findings: Array = wasm::lint_text("😀 mail anna@example.com".into()).unwrap().unchecked_into();
    assert_eq!(findings.length(), 1);
    let f = findings.get(0);
    assert_eq!((s(&f, "rule"), get(&f, "start").as_f64(), get(&f, "end").as_f64()), ("email".into(), Some(8.0), Some(24.0)));

    let report =
        wasm::check_body("confirmDeliveryDetails".into(), js(r#"{"text":"See https://example.com/track"}"#), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&report, "valid").as_bool(), Some(true));
    assert_eq!(get(&report, "needsLinkConfirmation").as_bool(), Some(true));

    let resp = js(
        r#"{"status":403,"headers":[["x-amzn-RequestId","r-1"]],"body":"{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"The requested solicitation is not available for this amazonOrderId.\"}]}"}"#,
    );
    let e = wasm::parse_response("productReviewAndSellerFeedback".into(), resp.unchecked_into()).unwrap_err();
    assert_core_error(&e, "alreadyRequestedOrOutsideWindow");
    assert_eq!(s(&get(&e, "details"), "requestId"), "r-1");

    assert_eq!(wasm::content_md5(js_sys::Uint8Array::from(&b"abc"[..]).into()).unwrap(), "kAFQmDzST7DWlj99KOF/cg==");
    let ops: Array = wasm::operations().unwrap().unchecked_into();
    assert_eq!(ops.length() as usize, sp_outreach::OPERATIONS.len());
}

/// A real gloo-net request (token + actions + attributes) to the local stand-in.
pub async fn real_requests() {
    let c = client(config(""));
    let o = order("1111111");
    let actions = wait(c.get_actions("solicitations".into(), o.clone().into(), US.into())).await.unwrap();
    let list: Array = get(&actions, "actions").unchecked_into();
    assert_eq!(list.length(), 1);
    assert_eq!(s(&list.get(0), "operationId"), "createProductReviewAndSellerFeedbackSolicitation");
    let attrs = wait(c.get_attributes(o.clone().into(), US.into())).await.unwrap();
    assert_eq!(s(&attrs, "locale"), "de-DE");
    let l = log(&o).await;
    assert!(l.iter().all(|e| e["hasToken"] == true));
}

pub async fn review_flow_exactly_once() {
    let c = client(config(""));
    let o = order("1111111");
    let first = wait(c.request_review(o.clone().into(), US.into(), None)).await.unwrap();
    assert_eq!(s(&first, "status"), "requested");
    assert!(!s(&first, "requestId").is_empty());
    let second = wait(c.request_review(o.clone().into(), US.into(), None)).await.unwrap();
    assert_eq!(s(&second, "status"), "notEligible");
    assert!(s(&second, "explanation").contains("already requested"));
    let l = log(&o).await;
    assert_eq!(count(&l, "POST", "/productReviewAndSellerFeedback"), 1, "{l:?}");

    let ineligible = order("2222222");
    let r = wait(c.request_review(ineligible.clone().into(), US.into(), None)).await.unwrap();
    assert_eq!((s(&r, "status"), s(&r, "reason")), ("notEligible".into(), "notOffered".into()));
    assert_eq!(count(&log(&ineligible).await, "POST", "/productReviewAndSellerFeedback"), 0);

    let e = wait(c.request_review("12-34".into(), US.into(), None)).await.unwrap_err();
    assert_core_error(&e, "invalidOrderId");
}

/// The create is processed and the connection drops: the client re-reads the actions instead of
/// resending, and finds the request went through.
pub async fn unknown_outcome_is_verified_not_resent() {
    let c = client(config(""));
    let o = order("3333333");
    let r = wait(c.request_review(o.clone().into(), US.into(), None)).await.unwrap();
    assert_eq!(s(&r, "status"), "requested");
    assert_eq!(get(&r, "verified").as_bool(), Some(true));
    let l = log(&o).await;
    assert_eq!(count(&l, "POST", "/productReviewAndSellerFeedback"), 1, "{l:?}");
    assert_eq!(count(&l, "GET", &o), 2, "{l:?}");
}

/// A 503 HTML page on a read is retried after a jittered wait, and the onRetry hook hears of it.
pub async fn read_retried_with_hook() {
    let retries = Array::new();
    let sink = retries.clone();
    let hook = Closure::<dyn Fn(JsValue)>::new(move |info: JsValue| {
        sink.push(&info);
    });
    let cfg = config("");
    Reflect::set(&cfg, &"onRetry".into(), hook.as_ref()).unwrap();
    let c = client(cfg);
    let o = order("4444444");
    let r = wait(c.request_review(o.clone().into(), US.into(), None)).await.unwrap();
    assert_eq!(s(&r, "status"), "requested");
    assert_eq!(retries.length(), 1);
    let info = retries.get(0);
    assert_eq!(s(&info, "operation"), "getSolicitationActionsForOrder");
    assert_eq!(s(&info, "reason"), "HTTP 503");
    drop(hook);
}

pub async fn message_with_attachment_and_blocked_text() {
    let c = client(config(""));
    let o = order("5555555");
    let files = Array::new();
    let file = js(r#"{"fileName":"invoice.pdf","contentType":"application/pdf"}"#);
    Reflect::set(&file, &"bytes".into(), &js_sys::Uint8Array::from(&b"%PDF-1.4 test invoice"[..])).unwrap();
    files.push(&file);
    let r = wait(c.send_message("invoice".into(), o.clone().into(), US.into(), js("{}"), Some(files.unchecked_into()), None, None))
        .await
        .unwrap();
    assert_eq!(s(&r, "status"), "sent");
    let atts: Array = get(&r, "attachments").unchecked_into();
    assert_eq!(atts.length(), 1);
    let l = log(&o).await;
    assert_eq!(count(&l, "POST", "/messages/invoice"), 2, "upload destination + message: {l:?}");

    let r = wait(c.send_message(
        "confirmDeliveryDetails".into(),
        o.clone().into(),
        US.into(),
        js(r#"{"text":"Your parcel arrives on Tuesday."}"#),
        None,
        None,
        None,
    ))
    .await
    .unwrap();
    assert_eq!(s(&r, "kind"), "confirmDeliveryDetails");

    let blocked = order("6666666");
    for text in [r#"<b>Hello</b>"#, "Write to shop@example.com", "Please leave a 5-star review!"] {
        let body = js(&serde_json::json!({ "text": text }).to_string());
        let e = wait(c.send_message("confirmDeliveryDetails".into(), blocked.clone().into(), US.into(), body, None, None, None))
            .await
            .unwrap_err();
        assert_core_error(&e, "invalidBody");
    }
    assert!(log(&blocked).await.is_empty(), "nothing was sent for blocked text");

    let e = wait(c.send_message(
        "unexpectedProblem".into(),
        blocked.clone().into(),
        US.into(),
        js(r#"{"text":"Sorry for the delay."}"#),
        None,
        None,
        None,
    ))
    .await
    .unwrap_err();
    assert_core_error(&e, "messageKindNotOffered");
}

pub async fn token_refresh_and_bad_credentials() {
    let c = client(config(""));
    let o = order("7777777");
    wait(c.get_attributes(o.clone().into(), US.into())).await.unwrap();
    fetch_text(&format!("{STANDIN}/_standin/expire-tokens")).await;
    let attrs = wait(c.get_attributes(o.clone().into(), US.into())).await.unwrap();
    assert_eq!(s(&attrs, "locale"), "de-DE");
    assert_eq!(count(&log(&o).await, "GET", "/attributes"), 3, "rejected once, then refreshed and sent again");

    let bad = client(config(r#","clientSecret":"wrong""#));
    let e = wait(bad.check_credentials()).await.unwrap_err();
    assert_core_error(&e, "lwaInvalidClient");
    let bad = client(config(r#","refreshToken":"Atzr|revoked""#));
    let e = wait(bad.check_credentials()).await.unwrap_err();
    assert_core_error(&e, "lwaInvalidGrant");
    let e = Client::new(js(r#"{"clientId":"x","clientSecret":"","refreshToken":"y","region":"na"}"#).unchecked_into()).err().unwrap();
    assert_core_error(&e, "missingField");
}

/// A server that never answers: each read times out, is retried a bounded number of times, and the
/// caller gets a timeout error.
pub async fn timeouts_are_bounded() {
    let c = client(config(r#","timeoutMs":150"#));
    let o = order("9999999");
    let e = wait(c.get_attributes(o.clone().into(), US.into())).await.unwrap_err();
    assert_core_error(&e, "timeout");
    assert_eq!(s(&e, "source"), "timeout");
    assert_eq!(count(&log(&o).await, "GET", "/attributes"), 4, "RetryPolicy::default().max_attempts");
}

/// Loggers see every request and response, never a secret.
pub async fn loggers_redact_secrets() {
    let seen = Array::new();
    let sink = seen.clone();
    let logger = Closure::<dyn Fn(JsValue, JsValue)>::new(move |op: JsValue, v: JsValue| {
        sink.push(&JSON::stringify(&Array::of2(&op, &v)).unwrap());
    });
    let cfg = config("");
    for hook in ["logRequest", "logResponse"] {
        Reflect::set(&cfg, &hook.into(), logger.as_ref().unchecked_ref::<Function>()).unwrap();
    }
    let c = client(cfg);
    wait(c.request_review(order("8888888").into(), US.into(), None)).await.unwrap();
    assert!(seen.length() >= 6, "token, actions and create, each request and response");
    for line in seen.iter() {
        let line = line.as_string().unwrap();
        for secret in ["standin-secret", "standin-refresh", "Atza|"] {
            assert!(!line.contains(secret), "{secret} leaked: {line}");
        }
    }
    drop(logger);
}

/// A JS function that pushes what it is given onto `sink` (a stored state, as background.js does).
fn store(sink: &Array) -> Function {
    let sink = sink.clone();
    Closure::<dyn Fn(JsValue)>::new(move |v: JsValue| {
        sink.push(&v);
    })
    .into_js_value()
    .unchecked_into()
}

fn options(state: Option<&JsValue>, on_save: &Function) -> JsValue {
    let o = js_sys::Object::new();
    if let Some(s) = state {
        Reflect::set(&o, &"state".into(), s).unwrap();
    }
    Reflect::set(&o, &"onSave".into(), on_save).unwrap();
    o.into()
}

/// Issue #11 bug (a) through the exports: the state stored before a create left is all a new
/// worker has; going on from it verifies the create (it went through) instead of checking afresh,
/// which would say "not offered" and count a sent order as skipped.
pub async fn a_stored_review_goes_on_with_its_verification() {
    let saved = Array::new();
    let c = client(config(""));
    let o = order("1212121");
    let first = wait(c.request_review(o.clone().into(), US.into(), Some(options(None, &store(&saved)).unchecked_into()))).await.unwrap();
    assert_eq!(s(&first, "status"), "requested");
    assert_eq!(saved.length(), 1, "stored once, before the create left");
    // The worker stopped before the answer came: a new client goes on from what was stored.
    let again = client(config(""));
    let state = saved.get(0);
    let r = wait(again.request_review(o.clone().into(), US.into(), Some(options(Some(&state), &store(&Array::new())).unchecked_into())))
        .await
        .unwrap();
    assert_eq!((s(&r, "status"), get(&r, "verified").as_bool()), ("requested".into(), Some(true)));
    let l = log(&o).await;
    assert_eq!(count(&l, "POST", "/productReviewAndSellerFeedback"), 1, "verified, not sent again: {l:?}");
    // A state that is not one the core wrote is refused, typed, and nothing is sent.
    let e = wait(again.request_review(
        o.clone().into(),
        US.into(),
        Some(options(Some(&"{\"v\":1}".into()), &store(&Array::new())).unchecked_into()),
    ))
    .await
    .unwrap_err();
    assert_core_error(&e, "invalidState");
}

/// One order of the bulk queue, as bulk.js runs it: its first state from `queueReview`, then runs
/// until it rests; the state is stored before the create.
pub async fn a_queued_order_runs_to_its_end() {
    let o = order("1313131");
    let first =
        wasm::queue_review(o.clone().into(), US.into(), JsValue::NULL, JsValue::NULL, 0.into(), js_sys::Date::now().into()).unwrap();
    assert_eq!(s(&first, "stage"), "queued");
    let saved = Array::new();
    let c = client(config(""));
    let st = wait(c.run_queued_review(get(&first, "state"), store(&saved).into())).await.unwrap();
    assert_eq!(s(&st, "stage"), "sent");
    assert!(!s(&st, "requestId").is_empty());
    assert_eq!(saved.length(), 1);
    // Run again from its final state: nothing is sent.
    let again = wait(c.run_queued_review(get(&st, "state"), store(&saved).into())).await.unwrap();
    assert_eq!(s(&again, "stage"), "sent");
    assert_eq!(count(&log(&o).await, "POST", "/productReviewAndSellerFeedback"), 1);
}

/// A redirect is never followed (a token must not travel to wherever a 3xx points), and an upload
/// destination that is not Amazon S3 is never used: both are typed errors, nothing is sent on.
pub async fn redirects_and_foreign_upload_hosts_are_refused() {
    let c = client(config(""));
    let o = order("3030303");
    let e = wait(c.get_attributes(o.clone().into(), US.into())).await.unwrap_err();
    assert_core_error(&e, "redirectRefused");
    assert_eq!(count(&log(&o).await, "GET", "/attributes"), 1, "not sent again either");
    let o = order("6666667");
    let files = Array::new();
    let file = js(r#"{"fileName":"invoice.pdf","contentType":"application/pdf"}"#);
    Reflect::set(&file, &"bytes".into(), &js_sys::Uint8Array::from(&b"%PDF-1.4 invoice"[..])).unwrap();
    files.push(&file);
    let e = wait(c.send_message("invoice".into(), o.clone().into(), US.into(), js("{}"), Some(files.unchecked_into()), None, None))
        .await
        .unwrap_err();
    assert_core_error(&e, "uploadDestinationRefused");
    let l = log(&o).await;
    assert_eq!(count(&l, "POST", "/messages/invoice"), 1, "the destination only, no message: {l:?}");
    assert!(!l.iter().any(|e| e["method"] == "PUT"), "no upload to the foreign host");
}

/// The client's state is stored before every send, and a client made from it goes on with its
/// token (no new token request) and its rate-limit buckets.
pub async fn the_client_state_is_stored_and_taken_back() {
    let saved = Array::new();
    let cfg = config("");
    Reflect::set(&cfg, &"saveState".into(), &store(&saved)).unwrap();
    let c = client(cfg);
    let o = order("1414141");
    wait(c.get_attributes(o.clone().into(), US.into())).await.unwrap();
    assert_eq!(saved.length(), 2, "before the token request and before the read");
    let state = saved.get(1);
    let tokens = |l: &[Value]| l.iter().filter(|e| e["path"] == "/auth/o2/token").count();
    let before = tokens(&serde_json::from_str::<Vec<Value>>(&fetch_text(&format!("{STANDIN}/_standin/log")).await).unwrap());
    let cfg = config("");
    Reflect::set(&cfg, &"state".into(), &state).unwrap();
    let again = client(cfg);
    wait(again.get_attributes(o.clone().into(), US.into())).await.unwrap();
    let after = tokens(&serde_json::from_str::<Vec<Value>>(&fetch_text(&format!("{STANDIN}/_standin/log")).await).unwrap());
    assert_eq!(after, before, "the stored token was used");
}

/// Declares every shared test as a `#[wasm_bindgen_test]` in the including file.
#[macro_export]
macro_rules! wasm_tests {
    (sync: $($s:ident),*; async: $($a:ident),*) => {
        $(#[wasm_bindgen_test::wasm_bindgen_test] fn $s() { wasm_common::$s(); })*
        $(#[wasm_bindgen_test::wasm_bindgen_test] async fn $a() { wasm_common::$a().await; })*
    };
}

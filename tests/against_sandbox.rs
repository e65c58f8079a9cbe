//! The core against sp-sandbox: two independent implementations of Amazon's rules (the emulator
//! validates with the jsonschema crate and its own text rules) must agree. Every request here is
//! built by the core, answered by the emulator in-process, and parsed by the core.
#![cfg(not(target_arch = "wasm32"))]

use axum::body::Body;
use serde_json::{json, Value};
use sp_outreach::limiter::{verify_create, Verification};
use sp_outreach::lwa::{parse_token_response, token_request};
use sp_outreach::request::{build, build_upload_destination, check_body, Call, Endpoint};
use sp_outreach::response::{parse_response, ApiErrorKind, Success};
use sp_outreach::upload::{attachment, content_md5, upload_put, FileInfo};
use sp_outreach::{Credentials, HttpRequest, HttpResponse, Operation, Region};
use sp_sandbox::{Config, Sandbox, Scenario};
use tower::ServiceExt;

const US: &str = "ATVPDKIKX0DER";
const ELIGIBLE: &str = "113-0000000-0000001";
const TOO_EARLY: &str = "113-0000000-0000002";
const IN_TRANSIT: &str = "113-0000000-0000003";

fn scenario() -> Scenario {
    let order = |id: &str, earliest: &str, latest: &str| json!({"amazonOrderId": id, "marketplaceId": US, "status": "Shipped", "purchaseDate": "now-30d", "earliestDeliveryDate": earliest, "latestDeliveryDate": latest, "buyerLocale": "de-DE", "traits": ["digital"]});
    let s = json!({
        "now": "2026-11-23T12:00:00Z",
        "applications": [{"clientId": "amzn1.application-oa2-client.core", "clientSecret": "core-secret", "refreshToken": "Atzr|core-refresh"}],
        "orders": [order(ELIGIBLE, "now-12d", "now-10d"), order(TOO_EARLY, "now-2d", "now-1d"), order(IN_TRANSIT, "now+1d", "now+3d")],
    });
    Scenario::from_json(&s.to_string()).unwrap()
}

struct Emulator {
    sandbox: Sandbox,
    app: axum::Router,
}

impl Emulator {
    fn new(rate_scale: f64) -> Emulator {
        let sandbox = Sandbox::new(Config { rate_scale, ..Config::default() }, scenario());
        sandbox.world().clock.freeze(true);
        Emulator { app: sp_sandbox::app(sandbox.clone()), sandbox }
    }

    /// Sends the core's request as a browser would, to the host its URL names.
    async fn exchange(&self, req: &HttpRequest, body: Option<Vec<u8>>) -> HttpResponse {
        let (host, path) = req.url.split_once("://").unwrap().1.split_once('/').unwrap();
        let mut r = axum::http::Request::builder().method(req.method.as_str()).uri(format!("/{path}")).header("host", host);
        for (k, v) in &req.headers {
            r = r.header(k, v);
        }
        let body = body.or_else(|| req.body.clone().map(String::into_bytes)).unwrap_or_default();
        let resp = self.app.clone().oneshot(r.body(Body::from(body)).unwrap()).await.unwrap();
        let status = resp.status().as_u16();
        let headers: Vec<(String, String)> =
            resp.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned())).collect();
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
        HttpResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn token(&self) -> String {
        let creds = Credentials {
            client_id: "amzn1.application-oa2-client.core".into(),
            client_secret: "core-secret".into(),
            refresh_token: "Atzr|core-refresh".into(),
        };
        let req = token_request(&creds, Some("https://api.amazon.com")).unwrap();
        let resp = self.exchange(&req, None).await;
        let token = parse_token_response(&resp, 0.0).unwrap();
        assert!(token.is_fresh(0.0));
        token.access_token.clone()
    }

    async fn call(&self, token: &str, operation: &str, order: &str, body: Option<Value>) -> Result<Success, sp_outreach::ApiError> {
        let call =
            Call { operation: operation.into(), order_id: order.into(), marketplace_ids: vec![US.into()], body, ..Default::default() };
        let req = build(&call, &Endpoint::new(Region::Na), token).unwrap_or_else(|e| panic!("{operation}: {e}"));
        let resp = self.exchange(&req, None).await;
        parse_response(Operation::find(operation).unwrap(), &resp)
    }
}

fn actions(s: Result<Success, sp_outreach::ApiError>) -> sp_outreach::Actions {
    match s {
        Ok(Success::Actions(a)) => a,
        other => panic!("not actions: {other:?}"),
    }
}

#[tokio::test]
async fn the_review_flow_and_its_refusals_read_the_same_on_both_sides() {
    let e = Emulator::new(0.0);
    let token = e.token().await;
    let offered = actions(e.call(&token, "getSolicitationActionsForOrder", ELIGIBLE, None).await);
    let create = Operation::find("createProductReviewAndSellerFeedbackSolicitation").unwrap();
    assert!(offered.offers(create));
    assert_eq!(verify_create(create, &offered), Verification::NotSent);
    assert_eq!(e.call(&token, create.operation_id, ELIGIBLE, None).await.unwrap(), Success::Created);
    // Reading the actions again proves it was sent: the core's way to resolve an unknown outcome.
    let after = actions(e.call(&token, "getSolicitationActionsForOrder", ELIGIBLE, None).await);
    assert_eq!(verify_create(create, &after), Verification::Sent);
    let again = e.call(&token, create.operation_id, ELIGIBLE, None).await.unwrap_err();
    assert_eq!(again.kind, ApiErrorKind::AlreadyRequestedOrOutsideWindow);
    assert!(again.request_id.is_some());
    let early = e.call(&token, create.operation_id, TOO_EARLY, None).await.unwrap_err();
    assert_eq!(early.kind, ApiErrorKind::OutsideReviewWindow, "{early:?}");
    assert_eq!(e.sandbox.world().orders[ELIGIBLE].messages.len(), 1);
}

#[tokio::test]
async fn every_offered_message_kind_validates_and_sends_on_both_sides() {
    let e = Emulator::new(0.0);
    let token = e.token().await;
    match e.call(&token, "GetAttributes", IN_TRANSIT, None).await.unwrap() {
        Success::Attributes { locale } => assert_eq!(locale.as_deref(), Some("de-DE")),
        other => panic!("{other:?}"),
    }
    let offered = actions(e.call(&token, "getMessagingActionsForOrder", IN_TRANSIT, None).await);
    let mut sent = 0;
    for action in &offered.actions {
        let Some(op_id) = action.operation_id else { continue };
        let op = Operation::find(op_id).unwrap();
        let Some(schema) = action.schema.clone() else { continue };
        let text = op
            .body
            .and_then(|b| b.text_max)
            .map(|_| "Ihre Bestellung wird morgen zugestellt. Bei Fragen antworten Sie einfach auf diese Nachricht.");
        if op.body.and_then(|b| b.attachments_min).is_some_and(|m| m > 0) || action.name == "legalDisclosure" || action.name == "warranty" {
            continue; // needs an upload: the attachment test sends one
        }
        let body = text.map(|t| json!({"text": t})).unwrap_or(json!({}));
        let report = check_body(op, &body, Some(&schema));
        assert!(report.is_valid(), "{}: the core accepts {body}: {report:?}", action.name);
        let result = e.call(&token, op_id, IN_TRANSIT, Some(body.clone())).await;
        assert_eq!(result.unwrap(), Success::Created, "{}: the emulator accepts what the core accepts", action.name);
        sent += 1;

        // Too long by one character: the core refuses against the emulator's schema, and the
        // emulator refuses it too when sent anyway.
        if let Some(max) = op.body.and_then(|b| b.text_max) {
            let long = json!({"text": "ä".repeat(max as usize + 1)});
            assert!(!check_body(op, &long, Some(&schema)).is_valid(), "{}", action.name);
            let mut req = build(
                &Call {
                    operation: op_id.into(),
                    order_id: IN_TRANSIT.into(),
                    marketplace_ids: vec![US.into()],
                    body: Some(json!({"text": "x"})),
                    ..Default::default()
                },
                &Endpoint::new(Region::Na),
                &token,
            )
            .unwrap();
            req.body = Some(long.to_string());
            let refused = parse_response(op, &e.exchange(&req, None).await).unwrap_err();
            assert_eq!(refused.kind, ApiErrorKind::InvalidInput, "{}", action.name);
        }
    }
    assert!(sent >= 2, "confirmDeliveryDetails, digitalAccessKey, unexpectedProblem…: {sent}");
    // A kind not offered (customization details for an order that isn't customized).
    let wrong = e.call(&token, "confirmCustomizationDetails", IN_TRANSIT, Some(json!({"text": "Ihre Gravur: Anna"}))).await.unwrap_err();
    assert_eq!(wrong.kind, ApiErrorKind::MessageKindNotOffered);
}

#[tokio::test]
async fn an_invoice_goes_through_the_uploads_api() {
    let e = Emulator::new(0.0);
    let token = e.token().await;
    let pdf = b"%PDF-1.4\n% invoice 2026-0042\n".to_vec();
    let file = FileInfo { file_name: "invoice-2026-0042.pdf".into(), content_type: "application/pdf".into(), size: pdf.len() };
    let md5 = content_md5(&pdf);
    let req = build_upload_destination("sendInvoice", ELIGIBLE, &[US.into()], &file, &md5, &Endpoint::new(Region::Na), &token).unwrap();
    let dest = match parse_response(Operation::find("createUploadDestinationForResource").unwrap(), &e.exchange(&req, None).await).unwrap()
    {
        Success::UploadDestination(d) => d,
        other => panic!("{other:?}"),
    };
    let put = upload_put(&dest);
    let answer = e.exchange(&put, Some(pdf)).await;
    assert_eq!(answer.status, 200, "the PUT with exactly the returned headers passes S3's checks: {}", answer.body);
    let body = json!({"attachments": [attachment(&dest, &file.file_name)]});
    assert_eq!(e.call(&token, "sendInvoice", ELIGIBLE, Some(body)).await.unwrap(), Success::Created);
    let missing = e
        .call(
            &token,
            "sendInvoice",
            ELIGIBLE,
            Some(json!({"attachments": [{"uploadDestinationId": "amzn1.tortuga.4.na.none", "fileName": "x.pdf"}]})),
        )
        .await
        .unwrap_err();
    assert_eq!(missing.kind, ApiErrorKind::AttachmentMissing);
}

#[tokio::test]
async fn tokens_rate_limits_and_faults_mean_what_the_core_says() {
    let e = Emulator::new(1.0);
    let token = e.token().await;
    for _ in 0..5 {
        e.call(&token, "GetAttributes", ELIGIBLE, None).await.unwrap();
    }
    let throttled = e.call(&token, "GetAttributes", ELIGIBLE, None).await.unwrap_err();
    assert_eq!(throttled.kind, ApiErrorKind::QuotaExceeded);
    assert!(throttled.retryable);
    e.sandbox.world().clock.advance(time::Duration::hours(2));
    let expired = e.call(&token, "GetAttributes", ELIGIBLE, None).await.unwrap_err();
    assert_eq!(expired.kind, ApiErrorKind::TokenRejected, "{expired:?}");
    let token = e.token().await;
    e.sandbox
        .world()
        .faults
        .push(sp_sandbox::faults::Fault::parse("createProductReviewAndSellerFeedbackSolicitation:status=503,times=1").unwrap());
    let unknown = e.call(&token, "createProductReviewAndSellerFeedbackSolicitation", ELIGIBLE, None).await.unwrap_err();
    assert_eq!(unknown.kind, ApiErrorKind::ServerError);
    assert!(unknown.outcome_unknown, "a 5xx on a create: re-read the actions, never resend blindly");
}

#[tokio::test]
async fn a_missing_role_is_explained_as_access_denied() {
    let e = Emulator::new(0.0);
    e.sandbox.world().scenario.applications[0].roles = Some(vec![sp_sandbox::scenario::Role::BuyerCommunication]);
    let token = e.token().await;
    let denied = e.call(&token, "getSolicitationActionsForOrder", ELIGIBLE, None).await.unwrap_err();
    assert_eq!(denied.kind, ApiErrorKind::AccessDenied, "{denied:?}");
    assert!(denied.explanation.contains("Buyer Solicitation"), "{}", denied.explanation);
}

//! Every error example in ../shared/spapi/facts.md parsed to the right explanation. The bodies are
//! taken from facts.md itself where it quotes them whole, and each quoted message is checked to
//! still be in facts.md, so the test follows the document.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use sp_outreach::lwa::{parse_token_response, LwaErrorKind};
use sp_outreach::response::{parse_response, ApiErrorKind};
use sp_outreach::{HttpResponse, Operation};

fn body(code: &str, message: &str) -> String {
    serde_json::json!({"errors": [{"code": code, "message": message, "details": ""}]}).to_string()
}

#[test]
fn business_rule_errors_are_explained() {
    let facts = common::facts();
    // The one body facts.md quotes whole: the 5-30 day window.
    let start = facts.find(r#"{"errors":[{"code":"Unauthorized","message":"You can't"#).expect("window body in facts.md");
    let end = start + facts[start..].find("}]}").unwrap() + 3;
    let window = &facts[start..end];

    let cases: Vec<(&str, u16, String, ApiErrorKind, &str)> = vec![
        (
            "createProductReviewAndSellerFeedbackSolicitation",
            403,
            window.to_owned(),
            ApiErrorKind::OutsideReviewWindow,
            "5 to 30 days after delivery",
        ),
        (
            "createProductReviewAndSellerFeedbackSolicitation",
            403,
            body("Unauthorized", "The requested solicitation is not available for this amazonOrderId."),
            ApiErrorKind::AlreadyRequestedOrOutsideWindow,
            "already requested",
        ),
        (
            "createConfirmDeliveryDetails",
            403,
            body("Unauthorized", "Invalid amazonOrderId and template combination."),
            ApiErrorKind::MessageKindNotOffered,
            "doesn't offer this kind of message",
        ),
        (
            "sendInvoice",
            400,
            body("InvalidInput", "Attachment with ID 4e936e26-7b72-4b84-af27-e6baee1d546d does not exist"),
            ApiErrorKind::AttachmentMissing,
            "Upload the file again",
        ),
        (
            "confirmCustomizationDetails",
            429,
            body("QuotaExceeded", "You exceeded your quota for the requested resource."),
            ApiErrorKind::QuotaExceeded,
            "rate limit",
        ),
    ];
    for (op, status, text, kind, phrase) in cases {
        let e = parse_response(Operation::find(op).unwrap(), &HttpResponse::new(status, &[("x-amzn-RequestId", "r")], &text)).unwrap_err();
        assert_eq!(e.kind, kind, "{op} {text}");
        assert!(e.explanation.contains(phrase), "{op}: {}", e.explanation);
        let message = e.message().unwrap();
        let cited = message.split(" 4e93").next().unwrap(); // facts.md writes the id as "…"
        assert!(facts.contains(cited) || kind == ApiErrorKind::QuotaExceeded, "{cited} is no longer in facts.md");
        // Never "bad credentials" for a business rule.
        assert!(!e.explanation.to_lowercase().contains("credentials") || kind == ApiErrorKind::AccessDenied);
    }
    assert!(facts.contains("QuotaExceeded"));
}

#[test]
fn lwa_errors_are_explained() {
    let facts = common::facts();
    assert!(facts.contains("Errors come as `{error, error_description}` with 400/401"));
    let e = parse_token_response(
        &HttpResponse::new(
            400,
            &[],
            r#"{"error":"invalid_grant","error_description":"The request has an invalid grant parameter : refresh_token"}"#,
        ),
        0.0,
    )
    .unwrap_err();
    assert_eq!(e.kind, LwaErrorKind::InvalidGrant);
    assert!(e.explanation.contains("refresh token"));
    let e = parse_token_response(
        &HttpResponse::new(401, &[], r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#),
        0.0,
    )
    .unwrap_err();
    assert_eq!(e.kind, LwaErrorKind::InvalidClient);
    assert!(e.explanation.contains("client secret"));
}

#[test]
fn a_403_that_is_really_about_access_says_so() {
    let role = body("Unauthorized", "Access to requested resource is denied.");
    let e = parse_response(Operation::find("getMessagingActionsForOrder").unwrap(), &HttpResponse::new(403, &[], &role)).unwrap_err();
    assert_eq!(e.kind, ApiErrorKind::AccessDenied);
    assert!(e.explanation.contains("Buyer Communication"));
    let expired = body("Unauthorized", "The security token included in the request is expired");
    let e = parse_response(Operation::find("getSolicitationActionsForOrder").unwrap(), &HttpResponse::new(403, &[], &expired)).unwrap_err();
    assert_eq!(e.kind, ApiErrorKind::TokenRejected);
}
